// Platforms and the cluster a configuration runs on: which node YARN sees, and the defaults a
// platform brings (overhead factor, collector, YARN rounding), each with where it comes from.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sparkfit/catalog/catalog.hpp"
#include "sparkfit/layout/layout.hpp"

namespace sparkfit::platform {

enum class Platform { emr, ec2, yarn, glue, emr_serverless, kubernetes };
std::string_view to_string(Platform platform);
Platform parse_platform(std::string_view text);                // throws InputError with the accepted words
std::optional<Platform> find_platform(std::string_view text);  // nullopt for an unknown word
// Every platform, in the enum's order.
const std::vector<Platform>& all_platforms();
std::vector<std::string> platform_names();

// Glue, EMR Serverless and Kubernetes size executors their own way; EMR, EC2 and YARN go through
// YARN's containers.
bool is_managed(Platform platform);

// One Spark setting a planner emits, and why it has this value (the arithmetic, or the reason).
struct Setting {
  std::string key, value;
  std::string why = {};
};

// Where a planner's spark.sql.shuffle.partitions comes from.
enum class ShufflePartitions {
  given,          // the job sets it; planners keep it
  tuned,          // the model's count: the largest shuffle over the target partition size, in whole waves
  default_kept,   // Spark's default, predicted as good as a tuned count
  spark_default,  // Spark's default, kept because predict predicts what the user gave
};

// Why spark.sql.shuffle.partitions is `count` on `task_slots` slots, in every planner's words.
std::string shuffle_partitions_why(ShufflePartitions source, std::int64_t count, int task_slots,
                                   double target_partition_mib);
// The Assumed sentence of Spark's default `count` (200) when neither spec nor flag sets it.
std::string shuffle_partitions_assumed(std::int64_t count);

// A homogeneous cluster of worker nodes.
struct Cluster {
  Platform platform = Platform::emr;
  const catalog::InstanceType* instance = nullptr;  // null for a generic YARN cluster
  const catalog::EmrRelease* release = nullptr;     // emr only
  layout::Node node;
  int nodes = 0;
  int node_memory_mib = 0;  // RAM of a node (informational)
  int reserve_cores = 1;    // sizing policy
  double overhead_factor = 0.10;
  layout::GarbageCollector gc = layout::GarbageCollector::g1;
  // What the model needs of a node, from the instance type or the platform's worker facts.
  double local_disk_gb = 0;       // 0: unknown (no disk check)
  std::string disk_kind = "ebs";  // nvme, ssd or ebs
  double network_gbps = 0;        // 0: unknown
  double disk_mib_per_s = 0;      // one node's disk bandwidth; 0: the model's figure for disk_kind
  std::string disk_source;        // where disk_mib_per_s comes from, or why the model's figure stands
  double core_speed = 1.0;
  std::string description;      // "10 x r5.4xlarge" or "6 nodes x 16 cores x 64 GiB"
  std::string overhead_source;  // why this factor
  std::string yarn_source;      // where the YARN figures come from
};

// An EBS-optimized baseline in Mbit/s as MiB/s: Mbps * 1e6 / 8 / 2^20.
double ebs_mib_per_s(std::int64_t mbps);

// An EC2 instance under EMR (emr) or self-managed YARN (ec2): YARN memory from EMR's table. An
// EBS-only node's disk bandwidth is the instance's EBS-optimized baseline where the catalog has one
// (Kubernetes nodes are built from this too).
Cluster cluster_for_instance(Platform platform, const catalog::InstanceType& instance, int nodes,
                             const catalog::EmrRelease* release);

// A generic YARN cluster: NodeManager memory = node memory - reserved memory, Hadoop's 1024 MiB
// minimum allocation unless given.
Cluster cluster_for_yarn(int nodes, int node_cores, std::int64_t node_memory_mib, int reserve_cores,
                         std::int64_t reserve_memory_mib, std::int64_t min_allocation_mib);

// The driver heap a job needs where it names broadcasts (stages[].broadcast) or a collected result
// (job.collect): layout::driver_heap_needed_mib, which review's SF2011 holds a driver to, with
// spark.driver.maxResultSize raised to the collect in whole GiB when above its 1g default (written to
// `max_result_size_mib`, else 0). Spark's default driver for a job that names neither.
std::int64_t driver_heap_for(const job::JobSpec& job, std::int64_t* max_result_size_mib);

// Where the driver heap in `choices` comes from: given, Spark's default, or the arithmetic of the
// job's broadcasts and collected result (choices_for).
std::string driver_heap_why(const job::JobSpec& job, const layout::Choices& choices);

// spark.driver.memory, with `why`, and spark.driver.maxResultSize when the job's collect raised it.
std::vector<Setting> driver_settings(const layout::Choices& choices, const std::string& why);

}  // namespace sparkfit::platform
