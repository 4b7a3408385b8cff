// The report's SVG drawings: the cost-versus-runtime scatter, the executor layout, the stages'
// waves and, for `analyze`, executors over time and task-time distributions. Every drawing is
// laid out for one viewBox width; text positions come from width estimates that keep labels
// apart (the browser tests check that they are).
#include <algorithm>
#include <cmath>

#include "output/report_draw.hpp"
#include "sparkfit/units/units.hpp"

namespace sparkfit::output {
namespace {

using detail::Box;
using detail::fixed;
using detail::kFont;
using detail::text_box;
using detail::text_width;

std::string num(double value) { return fixed(value, 1); }

std::string rect(double x, double y, double w, double h, std::string_view cls, std::string_view extra = "") {
  std::string out = "<rect class=\"" + std::string(cls) + "\" x=\"" + num(x) + "\" y=\"" + num(y) + "\" width=\"" +
                    num(std::max(w, 0.0)) + "\" height=\"" + num(std::max(h, 0.0)) + "\"";
  if (!extra.empty()) out += " " + std::string(extra);
  return out + "/>";
}

std::string line(double x1, double y1, double x2, double y2, std::string_view cls, std::string_view id = "") {
  std::string out = "<line";
  if (!id.empty()) out += " id=\"" + std::string(id) + "\"";
  return out + " class=\"" + std::string(cls) + "\" x1=\"" + num(x1) + "\" y1=\"" + num(y1) + "\" x2=\"" + num(x2) +
         "\" y2=\"" + num(y2) + "\"/>";
}

std::string svg_open(std::string_view id, std::string_view cls, double width, double height, std::string_view title,
                     std::string_view extra = "") {
  std::string out = "<svg id=\"" + std::string(id) + "\" class=\"chart " + std::string(cls) + "\" viewBox=\"0 0 " +
                    num(width) + " " + num(height) + "\" role=\"img\" aria-labelledby=\"" + std::string(id) +
                    "-title\"";
  if (!extra.empty()) out += " " + std::string(extra);
  out += "><title id=\"" + std::string(id) + "-title\">" + escape_html(title) + "</title>";
  return out;
}

std::string axis_data(std::string_view prefix, const Axis& axis) {
  std::string p(prefix);
  return "data-" + p + "-lo=\"" + units::format_number(axis.lo) + "\" data-" + p + "-hi=\"" +
         units::format_number(axis.hi) + "\" data-" + p + "-log=\"" + (axis.log ? "1" : "0") + "\" data-" + p +
         "-px-lo=\"" + units::format_number(axis.px_lo) + "\" data-" + p + "-px-hi=\"" +
         units::format_number(axis.px_hi) + "\"";
}

// ---- Label placement: the first candidate position that stays inside `frame` and clear of
// everything placed so far. ----

struct Candidate {
  double x, y;
  const char* anchor;
};

struct Placer {
  Box frame;
  std::vector<Box> taken;

  static constexpr std::size_t kNone = static_cast<std::size_t>(-1);

  // The index of the first candidate that is inside the frame and clear of what is placed, taken
  // for it; kNone (nothing taken) when none is.
  std::size_t try_place(const std::vector<Candidate>& candidates, std::string_view text, double font) {
    for (std::size_t i = 0; i < candidates.size(); ++i) {
      Box b = text_box(candidates[i].x, candidates[i].y, text, font, candidates[i].anchor);
      if (!b.inside(frame)) continue;
      bool clear = true;
      for (const Box& t : taken) clear = clear && !b.intersects(t, 2);
      if (clear) {
        taken.push_back(b);
        return i;
      }
    }
    return kNone;
  }

