// The layout fields docs/interface.md#json fixes for JSON output (predict, candidates, review), written in
// one place so every command spells them the same way.
#pragma once

#include "sparkfit/layout/layout.hpp"
#include "sparkfit/platform/platform.hpp"
#include "sparkfit/util/json_writer.hpp"

namespace sparkfit::output {

// platform, instance_type, nodes, num_executors ... idle_memory_mib_per_node.
void write_layout_fields(JsonWriter& json, const platform::Cluster& cluster, const layout::Layout& layout);

}  // namespace sparkfit::output
