// The layout fields docs/interface.md#json fixes for JSON output (predict, candidates, review, explain),
// written in one place so every command spells them the same way.
#pragma once

#include "sparkfit/layout/layout.hpp"
#include "sparkfit/platform/platform.hpp"
#include "sparkfit/util/json_writer.hpp"

namespace sparkfit::output {

// The cluster: platform, instance_type, nodes.
void write_cluster_fields(JsonWriter& json, const platform::Cluster& cluster);
// The executors: num_executors, executors_per_node, executor_cores, executor_memory_mib,
// memory_overhead_mib, container_mib, task_slots, idle_cores_per_node, idle_memory_mib_per_node.
void write_executor_fields(JsonWriter& json, const layout::Layout& layout);
// Both, the cluster first (predict, candidates, review). explain writes its feasibility between them.
void write_layout_fields(JsonWriter& json, const platform::Cluster& cluster, const layout::Layout& layout);
// The 80% intervals of a forecast: runtime_interval_s and cost_interval_usd, each [low, high]; the
// cost null where nothing is priced (yarn).
void write_intervals(JsonWriter& json, double runtime_low_s, double runtime_high_s, double cost_low_usd,
                     double cost_high_usd, bool priced);

}  // namespace sparkfit::output
