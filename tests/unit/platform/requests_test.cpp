// What a command line asks of the platform, laid over the job spec: the one cluster, the layout
// choices and the Glue runs.
#include <doctest/doctest.h>

#include <stdexcept>

#include "sparkfit/platform/requests.hpp"
#include "sparkfit/units/units.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using testing::error_of;
using testing::given_of;
using testing::shipped_catalog;

namespace {

platform::ClusterRequest instances(const char* type, int nodes) {
  platform::ClusterRequest request;
  request.instance = type;
  request.nodes = nodes;
  return request;
}

job::JobSpec yarn_job(int nodes, int node_cores, std::int64_t node_memory_mib) {
  job::JobSpec job = testing::job_of("100GB", job::Workload::etl);
  job.yarn = job::YarnPlatform{};
  job.yarn->nodes = nodes;
  job.yarn->node_cores = node_cores;
  job.yarn->node_memory_mib = node_memory_mib;
  return job;
}

}  // namespace

TEST_SUITE("platform") {
  TEST_CASE("no instance, no YARN sizes and a spec without a platform: no cluster") {
    CHECK(!platform::cluster_for(shipped_catalog, {}, testing::job_of("1GB", job::Workload::etl)));
  }

  TEST_CASE("an instance and nodes give an EMR cluster of that type, with the request's reserve and rounding") {
    platform::ClusterRequest request = instances("r5.4xlarge", 10);
    request.reserve_cores = 0;
    request.min_allocation_mib = 256;
    const auto cluster = platform::cluster_for(shipped_catalog, request, testing::job_of("1GB", job::Workload::etl));
    REQUIRE(cluster);
    CHECK(cluster->platform == platform::Platform::emr);
    CHECK(cluster->nodes == 10);
    CHECK(cluster->reserve_cores == 0);
    CHECK(cluster->node.yarn_min_allocation_mib == 256);
  }

  TEST_CASE("the spec's yarn section is the cluster when the request names none, and the request's values win") {
    platform::ClusterRequest request;
    request.nodes = 4;
    const auto cluster = platform::cluster_for(shipped_catalog, request, yarn_job(6, 16, 65536));
    REQUIRE(cluster);
    CHECK(cluster->platform == platform::Platform::yarn);
    CHECK(cluster->nodes == 4);
  }

  TEST_CASE("a YARN cluster by its node sizes, or no cluster, never reads the catalog") {
    const platform::CatalogSource no_catalog = []() -> const catalog::Catalog& {
      throw std::logic_error("the catalog was read");
    };
    CHECK(platform::cluster_for(no_catalog, {}, yarn_job(2, 8, 32768)));
    CHECK(!platform::cluster_for(no_catalog, {}, testing::job_of("1GB", job::Workload::etl)));
  }

  TEST_CASE("cluster errors name the flags to give") {
    const job::JobSpec job = testing::job_of("1GB", job::Workload::etl);
    platform::ClusterRequest no_nodes;
    no_nodes.instance = "r5.4xlarge";
    CHECK(error_of([&] { platform::cluster_for(shipped_catalog, no_nodes, job); }) ==
          "--instance r5.4xlarge needs --nodes N (worker nodes that run executors)");
    platform::ClusterRequest too_reserved = instances("r5.4xlarge", 2);
    too_reserved.reserve_cores = 16;
    CHECK(error_of([&] { platform::cluster_for(shipped_catalog, too_reserved, job); }) ==
          "--reserve-cores 16 leaves no vCPU of 16 for executors");
    platform::ClusterRequest yarn;
    yarn.platform = platform::Platform::yarn;
    CHECK(error_of([&] { platform::cluster_for(shipped_catalog, yarn, job); }) ==
          "a yarn cluster needs --nodes, --node-cores and --node-memory (or platform.yarn in the job spec)");
  }

  TEST_CASE("Kubernetes nodes need both an instance type and a node count") {
    CHECK(!platform::kubernetes_nodes_for(shipped_catalog, {}, true));
    platform::ClusterRequest nodes_only;
    nodes_only.nodes = 3;
    CHECK(error_of([&] { platform::kubernetes_nodes_for(shipped_catalog, nodes_only, true); }) ==
          "--nodes needs --instance TYPE, the EC2 instance type of the Kubernetes nodes");
    const auto nodes = platform::kubernetes_nodes_for(shipped_catalog, instances("m5.4xlarge", 3), true);
    REQUIRE(nodes);
    CHECK(nodes->cluster.nodes == 3);
  }

  TEST_CASE("layout choices: the request over the spec's layout over the cluster's defaults") {
    job::JobSpec job = testing::job_of("1GB", job::Workload::etl);
    job.layout.executor_cores = 4;
    job.layout.driver_cores = 2;
    const platform::Cluster cluster = testing::emr_cluster("r5.4xlarge", 4);
    platform::LayoutRequest request;
    request.executor_cores = 5;
    const layout::Choices choices = platform::choices_for(request, job, &cluster);
    CHECK(choices.executor_cores == 5);
    CHECK(choices.driver_cores == 2);
    CHECK(choices.overhead_factor == cluster.overhead_factor);
    CHECK(platform::choices_for({}, job, nullptr).executor_cores == 4);
  }

  TEST_CASE("the driver is sized from the job's broadcasts and collected result, Spark's 1g the floor") {
    job::JobSpec job = testing::job_of("100GB", job::Workload::join);
    layout::Choices plain = platform::choices_for({}, job, nullptr);
    CHECK(plain.driver_heap_mib == 1024);
    CHECK(plain.max_result_size_mib == 0);
    CHECK(platform::driver_heap_why(job, plain).find("Spark's default") == 0);
    CHECK(platform::driver_settings(plain, "why").size() == 1);

    // 300 MiB reserved + 1g of results + 2 x 256 MiB = 1836 MiB: 2g (SF2011's arithmetic).
    job::Stage join;
    join.kind = "join";
    join.broadcast_bytes = 256 * units::kMiB;
    job.stages = {join};
    const layout::Choices broadcast = platform::choices_for({}, job, nullptr);
    CHECK(broadcast.driver_heap_mib == 2048);
    CHECK(broadcast.max_result_size_mib == 0);
    CHECK(platform::driver_heap_why(job, broadcast).find("2 x the job's largest broadcast of 256 MiB") !=
          std::string::npos);

    // A 2.5 GiB collect raises spark.driver.maxResultSize to 3g: 300 + 3072 + 512 = 3884 MiB, 4g.
    job.collect_bytes = 2560 * units::kMiB;
    const layout::Choices collect = platform::choices_for({}, job, nullptr);
    CHECK(collect.max_result_size_mib == 3072);
    CHECK(collect.driver_heap_mib == 4096);
    const std::vector<platform::Setting> settings = platform::driver_settings(collect, "why");
    REQUIRE(settings.size() == 2);
    CHECK(settings[0].value == "4g");
    CHECK(settings[1].key == "spark.driver.maxResultSize");
    CHECK(settings[1].value == "3g");

    // A driver given wins, and says so.
    platform::LayoutRequest given;
    given.driver_heap_mib = 8192;
    const layout::Choices asked = platform::choices_for(given, job, nullptr);
    CHECK(asked.driver_heap_mib == 8192);
    CHECK(platform::driver_heap_why(job, asked) == "the driver heap given");
  }

  TEST_CASE("the Glue request lays the overrides over the spec's platform.glue") {
    job::JobSpec job = testing::job_of("1GB", job::Workload::etl);
    job.glue = job::GluePlatform{};
    job.glue->execution_class = "flex";
    platform::GlueOverrides overrides;
    overrides.workers = std::vector<int>{10};
    overrides.dynamicframe_reader = false;
    const platform::GlueRequest request = platform::glue_request(overrides, job);
    CHECK(request.flex);
    CHECK(request.workers == std::vector<int>{10});
    CHECK(!request.dynamicframe_reader);
    CHECK(platform::glue_request({}, testing::job_of("1GB", job::Workload::etl)).glue_version == "4.0");
  }

  TEST_CASE("a spec plans for its one priced platform, and compares several") {
    job::JobSpec job = testing::job_of("1GB", job::Workload::etl);
    CHECK(platform::spec_platform(job) == platform::Platform::emr);
    job.glue = job::GluePlatform{};
    CHECK(platform::spec_platform(job) == platform::Platform::glue);
    job.emr = job::EmrPlatform{};
    CHECK(!platform::spec_platform(job));
    CHECK(platform::spec_cluster_platform(yarn_job(2, 8, 32768)) == platform::Platform::yarn);
  }

  TEST_CASE("the fixed layout of a managed plan: the request over the spec's layout section") {
    job::JobSpec job = testing::job_of("100GB", job::Workload::etl);
    job.layout.executor_cores = 2;
    job.layout.executor_memory_mib = 4096;
    platform::LayoutRequest request;
    request.executor_cores = 4;
    request.num_executors = 12;
    const platform::FixedLayout fixed = platform::fixed_layout(request, job);
    CHECK(fixed.executor_cores == 4);
    CHECK(fixed.num_executors == 12);
    CHECK(fixed.heap_mib == 4096);
    CHECK(!fixed.overhead_mib);
  }

  TEST_CASE("a request's reserve of 0 cores is kept over the cluster's one") {
    const auto cluster = platform::cluster_for(shipped_catalog, instances("m5.4xlarge", 4), {});
    REQUIRE(cluster);
    platform::LayoutRequest request;
    request.reserve_cores = 0;
    CHECK(platform::choices_for(request, {}, &*cluster).reserve_cores == 0);
    CHECK(platform::choices_for({}, {}, &*cluster).reserve_cores == cluster->reserve_cores);
  }

  TEST_CASE("a minimum allocation or a reserve that leaves a node no room is an error with the figures") {
    platform::ClusterRequest request = instances("m5.4xlarge", 4);
    request.min_allocation_mib = 64 * 1024;
    CHECK(error_of([&] {
            platform::cluster_for(shipped_catalog, request, {});
          }).find("--yarn-min-allocation 65536 MiB is above the ") == 0);
    request = instances("m5.4xlarge", 4);
    request.reserve_memory_mib = 8192;
    const auto kept = platform::cluster_for(shipped_catalog, request, {});
    REQUIRE(kept);
    CHECK(kept->node.yarn_memory_mib <= 65536 - 8192);
  }

  TEST_CASE("what the cluster and the layout choices assumed, and none of it once the request gives it") {
    const job::JobSpec job = testing::job_of("100GB", job::Workload::etl);
    const platform::ClusterRequest bare = instances("r5.4xlarge", 10);
    const platform::Cluster cluster = *platform::cluster_for(shipped_catalog, bare, job);
    CHECK(platform::assumed_cluster(bare, job, cluster) ==
          std::vector<std::string>{"0 cores per node kept for the OS and daemons, not given to executors: EMR sets "
                                   "yarn.nodemanager.resource.cpu-vcores to the instance's 16 vCPUs (AWS EMR docs, "
                                   "\"Configure Hadoop YARN / task configuration\"); --reserve-cores sets it (0 "
                                   "gives every core to executors)",
                                   "EMR release emr-7.1.0 (Spark 3.5.0): --emr-release sets it"});
    platform::ClusterRequest given = bare;
    given.reserve_cores = 0;
    given.emr_release = "emr-7.1.0";
    CHECK(platform::assumed_cluster(given, job, *platform::cluster_for(shipped_catalog, given, job)).empty());

    const layout::Choices choices = platform::choices_for({}, job, &cluster);
    CHECK(platform::assumed_choices({}, job, cluster, choices).size() == 3);
    platform::LayoutRequest layout;
    layout.overhead_mib = 2048;
    layout.deploy_mode = job::DeployMode::client;
    layout.driver_heap_mib = 4096;
    CHECK(platform::assumed_choices(layout, job, cluster, platform::choices_for(layout, job, &cluster)).empty());
  }

  TEST_CASE("a yarn cluster assumes what it keeps back and YARN's rounding unless the spec gives them") {
    const job::JobSpec job = yarn_job(6, 16, 65536);
    const platform::Cluster cluster = *platform::cluster_for(shipped_catalog, {}, job);
    CHECK(platform::assumed_cluster({}, job, cluster) ==
          std::vector<std::string>{
              "1 core per node kept for the OS and daemons, not given to executors: Cloudera's convention for "
              "YARN on premises (\"How-to: Tune Your Apache Spark Jobs (Part 2)\"); --reserve-cores sets it (0 "
              "gives every core to executors)",
              "1024 MiB per node kept back from YARN: --reserve-memory sets it",
              "YARN rounds containers up to multiples of 1024 MiB, Hadoop's yarn.scheduler.minimum-allocation-mb "
              "default: --yarn-min-allocation sets it"});
  }
}

