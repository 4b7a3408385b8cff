// The HTML report: one self-contained page. Inline CSS (light, dark, print, phone) and inline SVG;
// no scripts, fonts, images or URLs. Every chart is drawn twice, for a wide and a narrow screen,
// and CSS shows the one that fits; every number in a chart is also in a table beneath it.
#include <algorithm>
#include <cmath>

#include "output/report_draw.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::output {
namespace {

using detail::fixed;
using detail::thousands;

constexpr const char* kStyle = R"CSS(
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1c232b;--muted:#5d6874;--line:#dde2e8;--grid:#eceff3;--frame:#a3acb7;
--card:#f4f6f8;--accent:#0b63c1;--warn:#b0480a;--error:#b42318;--ok:#1d7a4f;--idle:#cfd4da;--halo:#ffffff;
--c0:#2f6db5;--c1:#e08600;--c2:#23966b;--c3:#c2417a;--c4:#6a55c4;--c5:#2fa0c4;--c6:#a8561f;--c7:#7c8a14;--c8:#d3559b;--c9:#8b949e;
--reserved:#8d6e63;--user:#e3a21a;--storage:#3b82c4;--execution:#2a9d6f;--survivor:#b6a4d6;--overhead:#c94f7c;--offheap:#6a55c4;--pyspark:#3f9fb5}
@media (prefers-color-scheme:dark){:root{--bg:#14181d;--fg:#e4e8ed;--muted:#9aa5b1;--line:#2e353d;--grid:#232a31;--frame:#56606b;
--card:#1c2228;--accent:#6aa7ec;--warn:#f0a05a;--error:#f47067;--ok:#56c08b;--idle:#3a424b;--halo:#14181d;
--c0:#6aa7ec;--c1:#f2a93b;--c2:#4cc392;--c3:#ea78a8;--c4:#a293ee;--c5:#5cc6e6;--c6:#d88b55;--c7:#b3c24a;--c8:#f08cc4;--c9:#8b949e;
--reserved:#b0918a;--user:#f0bb4a;--storage:#6aa7ec;--execution:#4cc392;--survivor:#c9bbe6;--overhead:#ea78a8;--offheap:#a293ee;--pyspark:#6cc4d6}}
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1120px;margin:0 auto;padding:24px 28px 40px}
h1{font-size:1.6rem;line-height:1.25;margin:0 0 4px}
h2{font-size:1.2rem;margin:36px 0 6px;padding-top:12px;border-top:1px solid var(--line)}
h3{font-size:1rem;margin:18px 0 6px}
p{margin:6px 0}
.sub{color:var(--muted);margin:0 0 8px}
code,pre{font-family:ui-monospace,"SFMono-Regular",Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.86em}
.cmd{background:var(--card);border:1px solid var(--line);border-radius:6px;padding:8px 10px;overflow-x:auto;white-space:pre-wrap;word-break:break-word}
.cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(170px,1fr));gap:10px;margin:16px 0}
.card{background:var(--card);border:1px solid var(--line);border-radius:8px;padding:10px 12px}
.card .k{color:var(--muted);font-size:.8rem;text-transform:uppercase;letter-spacing:.04em}
.card .v{font-size:1.15rem;font-weight:600;font-variant-numeric:tabular-nums}
.card.wide{grid-column:1/-1}
.card.wide .v{font-size:1.05rem}
.caption{color:var(--muted);font-size:.9rem}
figure{margin:12px 0}
svg.chart{display:block;width:100%;height:auto;overflow:visible}
svg.narrow{display:none}
@media (max-width:640px){main{padding:16px 14px 32px}svg.wide{display:none}svg.narrow{display:block}h1{font-size:1.3rem}}
.scroll{overflow-x:auto;margin:8px 0}
table{border-collapse:collapse;width:100%;font-size:.88rem;font-variant-numeric:tabular-nums}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid var(--line);vertical-align:top}
th{font-weight:600;color:var(--muted);white-space:nowrap}
td.n,th.n{text-align:right;white-space:nowrap}
td.why{color:var(--muted);min-width:16em}
table.kv{width:auto;min-width:min(100%,28em)}
tr.rec td{font-weight:600}
details summary{cursor:pointer;color:var(--accent);margin:6px 0}
.tag{display:inline-block;font-size:.75rem;padding:0 6px;border-radius:10px;border:1px solid currentColor;margin-left:4px;white-space:nowrap}
.tag.rec{color:var(--accent)}.tag.cur{color:var(--warn)}
ul.findings{list-style:none;padding:0;margin:8px 0}
ul.findings li{border-left:4px solid var(--line);padding:6px 10px;margin:6px 0;background:var(--card);border-radius:0 6px 6px 0;overflow-wrap:anywhere}
#notes li{overflow-wrap:anywhere}
ul.findings li.error{border-color:var(--error)}ul.findings li.warning{border-color:var(--warn)}ul.findings li.info{border-color:var(--accent)}
.sev{font-weight:600;text-transform:uppercase;font-size:.75rem;letter-spacing:.04em;margin-right:6px}
.sev.error{color:var(--error)}.sev.warning{color:var(--warn)}.sev.info,.sev.style{color:var(--accent)}
.rule{font-family:ui-monospace,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.82rem;color:var(--muted);margin-right:6px}
.where{font-family:ui-monospace,Menlo,Consolas,"DejaVu Sans Mono",monospace;font-size:.82rem;color:var(--muted);margin-right:6px}
.fix{color:var(--muted);font-size:.9rem;margin-top:2px}
footer{margin-top:40px;color:var(--muted);font-size:.82rem;border-top:1px solid var(--line);padding-top:10px}
.chart text{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif;font-size:12px;fill:var(--fg)}
.chart text.tick,.chart text.small,.chart text.stage-detail,.chart text.guide-label,.chart .muted{fill:var(--muted)}
.chart text.small,.chart text.stage-detail,.chart text.guide-label{font-size:11px}
.chart text.axis-title,.chart text.node-label,.chart text.section-label,.chart text.stage-name{font-weight:600}
.chart text.mark-label,.chart text.guide-label{paint-order:stroke;stroke:var(--halo);stroke-width:4px;stroke-linejoin:round}
.chart .warn,.chart text.warn,.chart tspan.warn{fill:var(--warn)}
.chart .gridline{stroke:var(--grid);stroke-width:1}
.chart .frame{fill:none;stroke:var(--frame);stroke-width:1}
.chart .guide{stroke:var(--muted);stroke-width:1.4;stroke-dasharray:6 4}
.chart .pareto{fill:none;stroke:var(--fg);stroke-width:1.6;stroke-linejoin:round;opacity:.75}
.chart .pt{stroke:none;opacity:.55}
.chart .pt.pf{opacity:1;stroke:var(--bg);stroke-width:1}
.chart .pt.inf{fill:none;stroke:var(--c9);stroke-width:1;opacity:.7}
.chart .mark{fill:none;stroke-width:2.4}
.chart .mark.rec{stroke:var(--accent)}
.chart .mark.cur{stroke:var(--warn);stroke-dasharray:3 2}
.chart text.recommended{fill:var(--accent)}
.chart text.current{fill:var(--warn)}
.g0{fill:var(--c0)}.g1{fill:var(--c1)}.g2{fill:var(--c2)}.g3{fill:var(--c3)}.g4{fill:var(--c4)}.g5{fill:var(--c5)}.g6{fill:var(--c6)}.g7{fill:var(--c7)}.g8{fill:var(--c8)}.g9{fill:var(--c9)}
.chart .node{fill:var(--card);stroke:var(--frame);stroke-width:1.2}
.chart .node-shadow{fill:var(--bg);stroke:var(--frame);stroke-width:1}
.chart .jvm{fill:var(--bg);stroke:var(--accent);stroke-width:1.3}
.chart .jvm.more{stroke-dasharray:4 3}
.chart .slot{fill:var(--accent)}
.chart .idle-cell{fill:none;stroke:var(--idle);stroke-width:1.3;stroke-dasharray:4 3}
.chart .slot.idle-slot,.chart .idle-mem{fill:var(--idle)}
.chart .container{fill:var(--accent);opacity:.85}.chart .container.alt{opacity:.6}
.r-reserved{fill:var(--reserved)}.r-user{fill:var(--user)}.r-storage{fill:var(--storage)}.r-execution{fill:var(--execution)}
.r-survivor{fill:var(--survivor)}.r-overhead{fill:var(--overhead)}.r-off-heap{fill:var(--offheap)}.r-pyspark{fill:var(--pyspark)}
.chart .track{fill:var(--grid)}
.chart .wave{fill:var(--accent)}
.chart .wave.spill{fill:var(--warn)}
.chart .wave.skew{fill:var(--error)}
.chart .wave-empty{fill:none;stroke:var(--frame);stroke-width:.8;stroke-dasharray:2 2}
.chart .step{fill:none;stroke:var(--accent);stroke-width:2}
.chart .whisker,.chart .median{stroke:var(--fg);stroke-width:1.4}
.chart .iqr{fill:var(--accent);opacity:.7}
.chart .box.skew .iqr,.chart .box.spill .iqr{fill:var(--warn)}
@media print{
:root{--bg:#fff;--fg:#000;--muted:#444;--card:#fff;--halo:#fff}
body{font-size:11pt}main{max-width:none;padding:0}
svg.wide{display:block!important}svg.narrow{display:none!important}
figure,table,ul.findings li,.card{break-inside:avoid}
h2{break-after:avoid}
details{display:block}details>summary{display:none}
*{-webkit-print-color-adjust:exact;print-color-adjust:exact}
}
)CSS";

