// sparkfit analyze run in-process on the event logs of tests/data/eventlogs: the fields of its JSON
// output, the job spec it writes, the text report, and the errors of a bad log or count.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "sparkfit/job/job.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace sparkfit;
using namespace sparkfit::testing;

namespace {

const std::string kRapids = kTestData + "/eventlogs/spark-rapids-tools";
const std::string kPlain = kTestData + "/eventlogs/sparklens/local-1532512550423";

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("sparkfit analyze prints the interface contract's fields and writes a job spec the loader accepts") {
    const std::string job = scratch_path("emitted-job.yaml").string();
    CommandRun run = run_sparkfit({"analyze", kRapids + "/spark-events-qualification/nds_q72_dataproc_2_2.zstd",
                                   "--format", "json", "--what-if-executors", "4", "--emit-job", job});
    CHECK(run.code == 0);
    CHECK(run.err.empty());
    const std::string json = run.out;
    for (const char* field : {"\"schema_version\": 1", "\"sparkfit_version\"", "\"spark_version\": \"3.5.3\"",
                              "\"app_name\": \"NDS - Power Run\"", "\"complete\": true", "\"duration_s\": 116.729",
                              "\"executors_added\": 8", "\"peak_executors\": 8", "\"tasks\": 13504", "\"stages\"",
                              "\"memory_spill_bytes\"", "\"disk_spill_bytes\"", "\"findings\"", "\"replay\"",
                              "\"measured_s\": 116.729", "\"replayed_s\"", "\"what_if\"", "\"executor_cores\": 16"})
      CHECK_MESSAGE(json.find(field) != std::string::npos, field);
    job::JobSpec spec = job::load_job_spec(job);
    CHECK(spec.name == "nds-power-run");
    CHECK(spec.input.size_bytes > 0);
    REQUIRE(spec.layout.num_executors);
    CHECK(*spec.layout.num_executors == 8);
    CHECK(*spec.layout.executor_cores == 16);
    CHECK(*spec.layout.shuffle_partitions == 128);
    fs::remove(job);
  }

  TEST_CASE("sparkfit analyze names a missing file and rejects a bad executor count") {
    CommandRun missing = run_sparkfit({"analyze", "no-such-log.zstd"});
    CHECK(missing.code == 2);
    CHECK(missing.err == "no-such-log.zstd: error: cannot open: No such file or directory\n");
    CommandRun no_executors = run_sparkfit({"analyze", kPlain, "--what-if-executors", "0"});
    CHECK(no_executors.code == 2);
    CHECK(no_executors.err.rfind("sparkfit: error: --what-if-executors: ", 0) == 0);
    CHECK(run_sparkfit({"analyze"}).code == 3);
  }

  TEST_CASE("sparkfit analyze's text report shows the run, the stages, the replay and the findings") {
    CommandRun run = run_sparkfit({"analyze", kPlain, "--what-if-executors", "2"});
    CHECK(run.code == 0);
    const std::string text = run.out;
    CHECK(text.find("Spark shell, Spark 2.3.0, 16 s") != std::string::npos);
    CHECK(text.find("Replay (Sparklens-style") != std::string::npos);
    CHECK(text.find("2 x 4 cores: 16.0 s") != std::string::npos);
    CHECK(text.find("[SF6004]") != std::string::npos);
  }

  TEST_CASE("a job spec that cannot be written names --emit-job, not --output") {
    CommandRun run = run_sparkfit({"analyze", kPlain, "--emit-job", "/nonexistent-dir/job.yaml"});
    CHECK(run.code == 2);
    CHECK(run.err.find("sparkfit: error: --emit-job: cannot write '/nonexistent-dir/job.yaml'") == 0);
  }

