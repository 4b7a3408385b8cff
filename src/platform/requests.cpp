#include "sparkfit/platform/requests.hpp"

#include <algorithm>
#include <charconv>

#include "sparkfit/catalog/regions.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::platform {
namespace {

void check_reserve_memory(std::int64_t reserve_mib, std::int64_t node_mib, const std::string& node) {
  if (reserve_mib >= node_mib)
    throw InputError("--reserve-memory " + std::to_string(reserve_mib) + " MiB is not below the node's " +
                     std::to_string(node_mib) + " MiB (" + node + "): it would leave no memory for YARN containers");
}

// YARN rounds every container up to its minimum allocation, so a minimum above what a node
// offers leaves no container that fits (yarn.scheduler.minimum-allocation-mb, docs/domain.md#yarn-node-resources).
void check_min_allocation(std::int64_t min_allocation_mib, std::int64_t yarn_memory_mib) {
  if (min_allocation_mib > yarn_memory_mib)
    throw InputError("--yarn-min-allocation " + std::to_string(min_allocation_mib) + " MiB is above the " +
                     std::to_string(yarn_memory_mib) +
                     " MiB YARN offers on a node (yarn.nodemanager.resource.memory-mb): YARN rounds every container "
                     "up to it, so none would fit (docs/domain.md#yarn-node-resources)");
}

// A self-managed YARN cluster of the request's nodes and node sizes, over the spec's platform.yarn.
Cluster yarn_cluster_for(const ClusterRequest& request, const job::JobSpec& job) {
  job::YarnPlatform yarn = job.yarn.value_or(job::YarnPlatform{});
  yarn.nodes = request.nodes.value_or(yarn.nodes);
  yarn.node_cores = request.node_cores.value_or(yarn.node_cores);
  yarn.node_memory_mib = request.node_memory_mib.value_or(yarn.node_memory_mib);
  yarn.reserve_cores = request.reserve_cores.value_or(yarn.reserve_cores);
  yarn.reserve_memory_mib = request.reserve_memory_mib.value_or(yarn.reserve_memory_mib);
  if (yarn.nodes <= 0 || yarn.node_cores <= 0 || yarn.node_memory_mib <= 0)
    throw InputError("a yarn cluster needs --nodes, --node-cores and --node-memory (or platform.yarn in the job spec)");
  if (yarn.reserve_cores >= yarn.node_cores)
    throw InputError("--reserve-cores " + std::to_string(yarn.reserve_cores) + " leaves no core of " +
                     std::to_string(yarn.node_cores) + " for executors");
  check_reserve_memory(yarn.reserve_memory_mib, yarn.node_memory_mib, "--node-memory");
  const std::int64_t min_allocation =
      request.min_allocation_mib.value_or(std::max<std::int64_t>(1, yarn.min_allocation_mib.value_or(1024)));
  check_min_allocation(min_allocation, yarn.node_memory_mib - yarn.reserve_memory_mib);
  return cluster_for_yarn(yarn.nodes, yarn.node_cores, yarn.node_memory_mib, yarn.reserve_cores,
                          yarn.reserve_memory_mib, min_allocation);
}

// Nodes of one EC2 instance type, under EMR or self-managed YARN: the request's instance and nodes,
// else the spec's first ec2 cluster or emr instance type. nullopt when neither names a type.
std::optional<Cluster> instance_cluster_for(const CatalogSource& catalog, const ClusterRequest& request,
                                            const job::JobSpec& job) {
  std::optional<std::string> instance = request.instance;
  std::optional<int> nodes = request.nodes;
  Platform kind = request.platform.value_or(Platform::emr);
  if (!instance) {
    if (!request.platform && job.ec2 && !job.ec2->clusters.empty() && !job.emr) kind = Platform::ec2;
    if (kind == Platform::ec2 && job.ec2 && !job.ec2->clusters.empty()) {
      instance = job.ec2->clusters.front().instance_type;
      if (!nodes) nodes = job.ec2->clusters.front().nodes;
    } else if (job.emr && !job.emr->instance_types.empty()) {
      instance = job.emr->instance_types.front();
      if (!nodes && job.emr->nodes.size() == 1) nodes = job.emr->nodes.front();
      if (!nodes)
        throw InputError(
            "the job spec's emr platform lists several node counts; give --nodes N to explain one cluster");
    }
  }
  if (!instance) return std::nullopt;
  if (!nodes) throw InputError("--instance " + *instance + " needs --nodes N (worker nodes that run executors)");
  const std::string release_label = request.emr_release.value_or(job.emr ? job.emr->release : "emr-7.1.0");
  const catalog::InstanceType& type = catalog().require(*instance, "--instance");
  const catalog::EmrRelease* release = nullptr;
  if (kind == Platform::emr) {
    if (!type.emr_available)
      throw InputError("--instance " + type.name +
                       ": Amazon EMR does not offer this type (see 'sparkfit catalog show " + type.name +
                       "'); use --platform ec2 for self-managed Spark");
    release = catalog().find_release(release_label);
    if (!release)
      throw InputError("--emr-release: unknown EMR release '" + release_label +
                       "'; 'sparkfit catalog releases' lists them");
  }
  Cluster cluster = cluster_for_instance(kind, type, *nodes, release);
  if (request.reserve_memory_mib) {
    // What the node keeps back for the OS and daemons is not YARN's to hand out.
    check_reserve_memory(*request.reserve_memory_mib, type.memory_mib, type.name + "'s memory");
    const std::int64_t left = type.memory_mib - *request.reserve_memory_mib;
    cluster.node.yarn_memory_mib = std::min(cluster.node.yarn_memory_mib, left);
    cluster.node.yarn_max_allocation_mib = std::min(cluster.node.yarn_max_allocation_mib, left);
  }
  if (request.min_allocation_mib) {
    check_min_allocation(*request.min_allocation_mib, cluster.node.yarn_memory_mib);
    cluster.node.yarn_min_allocation_mib = *request.min_allocation_mib;
  }
  if (request.reserve_cores) cluster.reserve_cores = *request.reserve_cores;
  if (cluster.reserve_cores >= cluster.node.vcpus)
    throw InputError("--reserve-cores " + std::to_string(cluster.reserve_cores) + " leaves no vCPU of " +
                     std::to_string(cluster.node.vcpus) + " for executors");
  return cluster;
}

// Where the default reserve comes from (docs/domain.md#reserved-cores).
std::string reserve_cores_source(const Cluster& cluster) {
  if (cluster.platform == Platform::yarn)
    return ": Cloudera's convention for YARN on premises (\"How-to: Tune Your Apache Spark Jobs (Part 2)\")";
  return ": EMR sets yarn.nodemanager.resource.cpu-vcores to the instance's " + std::to_string(cluster.node.vcpus) +
         " vCPUs (AWS EMR docs, \"Configure Hadoop YARN / task configuration\")";
}

}  // namespace

