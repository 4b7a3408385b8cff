#include <doctest/doctest.h>

#include <algorithm>

#include "sparkfit/catalog/catalog.hpp"
#include "sparkfit/platform/managed.hpp"
#include "sparkfit/units/units.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using testing::shipped_catalog;
using testing::shipped_constants;

namespace {
model::JobPlan plan_of(const char* size, job::Workload workload) {
  return model::plan_job(testing::job_of(size, workload), shipped_constants());
}
}  // namespace

TEST_SUITE("platform") {
  // EMR best-practices guide's comparison (docs/domain.md#emr-serverless-billing): r5.4xlarge x 25 for 3 h at full use,
  // 1200 vCPU-hours and 9600 GB-hours.
  TEST_CASE("published comparison: EMR on EC2 costs $98.28 for 25 r5.4xlarge plus a primary for 3 hours") {
    platform::Cluster cluster = testing::emr_cluster("r5.4xlarge", 25);
    layout::Choices choices;
    choices.overhead_factor = cluster.overhead_factor;
    layout::Layout l = layout::compute(cluster.node, 25, choices);
    model::JobPlan plan = plan_of("500GB", job::Workload::join);
    model::Prediction raw = model::predict(plan, cluster, l, model::Settings{}, shipped_constants());
    model::Calibration three_hours = testing::pinned_calibration(raw, 25, 3 * 3600.0, platform::Platform::emr);
    model::Settings settings;
    settings.calibration = &three_hours;
    CHECK(model::predict(plan, cluster, l, settings, shipped_constants()).cost_usd ==
          doctest::Approx(98.28).epsilon(1e-4));
  }

  TEST_CASE("published comparison: EMR Serverless costs $118.62 for 1200 vCPU-hours and 9600 GB-hours") {
    CHECK(platform::serverless_price(shipped_catalog().serverless, 1200, 9600, 0) ==
          doctest::Approx(118.62).epsilon(1e-4));
  }

  TEST_CASE("published comparison: EMR on EKS costs about $98.4: EC2 plus the per vCPU-hour and GB-hour uplift") {
    double ec2 = 25 * shipped_catalog().find("r5.4xlarge")->price_usd_per_hour * 3;
    double uplift = 1200 * platform::kEmrOnEksUsdPerVcpuHour + 9600 * platform::kEmrOnEksUsdPerGbHour;
    CHECK(ec2 + uplift == doctest::Approx(98.4).epsilon(0.001));
  }

  TEST_CASE("a 2 TB join never fits G.1X x 2") {
    platform::GlueRequest request;
    request.worker_types = {"G.1X"};
    request.workers = {2};
    auto options = platform::evaluate_glue(plan_of("2TB", job::Workload::join), shipped_catalog().glue, request,
                                           model::Settings{}, shipped_constants());
    REQUIRE(options.size() == 1);
    CHECK(!options.front().feasible());
  }

  TEST_CASE("more Glue workers shorten the waves until the widest stage fits in one wave") {
    model::JobPlan plan = plan_of("100GB", job::Workload::etl);
    platform::GlueRequest request;
    request.worker_types = {"G.2X"};
    platform::GlueCapacity capacity = platform::glue_capacity(
        plan,
        *std::find_if(shipped_catalog().glue.worker_types.begin(), shipped_catalog().glue.worker_types.end(),
                      [](const catalog::GlueWorkerType& w) { return w.name == "G.2X"; }),
        request, shipped_catalog().glue, shipped_constants());
    request.workers = {capacity.one_wave_workers / 4, capacity.one_wave_workers / 2, capacity.one_wave_workers,
                       capacity.one_wave_workers * 2};
    auto options =
        platform::evaluate_glue(plan, shipped_catalog().glue, request, model::Settings{}, shipped_constants());
    REQUIRE(options.size() == 4);
    CHECK(options[0].prediction.stages[0].waves > options[1].prediction.stages[0].waves);
    CHECK(options[1].runtime_s() > options[2].runtime_s());
    CHECK(options[2].prediction.stages[0].waves == 1);
    CHECK(options[3].prediction.stages[0].waves == 1);  // past one wave, more workers add nothing to the scan
    CHECK(options[3].cost_usd() > options[2].cost_usd());
  }

  TEST_CASE("Glue's DynamicFrame reader makes one partition per file, and the DataFrame reader packs small files") {
    job::JobSpec job;
    job.input.size_bytes = units::parse_data_size("10GB");
    job.input.files = 20000;
    model::JobPlan plan = model::plan_job(job, shipped_constants());
    platform::GlueRequest request;
    request.worker_types = {"G.1X"};
    request.workers = {10};
    auto dynamic =
        platform::evaluate_glue(plan, shipped_catalog().glue, request, model::Settings{}, shipped_constants());
    request.dynamicframe_reader = false;
    auto dataframe =
        platform::evaluate_glue(plan, shipped_catalog().glue, request, model::Settings{}, shipped_constants());
    CHECK(dynamic.front().prediction.stages[0].tasks == 20000);
    CHECK(dataframe.front().prediction.stages[0].tasks < 20000);
  }

  TEST_CASE("Flex is cheaper per DPU-hour and marked as start-delayed") {
    platform::GlueRequest request;
    request.worker_types = {"G.2X"};
    request.workers = {10};
    model::JobPlan plan = plan_of("100GB", job::Workload::aggregation);
    auto standard =
        platform::evaluate_glue(plan, shipped_catalog().glue, request, model::Settings{}, shipped_constants());
    request.flex = true;
    auto flex = platform::evaluate_glue(plan, shipped_catalog().glue, request, model::Settings{}, shipped_constants());
    CHECK(flex.front().cost_usd() < standard.front().cost_usd());
    bool marked = false;
    for (const std::string& note : flex.front().notes)
      marked = marked || note.find("start-delayed") != std::string::npos;
    CHECK(marked);
  }

  TEST_CASE("Glue bills DPUs per second with a one-minute minimum") {
    platform::GlueRequest request;
    request.worker_types = {"G.1X"};
    request.workers = {6};
    auto options = platform::evaluate_glue(plan_of("1GB", job::Workload::etl), shipped_catalog().glue, request,
                                           model::Settings{}, shipped_constants());
    const platform::Option& o = options.front();
    CHECK(o.glue()->dpus == 6);
    CHECK(o.cost_usd() == doctest::Approx(6 * std::max(60.0, o.runtime_s()) / 3600 * 0.44));
  }

  TEST_CASE("Kubernetes nodes keep the kubelet's reservations, and pods fit what is allocatable") {
    auto [cores, memory] = platform::kubernetes_allocatable(*shipped_catalog().find("m5.4xlarge"));
    CHECK(cores == doctest::Approx(16 - (0.06 + 0.01 + 0.01 + 12 * 0.0025) - 0.2));
    CHECK(memory == 65536 - (255 + 11 * 110) - 100 - 300);
    platform::KubernetesRequest request;
    request.instances = {shipped_catalog().find("m5.4xlarge")};
    request.nodes = {4};
    auto options = platform::evaluate_kubernetes(plan_of("100GB", job::Workload::join), request, {}, model::Settings{},
                                                 shipped_constants());
    for (const platform::Option& o : options) {
      if (!o.feasible()) continue;
      CHECK(o.layout.executors_per_node * o.layout.container_mib <= memory);
      CHECK(o.layout.executors_per_node * o.layout.executor_cores <= 15);
    }
  }

  TEST_CASE("one construction of Kubernetes nodes: allocatable memory, whole allocatable cores, nothing held back") {
    const catalog::InstanceType& m5 = *shipped_catalog().find("m5.4xlarge");
    const auto [cores, memory] = platform::kubernetes_allocatable(m5);
    const platform::KubernetesNodes k = platform::kubernetes_nodes(m5, 6, true);
    CHECK(k.cluster.platform == platform::Platform::kubernetes);
    CHECK(k.cluster.instance == &m5);
    CHECK(k.cluster.nodes == 6);
    CHECK(k.cluster.description == "6 x m5.4xlarge");
    CHECK(k.cluster.node.vcpus == 15);
    CHECK(k.cluster.node.yarn_vcores == 15);
    CHECK(k.cluster.node.yarn_memory_mib == memory);
    CHECK(k.cluster.node.yarn_max_allocation_mib == memory);
    CHECK(k.cluster.node.yarn_min_allocation_mib == 1);
    CHECK(k.cluster.reserve_cores == 0);
    CHECK(k.allocatable_cores == cores);
    CHECK(k.allocatable_mib == memory);
    CHECK(k.choices.calculator == job::ResourceCalculator::dominant);
    CHECK(k.choices.reserve_cores == 0);
    CHECK(k.cluster.overhead_factor == 0.10);
    CHECK(k.choices.overhead_factor == 0.10);
    CHECK(platform::kubernetes_nodes(m5, 6, false).cluster.overhead_factor == 0.40);
    // recommend's and predict's options stand on exactly these nodes.
    platform::KubernetesRequest request;
    request.instances = {&m5};
    request.nodes = {6};
    for (const platform::Option& o : platform::evaluate_kubernetes(plan_of("10GB", job::Workload::etl), request, {},
                                                                   model::Settings{}, shipped_constants())) {
      CHECK(o.cluster.description == "6 x m5.4xlarge (Kubernetes)");
      CHECK(o.cluster.node.yarn_memory_mib == k.cluster.node.yarn_memory_mib);
      CHECK(o.cluster.node.vcpus == k.cluster.node.vcpus);
      CHECK(o.kubernetes()->allocatable_cores == k.allocatable_cores);
    }
  }

  TEST_CASE("a pod's fractional CPU request divides a node's whole cores") {
    layout::Node node;
    node.vcpus = 15;
    node.yarn_vcores = 15;
    node.yarn_memory_mib = 63671;
    node.yarn_max_allocation_mib = 63671;
    layout::Choices choices;
    choices.executor_cores = 4;
    choices.heap_mib = 8192;
    choices.reserve_cores = 0;
    choices.calculator = job::ResourceCalculator::dominant;
    CHECK(layout::compute(node, 2, choices).yarn_executors_per_node == 3);  // 15 / 4
    choices.request_cores = 3.5;                                            // 3500m: four pods in 14 cores
    CHECK(layout::compute(node, 2, choices).yarn_executors_per_node == 4);
    choices.request_cores = 1.2;  // 12 pods of 1.2 cores in 15, as the memory allows
    CHECK(layout::compute(node, 2, choices).yarn_executors_per_node == 7);  // 63671 / 9011 MiB
    choices.heap_mib = 2048;
    CHECK(layout::compute(node, 2, choices).yarn_executors_per_node == 12);
    choices.request_cores = 16;
    CHECK(layout::compute(node, 2, choices).problem == layout::Problem::cores_above_node_vcores);
  }

  TEST_CASE("non-JVM jobs on Kubernetes get the 0.40 overhead factor") {
    platform::KubernetesRequest request;
    request.instances = {shipped_catalog().find("r5.4xlarge")};
    request.nodes = {2};
    request.jvm = false;
    auto options = platform::evaluate_kubernetes(plan_of("10GB", job::Workload::etl), request, {}, model::Settings{},
                                                 shipped_constants());
    const layout::Layout& l = options.front().layout;
    CHECK(l.overhead_mib ==
          std::max<std::int64_t>(384, static_cast<std::int64_t>(0.4 * static_cast<double>(l.heap_mib))));
  }

  TEST_CASE("EMR Serverless keeps a fixed layout: the heap on the worker it rounds up to, the cores and count given") {
    platform::FixedLayout fixed;
    fixed.executor_cores = 8;
    fixed.num_executors = 10;
    fixed.heap_mib = 20 * 1024;
    const catalog::ServerlessFacts& facts = shipped_catalog().serverless;
    auto options = platform::evaluate_serverless(plan_of("100GB", job::Workload::join), facts, {}, fixed,
                                                 model::Settings{}, shipped_constants());
    REQUIRE(options.size() == 1);
    const platform::Option& o = options.front();
    CHECK(o.layout.executor_cores == 8);
    CHECK(o.layout.num_executors == 10);
    CHECK(o.layout.heap_mib == 20480);
    CHECK(o.layout.overhead_mib == 2048);
    // 22528 MiB is 22 GB, up to the 8 vCPU size's 4 GB steps from 16: 24 GB.
    CHECK(o.serverless()->worker_memory_gib == 24);
    fixed.heap_mib = 60 * 1024;
    CHECK(testing::error_of([&] {
            platform::evaluate_serverless(plan_of("100GB", job::Workload::join), facts, {}, fixed, model::Settings{},
                                          shipped_constants());
          })
              .find("--executor-memory 60g: heap 61440 MiB + overhead 6144 MiB = 67584 MiB fits no EMR Serverless "
                    "worker it may run on (8 vCPU: 16-60 GB in 4 GB steps") == 0);
  }

  TEST_CASE("EMR Serverless without a fixed heap runs the given overhead and fills the worker with heap") {
    platform::FixedLayout fixed;
    fixed.executor_cores = 4;
    fixed.overhead_mib = 2048;
    auto options = platform::evaluate_serverless(plan_of("100GB", job::Workload::join), shipped_catalog().serverless,
                                                 {{5}}, fixed, model::Settings{}, shipped_constants());
    REQUIRE(!options.empty());
    for (const platform::Option& o : options) {
      CHECK(o.layout.overhead_mib == 2048);
      CHECK(o.layout.heap_mib + 2048 == o.serverless()->worker_memory_gib * 1024);
      CHECK(o.layout.num_executors == 5);
    }
  }

  TEST_CASE("Kubernetes keeps a fixed heap, overhead and count, and refuses a count beyond the nodes") {
    platform::KubernetesRequest request;
    request.instances = {shipped_catalog().find("m5.4xlarge")};
    request.nodes = {4};
    platform::FixedLayout fixed;
    fixed.executor_cores = 4;
    fixed.heap_mib = 8192;
    fixed.overhead_mib = 1024;
    fixed.num_executors = 6;
    auto options = platform::evaluate_kubernetes(plan_of("100GB", job::Workload::join), request, fixed,
                                                 model::Settings{}, shipped_constants());
    REQUIRE(options.size() == 1);
    CHECK(options.front().layout.heap_mib == 8192);
    CHECK(options.front().layout.overhead_mib == 1024);
    CHECK(options.front().layout.num_executors == 6);
    fixed.num_executors = 1000;
    CHECK_THROWS_AS(platform::evaluate_kubernetes(plan_of("100GB", job::Workload::join), request, fixed,
                                                  model::Settings{}, shipped_constants()),
                    InfeasibleError);
  }
}
