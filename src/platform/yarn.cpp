// The YARN planner's Spark settings: EMR, EC2 and plain YARN clusters run executors in YARN
// containers, so every memory figure follows from the NodeManager's memory and its allocation step.
#include "sparkfit/platform/yarn.hpp"

#include "sparkfit/units/units.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::platform {
namespace {

// ", leaving 1408 MiB: room for the AM's 1408 MiB" when a smaller container lets the AM share a
// node without evicting one of its executors.
std::string am_room(const Cluster& cluster, const layout::Layout& l) {
  const std::int64_t left = cluster.node.yarn_memory_mib - l.executors_per_node * l.container_mib;
  if (l.executors_on_am_node != l.executors_per_node || left < l.am_container_mib || l.am_container_mib == 0) return "";
  return ", leaving " + std::to_string(left) + " MiB: room for the AM's " + std::to_string(l.am_container_mib) + " MiB";
}

// How the heap follows from the node: filling it (heap_chosen), or the heap the search or the user
// chose, whose container YARN rounds up to its step.
std::string heap_why(const Cluster& cluster, const layout::Layout& l, const layout::Choices& choices) {
  const std::string step = std::to_string(cluster.node.yarn_min_allocation_mib);
  const std::string container = std::to_string(l.container_mib);
  if (l.heap_chosen)
    return std::to_string(cluster.node.yarn_memory_mib) + " MiB YARN / " + std::to_string(l.policy_executors_per_node) +
           " = " + std::to_string(l.container_target_mib) + " MiB, down to YARN's " + step +
           " MiB step = " + container + " MiB per container; heap = largest h with h + max(" +
           units::format_number(choices.overhead_factor) + " h, " + std::to_string(layout::kMinOverheadMiB) +
           ") <= " + container + " -> " + std::to_string(l.heap_mib) + "m";
  return std::to_string(l.heap_mib) + " MiB heap + " + std::to_string(l.container_request_mib - l.heap_mib) +
         " MiB outside it = " + std::to_string(l.container_request_mib) + " MiB, up to YARN's " + step +
         " MiB step = " + container + " MiB per container; " + std::to_string(l.executors_per_node) + " per node in " +
         std::to_string(cluster.node.yarn_memory_mib) + " MiB of YARN memory" + am_room(cluster, l);
}

// Where the driver runs and what that costs the nodes: cluster mode's AM container holds it; client
// mode leaves the AM small and runs the driver where the job is submitted (EMR's primary node).
std::string deploy_mode_why(const Cluster& cluster, const layout::Layout& l, const layout::Choices& choices) {
  const std::string am = std::to_string(l.am_container_mib) + " MiB";
  if (choices.deploy_mode == job::DeployMode::cluster)
    return "the driver runs in the YARN AM container (" + am +
           ") on a core node, so the job outlives the process that submitted it";
  layout::Choices in_cluster = choices;
  in_cluster.deploy_mode = job::DeployMode::cluster;
  const layout::Layout other = layout::compute(cluster.node, cluster.nodes, in_cluster);
  std::string why =
      "the driver runs where the job is submitted, on EMR the primary node (an EMR step runs there); the YARN AM "
      "then takes " +
      am + " of a core node, where cluster mode's AM, holding the driver, would take " +
      std::to_string(other.am_container_mib) + " MiB";
  if (other.problem == layout::Problem::none && other.num_executors < l.num_executors)
    why += ": " + std::to_string(other.num_executors) + " executors instead of " + std::to_string(l.num_executors);
  return why + "; the job lasts as long as the process that submits it";
}

}  // namespace

std::vector<Setting> yarn_settings(const Cluster& cluster, const layout::Layout& l, const layout::Choices& choices,
                                   std::int64_t shuffle_partitions, ShufflePartitions source,
                                   double target_partition_mib, bool dynamic_allocation,
                                   const std::string& driver_why) {
  std::vector<Setting> s;
  s.push_back({"spark.submit.deployMode", std::string(job::to_string(choices.deploy_mode)),
               deploy_mode_why(cluster, l, choices)});
  const std::string node = cluster.instance ? cluster.instance->name : std::string("node");
  std::string per_node = node + ": " + std::to_string(cluster.node.vcpus) + " vCPU - " +
                         std::to_string(cluster.node.vcpus - l.usable_cores_per_node) +
                         " reserved = " + std::to_string(l.usable_cores_per_node) + ", / " +
                         std::to_string(l.executor_cores) +
                         " cores = " + text::plural(l.policy_executors_per_node, "executor") + " per node";
  // The search may choose a larger container than filling the node by cores gives.
  if (l.executors_per_node != l.policy_executors_per_node)
    per_node += "; the chosen heap fits " + std::to_string(l.executors_per_node) + " per node";
  s.push_back({"spark.executor.instances", std::to_string(l.num_executors),
               std::to_string(cluster.nodes) + " nodes x " + std::to_string(l.executors_per_node) + " per node, " +
                   std::to_string(l.executors_per_node - l.executors_on_am_node) +
                   " fewer on the node hosting the AM (" + std::to_string(l.am_container_mib) + " MiB)"});
  s.push_back({"spark.executor.cores", std::to_string(l.executor_cores), per_node});
  s.push_back({"spark.executor.memory", units::format_spark_memory(l.heap_mib), heap_why(cluster, l, choices)});
  s.push_back({"spark.executor.memoryOverhead", units::format_spark_memory(l.overhead_mib),
               "max(" + units::format_number(choices.overhead_factor) + " x " + std::to_string(l.heap_mib) + ", " +
                   std::to_string(layout::kMinOverheadMiB) + ") = " + std::to_string(l.overhead_mib) +
                   " MiB; set explicitly so the container is exactly " + std::to_string(l.container_mib) +
                   " MiB on any Spark version"});
  for (Setting& driver : driver_settings(choices, driver_why)) s.push_back(std::move(driver));
  s.push_back({"spark.sql.shuffle.partitions", std::to_string(shuffle_partitions),
               shuffle_partitions_why(source, shuffle_partitions, l.task_slots, target_partition_mib)});
  s.push_back({"spark.default.parallelism", std::to_string(l.task_slots * 2),
               "2 tasks per core for RDD operations (tuning guide: 2-3 per core)"});
  s.push_back({"spark.sql.adaptive.enabled", "true",
               "AQE coalesces small shuffle partitions and splits skewed ones (Spark 3.2+ default)"});
  if (!dynamic_allocation) {
    s.push_back(
        {"spark.dynamicAllocation.enabled", "false",
         "a sized batch job: with dynamic allocation (on by default on EMR) --num-executors is only the starting "
         "count; --dynamic-allocation keeps it, with limits"});
    return s;
  }
  const std::string n = std::to_string(l.num_executors);
  s.push_back(
      {"spark.dynamicAllocation.enabled", "true", "--dynamic-allocation: executors come and go with the backlog"});
  s.push_back(
      {"spark.dynamicAllocation.initialExecutors", n, "start at the recommended layout instead of EMR's default 3"});
  s.push_back({"spark.dynamicAllocation.maxExecutors", n,
               "never more than the layout the cluster was sized for (unset, it is unlimited: one job can take a "
               "shared cluster)"});
  s.push_back(
      {"spark.dynamicAllocation.minExecutors", "0", "idle executors are released after executorIdleTimeout (60 s)"});
  s.push_back(
      {"spark.shuffle.service.enabled", "true",
       "released executors' shuffle files stay readable through the node's shuffle service (on by default on EMR)"});
  return s;
}

}  // namespace sparkfit::platform
