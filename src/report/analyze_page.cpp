// The page of `sparkfit analyze --report` (and its markdown): what a run did, from its event log.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "sparkfit/report/pages.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/round.hpp"
#include "sparkfit/util/text.hpp"
#include "sparkfit/util/version.hpp"

namespace sparkfit::report {
namespace {

// A page with hundreds of stages reads like the log itself: the longest are drawn, as `analyze`
// prints them (render_text keeps the same number).
constexpr std::size_t kMaxStages = 25;

std::string stage_label(const eventlog::StageProfile& s) {
  std::string id = std::to_string(s.id);
  if (s.attempt > 0) id.append(".").append(std::to_string(s.attempt));
  return "stage " + id + (s.name.empty() ? "" : ": " + s.name);
}

std::string signed_percent(double change) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%+.1f%%", change * 100.0);
  return buffer;
}

std::string size_or_dash(std::int64_t bytes) { return bytes > 0 ? units::format_size(bytes) : "-"; }

// The value at fraction q of sorted values, interpolating between neighbours (q = 0.5 gives the
// profile's median: the mean of the two middle values for an even count).
double quantile(const std::vector<std::int32_t>& sorted, double q) {
  double at = q * static_cast<double>(sorted.size() - 1);
  auto below = static_cast<std::size_t>(std::floor(at));
  std::size_t above = std::min(below + 1, sorted.size() - 1);
  double frac = at - static_cast<double>(below);
  return static_cast<double>(sorted[below]) * (1 - frac) + static_cast<double>(sorted[above]) * frac;
}

double core_hours(int executors, int cores, double seconds) {
  return static_cast<double>(executors) * cores * seconds / 3600.0;
}

// Executors alive over time, from the start of the run to its end.
void add_executors_over_time(report::ReportData& page, const eventlog::Profile& p) {
  if (p.timeline.empty()) return;
  if (p.timeline.front().t_s > 0) page.executors_over_time.push_back({0, 0});
  for (const eventlog::TimelinePoint& t : p.timeline) page.executors_over_time.push_back({t.t_s, t.executors});
  if (p.duration_s > p.timeline.back().t_s)
    page.executors_over_time.push_back({p.duration_s, p.timeline.back().executors});
}

// The stages drawn: all, or the longest in stage order.
std::vector<const eventlog::StageProfile*> drawn_stages(const eventlog::Profile& p) {
  std::vector<const eventlog::StageProfile*> stages;
  for (const eventlog::StageProfile& s : p.stages) stages.push_back(&s);
  if (stages.size() > kMaxStages) {
    std::stable_sort(stages.begin(), stages.end(),
                     [](const auto* a, const auto* b) { return a->duration_s > b->duration_s; });
    stages.resize(kMaxStages);
    std::sort(stages.begin(), stages.end(), [](const auto* a, const auto* b) {
      return std::make_pair(a->id, a->attempt) < std::make_pair(b->id, b->attempt);
    });
  }
  return stages;
}

// Task durations of each drawn stage, from the log's tasks (the profile keeps only median and max).
std::vector<std::vector<std::int32_t>> task_durations(const std::vector<const eventlog::StageProfile*>& stages,
                                                      const eventlog::RunLog& log) {
  std::map<std::pair<int, int>, std::size_t> drawn;  // (id, attempt) -> index into `stages`
  for (std::size_t i = 0; i < stages.size(); ++i) drawn[{stages[i]->id, stages[i]->attempt}] = i;
  std::vector<std::size_t> record_to_drawn(log.stages.size(), stages.size());
  for (std::size_t r = 0; r < log.stages.size(); ++r) {
    auto found = drawn.find({log.stages[r].id, log.stages[r].attempt});
    if (found != drawn.end()) record_to_drawn[r] = found->second;
  }
  std::vector<std::vector<std::int32_t>> durations(stages.size());
  for (const eventlog::TaskRecord& t : log.tasks) {
    auto record = static_cast<std::size_t>(t.stage);
    if (record < record_to_drawn.size() && record_to_drawn[record] < stages.size())
      durations[record_to_drawn[record]].push_back(std::max<std::int32_t>(0, t.duration_ms));
  }
  return durations;
}

int executors_held(const eventlog::Profile& p) { return std::max(1, p.peak_executors); }

// Tasks and waves per drawn stage, and the spread of its task times.
void add_stages(report::ReportData& page, const eventlog::Profile& p, const eventlog::RunLog& log,
                const std::vector<const eventlog::StageProfile*>& stages) {
  std::vector<std::vector<std::int32_t>> durations = task_durations(stages, log);
  std::vector<int> skewed;
  for (const rules::Finding& f : p.findings)
    if (f.id == "SF6005" && !f.item.empty()) skewed.push_back(std::stoi(f.item));
  const int slots = std::max(1, executors_held(p) * std::max(1, p.executor_cores) / std::max(1, p.task_cpus));
  for (std::size_t i = 0; i < stages.size(); ++i) {
    const eventlog::StageProfile& s = *stages[i];
    const bool skew = std::find(skewed.begin(), skewed.end(), s.id) != skewed.end();
    // Disk spill is what the tasks wrote and read back; memory spill alone still marks the stage.
    const double spill = static_cast<double>(s.disk_spill_bytes > 0 ? s.disk_spill_bytes : s.memory_spill_bytes);
    page.stages.push_back({stage_label(s), s.tasks, slots, (s.tasks + slots - 1) / slots, s.duration_s, spill, skew});
    std::vector<std::int32_t>& d = durations[i];
    if (d.empty()) continue;
    std::sort(d.begin(), d.end());
    page.task_times.push_back({stage_label(s), d.front() / 1000.0, quantile(d, 0.25) / 1000.0,
                               quantile(d, 0.5) / 1000.0, quantile(d, 0.75) / 1000.0, d.back() / 1000.0, spill, skew});
  }
}

// Replay: the run itself and each what-if, as points of runtime against core-hours held.
void add_replay(report::ReportData& page, const eventlog::Profile& p) {
  const int executors = executors_held(p);
  const double measured = p.measured_s;
  auto change = [&](double replayed) {
    return measured > 0 ? " (" + signed_percent(replayed / measured - 1) + ")" : std::string();
  };
  page.notes.push_back(
      "Replay (Sparklens-style: the measured task times on E executors x C cores, the driver's time kept): "
      "measured " +
      units::format_duration(measured) + "; replayed on " + text::plural(executors, "executor") + " x " +
      text::plural(p.executor_cores, "core") + " as run: " + units::format_duration(p.replayed_s) +
      change(p.replayed_s) + ".");
  for (const eventlog::WhatIf& w : p.what_if)
    page.notes.push_back(
        "What if " + text::plural(w.executors, "executor") + " x " + text::plural(w.executor_cores, "core") +
        ": replayed " + units::format_duration(w.replayed_s) + change(w.replayed_s) + ", " +
        units::format_number(util::round_to(core_hours(w.executors, w.executor_cores, w.replayed_s), 2)) +
        " core-hours held.");
  if (!p.what_if.empty()) {
    page.points.push_back({"as run: " + text::plural(executors, "executor") + " x " +
                               text::plural(p.executor_cores, "core") + " (replayed)",
                           "as run", p.replayed_s, core_hours(executors, p.executor_cores, p.replayed_s), false, false,
                           true, true});
    for (const eventlog::WhatIf& w : p.what_if) {
      if (w.executors == executors && w.executor_cores == p.executor_cores) continue;  // the run itself
      page.points.push_back({text::plural(w.executors, "executor") + " x " + text::plural(w.executor_cores, "core"),
                             "what-if", w.replayed_s, core_hours(w.executors, w.executor_cores, w.replayed_s), false,
                             false, false, true});
    }
    mark_pareto(page.points);
  }
}

// Where the time and the data went, the critical path, what was left out and what could not be read.
void add_run_notes(report::ReportData& page, const eventlog::Profile& p, std::size_t drawn) {
  const double duration = p.duration_s > 0 ? p.duration_s : 1;
  page.notes.push_back("Time: the driver alone " + units::format_duration(p.driver_time_s) + " (" +
                       units::format_percent(p.driver_time_s / duration) + ", no job running), jobs " +
                       units::format_duration(p.executor_time_s) + "; task time " +
                       units::format_duration(p.task_time_s) + " of " + units::format_duration(p.executor_available_s) +
                       " core time held (idle " + units::format_percent(p.idle_share) + "); GC " +
                       units::format_percent(p.gc_share) + " and CPU " + units::format_percent(p.cpu_share) +
                       " of executor run time.");
  page.notes.push_back("Data: input " + size_or_dash(p.input_bytes) + ", shuffle read " +
                       size_or_dash(p.shuffle_read_bytes) + ", shuffle write " + size_or_dash(p.shuffle_write_bytes) +
                       ", output " + size_or_dash(p.output_bytes) + ", spill " + size_or_dash(p.memory_spill_bytes) +
                       " in memory / " + size_or_dash(p.disk_spill_bytes) + " on disk.");
  if (!p.critical_path.empty()) {
    std::string path;
    for (int id : p.critical_path) path += (path.empty() ? "" : " \xE2\x86\x92 ") + std::to_string(id);
    page.notes.push_back("Critical path (measured): stages " + path + ".");
  }
  if (p.stages.size() > drawn)
    page.notes.push_back("The " + std::to_string(drawn) + " longest of " + std::to_string(p.stages.size()) +
                         " stages are shown; --format json lists them all.");
  if (!p.faults.empty()) {
    const eventlog::Fault& f = p.faults.front();
    page.notes.push_back(std::to_string(p.faults.size()) + (p.faults.size() == 1 ? " line" : " lines") +
                         " of the log could not be used; the first: " + f.file + ":" + std::to_string(f.line) + ": " +
                         f.message + ".");
  }
}

}  // namespace

report::ReportData analyze_page(const eventlog::Profile& p, const eventlog::RunLog& log, const std::string& command) {
  report::ReportData page;
  page.title = (p.app_name.empty() ? std::string("Spark run") : p.app_name) + ": what the run did";
  page.subtitle = "analyze: Spark " +
                  (p.spark_version.empty() ? std::string("(version not logged)") : p.spark_version) + ", " +
                  units::format_duration(p.duration_s) + ", at most " + text::plural(p.peak_executors, "executor") +
                  " of " + text::plural(p.executor_cores, "core") + ", " + text::plural(p.tasks, "task") + " in " +
                  text::plural(static_cast<std::int64_t>(p.stages.size()), "stage");
  if (!p.complete) page.subtitle += "; incomplete log (no ApplicationEnd): up to the last event";
  page.command = command;
  page.sparkfit_version = kVersion;
  page.priced = false;  // an event log has no prices: what-ifs are compared in core-hours held

  add_executors_over_time(page, p);
  const std::vector<const eventlog::StageProfile*> stages = drawn_stages(p);
  add_stages(page, p, log, stages);
  page.findings = p.findings;
  add_replay(page, p);
  add_run_notes(page, p, stages.size());
  return page;
}

}  // namespace sparkfit::report
