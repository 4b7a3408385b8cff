// The pieces every report page is built from: the layout drawing, the stage bars, the runtime-cost frontier
// (the model risks are findings of their own: model::risk_findings).
#include "sparkfit/report/pages.hpp"

#include "sparkfit/units/units.hpp"

namespace sparkfit::report {

report::NodeDrawing drawing_of(const platform::Cluster& cluster, const layout::Layout& l) {
  report::NodeDrawing d;
  // A generic YARN node is named by its shape; the description would repeat the node count.
  d.instance = cluster.instance ? cluster.instance->name
                                : std::to_string(cluster.node.vcpus) + " cores x " +
                                      units::format_size(std::int64_t{cluster.node_memory_mib} * units::kMiB);
  d.nodes = cluster.nodes;
  d.vcpus = cluster.node.vcpus;
  d.yarn_mib = cluster.node.yarn_memory_mib;
  d.executors_per_node = l.executors_per_node;
  d.executor_cores = l.executor_cores;
  d.container_mib = l.container_mib;
  d.task_slots = l.task_slots;
  d.idle_cores = l.idle_cores_per_node;
  d.idle_mib = l.idle_memory_mib_per_node;
  d.am_executors_displaced = std::max(0, l.executors_per_node - l.executors_on_am_node);
  if (cluster.platform == platform::Platform::kubernetes) {
    d.cores_name = "cores";
    d.memory_name = "allocatable memory";
    d.container_name = "pod";
    d.am_name = "the driver pod";
    d.am_short_name = "the driver pod";
  }
  const layout::MemoryRegions& r = l.regions;
  auto mib = [](std::int64_t bytes) { return bytes / units::kMiB; };
  d.regions.push_back({"reserved", mib(r.reserved_bytes)});
  d.regions.push_back({"user", mib(r.user_bytes)});
  d.regions.push_back({"storage", mib(r.storage_protected_bytes)});
  d.regions.push_back({"execution", mib(r.unified_bytes - r.storage_protected_bytes)});
  if (r.heap_bytes > r.max_memory_bytes)
    d.regions.push_back({"survivor (Parallel GC)", mib(r.heap_bytes - r.max_memory_bytes)});
  d.regions.push_back({"overhead", l.overhead_mib});
  if (l.offheap_mib > 0) d.regions.push_back({"off-heap", l.offheap_mib});
  if (l.pyspark_mib > 0) d.regions.push_back({"pyspark", l.pyspark_mib});
  return d;
}

std::vector<report::StageBar> stage_bars(const model::JobPlan& plan, const model::Prediction& p, int slots) {
  std::vector<report::StageBar> bars;
  for (int i = 0; i < p.stage_count; ++i) {
    const model::StageResult& r = p.stages[static_cast<std::size_t>(i)];
    const model::StagePlan& s = plan.stages[static_cast<std::size_t>(i)];
    bars.push_back({s.runs > 1 ? s.name + " (x" + std::to_string(s.runs) + ")" : s.name, r.tasks, slots, r.waves,
                    r.time_s * r.runs, r.spill_bytes, s.skew > 1});
  }
  return bars;
}

void mark_pareto(std::vector<report::Point>& points) {
  for (report::Point& p : points) {
    p.pareto = true;
    for (const report::Point& q : points)
      if (&q != &p && q.runtime_s <= p.runtime_s && q.cost_usd <= p.cost_usd &&
          (q.runtime_s < p.runtime_s || q.cost_usd < p.cost_usd))
        p.pareto = false;
  }
}

}  // namespace sparkfit::report
