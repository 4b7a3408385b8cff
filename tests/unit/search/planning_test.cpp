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

  TEST_CASE("what predict assumed of the work and the prices depends on the platform") {
    job::JobSpec job = testing::job_of("500GB", job::Workload::join);
    job.input.files = 4000;
    job.input.file_format_given = job.input.compression_given = job.language_given = true;
    const std::string shuffle =
        "spark.sql.shuffle.partitions 200, Spark's default (SQLConf.scala): --shuffle-partitions N sets it";
    CHECK(search::assumed_plan({}, job, platform::Platform::yarn) == std::vector<std::string>{shuffle});
    CHECK(search::assumed_plan({}, job, platform::Platform::glue) ==
          std::vector<std::string>{shuffle,
                                   "us-east-1 prices, the catalog's: --price-factor F scales them to another region"});
    search::PriceRequest spot;
    spot.market = job::Market::spot;
    const std::vector<std::string> emr = search::assumed_plan(spot, job, platform::Platform::emr);
    CHECK(emr ==
          std::vector<std::string>{shuffle, "spot at 0.6 off the on-demand price: --spot-discount F sets it",
                                   "us-east-1 prices, the catalog's: --price-factor F scales them to another region",
                                   "no savings plan on EC2: --savings-plan-discount F takes it off",
                                   "the EMR primary node is of the worker type: --primary-instance sets it"});
    job.layout.shuffle_partitions = 400;
    CHECK(search::assumed_plan({}, job, platform::Platform::yarn).empty());
  }
}
