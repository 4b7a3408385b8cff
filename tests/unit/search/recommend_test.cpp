// The recommendation as an engine call: the space from a request, the pick, its settings with
// their arithmetic, and the alternatives.
#include <doctest/doctest.h>

#include <algorithm>
#include <functional>
#include <set>

#include "sparkfit/search/search.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using testing::shipped_catalog;
using testing::shipped_constants;

namespace {

model::JobPlan plan_of(const char* size, job::Workload workload) {
  job::JobSpec job;
  job.input.size_bytes = units::parse_data_size(size);
  job.workload = workload;
  return model::plan_job(job, shipped_constants());
}

search::Space emr_space(std::vector<std::string> instances, std::vector<int> nodes, const job::JobSpec& job = {}) {
  search::SpaceRequest request;
  request.instances = std::move(instances);
  request.nodes = std::move(nodes);
  return search::space_for(shipped_catalog(), job, request);
}

search::Recommendation recommend(const model::JobPlan& plan, search::Space space, int executor_cores = 0,
                                 std::int64_t driver_heap_mib = layout::kDefaultDriverMiB,
                                 const catalog::InstanceType* primary = nullptr) {
  layout::Choices base;
  const platform::Cluster sample = search::first_cluster(space);
  base.overhead_factor = sample.overhead_factor;
  base.gc = sample.gc;
  base.executor_cores = executor_cores;
  base.driver_heap_mib = driver_heap_mib;
  std::string why_none;
  model::Settings settings;
  settings.primary = primary;
  std::optional<search::Recommendation> r =
      search::recommend(plan, std::move(space), base, settings, shipped_constants(), job::Objective{}, false, why_none);
  REQUIRE_MESSAGE(r, why_none);
  return std::move(*r);
}

std::string error_of(const std::function<void()>& action) {
  try {
    action();
  } catch (const InputError& error) {
    return error.message();
  }
  return "";
}

}  // namespace

