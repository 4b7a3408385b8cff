// explain's text: the node drawn as boxes of executor JVMs and task slots, one container's memory
// regions to scale, the parallelism arithmetic, the notes and the assumptions.
#include <algorithm>
#include <cmath>
#include <sstream>

#include "sparkfit/output/explain.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::output {
namespace {

using explain::Explanation;
using explain::Stage;
using rules::Severity;
using units::format_size;
using units::kMiB;

std::string mib(std::int64_t value) { return std::to_string(value) + " MiB"; }

// What YARN adds on top of heap + overhead (+ off-heap, pyspark) when it rounds the request up to
// its step, so the box and the bar show the same overhead and still add up to the container.
std::int64_t yarn_rounding_mib(const layout::Layout& l) {
  return std::max<std::int64_t>(0, l.container_mib - l.heap_mib - l.overhead_mib - l.offheap_mib - l.pyspark_mib);
}

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
      << mib(cluster.node.yarn_max_allocation_mib) << ", in steps of " << mib(cluster.node.yarn_min_allocation_mib)
      << "; " << cluster.yarn_source << ")\n";
  if (!cluster.disk_source.empty()) {
    out << "Disk for shuffle and spill: ";
    if (cluster.disk_mib_per_s > 0) out << text::fixed(cluster.disk_mib_per_s, 1) << " MiB/s per node, ";
    out << cluster.disk_source << "\n";
  }
  out << "\n";
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
      // YARN's rounding makes the container larger than the parts: the bar below shows it.
      line("  container " + mib(l.container_mib) + (yarn_rounding_mib(l) > 0 ? " >= " : " = ") + parts);
    }
  }
  std::string idle = "idle: " + std::to_string(l.idle_cores_per_node) + " vCPU, " + mib(l.idle_memory_mib_per_node);
  if (l.oversubscribed_cores_per_node > 0)
    idle = "oversubscribed: " + std::to_string(l.oversubscribed_cores_per_node) + " task threads beyond the vCPUs";
  line(idle);
  out << "+" << std::string(width - 2, '-') << "+\n";
  const bool client = e.request.choices.deploy_mode == job::DeployMode::client;
  out << "The AM";
  out << (client ? " (client mode: the driver runs where the job is submitted, on EMR the primary node)"
                 : " (with the driver)");
  out << " takes " << mib(l.am_container_mib) << " on one node, which then runs " << l.executors_on_am_node
      << " executor" << (l.executors_on_am_node == 1 ? "" : "s");
  if (const int lost = l.executors_per_node - l.executors_on_am_node; lost > 0)
    out << " (" << lost << " fewer than the others: " << lost * l.executor_cores / e.request.choices.task_cpus
        << " task slots lost; a heap that leaves the AM room keeps them)";
  out << ".\n\n";

  const layout::MemoryRegions& r = l.regions;
  std::int64_t gc_hidden = r.heap_bytes - r.max_memory_bytes;
  out << "One executor container, to scale (" << mib(l.container_mib) << "):\n  ["
      << bar({{'R', r.reserved_bytes},
              {'U', r.user_bytes},
              {'S', r.storage_protected_bytes},
              {'E', r.unified_bytes - r.storage_protected_bytes},
              {'g', gc_hidden},
              {'O', (l.container_mib - l.heap_mib - yarn_rounding_mib(l)) * kMiB},
              {'y', yarn_rounding_mib(l) * kMiB}},
             60)
      << "]\n";
  auto region = [&](char symbol, const std::string& name, std::int64_t bytes, const std::string& why) {
    out << "  " << symbol << " " << pad(name, 11) << rpad(mib_of(bytes), 12) << "  " << why << "\n";
  };
  region('R', "reserved", r.reserved_bytes, "Spark's fixed reservation");
  region('U', "user", r.user_bytes,
         "(usable x " + units::format_number(1 - e.request.choices.memory_fraction) +
             ") your objects, UDF state, Spark's internal metadata");
  region(
      'S', "storage", r.storage_protected_bytes,
      "(unified x " + units::format_number(e.request.choices.storage_fraction) + ") cached blocks, safe from eviction");
  region('E', "execution", r.unified_bytes - r.storage_protected_bytes,
         "shuffles, joins, sorts, aggregations; borrows unused storage");
  if (gc_hidden > 0) region('g', "survivor", gc_hidden, "Parallel GC: Runtime.maxMemory leaves one survivor space out");
  region('O', "overhead", (l.container_mib - l.heap_mib - yarn_rounding_mib(l)) * kMiB,
         "off-heap: JVM metaspace, threads, netty buffers" + std::string(l.pyspark_mib ? ", Python workers" : ""));
  if (yarn_rounding_mib(l) > 0)
    region('y', "rounding", yarn_rounding_mib(l) * kMiB, "YARN rounds the request up to its allocation step");
  out << "  Per task: " << mib_of(r.execution_per_task_min_bytes) << " to " << mib_of(r.execution_per_task_max_bytes)
      << " of execution memory with " << r.concurrent_tasks << " tasks running (1/2N to 1/N of "
      << mib_of(r.unified_bytes) << " unified)\n\n";
}

// Infos and style notes read as "note", as before rules spoke here.
const char* severity_word(Severity severity) {
  return severity == Severity::error ? "error" : severity == Severity::warning ? "warning" : "note";
}

}  // namespace

std::string explain_text(const Explanation& e) {
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
      if (l.executors_on_am_node != l.executors_per_node) out << ", " << l.executors_on_am_node << " on the AM's node";
      out << ") x " << l.executor_cores << " cores, --executor-memory " << units::format_spark_memory(l.heap_mib)
          << ", spark.executor.memoryOverhead " << units::format_spark_memory(l.overhead_mib) << "\n";
      if (l.heap_chosen) {
        out << "  " << mib(cluster.node.yarn_memory_mib) << " YARN / "
            << text::plural(l.policy_executors_per_node, "executor") << " = " << mib(l.container_target_mib)
            << ", down to YARN's " << mib(cluster.node.yarn_min_allocation_mib) << " step = " << mib(l.container_mib)
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
            << rpad(std::to_string(s.waves), 8) << rpad(s.bytes_per_task ? format_size(*s.bytes_per_task) : "?", 12)
            << "  " << s.tasks_reason << "\n";
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
      out << "  " << severity_word(note.severity) << ": " << note.message << " [" << note.id << "]\n";
  }
  if (!e.assumptions.empty()) {
    out << "\nAssumed\n";
    for (const std::string& assumption : e.assumptions) out << "  - " << assumption << "\n";
  }
  // The job spec's names and the settings explained are the user's text.
  return text::printable(out.str(), text::Newlines::keep);
}

}  // namespace sparkfit::output
