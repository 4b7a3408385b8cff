// explain's JSON: the layout, the memory regions, the stages and the notes, fields as
// docs/interface.md fixes them.
#include "sparkfit/output/explain.hpp"
#include "sparkfit/output/layout_json.hpp"
#include "sparkfit/util/json_writer.hpp"
#include "sparkfit/util/version.hpp"

namespace sparkfit::output {

using explain::Explanation;
using explain::Stage;

std::string explain_json(const Explanation& e) {
  JsonWriter json;
  json.begin_object();
  json.field("schema_version", 1).field("sparkfit_version", std::string(kVersion));
  const layout::Layout& l = e.layout;
  if (e.has_layout) {
    write_cluster_fields(json, *e.request.cluster);
    json.field("feasible", l.problem == layout::Problem::none);
    json.key("infeasible_reason");
    if (l.problem == layout::Problem::none)
      json.null();
    else
      json.value(std::string(layout::to_string(l.problem)));
    // The layout's task_slots, which is explain's whenever there is a layout (0 when it cannot be placed).
    write_executor_fields(json, l);
    json.field("oversubscribed_cores_per_node", l.oversubscribed_cores_per_node)
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

}  // namespace sparkfit::output