std::string h(std::string_view text) { return escape_html(text); }

std::string cost_cell(const ReportData& data, double value) { return detail::cost_text(value, data.priced); }

std::string figure(const std::string& wide, const std::string& narrow) {
  if (wide.empty()) return "";
  return "<figure>" + wide + narrow + "</figure>\n";
}

std::string point_row(const ReportData& data, const Point& p) {
  std::string tags;
  if (p.recommended) tags += "<span class=\"tag rec\">recommended</span>";
  if (p.current) tags += "<span class=\"tag cur\">current</span>";
  if (!p.feasible) tags += "<span class=\"tag\">cannot run</span>";
  std::string cls = p.recommended ? " class=\"rec\"" : "";
  return "<tr" + cls + " data-runtime-s=\"" + units::format_number(p.runtime_s) + "\" data-cost-usd=\"" +
         units::format_number(p.cost_usd) + "\"><td>" + h(p.label) + tags + "</td><td>" + h(p.group) +
         "</td><td class=\"n\">" + h(units::format_duration(p.runtime_s)) + "</td><td class=\"n\">" +
         h(cost_cell(data, p.cost_usd)) + "</td></tr>\n";
}

std::string points_table(const ReportData& data, const std::vector<std::size_t>& rows, std::string_view id) {
  std::string out = "<div class=\"scroll\"><table id=\"" + std::string(id) +
                    "\"><thead><tr><th>configuration</th><th>group</th><th class=\"n\">runtime</th><th class=\"n\">" +
                    (data.priced ? "cost" : "core-hours") + "</th></tr></thead><tbody>\n";
  for (std::size_t i : rows) out += point_row(data, data.points[i]);
  return out + "</tbody></table></div>\n";
}

