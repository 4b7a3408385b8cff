// Golden CLI cases: tests/cli/golden/NAME.args holds one argument per line; NAME.out holds the
// exit code, stdout and stderr of `sparkfit <args>` run in-process from the repository. Each case
// is its own test, "golden: NAME". Set SPARKFIT_UPDATE_GOLDEN=1 to rewrite the .out files, then
// review the diff.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <set>
#include <string>

#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace sparkfit::testing;

// The golden cases, one a line. A new case is its .args file, its .out (written by the
// regeneration switch) and a line here.
#define SPARKFIT_GOLDEN_CASES(CASE)          \
  CASE("analyze-config-review")              \
  CASE("analyze-config-review-json")         \
  CASE("analyze-fleet")                      \
  CASE("analyze-fleet-json")                 \
  CASE("analyze-markdown")                   \
  CASE("catalog-list-m5")                    \
  CASE("catalog-releases")                   \
  CASE("catalog-show")                       \
  CASE("catalog-show-json")                  \
  CASE("error-analyze-empty")                \
  CASE("error-bad-format")                   \
  CASE("error-bad-memory")                   \
  CASE("error-bad-range")                    \
  CASE("error-catalog-family")               \
  CASE("error-catalog-no-subcommand")        \
  CASE("error-catalog-unknown-subcommand")   \
  CASE("error-from-eventlog-and-spec")       \
  CASE("error-from-eventlog-missing")        \
  CASE("error-glue-too-small")               \
  CASE("error-glue-worker-type")             \
  CASE("error-json-bad-input")               \
  CASE("error-json-predict-cannot-run")      \
  CASE("error-json-recommend-infeasible")    \
  CASE("error-json-usage")                   \
  CASE("error-observation-missing-log")      \
  CASE("error-observation-not-a-log")        \
  CASE("error-predict-cannot-run")           \
  CASE("error-predict-failed-run")           \
  CASE("error-predict-glue-cannot-run")      \
  CASE("error-predict-glue-range")           \
  CASE("error-recommend-failed-runs")        \
  CASE("error-recommend-infeasible")         \
  CASE("error-report-same-file")             \
  CASE("error-report-unsupported")           \
  CASE("error-rules-no-action")              \
  CASE("error-unknown-command")              \
  CASE("error-unknown-flag")                 \
  CASE("error-unknown-instance")             \
  CASE("error-version-arguments")            \
  CASE("explain-classic-does-not-fit")       \
  CASE("explain-client-mode")                \
  CASE("explain-exercise")                   \
  CASE("explain-m5-4xlarge")                 \
  CASE("explain-r4-8xlarge-json")            \
  CASE("help")                               \
  CASE("help-analyze")                       \
  CASE("help-catalog-list")                  \
  CASE("help-explain")                       \
  CASE("help-paths")                         \
  CASE("help-predict")                       \
  CASE("help-recommend")                     \
  CASE("help-review")                        \
  CASE("help-version")                       \
  CASE("predict-failed-run-risky-json")      \
  CASE("predict-glue")                       \
  CASE("predict-kubernetes-json")            \
  CASE("predict-nightly-orders")             \
  CASE("predict-process-large-dataset")      \
  CASE("predict-process-large-dataset-json") \
  CASE("recommend-client-mode")              \
  CASE("recommend-emr-json")                 \
  CASE("recommend-failed-runs")              \
  CASE("recommend-from-eventlog-emr")        \
  CASE("recommend-from-eventlog-glue-json")  \
  CASE("recommend-glue")                     \
  CASE("recommend-glue-args")                \
  CASE("recommend-glue-json")                \
  CASE("recommend-k8s-yaml")                 \
  CASE("recommend-kubernetes-markdown")      \
  CASE("recommend-nightly-orders")           \
  CASE("recommend-process-large-dataset")    \
  CASE("recommend-serverless-json")          \
  CASE("recommend-spark-submit")             \
  CASE("recommend-suggest-runs")             \
  CASE("recommend-suggest-runs-json")        \
  CASE("recommend-suggest-runs-glue")        \
  CASE("recommend-yarn-json")                \
  CASE("review-classic")                     \
  CASE("review-classic-json")                \
  CASE("review-classic-sarif")               \
  CASE("review-emr-cluster")                 \
  CASE("review-error-glue")                  \
  CASE("review-error-submit")                \
  CASE("review-examples")                    \
  CASE("review-fail-on-error")               \
  CASE("review-files")                       \
  CASE("review-glue")                        \
  CASE("review-job-spec")                    \
  CASE("review-k8s")                         \
  CASE("review-markdown")                    \
  CASE("review-serverless")                  \
  CASE("review-serverless-json")             \
  CASE("rules-show-sf2003")

