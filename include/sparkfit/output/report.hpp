// The report's writers: one self-contained HTML page (inline CSS and SVG drawn here, no scripts,
// fonts, images or URLs of any kind) and its GitHub-flavoured Markdown sibling, from a
// report::ReportData.
//
// Everything is deterministic: the same ReportData gives the same bytes (numbers are written with
// fixed precision, nothing reads the clock or the locale). Every text inserted is escaped.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "sparkfit/report/report.hpp"

namespace sparkfit::output {

std::string report_html(const report::ReportData& data);      // one self-contained page
std::string report_markdown(const report::ReportData& data);  // tables and findings, pointer to the HTML report

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
ScatterGeometry scatter_geometry(const report::ReportData& data, double width);

// Indices of data.points that the chart draws: every Pareto, recommended and current point, then
// the best by the objective up to max_points, in the order of data.points.
std::vector<std::size_t> drawn_points(const report::ReportData& data);

// Text escaping for HTML and SVG (&, <, >, ", ') and for Markdown table cells.
std::string escape_html(std::string_view text);
std::string escape_markdown(std::string_view text);

}  // namespace sparkfit::output
