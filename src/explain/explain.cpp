#include "sparkfit/explain/explain.hpp"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "sparkfit/layout/input_splits.hpp"
#include "sparkfit/util/json_writer.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/version.hpp"

namespace sparkfit::explain {
namespace {

using units::format_size;
using units::kMiB;

// Thresholds for the notes. Sources: docs/domain.md (tuning guide: 2-3 tasks per core, 4-5
// cores per executor, 100-200 MB per shuffle partition, compressed oops below 32 GiB, ~64 GB
// per executor ceiling). The wave and small-file limits are sparkfit's judgement, stated as such
// in the note text.
constexpr int kMaxHealthyExecutorCores = 5;
constexpr std::int64_t kLongWaveSequence = 10;
constexpr std::int64_t kSmallFileBytes = 32 * kMiB;          // a quarter of maxPartitionBytes
constexpr std::int64_t kTargetShufflePartitionBytes = 128 * kMiB;
constexpr std::int64_t kCompressedOopsHeapMiB = 32 * 1024;
constexpr std::int64_t kHeapCeilingMiB = 64 * 1024;
constexpr std::int64_t kDefaultShufflePartitions = 200;

std::string mib(std::int64_t value) { return std::to_string(value) + " MiB"; }

std::string plural(std::int64_t count, const std::string& word) {
  return std::to_string(count) + " " + word + (count == 1 ? "" : "s");
}

std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }

using rules::Severity;

void add_note(Explanation& e, const char* id, Severity severity, std::string text) {
  e.notes.push_back(rules::note(id, severity, std::move(text)));
}

void fill_stage_waves(Stage& stage, int slots) {
  if (slots <= 0 || stage.tasks <= 0) return;
  stage.waves = ceil_div(stage.tasks, slots);
  stage.last_wave_tasks = stage.tasks - (stage.waves - 1) * slots;
}

void add_layout_notes(Explanation& e) {
  const layout::Layout& l = e.layout;
  const auto& cluster = *e.request.cluster;
  switch (l.problem) {
    case layout::Problem::none: break;
    case layout::Problem::heap_below_floor:
      add_note(e, "heap-below-floor", Severity::warning,
               "executor heap " + mib(l.heap_mib) + " is below Spark's floor of 450 MiB (1.5 x the 300 MiB "
               "reserved): executors refuse to start");
      return;
    case layout::Problem::overhead_too_small:
      add_note(e, "overhead-leaves-no-heap", Severity::warning,
               "the memory overhead " + mib(l.overhead_mib) + " leaves no heap in a " + mib(l.container_mib) +
                   " container");
      return;
    case layout::Problem::container_above_max_allocation:
      add_note(e, "container-above-max-allocation", Severity::warning,
               "container " + mib(l.container_mib) + " (heap " + mib(l.heap_mib) + " + overhead " +
                   mib(l.overhead_mib) + ") is above YARN's maximum allocation of " +
                   mib(cluster.node.yarn_max_allocation_mib) + ": YARN rejects the request and no executor starts");
      return;
    case layout::Problem::container_above_node_memory:
      add_note(e, "container-above-node-memory", Severity::warning,
               "container " + mib(l.container_mib) + " is larger than a node's YARN memory (" +
                   mib(cluster.node.yarn_memory_mib) + "): no executor can be placed");
      return;
    case layout::Problem::cores_above_node_vcores:
      add_note(e, "cores-above-node", Severity::warning,
               std::to_string(l.executor_cores) + " cores per executor exceed the node's " +
                   std::to_string(cluster.node.yarn_vcores) +
                   " YARN vcores and the dominant resource calculator enforces vcores: no executor starts");
      return;
    case layout::Problem::no_executor_fits:
      add_note(e, "no-executor-fits", Severity::warning,
               "the AM/driver container (" + mib(l.am_container_mib) + ") leaves no room for an executor");
      return;
    case layout::Problem::bad_choice:
      add_note(e, "bad-choice", Severity::warning, "the layout choices are out of range");
      return;
  }
  if (l.requested_executors > l.capacity_executors) {
    add_note(e, "more-executors-than-fit", Severity::warning,
             "asked for " + std::to_string(l.requested_executors) + " executors; the cluster holds " +
                 std::to_string(l.capacity_executors) + " containers of " + mib(l.container_mib) +
                 " after the AM, so only " + std::to_string(l.num_executors) + " start");
  }
  if (l.oversubscribed_cores_per_node > 0) {
    add_note(e, "cores-oversubscribed", Severity::warning,
             std::to_string(l.executors_per_node) + " executors x " + std::to_string(l.executor_cores) +
                 " cores = " + std::to_string(l.executors_per_node * l.executor_cores) + " task threads on " +
                 std::to_string(cluster.node.vcpus) +
                 " vCPUs: YARN's memory-only placement (EMR's and Hadoop's default) does not enforce vcores, "
                 "so tasks share cores and each runs slower");
  }
  if (l.executor_cores > kMaxHealthyExecutorCores) {
    add_note(e, "fat-executor", Severity::warning,
             "one executor JVM runs " + std::to_string(l.executor_cores) + " tasks at once: a " +
                 mib(l.heap_mib) + " heap whose GC pauses stop all of them, HDFS/S3 client throughput that "
                 "degrades past 4-5 concurrent readers per JVM, and " +
                 format_size(l.regions.execution_per_task_max_bytes) +
                 " of execution memory per task at most; 4-5 cores per executor is the usual guidance");
  }
  if (l.executor_cores == 1) {
    add_note(e, "single-core-executor", Severity::info,
             "1-core executors share nothing: every broadcast table and cached block is held once per "
             "core, and each JVM pays its own overhead");
  }
  if (l.heap_mib > kHeapCeilingMiB) {
    add_note(e, "huge-heap", Severity::warning,
             "heap " + mib(l.heap_mib) + " is above ~64 GiB, where GC pauses grow long; prefer more, smaller executors");
  } else if (l.heap_mib >= kCompressedOopsHeapMiB) {
    add_note(e, "compressed-oops-lost", Severity::warning,
             "heap " + mib(l.heap_mib) + " is at or above 32 GiB: the JVM loses compressed object pointers, "
             "so a heap up to ~48 GiB holds less than a 31 GiB one");
  }
  if (e.request.job.language == job::Language::python && l.pyspark_mib == 0) {
    add_note(e, "pyspark-in-overhead", Severity::info,
             "a Python job: each task's Python worker lives outside the JVM heap, in the " + mib(l.overhead_mib) +
                 " overhead, unless spark.executor.pyspark.memory is set; Python UDFs over wide rows need more "
                 "overhead or their own pyspark memory, or YARN kills the container for exceeding it");
  }
  int unused_cores = l.idle_cores_per_node - cluster.reserve_cores;
  if (unused_cores > 0 && l.requested_executors == 0) {
    add_note(e, "idle-cores", Severity::info,
             std::to_string(unused_cores) + " vCPU per node beyond the " + std::to_string(cluster.reserve_cores) +
                 " reserved run no executor");
  }
  if (l.container_mib > 0 && l.idle_memory_mib_per_node >= l.container_mib / 4 && l.requested_executors == 0) {
    add_note(e, "idle-memory", Severity::info,
             mib(l.idle_memory_mib_per_node) + " of YARN memory per node is left unused by the executors");
  }
}

void add_parallelism_notes(Explanation& e) {
  if (e.stages.empty() || e.task_slots <= 0) return;
  const Stage& focus = e.stages[e.focus];
  const std::int64_t slots = e.task_slots;
  if (focus.tasks < slots) {
    add_note(e, "fewer-tasks-than-slots", Severity::warning,
             focus.name + " has " + plural(focus.tasks, "task") + " for " + std::to_string(slots) +
                 " slots: " + std::to_string(slots - focus.tasks) +
                 " cores sit idle for the whole stage; raise the partition count to at least " +
                 std::to_string(slots) + " (2-3 per core is the tuning guide's advice)");
  } else if (focus.waves >= kLongWaveSequence) {
    std::string per_task = focus.bytes_per_task ? ", each task reading " + format_size(*focus.bytes_per_task) : "";
    add_note(e, "long-wave-sequence", Severity::info,
             std::to_string(slots) + " tasks run in parallel; " + plural(focus.tasks, "partition") +
                 " make " + plural(focus.waves, "wave") + " of " + std::to_string(slots) + " tasks" + per_task +
                 ". The stage runs as a long sequence of waves and lasts about " + std::to_string(focus.waves) +
                 " task-times: more executors or cores shorten it (twice the slots, half the waves); more "
                 "partitions do not, they only make more, smaller tasks (a threshold of " +
                 std::to_string(kLongWaveSequence) + " waves is sparkfit's judgement)");
  } else if (focus.waves > 1 && focus.last_wave_tasks * 2 < slots) {
    add_note(e, "idle-tail", Severity::info,
             "the last of " + std::to_string(focus.waves) + " waves runs " + std::to_string(focus.last_wave_tasks) +
                 " tasks on " + std::to_string(slots) + " slots: " + std::to_string(slots - focus.last_wave_tasks) +
                 " cores idle while it finishes; a partition count that is a multiple of " +
                 std::to_string(slots) + " avoids the tail");
  }
  for (const Stage& stage : e.stages) {
    if (stage.kind != "shuffle") continue;
    if (!e.request.shuffle_partitions) {
      std::string text = "spark.sql.shuffle.partitions is left at its default of 200";
      if (stage.total_bytes) {
        std::int64_t per = *stage.total_bytes / kDefaultShufflePartitions;
        std::int64_t suggested = std::max<std::int64_t>(1, ceil_div(*stage.total_bytes, kTargetShufflePartitionBytes));
        text += ": " + format_size(*stage.total_bytes) + " of shuffle makes " + format_size(per) +
                " per partition against the usual 100-200 MB target; about " + std::to_string(suggested) +
                " partitions would give 128 MiB each";
      } else {
        text += ", whatever the shuffle size; AQE (Spark 3.2+) coalesces small partitions but never splits large ones";
      }
      add_note(e, "shuffle-partitions-default", Severity::warning, text);
    }
  }
}

void add_input_notes(Explanation& e) {
  if (!e.request.has_input) return;
  const job::Input& input = e.request.job.input;
  std::int64_t files = input.file_count();
  if (files <= 0) return;
  std::int64_t average = input.size_bytes / files;
  if (average < kSmallFileBytes && files > 1) {
    add_note(e, "small-files", Severity::warning,
             std::to_string(files) + " files averaging " + format_size(average) +
                 ": every file costs an S3/HDFS open and 4 MiB of spark.sql.files.openCostInBytes in the split "
                 "arithmetic, so tasks spend their time opening files; compact to 128 MiB-1 GiB files (below " +
                 format_size(kSmallFileBytes) + " is sparkfit's threshold)");
  }
  if (!input.splittable()) {
    add_note(e, "unsplittable-input", Severity::warning,
             std::string(job::to_string(input.file_format)) + " compressed with " + input.compression +
                 " cannot be split: each file is one task however large");
  }
}

}  // namespace