std::optional<Cluster> cluster_for(const CatalogSource& catalog, const ClusterRequest& request,
                                   const job::JobSpec& job) {
  const bool yarn_sizes = request.node_cores || request.node_memory_mib;
  if (request.platform == Platform::yarn || (!request.platform && yarn_sizes) ||
      (!request.platform && !request.instance && job.yarn && !job.emr && !job.ec2))
    return yarn_cluster_for(request, job);
  return instance_cluster_for(catalog, request, job);
}

std::optional<KubernetesNodes> kubernetes_nodes_for(const CatalogSource& catalog, const ClusterRequest& request,
                                                    bool jvm) {
  if (!request.instance && !request.nodes) return std::nullopt;
  if (!request.instance)
    throw InputError("--nodes needs --instance TYPE, the EC2 instance type of the Kubernetes nodes");
  if (!request.nodes)
    throw InputError("--instance " + *request.instance + " needs --nodes N (the Kubernetes nodes the pods run on)");
  return kubernetes_nodes(catalog().require(*request.instance, "--instance"), *request.nodes, jvm);
}

namespace {

// A Python job's workers live in the overhead (docs/domain.md#executor-memory-overhead): on YARN it
// gets EMR's factor at least, which EMR sets for every application, as SF2007 holds it to.
constexpr double kPythonYarnOverheadFactor = 0.1875;

double overhead_factor_for(const job::JobSpec& job, const Cluster& cluster) {
  const bool python_on_yarn = job.language == job::Language::python && cluster.platform != Platform::kubernetes;
  return python_on_yarn ? std::max(cluster.overhead_factor, kPythonYarnOverheadFactor) : cluster.overhead_factor;
}

}  // namespace