void tradeoff_section(const ReportData& data, std::string& out) {
  std::vector<std::size_t> drawn = drawn_points(data);
  if (drawn.empty()) return;
  std::int64_t evaluated = data.evaluated > 0 ? data.evaluated : static_cast<std::int64_t>(data.points.size());
  std::size_t pareto = 0, infeasible = 0;
  for (const Point& p : data.points) {
    pareto += p.pareto ? 1 : 0;
    infeasible += p.feasible ? 0 : 1;
  }
  ScatterGeometry g = scatter_geometry(data, kWide);
  out += "<section id=\"tradeoff\"><h2>Cost against runtime</h2>\n<p class=\"caption\">" + thousands(evaluated) +
         " candidates evaluated; " + thousands(static_cast<std::int64_t>(drawn.size())) + " drawn (" +
         (drawn.size() < static_cast<std::size_t>(evaluated)
              ? "the Pareto front, the marked ones and the best by the objective"
              : "all of them") +
         "); " + thousands(static_cast<std::int64_t>(pareto)) +
         " on the Pareto front (no other candidate is both faster and cheaper)";
  if (infeasible > 0) out += "; " + thousands(static_cast<std::int64_t>(infeasible)) + " cannot run";
  out += ".";
  if (g.x.log || g.y.log)
    out += std::string(" Log scale on ") +
           (g.x.log && g.y.log ? "both axes"
            : g.x.log          ? "the runtime axis"
                               : "the cost axis") +
           ": the values span more than ten times.";
  if (!data.priced) out += " Cost is in core-hours: this cluster has no price.";
  out += "</p>\n";
  out += figure(detail::scatter_svg(data, kWide, "wide"), detail::scatter_svg(data, kNarrow, "narrow"));

  std::vector<std::size_t> front;
  for (std::size_t i : drawn)
    if (data.points[i].pareto || data.points[i].recommended || data.points[i].current) front.push_back(i);
  std::stable_sort(front.begin(), front.end(),
                   [&](std::size_t a, std::size_t b) { return data.points[a].runtime_s < data.points[b].runtime_s; });
  // A long front goes in a fold; the marked points and the front's two ends stay in view.
  if (front.size() <= 12) {
    out += "<h3>The Pareto front and the marked configurations</h3>\n" + points_table(data, front, "pareto-table");
  } else {
    std::vector<std::size_t> shown;
    for (std::size_t k = 0; k < front.size(); ++k) {
      const Point& p = data.points[front[k]];
      if (p.recommended || p.current || (p.pareto && (k == 0 || k + 1 == front.size()))) shown.push_back(front[k]);
    }
    out += "<h3>The marked configurations and the ends of the Pareto front</h3>\n" +
           points_table(data, shown, "marked-table");
    out += "<details><summary>The Pareto front (" + thousands(static_cast<std::int64_t>(pareto)) +
           (front.size() > pareto ? ") and the marked configurations" : ")") + "</summary>\n" +
           points_table(data, front, "pareto-table") + "</details>\n";
  }
  out += "<details><summary>Every candidate drawn (" + thousands(static_cast<std::int64_t>(drawn.size())) +
         ")</summary>\n" + points_table(data, drawn, "points-table") + "</details>\n</section>\n";
}

