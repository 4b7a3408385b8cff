// Observations that name a Spark event log: the run's wall time and layout calibrate the model,
// and a log that cannot be used is an error at the spec's `event_log` value.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace sparkfit::testing;

namespace {

// The real EMR run shipped with the process-large-dataset example (examples/jobs/runs/README.md).
const std::string kEmrLog = kSourceDir + "/examples/jobs/runs/process-large-dataset-attempt-1.zstd";
const std::string kLogs = kTestData + "/eventlogs/";

// Writes `yaml` as a spec in a scratch directory and runs `sparkfit <command> SPEC <args>`.
CommandRun run_spec(const std::string& yaml, const std::string& command, std::vector<std::string> args,
                    std::string* spec_path) {
  const fs::path spec = scratch_dir("observations") / "job.yaml";
  write_file(spec, yaml);
  if (spec_path) *spec_path = spec.string();
  args.insert(args.begin(), {command, spec.string()});
  return run_sparkfit(std::move(args));
}

std::string spec_with(const std::string& observation) {
  return "job:\n  name: logged\n  input: {size: 250MB}\n  workload: aggregation\nobservations:\n" + observation + "\n";
}

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("an observation with an event log calibrates from the run's wall time and its own layout") {
    CommandRun text = run_spec(spec_with("  - {platform: emr, event_log: " + kEmrLog + "}"), "predict",
                               {"--instance", "m5.xlarge", "--nodes", "3"}, nullptr);
    REQUIRE(text.code == 0);
    CHECK(text.err.empty());
    CHECK(text.out.find("  calibrated from 1 observation: runtime x ") != std::string::npos);
    // The note names the log and what it gave: 42.7 s from application start to end, and the
    // run's 10 executors x 3 cores with its 9397M heap (overhead: Spark's 0.10, as the log sets no
    // factor), on one node per executor since the observation names no cluster.
    CHECK(text.out.find("  observation at line 6: measured by its event log " + kEmrLog +
                        ": 43 s from application start to end, 10 executors x 3 cores, heap 9397m + overhead 939m, "
                        "on 11 nodes x 4 cores x 12.1 GiB (one node per executor: the observation names no cluster); "
                        "the uncalibrated model predicts ") != std::string::npos);

    CommandRun json = run_spec(spec_with("  - {platform: emr, event_log: " + kEmrLog + "}"), "predict",
                               {"--instance", "m5.xlarge", "--nodes", "3", "--format", "json"}, nullptr);
    REQUIRE(json.code == 0);
    sparkfit::json::Document doc = sparkfit::json::parse(json.out, "predict.json");
    const sparkfit::json::Value& calibration = at(doc.root, "calibration");
    REQUIRE(calibration.is_object());
    const sparkfit::json::Value& observations = at(calibration, "observations");
    REQUIRE(observations.items.size() == 1);
    const sparkfit::json::Value& used = observations.items[0];
    CHECK(at(used, "line").number == 6);
    CHECK(at(used, "platform").text == "emr");
    CHECK(at(used, "measured_by").text == "event_log");
    CHECK(at(used, "event_log").text == kEmrLog);
    CHECK(at(used, "nodes").number == 11);
    CHECK(at(used, "measured_s").number == doctest::Approx(42.7));
    // One observation moves the level: the posterior all but meets the run (the fitted noise keeps
    // it from matching exactly).
    const double predicted = at(used, "predicted_s").number;
    REQUIRE(predicted > 0);
    CHECK(at(calibration, "runtime_factor").number == doctest::Approx(42.664 / predicted).epsilon(0.1));
  }

  TEST_CASE("an event log on a named cluster keeps the run's layout, and a cluster too small for it is not used") {
    CommandRun named = run_spec(
        spec_with("  - {platform: emr, instance_type: r6i.2xlarge, nodes: 3, runtime: 60s, event_log: " + kEmrLog +
                  "}"),
        "predict", {"--instance", "m5.xlarge", "--nodes", "3"}, nullptr);
    REQUIRE(named.code == 0);
    CHECK(named.out.find("  observation at line 6: the runtime given (1 min 00 s) and its event log's (43 s) differ by "
                         "more than 10%; the log's is used\n") != std::string::npos);
    CHECK(
        named.out.find("43 s from application start to end, 10 executors x 3 cores, heap 9397m + overhead 939m, on 3 x "
                       "r6i.2xlarge; the uncalibrated model predicts ") != std::string::npos);

    CommandRun small =
        run_spec(spec_with("  - {platform: emr, instance_type: m5.xlarge, nodes: 2, event_log: " + kEmrLog + "}"),
                 "predict", {"--instance", "m5.xlarge", "--nodes", "3"}, nullptr);
    REQUIRE(small.code == 0);
    CHECK(small.out.find("calibrated from") == std::string::npos);
    CHECK(small.out.find("  observation at line 6: 2 x m5.xlarge holds 2 of the 10 executors its event log shows (10 "
                         "executors x 3 cores, heap 9397m): not used\n") != std::string::npos);
  }

  TEST_CASE("an event log without ApplicationEnd gives no wall time: the observation is not used") {
    const std::string log = kLogs + "spark-rapids-tools/spark-events-qualification/truncated_eventlog";
    CommandRun run = run_spec(spec_with("  - {platform: yarn, event_log: " + log + "}"), "predict",
                              {"--instance", "m5.xlarge", "--nodes", "3", "--format", "json"}, nullptr);
    REQUIRE(run.code == 0);
    CHECK(run.out.find("\"calibration\": null") != std::string::npos);
  }

  TEST_CASE("an event log that does not exist is an error at the observation's event_log value") {
    std::string spec;
    CommandRun run =
        run_spec(spec_with("  - {platform: emr, instance_type: r5.4xlarge, nodes: 10, event_log: runs/app-1.zstd}"),
                 "recommend", {}, &spec);
    CHECK(run.code == 2);
    CHECK(run.out.empty());
    const std::string log = (fs::path(spec).parent_path() / "runs" / "app-1.zstd").string();
    CHECK(run.err == spec + ":6:70: error: cannot read event log '" + log + "': No such file or directory\n" +
                         "  - {platform: emr, instance_type: r5.4xlarge, nodes: 10, event_log: runs/app-1.zstd}\n" +
                         std::string(69, ' ') + "^\n");
  }

  TEST_CASE("a file with no Spark events in it is an error at the observation's event_log value") {
    const std::string not_a_log = kLogs + "sparklens/LICENSE";
    std::string spec;
    CommandRun run = run_spec(spec_with("  - platform: yarn\n    event_log: " + not_a_log), "predict",
                              {"--instance", "m5.xlarge", "--nodes", "3"}, &spec);
    CHECK(run.code == 2);
    CHECK(run.err ==
          spec + ":7:16: error: event log '" + not_a_log +
              "' has no Spark events (201 lines read); expected a Spark event log (JSON lines with \"Event\" "
              "fields)\n    event_log: " +
              not_a_log + "\n" + std::string(15, ' ') + "^\n");
  }
}