  TEST_CASE(
      "sparkfit analyze reviews the run's own properties with review's rules: SF4026 for a count under dynamic "
      "allocation") {
    // rp_sql_eventlog ran with spark.dynamicAllocation.enabled=true and spark.executor.instances=1.
    const std::string log = kRapids + "/spark-events-profiling/rp_sql_eventlog.zstd";
    CommandRun json_run = run_sparkfit({"analyze", log, "--format", "json"});
    CHECK(json_run.code == 0);
    const std::string& json = json_run.out;
    const std::size_t begin = json.find("\"config_findings\": [");
    const std::size_t end = json.find("\"config_not_checked\": [");
    REQUIRE(begin != std::string::npos);
    REQUIRE(end != std::string::npos);
    const std::string config = json.substr(begin, end - begin);
    CHECK(config.find("\"id\": \"SF4026\"") != std::string::npos);
    CHECK(config.find("\"name\": \"dynamic-allocation-with-fixed-executor-count\"") != std::string::npos);
    CHECK(config.find("\"setting\": \"spark.executor.instances\"") != std::string::npos);
    CHECK(config.find("\"spark.dynamicAllocation.maxExecutors\": \"1\"") != std::string::npos);
    // The run's own findings stay where they were, the eventlog rules' only.
    const std::string run_findings = json.substr(json.find("\"findings\": ["), begin - json.find("\"findings\": ["));
    CHECK(run_findings.find("SF6004") != std::string::npos);
    CHECK(run_findings.find("SF4026") == std::string::npos);
    // Without the cluster's nodes, the rules that need them are named, not guessed.
    CHECK(json.find("executor sizing against the nodes (SF2008", end) != std::string::npos);

    CommandRun text_run = run_sparkfit({"analyze", log});
    CHECK(text_run.code == 0);
    const std::string& text = text_run.out;
    const std::size_t section = text.find("\nConfiguration review (the run's own Spark properties");
    REQUIRE(section != std::string::npos);
    CHECK(text.find("[SF4026]\n  setting: spark.executor.instances=1\n", section) != std::string::npos);
    CHECK(text.find("  not checked (an event log does not name the cluster's nodes): ", section) != std::string::npos);
  }

  TEST_CASE(
      "a run with a fixed executor count and dynamic allocation off raises no SF4026, and a clean run says none") {
    // nds_q72 ran 8 executors with spark.dynamicAllocation.enabled=false.
    CommandRun fixed = run_sparkfit({"analyze", kRapids + "/spark-events-qualification/nds_q72_dataproc_2_2.zstd"});
    CHECK(fixed.code == 0);
    REQUIRE(fixed.out.find("\nConfiguration review") != std::string::npos);
    CHECK(fixed.out.find("SF4026") == std::string::npos);
    CHECK(fixed.out.find("[SF2003]\n  setting: spark.executor.cores=16\n") != std::string::npos);
    // SF2003's fix is sparkfit's layout, which needs the nodes: the rule's words for a fix without it,
    // ending with analyze's way to the layout, recommend --from-eventlog; never "unknown".
    const std::string config = fixed.out.substr(fixed.out.find("\nConfiguration review"));
    CHECK(config.find("unknown") == std::string::npos);
    CHECK(config.find("  fix: use 4-5 cores per executor and more executors, each with its share of the node's memory; "
                      "sparkfit recommend --from-eventlog " +
                      kRapids +
                      "/spark-events-qualification/nds_q72_dataproc_2_2.zstd --instance TYPE --nodes N sizes "
                      "this run on the cluster\n") != std::string::npos);
    CommandRun clean =
        run_sparkfit({"analyze", kRapids + "/spark-events-qualification/aqeshuffle_eventlog.zstd", "--format", "json"});
    CHECK(clean.code == 0);
    CHECK(clean.out.find("\"config_findings\": [],") != std::string::npos);
  }

  TEST_CASE("a run's property with terminal escapes is reviewed but never echoed raw") {
    // The property's value as an event log writes it: JSON escapes that decode to ESC and BEL.
    std::string log = read_file(kPlain);
    const std::string properties = "\"Spark Properties\":{";
    const std::size_t at = log.find(properties);
    REQUIRE(at != std::string::npos);
    log.insert(at + properties.size(), "\"spark.executor.memory\":\"4g\\u001b]0;owned\\u0007\",");
    const std::string path = scratch_path("hostile-properties-eventlog").string();
    write_file(path, log);
    for (const char* format : {"text", "json", "markdown"}) {
      CAPTURE(format);
      CommandRun run = run_sparkfit({"analyze", path, "--format", format});
      CHECK(run.code == 0);
      CHECK(run.out.find("SF1003") != std::string::npos);
      CHECK(run.out.find('\x1b') == std::string::npos);
      CHECK(run.out.find('\x07') == std::string::npos);
    }
    fs::remove(path);
  }
}
