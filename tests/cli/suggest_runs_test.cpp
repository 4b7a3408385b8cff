// `recommend --suggest-runs N`: the clusters to measure next, never one the spec observed, never
// one the model calls infeasible or whose whole interval misses the deadline; on a spec's explicit
// EC2 clusters only those; N checked; refused where it cannot be honoured.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace sparkfit::testing;
namespace json = sparkfit::json;

namespace {

CommandRun run_spec(const std::string& yaml, std::vector<std::string> args) {
  const fs::path spec = scratch_dir("suggest_runs") / "job.yaml";
  write_file(spec, yaml);
  args.insert(args.begin(), {"recommend", spec.string()});
  return run_sparkfit(std::move(args));
}

const char* kJob = "job:\n  name: nightly\n  input: {size: 200GB, file_format: parquet}\n  workload: join\n";

// The suggested runs of a JSON answer as (instance type, nodes).
std::vector<std::pair<std::string, int>> clusters_of(const json::Value& root) {
  std::vector<std::pair<std::string, int>> clusters;
  for (const json::Value& run : at(root, "suggested_runs").items)
    clusters.emplace_back(at(run, "instance_type").text, static_cast<int>(at(run, "nodes").number));
  return clusters;
}

// The suggested Glue runs of a JSON answer as (worker type, workers).
std::vector<std::pair<std::string, int>> glue_runs_of(const json::Value& root) {
  std::vector<std::pair<std::string, int>> runs;
  for (const json::Value& run : at(root, "suggested_runs").items)
    runs.emplace_back(at(run, "worker_type").text, static_cast<int>(at(run, "workers").number));
  return runs;
}

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("suggested runs on a spec's EC2 clusters are exactly the unobserved ones") {
    const std::string spec = std::string(kJob) +
                             "platform:\n  ec2: {clusters: [{instance_type: m5.2xlarge, nodes: 8}, "
                             "{instance_type: r5.2xlarge, nodes: 6}, {instance_type: c5.4xlarge, nodes: 4}]}\n"
                             "observations:\n  - {platform: ec2, instance_type: m5.2xlarge, nodes: 8, runtime: 20m}\n";
    CommandRun run = run_spec(spec, {"--platform", "ec2", "--suggest-runs", "5", "--format", "json"});
    REQUIRE_MESSAGE(run.code == 0, run.err);
    const json::Document doc = json::parse(run.out, "recommend.json");
    const std::set<std::pair<std::string, int>> suggested = [&] {
      const auto list = clusters_of(doc.root);
      return std::set<std::pair<std::string, int>>(list.begin(), list.end());
    }();
    CHECK(clusters_of(doc.root).size() == 2);
    CHECK(suggested == std::set<std::pair<std::string, int>>{{"r5.2xlarge", 6}, {"c5.4xlarge", 4}});
    // Fewer than asked is a note, not an error; the first is weighed against the measured run.
    const json::Value& notes = at(doc.root, "suggested_runs_notes");
    REQUIRE(notes.items.size() == 1);
    CHECK(notes.items[0].text.find("only 2 clusters are left to measure") != std::string::npos);
    const json::Value& first = at(doc.root, "suggested_runs").items.at(0);
    CHECK(at(first, "why").text.find("(the cheapest measured run)") != std::string::npos);
    CHECK(at(first, "cost_interval_usd").items.size() == 2);
  }

