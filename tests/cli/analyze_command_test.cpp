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
}
