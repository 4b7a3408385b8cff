// The managed planners behind one entry point, chosen by the Platform enum.
#include <doctest/doctest.h>

#include "support/test_support.hpp"
#include "sparkfit/platform/managed.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"

using namespace sparkfit;
using testing::shipped_catalog;
using testing::shipped_constants;

namespace {

model::JobPlan plan_of(const char* size) {
  job::JobSpec job;
  job.input.size_bytes = units::parse_data_size(size);
  return model::plan_job(job, testing::shipped_constants());
}

}  // namespace

TEST_SUITE("platform") {
  TEST_CASE("evaluate dispatches on the platform to its planner") {
    const model::JobPlan plan = plan_of("100GB");
    platform::ManagedRequest request;
    request.glue.worker_types = {"G.1X"};
    request.glue.workers = {10};
    request.serverless.executors = {5};
    for (platform::Platform p : {platform::Platform::glue, platform::Platform::emr_serverless}) {
      const std::vector<platform::Option> options =
          platform::evaluate(p, plan, shipped_catalog(), request, model::Settings{}, testing::shipped_constants());
      REQUIRE(!options.empty());
      for (const platform::Option& o : options) CHECK(o.platform == p);
    }
    CHECK_THROWS_AS(platform::evaluate(platform::Platform::emr, plan, shipped_catalog(), request, model::Settings{},
                                       testing::shipped_constants()),
                    InputError);
  }

  TEST_CASE("predict on Glue needs one capacity") {
    platform::ManagedRequest request;
    request.glue.worker_types = {"G.1X", "G.2X"};
    request.glue.workers = {10};
    try {
      platform::predict_managed(platform::Platform::glue, plan_of("10GB"), shipped_catalog(), request,
                                std::nullopt, model::Settings{}, testing::shipped_constants(), job::Objective{});
      FAIL("no error");
    } catch (const InputError& error) {
      CHECK(error.message() ==
            "predict --platform glue evaluates one capacity: give one --worker-type and one --workers count "
            "(or a spec with one of each); recommend searches ranges");
    }
  }

  TEST_CASE("recommend on Glue gives Glue's capacity view of the pick and its one-wave capacity") {
    platform::ManagedRequest request;
    request.glue.worker_types = {"G.2X"};
    const platform::ManagedPlan managed =
        platform::recommend_managed(platform::Platform::glue, plan_of("200GB"), shipped_catalog(), request,
                                    model::Settings{}, testing::shipped_constants(), job::Objective{});
    REQUIRE(managed.capacity);
    REQUIRE(managed.one_wave);
    CHECK(managed.one_wave->glue()->workers == std::max(2, managed.capacity->one_wave_workers));
    CHECK(managed.pick().glue()->worker->name == "G.2X");
  }

  TEST_CASE("platform words read both ways, and an unknown one is not found") {
    for (const std::string& name : platform::platform_names())
      CHECK(platform::to_string(platform::parse_platform(name)) == name);
    CHECK(!platform::find_platform("all"));
    CHECK(platform::is_managed(platform::Platform::kubernetes));
    CHECK(!platform::is_managed(platform::Platform::yarn));
  }
}
