// Axes, ticks in human units, text measurement estimates and escaping: the arithmetic under the
// report's drawings, kept apart so that tests can check where things land.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

#include "output/report_draw.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::output {

// ---- Escaping ----

// Control characters are shown escaped (text::printable), as in every other format.
std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text::printable(text, text::Newlines::keep)) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string escape_markdown(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text::printable(text, text::Newlines::keep)) {
    switch (c) {
      case '\\':
      case '`':
      case '*':
      case '_':
      case '[':
      case ']':
      case '<':
      case '>':
      case '|':
      case '~':
      case '&':
      case '#':
        out += '\\';
        out += c;
        break;
      case '\n':
      case '\r':
      case '\t': out += ' '; break;
      default: out += c;
    }
  }
  return out;
}

// ---- Axes ----

double Axis::map(double value) const {
  double t = 0;
  if (log) {
    double v = std::max(value, std::numeric_limits<double>::min());
    t = (std::log10(v) - std::log10(lo)) / (std::log10(hi) - std::log10(lo));
  } else {
    t = (value - lo) / (hi - lo);
  }
  return px_lo + t * (px_hi - px_lo);
}

Axis make_axis(const std::vector<double>& values, double px_lo, double px_hi) {
  Axis axis;
  axis.px_lo = px_lo;
  axis.px_hi = px_hi;
  double min = std::numeric_limits<double>::infinity();
  double max = -std::numeric_limits<double>::infinity();
  for (double v : values) {
    if (!std::isfinite(v)) continue;
    min = std::min(min, v);
    max = std::max(max, v);
  }
  if (!std::isfinite(min)) {
    min = 0;
    max = 1;
  }
  if (min > 0 && max / min > 10) {
    axis.log = true;
    double pad = std::max(1.06, std::pow(max / min, 0.04));
    axis.lo = min / pad;
    axis.hi = max * pad;
    return axis;
  }
  double span = max - min;
  if (span <= 0) span = max != 0 ? std::fabs(max) * 0.4 : 1;
  axis.lo = min - span * 0.06;
  axis.hi = max + span * 0.06;
  if (min >= 0 && axis.lo < 0) axis.lo = 0;
  return axis;
}