  TEST_CASE("suggested runs skip the observed cluster and name distinct clusters") {
    const std::string spec =
        std::string(kJob) + "observations:\n  - {platform: emr, instance_type: r5.2xlarge, nodes: 4, runtime: 30m}\n";
    const std::vector<std::string> args = {"--platform", "emr",      "--instance", "r5.2xlarge",     "--nodes",
                                           "2..12",      "--format", "json",       "--suggest-runs", "4"};
    CommandRun run = run_spec(spec, args);
    REQUIRE_MESSAGE(run.code == 0, run.err);
    const auto clusters = clusters_of(json::parse(run.out, "recommend.json").root);
    REQUIRE(clusters.size() == 4);
    std::set<std::pair<std::string, int>> distinct(clusters.begin(), clusters.end());
    CHECK(distinct.size() == 4);
    CHECK(distinct.count({"r5.2xlarge", 4}) == 0);
    // Same input, same bytes.
    CHECK(run_spec(spec, args).out == run.out);
    // Without the flag there is no such key, and no such section in text.
    CommandRun plain =
        run_spec(spec, {"--platform", "emr", "--instance", "r5.2xlarge", "--nodes", "2..12", "--format", "json"});
    REQUIRE(plain.code == 0);
    CHECK(json::parse(plain.out, "recommend.json").root.find("suggested_runs") == nullptr);
    CommandRun text = run_spec(spec, {"--platform", "emr", "--instance", "r5.2xlarge", "--nodes", "2..12"});
    CHECK(text.out.find("Suggested runs") == std::string::npos);
  }

  TEST_CASE("a suggested run is the layout the pick would use on its cluster, not a cheaper 1-core one") {
    // 1 TiB sort on m5.xlarge: 1-core executors are predicted a little cheaper, within the model's margin.
    CommandRun run = run_sparkfit({"recommend", "--platform", "emr", "--instance", "m5.xlarge", "--nodes", "20..40",
                                   "--input", "1TB", "--workload", "sort", "--suggest-runs", "3", "--format", "json"});
    REQUIRE_MESSAGE(run.code == 0, run.err);
    const json::Document doc = json::parse(run.out, "recommend.json");
    const int picked = static_cast<int>(at(at(doc.root, "recommended"), "executor_cores").number);
    CHECK((picked >= 3 && picked <= 5));
    REQUIRE(at(doc.root, "suggested_runs").items.size() == 3);
    for (const json::Value& suggested : at(doc.root, "suggested_runs").items) {
      const int cores = static_cast<int>(at(suggested, "executor_cores").number);
      CHECK((cores >= 3 && cores <= 5));
    }
  }

  TEST_CASE("a cluster whose whole 80% interval misses the deadline is not suggested") {
    const std::vector<std::string> args = {"--platform", "emr",        "--instance", "m5.xlarge", "--nodes",
                                           "2..40",      "--minimize", "runtime",    "--format",  "json"};
    const std::string spec = kJob;
    // Every candidate and its interval, to put the deadline where some candidates miss it whole.
    std::vector<std::string> all = args;
    all.push_back("--all-candidates");
    CommandRun listing = run_spec(spec, all);
    REQUIRE_MESSAGE(listing.code == 0, listing.err);
    const json::Document doc = json::parse(listing.out, "all.json");
    double lowest = 1e18, highest_low = 0;
    for (const json::Value& c : at(doc.root, "candidates").items) {
      if (!at(c, "feasible").boolean) continue;
      const double low = at(c, "runtime_interval_s").items.at(0).number;
      lowest = std::min(lowest, low), highest_low = std::max(highest_low, low);
    }
    REQUIRE(highest_low > lowest);
    const double deadline = (lowest + highest_low) / 2;
    std::vector<std::string> asked = args;
    for (const char* more : {"--suggest-runs", "40", "--deadline"}) asked.emplace_back(more);
    asked.push_back(std::to_string(static_cast<int>(deadline)) + "s");
    CommandRun run = run_spec(spec, asked);
    REQUIRE_MESSAGE(run.code == 0, run.err);
    const json::Document answer = json::parse(run.out, "recommend.json");
    const json::Value& runs = at(answer.root, "suggested_runs");
    REQUIRE(!runs.items.empty());
    CHECK(runs.items.size() < 39);  // 39 clusters, some out of reach
    for (const json::Value& r : runs.items) CHECK(at(r, "runtime_interval_s").items.at(0).number <= deadline);
    CHECK(at(answer.root, "suggested_runs_notes").items.at(0).text.find("over the deadline or budget") !=
          std::string::npos);
  }

