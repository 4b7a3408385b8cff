// What every plan starts from: the price settings over the spec's, the planning, and the layout a
// search starts from.
#include <doctest/doctest.h>

#include "sparkfit/search/planning.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using testing::error_of;
using testing::given_of;
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

namespace {

search::DataSource shipped_data() {
  return {[]() -> const catalog::Catalog& { return shipped_catalog(); }, [] { return kModelFile; }};
}

}  // namespace

TEST_SUITE("search") {
  TEST_CASE("the price inputs: the market as a word, discounts below 1, a positive factor, each naming its flag") {
    const search::PriceRequest request = search::price_request(
        given_of({{"market", "spot"}, {"spot-discount", "0.5"}, {"primary-instance", "m5.xlarge"}}));
    CHECK(request.market == job::Market::spot);
    CHECK(request.spot_discount == doctest::Approx(0.5));
    CHECK(request.primary_instance == "m5.xlarge");
    CHECK(!request.price_factor);
    CHECK(error_of([] {
            search::price_request(given_of({{"savings-plan-discount", "1"}}));
          }) == "--savings-plan-discount: invalid value '1': expected a fraction from 0 to below 1, such as 0.6");
    CHECK(error_of([] { search::price_request(given_of({{"region", "eu-west-1"}})); }).rfind("--region: ", 0) == 0);
  }

  TEST_CASE("the objective inputs replace the spec's, and what is not given stays the spec's") {
    job::JobSpec job = testing::job_of("10GB", job::Workload::etl);
    job.objective.budget_usd = 50;
    const job::Objective objective =
        search::objective_from(given_of({{"minimize", "runtime"}, {"deadline", "45m"}}), job);
    CHECK(objective.minimize == job::Minimize::runtime);
    CHECK(objective.deadline_s == doctest::Approx(2700));
    CHECK(objective.budget_usd == doctest::Approx(50));
  }

  TEST_CASE("the job is the spec with the work inputs over it, and a spec with --from-eventlog is refused") {
    bool has_input = false;
    const job::JobSpec job = search::job_from(given_of({{"input", "20GB"}}), std::nullopt, &has_input);
    CHECK(has_input);
    CHECK(job.input.size_bytes == std::int64_t{20} << 30);
    CHECK_THROWS_AS(search::job_from(given_of({{"from-eventlog", "run.zstd"}}), "job.yaml", &has_input), UsageError);
    CHECK(error_of([] { search::job_with_work(given_of({}), std::nullopt, "predict"); }) ==
          "predict needs the work: a job spec or --input SIZE (with --workload)");
  }

  TEST_CASE("a search's --nodes is a set and --instance a list, and on yarn the one cluster is the cluster inputs") {
    const job::JobSpec job = testing::job_of("10GB", job::Workload::etl);
    const search::SpaceRequest emr = search::space_request(
        shipped_data().catalog, given_of({{"instance", "r5.xlarge,m5.xlarge"}, {"nodes", "2..4"}}), job,
        platform::Platform::emr);
    CHECK(emr.instances == std::vector<std::string>{"r5.xlarge", "m5.xlarge"});
    CHECK(emr.nodes == std::vector<int>{2, 3, 4});
    CHECK(!emr.yarn);
    const search::SpaceRequest yarn = search::space_request(
        shipped_data().catalog, given_of({{"nodes", "4"}, {"node-cores", "16"}, {"node-memory", "64g"}}), job,
        platform::Platform::yarn);
    REQUIRE(yarn.yarn);
    CHECK(yarn.yarn->nodes == 4);
    CHECK(yarn.yarn->platform == platform::Platform::yarn);
  }

  TEST_CASE("predict on a cluster needs one, and predicts the layout of the inputs with what it assumed") {
    const job::JobSpec job = testing::job_of("100GB", job::Workload::etl);
    search::Planning none;
    CHECK(error_of([&] {
            search::predict_on_cluster(none, shipped_data(), {given_of({}), "text", job, std::nullopt});
          }).rfind("predict needs a cluster", 0) == 0);
    search::Planning p;
    const units::Given given = given_of({{"instance", "r5.4xlarge"}, {"nodes", "4"}, {"executor-cores", "5"}});
    const search::OnCluster on = search::predict_on_cluster(p, shipped_data(), {given, "text", job, std::nullopt});
    CHECK(on.cluster.nodes == 4);
    CHECK(on.layout.executor_cores == 5);
    CHECK(on.prediction.feasible());
    CHECK(!on.assumed.empty());
  }

  TEST_CASE("recommend's search request on emr carries the space, the base layout and dynamic allocation") {
    search::Planning p;
    const job::JobSpec job = testing::job_of("100GB", job::Workload::etl);
    const units::Given given =
        given_of({{"instance", "r5.4xlarge"}, {"nodes", "4..6"}, {"executor-cores", "4"}, {"dynamic-allocation", ""}});
    search::start_planning(p, shipped_data(), given, job);
    const platform::PlanRequest request = search::search_request(p, shipped_catalog(), given, platform::Platform::emr);
    REQUIRE(request.space);
    CHECK(request.base.executor_cores == 4);
    CHECK(request.dynamic_allocation);
  }
}