layout::Choices choices_for(const LayoutRequest& request, const job::JobSpec& job, const Cluster* cluster) {
  layout::Choices choices;
  const job::LayoutChoices& spec = job.layout;
  if (cluster) {
    choices.overhead_factor = overhead_factor_for(job, *cluster);
    choices.gc = cluster->gc;
    choices.reserve_cores = cluster->reserve_cores;
  }
  choices.reserve_cores = request.reserve_cores.value_or(choices.reserve_cores);
  choices.num_executors = request.num_executors.value_or(spec.num_executors.value_or(0));
  choices.executor_cores = request.executor_cores.value_or(spec.executor_cores.value_or(0));
  choices.heap_mib = request.heap_mib.value_or(spec.executor_memory_mib.value_or(0));
  choices.overhead_mib = request.overhead_mib.value_or(spec.memory_overhead_mib.value_or(0));
  choices.overhead_factor = request.overhead_factor.value_or(spec.overhead_factor.value_or(choices.overhead_factor));
  choices.convention = request.convention.value_or(spec.heap_from_container.value_or(choices.convention));
  choices.deploy_mode = request.deploy_mode.value_or(spec.deploy_mode.value_or(choices.deploy_mode));
  choices.driver_heap_mib = driver_heap_for(job, &choices.max_result_size_mib);
  choices.driver_heap_mib = request.driver_heap_mib.value_or(spec.driver_memory_mib.value_or(choices.driver_heap_mib));
  choices.driver_cores = request.driver_cores.value_or(spec.driver_cores.value_or(1));
  if (job.yarn && job.yarn->resource_calculator) choices.calculator = *job.yarn->resource_calculator;
  choices.calculator = request.calculator.value_or(choices.calculator);
  return choices;
}

FixedLayout fixed_layout(const LayoutRequest& request, const job::JobSpec& job) {
  const job::LayoutChoices& spec = job.layout;
  FixedLayout fixed;
  fixed.executor_cores = request.executor_cores ? request.executor_cores : spec.executor_cores;
  fixed.num_executors = request.num_executors ? request.num_executors : spec.num_executors;
  fixed.heap_mib = request.heap_mib ? request.heap_mib : spec.executor_memory_mib;
  fixed.overhead_mib = request.overhead_mib ? request.overhead_mib : spec.memory_overhead_mib;
  fixed.overhead_factor = request.overhead_factor ? request.overhead_factor : spec.overhead_factor;
  fixed.cores_from_spec = !request.executor_cores && spec.executor_cores;
  fixed.count_from_spec = !request.num_executors && spec.num_executors;
  fixed.heap_from_spec = !request.heap_mib && spec.executor_memory_mib;
  fixed.overhead_from_spec = !request.overhead_mib && spec.memory_overhead_mib;
  return fixed;
}

GlueRequest glue_request(const GlueOverrides& overrides, const job::JobSpec& job) {
  GlueRequest request;
  if (job.glue) {
    request.glue_version = job.glue->glue_version;
    request.worker_types = job.glue->worker_types;
    request.workers = job.glue->workers;
    request.flex = job.glue->execution_class == "flex";
    request.auto_scaling = job.glue->auto_scaling;
  }
  request.glue_version = overrides.glue_version.value_or(request.glue_version);
  request.worker_types = overrides.worker_types.value_or(request.worker_types);
  request.workers = overrides.workers.value_or(request.workers);
  request.flex = overrides.flex.value_or(request.flex);
  if (overrides.auto_scaling) request.auto_scaling = true;
  request.dynamicframe_reader = overrides.dynamicframe_reader.value_or(request.dynamicframe_reader);
  return request;
}