void layout_section(const ReportData& data, std::string& out) {
  if (!data.layout) return;
  const NodeDrawing& l = *data.layout;
  int slots =
      l.task_slots > 0 ? l.task_slots : (l.nodes * l.executors_per_node - l.am_executors_displaced) * l.executor_cores;
  out += "<section id=\"layout\"><h2>Executor layout</h2>\n<p class=\"caption\">" + std::to_string(l.nodes) + " x " +
         h(l.instance) + ": each node runs " + text::plural(l.executors_per_node, "executor JVM") + " of " +
         std::to_string(l.executor_cores) + " cores (a square is a task slot) in " + thousands(l.container_mib) +
         " MiB " + h(l.container_name) + "s, " + thousands(slots) + " task slots in all.";
  if (l.am_executors_displaced > 0)
    out += " On one node " + h(l.am_name) + " takes the place of " +
           text::plural(l.am_executors_displaced, "executor") + ".";
  if (l.idle_cores > 0 || l.idle_mib > 0)
    out += " Grey: what no executor uses on a node (" + std::to_string(l.idle_cores) + " " + h(l.cores_name) + ", " +
           thousands(l.idle_mib) + " MiB).";
  out += "</p>\n";
  out += figure(detail::layout_svg(l, kWide, "wide"), detail::layout_svg(l, kNarrow, "narrow"));
  out += "<div class=\"scroll\"><table class=\"kv\" id=\"layout-table\"><tbody>\n";
  auto row = [&](std::string_view k, const std::string& v) {
    out += "<tr><th>" + h(k) + "</th><td class=\"n\">" + h(v) + "</td></tr>\n";
  };
  row("instance", l.instance);
  row("nodes", std::to_string(l.nodes));
  row(l.cores_name + " per node", std::to_string(l.vcpus));
  row(l.memory_name + " per node", thousands(l.yarn_mib) + " MiB");
  row("executors per node", std::to_string(l.executors_per_node));
  row("cores per executor", std::to_string(l.executor_cores));
  row(l.container_name, thousands(l.container_mib) + " MiB");
  row("task slots", thousands(slots));
  row("idle per node", std::to_string(l.idle_cores) + " " + l.cores_name + ", " + thousands(l.idle_mib) + " MiB");
  if (l.am_executors_displaced > 0)
    row("executors displaced by " + l.am_short_name, std::to_string(l.am_executors_displaced));
  out += "</tbody></table></div>\n";
  if (!l.regions.empty()) {
    std::int64_t sum = 0;
    for (const Region& r : l.regions) sum += r.mib;
    out += "<div class=\"scroll\"><table class=\"kv\" id=\"regions-table\"><thead><tr><th>memory region (one " +
           h(l.container_name) +
           ")</th><th "
           "class=\"n\">MiB</th><th class=\"n\">share</th></tr></thead><tbody>\n";
    for (const Region& r : l.regions)
      out += "<tr><td>" + h(r.name) + "</td><td class=\"n\">" + thousands(r.mib) + "</td><td class=\"n\">" +
             (sum > 0 ? fixed(100.0 * static_cast<double>(r.mib) / static_cast<double>(sum), 1) : std::string("0.0")) +
             "%</td></tr>\n";
    out += "</tbody></table></div>\n";
  }
  out += "</section>\n";
}