  TEST_CASE("--suggest-runs takes a whole number of runs and only where it can be honoured") {
    const std::vector<std::string> base = {"examples/jobs/nightly-orders.yaml", "--platform", "emr"};
    for (const char* bad : {"0", "-2", "two", "1.5", ""}) {
      std::vector<std::string> args = {"recommend"};
      args.insert(args.end(), base.begin(), base.end());
      args.insert(args.end(), {"--suggest-runs", bad});
      CommandRun run = run_sparkfit(args);
      CHECK_MESSAGE(run.code == 2, bad);
      CHECK(run.err.find("--suggest-runs: invalid value '" + std::string(bad) + "'") != std::string::npos);
    }
    CommandRun format = run_sparkfit({"recommend", "examples/jobs/nightly-orders.yaml", "--platform", "emr",
                                      "--suggest-runs", "2", "--format", "spark-submit"});
    CHECK(format.code == 3);
    CHECK(format.err.find("--suggest-runs lists the runs to measure in --format text or json") != std::string::npos);
    CommandRun serverless = run_sparkfit(
        {"recommend", "examples/jobs/nightly-orders.yaml", "--platform", "emr-serverless", "--suggest-runs", "2"});
    CHECK(serverless.code == 3);
    CHECK(serverless.err.find("--suggest-runs does not apply to recommend on emr-serverless") != std::string::npos);
    CommandRun glue_args = run_sparkfit({"recommend", "examples/jobs/nightly-orders.yaml", "--platform", "glue",
                                         "--suggest-runs", "2", "--format", "glue-args"});
    CHECK(glue_args.code == 3);
    CHECK(glue_args.err.find("--suggest-runs lists the runs to measure in --format text or json") != std::string::npos);
    CommandRun everywhere =
        run_sparkfit({"recommend", "examples/jobs/nightly-orders.yaml", "--platform", "all", "--suggest-runs", "2"});
    CHECK(everywhere.code == 3);
    CHECK(everywhere.err.find("--suggest-runs names runs among one platform's clusters") != std::string::npos);
  }

  TEST_CASE("suggested Glue runs skip the observed worker type and count and name distinct ones") {
    const std::string spec =
        std::string(kJob) + "observations:\n  - {platform: glue, worker_type: G.1X, workers: 10, runtime: 25m}\n";
    const std::vector<std::string> args = {"--platform", "glue", "--suggest-runs", "3", "--format", "json"};
    CommandRun run = run_spec(spec, args);
    REQUIRE_MESSAGE(run.code == 0, run.err);
    const json::Document doc = json::parse(run.out, "recommend.json");
    const auto runs = glue_runs_of(doc.root);
    REQUIRE(runs.size() == 3);
    CHECK(std::set<std::pair<std::string, int>>(runs.begin(), runs.end()).size() == 3);
    CHECK(std::find(runs.begin(), runs.end(), std::pair<std::string, int>{"G.1X", 10}) == runs.end());
    const json::Value& first = at(doc.root, "suggested_runs").items.at(0);
    CHECK(at(first, "platform").text == "glue");
    CHECK(at(first, "feasible").boolean);
    CHECK(at(first, "dpu_hours").number > 0);
    CHECK(at(first, "cost_interval_usd").items.size() == 2);
    CHECK(at(first, "why").text.find("(the cheapest measured run)") != std::string::npos);
    CHECK(at(doc.root, "suggested_runs_notes").items.empty());
    CHECK(run_spec(spec, args).out == run.out);  // same input, same bytes
    // Text: the section EMR's recommend writes, one line per run and its why.
    CommandRun text = run_spec(spec, {"--platform", "glue", "--suggest-runs", "3"});
    REQUIRE_MESSAGE(text.code == 0, text.err);
    CHECK(text.out.find("Suggested runs (measure one, add it under observations:, ask again)\n  1. " +
                        at(first, "configuration").text + ": ") != std::string::npos);
    CHECK(text.out.find("\n     why: expected to save ") != std::string::npos);
    // Without the flag, no such key.
    CommandRun plain = run_spec(spec, {"--platform", "glue", "--format", "json"});
    REQUIRE(plain.code == 0);
    CHECK(plain.out.find("suggested_runs") == std::string::npos);
  }

