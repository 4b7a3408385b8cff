// How `sparkfit analyze` prints a profile: JSON (docs/interface.md#json "analyze" fields first, then the
// rest of the profile) and text.
#include <algorithm>
#include <sstream>

#include "sparkfit/output/analyze.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/json_writer.hpp"
#include "sparkfit/util/text.hpp"
#include "sparkfit/util/version.hpp"

namespace sparkfit::output {

using eventlog::Fault;
using eventlog::Profile;
using eventlog::StageProfile;
using eventlog::TimelinePoint;
using eventlog::WhatIf;
using text::align_left;
using text::align_right;
using text::fixed;

namespace {

std::string short_size(std::int64_t bytes) { return bytes == 0 ? "-" : units::format_size(bytes); }

// The review rules' findings over the run's properties, with review's field names, and the
// setting each points at (null for a setting the run left unset).
void write_config_review_json(JsonWriter& json, const review::RunReview& config) {
  json.key("config_findings").begin_array();
  for (const review::ConfigFinding& c : config.findings) {
    const rules::Finding& f = c.finding;
    json.begin_object();
    json.field("id", f.id).field("name", f.name).field("severity", std::string(rules::severity_name(f.severity)));
    json.field("message", f.message).field("why", f.why).field("fix", f.fix);
    json.key("fix_conf").begin_object();
    for (const auto& [key, value] : f.fix_conf) json.field(key, value);
    json.end_object();
    json.key("setting");
    if (c.setting.empty())
      json.null();
    else
      json.value(c.setting);
    json.end_object();
  }
  json.end_array();
  json.key("config_not_checked").begin_array();
  for (const std::string& sentence : config.not_checked) json.value(sentence);
  json.end_array();
}

void write_config_review_text(std::ostringstream& out, const Profile& p, const review::RunReview& config) {
  out << "\nConfiguration review (the run's own Spark properties, by the rules of sparkfit review)\n";
  if (config.findings.empty()) out << "  none\n";
  for (const review::ConfigFinding& c : config.findings) {
    const rules::Finding& f = c.finding;
    out << p.path << ": " << rules::severity_name(f.severity) << ": " << f.message << " [" << f.id << "]\n";
    if (!c.setting.empty()) out << "  setting: " << c.finding.place.source_line << "\n";
    out << "  why: " << f.why << "\n";
    out << "  fix: " << f.fix << "\n";
  }
  if (!config.not_checked.empty())
    out << "  not checked (an event log does not name the cluster's nodes): " << text::join(config.not_checked, "; ")
        << "\n";
}

}  // namespace

std::string analyze_json(const Profile& p, const review::RunReview* config) {
  JsonWriter json;
  json.begin_object();
  json.field("schema_version", 1).field("sparkfit_version", kVersion);
  json.field("path", p.path);
  json.field("spark_version", p.spark_version).field("app_name", p.app_name);
  json.field("complete", p.complete).field("duration_s", p.duration_s);
  json.field("executors_added", p.executors_added).field("peak_executors", p.peak_executors);
  json.field("tasks", p.tasks);
  json.key("stages").begin_array();
  for (const StageProfile& s : p.stages) {
    json.begin_object();
    json.field("id", s.id).field("attempt", s.attempt).field("tasks", s.tasks);
    json.field("input_bytes", s.input_bytes).field("shuffle_read_bytes", s.shuffle_read_bytes);
    json.field("shuffle_write_bytes", s.shuffle_write_bytes);
    json.field("memory_spill_bytes", s.memory_spill_bytes).field("disk_spill_bytes", s.disk_spill_bytes);
    json.field("duration_s", s.duration_s);
    json.field("name", s.name).field("output_bytes", s.output_bytes);
    json.field("gc_share", s.gc_share).field("cpu_share", s.cpu_share);
    json.field("median_task_s", s.median_task_s).field("max_task_s", s.max_task_s).field("skew", s.skew);
    json.field("max_task_read_bytes", s.max_task_read_bytes);
    json.field("max_task_shuffle_read_bytes", s.max_task_shuffle_read_bytes);
    json.field("peak_execution_memory_bytes", s.max_peak_execution_memory);
    json.field("critical", s.critical);
    if (!s.failure_reason.empty()) json.field("failure_reason", s.failure_reason);
    json.end_object();
  }
  json.end_array();
  json.key("findings").begin_array();
  for (const rules::Finding& f : p.findings) {
    json.begin_object();
    json.field("id", f.id).field("name", f.name).field("severity", std::string(rules::severity_name(f.severity)));
    json.field("message", f.message).field("why", f.why).field("fix", f.fix);
    if (!f.item.empty()) json.field("stage", std::stoi(f.item));
    json.end_object();
  }
  json.end_array();
  if (config) write_config_review_json(json, *config);
  json.key("replay").begin_object();
  json.field("measured_s", p.measured_s).field("replayed_s", p.replayed_s);
  json.field("executors", std::max(1, p.peak_executors)).field("executor_cores", p.executor_cores);
  json.end_object();
  if (!p.what_if.empty()) {
    json.key("what_if").begin_array();
    for (const WhatIf& w : p.what_if) {
      json.begin_object();
      json.field("executors", w.executors).field("executor_cores", w.executor_cores).field("replayed_s", w.replayed_s);
      json.end_object();
    }
    json.end_array();
  }
  // The rest of the profile.
  json.field("executor_cores", p.executor_cores).field("peak_cores", p.peak_cores).field("task_cpus", p.task_cpus);
  json.field("failed_tasks", p.failed_tasks).field("jobs", p.jobs).field("sql_executions", p.sql_executions);
  json.field("driver_time_s", p.driver_time_s).field("executor_time_s", p.executor_time_s);
  json.field("task_time_s", p.task_time_s).field("executor_core_time_s", p.executor_available_s);
  json.field("idle_share", p.idle_share).field("gc_share", p.gc_share).field("cpu_share", p.cpu_share);
  json.field("input_bytes", p.input_bytes).field("shuffle_read_bytes", p.shuffle_read_bytes);
  json.field("shuffle_write_bytes", p.shuffle_write_bytes).field("output_bytes", p.output_bytes);
  json.field("memory_spill_bytes", p.memory_spill_bytes).field("disk_spill_bytes", p.disk_spill_bytes);
  json.key("critical_path").begin_array();
  for (int id : p.critical_path) json.value(id);
  json.end_array();
  json.key("timeline").begin_array();
  for (const TimelinePoint& t : p.timeline) {
    json.begin_object();
    json.field("t_s", t.t_s).field("executors", t.executors).field("cores", t.cores);
    json.end_object();
  }
  json.end_array();
  json.key("faults").begin_array();
  for (const Fault& f : p.faults) {
    json.begin_object();
    json.field("file", f.file).field("line", f.line).field("message", f.message);
    json.end_object();
  }
  json.end_array();
  json.field("lines", p.lines).field("bytes", p.bytes);
  json.end_object();
  return json.str();
}

namespace {
// "4 cores each", or for a log whose executors differ "2-4 cores (3 x 2, 5 x 4)".
std::string cores_per_executor(const Profile& p) {
  if (p.executor_core_mix.size() <= 1) return std::to_string(p.executor_cores) + " cores each";
  std::string mix;
  for (const auto& [cores, executors] : p.executor_core_mix)
    mix += (mix.empty() ? "" : ", ") + std::to_string(executors) + " x " + std::to_string(cores);
  return std::to_string(p.executor_core_mix.begin()->first) + "-" +
         std::to_string(p.executor_core_mix.rbegin()->first) + " cores (" + mix + ")";
}
}  // namespace

std::string analyze_text(const Profile& p, const review::RunReview* config) {
  std::ostringstream out;
  out << "sparkfit analyze: " << p.path << "\n";
  out << "  " << (p.app_name.empty() ? "(no app name)" : p.app_name) << ", Spark "
      << (p.spark_version.empty() ? "(version not logged)" : p.spark_version) << ", "
      << units::format_duration(p.duration_s)
      << (p.complete ? "" : " (incomplete: no ApplicationEnd; up to the last event)") << "\n\n";
  out << "Run\n";
  out << "  executors: " << p.executors_added << " added, at most " << p.peak_executors << " at once (" << p.peak_cores
      << " cores), " << cores_per_executor(p) << "\n";
  out << "  jobs " << p.jobs << ", stages " << p.stages.size() << ", tasks " << p.tasks;
  if (p.failed_tasks > 0) out << " (" << p.failed_tasks << " failed or killed)";
  out << ", SQL executions " << p.sql_executions << "\n";
  double duration = p.duration_s > 0 ? p.duration_s : 1;
  out << "  driver time " << units::format_duration(p.driver_time_s) << " ("
      << units::format_percent(p.driver_time_s / duration) << ", no job running), executor time "
      << units::format_duration(p.executor_time_s) << " (" << units::format_percent(p.executor_time_s / duration)
      << ")\n";
  out << "  task time " << fixed(p.task_time_s, 1) << " s of " << fixed(p.executor_available_s, 1)
      << " s core time held: idle " << units::format_percent(p.idle_share) << "; GC "
      << units::format_percent(p.gc_share) << " and CPU " << units::format_percent(p.cpu_share)
      << " of executor run time\n";
  out << "  data: input " << short_size(p.input_bytes) << ", shuffle read " << short_size(p.shuffle_read_bytes)
      << ", shuffle write " << short_size(p.shuffle_write_bytes) << ", output " << short_size(p.output_bytes)
      << ", spill " << short_size(p.memory_spill_bytes) << " memory / " << short_size(p.disk_spill_bytes) << " disk\n";
  if (p.timeline.size() > 1) {
    out << "  executors over time:";
    std::size_t shown = 0;
    for (const TimelinePoint& t : p.timeline) {
      if (++shown > 12) {
        out << " ...";
        break;
      }
      out << " " << fixed(t.t_s, 0) << "s:" << t.executors;
    }
    out << "\n";
  }

  // The stages that took longest, in stage order.
  std::vector<const StageProfile*> stages;
  for (const StageProfile& s : p.stages) stages.push_back(&s);
  const std::size_t limit = 25;
  if (stages.size() > limit) {
    std::partial_sort(stages.begin(), stages.begin() + limit, stages.end(),
                      [](const StageProfile* a, const StageProfile* b) { return a->duration_s > b->duration_s; });
    stages.resize(limit);
    std::sort(stages.begin(), stages.end(), [](const StageProfile* a, const StageProfile* b) {
      return std::make_pair(a->id, a->attempt) < std::make_pair(b->id, b->attempt);
    });
  }
  out << "\nStages"
      << (p.stages.size() > limit
              ? " (the " + std::to_string(limit) + " longest of " + std::to_string(p.stages.size()) + ")"
              : "")
      << "   * = on the critical path\n";
  out << "  " << align_left("stage", 9) << align_right("tasks", 7) << align_right("time", 10)
      << align_right("input", 12) << align_right("shuf read", 12) << align_right("shuf write", 12)
      << align_right("spill disk", 12) << align_right("GC", 6) << align_right("CPU", 6) << align_right("skew", 7)
      << "\n";
  for (const StageProfile* s : stages) {
    // Appending, not "." + std::to_string(...): GCC 12 warns falsely on the latter (PR 105329).
    std::string id = std::to_string(s->id);
    if (s->attempt > 0) id.append(".").append(std::to_string(s->attempt));
    out << (s->critical ? "* " : "  ") << align_left(id, 9) << align_right(std::to_string(s->tasks), 7)
        << align_right(fixed(s->duration_s, 1) + " s", 10) << align_right(short_size(s->input_bytes), 12)
        << align_right(short_size(s->shuffle_read_bytes), 12) << align_right(short_size(s->shuffle_write_bytes), 12)
        << align_right(short_size(s->disk_spill_bytes), 12) << align_right(units::format_percent(s->gc_share), 6)
        << align_right(units::format_percent(s->cpu_share), 6) << align_right(s->skew > 0 ? fixed(s->skew, 1) : "-", 7)
        << "\n";
  }

  out << "\nReplay (Sparklens-style: measured task times on E executors x C cores, driver time kept)\n";
  double error = p.measured_s > 0 ? (p.replayed_s - p.measured_s) / p.measured_s : 0;
  out << "  " << std::max(1, p.peak_executors) << " x " << p.executor_cores << " cores (as run): replayed "
      << fixed(p.replayed_s, 1) << " s vs measured " << fixed(p.measured_s, 1) << " s (" << (error >= 0 ? "+" : "")
      << fixed(error * 100.0, 1) << "%)\n";
  for (const WhatIf& w : p.what_if)
    out << "  " << w.executors << " x " << w.executor_cores << " cores: " << fixed(w.replayed_s, 1) << " s\n";

  out << "\nFindings\n";
  if (p.findings.empty()) out << "  none\n";
  for (const rules::Finding& f : p.findings) {
    out << p.path << ": " << rules::severity_name(f.severity) << ": " << f.message << " [" << f.id << "]\n";
    out << "  why: " << f.why << "\n";
    out << "  fix: " << f.fix << "\n";
  }
  if (config) write_config_review_text(out, p, *config);
  if (!p.faults.empty()) {
    out << "\nProblems in the log (reading went on)\n";
    std::size_t shown = 0;
    for (const Fault& f : p.faults) {
      if (++shown > 20) {
        out << "  ... " << p.faults.size() - 20 << " more\n";
        break;
      }
      out << f.file << ":" << f.line << ": warning: " << f.message << "\n";
    }
  }
  // An event log is written by whoever ran the job: its names and paths may hold terminal escapes.
  return text::printable(out.str(), text::Newlines::keep);
}

}  // namespace sparkfit::output
