// Calibration from observations is an engine unit: it takes the catalog, not a command line.
#include <doctest/doctest.h>

#include "shipped_data.hpp"
#include "sparkfit/calibration/observations.hpp"
#include "sparkfit/units/units.hpp"

using namespace sparkfit;
using testing::shipped_catalog;
using testing::shipped_constants;

TEST_SUITE("calibration") {
  TEST_CASE("one measured EMR run scales the model, and the note says how well it fits") {
    job::JobSpec job;
    job.input.size_bytes = units::parse_data_size("500GB");
    job::Observation run;
    run.platform = "emr";
    run.instance_type = "r5.4xlarge";
    run.nodes = 10;
    run.runtime_s = 1800;
    run.where.line = 12;
    job.observations.push_back(run);
    const model::JobPlan plan = model::plan_job(job, testing::shipped_constants());
    std::vector<std::string> notes;
    const calibration::JobCalibration result = calibration::from_observations(
        shipped_catalog(), job, plan, model::Settings{}, testing::shipped_constants(), notes);
    CHECK(result.fit.active);
    REQUIRE(result.used.size() == 1);
    CHECK(result.used.front().line == 12);
    CHECK(result.used.front().measured_by == "runtime");
    CHECK(result.used.front().measured_s == 1800);
    REQUIRE(!notes.empty());
    CHECK(notes.front().rfind("calibrated from 1 observation: ", 0) == 0);
  }

  TEST_CASE("an observation that cannot be replayed is noted, not used") {
    job::JobSpec job;
    job.input.size_bytes = units::parse_data_size("10GB");
    job::Observation run;
    run.platform = "kubernetes";
    run.runtime_s = 60;
    run.where.line = 3;
    job.observations.push_back(run);
    const model::JobPlan plan = model::plan_job(job, testing::shipped_constants());
    std::vector<std::string> notes;
    const calibration::JobCalibration result = calibration::from_observations(
        shipped_catalog(), job, plan, model::Settings{}, testing::shipped_constants(), notes);
    CHECK(!result.fit.active);
    CHECK(result.used.empty());
    CHECK(notes == std::vector<std::string>{
                       "observation at line 3 (platform kubernetes) cannot be replayed on this version's platforms: not used"});
  }
}
