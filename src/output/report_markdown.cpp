// The Markdown report, GitHub-flavoured, for pull-request comments: the same tables and findings
// as the HTML page, and a pointer to it for the charts (GitHub strips inline SVG and data: images).
#include <algorithm>

#include "output/report_draw.hpp"
#include "sparkfit/units/units.hpp"

namespace sparkfit::output {
namespace {

using detail::thousands;

std::string md(std::string_view text) { return escape_markdown(text); }

// Inline code: backticks inside are swapped for quotes, pipes escaped as GitHub tables need.
std::string code(std::string_view text) {
  std::string out = "`";
  for (char c : text) {
    if (c == '`')
      out += '\'';
    else if (c == '|')
      out += "\\|";
    else if (c == '\n' || c == '\r')
      out += ' ';
    else
      out += c;
  }
  return out + "`";
}

}  // namespace

std::string report_markdown(const ReportData& data) {
  std::string out;
  std::string title = data.title.empty() ? std::string("sparkfit report") : data.title;
  out += "## " + md(title) + "\n\n";
  if (!data.subtitle.empty()) out += md(data.subtitle) + "\n\n";
  if (!data.command.empty()) out += "```\n$ " + data.command + "\n```\n\n";

  const Point* rec = nullptr;
  const Point* cur = nullptr;
  for (const Point& p : data.points) {
    if (p.recommended && !rec) rec = &p;
    if (p.current && !cur) cur = &p;
  }
  const std::string cost_head = data.priced ? "cost" : "core-hours";
  if (rec || cur) {
    out += "| | configuration | runtime | " + cost_head + " |\n|---|---|---:|---:|\n";
    if (rec)
      out += "| **recommended** | " + md(rec->label) + " | " + units::format_duration(rec->runtime_s) + " | " +
             md(detail::cost_text(rec->cost_usd, data.priced)) + " |\n";
    if (cur && cur != rec)
      out += "| current | " + md(cur->label) + " | " + units::format_duration(cur->runtime_s) + " | " +
             md(detail::cost_text(cur->cost_usd, data.priced)) + " |\n";
    out += "\n";
  }
  std::vector<std::string> limits;
  if (data.deadline_s) limits.push_back("deadline " + units::format_duration(*data.deadline_s));
  if (data.budget_usd) limits.push_back("budget " + md(units::format_money(*data.budget_usd)));
  if (!limits.empty()) {
    out += "Objective: ";
    for (std::size_t i = 0; i < limits.size(); ++i) out += (i ? ", " : "") + limits[i];
    out += ".\n\n";
  }

  std::vector<std::size_t> front;
  for (std::size_t i = 0; i < data.points.size(); ++i)
    if (data.points[i].pareto) front.push_back(i);
  std::stable_sort(front.begin(), front.end(),
                   [&](std::size_t a, std::size_t b) { return data.points[a].runtime_s < data.points[b].runtime_s; });
  if (!front.empty()) {
    std::int64_t evaluated = data.evaluated > 0 ? data.evaluated : static_cast<std::int64_t>(data.points.size());
    out += "### Pareto front\n\n" + thousands(evaluated) + " candidates evaluated, " +
           thousands(static_cast<std::int64_t>(front.size())) +
           " on the Pareto front (no other is both faster and cheaper).\n\n";
    out += "| configuration | group | runtime | " + cost_head + " |\n|---|---|---:|---:|\n";
    for (std::size_t i : front) {
      const Point& p = data.points[i];
      out += "| " + md(p.label) + (p.recommended ? " **(recommended)**" : "") + (p.current ? " (current)" : "") +
             " | " + md(p.group) + " | " + units::format_duration(p.runtime_s) + " | " +
             md(detail::cost_text(p.cost_usd, data.priced)) + " |\n";
    }
    out += "\n";
  }

  if (data.layout) {
    const NodeDrawing& l = *data.layout;
    int slots = l.task_slots > 0 ? l.task_slots
                                 : (l.nodes * l.executors_per_node - l.am_executors_displaced) * l.executor_cores;
    out += "### Executor layout\n\n| nodes | executors per node | cores per executor | " + l.container_name +
           " | task slots | idle per node |\n"
           "|---:|---:|---:|---:|---:|---:|\n";
    out += "| " + std::to_string(l.nodes) + " x " + md(l.instance) + " | " + std::to_string(l.executors_per_node) +
           " | " + std::to_string(l.executor_cores) + " | " + thousands(l.container_mib) + " MiB | " +
           thousands(slots) + " | " + std::to_string(l.idle_cores) + " " + l.cores_name + ", " + thousands(l.idle_mib) +
           " MiB |\n\n";
    if (!l.regions.empty()) {
      out += "| memory region (one " + l.container_name + ") | MiB |\n|---|---:|\n";
      for (const Region& r : l.regions) out += "| " + md(r.name) + " | " + thousands(r.mib) + " |\n";
      out += "\n";
    }
  }

  if (!data.stages.empty()) {
    out += "### Stages\n\n| stage | tasks | slots | waves | time | spill |\n|---|---:|---:|---:|---:|---:|\n";
    for (const StageBar& s : data.stages)
      out += "| " + md(s.name) + (s.skewed ? " (skewed)" : "") + " | " + thousands(s.tasks) + " | " +
             thousands(s.slots) + " | " + thousands(s.waves) + " | " + units::format_duration(s.time_s) + " | " +
             (s.spill_bytes > 0 ? units::format_size(static_cast<std::int64_t>(s.spill_bytes)) : std::string("-")) +
             " |\n";
    out += "\n";
  }

  if (!data.task_times.empty()) {
    out += "### Task time per stage\n\n| stage | min | median | max | spill |\n|---|---:|---:|---:|---:|\n";
    for (const TaskTimes& t : data.task_times)
      out += "| " + md(t.stage) + (t.skewed ? " (skewed)" : "") + " | " + units::format_duration(t.min_s) + " | " +
             units::format_duration(t.median_s) + " | " + units::format_duration(t.max_s) + " | " +
             (t.spill_bytes > 0 ? units::format_size(static_cast<std::int64_t>(t.spill_bytes)) : std::string("-")) +
             " |\n";
    out += "\n";
  }

  if (!data.settings.empty()) {
    out += "### Settings, and why\n\n| setting | value | why |\n|---|---|---|\n";
    for (const Setting& s : data.settings)
      out += "| " + code(s.key) + " | " + code(s.value) + " | " + md(s.why) + " |\n";
    out += "\n";
  }

  if (!data.findings.empty()) {
    out += "### Findings\n\n";
    for (const rules::Finding& f : data.findings) {
      out += "- **" + md(std::string(rules::severity_name(f.severity))) + "**";
      if (!f.id.empty()) out += " " + code(f.id);
      if (!f.place.file.empty()) out += " at " + code(rules::place_text(f.place));
      out += ": " + md(f.message) + "\n";
      // Indented two spaces: GitHub keeps the line inside the list item.
      if (!f.fix.empty()) out += "  fix: " + md(f.fix) + "\n";
    }
    out += "\n";
  }

  if (!data.notes.empty()) {
    out += "### Notes\n\n";
    for (const std::string& n : data.notes) out += "- " + md(n) + "\n";
    out += "\n";
  }

  // Name the charts this page has, so the pointer says what the reader would find there.
  std::vector<std::string> charts;
  if (!drawn_points(data).empty()) charts.push_back("cost against runtime");
  if (data.layout) charts.push_back("the executor layout");
  if (!data.stages.empty()) charts.push_back("waves per stage");
  if (!data.executors_over_time.empty()) charts.push_back("executors over time");
  if (!data.task_times.empty()) charts.push_back("task time per stage");
  out += "_Charts";
  if (!charts.empty()) {
    out += " (";
    for (std::size_t i = 0; i < charts.size(); ++i) out += (i ? ", " : "") + charts[i];
    out += ")";
  }
  out += " are in the HTML report";
  if (!data.html_report_name.empty())
    out += " " + code(data.html_report_name);
  else
    out += " (`--report FILE.html`)";
  out += ": GitHub does not show inline SVG._\n";
  return out;
}

}  // namespace sparkfit::output
