// The report: one self-contained HTML page (inline CSS and SVG drawn here, no scripts, fonts,
// images or URLs of any kind) and its GitHub-flavoured Markdown sibling, from plain data that
// `recommend`, `predict`, `review` and `analyze` fill in.
//
// Everything is deterministic: the same ReportData gives the same bytes (numbers are written with
// fixed precision, nothing reads the clock or the locale). Every text inserted is escaped.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sparkfit/rules/finding.hpp"

namespace sparkfit::report {

// One evaluated candidate in the cost-versus-runtime chart.
struct Point {
  std::string label;      // "10 x r5.4xlarge, 5-core executors, 4000 shuffle partitions"
  std::string group;      // platform or instance family: one colour per group
  double runtime_s = 0;
  double cost_usd = 0;    // with ReportData::priced == false: core-hours
  bool pareto = false, recommended = false, current = false, feasible = true;
};

// A region of one executor container, to scale: reserved, user, storage, execution, survivor
// (Parallel GC's hidden survivor space), overhead, and any off-heap or pyspark memory.
struct Region {
  std::string name;
  std::int64_t mib = 0;
};

// The executor layout of one configuration, drawn the way Spark courses draw it.
struct NodeDrawing {
  std::string instance;              // "r5.4xlarge", or "16 cores x 64 GiB" for a generic YARN node
  int nodes = 0;
  int vcpus = 0;
  std::int64_t yarn_mib = 0;         // what YARN hands out on a node
  int executors_per_node = 0;
  int executor_cores = 0;
  std::int64_t container_mib = 0;
  std::vector<Region> regions;       // of one container, in drawing order
  int idle_cores = 0;                // per node
  std::int64_t idle_mib = 0;         // per node
  int am_executors_displaced = 0;    // executors the AM (cluster mode: the driver) takes the place of, on one node
  // The platform's words: what a node hands out, what an executor runs in, what displaces one.
  // Kubernetes: "cores" (the whole allocatable cores), "allocatable memory", "pod", "the driver pod".
  std::string cores_name = "vCPU";
  std::string memory_name = "YARN memory";
  std::string container_name = "container";
  std::string am_name = "the YARN application master (in cluster mode, the driver)";
  std::string am_short_name = "the AM";
  int task_slots = 0;                // whole cluster; 0: nodes x executors x cores - displaced
};

// One stage of the job: its tasks against the cluster's slots.
struct StageBar {
  std::string name;
  std::int64_t tasks = 0;
  int slots = 0;
  std::int64_t waves = 0;
  double time_s = 0;
  double spill_bytes = 0;
  bool skewed = false;               // highlighted (a task far above the median)
};


struct Setting {
  std::string key, value, why;
};

// `analyze`: executors alive over time (a step line; each sample holds until the next).
struct ExecutorSample {
  double t_s = 0;
  int executors = 0;
};

// `analyze`: task-time distribution of one stage (a box per stage: min, quartiles, max).
struct TaskTimes {
  std::string stage;
  double min_s = 0, p25_s = 0, median_s = 0, p75_s = 0, max_s = 0;
  double spill_bytes = 0;
  bool skewed = false;
};

struct ReportData {
  std::string title, subtitle, command, sparkfit_version;
  std::vector<Point> points;
  std::optional<double> deadline_s, budget_usd;
  bool priced = true;                 // false: the cost axis is core-hours (generic YARN clusters)
  bool minimize_runtime = false;      // which points to keep when there are too many to draw
  std::int64_t evaluated = 0;         // candidates evaluated (0: points.size())
  std::size_t max_points = 2000;      // drawn: the Pareto front + the marked + the best this many
  std::optional<NodeDrawing> layout;
  std::vector<StageBar> stages;
  std::vector<Setting> settings;
  std::vector<rules::Finding> findings;
  std::vector<std::string> notes;
  std::vector<ExecutorSample> executors_over_time;  // analyze
  std::vector<TaskTimes> task_times;                // analyze
  std::string html_report_name;       // markdown: the HTML report to point to ("" = a generic pointer)
};

std::string render_html(const ReportData& data);      // one self-contained page
std::string render_markdown(const ReportData& data);  // tables and findings, pointer to the HTML report

// ---- Chart geometry, exposed so that tests can check where things are drawn ----

// A value axis: maps a value in [lo, hi] onto [px_lo, px_hi] (viewBox units), linearly or on a
// log10 scale. For the y axis px_lo is the bottom of the plot (SVG y grows downwards).
struct Axis {
  double lo = 0, hi = 1;
  bool log = false;
  double px_lo = 0, px_hi = 1;
  double map(double value) const;
};

// An axis over the values (all must be > 0 for a log scale): log when max / min exceeds 10,
// padded so that no point sits on the frame.
Axis make_axis(const std::vector<double>& values, double px_lo, double px_hi);

struct Ticks {
  std::vector<double> values;
  std::vector<std::string> labels;
};
// Ticks in human units (`12 min`, `$3.40`, `40 core-h`) whose labels, at font_size, keep clear of
// each other: side by side on a horizontal axis, one above the other on a vertical one.
enum class Unit { seconds, usd, core_hours, count };
Ticks make_ticks(const Axis& axis, Unit unit, double font_size, bool horizontal);

// Human tick text: `45 s`, `12 min`, `1 h 30 min`; `$3.40`, `$120`; `40 core-h`.
std::string format_tick(double value, Unit unit);

// The scatter chart's frame at one drawing width (the page draws it at kWide and kNarrow and shows
// one per screen width).
inline constexpr double kWide = 960;
inline constexpr double kNarrow = 400;
struct ScatterGeometry {
  double width = 0, height = 0;
  double plot_left = 0, plot_top = 0, plot_right = 0, plot_bottom = 0;
  Axis x, y;  // x: runtime (s); y: cost (USD, or core-hours when not priced)
};
ScatterGeometry scatter_geometry(const ReportData& data, double width);

// Indices of data.points that the chart draws: every Pareto, recommended and current point, then
// the best by the objective up to max_points, in the order of data.points.
std::vector<std::size_t> drawn_points(const ReportData& data);

// Text escaping for HTML and SVG (&, <, >, ", ') and for Markdown table cells.
std::string escape_html(std::string_view text);
std::string escape_markdown(std::string_view text);

}  // namespace sparkfit::report
