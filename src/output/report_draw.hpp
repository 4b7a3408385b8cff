// Shared pieces of the report's renderers: fixed-precision numbers, text width estimates, label
// placement and the SVG drawings. Internal to src/output/report_*.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "sparkfit/output/report.hpp"
#include "sparkfit/report/report.hpp"

namespace sparkfit::output {

// The page model's parts, by their short names in the report's writers.
using report::ExecutorSample;
using report::NodeDrawing;
using report::Point;
using report::Region;
using report::ReportData;
using report::Setting;
using report::StageBar;
using report::TaskTimes;
using report::WasteBar;

}  // namespace sparkfit::output

namespace sparkfit::output::detail {

// Chart text size in viewBox units (CSS sets the same on every chart's <text>).
inline constexpr double kFont = 12;
inline constexpr double kSmallFont = 11;

// `value` with exactly `decimals` digits after the point, locale-free, never "-0.0".
std::string fixed(double value, int decimals);

// 1234567 -> "1,234,567".
std::string thousands(std::int64_t value);

// A generous estimate of the rendered width of `text` at `font_size` (sans-serif), so that boxes
// placed by it do not overlap in the browser.
double text_width(std::string_view text, double font_size);

// `text` cut to fit `max_width` with an ellipsis.
std::string fit_text(std::string_view text, double font_size, double max_width);

struct Box {
  double left = 0, top = 0, right = 0, bottom = 0;
  bool intersects(const Box& other, double margin = 0) const;
  bool inside(const Box& outer) const;
};

// The box of a text at (x, baseline y) with the given anchor ("start", "middle", "end").
Box text_box(double x, double y, std::string_view text, double font_size, std::string_view anchor);

// A <text> element: escaped content, fixed coordinates.
std::string svg_text(double x, double y, std::string_view text, std::string_view cls, std::string_view anchor = "start",
                     std::string_view id = "");

// Colour class of a group ("g0".."g8"; "g9" for every group past the ninth).
std::vector<std::string> group_order(const ReportData& data);
std::string group_class(const std::vector<std::string>& groups, const std::string& group);

// The SVG drawings; each is one <svg> with a viewBox `width` wide, or "" when there is nothing to draw.
// `variant` ("wide" / "narrow") prefixes every id.
std::string scatter_svg(const ReportData& data, double width, std::string_view variant);
std::string layout_svg(const NodeDrawing& layout, double width, std::string_view variant);
std::string stages_svg(const std::vector<StageBar>& stages, double width, std::string_view variant);
std::string executors_svg(const std::vector<ExecutorSample>& samples, double width, std::string_view variant);
std::string task_times_svg(const std::vector<TaskTimes>& stages, double width, std::string_view variant);
// analyze of a fleet: one bar per application, its waste against what it held.
std::string waste_svg(const std::vector<WasteBar>& bars, bool priced, double width, std::string_view variant);

// Region colour class by name (reserved, user, storage, execution, survivor, overhead, ...).
std::string region_class(std::string_view name, std::size_t index);

// Human figures for tables and captions.
std::string cost_text(double value, bool priced);

}  // namespace sparkfit::output::detail