Explanation build(const Request& request) {
  Explanation e;
  e.request = request;
  const layout::Choices& choices = request.choices;
  if (request.cluster) {
    e.has_layout = true;
    e.layout = layout::compute(request.cluster->node, request.cluster->nodes, choices);
    e.task_slots = e.layout.problem == layout::Problem::none ? e.layout.task_slots : 0;
    if (e.layout.heap_chosen)
      e.assumptions.push_back("executor memory not given: the container fills the node's YARN memory (" +
                              request.cluster->yarn_source + ")");
    if (e.layout.cores_chosen)
      e.assumptions.push_back("executor cores not given: " + std::to_string(e.layout.executor_cores) +
                              " by sparkfit's default (3-5 cores: heap below 32 GiB, then fewest idle)");
    if (choices.num_executors == 0)
      e.assumptions.push_back("number of executors not given: as many as the nodes hold");
    e.assumptions.push_back("memory overhead factor " + units::format_number(choices.overhead_factor) + ": " +
                            request.cluster->overhead_source);
    e.assumptions.push_back(std::string(choices.deploy_mode == job::DeployMode::cluster
                                            ? "cluster mode: the driver runs in the YARN AM container ("
                                            : "client mode: the YARN AM container (") +
                            mib(e.layout.am_container_mib) + ") on one node");
  } else {
    if (choices.num_executors <= 0 || choices.executor_cores <= 0)
      throw InputError(
          "explain needs a cluster (--instance and --nodes, --node-cores/--node-memory/--nodes, or a job spec "
          "with a platform) or at least --num-executors and --executor-cores");
    e.task_slots = choices.num_executors * (choices.executor_cores / choices.task_cpus);
    e.assumptions.push_back("no cluster given: only slots and waves are explained, not memory");
  }

  // The input stage: its tasks come from --partitions or from Spark's split rule.
  const job::Input& input = request.job.input;
  if (request.partitions || request.has_input) {
    Stage scan;
    scan.name = "stage 0 (scan)";
    scan.kind = "scan";
    if (request.partitions) {
      scan.tasks = *request.partitions;
      scan.tasks_reason = "--partitions";
    } else {
      layout::splits::Settings settings;
      int total_cores = e.task_slots * choices.task_cpus;
      settings.min_partition_num = std::max(total_cores, 2);
      std::int64_t files = input.file_count();
      layout::splits::Plan plan = layout::splits::plan_uniform(files, input.size_bytes / files, input.splittable(), settings);
      scan.tasks = plan.partitions;
      scan.tasks_reason = "Spark's split rule: " + plural(files, "file") + ", max split " +
                          format_size(plan.max_split_bytes) + " (maxPartitionBytes 128 MiB, default parallelism " +
                          std::to_string(settings.min_partition_num) + ")";
    }
    if (request.has_input) {
      scan.total_bytes = input.size_bytes;
      scan.bytes_per_task = input.size_bytes / std::max<std::int64_t>(1, scan.tasks);
    }
    fill_stage_waves(scan, e.task_slots);
    e.stages.push_back(scan);
  }
  // The shuffle stage that follows, when the job shuffles.
  std::optional<double> shuffle_ratio;
  for (const job::Stage& stage : request.job.stages)
    if (stage.shuffle_ratio > 0) shuffle_ratio = shuffle_ratio.value_or(0) + stage.shuffle_ratio;
  bool shuffles = request.shuffle_partitions || shuffle_ratio ||
                  (request.has_input && request.job.workload != job::Workload::etl);
  if (shuffles) {
    Stage shuffle;
    shuffle.name = "stage 1 (shuffle)";
    shuffle.kind = "shuffle";
    shuffle.tasks = request.shuffle_partitions.value_or(kDefaultShufflePartitions);
    shuffle.tasks_reason = request.shuffle_partitions ? "spark.sql.shuffle.partitions"
                                                      : "spark.sql.shuffle.partitions default 200";
    if (shuffle_ratio && request.has_input) {
      shuffle.total_bytes = static_cast<std::int64_t>(static_cast<double>(input.size_bytes) * *shuffle_ratio);
      shuffle.bytes_per_task = *shuffle.total_bytes / shuffle.tasks;
    }
    fill_stage_waves(shuffle, e.task_slots);
    e.stages.push_back(shuffle);
  }
  if (!request.partitions) {
    for (std::size_t i = 1; i < e.stages.size(); ++i)
      if (e.stages[i].tasks > e.stages[e.focus].tasks) e.focus = i;
  }
  if (e.has_layout) add_layout_notes(e);
  add_parallelism_notes(e);
  add_input_notes(e);
  return e;
}

