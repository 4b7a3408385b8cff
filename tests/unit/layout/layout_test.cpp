#include <doctest/doctest.h>

#include <random>

#include "sparkfit/layout/input_splits.hpp"
#include "sparkfit/layout/layout.hpp"
#include "sparkfit/units/units.hpp"

using namespace sparkfit;
using layout::Choices;
using layout::GarbageCollector;
using layout::Node;
using layout::Problem;

namespace {
Node emr_node(int vcpus, std::int64_t yarn_mib) { return Node{vcpus, vcpus, yarn_mib, yarn_mib, 32}; }
constexpr std::int64_t kMiB = units::kMiB;
}  // namespace

TEST_SUITE("layout") {
  TEST_CASE("r4.8xlarge with 4 cores per executor: 8 containers of 30208 MB, heap 24544 MB, 79 executors on 10 nodes") {
    // EMR best-practices guide worked check (docs/domain.md#emr-worked-checks), x (1 - f) convention, no reserved core.
    Choices choices;
    choices.executor_cores = 4;
    choices.reserve_cores = 0;
    choices.overhead_factor = 0.1875;
    choices.convention = job::HeapConvention::subtract;
    layout::Layout l = layout::compute(emr_node(32, 241664), 10, choices);
    REQUIRE(l.problem == Problem::none);
    CHECK(l.executors_per_node == 8);
    CHECK(l.container_mib == 30208);
    CHECK(l.heap_mib == 24544);
    CHECK(l.overhead_mib == 30208 - 24544);
    CHECK(l.capacity_executors == 79);  // the AM displaces one of the 80
    CHECK(l.num_executors == 79);
    CHECK(l.idle_memory_mib_per_node == 0);
  }

  TEST_CASE("m5.4xlarge with heap 20000M and 12000M plus 10%: 2 and 4 executors per node, 76.8% and 92.2% of YARN") {
    Choices choices;
    choices.executor_cores = 4;
    choices.overhead_factor = 0.10;
    choices.heap_mib = 20000;
    layout::Layout big = layout::compute(emr_node(16, 57344), 1, choices);
    CHECK(big.container_mib == 22016);  // 22000 rounded up to EMR's 32 MiB step
    CHECK(big.yarn_executors_per_node == 2);
    CHECK(100.0 * 2 * static_cast<double>(big.container_mib) / 57344 == doctest::Approx(76.8).epsilon(0.001));
    choices.heap_mib = 12000;
    layout::Layout small = layout::compute(emr_node(16, 57344), 1, choices);
    CHECK(small.container_mib == 13216);
    CHECK(small.yarn_executors_per_node == 4);
    CHECK(100.0 * 4 * static_cast<double>(small.container_mib) / 57344 == doctest::Approx(92.2).epsilon(0.001));
    // The guide ignores YARN's rounding: with a 1 MiB step the figures are its 76.7% and 92.1%.
    Node unrounded = emr_node(16, 57344);
    unrounded.yarn_min_allocation_mib = 1;
    CHECK(100.0 * 4 * static_cast<double>(layout::compute(unrounded, 1, choices).container_mib) / 57344 ==
          doctest::Approx(92.08).epsilon(0.001));
  }

  TEST_CASE("m5.4xlarge filled with 5-core executors: 19104 MiB containers, the largest heap that fits") {
    Choices choices;
    choices.executor_cores = 5;
    choices.overhead_factor = 0.1875;
    layout::Layout l = layout::compute(emr_node(16, 57344), 6, choices);
    REQUIRE(l.problem == Problem::none);
    CHECK(l.policy_executors_per_node == 3);  // 16 vCPU - 1 reserved = 15, / 5
    CHECK(l.container_target_mib == 19114);   // 57344 / 3
    CHECK(l.container_mib == 19104);          // down to YARN's 32 MiB step
    CHECK(l.heap_mib == 16088);               // 16088 + floor(0.1875 x 16088) = 19104 exactly
    CHECK(l.overhead_mib == 3016);
    CHECK(l.container_request_mib == 19104);
    CHECK(l.num_executors == 17);
    CHECK(l.idle_cores_per_node == 1);
    CHECK(l.idle_memory_mib_per_node == 32);
  }

  TEST_CASE("the classic 6 x 16 cores x 64 GiB cluster holds 17 executors of 5 cores") {
    // 1 core and 1 GiB reserved per node: 15 cores, 63 GiB of YARN memory, Hadoop's 1024 MiB step.
    Node node{16, 15, 63 * 1024, 63 * 1024, 1024};
    Choices choices;
    choices.executor_cores = 5;
    layout::Layout l = layout::compute(node, 6, choices);
    CHECK(l.container_mib == 21504);
    CHECK(l.heap_mib == 19549);  // the classic answer rounds this to 19G
    CHECK(l.num_executors == 17);
    // The proposal that does not fit: 15 cores and a 63G heap per executor.
    choices.executor_cores = 15;
    choices.heap_mib = 63 * 1024;
    choices.num_executors = 6;
    CHECK(layout::compute(node, 6, choices).problem == Problem::container_above_max_allocation);
  }

  TEST_CASE("a 1 GiB heap gives 434 MiB unified under G1 and 366 MiB under Parallel GC") {
    layout::MemoryRegions g1 = layout::memory_regions(1024, 1, GarbageCollector::g1, 0.6, 0.5);
    CHECK(g1.unified_bytes == 455501414);  // (1024 - 300) MiB x 0.6 = 434.4 MiB
    layout::MemoryRegions parallel = layout::memory_regions(1024, 1, GarbageCollector::parallel, 0.6, 0.5);
    CHECK(parallel.max_memory_bytes == static_cast<std::int64_t>(910.5 * kMiB));
    CHECK(static_cast<double>(parallel.unified_bytes) / static_cast<double>(kMiB) ==
          doctest::Approx(366.3).epsilon(0.001));
    CHECK(layout::jvm_max_memory_bytes(512, GarbageCollector::parallel) == static_cast<std::int64_t>(455.5 * kMiB));
  }

  TEST_CASE("memory per task shrinks as cores per executor grow") {
    layout::MemoryRegions four = layout::memory_regions(16384, 4, GarbageCollector::g1, 0.6, 0.5);
    CHECK(four.execution_per_task_max_bytes == four.unified_bytes / 4);
    CHECK(four.execution_per_task_min_bytes == four.unified_bytes / 8);
  }

  TEST_CASE("a heap below 450 MiB cannot start") {
    Choices choices;
    choices.executor_cores = 1;
    choices.heap_mib = 400;
    CHECK(layout::compute(emr_node(4, 12288), 1, choices).problem == Problem::heap_below_floor);
  }

  TEST_CASE("memory-only placement oversubscribes cores, and the dominant calculator refuses oversized executors") {
    Choices choices;
    choices.executor_cores = 5;
    choices.heap_mib = 4096;
    choices.overhead_factor = 0.1875;
    choices.num_executors = 30;
    layout::Layout l = layout::compute(emr_node(16, 57344), 3, choices);
    CHECK(l.yarn_executors_per_node == 11);  // 57344 / (4096 + 768 -> 4864)
    CHECK(l.executors_per_node == 10);
    CHECK(l.oversubscribed_cores_per_node == 34);
    choices.calculator = job::ResourceCalculator::dominant;
    layout::Layout dominant = layout::compute(emr_node(16, 57344), 3, choices);
    CHECK(dominant.yarn_executors_per_node == 3);
    CHECK(dominant.oversubscribed_cores_per_node == 0);
    choices.executor_cores = 20;
    CHECK(layout::compute(emr_node(16, 57344), 3, choices).problem == Problem::cores_above_node_vcores);
  }

  TEST_CASE("more executors requested than the cluster holds: only what fits starts") {
    Choices choices;
    choices.executor_cores = 5;
    choices.heap_mib = 16088;
    choices.overhead_factor = 0.1875;
    choices.num_executors = 50;
    layout::Layout l = layout::compute(emr_node(16, 57344), 6, choices);
    CHECK(l.capacity_executors == 17);
    CHECK(l.num_executors == 17);
  }

  TEST_CASE("client mode puts a small AM on one node") {
    Choices choices;
    choices.executor_cores = 5;
    choices.deploy_mode = job::DeployMode::client;
    layout::Layout l = layout::compute(emr_node(16, 57344), 2, choices);
    CHECK(l.am_container_mib == 896);  // 512 MiB + 384 MiB overhead
  }

  TEST_CASE("default executor cores leave the fewest usable cores idle") {
    CHECK(layout::default_executor_cores(15) == 5);
    CHECK(layout::default_executor_cores(31) == 5);
    CHECK(layout::default_executor_cores(7) == 3);
    CHECK(layout::default_executor_cores(3) == 3);
    CHECK(layout::default_executor_cores(63) == 3);
  }

  TEST_CASE("filling a memory-rich node picks cores that keep the heap below 32 GiB") {
    // r5.4xlarge: 5 cores would make three 34 GiB heaps; 3 cores make five heaps of ~20 GiB.
    CHECK(layout::default_executor_cores_for_node(15, 122880, 0.1875) == 3);
    CHECK(layout::default_executor_cores_for_node(15, 57344, 0.1875) == 5);  // m5.4xlarge keeps 5
    Choices choices;
    choices.overhead_factor = 0.1875;
    layout::Layout l = layout::compute(emr_node(16, 122880), 10, choices);
    CHECK(l.executor_cores == 3);
    CHECK(l.heap_mib < 32 * 1024);
  }
}

