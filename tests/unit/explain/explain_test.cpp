#include <doctest/doctest.h>

#include "sparkfit/explain/explain.hpp"
#include "sparkfit/output/explain.hpp"
#include "sparkfit/review/review.hpp"
#include "sparkfit/units/units.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;

namespace {
const rules::Finding* find_note(const explain::Explanation& e, const std::string& id) {
  for (const auto& note : e.notes)
    if (note.id == id) return &note;
  return nullptr;
}

// The explain exercise: 500 GB read by 5 executors of 2 cores in 2000 partitions.
explain::Request exercise() {
  explain::Request request;
  request.choices.num_executors = 5;
  request.choices.executor_cores = 2;
  request.job.input.size_bytes = units::parse_data_size("500GB");
  request.has_input = true;
  request.partitions = 2000;
  return request;
}

// The rules review runs, which judge explain's layouts too.
const std::vector<rules::Rule>& shipped_rules() {
  static const std::vector<rules::Rule> rules = review::load_rules(testing::kSourceDir + "/rules");
  return rules;
}

platform::Cluster yarn_cluster(int nodes) { return platform::cluster_for_yarn(nodes, 16, 64 * 1024, 1, 1024, 1024); }
}  // namespace

TEST_SUITE("explain") {
  TEST_CASE("500 GB on 5 executors of 2 cores with 2000 partitions: 200 waves of 10 tasks reading 256 MiB") {
    explain::Explanation e = explain::build(exercise());
    CHECK(e.task_slots == 10);
    REQUIRE(!e.stages.empty());
    const explain::Stage& scan = e.stages[e.focus];
    CHECK(scan.tasks == 2000);
    CHECK(scan.waves == 200);
    CHECK(*scan.bytes_per_task == 256 * units::kMiB);
    const rules::Finding* note = find_note(e, "long-wave-sequence");
    REQUIRE(note);
    CHECK(note->message.find("10 tasks run in parallel; 2000 partitions make 200 waves of 10 tasks, each task reading "
                             "256 MiB") == 0);
    CHECK(note->message.find("more executors or cores shorten it") != std::string::npos);
    CHECK(note->message.find("more partitions do not") != std::string::npos);
    std::string text = output::explain_text(e);
    CHECK(text.find("task slots = 5 executors x 2 cores / 1 (spark.task.cpus) = 10 tasks run in parallel") !=
          std::string::npos);
  }

  TEST_CASE("doubling the cores halves the waves, and doubling the partitions does not") {
    explain::Request request = exercise();
    CHECK(explain::build(request).stages[0].waves == 200);
    request.choices.executor_cores = 4;
    CHECK(explain::build(request).stages[0].waves == 100);
    request.choices.executor_cores = 2;
    request.partitions = 4000;
    explain::Explanation more = explain::build(request);
    CHECK(more.stages[0].waves == 400);
    CHECK(*more.stages[0].bytes_per_task == 128 * units::kMiB);
  }

  TEST_CASE("fewer tasks than slots leave cores idle") {
    explain::Request request;
    request.cluster = yarn_cluster(6);
    request.choices.executor_cores = 5;
    request.partitions = 40;
    explain::Explanation e = explain::build(request);
    CHECK(e.task_slots == 85);
    CHECK(e.notes.size() == 1);  // without rules, only explain's own wave arithmetic
    REQUIRE(find_note(e, "fewer-tasks-than-slots"));
    CHECK(find_note(e, "fewer-tasks-than-slots")->message.find("45 cores sit idle") != std::string::npos);
  }

  TEST_CASE("a scan split finer than maxPartitionBytes by default parallelism is not told to raise partitions") {
    // 10 GiB in 64 files on 40 nodes x 16 cores (595 slots): Spark's split rule cuts it into 592
    // splits of 17 MiB (99.5% of the slots), far below 128 MiB; more partitions only make smaller tasks.
    explain::Request request;
    request.cluster = yarn_cluster(40);
    request.choices.executor_cores = 5;
    request.job.input.size_bytes = 10 * units::kGiB;
    request.job.input.files = 64;
    request.has_input = true;
    explain::Explanation e = explain::build(request);
    const explain::Stage& scan = e.stages[0];
    REQUIRE(scan.tasks == 592);
    REQUIRE(e.task_slots == 595);
    REQUIRE(*scan.bytes_per_task * 4 < 128 * units::kMiB);
    CHECK_FALSE(find_note(e, "fewer-tasks-than-slots"));
    const rules::Finding* note = find_note(e, "tasks-already-small");
    REQUIRE(note);
    CHECK(note->message.find("more partitions would only make smaller tasks") != std::string::npos);
    CHECK(note->message.find("fewer, larger tasks") != std::string::npos);
  }

  TEST_CASE("the box and the bar show the same overhead, and YARN's rounding apart") {
    // 6 x 16 cores x 64 GiB, 5 cores: heap 19549m + overhead 1954m = 21503 MiB, rounded up to 21504.
    explain::Request request;
    request.cluster = platform::cluster_for_yarn(6, 16, 65536, 1, 1024, 1024);
    request.choices.executor_cores = 5;
    std::string text = output::explain_text(explain::build(request));
    CHECK(text.find("container 21504 MiB >= heap 19549m + overhead 1954 MiB ") != std::string::npos);
    CHECK(text.find("y rounding          1 MiB") != std::string::npos);
    CHECK(text.find("O overhead       1954 MiB") != std::string::npos);
    CHECK(text.find("1955 MiB") == std::string::npos);
  }

  TEST_CASE("one executor with 32 cores and a heap above 64 GiB is judged by SF2003 and SF2004") {
    explain::Request request;
    request.rules = &shipped_rules();
    // Two nodes: the AM fills one, the other runs the single 32-core executor.
    request.cluster = platform::cluster_for_yarn(2, 34, 256 * 1024, 2, 4096, 1024);
    request.choices.executor_cores = 32;
    explain::Explanation e = explain::build(request);
    CHECK(e.layout.num_executors == 1);
    REQUIRE(find_note(e, "SF2003"));
    CHECK(find_note(e, "SF2003")->message ==
          "executor uses 32 cores; 4-5 keep HDFS/S3 throughput and memory per task healthy");
    CHECK(find_note(e, "SF2004"));
  }

  TEST_CASE("small files and shuffle partitions left at 200 for a large shuffle are SF3003 and SF3001") {
    explain::Request request;
    request.rules = &shipped_rules();
    request.cluster = yarn_cluster(6);
    request.job.input.size_bytes = 400 * units::kGiB;
    request.job.input.files = 100000;
    request.job.workload = job::Workload::join;
    job::Stage stage;
    stage.kind = "join";
    stage.shuffle_ratio = 1.0;
    request.job.stages.push_back(stage);
    request.has_input = true;
    explain::Explanation e = explain::build(request);
    REQUIRE(find_note(e, "SF3003"));
    CHECK(find_note(e, "SF3003")->message.find("the input is 100000 files averaging 4.10 MiB") == 0);
    const rules::Finding* shuffle = find_note(e, "SF3001");
    REQUIRE(shuffle);
    CHECK(shuffle->message.find("each of its shuffle partitions holds about 2 GiB;") != std::string::npos);
  }

  TEST_CASE("memory-only placement of more executors than the cores hold is SF4004, oversubscribed") {
    explain::Request request;
    request.rules = &shipped_rules();
    request.cluster = yarn_cluster(3);
    request.choices.executor_cores = 5;
    request.choices.heap_mib = 4096;
    request.choices.num_executors = 30;
    explain::Explanation e = explain::build(request);
    CHECK(find_note(e, "SF4004"));
  }

  TEST_CASE("without a cluster or executors and cores there is nothing to explain") {
    explain::Request request;
    CHECK_THROWS_WITH(explain::build(request),
                      "explain needs a cluster (--instance and --nodes, --node-cores/--node-memory/--nodes, or a "
                      "job spec with a platform) or at least --num-executors and --executor-cores");
  }
}