std::optional<Platform> spec_platform(const job::JobSpec& job) {
  int priced = (job.emr ? 1 : 0) + (job.glue ? 1 : 0) + (job.emr_serverless ? 1 : 0) + (job.kubernetes ? 1 : 0);
  if (priced > 1) return std::nullopt;
  if (job.emr) return Platform::emr;
  if (job.glue) return Platform::glue;
  if (job.emr_serverless) return Platform::emr_serverless;
  if (job.kubernetes) return Platform::kubernetes;
  if (job.ec2) return Platform::ec2;
  if (job.yarn) return Platform::yarn;
  return Platform::emr;
}

Platform spec_cluster_platform(const job::JobSpec& job) {
  if (job.emr || !job.ec2) return job.emr || !job.yarn ? Platform::emr : Platform::yarn;
  return Platform::ec2;
}

std::vector<std::string> assumed_cluster(const ClusterRequest& request, const job::JobSpec& job,
                                         const Cluster& cluster) {
  std::vector<std::string> assumed;
  const auto given = [&](const char* key) { return job.key_locations.count(key) > 0; };
  if (!request.reserve_cores && !(cluster.platform == Platform::yarn && given("platform.yarn.reserve_cores")))
    assumed.push_back(text::plural(cluster.reserve_cores, "core") +
                      " per node kept for the OS and daemons, not given to executors" + reserve_cores_source(cluster) +
                      "; --reserve-cores sets it (0 gives every core to executors)");
  if (cluster.platform == Platform::yarn) {
    if (!request.reserve_memory_mib && !given("platform.yarn.reserve_memory"))
      assumed.push_back(std::to_string(cluster.node_memory_mib - cluster.node.yarn_memory_mib) +
                        " MiB per node kept back from YARN: --reserve-memory sets it");
    if (!request.min_allocation_mib && !given("platform.yarn.min_allocation"))
      assumed.push_back("YARN rounds containers up to multiples of " +
                        std::to_string(cluster.node.yarn_min_allocation_mib) +
                        " MiB, Hadoop's yarn.scheduler.minimum-allocation-mb default: --yarn-min-allocation sets it");
  }
  if (cluster.release && !request.emr_release && !given("platform.emr.release"))
    assumed.push_back("EMR release " + cluster.release->label + " (Spark " + cluster.release->spark_version +
                      "): --emr-release sets it");
  return assumed;
}

std::vector<std::string> assumed_choices(const LayoutRequest& request, const job::JobSpec& job, const Cluster& cluster,
                                         const layout::Choices& choices) {
  std::vector<std::string> assumed;
  const job::LayoutChoices& spec = job.layout;
  if (!request.overhead_mib && !spec.memory_overhead_mib && !request.overhead_factor && !spec.overhead_factor)
    assumed.push_back("memory overhead factor " + units::format_number(choices.overhead_factor) + ": " +
                      (choices.overhead_factor != cluster.overhead_factor
                           ? "EMR's factor for a Python job, whose Python workers live in the overhead"
                           : cluster.overhead_source) +
                      "; --overhead-factor or --memory-overhead sets it");
  if (!request.deploy_mode && !spec.deploy_mode)
    assumed.push_back(choices.deploy_mode == job::DeployMode::cluster
                          ? "cluster deploy mode, the driver in the YARN AM container: --deploy-mode client moves it "
                            "off the cluster"
                          : "client deploy mode, the driver on the EMR primary node, which the search found "
                            "better than cluster mode's AM container (spark.submit.deployMode says why): "
                            "--deploy-mode cluster keeps the driver on a core node");
  if (!request.driver_heap_mib && !spec.driver_memory_mib)
    assumed.push_back("driver heap " + units::format_spark_memory(choices.driver_heap_mib) + ", " +
                      driver_heap_why(job, choices) + "; --driver-memory sets it");
  return assumed;
}

