// Worked examples published by others, run as a user runs sparkfit: each case names its source and
// gives the published figure, or says where sparkfit deliberately differs and why. Two more (the EMR
// on EC2 and EMR Serverless price comparisons) are in tests/unit/platform/platform_test.cpp; the
// list of all of them is docs/domain.md#published-worked-examples.
#include <doctest/doctest.h>

#include <string>
#include <tuple>
#include <vector>

#include "support/test_support.hpp"

using namespace sparkfit::testing;
namespace json = sparkfit::json;

namespace {

// The JSON document of a command that must succeed.
json::Document json_of(std::vector<std::string> args) {
  args.insert(args.end(), {"--format", "json"});
  CommandRun run = run_sparkfit(args);
  REQUIRE_MESSAGE(run.code == 0, run.err);
  return json::parse(run.out, "sparkfit.json");
}

double number(const json::Value& object, const char* key) { return at(object, key).number; }

// The share of a node's YARN memory that `executors` containers of `container_mib` take, in percent.
double yarn_share(double executors, double container_mib, double yarn_memory_mib) {
  return executors * container_mib / yarn_memory_mib * 100.0;
}

}  // namespace

TEST_SUITE("published examples") {
  // Amazon EMR Best Practices Guide, "Spark: Best practices / Tune driver and executor memory"
  // (aws.github.io/aws-emr-best-practices, checked 2026-12-07): r4.8xlarge, 241664 MB of YARN
  // memory, 32 vCPUs all offered to YARN, 4 cores per executor, overhead 18.75% of the container.
  TEST_CASE("EMR guide: r4.8xlarge with 4-core executors holds 8 containers of 30208 MB, heap 24544 MB") {
    json::Document doc = json_of({"explain", "--instance", "r4.8xlarge", "--nodes", "10", "--executor-cores", "4",
                                  "--heap-from-container", "subtract", "--reserve-cores", "0"});
    CHECK(number(doc.root, "executors_per_node") == 8);
    CHECK(number(doc.root, "container_mib") == 30208);
    CHECK(number(doc.root, "executor_memory_mib") == 24544);
    // The guide counts 80 executors on 10 nodes; YARN's AM container (the driver in cluster mode)
    // takes room on one node, so 79 start: sparkfit counts what YARN places.
    CHECK(number(doc.root, "num_executors") == 79);
    CHECK(number(doc.root, "executors_on_am_node") == 7);
  }

  // The same guide's m5.4xlarge example (57344 MB YARN, 16 vCores, 4 cores per executor, 10% overhead):
  // heap 20000M gives 2 executors per node, 76.7% of YARN; heap 12000M gives 4 and 92.1%.
  TEST_CASE("EMR guide: m5.4xlarge heaps of 20000M and 12000M give 2 and 4 executors per node") {
    // Both heaps on 2 nodes, all 16 vCores to YARN as in the guide; 57344 MiB is the node's YARN memory.
    auto with_heap = [](const char* heap) {
      return json_of({"explain", "--instance", "m5.4xlarge", "--nodes", "2", "--executor-cores", "4",
                      "--overhead-factor", "0.1", "--reserve-cores", "0", "--executor-memory", heap});
    };
    json::Document two = with_heap("20000m");
    CHECK(number(two.root, "executors_per_node") == 2);
    // The guide ignores YARN's 32 MiB rounding (22000 -> 22016 MiB), hence 76.8% against its 76.7%.
    CHECK(number(two.root, "container_mib") == 22016);
    CHECK(yarn_share(2, number(two.root, "container_mib"), 57344) == doctest::Approx(76.8).epsilon(0.001));
    json::Document four = with_heap("12000m");
    CHECK(number(four.root, "executors_per_node") == 4);
    CHECK(number(four.root, "container_mib") == 13216);
    CHECK(yarn_share(4, number(four.root, "container_mib"), 57344) == doctest::Approx(92.2).epsilon(0.001));
  }

  // The same guide, "Spark: data partitioning / input splits": with Spark's defaults on 16 cores, one
  // 352.3 MB CSV is read as 16 partitions of about 22 MB, ten such files as 30 of about 117 MB.
  TEST_CASE("EMR guide: one 352.3 MB CSV on 16 cores gives 16 tasks, ten give 30") {
    auto tasks_for = [](const char* input, const char* files) {
      json::Document doc =
          json_of({"explain", "--instance", "m5.4xlarge", "--nodes", "2", "--executor-cores", "4", "--executor-memory",
                   "8g", "--num-executors", "4", "--input", input, "--files", files, "--file-format", "csv"});
      REQUIRE(number(doc.root, "task_slots") == 16);
      return std::make_pair(number(doc.root, "tasks"), number(doc.root, "bytes_per_task") / 1e6);
    };
    auto one = tasks_for("352.3MB", "1");
    CHECK(one.first == 16);
    CHECK(one.second == doctest::Approx(23.1).epsilon(0.01));  // 352.3 MiB / 16, in MB
    auto ten = tasks_for("3523MB", "10");
    CHECK(ten.first == 30);
    CHECK(ten.second == doctest::Approx(123.1).epsilon(0.01));  // 117.4 MiB
  }

  // Cloudera Engineering Blog, "How-to: Tune Your Apache Spark Jobs (Part 2)" (Sandy Ryza, 2015):
  // 6 nodes of 16 cores and 64 GB, 1 core and 1 GB per node left to the OS, 5 cores per executor:
  // 17 executors (one slot goes to the AM) with 63/3 = 21 GB each, less 7% overhead: 19 GB of heap.
  TEST_CASE("Cloudera: 6 x 16 cores x 64 GB runs 17 executors of 5 cores and 19 GB") {
    const std::vector<std::string> cluster = {"explain", "--platform",       "yarn", "--nodes",
                                              "6",       "--node-cores",     "16",   "--node-memory",
                                              "64g",     "--executor-cores", "5"};
    std::vector<std::string> classic = cluster;
    // The blog's Spark 1.x convention: overhead 7% taken out of the container.
    classic.insert(classic.end(), {"--overhead-factor", "0.07", "--heap-from-container", "subtract"});
    json::Document doc = json_of(classic);
    CHECK(number(doc.root, "num_executors") == 17);
    CHECK(number(doc.root, "container_mib") == 21 * 1024);
    CHECK(static_cast<int>(number(doc.root, "executor_memory_mib") / 1024) == 19);
    // With Spark 3's own definition (overhead 10% of the heap, added to it) the heap is 19549 MiB.
    json::Document spark3 = json_of(cluster);
    CHECK(number(spark3.root, "executor_memory_mib") == 19549);
    CHECK(number(spark3.root, "num_executors") == 17);
  }

  // Apache Spark, core/src/main/scala/org/apache/spark/memory/UnifiedMemoryManager.scala (the comment
  // on spark.memory.fraction, Spark 3.5): a 1 GiB heap gives (1024 - 300) MiB x 0.6 = 434 MiB of
  // unified memory, when Runtime.maxMemory equals -Xmx (G1, the JVM's default collector).
  TEST_CASE("Spark's UnifiedMemoryManager: a 1 GiB heap has 434 MiB of unified memory") {
    json::Document doc = json_of({"explain", "--platform", "yarn", "--nodes", "1", "--node-cores", "4", "--node-memory",
                                  "8g", "--executor-memory", "1g"});
    const json::Value& regions = at(doc.root, "memory_regions");
    CHECK(number(regions, "max_memory_bytes") == 1073741824);
    CHECK(number(regions, "unified_bytes") / (1024.0 * 1024.0) == doctest::Approx(434.4).epsilon(0.001));
  }

  // AWS Big Data Blog, "Best practices for successfully managing memory for Apache Spark applications on
  // Amazon EMR" (2020): r5.12xlarge, 5 cores per executor, 9 executors per instance of 37 GB heap and
  // 5 GB overhead. sparkfit deliberately differs: EMR's YARN offers 385024 MiB on r5.12xlarge (EMR's
  // task configuration table), and 9 containers of 43008 MiB need 387072 MiB, so 8 fit.
  TEST_CASE("AWS blog: r5.12xlarge's 9 executors of 37g + 5g do not fit EMR's YARN memory, 8 do") {
    json::Document doc = json_of({"explain", "--instance", "r5.12xlarge", "--nodes", "4", "--executor-cores", "5",
                                  "--executor-memory", "37g", "--memory-overhead", "5g", "--num-executors", "36"});
    CHECK(number(doc.root, "container_mib") == 43008);
    CHECK(number(doc.root, "executors_per_node") == 8);
    CHECK(number(doc.root, "num_executors") < 36);
    CHECK(9 * number(doc.root, "container_mib") > 385024);
  }

  // Amazon EMR Management Guide, "Task configuration" (the per-instance YARN defaults, checked
  // 2026-12-07): m5.xlarge offers 12288 MB to YARN, r4.8xlarge 241664 MB.
  TEST_CASE("EMR's task configuration: m5.xlarge gives YARN 12288 MiB, r4.8xlarge 241664 MiB") {
    CommandRun m5 = run_sparkfit({"explain", "--instance", "m5.xlarge", "--nodes", "2"});
    REQUIRE(m5.code == 0);
    CHECK(m5.out.find("YARN gives containers 12288 MiB") != std::string::npos);
    CommandRun r4 = run_sparkfit({"explain", "--instance", "r4.8xlarge", "--nodes", "2"});
    REQUIRE(r4.code == 0);
    CHECK(r4.out.find("YARN gives containers 241664 MiB") != std::string::npos);
  }

  // EMR Serverless User Guide, "Supported worker configurations" (checked 2026-12-07): "a 4 vCPU /
  // 30 GB worker" holds an executor of about 27 GB (the executor plus its 10% overhead fill the worker).
  TEST_CASE("EMR Serverless guide: a 27 GB executor with 4 cores runs on a 4 vCPU / 30 GB worker") {
    json::Document doc = json_of({"predict", "--platform", "emr-serverless", "--executor-cores", "4",
                                  "--executor-memory", "27g", "--num-executors", "10", "--input", "100GB"});
    const json::Value& predicted = at(doc.root, "predicted");
    CHECK(number(predicted, "worker_memory_gib") == 30);
    CHECK(number(predicted, "executor_memory_mib") == 27648);
    CHECK(number(predicted, "memory_overhead_mib") == 2764);  // max(0.10 x heap, 384)
  }

  // Apache Spark, "Running Spark on Kubernetes" (docs/running-on-kubernetes.md, Spark 3.5): non-JVM
  // jobs default spark.kubernetes.memoryOverheadFactor to 0.40, so a 4g Python executor asks for
  // 4096 + 1638 MiB.
  TEST_CASE("Spark on Kubernetes: a Python executor of 4g carries 40% overhead") {
    json::Document doc =
        json_of({"predict", "--platform", "kubernetes", "--instance", "r5.4xlarge", "--nodes", "4", "--language",
                 "python", "--executor-cores", "4", "--executor-memory", "4g", "--input", "10GB"});
    const json::Value& predicted = at(doc.root, "predicted");
    CHECK(number(predicted, "executor_memory_mib") == 4096);
    CHECK(number(predicted, "memory_overhead_mib") == 1638);
  }
}

