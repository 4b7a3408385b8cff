// Bigger nodes carry more bandwidth: managed workers (instance_catalogs/aws/glue.yaml and
// emr_serverless.yaml, bandwidth_source), so that for an I/O-heavy shuffle job G.2X beats G.1X at the
// same count and EMR Serverless workers of 4 vCPU are no slower per vCPU than workers of 1; and EC2
// nodes on EMR, EC2 and Kubernetes, whose EBS disk is the type's EBS-optimized baseline (aws/ec2/*.yaml).
#include <doctest/doctest.h>

#include <algorithm>
#include <string>

#include "sparkfit/catalog/catalog.hpp"
#include "sparkfit/job/job.hpp"
#include "sparkfit/platform/managed.hpp"
#include "sparkfit/platform/platform.hpp"
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

const catalog::InstanceType& instance(const char* name) { return shipped_catalog().require(name); }

double runtime_on(const model::JobPlan& plan, const platform::Cluster& cluster) {
  layout::Choices choices;
  choices.overhead_factor = cluster.overhead_factor;
  const layout::Layout l = layout::compute(cluster.node, cluster.nodes, choices);
  return model::predict(plan, cluster, l, model::Settings{}, shipped_constants()).uncalibrated_runtime_s;
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

  TEST_CASE("a Glue worker's disk is the EBS baseline of the EC2 instance it is sized as") {
    for (const catalog::GlueWorkerType& w : shipped_catalog().glue.worker_types) {
      CAPTURE(w.name);
      const catalog::InstanceType& as = instance(w.bandwidth_as.c_str());
      REQUIRE(as.ebs_baseline_mbps.has_value());
      CHECK(w.disk_mib_per_s == doctest::Approx(platform::ebs_mib_per_s(*as.ebs_baseline_mbps)).epsilon(1e-3));
    }
  }

  TEST_CASE("a larger EBS-only instance of a family gets the larger disk bandwidth of its EBS baseline") {
    // m5.xlarge 1150 Mbit/s, m5.4xlarge 4750 (Amazon EC2 User Guide): 137.1 and 566.2 MiB/s.
    const platform::Cluster small = testing::emr_cluster("m5.xlarge", 10);
    const platform::Cluster large = testing::emr_cluster("m5.4xlarge", 10);
    CHECK(small.disk_mib_per_s == doctest::Approx(1150e6 / 8 / 1048576));
    CHECK(large.disk_mib_per_s == doctest::Approx(4750e6 / 8 / 1048576));
    CHECK(large.disk_mib_per_s > small.disk_mib_per_s);
    CHECK(large.disk_source.find("4750 Mbit/s") != std::string::npos);
    for (const char* family : {"m5", "r5", "c5", "m6i", "r4"}) {
      CAPTURE(family);
      double last = 0;
      for (const catalog::InstanceType* t : catalog::find_instances(shipped_catalog(), {.family = family})) {
        if (t->local_disk_gb > 0 || !t->ebs_baseline_mbps) continue;
        const double disk = platform::cluster_for_instance(platform::Platform::ec2, *t, 4, nullptr).disk_mib_per_s;
        CHECK(disk == doctest::Approx(platform::ebs_mib_per_s(*t->ebs_baseline_mbps)));
        CHECK(disk >= last);
        last = disk;
      }
    }
  }

  TEST_CASE("a Kubernetes node gets the same EBS disk bandwidth as an EMR node of the same instance") {
    for (const char* name : {"m5.xlarge", "r5.4xlarge", "c6i.8xlarge", "m7i.4xlarge"}) {
      CAPTURE(name);
      const platform::Cluster emr = testing::emr_cluster(name, 6);
      const platform::Cluster k8s = platform::kubernetes_nodes(instance(name), 6, true).cluster;
      CHECK(k8s.disk_mib_per_s == emr.disk_mib_per_s);
      CHECK(k8s.disk_source == emr.disk_source);
    }
  }

  TEST_CASE("instance store keeps the model's figure for its kind, not the EBS baseline") {
    const platform::Cluster nvme = testing::emr_cluster("m5d.4xlarge", 6);
    REQUIRE(instance("m5d.4xlarge").ebs_baseline_mbps.has_value());
    CHECK(nvme.disk_mib_per_s == 0);
    CHECK(nvme.disk_kind == "nvme");
  }

  TEST_CASE("an EBS-only type without a published baseline falls back to model.yaml's EBS figure") {
    const model::JobPlan plan = nightly_orders();
    const platform::Cluster m7i = testing::emr_cluster("m7i.4xlarge", 10);
    REQUIRE_FALSE(instance("m7i.4xlarge").ebs_baseline_mbps.has_value());
    CHECK(m7i.disk_mib_per_s == 0);
    CHECK(m7i.disk_source.find("io.disk_mib_per_s.ebs") != std::string::npos);
    platform::Cluster flat = m7i, doubled = m7i;
    flat.disk_mib_per_s = shipped_constants().disk_ebs;
    doubled.disk_mib_per_s = 2 * shipped_constants().disk_ebs;
    CHECK(runtime_on(plan, m7i) == doctest::Approx(runtime_on(plan, flat)));
    // The job spills, so the disk figure shows in its runtime: the check above is not vacuous.
    CHECK(runtime_on(plan, doubled) < runtime_on(plan, m7i));
  }

  TEST_CASE("for the same spilling job on EMR, an EBS-only node's baseline decides its disk time") {
    // r5.4xlarge (4750 Mbit/s = 566 MiB/s) against the same nodes at the old flat 250 MiB/s.
    const model::JobPlan plan = nightly_orders();
    const platform::Cluster r5 = testing::emr_cluster("r5.4xlarge", 10);
    platform::Cluster flat = r5;
    flat.disk_mib_per_s = 0;
    CHECK(runtime_on(plan, r5) < runtime_on(plan, flat));
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
