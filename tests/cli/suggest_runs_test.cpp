// `recommend --suggest-runs N`: the clusters to measure next, never one the spec observed, never
// one the model calls infeasible or whose whole interval misses the deadline; on a spec's explicit
// EC2 clusters only those; N checked; refused where it cannot be honoured.
#include <doctest/doctest.h>

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
    CommandRun glue =
        run_sparkfit({"recommend", "examples/jobs/nightly-orders.yaml", "--platform", "glue", "--suggest-runs", "2"});
    CHECK(glue.code == 3);
    CHECK(glue.err.find("--suggest-runs does not apply to recommend on glue") != std::string::npos);
    CommandRun everywhere =
        run_sparkfit({"recommend", "examples/jobs/nightly-orders.yaml", "--platform", "all", "--suggest-runs", "2"});
    CHECK(everywhere.code == 3);
    CHECK(everywhere.err.find("--suggest-runs names runs among one platform's clusters") != std::string::npos);
  }
}
