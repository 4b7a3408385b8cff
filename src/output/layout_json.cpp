#include "sparkfit/output/layout_json.hpp"

#include "sparkfit/util/round.hpp"

namespace sparkfit::output {

void write_cluster_fields(JsonWriter& json, const platform::Cluster& cluster) {
  json.field("platform", std::string(platform::to_string(cluster.platform)));
  json.key("instance_type");
  if (cluster.instance)
    json.value(cluster.instance->name);
  else
    json.null();
  json.field("nodes", cluster.nodes);
}

void write_executor_fields(JsonWriter& json, const layout::Layout& l) {
  json.field("num_executors", l.num_executors)
      .field("executors_per_node", l.executors_per_node)
      .field("executor_cores", l.executor_cores)
      .field("executor_memory_mib", l.heap_mib)
      .field("memory_overhead_mib", l.overhead_mib)
      .field("container_mib", l.container_mib)
      .field("task_slots", l.task_slots)
      .field("idle_cores_per_node", l.idle_cores_per_node)
      .field("idle_memory_mib_per_node", l.idle_memory_mib_per_node);
}

void write_layout_fields(JsonWriter& json, const platform::Cluster& cluster, const layout::Layout& l) {
  write_cluster_fields(json, cluster);
  write_executor_fields(json, l);
}

void write_intervals(JsonWriter& json, double runtime_low_s, double runtime_high_s, double cost_low_usd,
                     double cost_high_usd, bool priced) {
  json.key("runtime_interval_s").begin_array();
  json.value(util::round_seconds(runtime_low_s)).value(util::round_seconds(runtime_high_s));
  json.end_array();
  json.key("cost_interval_usd");
  if (!priced) {
    json.null();
    return;
  }
  json.begin_array();
  json.value(util::round_usd(cost_low_usd)).value(util::round_usd(cost_high_usd));
  json.end_array();
}

}  // namespace sparkfit::output