TEST_SUITE("published examples") {
  // AWS Glue Developer Guide, "Defining job properties for Spark jobs" (the worker type table, checked
  // 2026-12-07): a G.1X worker is 1 DPU of 4 vCPUs and 16 GB and runs one executor; one worker runs the
  // driver, so 10 workers give 9 executors of 4 cores.
  TEST_CASE("Glue guide: 10 G.1X workers are 10 DPUs and run 9 executors of 4 cores") {
    json::Document doc =
        json_of({"predict", "--platform", "glue", "--worker-type", "G.1X", "--workers", "10", "--input", "10GB"});
    const json::Value& predicted = at(doc.root, "predicted");
    CHECK(number(predicted, "dpus") == 10);
    CHECK(number(predicted, "num_executors") == 9);
    CHECK(number(predicted, "executor_cores") == 4);
  }

  // AWS Glue Developer Guide, "Monitoring for DPU capacity planning" (checked 2026-12-07): a job reads
  // 428 gzipped JSON files; "maximum needed executors" is (running + pending tasks) / tasks per
  // executor, 428 / 4 = 107 at the job's start. The page profiles Glue 0.9/1.0 Standard workers (two
  // 4-core executors per DPU), which sparkfit does not plan; a G.1X executor has the same 4 cores, so
  // Glue 4.0's G.1X gives the same 107, and one wave needs 107 executors + the driver's worker.
  TEST_CASE("Glue capacity guide: 428 gzipped JSON files need at most 107 executors of 4 cores") {
    json::Document doc =
        json_of({"recommend", "--platform", "glue", "--worker-type", "G.1X", "--workers", "2..200", "--glue-version",
                 "4.0", "--input", "20GB", "--files", "428", "--file-format", "json", "--compression", "gzip"});
    CHECK(number(doc.root, "max_needed_executors") == 107);
    CHECK(number(at(doc.root, "one_wave"), "workers") == 108);
    CHECK(number(at(doc.root, "one_wave"), "dpus") == 108);
  }

  // Apache Spark, "Configuration" (docs/configuration.md, Spark 3.5) for spark.executor.memoryOverhead:
  // "executorMemory * spark.executor.memoryOverheadFactor, with minimum of 384", the factor 0.10; YARN
  // then rounds the container up to its minimum allocation (1024 MiB by default,
  // yarn.scheduler.minimum-allocation-mb in yarn-default.xml).
  TEST_CASE("Spark configuration: a 4g executor carries 409 MiB of overhead, a 2g one the 384 MiB minimum") {
    for (const auto& [heap, overhead, container] : {std::tuple{"4g", 409.0, 5120.0}, std::tuple{"2g", 384.0, 3072.0}}) {
      CAPTURE(heap);
      json::Document doc = json_of({"explain", "--platform", "yarn", "--nodes", "4", "--node-cores", "16",
                                    "--node-memory", "64g", "--executor-cores", "4", "--executor-memory", heap});
      CHECK(number(doc.root, "memory_overhead_mib") == overhead);
      CHECK(number(doc.root, "container_mib") == container);
    }
  }
}