TEST_SUITE("splits") {
  TEST_CASE("one 352.3 MB CSV on 16 cores gives 16 input partitions, and ten give 30") {
    // EMR best-practices guide check (docs/domain.md#input-splits): Spark's defaults, 16 cores.
    layout::splits::Settings settings;
    settings.min_partition_num = 16;
    std::int64_t size = units::parse_data_size("352.3MB");
    layout::splits::Plan one = layout::splits::plan({size}, true, settings);
    CHECK(one.partitions == 16);
    CHECK(static_cast<double>(one.max_split_bytes) / static_cast<double>(kMiB) == doctest::Approx(22.27).epsilon(0.01));
    layout::splits::Plan ten = layout::splits::plan(std::vector<std::int64_t>(10, size), true, settings);
    CHECK(ten.partitions == 30);
    CHECK(ten.max_split_bytes == 128 * kMiB);
    CHECK(static_cast<double>(ten.total_bytes) / static_cast<double>(ten.partitions * kMiB) ==
          doctest::Approx(117.4).epsilon(0.01));
  }

  TEST_CASE("the uniform shortcut agrees with Spark's packing") {
    std::mt19937_64 random(7);
    for (int i = 0; i < 300; ++i) {
      std::int64_t files = 1 + static_cast<std::int64_t>(random() % 400);
      std::int64_t size = static_cast<std::int64_t>(random() % (600 * kMiB));
      bool splittable = random() % 4 != 0;
      layout::splits::Settings settings;
      settings.min_partition_num = 2 + static_cast<std::int64_t>(random() % 200);
      layout::splits::Plan slow =
          layout::splits::plan(std::vector<std::int64_t>(static_cast<std::size_t>(files), size), splittable, settings);
      layout::splits::Plan fast = layout::splits::plan_uniform(files, size, splittable, settings);
      INFO("files=" << files << " size=" << size << " splittable=" << splittable);
      CHECK(fast.partitions == slow.partitions);
      CHECK(fast.max_split_bytes == slow.max_split_bytes);
      CHECK(fast.largest_partition_bytes == slow.largest_partition_bytes);
    }
  }

  TEST_CASE("a gzip file is one task however large") {
    layout::splits::Settings settings;
    settings.min_partition_num = 16;
    CHECK(layout::splits::plan({10 * units::kGiB}, false, settings).partitions == 1);
  }

  TEST_CASE("every layout problem reads as a sentence for people, apart from its code") {
    for (Problem problem : {Problem::heap_below_floor, Problem::overhead_too_small,
                            Problem::container_above_max_allocation, Problem::container_above_node_memory,
                            Problem::cores_above_node_vcores, Problem::no_executor_fits, Problem::bad_choice}) {
      CAPTURE(layout::to_string(problem));
      CHECK(layout::describe(problem).find(' ') != std::string_view::npos);
      CHECK(layout::describe(problem) != layout::to_string(problem));
    }
    CHECK(layout::describe(Problem::container_above_max_allocation) ==
          "the executor container is larger than the largest container the scheduler grants (YARN's maximum "
          "allocation, a pod's allocatable node memory)");
  }
}
