#include "sparkfit/platform/platform.hpp"

#include <algorithm>

#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::platform {

std::string_view to_string(Platform platform) {
  switch (platform) {
    case Platform::emr: return "emr";
    case Platform::ec2: return "ec2";
    case Platform::yarn: return "yarn";
    case Platform::glue: return "glue";
    case Platform::emr_serverless: return "emr-serverless";
    case Platform::kubernetes: return "kubernetes";
  }
  return "unknown";
}

bool is_managed(Platform platform) {
  return platform == Platform::glue || platform == Platform::emr_serverless || platform == Platform::kubernetes;
}

std::vector<std::string> platform_names() { return {"emr", "ec2", "yarn", "glue", "emr-serverless", "kubernetes"}; }

const std::vector<Platform>& all_platforms() {
  static const std::vector<Platform> all = {
      Platform::emr, Platform::ec2, Platform::yarn, Platform::glue, Platform::emr_serverless, Platform::kubernetes};
  return all;
}

std::optional<Platform> find_platform(std::string_view text) {
  for (Platform platform : all_platforms())
    if (text == to_string(platform)) return platform;
  return std::nullopt;
}

Platform parse_platform(std::string_view text) {
  if (std::optional<Platform> platform = find_platform(text)) return *platform;
  throw InputError("unknown platform '" + std::string(text) + "'" + text::did_you_mean(text, platform_names()) +
                   "; expected one of " + text::join(platform_names()));
}

double ebs_mib_per_s(std::int64_t mbps) { return static_cast<double>(mbps) * 1e6 / 8.0 / 1048576.0; }

namespace {

// Shuffle and spill of an EBS-only node go through EBS: the instance's EBS-optimized baseline caps
// them (AWS guarantees the higher maximum of small sizes for only 30 minutes a day, too short to
// plan a job on). Instance store keeps the model's figure for its kind.
void set_disk_bandwidth(Cluster& cluster, const catalog::InstanceType& instance) {
  const std::string model_yaml = " (instance_catalogs/model/model.yaml)";
  if (instance.local_disk_gb > 0) {
    cluster.disk_source = "instance store (" + instance.local_disk_kind + ") at the model's io.disk_mib_per_s." +
                          instance.local_disk_kind + model_yaml;
  } else if (instance.ebs_baseline_mbps) {
    cluster.disk_mib_per_s = ebs_mib_per_s(*instance.ebs_baseline_mbps);
    cluster.disk_source = instance.name + "'s EBS-optimized baseline (" + std::to_string(*instance.ebs_baseline_mbps) +
                          " Mbit/s; Amazon EC2 User Guide, 'Amazon EBS-optimized instances', " + instance.ebs_as_of +
                          ")";
  } else {
    cluster.disk_source = "EBS at the model's flat io.disk_mib_per_s.ebs" + model_yaml +
                          "; the catalog has no EBS-optimized baseline for " + instance.name;
  }
}

}  // namespace

Cluster cluster_for_instance(Platform platform, const catalog::InstanceType& instance, int nodes,
                             const catalog::EmrRelease* release) {
  Cluster cluster;
  cluster.platform = platform;
  cluster.instance = &instance;
  cluster.release = platform == Platform::emr ? release : nullptr;
  cluster.nodes = nodes;
  cluster.node_memory_mib = static_cast<int>(instance.memory_mib);
  cluster.node.vcpus = instance.vcpus;
  cluster.node.yarn_vcores = instance.vcpus;  // EMR sets NodeManager vcores to the vCPU count
  // EMR's YARN offers every vCPU and EMR's default executors use them all, so no core is kept back
  // (docs/domain.md#reserved-cores); self-managed EC2 nodes built the EMR way follow it.
  cluster.reserve_cores = 0;
  cluster.node.yarn_memory_mib = instance.yarn.nodemanager_mib;
  cluster.node.yarn_max_allocation_mib = instance.yarn.max_allocation_mib;
  cluster.node.yarn_min_allocation_mib = instance.yarn.min_allocation_mib;
  cluster.description = std::to_string(nodes) + " x " + instance.name;
  cluster.network_gbps = instance.network_gbps.value_or(0);
  cluster.core_speed = instance.core_speed;
  cluster.disk_kind = instance.local_disk_gb > 0 ? instance.local_disk_kind : "ebs";
  set_disk_bandwidth(cluster, instance);
  // Instance store is known; EBS is known only on EMR (its default volumes). A self-managed
  // cluster's EBS volumes are whatever its owner attached, so there is no disk check for them.
  if (instance.local_disk_gb > 0)
    cluster.local_disk_gb = static_cast<double>(instance.local_disk_gb);
  else if (platform == Platform::emr)
    cluster.local_disk_gb = static_cast<double>(instance.default_ebs_gb) * 1073741824.0 / 1e9;
  cluster.yarn_source =
      "EMR YARN defaults for " + instance.name + " (" + std::string(catalog::to_string(instance.yarn.provenance)) + ")";
  if (platform == Platform::emr) {
    cluster.overhead_factor = release ? release->executor_overhead_factor : 0.1875;
    cluster.overhead_source = "EMR sets spark.yarn.executor.memoryOverheadFactor 0.1875 (EMR 5.22+)";
    bool parallel = !release || release->gc != "g1";
    cluster.gc = parallel ? layout::GarbageCollector::parallel : layout::GarbageCollector::g1;
  } else {
    cluster.overhead_factor = 0.10;
    cluster.overhead_source = "Apache Spark's spark.executor.memoryOverheadFactor default 0.10";
    cluster.gc = layout::GarbageCollector::g1;
  }
  return cluster;
}

