#include "sparkfit/layout/input_splits.hpp"

#include <algorithm>
#include <functional>

namespace sparkfit::layout::splits {
namespace {

std::int64_t max_split_bytes(std::int64_t total_with_open_cost, const Settings& settings,
                             std::int64_t* bytes_per_core) {
  *bytes_per_core = total_with_open_cost / std::max<std::int64_t>(1, settings.min_partition_num);
  return std::min(settings.max_partition_bytes, std::max(settings.open_cost_bytes, *bytes_per_core));
}

}  // namespace

Plan plan(const std::vector<std::int64_t>& file_sizes, bool splittable, const Settings& settings) {
  Plan result;
  std::int64_t total_with_open_cost = 0;
  for (std::int64_t size : file_sizes) {
    total_with_open_cost += size + settings.open_cost_bytes;
    result.total_bytes += size;
  }
  result.max_split_bytes = max_split_bytes(total_with_open_cost, settings, &result.bytes_per_core);

  // PartitionedFileUtil.splitFiles: cut splittable files into maxSplitBytes pieces.
  std::vector<std::int64_t> pieces;
  for (std::int64_t size : file_sizes) {
    if (!splittable || size == 0) {
      pieces.push_back(size);
      continue;
    }
    for (std::int64_t offset = 0; offset < size; offset += result.max_split_bytes)
      pieces.push_back(std::min(result.max_split_bytes, size - offset));
  }
  std::sort(pieces.begin(), pieces.end(), std::greater<>());
  result.pieces = static_cast<std::int64_t>(pieces.size());

  // FilePartition.getFilePartitions: next fit decreasing, each piece also costs openCost.
  std::int64_t current = 0;
  std::int64_t current_data = 0;
  bool open = false;
  auto close = [&] {
    if (open) {
      ++result.partitions;
      result.largest_partition_bytes = std::max(result.largest_partition_bytes, current_data);
    }
    open = false;
    current = 0;
    current_data = 0;
  };
  for (std::int64_t piece : pieces) {
    if (current + piece > result.max_split_bytes) close();
    current += piece + settings.open_cost_bytes;
    current_data += piece;
    open = true;
  }
  close();
  return result;
}

Plan plan_uniform(std::int64_t files, std::int64_t file_size, bool splittable, const Settings& settings) {
  Plan result;
  if (files <= 0) return result;
  result.total_bytes = files * file_size;
  result.max_split_bytes =
      max_split_bytes(files * (file_size + settings.open_cost_bytes), settings, &result.bytes_per_core);
  const std::int64_t max_split = result.max_split_bytes;
  const std::int64_t open_cost = settings.open_cost_bytes;

  // Pieces of each file: `full` pieces of maxSplitBytes and one remainder.
  std::int64_t full = 0;
  std::int64_t remainder = file_size;
  if (splittable && file_size > 0) {
    full = file_size / max_split;
    remainder = file_size % max_split;
  }
  // Pieces at least as large as maxSplitBytes always sit alone in a partition: whatever the
  // partition held, adding one would pass the limit, and nothing fits after it.
  std::int64_t alone = files * full;
  std::int64_t rest = (remainder > 0 || !splittable || file_size == 0) ? files : 0;
  if (remainder >= max_split) {
    alone += rest;
    rest = 0;
  }
  result.pieces = files * full + rest;
  result.partitions = alone;
  if (alone > 0) result.largest_partition_bytes = splittable ? std::min(max_split, file_size) : file_size;
  if (rest > 0) {
    // Equal small pieces: a partition takes the first, then more while the running size
    // (each piece plus its open cost) leaves room for one more piece.
    std::int64_t per_partition = (max_split - remainder) / (remainder + open_cost) + 1;
    per_partition = std::max<std::int64_t>(1, per_partition);
    result.partitions += (rest + per_partition - 1) / per_partition;
    result.largest_partition_bytes =
        std::max(result.largest_partition_bytes, std::min(per_partition, rest) * remainder);
  }
  return result;
}

}  // namespace sparkfit::layout::splits
