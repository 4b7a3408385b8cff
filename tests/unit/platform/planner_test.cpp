// One planner per platform behind one table, chosen by the Platform enum.
#include <doctest/doctest.h>

#include "sparkfit/platform/planner.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using testing::shipped_catalog;
using testing::shipped_constants;

namespace {

model::JobPlan plan_of(const char* size) {
  job::JobSpec job;
  job.input.size_bytes = units::parse_data_size(size);
  return model::plan_job(job, testing::shipped_constants());
}

const model::Settings kSettings;
const job::Objective kObjective;

// A request for `plan` with the search space of `space_request` (emr, ec2, yarn) and small
// managed requests: Glue G.2X at 5 or 10 workers, 5 Serverless executors, 3 m5.4xlarge pods' nodes.
platform::PlanRequest request_for(const model::JobPlan& plan, const search::SpaceRequest& space_request) {
  platform::PlanRequest request{plan, shipped_catalog(), kSettings, shipped_constants(), kObjective};
  request.space = search::space_for(shipped_catalog(), plan.job, space_request);
  const platform::Cluster sample = search::first_cluster(*request.space);
  request.base.overhead_factor = sample.overhead_factor;
  request.base.gc = sample.gc;
  request.managed.glue.worker_types = {"G.2X"};
  request.managed.glue.workers = {5, 10};
  request.managed.serverless.executors = {5};
  request.managed.kubernetes = platform::kubernetes_request(
      shipped_catalog(), plan.job, std::vector<std::string>{"m5.4xlarge"}, std::vector<int>{3}, false);
  return request;
}

search::SpaceRequest emr_space(platform::Platform platform = platform::Platform::emr) {
  search::SpaceRequest space;
  space.platform = platform;
  space.instances = std::vector<std::string>{"m5.2xlarge"};
  space.nodes = std::vector<int>{4};
  return space;
}

const std::vector<platform::Setting>& settings_of(const platform::Plan& plan) {
  if (const auto* r = std::get_if<search::Recommendation>(&plan)) return r->settings;
  return std::get<platform::ManagedPlan>(plan).pick().spark_conf;
}

// Every setting the platform's planner recommends says why it has its value.
void check_every_setting_has_a_why(platform::Platform platform, const search::SpaceRequest& space) {
  const model::JobPlan plan = plan_of("200GB");
  const platform::Plan recommended = platform::recommend(platform, request_for(plan, space));
  const std::vector<platform::Setting>& settings = settings_of(recommended);
  REQUIRE(!settings.empty());
  for (const platform::Setting& s : settings) {
    INFO(s.key);
    CHECK(!s.why.empty());
  }
}

}  // namespace

TEST_SUITE("platform") {
  TEST_CASE("the planner table has one row per Platform value, at the value's place") {
    const std::vector<std::string> names = platform::platform_names();
    REQUIRE(platform::planners().size() == names.size());
    for (const std::string& name : names) {
      const platform::Platform p = platform::parse_platform(name);
      const platform::Planner& planner = platform::planner_for(p);
      CHECK(planner.platform == p);
      CHECK(static_cast<bool>(planner.recommend));
      // predict runs a planner on the managed platforms; emr, ec2 and yarn predict the given cluster.
      CHECK((planner.predict != nullptr) == platform::is_managed(p));
    }
  }

  TEST_CASE("--platform all compares emr, glue, emr-serverless and kubernetes, in the table's order") {
    const model::JobPlan plan = plan_of("100GB");
    const platform::Comparison comparison = platform::compare_platforms(request_for(plan, emr_space()));
    std::vector<std::string> compared;
    for (const platform::PlatformPick& pick : comparison.platforms) {
      compared.emplace_back(platform::to_string(pick.platform));
      CHECK(!pick.price_driver.empty());
    }
    CHECK(compared == std::vector<std::string>{"emr", "glue", "emr-serverless", "kubernetes"});
  }

  TEST_CASE("every EMR setting says why") { check_every_setting_has_a_why(platform::Platform::emr, emr_space()); }

  TEST_CASE("every EC2 setting says why") {
    check_every_setting_has_a_why(platform::Platform::ec2, emr_space(platform::Platform::ec2));
  }

  TEST_CASE("every YARN setting says why") {
    search::SpaceRequest yarn;
    yarn.platform = platform::Platform::yarn;
    yarn.yarn = platform::cluster_for_yarn(4, 16, 65536, 1, 8192, 1024);
    check_every_setting_has_a_why(platform::Platform::yarn, yarn);
  }

  TEST_CASE("every Glue setting says why") { check_every_setting_has_a_why(platform::Platform::glue, emr_space()); }

  TEST_CASE("every EMR Serverless setting says why") {
    check_every_setting_has_a_why(platform::Platform::emr_serverless, emr_space());
  }

  TEST_CASE("every Kubernetes setting says why") {
    check_every_setting_has_a_why(platform::Platform::kubernetes, emr_space());
  }

  TEST_CASE("predict on emr, ec2 and yarn is not a planner's") {
    const model::JobPlan plan = plan_of("10GB");
    CHECK(testing::error_of([&] { platform::predict(platform::Platform::yarn, request_for(plan, emr_space())); }) ==
          "yarn is predicted on the cluster the flags describe, not by a planner");
  }

  TEST_CASE("predict on Glue needs one capacity") {
    const model::JobPlan plan = plan_of("10GB");
    platform::PlanRequest request = request_for(plan, emr_space());
    request.managed.glue.worker_types = {"G.1X", "G.2X"};
    request.managed.glue.workers = {10};
    CHECK(testing::error_of([&] { platform::predict(platform::Platform::glue, request); }) ==
          "predict --platform glue evaluates one capacity: give one --worker-type and one --workers count "
          "(or a spec with one of each); recommend searches ranges");
  }

  TEST_CASE("recommend on Glue gives Glue's capacity view of the pick and its one-wave capacity") {
    const model::JobPlan plan = plan_of("200GB");
    platform::PlanRequest request = request_for(plan, emr_space());
    request.managed.glue.workers = {};
    const platform::ManagedPlan managed =
        std::get<platform::ManagedPlan>(platform::recommend(platform::Platform::glue, request));
    REQUIRE(managed.capacity);
    REQUIRE(managed.one_wave);
    CHECK(managed.one_wave->glue()->workers == std::max(2, managed.capacity->one_wave_workers));
    CHECK(managed.pick().glue()->worker->name == "G.2X");
  }

  TEST_CASE("every managed planner's options are on its platform") {
    const model::JobPlan plan = plan_of("100GB");
    for (platform::Platform p :
         {platform::Platform::glue, platform::Platform::emr_serverless, platform::Platform::kubernetes}) {
      const platform::ManagedPlan managed =
          std::get<platform::ManagedPlan>(platform::recommend(p, request_for(plan, emr_space())));
      REQUIRE(!managed.options.empty());
      for (const platform::Option& o : managed.options) CHECK(o.platform == p);
    }
  }

  TEST_CASE("platform words read both ways, and an unknown one is not found") {
    for (const std::string& name : platform::platform_names())
      CHECK(platform::to_string(platform::parse_platform(name)) == name);
    CHECK(!platform::find_platform("all"));
    CHECK(platform::is_managed(platform::Platform::kubernetes));
    CHECK(!platform::is_managed(platform::Platform::yarn));
  }
}
