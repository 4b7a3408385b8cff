// predict predicts what the user gave: Spark's defaults where nothing is given, every assumption
// listed, the deadline and budget answered, one JSON shape on every platform; and the flag pairs
// that contradict each other are refused by name.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace sparkfit::testing;
namespace json = sparkfit::json;

namespace {

const std::vector<std::string> kJoin = {"--input", "500GB", "--workload", "join"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// predict's JSON document on `args` (which must succeed).
json::Document predict_json(const std::vector<std::string>& args) {
  CommandRun run = run_sparkfit(with(with({"predict"}, args), {"--format", "json"}));
  REQUIRE_MESSAGE(run.code == 0, run.err);
  return json::parse(run.out, "predict.json");
}

bool has_sentence(const json::Value& assumed, const std::string& sentence) {
  for (const json::Value& item : assumed.items)
    if (item.text == sentence) return true;
  return false;
}

const std::string kShuffleAssumed =
    "spark.sql.shuffle.partitions 200, Spark's default (SQLConf.scala): --shuffle-partitions N sets it";

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("predict keeps Spark's 200 shuffle partitions on the managed platforms unless given") {
    for (const std::vector<std::string>& platform :
         {std::vector<std::string>{"--platform", "kubernetes", "--instance", "r5.4xlarge", "--nodes", "10"},
          std::vector<std::string>{"--platform", "glue", "--worker-type", "G.2X", "--workers", "20"},
          std::vector<std::string>{"--platform", "emr-serverless", "--num-executors", "20", "--executor-cores", "4"}}) {
      CAPTURE(platform[1]);
      json::Document doc = predict_json(with(platform, kJoin));
      const json::Value& predicted = at(doc.root, "predicted");
      CHECK(at(at(predicted, "spark_conf"), "spark.sql.shuffle.partitions").text == "200");
      CHECK(has_sentence(at(predicted, "assumed"), kShuffleAssumed));
      json::Document given = predict_json(with(with(platform, kJoin), {"--shuffle-partitions", "800"}));
      CHECK(at(at(at(given.root, "predicted"), "spark_conf"), "spark.sql.shuffle.partitions").text == "800");
      CHECK_FALSE(has_sentence(at(at(given.root, "predicted"), "assumed"), kShuffleAssumed));
    }
  }

  TEST_CASE("recommend's tuned shuffle partitions say they replace Spark's default") {
    CommandRun run = run_sparkfit(
        with({"recommend", "--platform", "kubernetes", "--instance", "r5.4xlarge", "--nodes", "10", "--format", "json"},
             kJoin));
    REQUIRE(run.code == 0);
    json::Document doc = json::parse(run.out, "recommend.json");
    const json::Value* shuffle = nullptr;
    for (const json::Value& setting : at(at(doc.root, "recommended"), "explanations").items)
      if (at(setting, "setting").text == "spark.sql.shuffle.partitions") shuffle = &setting;
    REQUIRE(shuffle != nullptr);
    const json::Value& first = *shuffle;
    CHECK(at(first, "value").text == "4116");
    CHECK(at(first, "why").text ==
          "tuned by sparkfit in place of Spark's default 200 (SQLConf.scala): the largest shuffle / 128 MiB target, "
          "rounded up to whole waves of 147 slots (model term: spill and per-task overhead)");
  }

  TEST_CASE("predict lists what it assumed, each sentence naming its flag, and drops what is given") {
    const std::vector<std::string> cluster = {"predict", "--instance", "r5.4xlarge", "--nodes", "10"};
    CommandRun run = run_sparkfit(with(cluster, kJoin));
    REQUIRE(run.code == 0);
    for (const char* line : {
             "\nAssumed\n",
             "  - 4000 input files, one per 128 MiB of input: --files N (or input.files) gives the count\n",
             "  - file format parquet: --file-format sets it\n",
             "  - 0 cores per node kept for the OS and daemons, not given to executors: EMR sets "
             "yarn.nodemanager.resource.cpu-vcores to the instance's 16 vCPUs (AWS EMR docs, \"Configure Hadoop YARN / "
             "task configuration\"); --reserve-cores sets it (0 gives every core to executors)\n",
             "  - memory overhead factor 0.1875: EMR sets spark.yarn.executor.memoryOverheadFactor 0.1875 (EMR "
             "5.22+); --overhead-factor or --memory-overhead sets it\n",
             "  - driver heap 1g, Spark's default; the job names no broadcast or collected result to size it by "
             "(stages[].broadcast, job.collect); --driver-memory sets it\n",
             "  - cluster deploy mode, the driver in the YARN AM container: --deploy-mode client moves it off the "
             "cluster\n",
             "  - on-demand prices for every node: --market spot prices the task nodes at the spot discount\n",
             "  - us-east-1 prices, the catalog's: --price-factor F scales them to another region\n",
         })
      CHECK_MESSAGE(run.out.find(line) != std::string::npos, line);
    CHECK(run.out.find("  - " + kShuffleAssumed + "\n") != std::string::npos);

    CommandRun given = run_sparkfit(
        with(with(cluster, kJoin), {"--files", "4000", "--file-format", "parquet", "--reserve-cores", "0",
                                    "--driver-memory", "2g", "--market", "on-demand", "--price-factor", "1"}));
    REQUIRE(given.code == 0);
    for (const char* word :
         {"input files", "file format", "kept for the OS", "driver heap", "on-demand prices", "us-east-1 prices"})
      CHECK_MESSAGE(given.out.find(word) == std::string::npos, word);
  }

  TEST_CASE("predict on a managed platform says which of the options left open the objective picked") {
    json::Document open =
        predict_json(with({"--platform", "kubernetes", "--instance", "r5.4xlarge", "--nodes", "10"}, kJoin));
    const json::Value& assumed = at(at(open.root, "predicted"), "assumed");
    REQUIRE(!assumed.items.empty());
    CHECK(assumed.items.front().text ==
          "the configuration not pinned: of 9 options the objective (minimize cost) picks 10 x r5.4xlarge "
          "(Kubernetes): 49 executors x 3 cores, heap 23492m; --executor-cores, --executor-memory and "
          "--num-executors pin it");
    json::Document glue =
        predict_json({"--platform", "glue", "--worker-type", "G.2X", "--workers", "20", "--input", "500GB"});
    CHECK(at(at(glue.root, "predicted"), "assumed").items.front().text.rfind("the configuration", 0) ==
          std::string::npos);
  }

  TEST_CASE("predict's JSON holds the layout and the figures under predicted on EMR, EC2 and YARN") {
    const std::vector<std::vector<std::string>> clusters = {
        {"--instance", "r5.4xlarge", "--nodes", "10"},
        {"--platform", "ec2", "--instance", "r5.4xlarge", "--nodes", "10"},
        {"--platform", "yarn", "--nodes", "6", "--node-cores", "16", "--node-memory", "64g"}};
    for (const std::vector<std::string>& cluster : clusters) {
      json::Document doc = predict_json(with(cluster, kJoin));
      CAPTURE(cluster[1]);
      CHECK(doc.root.find("runtime_s") == nullptr);
      CHECK(doc.root.find("num_executors") == nullptr);
      const json::Value& predicted = at(doc.root, "predicted");
      CHECK(at(doc.root, "platform").text == at(predicted, "platform").text);
      for (const char* field : {"instance_type", "nodes", "num_executors", "executor_cores", "executor_memory_mib",
                                "task_slots", "runtime_s", "cost_usd", "core_hours", "feasible", "risks", "assumed"})
        CHECK_MESSAGE(predicted.find(field) != nullptr, field);
      CHECK(predicted.find("deadline_met") == nullptr);
      CHECK(predicted.find("budget_met") == nullptr);
    }
  }

  TEST_CASE("predict answers --deadline and --budget in text and JSON") {
    const std::vector<std::string> cluster = {"--instance", "r5.4xlarge", "--nodes", "10"};
    CommandRun met =
        run_sparkfit(with(with({"predict"}, cluster), with(kJoin, {"--deadline", "45m", "--budget", "50"})));
    REQUIRE(met.code == 0);
    CHECK(met.out.find("  deadline 45 min 00 s: met, the predicted runtime is 19 min 51 s\n") != std::string::npos);
    CHECK(met.out.find("  budget $50.00: within it, the predicted cost is $4.59\n") != std::string::npos);
    CommandRun missed =
        run_sparkfit(with(with({"predict"}, cluster), with(kJoin, {"--deadline", "10m", "--budget", "1"})));
    REQUIRE(missed.code == 0);
    CHECK(missed.out.find("  deadline 10 min 00 s: missed, the predicted runtime is 19 min 51 s\n") !=
          std::string::npos);
    CHECK(missed.out.find("  budget $1.00: over it, the predicted cost is $4.59\n") != std::string::npos);

    json::Document yes = predict_json(with(cluster, with(kJoin, {"--deadline", "45m", "--budget", "50"})));
    CHECK(at(at(yes.root, "predicted"), "deadline_met").boolean);
    CHECK(at(at(yes.root, "predicted"), "budget_met").boolean);
    json::Document no = predict_json(with(cluster, with(kJoin, {"--deadline", "10m"})));
    CHECK_FALSE(at(at(no.root, "predicted"), "deadline_met").boolean);
    CHECK(at(no.root, "predicted").find("budget_met") == nullptr);

    json::Document glue = predict_json(
        {"--platform", "glue", "--worker-type", "G.2X", "--workers", "20", "--input", "500GB", "--budget", "0.5"});
    CHECK_FALSE(at(at(glue.root, "predicted"), "budget_met").boolean);
  }

  TEST_CASE("predict refuses a negative deadline as recommend does, and a budget on yarn") {
    const std::string message =
        "sparkfit: error: --deadline: invalid value '-5m': expected a duration such as 90s, 45m, 2h, 1h30m or a "
        "number of seconds\n";
    CommandRun predict = run_sparkfit(
        with({"predict", "--instance", "r5.4xlarge", "--nodes", "10"}, with(kJoin, {"--deadline", "-5m"})));
    CHECK(predict.code == 2);
    CHECK(predict.err == message);
    CommandRun recommend = run_sparkfit(with({"recommend"}, with(kJoin, {"--deadline", "-5m"})));
    CHECK(recommend.code == 2);
    CHECK(recommend.err == message);

    CommandRun yarn = run_sparkfit(with({"predict", "--platform", "yarn", "--nodes", "6", "--node-cores", "16",
                                         "--node-memory", "64g", "--budget", "5"},
                                        kJoin));
    CHECK(yarn.code == 3);
    CHECK(yarn.err ==
          "sparkfit: error: --budget does not apply to predict on yarn: it bounds the cost (explain predicts none, "
          "and a yarn cluster has no price), and a self-managed YARN cluster is --nodes, --node-cores and "
          "--node-memory, unpriced\n");
  }

  TEST_CASE("a spec's budget on a yarn cluster is said to go unchecked") {
    const fs::path spec = scratch_dir("predict-answers") / "yarn-budget.yaml";
    write_file(spec,
               "job:\n  name: y\n  input: {size: 100GB}\nobjective: {budget: $5}\nplatform:\n  yarn: {nodes: 6, "
               "node_cores: 16, node_memory: 64g}\n");
    CommandRun text = run_sparkfit({"predict", spec.string()});
    REQUIRE(text.code == 0);
    CHECK(text.out.find("\n  the spec's budget of $5.00 is not checked: a yarn cluster has no price (its cost is in "
                        "core-hours)\n") != std::string::npos);
    json::Document doc = predict_json({spec.string()});
    CHECK(at(doc.root, "predicted").find("budget_met") == nullptr);
  }

  TEST_CASE("--overhead-factor with --memory-overhead is a usage error naming both") {
    CommandRun run = run_sparkfit(with(
        {"predict", "--instance", "r5.4xlarge", "--nodes", "4", "--memory-overhead", "2g", "--overhead-factor", "0.2"},
        kJoin));
    CHECK(run.code == 3);
    CHECK(run.err ==
          "sparkfit: error: --overhead-factor with --memory-overhead: --memory-overhead sets the overhead and would "
          "override the factor; give one of them\n");
  }

  TEST_CASE("--instance with --node-cores or --node-memory is a usage error naming the flags") {
    CommandRun both =
        run_sparkfit({"explain", "--instance", "r5.4xlarge", "--node-cores", "8", "--node-memory", "32g"});
    CHECK(both.code == 3);
    CHECK(both.err ==
          "sparkfit: error: --node-cores and --node-memory with --instance: --instance takes the node's cores and "
          "memory from the catalog, while --node-cores and --node-memory describe a yarn node (--platform yarn); give "
          "one or the other\n");
    CommandRun memory =
        run_sparkfit(with({"predict", "--instance", "r5.4xlarge", "--nodes", "4", "--node-memory", "32g"}, kJoin));
    CHECK(memory.code == 3);
    CHECK(memory.err.rfind("sparkfit: error: --node-memory with --instance: ", 0) == 0);
  }

  TEST_CASE("a job spec without an input size names the spec and where the size belongs") {
    const fs::path spec = scratch_dir("predict-answers") / "no-input.yaml";
    write_file(spec, "job:\n  name: orders\n  workload: join\n");
    CommandRun run = run_sparkfit({"predict", spec.string(), "--instance", "r5.4xlarge", "--nodes", "4"});
    CHECK(run.code == 2);
    CHECK(run.err == spec.string() +
                         ":2:3: error: no `input` size: add `input: {size: 500GB}` under `job:`, or give --input "
                         "SIZE\n  name: orders\n  ^\n");
    CommandRun flags = run_sparkfit({"predict", "--instance", "r5.4xlarge", "--nodes", "4"});
    CHECK(flags.code == 2);
    CHECK(flags.err == "sparkfit: error: predict needs the work: a job spec or --input SIZE (with --workload)\n");
    CommandRun given =
        run_sparkfit({"predict", spec.string(), "--instance", "r5.4xlarge", "--nodes", "4", "--input", "100GB"});
    CHECK(given.code == 0);
  }
}