std::vector<std::string> assumed_glue(const GlueOverrides& overrides, const job::JobSpec& job) {
  std::vector<std::string> assumed;
  const GlueRequest request = glue_request(overrides, job);
  const auto given = [&](const char* key) { return job.key_locations.count(key) > 0; };
  if (!overrides.glue_version && !given("platform.glue.glue_version"))
    assumed.push_back("Glue " + request.glue_version + ": --glue-version sets it");
  if (!overrides.flex && !given("platform.glue.execution_class"))
    assumed.push_back("the standard execution class: --execution-class flex prices Flex");
  if (!overrides.dynamicframe_reader)
    assumed.push_back(
        "a DynamicFrame reader, one partition per S3 file below 50,000 files: --glue-reader dataframe "
        "reads by Spark's split rule");
  return assumed;
}

std::vector<std::string> assumed_fill(const Cluster& cluster, const layout::Layout& layout,
                                      const layout::Choices& choices) {
  std::vector<std::string> assumed;
  if (layout.heap_chosen)
    assumed.push_back("executor memory not given: the container fills the node's YARN memory (" + cluster.yarn_source +
                      "); --executor-memory sets the heap");
  if (layout.cores_chosen)
    assumed.push_back("executor cores not given: " + std::to_string(layout.executor_cores) +
                      " by sparkfit's default (3-5 cores: heap below 32 GiB, then fewest idle); --executor-cores "
                      "sets them");
  if (choices.num_executors == 0)
    assumed.push_back("number of executors not given: as many as the nodes hold; --num-executors sets it");
  else if (layout.requested_executors > layout.num_executors)
    // YARN keeps the rest pending for as long as the nodes are full: the run has only these.
    assumed.push_back(std::to_string(layout.requested_executors) + " executors requested, but the nodes hold " +
                      std::to_string(layout.num_executors) + ": YARN starts " + std::to_string(layout.num_executors) +
                      " and the rest wait, so " + std::to_string(layout.num_executors) +
                      " are predicted (review's SF4005); --nodes or a smaller --num-executors makes them fit");
  return assumed;
}

}  // namespace sparkfit::platform

// ---- the requests from the inputs given ----

namespace sparkfit::platform {
namespace {

// --region: a Region code, and the one whose prices the catalog has.
void check_region(const units::Given& given) { given.convert("region", catalog::require_priced_region); }

// A whole number of cores, 0 or more.
int reserve_cores_of(const std::string& value) {
  int cores = -1;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), cores);
  if (ec != std::errc() || ptr != value.data() + value.size() || cores < 0)
    throw InputError("invalid value '" + value + "': expected a whole number of cores, 0 or more");
  return cores;
}

// Spark refuses a JVM whose heap is below 1.5 x the 300 MiB it reserves (UnifiedMemoryManager).
std::optional<std::int64_t> heap_of(const units::Given& given, std::string_view name) {
  return given.memory(name, layout::kMinHeapMiB,
                      "Spark needs a heap of at least 450m (1.5 x the 300 MiB it reserves, UnifiedMemoryManager; "
                      "docs/domain.md#executor-memory)");
}

std::vector<int> parse_node_counts(const std::string& value) { return units::parse_count_set(value, "nodes"); }

}  // namespace

ClusterRequest node_request(const units::Given& given) {
  ClusterRequest request;
  check_region(given);
  request.instance = given.text("instance");
  if (const std::optional<std::vector<int>> counts = given.convert("nodes", parse_node_counts)) {
    if (counts->size() != 1)
      throw InputError("--nodes: this command works on one cluster; give one node count, not '" + *given.text("nodes") +
                       "'");
    request.nodes = counts->front();
  }
  return request;
}

