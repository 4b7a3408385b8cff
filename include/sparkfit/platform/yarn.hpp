// The planner of EMR, EC2 and plain YARN clusters: the search over instance types, nodes and
// executor cores is src/search/; this gives the Spark settings of the layout it picks.
#pragma once

#include <cstdint>
#include <vector>

#include "sparkfit/layout/layout.hpp"
#include "sparkfit/platform/platform.hpp"

namespace sparkfit::platform {

// The settings a recommendation on YARN sets, each with the arithmetic behind it. `source` says
// where the shuffle partition count comes from (`target_partition_mib` is the model's target);
// `dynamic_allocation` keeps dynamic allocation on, bounded by the layout, instead of switching it off;
// `driver_why` says where the driver heap comes from (driver_heap_why).
std::vector<Setting> yarn_settings(const Cluster& cluster, const layout::Layout& layout, const layout::Choices& choices,
                                   std::int64_t shuffle_partitions, ShufflePartitions source,
                                   double target_partition_mib, bool dynamic_allocation, const std::string& driver_why);

}  // namespace sparkfit::platform
