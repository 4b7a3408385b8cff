// How many tasks a DataFrame file scan makes: Spark's FilePartition.maxSplitBytes and its
// "next fit decreasing" packing of file pieces into partitions, implemented as Spark does it.
#pragma once

#include <cstdint>
#include <vector>

namespace sparkfit::layout::splits {

struct Settings {
  std::int64_t max_partition_bytes = 128LL << 20;  // spark.sql.files.maxPartitionBytes
  std::int64_t open_cost_bytes = 4LL << 20;        // spark.sql.files.openCostInBytes
  std::int64_t min_partition_num = 2;              // spark.sql.files.minPartitionNum, else default parallelism
};

struct Plan {
  std::int64_t max_split_bytes = 0;  // min(maxPartitionBytes, max(openCost, bytesPerCore))
  std::int64_t bytes_per_core = 0;
  std::int64_t pieces = 0;      // file pieces after splitting
  std::int64_t partitions = 0;  // tasks of the scan
  std::int64_t total_bytes = 0;
  std::int64_t largest_partition_bytes = 0;  // data bytes, open cost excluded
};

// Any list of files (sizes in bytes).
Plan plan(const std::vector<std::int64_t>& file_sizes, bool splittable, const Settings& settings);

// `files` files of `file_size` bytes each, in O(1): same answer as plan() on the expanded list.
Plan plan_uniform(std::int64_t files, std::int64_t file_size, bool splittable, const Settings& settings);

}  // namespace sparkfit::layout::splits