TEST_SUITE("search") {
  TEST_CASE("a space request's instance types and node counts replace the spec's, and EMR keeps only what it offers") {
    job::JobSpec job;
    job.emr = job::EmrPlatform{};
    job.emr->instance_types = {"m5.2xlarge"};
    job.emr->nodes = {3, 4};
    search::Space space = emr_space({"r5.4xlarge", "r5.2xlarge"}, {10}, job);
    REQUIRE(space.instances.size() == 2);
    CHECK(space.instances.front()->name == "r5.4xlarge");
    CHECK(space.nodes == std::vector<int>{10});
    CHECK(space.release->label == "emr-7.1.0");
  }

  TEST_CASE("a space without what it needs says which input is missing") {
    search::SpaceRequest yarn;
    yarn.platform = platform::Platform::yarn;
    CHECK(error_of([&] { search::space_for(shipped_catalog(), {}, yarn); }) ==
          "recommend --platform yarn needs --nodes, --node-cores and --node-memory or platform.yarn");
    search::SpaceRequest release;
    release.emr_release = "emr-0.1";
    CHECK(error_of([&] { search::space_for(shipped_catalog(), {}, release); }) ==
          "--emr-release: unknown EMR release 'emr-0.1'");
  }

  TEST_CASE("the pick's Spark settings come from the YARN planner, each with the arithmetic behind it") {
    search::Recommendation r = recommend(plan_of("500GB", job::Workload::join), emr_space({"r5.4xlarge"}, {10}));
    REQUIRE(r.settings.size() >= 8);
    CHECK(r.settings[0].key == "spark.submit.deployMode");
    CHECK(r.settings[0].value == "cluster");
    CHECK(r.settings[1].key == "spark.executor.instances");
    CHECK(r.settings[1].value == std::to_string(r.layout.num_executors));
    for (const platform::Setting& s : r.settings) CHECK_MESSAGE(!s.why.empty(), s.key);
    CHECK(r.cluster.description == "10 x r5.4xlarge");
    CHECK(r.priced());
  }

  TEST_CASE(
      "on EMR the search tries client mode where cluster mode's AM costs executors, and keeps it only if it wins") {
    // 1 TiB sort on m5.xlarge with a 6g driver: cluster mode's AM container (6g + 1152 MiB) takes a
    // whole node's executor, client mode's 896 MiB AM leaves it, so 32 executors run instead of 31.
    const model::JobPlan sort = plan_of("1TB", job::Workload::sort);
    search::Space space = emr_space({"m5.xlarge"}, {32});
    space.try_client_mode = true;
    const search::Recommendation client = recommend(sort, space, 4, 6 * 1024);
    CHECK(client.pick().deploy_mode == job::DeployMode::client);
    CHECK(client.choices.deploy_mode == job::DeployMode::client);
    CHECK(client.layout.num_executors == 32);
    CHECK(client.layout.am_container_mib == 896);
    REQUIRE(!client.settings.empty());
    CHECK(client.settings[0].key == "spark.submit.deployMode");
    CHECK(client.settings[0].value == "client");
    CHECK(client.settings[0].why.find("31 executors instead of 32") != std::string::npos);

    // Not tried when the platform has no primary node to hold the driver (try_client_mode off: EC2,
    // YARN, or a deploy mode given).
    space.try_client_mode = false;
    const search::Recommendation cluster = recommend(sort, space, 4, 6 * 1024);
    CHECK(cluster.pick().deploy_mode == job::DeployMode::cluster);
    for (const search::Candidate& c : cluster.result.candidates) CHECK(c.deploy_mode == job::DeployMode::cluster);
    CHECK(cluster.result.evaluated < client.result.evaluated);

    // A driver larger than the primary node leaves to processes (m5.large: 6144 MiB) stays in cluster mode.
    space.try_client_mode = true;
    const search::Recommendation large = recommend(sort, space, 4, 6 * 1024, &shipped_catalog().require("m5.large"));
    for (const search::Candidate& c : large.result.candidates) CHECK(c.deploy_mode == job::DeployMode::cluster);

    // Where client mode changes nothing the model sees, the tie keeps cluster mode, which was tried first.
    search::Space small = emr_space({"r5.4xlarge"}, {10});
    small.try_client_mode = true;
    const search::Recommendation tie = recommend(plan_of("50GB", job::Workload::etl), small);
    CHECK(tie.pick().deploy_mode == job::DeployMode::cluster);
  }

  TEST_CASE("given executor cores, the search tries only that count") {
    search::Recommendation r = recommend(plan_of("500GB", job::Workload::join), emr_space({"r5.4xlarge"}, {4, 8}), 3);
    for (const search::Candidate& c : r.result.candidates) CHECK(c.executor_cores == 3);
    CHECK(r.layout.executor_cores == 3);
  }

  TEST_CASE("alternatives: at most five, never the pick, one per instance type and executor cores") {
    search::Recommendation r = recommend(plan_of("1TB", job::Workload::join),
                                         emr_space({"r5.4xlarge", "m5.4xlarge", "c5.4xlarge"}, {5, 10, 20}));
    const std::vector<std::size_t> shown = search::alternatives(r, job::Objective{});
    CHECK(!shown.empty());
    CHECK(shown.size() <= 5);
    std::set<std::pair<const catalog::InstanceType*, int>> kinds{{r.pick().instance, r.pick().executor_cores}};
    for (std::size_t i : shown) {
      CHECK(i != r.best);
      CHECK(kinds.insert({r.result.candidates[i].instance, r.result.candidates[i].executor_cores}).second);
    }
  }

  TEST_CASE("a chart draws the Pareto front and the pick, in candidate order, within the limit") {
    search::Recommendation r =
        recommend(plan_of("1TB", job::Workload::join), emr_space({"r5.4xlarge", "m5.4xlarge"}, {5, 10}));
    const std::vector<std::size_t> drawn = search::drawn_candidates(r, job::Objective{}, 3);
    CHECK(std::is_sorted(drawn.begin(), drawn.end()));
    CHECK(std::find(drawn.begin(), drawn.end(), r.best) != drawn.end());
    for (std::size_t i : r.result.pareto) CHECK(std::find(drawn.begin(), drawn.end(), i) != drawn.end());
    CHECK(drawn.size() <= r.result.pareto.size() + 3 + 1);
  }

  TEST_CASE("a candidate is described by its nodes, type, cores and partitions") {
    search::Recommendation r = recommend(plan_of("100GB", job::Workload::etl), emr_space({"m5.2xlarge"}, {4}), 4);
    CHECK(search::describe(r.pick(), r.cluster) ==
          "4 x m5.2xlarge, 4-core executors, " + std::to_string(r.pick().shuffle_partitions) + " shuffle partitions");
  }
}