  // Returns the index of the chosen candidate (the first when none is clear).
  std::size_t place(const std::vector<Candidate>& candidates, std::string_view text, double font) {
    std::size_t i = try_place(candidates, text, font);
    if (i != kNone) return i;
    taken.push_back(text_box(candidates.front().x, candidates.front().y, text, font, candidates.front().anchor));
    return 0;
  }
};

// The candidates again, one, two and three text rows lower: where a guide's label meets another at
// the edge it lies on (a deadline and a budget both at the top of a narrow chart), it moves down a
// row instead of overlapping. try_place skips the ones that fall outside the plot.
std::vector<Candidate> with_lower_rows(std::vector<Candidate> candidates) {
  const std::size_t first_row = candidates.size();
  for (int k = 1; k <= 3; ++k)
    for (std::size_t i = 0; i < first_row; ++i)
      candidates.push_back({candidates[i].x, candidates[i].y + 16.0 * k, candidates[i].anchor});
  return candidates;
}

// Candidate label positions around a marker at (x, y) of radius r, nearest first, then further out.
std::vector<Candidate> around(double x, double y, double r) {
  std::vector<Candidate> out;
  for (double k : {1.0, 2.2, 3.6, 5.5}) {
    double d = r + 4 * k;
    out.push_back({x + d, y + 4, "start"});
    out.push_back({x - d, y + 4, "end"});
    out.push_back({x, y - d - 2, "middle"});
    out.push_back({x, y + d + 10, "middle"});
    out.push_back({x + d * 0.7, y - d * 0.7, "start"});
    out.push_back({x - d * 0.7, y - d * 0.7, "end"});
    out.push_back({x + d * 0.7, y + d * 0.7 + 8, "start"});
    out.push_back({x - d * 0.7, y + d * 0.7 + 8, "end"});
  }
  return out;
}

// ---- The scatter's frame ----

struct LegendItem {
  std::string text, kind;  // kind: a group class, "pareto", "rec", "cur", "inf"
  double x = 0, y = 0;
};

struct ScatterFrame {
  ScatterGeometry g;
  std::vector<LegendItem> legend;
  Ticks x_ticks, y_ticks;
  std::vector<std::size_t> drawn;
  std::vector<std::string> groups;
  Unit cost_unit = Unit::usd;
  int deadline_side = 0, budget_side = 0;  // 0: drawn; 1: beyond the largest value; -1: below the smallest
};

ScatterFrame scatter_frame(const ReportData& data, double width) {
  ScatterFrame f;
  f.drawn = drawn_points(data);
  f.groups = detail::group_order(data);
  f.cost_unit = data.priced ? Unit::usd : Unit::core_hours;
  const bool narrow = width < 600;
  ScatterGeometry& g = f.g;
  g.width = width;
  g.height = narrow ? 470 : 520;

  // Legend: one swatch per group (nine colours, then "other"), then the marks.
  bool any_rec = false, any_cur = false, any_inf = false, any_pareto = false;
  std::vector<bool> group_drawn(f.groups.size(), false);
  for (std::size_t i : f.drawn) {
    const Point& p = data.points[i];
    any_rec = any_rec || p.recommended;
    any_cur = any_cur || p.current;
    any_inf = any_inf || !p.feasible;
    any_pareto = any_pareto || p.pareto;
    auto it = std::find(f.groups.begin(), f.groups.end(), p.group);
    group_drawn[static_cast<std::size_t>(it - f.groups.begin())] = true;
  }
  std::vector<std::pair<std::string, std::string>> items;
  std::size_t others = 0;
  for (std::size_t i = 0; i < f.groups.size(); ++i) {
    if (!group_drawn[i]) continue;
    if (i < 9)
      items.emplace_back(f.groups[i].empty() ? "(none)" : f.groups[i], "g" + std::to_string(i));
    else
      ++others;
  }
  if (others > 0) items.emplace_back("other (" + std::to_string(others) + ")", "g9");
  if (any_pareto) items.emplace_back("Pareto front", "pareto");
  if (any_rec) items.emplace_back("recommended", "rec");
  if (any_cur) items.emplace_back("current", "cur");
  if (any_inf) items.emplace_back("cannot run", "inf");
  double x = 8, y = 18;
  for (auto& [text, kind] : items) {
    std::string shown = detail::fit_text(text, kFont, width - 16 - 20);
    double w = 20 + text_width(shown, kFont);
    if (x > 8 && x + w > width - 8) {
      x = 8;
      y += 20;
    }
    f.legend.push_back({shown, kind, x, y});
    x += w + 16;
  }
  double legend_bottom = f.legend.empty() ? 4 : y + 6;

  g.plot_top = legend_bottom + 34;
  g.plot_bottom = g.height - 48;
  g.plot_right = width - 14;

  std::vector<double> xs, ys;
  for (std::size_t i : f.drawn) {
    xs.push_back(data.points[i].runtime_s);
    ys.push_back(data.points[i].cost_usd);
  }
  // A guide widens the chart only when it lies near the candidates; one far off would squash them
  // into a corner, so it is named at the chart's edge instead.
  auto near = [](const std::vector<double>& values, double guide) {
    if (values.empty()) return true;
    auto [lo, hi] = std::minmax_element(values.begin(), values.end());
    return guide >= *lo / 1.5 && guide <= *hi * 1.5;
  };
  if (data.deadline_s && *data.deadline_s > 0) {
    f.deadline_side = near(xs, *data.deadline_s)                                   ? 0
                      : *data.deadline_s > *std::max_element(xs.begin(), xs.end()) ? 1
                                                                                   : -1;
    if (f.deadline_side == 0) xs.push_back(*data.deadline_s);
  }
  if (data.budget_usd && *data.budget_usd > 0 && data.priced) {
    f.budget_side = near(ys, *data.budget_usd)                                   ? 0
                    : *data.budget_usd > *std::max_element(ys.begin(), ys.end()) ? 1
                                                                                 : -1;
    if (f.budget_side == 0) ys.push_back(*data.budget_usd);
  }
  g.y = make_axis(ys, g.plot_bottom, g.plot_top);
  f.y_ticks = make_ticks(g.y, f.cost_unit, kFont, false);
  double label_w = 0;
  for (const std::string& label : f.y_ticks.labels) label_w = std::max(label_w, text_width(label, kFont));
  g.plot_left = std::max(44.0, std::ceil(label_w) + 16);
  g.x = make_axis(xs, g.plot_left, g.plot_right);
  f.x_ticks = make_ticks(g.x, Unit::seconds, kFont, true);
  // Drop end ticks whose labels would leave the drawing.
  Ticks kept;
  for (std::size_t i = 0; i < f.x_ticks.values.size(); ++i) {
    Box b = text_box(g.x.map(f.x_ticks.values[i]), g.plot_bottom + 20, f.x_ticks.labels[i], kFont, "middle");
    if (b.left < 2 || b.right > width - 2) continue;
    kept.values.push_back(f.x_ticks.values[i]);
    kept.labels.push_back(f.x_ticks.labels[i]);
  }
  f.x_ticks = kept;
  return f;
}

std::string point_title(const ReportData& data, const Point& p) {
  return p.label + " \xC2\xB7 " + units::format_duration(p.runtime_s) + " \xC2\xB7 " +
         detail::cost_text(p.cost_usd, data.priced) + (p.feasible ? "" : " (cannot run)");
}

std::string point_data(const Point& p) {
  return "data-runtime-s=\"" + units::format_number(p.runtime_s) + "\" data-cost-usd=\"" +
         units::format_number(p.cost_usd) + "\"";
}

}  // namespace

ScatterGeometry scatter_geometry(const ReportData& data, double width) { return scatter_frame(data, width).g; }

namespace detail {

std::string scatter_svg(const ReportData& data, double width, std::string_view variant) {
  ScatterFrame f = scatter_frame(data, width);
  if (f.drawn.empty()) return "";
  const ScatterGeometry& g = f.g;
  const std::string id = std::string(variant) + "-scatter";
  const bool narrow = width < 600;
  std::string out = svg_open(id, "scatter " + std::string(variant), g.width, g.height,
                             "Cost against runtime of " + std::to_string(f.drawn.size()) + " candidates",
                             axis_data("x", g.x) + " " + axis_data("y", g.y));

  // Grid, frame and ticks.
  out += "<g class=\"grid\">";
  for (double v : f.x_ticks.values) out += line(g.x.map(v), g.plot_top, g.x.map(v), g.plot_bottom, "gridline");
  for (double v : f.y_ticks.values) out += line(g.plot_left, g.y.map(v), g.plot_right, g.y.map(v), "gridline");
  out += rect(g.plot_left, g.plot_top, g.plot_right - g.plot_left, g.plot_bottom - g.plot_top, "frame");
  out += "</g><g class=\"ticks\">";
  for (std::size_t i = 0; i < f.x_ticks.values.size(); ++i)
    out += svg_text(g.x.map(f.x_ticks.values[i]), g.plot_bottom + 20, f.x_ticks.labels[i], "tick", "middle");
  for (std::size_t i = 0; i < f.y_ticks.values.size(); ++i)
    out += svg_text(g.plot_left - 8, g.y.map(f.y_ticks.values[i]) + 4, f.y_ticks.labels[i], "tick", "end");
  std::string y_title = data.priced ? "cost" : "core-hours";
  if (g.y.log) y_title += " (log scale)";
  std::string x_title = std::string("runtime") + (g.x.log ? " (log scale)" : "") + " \xE2\x86\x92";
  out += svg_text(8, g.plot_top - 16, y_title, "axis-title", "start", id + "-y-title");
  out += svg_text(g.plot_right, g.plot_bottom + 40, x_title, "axis-title", "end", id + "-x-title");
  out += "</g>";

  Placer placer;
  placer.frame = Box{g.plot_left + 2, g.plot_top + 2, g.plot_right - 2, g.plot_bottom - 2};

  // The marked points' rings first, so that no label (a guide's included) covers them.
  const double ring = 9;
  std::vector<std::pair<std::size_t, std::string>> marked;
  for (std::size_t i : f.drawn)
    if (data.points[i].recommended) marked.emplace_back(i, "recommended");
  for (std::size_t i : f.drawn)
    if (data.points[i].current && !data.points[i].recommended) marked.emplace_back(i, "current");
  for (const auto& [i, what] : marked) {
    const Point& p = data.points[i];
    placer.taken.push_back(Box{g.x.map(p.runtime_s) - ring, g.y.map(p.cost_usd) - ring, g.x.map(p.runtime_s) + ring,
                               g.y.map(p.cost_usd) + ring});
  }

  // Guides: a dashed line where the limit lies on the chart, else its name at the edge it lies past.
  std::vector<std::string> guide_labels;
  const double mid_y = (g.plot_top + g.plot_bottom) / 2, mid_x = (g.plot_left + g.plot_right) / 2;
  if (data.deadline_s && *data.deadline_s > 0) {
    std::string text = "deadline " + format_tick(*data.deadline_s, Unit::seconds);
    std::vector<Candidate> c;
    if (f.deadline_side == 0) {
      double gx = g.x.map(*data.deadline_s);
      out += line(gx, g.plot_top, gx, g.plot_bottom, "guide", id + "-deadline");
      c = {{gx + 5, g.plot_top + 15, "start"}, {gx - 5, g.plot_top + 15, "end"}, {gx + 5, g.plot_bottom - 8, "start"},
           {gx - 5, g.plot_bottom - 8, "end"}, {gx + 5, mid_y, "start"},         {gx - 5, mid_y, "end"}};
    } else if (f.deadline_side > 0) {
      text += " \xE2\x86\x92 (beyond every candidate)";
      c = {{g.plot_right - 6, g.plot_top + 15, "end"},
           {g.plot_right - 6, g.plot_bottom - 8, "end"},
           {g.plot_right - 6, mid_y, "end"}};
    } else {
      text = "\xE2\x86\x90 " + text + " (below every candidate)";
      c = {{g.plot_left + 6, g.plot_top + 15, "start"},
           {g.plot_left + 6, g.plot_bottom - 8, "start"},
           {g.plot_left + 6, mid_y, "start"}};
    }
    c = with_lower_rows(c);
    const Candidate& at = c[placer.place(c, text, kSmallFont)];
    guide_labels.push_back(svg_text(at.x, at.y, text, "guide-label", at.anchor, id + "-deadline-label"));
  }
  if (data.budget_usd && *data.budget_usd > 0 && data.priced) {
    std::string text = "budget " + format_tick(*data.budget_usd, Unit::usd);
    std::vector<Candidate> c;
    if (f.budget_side == 0) {
      double gy = g.y.map(*data.budget_usd);
      out += line(g.plot_left, gy, g.plot_right, gy, "guide", id + "-budget");
      c = {{g.plot_right - 5, gy - 5, "end"},   {g.plot_right - 5, gy + 15, "end"}, {g.plot_left + 5, gy - 5, "start"},
           {g.plot_left + 5, gy + 15, "start"}, {mid_x, gy - 5, "middle"},          {mid_x, gy + 15, "middle"}};
    } else if (f.budget_side > 0) {
      text += " \xE2\x86\x91 (above every candidate)";
      c = {{g.plot_right - 6, g.plot_top + 15, "end"},
           {g.plot_left + 6, g.plot_top + 15, "start"},
           {g.plot_right - 6, g.plot_top + 31, "end"},
           {mid_x, g.plot_top + 15, "middle"}};
    } else {
      text += " \xE2\x86\x93 (below every candidate)";
      c = {{g.plot_right - 6, g.plot_bottom - 8, "end"},
           {g.plot_left + 6, g.plot_bottom - 8, "start"},
           {g.plot_right - 6, g.plot_bottom - 24, "end"}};
    }
    c = with_lower_rows(c);
    const Candidate& at = c[placer.place(c, text, kSmallFont)];
    guide_labels.push_back(svg_text(at.x, at.y, text, "guide-label", at.anchor, id + "-budget-label"));
  }

  // Points: those that cannot run first, then the rest, the Pareto front on top.
  const double r = narrow ? 2.8 : 3.2;
  out += "<g class=\"points\">";
  for (int pass = 0; pass < 3; ++pass) {
    for (std::size_t i : f.drawn) {
      const Point& p = data.points[i];
      int layer = !p.feasible ? 0 : p.pareto ? 2 : 1;
      if (layer != pass) continue;
      std::string cls =
          "pt " + (p.feasible ? group_class(f.groups, p.group) : std::string("inf")) + (p.pareto ? " pf" : "");
      out += "<circle class=\"" + cls + "\" cx=\"" + num(g.x.map(p.runtime_s)) + "\" cy=\"" + num(g.y.map(p.cost_usd)) +
             "\" r=\"" + num(p.pareto ? r + 1 : r) + "\" " + point_data(p) + "><title>" +
             escape_html(point_title(data, p)) + "</title></circle>";
    }
  }
  out += "</g>";

  // The Pareto front, by runtime.
  std::vector<std::size_t> front;
  for (std::size_t i : f.drawn)
    if (data.points[i].pareto && data.points[i].feasible) front.push_back(i);
  std::stable_sort(front.begin(), front.end(),
                   [&](std::size_t a, std::size_t b) { return data.points[a].runtime_s < data.points[b].runtime_s; });
  if (front.size() > 1) {
    out += "<polyline id=\"" + id + "-pareto\" class=\"pareto\" points=\"";
    for (std::size_t k = 0; k < front.size(); ++k) {
      if (k > 0) out += " ";
      out += num(g.x.map(data.points[front[k]].runtime_s)) + "," + num(g.y.map(data.points[front[k]].cost_usd));
    }
    out += "\"/>";
  }

  // The marked points and their labels.
  std::vector<std::string> mark_labels;
  out += "<g class=\"marks\">";
  for (const auto& [i, what] : marked) {
    const Point& p = data.points[i];
    double px = g.x.map(p.runtime_s), py = g.y.map(p.cost_usd);
    out += "<circle id=\"" + id + "-" + what + "\" class=\"mark " + (what == "current" ? "cur" : "rec") + "\" cx=\"" +
           num(px) + "\" cy=\"" + num(py) + "\" r=\"" + num(ring) + "\" " + point_data(p) + "><title>" +
           escape_html(what + ": " + point_title(data, p)) + "</title></circle>";
    std::string text = what + " \xC2\xB7 " + units::format_duration(p.runtime_s) + " \xC2\xB7 " +
                       detail::cost_text(p.cost_usd, data.priced);
    std::vector<Candidate> c = around(px, py, ring);
    // Where the full label fits nowhere (a narrow chart, a point near its edge), the mark's name
    // alone does: its runtime and cost are in the table beneath.
    std::size_t index = placer.try_place(c, text, kFont);
    if (index == Placer::kNone) {
      text = what;
      index = placer.place(c, text, kFont);
    }
    const Candidate& at = c[index];
    mark_labels.push_back(svg_text(at.x, at.y, text, "mark-label " + what, at.anchor, id + "-" + what + "-label"));
  }
  out += "</g><g class=\"labels\">";
  for (const std::string& s : guide_labels) out += s;
  for (const std::string& s : mark_labels) out += s;
  out += "</g>";

  // Legend.
  out += "<g class=\"legend\">";
  for (const LegendItem& item : f.legend) {
    double sy = item.y - 4;
    if (item.kind == "pareto")
      out += line(item.x, sy, item.x + 14, sy, "pareto");
    else if (item.kind == "rec")
      out += "<circle class=\"mark rec\" cx=\"" + num(item.x + 7) + "\" cy=\"" + num(sy) + "\" r=\"5\"/>";
    else if (item.kind == "cur")
      out += "<circle class=\"mark cur\" cx=\"" + num(item.x + 7) + "\" cy=\"" + num(sy) + "\" r=\"5\"/>";
    else if (item.kind == "inf")
      out += "<circle class=\"pt inf\" cx=\"" + num(item.x + 7) + "\" cy=\"" + num(sy) + "\" r=\"4\"/>";
    else
      out += "<circle class=\"pt " + item.kind + "\" cx=\"" + num(item.x + 7) + "\" cy=\"" + num(sy) + "\" r=\"5\"/>";
    out += svg_text(item.x + 20, item.y, item.text, "legend-label");
  }
  out += "</g></svg>";
  return out;
}

// ---- The executor layout ----

std::string layout_svg(const NodeDrawing& l, double width, std::string_view variant) {
  if (l.executors_per_node <= 0 && l.idle_cores <= 0) return "";
  const std::string id = std::string(variant) + "-layout";
  const double pad = 10, inner_left = pad + 10, inner_right = width - pad - 10;
  const double inner_w = inner_right - inner_left;
  const int cores = std::max(l.executor_cores, 0);
  const int slots_per_row = std::max(1, std::min(cores, 8));
  const double slot = 12, slot_gap = 4;
  const double min_cell_w = std::max(108.0, 16 + slots_per_row * (slot + slot_gap));
  const int slot_rows = cores > 0 ? (cores + slots_per_row - 1) / slots_per_row : 1;
  const double cell_h = 26 + slot_rows * (slot + slot_gap) + 22;
  const double gap = 8;
  double cell_w = min_cell_w;
  const int cols = std::max(1, static_cast<int>((inner_w + gap) / (cell_w + gap)));
  const int max_drawn = std::max(cols * 4, 8);
  int drawn_execs = l.executors_per_node;
  int more = 0;
  if (drawn_execs > max_drawn) {
    more = drawn_execs - (max_drawn - 1);
    drawn_execs = max_drawn - 1;
  }
  const int cells = drawn_execs + (more > 0 ? 1 : 0) + (l.idle_cores > 0 ? 1 : 0);
  const int rows = (cells + cols - 1) / cols;
  // Widen the cells to share the row when they fit in one, up to a readable maximum.
  const int per_row = std::min(cols, cells);
  if (per_row > 0)
    cell_w = std::clamp((inner_w - gap * (per_row - 1)) / per_row, min_cell_w, std::max(min_cell_w, 180.0));

  const double stack = l.nodes > 1 ? 8 : 0;  // the other nodes, drawn as cards behind
  const double node_top = pad + stack;
  const double grid_top = node_top + 34;
  const double grid_bottom = grid_top + rows * (cell_h + gap) - gap;
  const double mem_label_y = grid_bottom + 24;
  const double mem_bar_y = mem_label_y + 8;
  const double node_bottom = mem_bar_y + 14 + 14;
  const double container_label_y = node_bottom + 30;
  const double container_bar_y = container_label_y + 10;
  const double container_bar_h = 28;

  // Region legend rows under the container bar.
  std::int64_t region_sum = 0;
  for (const Region& r : l.regions) region_sum += std::max<std::int64_t>(r.mib, 0);
  struct Item {
    std::string text, cls;
    double x, y;
  };
  std::vector<Item> items;
  double lx = pad, ly = container_bar_y + container_bar_h + 22;
  for (std::size_t i = 0; i < l.regions.size(); ++i) {
    std::string text = l.regions[i].name + " " + thousands(l.regions[i].mib) + " MiB";
    text = fit_text(text, kFont, width - 2 * pad - 20);
    double w = 18 + text_width(text, kFont);
    if (lx > pad && lx + w > width - pad) {
      lx = pad;
      ly += 20;
    }
    items.push_back({text, region_class(l.regions[i].name, i), lx, ly});
    lx += w + 16;
  }
  const double height = (l.regions.empty() ? container_label_y - 10 : ly + 12);

  std::string title = "Executor layout: " + std::to_string(l.executors_per_node) + " executors of " +
                      std::to_string(l.executor_cores) + " cores per " + l.instance + " node";
  std::string out = svg_open(id, "layout " + std::string(variant), width, height, title);

  // The node, with the other nodes behind it.
  const double node_left = pad, node_w = width - 2 * pad - stack;
  for (double k = stack; k > 0; k -= 4)
    out += rect(node_left + k, node_top - k, node_w, node_bottom - node_top, "node-shadow");
  out += rect(node_left, node_top, node_w, node_bottom - node_top, "node", "rx=\"6\" id=\"" + id + "-node\"");
  std::string node_text = (l.nodes > 1 ? "one node of " + std::to_string(l.nodes) : std::string("the node")) +
                          " \xC2\xB7 " + l.instance + " \xC2\xB7 " + std::to_string(l.vcpus) + " " + l.cores_name;
  out += svg_text(node_left + 10, node_top + 21, fit_text(node_text, kFont, node_w - 20), "node-label");

  auto cell_pos = [&](int index) {
    int r = index / cols, c = index % cols;
    return std::pair(inner_left + c * (cell_w + gap), grid_top + r * (cell_h + gap));
  };
  auto slots = [&](double x, double y, int count, std::string_view cls) {
    std::string s;
    for (int k = 0; k < count; ++k) {
      double sx = x + 8 + (k % slots_per_row) * (slot + slot_gap);
      double sy = y + 26 + (k / slots_per_row) * (slot + slot_gap);
      s += rect(sx, sy, slot, slot, cls, "rx=\"2\"");
    }
    return s;
  };
  // Executors: a JVM box with its task slots and its container's memory regions to scale.
  for (int e = 0; e < drawn_execs; ++e) {
    auto [x, y] = cell_pos(e);
    out += "<g class=\"executor\" id=\"" + id + "-executor-" + std::to_string(e + 1) + "\">";
    out += rect(x, y, cell_w, cell_h, "jvm", "rx=\"4\"");
    out += svg_text(x + 8, y + 17, "executor " + std::to_string(e + 1), "cell-label");
    out += slots(x, y, cores, "slot");
    double bar_y = y + cell_h - 16, bar_x = x + 8, bar_w = cell_w - 16;
    double cx = bar_x;
    double scale = region_sum > 0 ? bar_w / static_cast<double>(std::max(region_sum, l.container_mib)) : 0;
    for (std::size_t i = 0; i < l.regions.size(); ++i) {
      double w = static_cast<double>(std::max<std::int64_t>(l.regions[i].mib, 0)) * scale;
      out += rect(cx, bar_y, w, 8, region_class(l.regions[i].name, i));
      cx += w;
    }
    if (region_sum == 0) out += rect(bar_x, bar_y, bar_w, 8, "container");
    out += "</g>";
  }
  int next = drawn_execs;
  if (more > 0) {
    auto [x, y] = cell_pos(next++);
    out += rect(x, y, cell_w, cell_h, "jvm more", "rx=\"4\"");
    out += svg_text(x + 8, y + 17, "+" + std::to_string(more) + " more", "cell-label");
  }
  if (l.idle_cores > 0) {
    auto [x, y] = cell_pos(next++);
    out += "<g class=\"idle\" id=\"" + id + "-idle\">";
    out += rect(x, y, cell_w, cell_h, "idle-cell", "rx=\"4\"");
    std::string idle_text = "idle: " + std::to_string(l.idle_cores) + " " + l.cores_name;
    out += svg_text(x + 8, y + 17, fit_text(idle_text, kFont, cell_w - 12), "cell-label muted");
    out += slots(x, y, std::min(l.idle_cores, slots_per_row * slot_rows), "slot idle-slot");
    out += "</g>";
  }

  // The node's YARN (or allocatable) memory: one block per container, idle memory greyed.
  std::int64_t used = static_cast<std::int64_t>(l.executors_per_node) * l.container_mib;
  std::int64_t total = std::max(l.yarn_mib, used + std::max<std::int64_t>(l.idle_mib, 0));
  std::string mem_text = l.memory_name + " " + thousands(l.yarn_mib) + " MiB: " + std::to_string(l.executors_per_node) +
                         " x " + thousands(l.container_mib) + " MiB, " + thousands(l.idle_mib) + " MiB idle";
  out += svg_text(inner_left, mem_label_y, fit_text(mem_text, kSmallFont, inner_w), "small");
  if (total > 0) {
    double scale = inner_w / static_cast<double>(total);
    double cx = inner_left;
    for (int e = 0; e < l.executors_per_node; ++e) {
      double w = static_cast<double>(l.container_mib) * scale;
      out += rect(cx, mem_bar_y, w, 14, e % 2 == 0 ? "container" : "container alt");
      cx += w;
    }
    out += rect(cx, mem_bar_y, inner_right - cx, 14, "idle-mem", "id=\"" + id + "-idle-memory\"");
  }

  // One container, to scale, with its regions.
  out += svg_text(pad, container_label_y,
                  fit_text("one executor " + l.container_name + ", to scale: " + thousands(l.container_mib) + " MiB",
                           kFont, width - 2 * pad),
                  "section-label");
  if (region_sum > 0) {
    double bar_w = width - 2 * pad;
    double scale = bar_w / static_cast<double>(std::max(region_sum, l.container_mib));
    double cx = pad;
    out += "<g class=\"regions\" id=\"" + id + "-regions\">";
    for (std::size_t i = 0; i < l.regions.size(); ++i) {
      double w = static_cast<double>(std::max<std::int64_t>(l.regions[i].mib, 0)) * scale;
      out += "<rect class=\"" + region_class(l.regions[i].name, i) + "\" x=\"" + num(cx) + "\" y=\"" +
             num(container_bar_y) + "\" width=\"" + num(w) + "\" height=\"" + num(container_bar_h) + "\" data-mib=\"" +
             std::to_string(l.regions[i].mib) + "\"><title>" +
             escape_html(l.regions[i].name + ": " + thousands(l.regions[i].mib) + " MiB") + "</title></rect>";
      cx += w;
    }
    out += "</g><g class=\"legend\">";
    for (const Item& item : items) {
      out += rect(item.x, item.y - 10, 12, 12, item.cls, "rx=\"2\"");
      out += svg_text(item.x + 18, item.y, item.text, "legend-label");
    }
    out += "</g>";
  }
  out += "</svg>";
  return out;
}

// ---- Stages: time per stage, its waves as bars ----

std::string stages_svg(const std::vector<StageBar>& stages, double width, std::string_view variant) {
  if (stages.empty()) return "";
  const std::string id = std::string(variant) + "-stages";
  const double pad = 8, bar_h = 16;
  // Bars measure time; without times (explain) they measure waves.
  double max_time = 0, total_time = 0, max_waves = 0;
  for (const StageBar& s : stages) {
    max_time = std::max(max_time, s.time_s);
    total_time += std::max(s.time_s, 0.0);
    max_waves = std::max(max_waves, static_cast<double>(s.waves));
  }
  const bool timed = max_time > 0;
  std::string body;
  double y = 6;
  for (std::size_t i = 0; i < stages.size(); ++i) {
    const StageBar& s = stages[i];
    std::string sid = id + "-" + std::to_string(i);
    std::string right =
        timed ? units::format_duration(s.time_s) : thousands(s.waves) + (s.waves == 1 ? " wave" : " waves");
    if (timed && total_time > 0) right += " \xC2\xB7 " + fixed(100 * s.time_s / total_time, 0) + "%";
    double right_w = text_width(right, kFont);
    body += "<g class=\"stage" + std::string(s.skewed ? " skewed" : "") + "\" id=\"" + sid + "\">";
    body += svg_text(pad, y + 14, fit_text(s.name, kFont, width - 2 * pad - right_w - 16), "stage-name");
    body += svg_text(width - pad, y + 14, right, "stage-time", "end");
    double bar_y = y + 22, full = width - 2 * pad;
    double bar_w = timed           ? std::max(2.0, full * s.time_s / max_time)
                   : max_waves > 0 ? std::max(2.0, full * static_cast<double>(s.waves) / max_waves)
                                   : 2;
    body += rect(pad, bar_y, full, bar_h, "track");
    std::int64_t waves = std::max<std::int64_t>(s.waves, 1);
    double seg = bar_w / static_cast<double>(waves);
    double last_fill = 1;
    if (s.slots > 0 && s.tasks > 0) {
      std::int64_t last = s.tasks - (waves - 1) * s.slots;
      last_fill = std::clamp(static_cast<double>(last) / s.slots, 0.05, 1.0);
    }
    std::string wave_cls = std::string("wave") + (s.skewed ? " skew" : "") + (s.spill_bytes > 0 ? " spill" : "");
    if (waves <= 80 && seg >= 2) {
      double g = seg >= 5 ? 1 : 0;
      for (std::int64_t w = 0; w < waves; ++w) {
        double x = pad + static_cast<double>(w) * seg;
        double h = w == waves - 1 ? bar_h * last_fill : bar_h;
        if (w == waves - 1 && last_fill < 1) body += rect(x, bar_y, seg - g, bar_h, "wave-empty");
        body += rect(x, bar_y + bar_h - h, seg - g, h, wave_cls);
      }
    } else {
      body += rect(pad, bar_y, bar_w, bar_h, wave_cls + " dense");
    }
    std::string detail_text = thousands(s.tasks) + (s.tasks == 1 ? " task on " : " tasks on ") + thousands(s.slots) +
                              (s.slots == 1 ? " slot = " : " slots = ") + thousands(s.waves) +
                              (s.waves == 1 ? " wave" : " waves");
    std::string spill;
    if (s.spill_bytes > 0) spill = "spill " + units::format_size(static_cast<std::int64_t>(s.spill_bytes));
    if (s.skewed) spill += std::string(spill.empty() ? "" : " \xC2\xB7 ") + "skewed";
    double dy = bar_y + bar_h + 15;
    if (spill.empty()) {
      body += svg_text(pad, dy, fit_text(detail_text, kSmallFont, full), "stage-detail");
    } else if (text_width(detail_text + " \xC2\xB7 " + spill, kSmallFont) <= full) {
      body += "<text class=\"stage-detail\" x=\"" + num(pad) + "\" y=\"" + num(dy) + "\">" + escape_html(detail_text) +
              " \xC2\xB7 <tspan class=\"warn\">" + escape_html(spill) + "</tspan></text>";
    } else {
      body += svg_text(pad, dy, fit_text(detail_text, kSmallFont, full), "stage-detail");
      dy += 15;
      body += svg_text(pad, dy, fit_text(spill, kSmallFont, full), "stage-detail warn");
    }
    body += "</g>";
    y = dy + 14;
  }
  std::string out = svg_open(id, "stages " + std::string(variant), width, y,
                             "Time per stage, its tasks in waves over the task slots");
  return out + body + "</svg>";
}

// ---- analyze of a fleet: waste by application ----

std::string waste_svg(const std::vector<WasteBar>& bars, bool priced, double width, std::string_view variant) {
  if (bars.empty()) return "";
  const std::string id = std::string(variant) + "-waste";
  const double pad = 8, bar_h = 14;
  double max_held = 0;
  for (const WasteBar& b : bars) max_held = std::max({max_held, b.held, b.wasted});
  std::string body;
  double y = 6;
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const WasteBar& b = bars[i];
    const std::string right = detail::cost_text(b.wasted, priced) + " of " + detail::cost_text(b.held, priced);
    const double right_w = text_width(right, kFont), full = width - 2 * pad;
    body += "<g class=\"app\" id=\"" + id + "-" + std::to_string(i) + "\">";
    body += svg_text(pad, y + 14, fit_text(b.label, kFont, full - right_w - 24), "stage-name");
    body += svg_text(width - pad, y + 14, right, "stage-time", "end");
    const double bar_y = y + 22;
    body += rect(pad, bar_y, max_held > 0 ? full * b.held / max_held : 0, bar_h, "track");
    body += rect(pad, bar_y, max_held > 0 ? std::max(2.0, full * b.wasted / max_held) : 2, bar_h, "wave spill");
    body += "</g>";
    y = bar_y + bar_h + 12;
  }
  return svg_open(id, "waste " + std::string(variant), width, y,
                  std::string("Waste by application: idle executor ") + (priced ? "dollars" : "core-hours") +
                      " (orange) of what each held") +
         body + "</svg>";
}

// ---- analyze: executors over time ----

std::string executors_svg(const std::vector<ExecutorSample>& samples, double width, std::string_view variant) {
  if (samples.empty()) return "";
  const std::string id = std::string(variant) + "-executors";
  const double height = width < 600 ? 230 : 250;
  double t_max = 0;
  int e_max = 0;
  for (const ExecutorSample& s : samples) {
    t_max = std::max(t_max, s.t_s);
    e_max = std::max(e_max, s.executors);
  }
  Axis y{0, std::max(1.0, e_max * 1.1), false, height - 40, 34};
  Ticks yt = make_ticks(y, Unit::count, kFont, false);
  double label_w = 0;
  for (const std::string& s : yt.labels) label_w = std::max(label_w, text_width(s, kFont));
  double left = std::max(40.0, std::ceil(label_w) + 16), right = width - 14;
  Axis x{0, std::max(1.0, t_max), false, left, right};
  Ticks xt = make_ticks(x, Unit::seconds, kFont, true);
  std::string out = svg_open(id, "executors " + std::string(variant), width, height, "Executors alive over time",
                             axis_data("x", x) + " " + axis_data("y", y));
  out += "<g class=\"grid\">";
  for (double v : yt.values) out += line(left, y.map(v), right, y.map(v), "gridline");
  out += rect(left, y.px_hi, right - left, y.px_lo - y.px_hi, "frame") + "</g><g class=\"ticks\">";
  for (std::size_t i = 0; i < yt.values.size(); ++i)
    out += svg_text(left - 8, y.map(yt.values[i]) + 4, yt.labels[i], "tick", "end");
  for (std::size_t i = 0; i < xt.values.size(); ++i) {
    Box b = text_box(x.map(xt.values[i]), y.px_lo + 20, xt.labels[i], kFont, "middle");
    if (b.left < 2 || b.right > width - 2) continue;
    out += svg_text(x.map(xt.values[i]), y.px_lo + 20, xt.labels[i], "tick", "middle");
  }
  out += svg_text(8, 18, "executors", "axis-title");
  out += "</g><polyline id=\"" + id + "-line\" class=\"step\" points=\"";
  for (std::size_t i = 0; i < samples.size(); ++i) {
    if (i > 0) out += " " + num(x.map(samples[i].t_s)) + "," + num(y.map(samples[i - 1].executors)) + " ";
    out += num(x.map(samples[i].t_s)) + "," + num(y.map(samples[i].executors));
  }
  out += " " + num(x.map(t_max)) + "," + num(y.map(samples.back().executors)) + "\"/></svg>";
  return out;
}

// ---- analyze: task-time distributions ----

std::string task_times_svg(const std::vector<TaskTimes>& stages, double width, std::string_view variant) {
  if (stages.empty()) return "";
  const std::string id = std::string(variant) + "-tasks";
  const double pad = 8, row_h = 46;
  std::vector<double> values;
  for (const TaskTimes& t : stages) {
    values.push_back(std::max(t.min_s, 0.001));
    values.push_back(std::max(t.max_s, 0.001));
  }
  const double top = 8, bottom = top + row_h * static_cast<double>(stages.size());
  Axis x = make_axis(values, pad + 4, width - pad - 4);
  Ticks xt = make_ticks(x, Unit::seconds, kFont, true);
  const double height = bottom + 40;
  std::string out =
      svg_open(id, "task-times " + std::string(variant), width, height, "Task time per stage", axis_data("x", x));
  out += "<g class=\"grid\">";
  for (double v : xt.values) out += line(x.map(v), top, x.map(v), bottom, "gridline");
  out += "</g><g class=\"ticks\">";
  for (std::size_t i = 0; i < xt.values.size(); ++i) {
    Box b = text_box(x.map(xt.values[i]), bottom + 18, xt.labels[i], kFont, "middle");
    if (b.left < 2 || b.right > width - 2) continue;
    out += svg_text(x.map(xt.values[i]), bottom + 18, xt.labels[i], "tick", "middle");
  }
  out += svg_text(width - pad, bottom + 36, std::string("task time") + (x.log ? " (log scale)" : "") + " \xE2\x86\x92",
                  "axis-title", "end");
  out += "</g>";
  for (std::size_t i = 0; i < stages.size(); ++i) {
    const TaskTimes& t = stages[i];
    double y = top + row_h * static_cast<double>(i);
    std::string right =
        "median " + units::format_duration(t.median_s) + " \xC2\xB7 max " + units::format_duration(t.max_s);
    if (t.spill_bytes > 0) right += " \xC2\xB7 spill " + units::format_size(static_cast<std::int64_t>(t.spill_bytes));
    double right_w = text_width(right, kSmallFont);
    std::string cls = std::string("box") + (t.skewed ? " skew" : "") + (t.spill_bytes > 0 ? " spill" : "");
    out += "<g class=\"" + cls + "\" id=\"" + id + "-" + std::to_string(i) + "\">";
    out += svg_text(pad, y + 14, fit_text(t.stage, kFont, width - 2 * pad - right_w - 12), "stage-name");
    out += svg_text(width - pad, y + 14, right,
                    std::string("stage-detail") + (t.skewed || t.spill_bytes > 0 ? " warn" : ""), "end");
    double cy = y + 30;
    out += line(x.map(std::max(t.min_s, 0.001)), cy, x.map(std::max(t.max_s, 0.001)), cy, "whisker");
    double b0 = x.map(std::max(t.p25_s, 0.001)), b1 = x.map(std::max(t.p75_s, 0.001));
    out += rect(b0, cy - 7, std::max(b1 - b0, 1.0), 14, "iqr");
    double m = x.map(std::max(t.median_s, 0.001));
    out += line(m, cy - 8, m, cy + 8, "median");
    out += "</g>";
  }
  return out + "</svg>";
}

}  // namespace detail
}  // namespace sparkfit::output