namespace {

std::string trim_zeros(std::string text) {
  if (text.find('.') == std::string::npos) return text;
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

// Every tick ladder as values of one "level": denser levels first.
std::vector<std::vector<double>> log_levels(const Axis& axis, Unit unit) {
  std::vector<std::vector<double>> levels;
  if (unit == Unit::seconds) {
    const std::vector<std::vector<double>> fixed_levels = {
        {1, 2, 5, 10, 20, 30, 60, 120, 300, 600, 1200, 1800, 3600, 7200, 18000, 36000, 72000, 86400, 172800, 432000},
        {1, 10, 30, 60, 300, 600, 1800, 3600, 18000, 36000, 86400, 432000},
        {1, 10, 60, 600, 3600, 36000, 86400, 864000},
        {1, 60, 3600, 86400, 864000}};
    for (const auto& level : fixed_levels) {
      std::vector<double> in;
      for (double v : level)
        if (v >= axis.lo && v <= axis.hi) in.push_back(v);
      // Below one second: decades.
      for (int e = -3; e < 0; ++e) {
        double v = std::pow(10.0, e);
        if (v >= axis.lo && v <= axis.hi) in.insert(in.begin(), v);
      }
      std::sort(in.begin(), in.end());
      levels.push_back(in);
    }
    return levels;
  }
  const std::vector<std::vector<double>> mantissas = {{1, 2, 5}, {1, 3}, {1}};
  int e_lo = static_cast<int>(std::floor(std::log10(axis.lo))) - 1;
  int e_hi = static_cast<int>(std::ceil(std::log10(axis.hi))) + 1;
  for (const auto& m : mantissas) {
    std::vector<double> in;
    for (int e = e_lo; e <= e_hi; ++e)
      for (double mant : m) {
        double v = mant * std::pow(10.0, e);
        if (v >= axis.lo && v <= axis.hi) in.push_back(v);
      }
    levels.push_back(in);
  }
  std::vector<double> every_other;
  for (int e = e_lo; e <= e_hi; ++e) {
    if (e % 2 != 0) continue;
    double v = std::pow(10.0, e);
    if (v >= axis.lo && v <= axis.hi) every_other.push_back(v);
  }
  levels.push_back(every_other);
  return levels;
}

std::vector<double> linear_steps(Unit unit) {
  std::vector<double> steps;
  if (unit == Unit::seconds) {
    for (double s :
         {0.1,   0.2,   0.5,    1.0,    2.0,    5.0,     10.0,    15.0,    30.0,    60.0,     120.0,    300.0,
          600.0, 900.0, 1800.0, 3600.0, 7200.0, 10800.0, 21600.0, 43200.0, 86400.0, 172800.0, 432000.0, 864000.0})
      steps.push_back(s);
    return steps;
  }
  for (int e = -4; e <= 9; ++e)
    for (double m : {1.0, 2.0, 2.5, 5.0}) {
      if (unit == Unit::count && e < 0) continue;
      steps.push_back(m * std::pow(10.0, e));
    }
  return steps;
}

bool labels_clear(const Axis& axis, const std::vector<double>& values, Unit unit, double font_size, bool horizontal) {
  for (std::size_t i = 1; i < values.size(); ++i) {
    double gap = std::fabs(axis.map(values[i]) - axis.map(values[i - 1]));
    double need = horizontal ? (detail::text_width(format_tick(values[i], unit), font_size) +
                                detail::text_width(format_tick(values[i - 1], unit), font_size)) /
                                       2 +
                                   font_size
                             : font_size * 1.8;
    if (gap < need) return false;
  }
  return true;
}

}  // namespace

std::string format_tick(double value, Unit unit) {
  switch (unit) {
    case Unit::seconds: {
      if (value < 1) return trim_zeros(detail::fixed(value, 3)) + " s";
      if (value < 60) return trim_zeros(detail::fixed(value, 1)) + " s";
      long total = std::lround(value);
      if (value < 3600) {
        long minutes = total / 60, seconds = total % 60;
        return seconds == 0 ? std::to_string(minutes) + " min"
                            : std::to_string(minutes) + " min " + std::to_string(seconds) + " s";
      }
      long hours = total / 3600, minutes = (total % 3600 + 30) / 60;
      if (minutes == 60) {
        ++hours;
        minutes = 0;
      }
      return minutes == 0 ? std::to_string(hours) + " h"
                          : std::to_string(hours) + " h " + std::to_string(minutes) + " min";
    }
    case Unit::usd: {
      double a = std::fabs(value);
      std::string sign = value < 0 ? "-" : "";
      if (a == 0) return "$0";
      if (a >= 1000) return sign + "$" + detail::thousands(std::llround(a));
      if (a >= 1 && std::fabs(a - std::round(a)) < 1e-9) return sign + "$" + detail::fixed(a, 0);
      if (a >= 0.01) return sign + "$" + detail::fixed(a, 2);
      return sign + "$" + trim_zeros(detail::fixed(a, 4));
    }
    case Unit::core_hours: {
      std::string number = std::fabs(value) >= 1000 ? detail::thousands(std::llround(value))
                                                    : trim_zeros(detail::fixed(value, std::fabs(value) >= 10 ? 0 : 2));
      return number + " core-h";
    }
    case Unit::count: return detail::thousands(std::llround(value));
  }
  return detail::fixed(value, 2);
}

Ticks make_ticks(const Axis& axis, Unit unit, double font_size, bool horizontal) {
  std::vector<double> chosen;
  if (axis.log) {
    std::vector<std::vector<double>> levels = log_levels(axis, unit);
    for (const auto& level : levels) {
      if (labels_clear(axis, level, unit, font_size, horizontal)) {
        chosen = level;
        break;
      }
    }
    if (chosen.empty() && !levels.empty() && !levels.back().empty()) chosen = {levels.back().front()};
  } else {
    for (double step : linear_steps(unit)) {
      std::vector<double> values;
      double first = std::ceil(axis.lo / step - 1e-9);
      double last = std::floor(axis.hi / step + 1e-9);
      if (last - first > 60) continue;
      for (double k = first; k <= last; k += 1) values.push_back(k * step);
      if (labels_clear(axis, values, unit, font_size, horizontal)) {
        chosen = values;
        break;
      }
    }
  }
  Ticks ticks;
  // Dollars read alike along one axis: "$2.50 $3.00 $3.50", not "$2.50 $3 $3.50".
  bool cents = false;
  if (unit == Unit::usd)
    for (double v : chosen) cents = cents || (v < 100 && std::fabs(v - std::round(v)) > 1e-9);
  for (double v : chosen) {
    ticks.values.push_back(v);
    ticks.labels.push_back(cents && v >= 0.01 && v < 100 ? "$" + detail::fixed(v, 2) : format_tick(v, unit));
  }
  return ticks;
}

std::vector<std::size_t> drawn_points(const ReportData& data) {
  auto drawable = [](const Point& p) {
    return std::isfinite(p.runtime_s) && std::isfinite(p.cost_usd) && p.runtime_s > 0 && p.cost_usd >= 0;
  };
  std::vector<std::size_t> kept;
  std::vector<std::size_t> rest;
  for (std::size_t i = 0; i < data.points.size(); ++i) {
    const Point& p = data.points[i];
    if (!drawable(p)) continue;
    if (p.pareto || p.recommended || p.current)
      kept.push_back(i);
    else
      rest.push_back(i);
  }
  auto key = [&](std::size_t i) {
    const Point& p = data.points[i];
    return data.minimize_runtime ? std::pair(p.runtime_s, p.cost_usd) : std::pair(p.cost_usd, p.runtime_s);
  };
  std::stable_sort(rest.begin(), rest.end(), [&](std::size_t a, std::size_t b) {
    bool fa = data.points[a].feasible, fb = data.points[b].feasible;
    if (fa != fb) return fa;
    return key(a) < key(b);
  });
  std::size_t room = data.max_points > kept.size() ? data.max_points - kept.size() : 0;
  if (rest.size() > room) rest.resize(room);
  kept.insert(kept.end(), rest.begin(), rest.end());
  std::sort(kept.begin(), kept.end());
  return kept;
}

namespace detail {

std::string fixed(double value, int decimals) {
  if (!std::isfinite(value)) return "0";
  double scale = std::pow(10.0, decimals);
  double rounded = std::round(value * scale) / scale;
  if (rounded == 0) rounded = 0;  // no "-0"
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, rounded, std::chars_format::fixed, decimals);
  if (ec != std::errc()) return "0";
  return std::string(buffer, end);
}

std::string thousands(std::int64_t value) {
  std::string digits = std::to_string(value < 0 ? -value : value);
  std::string out = value < 0 ? "-" : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

double text_width(std::string_view text, double font_size) {
  // Per-character widths in em for a typical sans-serif (DejaVu Sans, Liberation Sans, Arial),
  // rounded up; UTF-8 continuation bytes count nothing, other non-ASCII characters count wide.
  double em = 0;
  for (char ch : text) {
    unsigned char c = static_cast<unsigned char>(ch);
    if ((c & 0xC0) == 0x80) continue;
    if (c >= 0x80)
      em += 0.8;
    else if (c == ' ')
      em += 0.32;
    else if (c == 'i' || c == 'l' || c == 'j' || c == '.' || c == ',' || c == ':' || c == ';' || c == '\'' ||
             c == '|' || c == '!')
      em += 0.3;
    else if (c == 'f' || c == 't' || c == 'r' || c == '(' || c == ')' || c == '[' || c == ']' || c == '-' || c == '/')
      em += 0.42;
    else if (c == 'm' || c == 'w' || c == 'M' || c == 'W' || c == '@' || c == '%')
      em += 0.95;
    else if (c >= 'A' && c <= 'Z')
      em += 0.72;
    else
      em += 0.64;
  }
  return em * font_size;
}

std::string fit_text(std::string_view text, double font_size, double max_width) {
  if (text_width(text, font_size) <= max_width) return std::string(text);
  std::string cut(text);
  const std::string ellipsis = "\xE2\x80\xA6";  // U+2026
  while (!cut.empty() && text_width(cut + ellipsis, font_size) > max_width) {
    cut.pop_back();
    while (!cut.empty() && (static_cast<unsigned char>(cut.back()) & 0xC0) == 0x80) cut.pop_back();
    if (!cut.empty() && static_cast<unsigned char>(cut.back()) >= 0xC0) cut.pop_back();
  }
  return cut + ellipsis;
}

bool Box::intersects(const Box& other, double margin) const {
  return left < other.right + margin && other.left < right + margin && top < other.bottom + margin &&
         other.top < bottom + margin;
}

bool Box::inside(const Box& outer) const {
  return left >= outer.left && right <= outer.right && top >= outer.top && bottom <= outer.bottom;
}

Box text_box(double x, double y, std::string_view text, double font_size, std::string_view anchor) {
  double w = text_width(text, font_size);
  double left = anchor == "middle" ? x - w / 2 : anchor == "end" ? x - w : x;
  return Box{left, y - font_size * 0.95, left + w, y + font_size * 0.3};
}

std::string svg_text(double x, double y, std::string_view text, std::string_view cls, std::string_view anchor,
                     std::string_view id) {
  std::string out = "<text";
  if (!id.empty()) out += " id=\"" + escape_html(id) + "\"";
  if (!cls.empty()) out += " class=\"" + escape_html(cls) + "\"";
  out += " x=\"" + fixed(x, 1) + "\" y=\"" + fixed(y, 1) + "\"";
  if (anchor != "start") out += " text-anchor=\"" + std::string(anchor) + "\"";
  out += ">" + escape_html(text) + "</text>";
  return out;
}

std::vector<std::string> group_order(const ReportData& data) {
  std::vector<std::string> groups;
  for (const Point& p : data.points)
    if (std::find(groups.begin(), groups.end(), p.group) == groups.end()) groups.push_back(p.group);
  return groups;
}

std::string group_class(const std::vector<std::string>& groups, const std::string& group) {
  auto it = std::find(groups.begin(), groups.end(), group);
  std::size_t index = static_cast<std::size_t>(it - groups.begin());
  return "g" + std::to_string(std::min<std::size_t>(index, 9));
}

std::string region_class(std::string_view name, std::size_t index) {
  std::string lower;
  for (char c : name) lower += static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  for (const char* known : {"reserved", "user", "storage", "execution", "survivor", "overhead", "off-heap", "pyspark"})
    if (lower.rfind(known, 0) == 0) return std::string("r-") + known;
  return "g" + std::to_string(index % 9);
}

std::string cost_text(double value, bool priced) {
  if (priced) return units::format_money(value);
  return format_tick(value, Unit::core_hours);
}

}  // namespace detail
}  // namespace sparkfit::output
