// What every plan starts from: the price settings over the spec's, the planning, and the layout a
// search starts from.
#include <doctest/doctest.h>

#include "sparkfit/search/planning.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using testing::error_of;
using testing::shipped_catalog;

namespace {

const std::filesystem::path kModelFile = testing::kSourceDir + "/instance_catalogs/model/model.yaml";

}  // namespace

TEST_SUITE("search") {
  TEST_CASE("price settings: the request over the spec's EMR prices over the defaults") {
    job::JobSpec job = testing::job_of("10GB", job::Workload::etl);
    job.emr = job::EmrPlatform{};
    job.emr->market = job::Market::spot;
    search::PriceRequest request;
    request.price_factor = 1.08;
    const model::Settings settings = search::price_settings(shipped_catalog(), request, job);
    CHECK(settings.market == job::Market::spot);
    CHECK(settings.price_factor == doctest::Approx(1.08));
    CHECK(settings.savings_plan_discount == 0.0);
    CHECK(settings.primary == nullptr);
    request.primary_instance = "m5.xlarge";
    CHECK(search::price_settings(shipped_catalog(), request, job).primary == shipped_catalog().find("m5.xlarge"));
  }

  TEST_CASE("an unknown primary instance type names its flag") {
    search::PriceRequest request;
    request.primary_instance = "m5.huge";
    CHECK(error_of([&] {
            search::price_settings(shipped_catalog(), request, testing::job_of("1GB", job::Workload::etl));
          }).rfind("--primary-instance", 0) == 0);
  }

  TEST_CASE("planning points the settings at its calibration, and a search starts from the space's defaults") {
    search::Planning planning;
    search::start_planning(planning, shipped_catalog(), kModelFile, {}, testing::job_of("100GB", job::Workload::etl));
    CHECK(planning.settings.calibration == &planning.calibrated.fit);
    search::SpaceRequest request;
    request.instances = std::vector<std::string>{"r5.2xlarge"};
    request.nodes = std::vector<int>{4};
    const search::Space space = search::space_for(shipped_catalog(), planning.plan.job, request);
    platform::LayoutRequest layout;
    layout.executor_cores = 4;
    const layout::Choices base = search::base_choices(space, layout, planning.plan.job);
    CHECK(base.executor_cores == 4);
    CHECK(base.overhead_factor == search::first_cluster(space).overhead_factor);
  }
}