Cluster cluster_for_yarn(int nodes, int node_cores, std::int64_t node_memory_mib, int reserve_cores,
                         std::int64_t reserve_memory_mib, std::int64_t min_allocation_mib) {
  Cluster cluster;
  cluster.platform = Platform::yarn;
  cluster.nodes = nodes;
  cluster.node_memory_mib = static_cast<int>(node_memory_mib);
  cluster.reserve_cores = reserve_cores;
  cluster.node.vcpus = node_cores;
  cluster.node.yarn_vcores = node_cores - reserve_cores;
  cluster.node.yarn_memory_mib = node_memory_mib - reserve_memory_mib;
  cluster.node.yarn_max_allocation_mib = cluster.node.yarn_memory_mib;
  cluster.node.yarn_min_allocation_mib = min_allocation_mib;
  cluster.overhead_factor = 0.10;
  cluster.overhead_source = "Apache Spark's spark.executor.memoryOverheadFactor default 0.10";
  cluster.description = std::to_string(nodes) + " nodes x " + std::to_string(node_cores) + " cores x " +
                        units::format_size(node_memory_mib * units::kMiB);
  cluster.yarn_source = "node memory " + std::to_string(node_memory_mib) + " MiB - reserved " +
                        std::to_string(reserve_memory_mib) + " MiB";
  return cluster;
}

std::string shuffle_partitions_why(ShufflePartitions source, std::int64_t count, int task_slots,
                                   double target_partition_mib) {
  switch (source) {
    case ShufflePartitions::given: return "the job sets " + std::to_string(count) + "; sparkfit keeps it";
    case ShufflePartitions::tuned:
      return "tuned by sparkfit in place of Spark's default 200 (SQLConf.scala): the largest shuffle / " +
             units::format_number(target_partition_mib) + " MiB target, rounded up to whole waves of " +
             std::to_string(task_slots) + " slots (model term: spill and per-task overhead)";
    case ShufflePartitions::spark_default:
      return "Spark's default " + std::to_string(count) +
             " (SQLConf.scala), predicted as given; --shuffle-partitions N predicts another count";
    case ShufflePartitions::default_kept: break;
  }
  return "Spark's default " + std::to_string(count) +
         " (SQLConf.scala), predicted as good as a tuned count for this job";
}

std::string shuffle_partitions_assumed(std::int64_t count) {
  return "spark.sql.shuffle.partitions " + std::to_string(count) +
         ", Spark's default (SQLConf.scala): --shuffle-partitions N sets it";
}

namespace {

// The largest table a stage broadcasts, 0 when none does.
std::int64_t largest_broadcast_bytes(const job::JobSpec& job) {
  std::int64_t largest = 0;
  for (const job::Stage& stage : job.stages) largest = std::max(largest, stage.broadcast_bytes.value_or(0));
  return largest;
}

}  // namespace

std::int64_t driver_heap_for(const job::JobSpec& job, std::int64_t* max_result_size_mib) {
  *max_result_size_mib = 0;
  const std::int64_t broadcast = largest_broadcast_bytes(job);
  if (broadcast == 0 && !job.collect_bytes) return layout::kDefaultDriverMiB;
  std::int64_t results_mib = layout::kDefaultMaxResultMiB;
  if (job.collect_bytes && *job.collect_bytes > results_mib * units::kMiB) {
    results_mib = layout::round_up((*job.collect_bytes + units::kMiB - 1) / units::kMiB, 1024);
    *max_result_size_mib = results_mib;
  }
  return layout::driver_heap_needed_mib(results_mib, (broadcast + units::kMiB - 1) / units::kMiB);
}

std::string driver_heap_why(const job::JobSpec& job, const layout::Choices& choices) {
  std::int64_t max_result_mib = 0;
  if (driver_heap_for(job, &max_result_mib) != choices.driver_heap_mib) return "the driver heap given";
  const std::int64_t broadcast = largest_broadcast_bytes(job);
  if (broadcast == 0 && !job.collect_bytes)
    return "Spark's default; the job names no broadcast or collected result to size it by (stages[].broadcast, "
           "job.collect)";
  const std::int64_t results_mib =
      choices.max_result_size_mib > 0 ? choices.max_result_size_mib : layout::kDefaultMaxResultMiB;
  std::string why = std::to_string(layout::kReservedMiB) + " MiB Spark reserves + " +
                    units::format_spark_memory(results_mib) + " of results (spark.driver.maxResultSize" +
                    (choices.max_result_size_mib > 0 ? ", raised to the job's collect" : "") + ")";
  if (broadcast > 0)
    why +=
        " + 2 x the job's largest broadcast of " + units::format_size(broadcast) + " (built, and in serialised pieces)";
  return why + ", in whole GiB (docs/domain.md#driver-memory)";
}

std::vector<Setting> driver_settings(const layout::Choices& choices, const std::string& why) {
  std::vector<Setting> settings{{"spark.driver.memory", units::format_spark_memory(choices.driver_heap_mib), why}};
  if (choices.max_result_size_mib > 0)
    settings.push_back({"spark.driver.maxResultSize", units::format_spark_memory(choices.max_result_size_mib),
                        "the job's collected result in whole GiB: a larger result fails the action"});
  return settings;
}

}  // namespace sparkfit::platform
