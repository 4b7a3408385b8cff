// Bigger managed workers carry more bandwidth (instance_catalogs/aws/glue.yaml and emr_serverless.yaml,
// bandwidth_source): for an I/O-heavy shuffle job, G.2X beats G.1X at the same count, and EMR Serverless
// workers of 4 vCPU are no slower per vCPU than workers of 1.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "sparkfit/catalog/catalog.hpp"
#include "sparkfit/job/job.hpp"
#include "sparkfit/platform/managed.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using testing::shipped_catalog;
using testing::shipped_constants;

namespace {
// nightly-orders: a 500 GiB join that shuffles all it scans.
model::JobPlan nightly_orders() {
  return model::plan_job(job::load_job_spec(testing::kSourceDir + "/examples/jobs/nightly-orders.yaml"),
                         shipped_constants());
}

double glue_runtime(const model::JobPlan& plan, const std::string& worker_type, int workers) {
  platform::GlueRequest request;
  request.worker_types = {worker_type};
  request.workers = {workers};
  auto options = platform::evaluate_glue(plan, shipped_catalog().glue, request, model::Settings{}, shipped_constants());
  REQUIRE(options.size() == 1);
  REQUIRE(options.front().feasible());
  return options.front().runtime_s();
}

double serverless_runtime(const model::JobPlan& plan, int vcpus, int executors) {
  platform::FixedLayout fixed;
  fixed.executor_cores = vcpus;
  fixed.num_executors = executors;
  // The same memory per vCPU, so that only the worker's size differs (more memory per vCPU is
  // faster on its own account): 3712 MiB of heap per vCPU fills 4 GB per vCPU with the overhead.
  fixed.heap_mib = std::int64_t{3712} * vcpus;
  auto options = platform::evaluate_serverless(plan, shipped_catalog().serverless, {}, fixed, model::Settings{},
                                               shipped_constants());
  REQUIRE(!options.empty());
  double best = options.front().runtime_s();
  for (const platform::Option& o : options)
    if (o.feasible()) best = std::min(best, o.runtime_s());
  return best;
}
}  // namespace

TEST_SUITE("platform") {
  TEST_CASE("every Glue worker type has the bandwidth of an EC2 instance, growing with its size") {
    for (const catalog::GlueWorkerType& w : shipped_catalog().glue.worker_types) {
      CAPTURE(w.name);
      const catalog::InstanceType* instance = shipped_catalog().find(w.bandwidth_as);
      REQUIRE(instance != nullptr);
      CHECK(instance->vcpus == w.vcpus);
      REQUIRE(instance->network_gbps.has_value());
      CHECK(*instance->network_gbps == w.network_gbps);
    }
  }

  TEST_CASE("for the same I/O-heavy job, G.2X x N is faster than G.1X x N") {
    const model::JobPlan plan = nightly_orders();
    for (int workers : {10, 20, 40}) {
      CAPTURE(workers);
      CHECK(glue_runtime(plan, "G.2X", workers) < glue_runtime(plan, "G.1X", workers));
    }
  }

  TEST_CASE("EMR Serverless workers of 4 vCPU are not slower than 1-vCPU workers of the same total vCPUs and memory") {
    const model::JobPlan plan = nightly_orders();
    for (int total : {20, 80}) {
      CAPTURE(total);
      CHECK(serverless_runtime(plan, 4, total / 4) <= serverless_runtime(plan, 1, total));
    }
  }

  TEST_CASE("the EMR Serverless pick for a 500 GiB join is not the 1-vCPU worker") {
    auto options = platform::evaluate_serverless(nightly_orders(), shipped_catalog().serverless, {}, {},
                                                 model::Settings{}, shipped_constants());
    std::string why;
    auto pick = platform::pick(options, job::Objective{}, &why);
    REQUIRE(pick.has_value());
    CHECK(options[*pick].layout.executor_cores > 1);
  }
}