void stages_section(const ReportData& data, std::string& out) {
  if (data.stages.empty()) return;
  const bool timed =
      std::any_of(data.stages.begin(), data.stages.end(), [](const StageBar& s) { return s.time_s > 0; });
  out +=
      "<section id=\"parallelism\"><h2>Parallelism: tasks, slots and waves</h2>\n<p class=\"caption\">Each bar is a "
      "stage's " +
      std::string(timed ? "time, split into its waves" : "waves, one block each") +
      ": a wave runs as many "
      "tasks as there are slots; a lower last block is a last wave that leaves slots idle. Orange: the stage spills to "
      "disk; "
      "red: skewed.</p>\n";
  out += figure(detail::stages_svg(data.stages, kWide, "wide"), detail::stages_svg(data.stages, kNarrow, "narrow"));
  out +=
      "<div class=\"scroll\"><table id=\"stages-table\"><thead><tr><th>stage</th><th class=\"n\">tasks</th><th "
      "class=\"n\">slots</th><th class=\"n\">waves</th><th class=\"n\">time</th><th class=\"n\">spill</th></tr></thead>"
      "<tbody>\n";
  for (const StageBar& s : data.stages)
    out += "<tr><td>" + h(s.name) + (s.skewed ? "<span class=\"tag cur\">skewed</span>" : "") +
           "</td><td class=\"n\">" + thousands(s.tasks) + "</td><td class=\"n\">" + thousands(s.slots) +
           "</td><td class=\"n\">" + thousands(s.waves) + "</td><td class=\"n\">" +
           (s.time_s > 0 ? h(units::format_duration(s.time_s)) : std::string("-")) + "</td><td class=\"n\">" +
           (s.spill_bytes > 0 ? h(units::format_size(static_cast<std::int64_t>(s.spill_bytes))) : std::string("-")) +
           "</td></tr>\n";
  out += "</tbody></table></div>\n</section>\n";
}

