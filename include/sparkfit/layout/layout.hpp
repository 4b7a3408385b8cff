// The executor layout engine: what a YARN node holds for a set of choices, to the MiB.
//
// Everything here is exact integer arithmetic as Spark and YARN do it (ResourceProfile,
// UnifiedMemoryManager, YARN's minimum-allocation rounding). compute() allocates nothing and
// throws nothing, because the model evaluates millions of layouts; problems come back as a code.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "sparkfit/job/job.hpp"

namespace sparkfit::layout {

// The executors' collector decides what Runtime.maxMemory reports, which Spark's memory
// manager sizes from: the whole heap under G1, the heap minus one survivor space under
// Parallel GC (EMR's default on Java 8).
enum class GarbageCollector { g1, parallel };
std::string_view to_string(GarbageCollector gc);

inline constexpr std::int64_t kReservedMiB = 300;                   // UnifiedMemoryManager.RESERVED_SYSTEM_MEMORY_BYTES
inline constexpr std::int64_t kMinHeapMiB = 450;                    // 1.5 x reserved: below it Spark refuses to start
inline constexpr std::int64_t kMinOverheadMiB = 384;                // ResourceProfile MEMORY_OVERHEAD_MIN_MIB
inline constexpr std::int64_t kClientAmMemoryMiB = 512;             // spark.yarn.am.memory
inline constexpr std::int64_t kDefaultDriverMiB = 1024;             // spark.driver.memory
inline constexpr std::int64_t kCompressedOopsLimitMiB = 32 * 1024;  // JVM loses compressed oops at 32 GiB

// A worker node as YARN sees it.
struct Node {
  int vcpus = 0;                     // the instance's vCPUs
  int yarn_vcores = 0;               // yarn.nodemanager.resource.cpu-vcores
  std::int64_t yarn_memory_mib = 0;  // yarn.nodemanager.resource.memory-mb
  std::int64_t yarn_max_allocation_mib = 0;
  std::int64_t yarn_min_allocation_mib = 1;
};

struct Choices {
  int executor_cores = 0;         // 0: sparkfit's default policy (default_executor_cores)
  std::int64_t heap_mib = 0;      // 0: fill the node's YARN memory
  std::int64_t overhead_mib = 0;  // 0: max(factor x heap, 384) as Spark computes it
  double overhead_factor = 0.10;
  job::HeapConvention convention = job::HeapConvention::divide;
  std::int64_t offheap_mib = 0;  // spark.memory.offHeap.size when enabled
  std::int64_t pyspark_mib = 0;  // spark.executor.pyspark.memory
  int num_executors = 0;         // 0: as many as the sizing policy places
  int reserve_cores = 1;         // cores per node kept for the OS and daemons (policy)
  // Cores a container asks the scheduler for when that is not its task threads: on Kubernetes
  // spark.kubernetes.executor.request.cores, which may be a fraction ("3500m"); 0: executor_cores.
  double request_cores = 0;
  job::DeployMode deploy_mode = job::DeployMode::cluster;
  std::int64_t driver_heap_mib = kDefaultDriverMiB;
  std::int64_t driver_overhead_mib = 0;  // spark.driver.memoryOverhead; 0: max(factor x heap, 384)
  int driver_cores = 1;
  std::int64_t max_result_size_mib = 0;  // spark.driver.maxResultSize when raised; 0: Spark's 1g, not set
  double driver_request_cores = 0;       // the driver pod's request when not driver_cores; 0: driver_cores
  job::ResourceCalculator calculator = job::ResourceCalculator::memory;
  GarbageCollector gc = GarbageCollector::g1;
  int task_cpus = 1;              // spark.task.cpus
  double memory_fraction = 0.6;   // spark.memory.fraction
  double storage_fraction = 0.5;  // spark.memory.storageFraction
};

enum class Problem {
  none,
  heap_below_floor,                // heap < 450 MiB: Spark refuses to start
  overhead_too_small,              // explicit overhead leaves the fill with no heap
  container_above_max_allocation,  // YARN rejects the request
  container_above_node_memory,     // no node can host one executor
  cores_above_node_vcores,         // dominant calculator: an executor asks for more vcores than a node has
  no_executor_fits,                // the AM/driver leaves no room at all
  bad_choice,                      // a non-positive count or factor out of range
};
std::string_view to_string(Problem problem);
// The problem as a sentence for people ("the executor container is larger than ..."); JSON keeps
// the code of to_string.
std::string_view describe(Problem problem);

// Spark's memory regions inside one executor heap (bytes, as Spark computes them).
struct MemoryRegions {
  std::int64_t heap_bytes = 0;
  std::int64_t max_memory_bytes = 0;         // Runtime.maxMemory
  std::int64_t reserved_bytes = 0;           // 300 MiB
  std::int64_t usable_bytes = 0;             // maxMemory - reserved
  std::int64_t user_bytes = 0;               // usable x (1 - memory.fraction)
  std::int64_t unified_bytes = 0;            // usable x memory.fraction: execution + storage
  std::int64_t storage_protected_bytes = 0;  // unified x storageFraction, immune to eviction
  int concurrent_tasks = 0;
  std::int64_t execution_per_task_min_bytes = 0;  // unified / (2N): guaranteed
  std::int64_t execution_per_task_max_bytes = 0;  // unified / N: at most
};

MemoryRegions memory_regions(std::int64_t heap_mib, int concurrent_tasks, GarbageCollector gc, double memory_fraction,
                             double storage_fraction);

// Runtime.maxMemory for -Xmx<heap> under the collector (bytes).
std::int64_t jvm_max_memory_bytes(std::int64_t heap_mib, GarbageCollector gc);

struct Layout {
  Problem problem = Problem::none;
  bool heap_chosen = false;   // true when the engine filled the node (no heap given)
  bool cores_chosen = false;  // true when executor cores came from the default policy
  int nodes = 0;
  int executor_cores = 0;
  int usable_cores_per_node = 0;          // vcpus - reserve (policy)
  int policy_executors_per_node = 0;      // usable cores / executor cores
  std::int64_t container_target_mib = 0;  // when filling: YARN memory / executors, before rounding
  std::int64_t heap_mib = 0;
  std::int64_t overhead_mib = 0;
  std::int64_t offheap_mib = 0;
  std::int64_t pyspark_mib = 0;
  std::int64_t container_request_mib = 0;  // heap + overhead + off-heap + pyspark
  std::int64_t container_mib = 0;          // rounded up to YARN's minimum allocation
  int yarn_executors_per_node = 0;         // what YARN can place on an empty node
  int executors_per_node = 0;              // what this layout runs on a node without the AM
  std::int64_t am_container_mib = 0;       // the AM (cluster mode: the driver) container
  int executors_on_am_node = 0;
  int capacity_executors = 0;   // what the cluster holds after the AM
  int requested_executors = 0;  // --num-executors (0: not given)
  int num_executors = 0;        // executors that start
  int task_slots = 0;
  int idle_cores_per_node = 0;            // vCPUs no executor uses (the reserved ones included)
  int oversubscribed_cores_per_node = 0;  // executor cores beyond the node's vCPUs
  std::int64_t idle_memory_mib_per_node = 0;
  MemoryRegions regions;
};

// sparkfit's default cores per executor when none is given: 3 to 5 cores (the usual guidance
// for HDFS/S3 client throughput and GC), the count that leaves the fewest usable cores idle,
// preferring more cores on a tie; nodes with fewer usable cores get one executor with all.
int default_executor_cores(int usable_cores);

// The same when sparkfit also fills the node's memory: prefer the 3-5 core choice whose heap
// stays below 32 GiB, where the JVM keeps compressed object pointers.
int default_executor_cores_for_node(int usable_cores, std::int64_t yarn_memory_mib, double overhead_factor);

// The driver heap a job needs (docs/domain.md#driver-memory): the 300 MiB Spark reserves, one
// action's results up to spark.driver.maxResultSize, and each broadcast table twice (built, and in
// the serialised pieces TorrentBroadcast keeps); never below Spark's 1g default; in whole GiB.
std::int64_t driver_heap_needed_mib(std::int64_t max_result_mib, std::int64_t broadcast_mib);
inline constexpr std::int64_t kDefaultMaxResultMiB = 1024;  // spark.driver.maxResultSize

// Round up to a multiple of `step` (YARN's minimum allocation).
std::int64_t round_up(std::int64_t value, std::int64_t step);

// Overhead as Spark computes it for a heap: max(floor(factor x heap), 384).
std::int64_t default_overhead_mib(std::int64_t heap_mib, double factor);

// The exact layout. `nodes` >= 1.
Layout compute(const Node& node, int nodes, const Choices& choices);

// The heap a planner gives when filling the node would land at 32-48 GiB, where the JVM loses
// compressed object pointers and the heap holds less than a 31 GiB one (docs/domain.md#jvm).
inline constexpr std::int64_t kCompressedOopsHeapMiB = 31 * 1024;
inline constexpr std::int64_t kCompressedOopsBreakEvenMiB = 48 * 1024;

// `choices` with the heap held to kCompressedOopsHeapMiB when they leave it to fill the node and the
// fill lands between the limit and the break-even; otherwise unchanged.
Choices keeping_compressed_oops(const Node& node, int nodes, Choices choices);

}  // namespace sparkfit::layout
