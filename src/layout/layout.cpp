#include "sparkfit/layout/layout.hpp"

#include <algorithm>
#include <cmath>

#include "sparkfit/units/units.hpp"

namespace sparkfit::layout {
namespace {

constexpr std::int64_t kMiB = units::kMiB;
// HotSpot's Parallel collector sizes its generations in 512 KiB steps.
constexpr std::int64_t kParallelAlignment = 512 * units::kKiB;

std::int64_t floor_to(std::int64_t value, std::int64_t step) { return value / step * step; }

// The largest heap whose container (heap + overhead + extras) fits in `available` MiB.
std::int64_t largest_heap_dividing(std::int64_t available, double factor) {
  auto fits = [&](std::int64_t heap) { return heap + default_overhead_mib(heap, factor) <= available; };
  std::int64_t heap = static_cast<std::int64_t>(std::floor(static_cast<double>(available) / (1.0 + factor)));
  if (default_overhead_mib(heap, factor) == kMinOverheadMiB) heap = available - kMinOverheadMiB;
  // The floor of f x heap makes the first estimate off by a MiB or two either way.
  while (heap > 0 && !fits(heap)) --heap;
  while (fits(heap + 1)) ++heap;
  return heap;
}

}  // namespace

std::string_view to_string(GarbageCollector gc) { return gc == GarbageCollector::g1 ? "g1" : "parallel"; }

std::string_view to_string(Problem problem) {
  switch (problem) {
    case Problem::none: return "none";
    case Problem::heap_below_floor: return "heap-below-floor";
    case Problem::overhead_too_small: return "overhead-leaves-no-heap";
    case Problem::container_above_max_allocation: return "container-above-max-allocation";
    case Problem::container_above_node_memory: return "container-above-node-memory";
    case Problem::cores_above_node_vcores: return "cores-above-node-vcores";
    case Problem::no_executor_fits: return "no-executor-fits";
    case Problem::bad_choice: return "bad-choice";
  }
  return "unknown";
}

std::string_view describe(Problem problem) {
  switch (problem) {
    case Problem::none: return "the layout has no problem";
    case Problem::heap_below_floor: return "the executor heap is below the 450 MiB Spark needs to start";
    case Problem::overhead_too_small: return "the memory overhead leaves no room for an executor heap";
    case Problem::container_above_max_allocation:
      return "the executor container is larger than the largest container the scheduler grants (YARN's maximum "
             "allocation, a pod's allocatable node memory)";
    case Problem::container_above_node_memory: return "the executor container is larger than a node's memory";
    case Problem::cores_above_node_vcores: return "an executor asks for more cores than a node has";
    case Problem::no_executor_fits: return "no executor fits on the nodes beside the driver";
    case Problem::bad_choice: return "a count or factor is out of range";
  }
  return "unknown problem";
}

std::int64_t round_up(std::int64_t value, std::int64_t step) {
  if (step <= 1) return value;
  return (value + step - 1) / step * step;
}

std::int64_t default_overhead_mib(std::int64_t heap_mib, double factor) {
  // Spark: max((overheadFactor * executorMemoryMiB).toLong, 384)
  auto scaled = static_cast<std::int64_t>(factor * static_cast<double>(heap_mib));
  return std::max(scaled, kMinOverheadMiB);
}

std::int64_t jvm_max_memory_bytes(std::int64_t heap_mib, GarbageCollector gc) {
  std::int64_t heap = heap_mib * kMiB;
  if (gc == GarbageCollector::g1) return heap;
  // Parallel GC: maxMemory leaves out one survivor space. Young = heap / 3 (NewRatio=2),
  // survivor = young / 3 (MinSurvivorRatio), both aligned down to 512 KiB. Reproduces the
  // measured -Xmx1g -> 910.5 MiB and -Xmx512m -> 455.5 MiB.
  std::int64_t young = floor_to(heap / 3, kParallelAlignment);
  std::int64_t survivor = floor_to(young / 3, kParallelAlignment);
  return heap - survivor;
}

MemoryRegions memory_regions(std::int64_t heap_mib, int concurrent_tasks, GarbageCollector gc, double memory_fraction,
                             double storage_fraction) {
  MemoryRegions regions;
  regions.heap_bytes = heap_mib * kMiB;
  regions.max_memory_bytes = jvm_max_memory_bytes(heap_mib, gc);
  regions.reserved_bytes = kReservedMiB * kMiB;
  regions.usable_bytes = std::max<std::int64_t>(0, regions.max_memory_bytes - regions.reserved_bytes);
  regions.unified_bytes = static_cast<std::int64_t>(static_cast<double>(regions.usable_bytes) * memory_fraction);
  regions.user_bytes = regions.usable_bytes - regions.unified_bytes;
  regions.storage_protected_bytes =
      static_cast<std::int64_t>(static_cast<double>(regions.unified_bytes) * storage_fraction);
  regions.concurrent_tasks = std::max(1, concurrent_tasks);
  regions.execution_per_task_max_bytes = regions.unified_bytes / regions.concurrent_tasks;
  regions.execution_per_task_min_bytes = regions.unified_bytes / (2 * regions.concurrent_tasks);
  return regions;
}

int default_executor_cores(int usable_cores) {
  if (usable_cores <= 5) return std::max(1, usable_cores);
  int best = 5;
  int best_idle = usable_cores % 5;
  for (int cores = 4; cores >= 3; --cores) {
    int idle = usable_cores % cores;
    if (idle < best_idle) {
      best = cores;
      best_idle = idle;
    }
  }
  return best;
}

int default_executor_cores_for_node(int usable_cores, std::int64_t yarn_memory_mib, double overhead_factor) {
  // Among 5, 4 and 3 cores: keep the heap below 32 GiB (compressed oops) when any choice can,
  // then leave the fewest cores idle, then prefer more cores per JVM.
  if (usable_cores <= 5) return std::max(1, usable_cores);
  int best = 0;
  bool best_small_heap = false;
  int best_idle = 0;
  for (int cores = 5; cores >= 3; --cores) {
    int executors = usable_cores / cores;
    auto heap = static_cast<double>(yarn_memory_mib / executors) / (1.0 + overhead_factor);
    bool small_heap = heap < static_cast<double>(kCompressedOopsLimitMiB);
    int idle = usable_cores % cores;
    if (best == 0 || (small_heap && !best_small_heap) || (small_heap == best_small_heap && idle < best_idle)) {
      best = cores;
      best_small_heap = small_heap;
      best_idle = idle;
    }
  }
  return best;
}

Layout compute(const Node& node, int nodes, const Choices& choices) {
  Layout layout;
  layout.nodes = nodes;
  if (nodes < 1 || node.vcpus < 1 || node.yarn_memory_mib < 1 || choices.executor_cores < 0 || choices.task_cpus < 1 ||
      choices.overhead_factor < 0 || choices.overhead_factor >= 1 || choices.reserve_cores < 0 ||
      choices.num_executors < 0) {
    layout.problem = Problem::bad_choice;
    return layout;
  }
  const std::int64_t max_allocation =
      node.yarn_max_allocation_mib > 0 ? node.yarn_max_allocation_mib : node.yarn_memory_mib;
  const std::int64_t step = std::max<std::int64_t>(1, node.yarn_min_allocation_mib);
  const int yarn_vcores = node.yarn_vcores > 0 ? node.yarn_vcores : node.vcpus;

  layout.usable_cores_per_node = std::max(1, node.vcpus - choices.reserve_cores);
  layout.cores_chosen = choices.executor_cores == 0;
  layout.executor_cores = choices.executor_cores;
  if (layout.cores_chosen) {
    layout.executor_cores = choices.heap_mib == 0
                                ? default_executor_cores_for_node(layout.usable_cores_per_node, node.yarn_memory_mib,
                                                                  choices.overhead_factor)
                                : default_executor_cores(layout.usable_cores_per_node);
  }
  layout.policy_executors_per_node = std::max(1, layout.usable_cores_per_node / layout.executor_cores);
  layout.offheap_mib = choices.offheap_mib;
  layout.pyspark_mib = choices.pyspark_mib;
  const std::int64_t extras = choices.offheap_mib + choices.pyspark_mib;

  if (choices.heap_mib == 0) {
    // Fill the node: split YARN's memory between the executors the cores allow, then take the
    // largest container that still fits after YARN's rounding.
    layout.heap_chosen = true;
    layout.container_target_mib = node.yarn_memory_mib / layout.policy_executors_per_node;
    layout.container_mib = floor_to(std::min(layout.container_target_mib, max_allocation), step);
    std::int64_t available = layout.container_mib - extras;
    if (choices.overhead_mib > 0) {
      layout.overhead_mib = choices.overhead_mib;
      layout.heap_mib = available - choices.overhead_mib;
      if (layout.heap_mib <= 0) {
        layout.problem = Problem::overhead_too_small;
        return layout;
      }
    } else if (choices.convention == job::HeapConvention::subtract) {
      layout.heap_mib =
          static_cast<std::int64_t>(std::floor(static_cast<double>(available) * (1.0 - choices.overhead_factor)));
      layout.overhead_mib = available - layout.heap_mib;  // set explicitly so the container is exact
    } else {
      layout.heap_mib = largest_heap_dividing(available, choices.overhead_factor);
      layout.overhead_mib = default_overhead_mib(layout.heap_mib, choices.overhead_factor);
    }
  } else {
    layout.heap_mib = choices.heap_mib;
    layout.overhead_mib = choices.overhead_mib > 0 ? choices.overhead_mib
                                                   : default_overhead_mib(choices.heap_mib, choices.overhead_factor);
  }
  layout.container_request_mib = layout.heap_mib + layout.overhead_mib + extras;
  if (!layout.heap_chosen) layout.container_mib = round_up(layout.container_request_mib, step);
  layout.regions = memory_regions(layout.heap_mib, layout.executor_cores / choices.task_cpus, choices.gc,
                                  choices.memory_fraction, choices.storage_fraction);

  if (layout.heap_mib < kMinHeapMiB) {
    layout.problem = Problem::heap_below_floor;
    return layout;
  }
  if (layout.container_mib > max_allocation) {
    layout.problem = Problem::container_above_max_allocation;
    return layout;
  }
  if (layout.container_mib > node.yarn_memory_mib) {
    layout.problem = Problem::container_above_node_memory;
    return layout;
  }
  const bool dominant = choices.calculator == job::ResourceCalculator::dominant;
  // What the scheduler places by: the cores a container asks for, which on Kubernetes may differ
  // from the task threads it runs.
  const double request_cores = choices.request_cores > 0 ? choices.request_cores : layout.executor_cores;
  if (dominant && request_cores > yarn_vcores) {
    layout.problem = Problem::cores_above_node_vcores;
    return layout;
  }

  // What YARN can place on one empty node, and on the node that also hosts the AM.
  // (The epsilon keeps 3.6 / 1.2 at 3 in binary floating point; whole requests divide exactly.)
  auto placeable = [&](std::int64_t memory, double vcores) {
    auto by_memory = static_cast<int>(std::max<std::int64_t>(0, memory) / layout.container_mib);
    return dominant ? std::min(by_memory, static_cast<int>(std::max(0.0, vcores) / request_cores + 1e-9)) : by_memory;
  };
  if (choices.deploy_mode == job::DeployMode::cluster) {
    const std::int64_t driver_overhead = choices.driver_overhead_mib > 0
                                             ? choices.driver_overhead_mib
                                             : default_overhead_mib(choices.driver_heap_mib, choices.overhead_factor);
    layout.am_container_mib = round_up(choices.driver_heap_mib + driver_overhead, step);
  } else {
    layout.am_container_mib = round_up(kClientAmMemoryMiB + kMinOverheadMiB, step);
  }
  const double driver_request = choices.driver_request_cores > 0 ? choices.driver_request_cores : choices.driver_cores;
  const double am_cores = choices.deploy_mode == job::DeployMode::cluster ? driver_request : 1;
  layout.yarn_executors_per_node = placeable(node.yarn_memory_mib, yarn_vcores);
  const int yarn_on_am_node = placeable(node.yarn_memory_mib - layout.am_container_mib, yarn_vcores - am_cores);
  if (layout.am_container_mib > node.yarn_memory_mib) {
    layout.problem = Problem::no_executor_fits;
    return layout;
  }

  layout.requested_executors = choices.num_executors;
  if (choices.num_executors > 0) {
    // Spark asks for exactly this many; YARN places them wherever memory allows.
    layout.capacity_executors = (nodes - 1) * layout.yarn_executors_per_node + yarn_on_am_node;
    layout.num_executors = std::min(choices.num_executors, layout.capacity_executors);
    layout.executors_per_node = std::min(layout.yarn_executors_per_node, (layout.num_executors + nodes - 1) / nodes);
    layout.executors_on_am_node = std::min(layout.executors_per_node, yarn_on_am_node);
  } else {
    layout.executors_per_node = std::min(layout.yarn_executors_per_node, layout.policy_executors_per_node);
    layout.executors_on_am_node = std::min(layout.executors_per_node, yarn_on_am_node);
    layout.capacity_executors = (nodes - 1) * layout.executors_per_node + layout.executors_on_am_node;
    layout.num_executors = layout.capacity_executors;
  }
  if (layout.num_executors <= 0) {
    layout.problem = Problem::no_executor_fits;
    return layout;
  }
  layout.task_slots = layout.num_executors * (layout.executor_cores / choices.task_cpus);
  const int used_cores = layout.executors_per_node * layout.executor_cores;
  layout.idle_cores_per_node = std::max(0, node.vcpus - used_cores);
  layout.oversubscribed_cores_per_node = std::max(0, used_cores - node.vcpus);
  layout.idle_memory_mib_per_node =
      node.yarn_memory_mib - static_cast<std::int64_t>(layout.executors_per_node) * layout.container_mib;
  return layout;
}

std::int64_t driver_heap_needed_mib(std::int64_t max_result_mib, std::int64_t broadcast_mib) {
  const std::int64_t needed = kReservedMiB + max_result_mib + 2 * broadcast_mib;
  return round_up(std::max(needed, kDefaultDriverMiB), 1024);
}

Choices keeping_compressed_oops(const Node& node, int nodes, Choices choices) {
  if (choices.heap_mib != 0) return choices;
  const Layout fill = compute(node, nodes, choices);
  if (fill.problem == Problem::none && fill.heap_mib >= kCompressedOopsLimitMiB &&
      fill.heap_mib < kCompressedOopsBreakEvenMiB)
    choices.heap_mib = kCompressedOopsHeapMiB;
  return choices;
}

}  // namespace sparkfit::layout
