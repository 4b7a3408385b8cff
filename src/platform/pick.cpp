// Picking one option of a managed platform by the job's objective: feasible, within the deadline
// and budget, then the cheapest (or fastest), with the search's preference for 3-5-core executors.
#include <algorithm>

#include "sparkfit/platform/managed.hpp"
#include "sparkfit/search/margin.hpp"
#include "sparkfit/units/units.hpp"

namespace sparkfit::platform {
namespace {

bool meets(const Option& o, const job::Objective& objective) {
  if (!o.feasible()) return false;
  if (objective.deadline_s && o.runtime_s() > *objective.deadline_s) return false;
  if (objective.budget_usd && o.cost_usd() > *objective.budget_usd) return false;
  return true;
}

// As for EMR (search.cpp): within the model's error, keep to 3-5 cores per executor
// (search::kConventionalLayoutMargin).
double preference(const Option& o) { return search::conventional_layout_preference(o.layout.executor_cores); }

// By the median under the fitted model, ties by the other axis, then the narrower interval: as the
// search picks (search.cpp).
bool better(const Option& a, const Option& b, const job::Objective& objective) {
  bool by_cost = objective.minimize == job::Minimize::cost;
  const model::Prediction &x = a.prediction, &y = b.prediction;
  double pa = (by_cost ? a.cost_usd() : a.runtime_s()) * preference(a);
  double pb = (by_cost ? b.cost_usd() : b.runtime_s()) * preference(b);
  if (pa != pb) return pa < pb;
  double sa = by_cost ? a.runtime_s() : a.cost_usd(), sb = by_cost ? b.runtime_s() : b.cost_usd();
  if (sa != sb) return sa < sb;
  return x.runtime_high_s / std::max(1e-9, x.runtime_low_s) < y.runtime_high_s / std::max(1e-9, y.runtime_low_s);
}

}  // namespace

std::optional<std::size_t> pick(const std::vector<Option>& options, const job::Objective& objective,
                                std::string* why_none) {
  std::optional<std::size_t> best;
  std::size_t feasible = 0;
  std::optional<std::size_t> fastest, cheapest;
  for (std::size_t i = 0; i < options.size(); ++i) {
    const Option& o = options[i];
    if (!o.feasible()) continue;
    ++feasible;
    if (!fastest || o.runtime_s() < options[*fastest].runtime_s()) fastest = i;
    if (!cheapest || o.cost_usd() < options[*cheapest].cost_usd()) cheapest = i;
    if (meets(o, objective) && (!best || better(o, options[*best], objective))) best = i;
  }
  if (!best && why_none) {
    if (feasible == 0) {
      *why_none = "none of the " + std::to_string(options.size()) +
                  " options can run (out of memory, or shuffle and spill larger than the workers' disks); allow larger "
                  "worker types or more workers";
    } else if (objective.deadline_s && options[*fastest].runtime_s() > *objective.deadline_s) {
      *why_none = "the fastest option, " + options[*fastest].label + ", takes " +
                  units::format_duration(options[*fastest].runtime_s()) + " against the deadline of " +
                  units::format_duration(*objective.deadline_s) + "; relax the deadline or allow more workers";
    } else {
      *why_none = "the cheapest option, " + options[*cheapest].label + ", costs " +
                  units::format_money(options[*cheapest].cost_usd()) + " against the budget of " +
                  units::format_money(objective.budget_usd.value_or(0)) + "; raise the budget";
    }
  }
  return best;
}

}  // namespace sparkfit::platform