  TEST_CASE("one suggested Glue run at a time: measuring it moves the next suggestion") {
    const std::vector<std::string> args = {"--platform",     "glue", "--worker-type", "G.1X,G.2X",
                                           "--suggest-runs", "1",    "--format",      "json"};
    CommandRun first = run_spec(kJob, args);
    REQUIRE_MESSAGE(first.code == 0, first.err);
    const json::Document before = json::parse(first.out, "recommend.json");
    const auto chosen = glue_runs_of(before.root);
    REQUIRE(chosen.size() == 1);
    const double median = at(at(before.root, "suggested_runs").items.at(0), "runtime_s").number;
    // Measure it (at its median) and ask again: another cluster, weighed against the measured run.
    const std::string measured = std::string(kJob) +
                                 "observations:\n  - {platform: glue, worker_type: " + chosen[0].first +
                                 ", workers: " + std::to_string(chosen[0].second) +
                                 ", runtime: " + std::to_string(static_cast<int>(median)) + "s}\n";
    CommandRun second = run_spec(measured, args);
    REQUIRE_MESSAGE(second.code == 0, second.err);
    const json::Document after = json::parse(second.out, "recommend.json");
    const auto next = glue_runs_of(after.root);
    REQUIRE(next.size() == 1);
    CHECK(next[0] != chosen[0]);
    CHECK(at(at(after.root, "suggested_runs").items.at(0), "why").text.find("(the cheapest measured run)") !=
          std::string::npos);
  }

  TEST_CASE("suggested Kubernetes runs skip the observed instance type and nodes") {
    const std::string spec = std::string(kJob) +
                             "observations:\n  - {platform: kubernetes, instance_type: r5.4xlarge, nodes: 6, "
                             "runtime: 20m}\n";
    CommandRun run = run_spec(spec, {"--platform", "kubernetes", "--instance", "r5.4xlarge", "--nodes", "4..8",
                                     "--suggest-runs", "9", "--format", "json"});
    REQUIRE_MESSAGE(run.code == 0, run.err);
    const json::Document doc = json::parse(run.out, "recommend.json");
    const json::Value& runs = at(doc.root, "suggested_runs");
    // 5 clusters searched, one measured: the other 4, each once, and a note for the rest asked.
    CHECK(runs.items.size() == 4);
    std::set<std::string> configurations;
    for (const json::Value& r : runs.items) configurations.insert(at(r, "configuration").text);
    CHECK(configurations.size() == 4);
    CHECK(configurations.count("6 x r5.4xlarge (Kubernetes)") == 0);
    const json::Value& notes = at(doc.root, "suggested_runs_notes");
    REQUIRE(notes.items.size() == 1);
    CHECK(notes.items[0].text.find("only 4 clusters are left to measure") != std::string::npos);
  }

  TEST_CASE("suggested runs on a YARN cluster go by runtime, and say so") {
    CommandRun run =
        run_sparkfit({"recommend", "--platform", "yarn", "--input", "200GB", "--workload", "join", "--nodes", "10",
                      "--node-cores", "16", "--node-memory", "64g", "--suggest-runs", "1"});
    REQUIRE_MESSAGE(run.code == 0, run.err);
    CHECK(run.out.find("Suggested runs") != std::string::npos);
    CHECK(run.out.find("(the fastest prediction)") != std::string::npos);
    CHECK(run.out.find("a self-managed YARN cluster has no price: the runs are chosen to find the fastest") !=
          std::string::npos);
  }
}