namespace {

const fs::path kGoldenDir = fs::path(kSourceDir) / "tests" / "cli" / "golden";

std::string run_case(const fs::path& args_file) {
  CommandRun run = run_sparkfit(read_args(args_file));
  return "exit: " + std::to_string(run.code) + "\n--- stdout\n" + run.out + "--- stderr\n" + run.err;
}

void check_golden_case(const std::string& name) {
  const fs::path expected_file = kGoldenDir / (name + ".out");
  const std::string actual = run_case(kGoldenDir / (name + ".args"));
  if (std::getenv("SPARKFIT_UPDATE_GOLDEN") != nullptr) {
    write_file(expected_file, actual);
    return;
  }
  CHECK(actual == read_file(expected_file));
}

}  // namespace

#define SPARKFIT_GOLDEN_TEST(name) \
  TEST_CASE("golden: " name) { check_golden_case(name); }
#define SPARKFIT_GOLDEN_NAME(name) name,

TEST_SUITE("cli") {
  SPARKFIT_GOLDEN_CASES(SPARKFIT_GOLDEN_TEST)

  TEST_CASE("every golden case in tests/cli/golden is in the table, and every entry has its files") {
    const std::set<std::string> table = {SPARKFIT_GOLDEN_CASES(SPARKFIT_GOLDEN_NAME)};
    // Every file there is NAME.args or NAME.out of a case in the table, and every case has both.
    for (const auto& entry : fs::directory_iterator(kGoldenDir))
      CHECK_MESSAGE(table.count(entry.path().stem().string()) == 1, entry.path().filename().string()
                                                                        << " belongs to no case in the table");
    for (const std::string& name : table) {
      CHECK_MESSAGE(fs::exists(kGoldenDir / (name + ".args")), name << " has no .args file");
      CHECK_MESSAGE(fs::exists(kGoldenDir / (name + ".out")), name << " has no .out file");
    }
  }

  TEST_CASE("the same input gives byte-identical output") {
    const std::vector<std::string> args{"explain", "--instance", "r5.4xlarge", "--nodes", "10",
                                        "--input", "1TB",        "--format",   "json"};
    CommandRun first = run_sparkfit(args);
    CommandRun second = run_sparkfit(args);
    CHECK(first.code == 0);
    CHECK(second.code == 0);
    CHECK(first.out == second.out);
  }

  TEST_CASE("--output writes the whole file, and a failed write leaves nothing behind") {
    const fs::path target = scratch_path("output.json");
    std::vector<std::string> args{
        "explain",  "--num-executors", "5", "--executor-cores", "2", "--partitions", "2000", "--format", "json",
        "--output", target.string()};
    CommandRun written = run_sparkfit(args);
    CHECK(written.code == 0);
    CHECK(written.out.empty());
    CHECK(read_file(target).find("\"waves\": 200") != std::string::npos);
    args.back() = "/nonexistent-dir/x.json";
    CHECK(run_sparkfit(args).code == 2);
    CHECK(!fs::exists("/nonexistent-dir/x.json"));
    fs::remove(target);
  }
}