void analyze_sections(const ReportData& data, std::string& out) {
  if (!data.executors_over_time.empty()) {
    out += "<section id=\"executors\"><h2>Executors over time</h2>\n";
    out += figure(detail::executors_svg(data.executors_over_time, kWide, "wide"),
                  detail::executors_svg(data.executors_over_time, kNarrow, "narrow"));
    out += "<details><summary>The samples (" + std::to_string(data.executors_over_time.size()) +
           ")</summary><div class=\"scroll\"><table id=\"executors-table\"><thead><tr><th class=\"n\">time</th><th "
           "class=\"n\">executors</th></tr></thead><tbody>\n";
    for (const ExecutorSample& s : data.executors_over_time)
      out += "<tr><td class=\"n\">" + h(units::format_duration(s.t_s)) + "</td><td class=\"n\">" +
             std::to_string(s.executors) + "</td></tr>\n";
    out += "</tbody></table></div></details>\n</section>\n";
  }
  if (!data.task_times.empty()) {
    out +=
        "<section id=\"task-times\"><h2>Task time per stage</h2>\n<p class=\"caption\">Line: shortest to longest "
        "task; box: the middle half; tick: the median. Orange: skewed or spilling.</p>\n";
    out += figure(detail::task_times_svg(data.task_times, kWide, "wide"),
                  detail::task_times_svg(data.task_times, kNarrow, "narrow"));
    out +=
        "<div class=\"scroll\"><table id=\"task-times-table\"><thead><tr><th>stage</th><th class=\"n\">min</th><th "
        "class=\"n\">p25</th><th class=\"n\">median</th><th class=\"n\">p75</th><th class=\"n\">max</th><th "
        "class=\"n\">spill</th></tr></thead><tbody>\n";
    for (const TaskTimes& t : data.task_times)
      out += "<tr><td>" + h(t.stage) + (t.skewed ? "<span class=\"tag cur\">skewed</span>" : "") +
             "</td><td class=\"n\">" + h(units::format_duration(t.min_s)) + "</td><td class=\"n\">" +
             h(units::format_duration(t.p25_s)) + "</td><td class=\"n\">" + h(units::format_duration(t.median_s)) +
             "</td><td class=\"n\">" + h(units::format_duration(t.p75_s)) + "</td><td class=\"n\">" +
             h(units::format_duration(t.max_s)) + "</td><td class=\"n\">" +
             (t.spill_bytes > 0 ? h(units::format_size(static_cast<std::int64_t>(t.spill_bytes))) : std::string("-")) +
             "</td></tr>\n";
    out += "</tbody></table></div>\n</section>\n";
  }
}

void waste_section(const ReportData& data, std::string& out) {
  if (data.waste.empty()) return;
  out +=
      "<section id=\"waste\"><h2>Waste by application</h2>\n<p class=\"caption\">Each bar is what an "
      "application's executors held (" +
      std::string(data.priced ? "dollars" : "core-hours") + "), orange the part no task used, most first.</p>\n";
  out += figure(detail::waste_svg(data.waste, data.priced, kWide, "wide"),
                detail::waste_svg(data.waste, data.priced, kNarrow, "narrow"));
  out +=
      "<div class=\"scroll\"><table id=\"waste-table\"><thead><tr><th>application</th><th class=\"n\">wasted</th>"
      "<th class=\"n\">held</th></tr></thead><tbody>\n";
  for (const WasteBar& b : data.waste)
    out += "<tr><td>" + h(b.label) + "<br><code>" + h(b.path) + "</code></td><td class=\"n\">" +
           h(cost_cell(data, b.wasted)) + "</td><td class=\"n\">" + h(cost_cell(data, b.held)) + "</td></tr>\n";
  out += "</tbody></table></div>\n</section>\n";
}

void summary(const ReportData& data, std::string& out) {
  const Point* rec = nullptr;
  const Point* cur = nullptr;
  for (const Point& p : data.points) {
    if (p.recommended && !rec) rec = &p;
    if (p.current && !cur) cur = &p;
  }
  if (!rec && !cur && !data.layout) return;
  out += "<div class=\"cards\" id=\"summary\">";
  auto card = [&](std::string_view k, const std::string& v, std::string_view extra = "") {
    out += "<div class=\"card" + std::string(extra) + "\"><div class=\"k\">" + h(k) + "</div><div class=\"v\">" + h(v) +
           "</div></div>";
  };
  const Point* main_point = rec ? rec : cur;
  if (main_point) {
    out += "<div class=\"card wide\" id=\"summary-point\" data-runtime-s=\"" +
           units::format_number(main_point->runtime_s) + "\" data-cost-usd=\"" +
           units::format_number(main_point->cost_usd) + "\"><div class=\"k\">" + (rec ? "recommended" : "current") +
           "</div><div class=\"v\">" + h(main_point->label) + "</div></div>";
    card("runtime", units::format_duration(main_point->runtime_s));
    card(data.priced ? "cost per run" : "core-hours per run", cost_cell(data, main_point->cost_usd));
  }
  if (rec && cur && cur != rec) {
    card("current runtime", units::format_duration(cur->runtime_s));
    card(data.priced ? "current cost" : "current core-hours", cost_cell(data, cur->cost_usd));
  }
  if (data.layout) {
    const NodeDrawing& l = *data.layout;
    card("cluster", std::to_string(l.nodes) + " x " + l.instance);
    card("executors", std::to_string(std::max(0, l.nodes * l.executors_per_node - l.am_executors_displaced)) + " x " +
                          std::to_string(l.executor_cores) + " cores");
  }
  std::string limits;
  if (data.deadline_s) limits = format_tick(*data.deadline_s, Unit::seconds);
  if (data.budget_usd) limits += (limits.empty() ? "" : " \xC2\xB7 ") + format_tick(*data.budget_usd, Unit::usd);
  if (!limits.empty())
    card(data.deadline_s && data.budget_usd ? "deadline \xC2\xB7 budget"
         : data.deadline_s                  ? "deadline"
                                            : "budget",
         limits);
  out += "</div>\n";
}

}  // namespace