ClusterRequest cluster_request(const units::Given& given) {
  const std::optional<Platform> chosen = given.convert("platform", parse_platform);
  if (chosen && *chosen != Platform::emr && *chosen != Platform::ec2 && *chosen != Platform::yarn) {
    const std::string word = *given.text("platform");
    throw InputError("--platform " + word +
                     ": explain and predict work on one emr, ec2 or yarn cluster; "
                     "plan " +
                     word + " with 'sparkfit recommend --platform " + word + "'");
  }
  const bool node_cores = given.has("node-cores");
  const bool node_memory = given.has("node-memory");
  if (given.has("instance") && (node_cores || node_memory))
    throw UsageError(std::string(node_cores && node_memory ? "--node-cores and --node-memory"
                                 : node_cores              ? "--node-cores"
                                                           : "--node-memory") +
                     " with --instance: --instance takes the node's cores and memory from the catalog, while "
                     "--node-cores and --node-memory describe a yarn node (--platform yarn); give one or the other");
  ClusterRequest request = node_request(given);
  request.platform = chosen;
  request.node_cores = given.count("node-cores");
  request.node_memory_mib = given.memory("node-memory");
  // --reserve-cores and --reserve-memory may keep nothing back; every other count is at least 1.
  request.reserve_cores = given.convert("reserve-cores", reserve_cores_of);
  request.reserve_memory_mib = given.memory("reserve-memory", 0, "expected a size, 0 or more");
  request.min_allocation_mib = given.memory("yarn-min-allocation");
  request.emr_release = given.text("emr-release");
  return request;
}

LayoutRequest layout_request(const units::Given& given) {
  LayoutRequest request;
  request.num_executors = given.count("num-executors");
  request.executor_cores = given.count("executor-cores");
  request.heap_mib = heap_of(given, "executor-memory");
  if (given.has("memory-overhead") && given.has("overhead-factor"))
    throw UsageError(
        "--overhead-factor with --memory-overhead: --memory-overhead sets the overhead and would override the "
        "factor; give one of them");
  request.overhead_mib = given.memory(
      "memory-overhead", 1, "give a size above 0, or leave the flag out for Spark's max(factor x heap, 384m)");
  request.overhead_factor = given.number(
      "overhead-factor", [](double f) { return f > 0 && f < 1; },
      "a fraction of the heap between 0 and 1, e.g. 0.1875");
  request.convention = given.convert("heap-from-container", job::parse_heap_convention);
  request.deploy_mode = given.convert("deploy-mode", job::parse_deploy_mode);
  request.driver_heap_mib = heap_of(given, "driver-memory");
  request.driver_cores = given.count("driver-cores");
  request.calculator = given.convert("yarn-resource-calculator", job::parse_resource_calculator);
  request.reserve_cores = given.convert("reserve-cores", reserve_cores_of);
  return request;
}

GlueOverrides glue_overrides(const units::Given& given) {
  GlueOverrides overrides;
  overrides.glue_version = given.text("glue-version");
  if (const std::optional<std::string> types = given.text("worker-type")) overrides.worker_types = list_of(*types);
  overrides.workers =
      given.convert("workers", [](const std::string& v) { return units::parse_count_set(v, "workers"); });
  if (const auto execution_class = given.word("execution-class", "standard", "flex"))
    overrides.flex = *execution_class == "flex";
  overrides.auto_scaling = given.has("auto-scaling");
  if (const auto reader = given.word("glue-reader", "dynamicframe", "dataframe"))
    overrides.dynamicframe_reader = *reader == "dynamicframe";
  return overrides;
}

std::vector<std::string> list_of(const std::string& value) {
  std::vector<std::string> items;
  for (std::string_view part : text::split(value, ',')) items.emplace_back(part);
  return items;
}

std::optional<std::vector<std::string>> instances_of(const units::Given& given) {
  const std::optional<std::string> instance = given.text("instance");
  if (!instance) return std::nullopt;
  return list_of(*instance);
}

// A search's --nodes errors carry no flag prefix: parse_count_set names the nodes itself.
std::optional<std::vector<int>> node_counts_of(const units::Given& given) {
  const std::optional<std::string> nodes = given.text("nodes");
  if (!nodes) return std::nullopt;
  return parse_node_counts(*nodes);
}

ManagedRequest managed_request(const catalog::Catalog& catalog, const units::Given& given, const job::JobSpec& job,
                               Platform chosen, bool emr_on_eks) {
  ManagedRequest request;
  request.glue = glue_request(glue_overrides(given), job);
  request.fixed = fixed_layout(layout_request(given), job);
  if (chosen == Platform::kubernetes)
    request.kubernetes = kubernetes_request(catalog, job, instances_of(given), node_counts_of(given), emr_on_eks);
  return request;
}

}  // namespace sparkfit::platform