namespace {

// A bar of `width` characters split into segments proportional to `sizes`.
std::string bar(const std::vector<std::pair<char, std::int64_t>>& segments, int width) {
  std::int64_t total = 0;
  for (const auto& segment : segments) total += segment.second;
  std::string out;
  if (total <= 0) return out;
  double carried = 0;
  for (const auto& [symbol, size] : segments) {
    double exact = static_cast<double>(size) * width / static_cast<double>(total) + carried;
    int count = static_cast<int>(std::floor(exact));
    if (size > 0 && count == 0) count = 1;  // every region stays visible
    carried = exact - count;
    out.append(static_cast<std::size_t>(std::max(0, count)), symbol);
  }
  return out;
}

std::string pad(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

std::string rpad(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}

std::string mib_of(std::int64_t bytes) {
  // Regions print in MiB with one decimal when they are not whole (Parallel GC's half MiBs).
  if (bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(1);
  out << static_cast<double>(bytes) / static_cast<double>(kMiB) << " MiB";
  return out.str();
}

void render_node(std::ostringstream& out, const Explanation& e) {
  const auto& cluster = *e.request.cluster;
  const layout::Layout& l = e.layout;
  std::string title = cluster.instance ? cluster.instance->name : std::string("node");
  out << "Each node: " << cluster.node.vcpus << " vCPU";
  if (cluster.instance) out << ", " << format_size(cluster.instance->memory_mib * kMiB) << " RAM";
  out << "; YARN gives containers " << mib(cluster.node.yarn_memory_mib) << " (max one container "
      << mib(cluster.node.yarn_max_allocation_mib) << ", in steps of "
      << mib(cluster.node.yarn_min_allocation_mib) << "; " << cluster.yarn_source << ")\n\n";
  if (l.problem != layout::Problem::none) return;

  const std::size_t width = 72;
  std::string head = "+-- " + title + " (x " + std::to_string(cluster.nodes) + " nodes) ";
  out << head << std::string(width > head.size() ? width - head.size() : 0, '-') << "+\n";
  auto line = [&](const std::string& text) { out << "| " << pad(text, width - 3) << "|\n"; };
  for (int i = 0; i < l.executors_per_node; ++i) {
    std::string slots;
    for (int s = 0; s < l.executor_cores; ++s) slots += "[T]";
    if (slots.size() > 40) slots = "[T] x " + std::to_string(l.executor_cores);
    line("executor JVM " + std::to_string(i + 1) + "  " + slots);
    if (i == 0) {
      std::string parts = "heap " + units::format_spark_memory(l.heap_mib) + " + overhead " + mib(l.overhead_mib);
      if (l.offheap_mib) parts += " + off-heap " + mib(l.offheap_mib);
      if (l.pyspark_mib) parts += " + pyspark " + mib(l.pyspark_mib);
      line("  container " + mib(l.container_mib) + " = " + parts);
    }
  }
  std::string idle = "idle: " + std::to_string(l.idle_cores_per_node) + " vCPU, " + mib(l.idle_memory_mib_per_node);
  if (l.oversubscribed_cores_per_node > 0)
    idle = "oversubscribed: " + std::to_string(l.oversubscribed_cores_per_node) + " task threads beyond the vCPUs";
  line(idle);
  out << "+" << std::string(width - 2, '-') << "+\n";
  out << "The AM";
  out << (e.request.choices.deploy_mode == job::DeployMode::cluster ? " (with the driver)" : "");
  out << " takes " << mib(l.am_container_mib) << " on one node, which then runs " << l.executors_on_am_node
      << " executor" << (l.executors_on_am_node == 1 ? "" : "s") << ".\n\n";

  const layout::MemoryRegions& r = l.regions;
  std::int64_t gc_hidden = r.heap_bytes - r.max_memory_bytes;
  out << "One executor container, to scale (" << mib(l.container_mib) << "):\n  ["
      << bar({{'R', r.reserved_bytes},
              {'U', r.user_bytes},
              {'S', r.storage_protected_bytes},
              {'E', r.unified_bytes - r.storage_protected_bytes},
              {'g', gc_hidden},
              {'O', (l.container_mib - l.heap_mib) * kMiB}},
             60)
      << "]\n";
  auto region = [&](char symbol, const std::string& name, std::int64_t bytes, const std::string& why) {
    out << "  " << symbol << " " << pad(name, 11) << rpad(mib_of(bytes), 12) << "  " << why << "\n";
  };
  region('R', "reserved", r.reserved_bytes, "Spark's fixed reservation");
  region('U', "user", r.user_bytes,
         "(usable x " + units::format_number(1 - e.request.choices.memory_fraction) +
             ") your objects, UDF state, Spark's internal metadata");
  region('S', "storage", r.storage_protected_bytes,
         "(unified x " + units::format_number(e.request.choices.storage_fraction) +
             ") cached blocks, safe from eviction");
  region('E', "execution", r.unified_bytes - r.storage_protected_bytes,
         "shuffles, joins, sorts, aggregations; borrows unused storage");
  if (gc_hidden > 0)
    region('g', "survivor", gc_hidden, "Parallel GC: Runtime.maxMemory leaves one survivor space out");
  region('O', "overhead", (l.container_mib - l.heap_mib) * kMiB,
         "off-heap: JVM metaspace, threads, netty buffers" + std::string(l.pyspark_mib ? ", Python workers" : ""));
  out << "  Per task: " << mib_of(r.execution_per_task_min_bytes) << " to " << mib_of(r.execution_per_task_max_bytes)
      << " of execution memory with " << r.concurrent_tasks << " tasks running (1/2N to 1/N of "
      << mib_of(r.unified_bytes) << " unified)\n\n";
}

}  // namespace

std::string render_text(const Explanation& e) {
  std::ostringstream out;
  const layout::Choices& choices = e.request.choices;
  if (e.has_layout) {
    const auto& cluster = *e.request.cluster;
    const layout::Layout& l = e.layout;
    out << "sparkfit explain: " << cluster.description << " on " << platform::to_string(cluster.platform);
    if (cluster.release) out << " (" << cluster.release->label << ", Spark " << cluster.release->spark_version << ")";
    out << "\n\n";
    render_node(out, e);
    if (l.problem == layout::Problem::none) {
      out << "Layout: " << l.num_executors << " executors (" << l.executors_per_node << " per node";
      if (l.executors_on_am_node != l.executors_per_node)
        out << ", " << l.executors_on_am_node << " on the AM's node";
      out << ") x " << l.executor_cores << " cores, --executor-memory " << units::format_spark_memory(l.heap_mib)
          << ", spark.executor.memoryOverhead " << units::format_spark_memory(l.overhead_mib) << "\n";
      if (l.heap_chosen) {
        out << "  " << mib(cluster.node.yarn_memory_mib) << " YARN / " << l.policy_executors_per_node
            << " executors = " << mib(l.container_target_mib) << ", down to YARN's "
            << mib(cluster.node.yarn_min_allocation_mib) << " step = " << mib(l.container_mib)
            << " per container\n  heap = largest h with h + ";
        if (choices.convention == job::HeapConvention::subtract)
          out << "overhead = container and h = container x (1 - " << units::format_number(choices.overhead_factor)
              << ")";
        else
          out << "max(" << units::format_number(choices.overhead_factor) << " h, 384) <= " << l.container_mib
              << " MiB (heap = container / (1 + f), Spark's own definition)";
        out << " -> " << mib(l.heap_mib) << "\n";
      }
      out << "\n";
    }
  }
  out << "Parallelism\n";
  if (e.has_layout && e.layout.problem != layout::Problem::none) {
    out << "  no executor starts, so no task runs\n";
  } else {
    int executors = e.has_layout ? e.layout.num_executors : choices.num_executors;
    int cores = e.has_layout ? e.layout.executor_cores : choices.executor_cores;
    out << "  task slots = " << executors << " executors x " << cores << " cores / " << choices.task_cpus
        << " (spark.task.cpus) = " << e.task_slots << " tasks run in parallel\n";
    if (!e.stages.empty()) {
      out << "  " << pad("stage", 20) << rpad("tasks", 8) << rpad("waves", 8) << rpad("bytes/task", 12)
          << "  how the tasks were counted\n";
      for (std::size_t i = 0; i < e.stages.size(); ++i) {
        const Stage& s = e.stages[i];
        out << (i == e.focus ? "* " : "  ") << pad(s.name, 20) << rpad(std::to_string(s.tasks), 8)
            << rpad(std::to_string(s.waves), 8)
            << rpad(s.bytes_per_task ? format_size(*s.bytes_per_task) : "?", 12) << "  " << s.tasks_reason << "\n";
      }
      const Stage& f = e.stages[e.focus];
      out << "  " << f.name << ": waves = ceil(" << f.tasks << " / " << e.task_slots << ") = " << f.waves;
      if (f.waves > 0 && f.last_wave_tasks != e.task_slots)
        out << " (the last runs " << f.last_wave_tasks << " of " << e.task_slots << " slots)";
      out << "\n";
    } else {
      out << "  (give --input or --partitions to see tasks and waves)\n";
    }
  }
  if (!e.notes.empty()) {
    out << "\nWhere performance suffers\n";
    for (const rules::Finding& note : e.notes)
      out << "  " << (note.severity == Severity::warning ? "warning" : "note") << ": " << note.message << " ["
          << note.id << "]\n";
  }
  if (!e.assumptions.empty()) {
    out << "\nAssumed\n";
    for (const std::string& assumption : e.assumptions) out << "  - " << assumption << "\n";
  }
  return out.str();
}

std::string render_json(const Explanation& e) {
  JsonWriter json;
  json.begin_object();
  json.field("schema_version", 1).field("sparkfit_version", std::string(kVersion));
  const layout::Layout& l = e.layout;
  if (e.has_layout) {
    const auto& cluster = *e.request.cluster;
    json.field("platform", std::string(platform::to_string(cluster.platform)));
    json.key("instance_type");
    if (cluster.instance) json.value(cluster.instance->name); else json.null();
    json.field("nodes", cluster.nodes);
    json.field("feasible", l.problem == layout::Problem::none);
    json.key("infeasible_reason");
    if (l.problem == layout::Problem::none) json.null(); else json.value(std::string(layout::to_string(l.problem)));
    json.field("num_executors", l.num_executors)
        .field("executors_per_node", l.executors_per_node)
        .field("executor_cores", l.executor_cores)
        .field("executor_memory_mib", l.heap_mib)
        .field("memory_overhead_mib", l.overhead_mib)
        .field("container_mib", l.container_mib)
        .field("task_slots", e.task_slots)
        .field("idle_cores_per_node", l.idle_cores_per_node)
        .field("idle_memory_mib_per_node", l.idle_memory_mib_per_node)
        .field("oversubscribed_cores_per_node", l.oversubscribed_cores_per_node)
        .field("am_container_mib", l.am_container_mib)
        .field("executors_on_am_node", l.executors_on_am_node);
    json.key("memory_regions").begin_object();
    json.field("heap_bytes", l.regions.heap_bytes)
        .field("max_memory_bytes", l.regions.max_memory_bytes)
        .field("reserved_bytes", l.regions.reserved_bytes)
        .field("user_bytes", l.regions.user_bytes)
        .field("unified_bytes", l.regions.unified_bytes)
        .field("storage_bytes", l.regions.storage_protected_bytes)
        .field("execution_bytes", l.regions.unified_bytes - l.regions.storage_protected_bytes)
        .field("execution_per_task_min_bytes", l.regions.execution_per_task_min_bytes)
        .field("execution_per_task_max_bytes", l.regions.execution_per_task_max_bytes);
    json.end_object();
  } else {
    json.key("platform").null();
    json.field("num_executors", e.request.choices.num_executors)
        .field("executor_cores", e.request.choices.executor_cores)
        .field("task_slots", e.task_slots);
  }
  json.key("stages").begin_array();
  for (const Stage& s : e.stages) {
    json.begin_object();
    json.field("name", s.name).field("kind", s.kind).field("tasks", s.tasks).field("waves", s.waves);
    json.field("last_wave_tasks", s.last_wave_tasks);
    json.field("bytes_per_task", s.bytes_per_task);
    json.field("tasks_reason", s.tasks_reason);
    json.end_object();
  }
  json.end_array();
  if (!e.stages.empty()) {
    const Stage& f = e.stages[e.focus];
    json.field("tasks", f.tasks).field("waves", f.waves).field("bytes_per_task", f.bytes_per_task);
  } else {
    json.key("tasks").null().key("waves").null().key("bytes_per_task").null();
  }
  json.key("notes").begin_array();
  for (const rules::Finding& note : e.notes) {
    json.begin_object();
    json.field("id", note.id).field("severity", std::string(rules::severity_name(note.severity)));
    json.field("message", note.message);
    json.end_object();
  }
  json.end_array();
  json.key("assumptions").begin_array();
  for (const std::string& a : e.assumptions) json.value(a);
  json.end_array();
  json.end_object();
  return json.str();
}

}  // namespace sparkfit::explain