std::string report_html(const ReportData& data) {
  std::string out;
  out.reserve(64 * 1024 + data.points.size() * 400);
  std::string title = data.title.empty() ? std::string("sparkfit report") : data.title;
  out +=
      "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
      // Nothing may load: the page is self-contained, and the browser enforces it.
      "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n"
      "<meta name=\"color-scheme\" content=\"light dark\">\n<meta name=\"generator\" content=\"sparkfit " +
      h(data.sparkfit_version) + "\">\n<title>" + h(title) + "</title>\n<style>" + kStyle +
      "</style>\n</head>\n<body>\n<main>\n";
  out += "<header><h1>" + h(title) + "</h1>\n";
  if (!data.subtitle.empty()) out += "<p class=\"sub\">" + h(data.subtitle) + "</p>\n";
  if (!data.command.empty()) out += "<pre class=\"cmd\"><code>$ " + h(data.command) + "</code></pre>\n";
  out += "</header>\n";
  summary(data, out);
  tradeoff_section(data, out);
  layout_section(data, out);
  stages_section(data, out);
  analyze_sections(data, out);
  waste_section(data, out);
  if (!data.settings.empty()) {
    out +=
        "<section id=\"settings\"><h2>Settings, and why</h2>\n<div class=\"scroll\"><table "
        "id=\"settings-table\"><thead>"
        "<tr><th>setting</th><th>value</th><th>why</th></tr></thead><tbody>\n";
    for (const Setting& s : data.settings)
      out += "<tr><td><code>" + h(s.key) + "</code></td><td><code>" + h(s.value) + "</code></td><td class=\"why\">" +
             h(s.why) + "</td></tr>\n";
    out += "</tbody></table></div>\n</section>\n";
  }
  if (!data.findings.empty()) {
    out += "<section id=\"findings\"><h2>Findings</h2>\n<ul class=\"findings\">\n";
    for (const rules::Finding& f : data.findings) {
      const std::string sev(rules::severity_name(f.severity));
      out += "<li class=\"" + sev + "\"><span class=\"sev " + sev + "\">" + h(sev) + "</span>";
      if (!f.id.empty()) out += "<span class=\"rule\">" + h(f.id) + "</span>";
      if (!f.place.file.empty()) out += "<span class=\"where\">" + h(rules::place_text(f.place)) + "</span>";
      out += h(f.message);
      if (!f.fix.empty()) out += "<div class=\"fix\">fix: " + h(f.fix) + "</div>";
      out += "</li>\n";
    }
    out += "</ul>\n</section>\n";
  }
  if (!data.notes.empty()) {
    out += "<section id=\"notes\"><h2>Notes</h2>\n<ul>\n";
    for (const std::string& n : data.notes) out += "<li>" + h(n) + "</li>\n";
    out += "</ul>\n</section>\n";
  }
  out += "<footer>Drawn by sparkfit " + h(data.sparkfit_version) +
         ". This page is self-contained: no scripts, fonts or images are fetched, and it reads the same "
         "offline.</footer>\n"
         "</main>\n</body>\n</html>\n";
  return out;
}

}  // namespace sparkfit::output