TEST_SUITE("platform") {
  TEST_CASE("the cluster inputs become the cluster request, a reserve of 0 cores included") {
    const platform::ClusterRequest request = platform::cluster_request(given_of({{"platform", "yarn"},
                                                                                 {"nodes", "6"},
                                                                                 {"node-cores", "16"},
                                                                                 {"node-memory", "64g"},
                                                                                 {"reserve-cores", "0"},
                                                                                 {"yarn-min-allocation", "512m"}}));
    CHECK(request.platform == platform::Platform::yarn);
    CHECK(request.nodes == 6);
    CHECK(request.node_cores == 16);
    CHECK(request.node_memory_mib == 65536);
    CHECK(request.reserve_cores == 0);
    CHECK(request.min_allocation_mib == 512);
  }

  TEST_CASE("explain and predict refuse a managed platform, several node counts and YARN sizes with --instance") {
    CHECK(error_of([] {
            platform::cluster_request(given_of({{"platform", "glue"}}));
          }) ==
          "--platform glue: explain and predict work on one emr, ec2 or yarn cluster; plan glue with 'sparkfit "
          "recommend --platform glue'");
    CHECK(error_of([] {
            platform::node_request(given_of({{"nodes", "2,4"}}));
          }) == "--nodes: this command works on one cluster; give one node count, not '2,4'");
    CHECK_THROWS_AS(platform::cluster_request(given_of({{"instance", "r5.xlarge"}, {"node-cores", "8"}})), UsageError);
  }

  TEST_CASE("the layout inputs refuse a heap Spark cannot start and an overhead given twice") {
    const platform::LayoutRequest request =
        platform::layout_request(given_of({{"executor-cores", "5"}, {"executor-memory", "18g"}}));
    CHECK(request.executor_cores == 5);
    CHECK(request.heap_mib == 18432);
    CHECK(error_of([] {
            platform::layout_request(given_of({{"executor-memory", "400m"}}));
          }).rfind("--executor-memory: '400m' is 400 MiB; Spark needs a heap of at least 450m", 0) == 0);
    CHECK_THROWS_AS(platform::layout_request(given_of({{"memory-overhead", "1g"}, {"overhead-factor", "0.2"}})),
                    UsageError);
  }

  TEST_CASE("the Glue inputs: worker types as a list, workers as a set, the execution class and reader as words") {
    const platform::GlueOverrides glue = platform::glue_overrides(given_of(
        {{"worker-type", "G.1X,G.2X"}, {"workers", "2..4"}, {"execution-class", "flex"}, {"auto-scaling", ""}}));
    CHECK(glue.worker_types == std::vector<std::string>{"G.1X", "G.2X"});
    CHECK(glue.workers == std::vector<int>{2, 3, 4});
    CHECK(glue.flex == true);
    CHECK(glue.auto_scaling);
    CHECK(!glue.dynamicframe_reader);
    CHECK(error_of([] {
            platform::glue_overrides(given_of({{"glue-reader", "rdd"}}));
          }) == "--glue-reader: expected dynamicframe or dataframe, got 'rdd'");
  }

  TEST_CASE("a managed request asks for Kubernetes nodes only on kubernetes") {
    const job::JobSpec job = testing::job_of("10GB", job::Workload::etl);
    const units::Given given = given_of({{"instance", "r5.4xlarge"}, {"nodes", "3"}});
    CHECK(platform::managed_request(shipped_catalog(), given, job, platform::Platform::glue, false)
              .kubernetes.instances.empty());
    const platform::ManagedRequest request =
        platform::managed_request(shipped_catalog(), given, job, platform::Platform::kubernetes, false);
    REQUIRE(request.kubernetes.instances.size() == 1);
    CHECK(request.kubernetes.instances.front()->name == "r5.4xlarge");
    CHECK(request.kubernetes.nodes == std::vector<int>{3});
    CHECK(platform::node_counts_of(given) == std::vector<int>{3});
    CHECK(platform::instances_of(given) == std::vector<std::string>{"r5.4xlarge"});
  }
}
