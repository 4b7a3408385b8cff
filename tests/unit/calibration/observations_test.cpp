// Calibration from observations is an engine unit: it takes the catalog, not a command line.
#include <doctest/doctest.h>

#include "sparkfit/calibration/observations.hpp"
#include "sparkfit/units/units.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using testing::shipped_catalog;
using testing::shipped_constants;

namespace {

// A job over `size` of input with one observed run on `platform`, at line `line` of its spec.
job::JobSpec job_observed(const char* size, const char* platform, double runtime_s, int line) {
  job::JobSpec job;
  job.input.size_bytes = units::parse_data_size(size);
  job::Observation run;
  run.platform = platform;
  run.runtime_s = runtime_s;
  run.where.line = line;
  job.observations.push_back(run);
  return job;
}

calibration::JobCalibration calibrated(const job::JobSpec& job, std::vector<std::string>& notes) {
  const model::JobPlan plan = model::plan_job(job, shipped_constants());
  return calibration::from_observations(shipped_catalog(), job, plan, model::Settings{}, shipped_constants(), notes);
}

}  // namespace

TEST_SUITE("calibration") {
  TEST_CASE("one measured EMR run scales the model, and the note says how well it fits") {
    job::JobSpec job = job_observed("500GB", "emr", 1800, 12);
    job.observations.front().instance_type = "r5.4xlarge";
    job.observations.front().nodes = 10;
    std::vector<std::string> notes;
    const calibration::JobCalibration result = calibrated(job, notes);
    CHECK(result.fit.active);
    REQUIRE(result.used.size() == 1);
    CHECK(result.used.front().line == 12);
    CHECK(result.used.front().measured_by == "runtime");
    CHECK(result.used.front().measured_s == 1800);
    REQUIRE(!notes.empty());
    CHECK(notes.front().rfind("calibrated from 1 observation: ", 0) == 0);
  }

  TEST_CASE("an observation that cannot be replayed is noted, not used") {
    std::vector<std::string> notes;
    const calibration::JobCalibration result = calibrated(job_observed("10GB", "kubernetes", 60, 3), notes);
    CHECK(!result.fit.active);
    CHECK(result.used.empty());
    CHECK(notes ==
          std::vector<std::string>{
              "observation at line 3 (platform kubernetes) cannot be replayed on this version's platforms: not used"});
  }
}
