// Picking one option of a managed platform by the job's objective: feasible, within the deadline
// and budget, then the cheapest (or fastest), with the search's preference for 3-5-core executors.
#include <algorithm>
#include <cmath>

#include "platform/planners.hpp"
#include "sparkfit/platform/managed.hpp"
#include "sparkfit/search/margin.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::platform {
namespace {

bool meets(const Option& o, const job::Objective& objective) {
  if (!o.feasible()) return false;
  if (objective.deadline_s && o.runtime_s() > *objective.deadline_s) return false;
  if (objective.budget_usd && o.cost_usd() > *objective.budget_usd) return false;
  return true;
}

// As for EMR (search.cpp): within the model's error, keep to 3-5 cores per executor and away from
// layouts a failed run makes risky (search::layout_preference).
bool failure_risk(const Option& o) { return (o.prediction.risks & model::risk_observed_failure) != 0; }

// What needs no margin to be picked: 3-5 cores per executor, and no failed run makes it risky.
bool preferred(const Option& o) {
  return search::conventional_executor_cores(o.layout.executor_cores) && !failure_risk(o);
}

double preference(const Option& o, bool by_cost) {
  const model::Prediction& p = o.prediction;
  const bool risky = failure_risk(o);
  return by_cost ? search::layout_preference(o.layout.executor_cores, risky, p.cost_low_usd, p.cost_high_usd)
                 : search::layout_preference(o.layout.executor_cores, risky, p.runtime_low_s, p.runtime_high_s);
}

// By the median under the fitted model, ties by the other axis, then the narrower interval: as the
// search picks (search.cpp).
bool better(const Option& a, const Option& b, const job::Objective& objective) {
  bool by_cost = objective.minimize == job::Minimize::cost;
  const model::Prediction &x = a.prediction, &y = b.prediction;
  double pa = (by_cost ? a.cost_usd() : a.runtime_s()) * preference(a, by_cost);
  double pb = (by_cost ? b.cost_usd() : b.runtime_s()) * preference(b, by_cost);
  if (pa != pb) return pa < pb;
  double sa = by_cost ? a.runtime_s() : a.cost_usd(), sb = by_cost ? b.runtime_s() : b.cost_usd();
  if (sa != sb) return sa < sb;
  return x.runtime_high_s / std::max(1e-9, x.runtime_low_s) < y.runtime_high_s / std::max(1e-9, y.runtime_low_s);
}

double objective_of(const Option& o, const job::Objective& objective) {
  return objective.minimize == job::Minimize::cost ? o.cost_usd() : o.runtime_s();
}

double margin_of(const Option& o, const job::Objective& objective) {
  const model::Prediction& p = o.prediction;
  return objective.minimize == job::Minimize::cost
             ? search::conventional_layout_margin(p.cost_low_usd, p.cost_high_usd)
             : search::conventional_layout_margin(p.runtime_low_s, p.runtime_high_s);
}

// Among 3-5-core options within the model's margin of the pick, the one that idles fewest of each
// node's cores: the model cannot tell them apart (a job bound by bandwidth runs as fast on 4 of 15
// cores as on 5), and cores paid for are better used (SF2008). The pick itself when none idles fewer.
std::size_t fewer_idle_within_margin(const std::vector<Option>& options, std::size_t best,
                                     const job::Objective& objective) {
  const Option& picked = options[best];
  if (!search::conventional_executor_cores(picked.layout.executor_cores)) return best;
  // Within the pick's margin, and still ahead of every other layout by the preference that chose it.
  double limit = objective_of(picked, objective) * (1 + margin_of(picked, objective));
  const bool by_cost = objective.minimize == job::Minimize::cost;
  for (const Option& o : options)
    if (meets(o, objective) && !preferred(o))
      limit = std::min(limit, objective_of(o, objective) * preference(o, by_cost));
  std::size_t chosen = best;
  for (std::size_t i = 0; i < options.size(); ++i) {
    const Option& o = options[i];
    if (!meets(o, objective) || !preferred(o) || o.cluster.description != picked.cluster.description ||
        objective_of(o, objective) > limit)
      continue;
    const Option& current = options[chosen];
    if (o.layout.idle_cores_per_node < current.layout.idle_cores_per_node ||
        (o.layout.idle_cores_per_node == current.layout.idle_cores_per_node &&
         objective_of(o, objective) < objective_of(current, objective)))
      chosen = i;
  }
  return chosen;
}

// A fraction as a whole percentage, "under 1%" below half a percent.
std::string percent(double fraction) {
  const long rounded = std::lround(fraction * 100);
  return rounded < 1 ? "under 1%" : std::to_string(rounded) + "%";
}

}  // namespace

std::string conventional_preference_note(int picked_cores, int passed_cores, const std::string& passed_label,
                                         double picked, double passed, double margin, bool by_cost,
                                         const std::string& reason) {
  return "picked " + std::to_string(picked_cores) + "-core executors over " + std::to_string(passed_cores) + "-core (" +
         passed_label + ": " + percent(1 - passed / picked) + (by_cost ? " cheaper" : " faster") +
         " predicted, within the model's margin of " + percent(margin) + " between layouts; " + reason + ")";
}

std::string conventional_preference_note(const std::vector<Option>& options, std::size_t best,
                                         const job::Objective& objective) {
  const Option& picked = options[best];
  const Option* passed = nullptr;
  for (const Option& o : options)
    if (meets(o, objective) && objective_of(o, objective) < objective_of(picked, objective) &&
        (!passed || objective_of(o, objective) < objective_of(*passed, objective)))
      passed = &o;
  if (!passed) return "";
  const int cores = passed->layout.executor_cores;
  const std::string reason =
      !search::conventional_executor_cores(cores) ? "the usual 3-5 cores per executor win"
      : passed->layout.idle_cores_per_node > picked.layout.idle_cores_per_node
          ? "it leaves " + text::plural(passed->layout.idle_cores_per_node, "core") + " of each node idle"
          : "";
  if (reason.empty()) return "";
  return conventional_preference_note(picked.layout.executor_cores, cores, passed->label,
                                      objective_of(picked, objective), objective_of(*passed, objective),
                                      margin_of(*passed, objective), objective.minimize == job::Minimize::cost, reason);
}

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
  if (best) best = fewer_idle_within_margin(options, *best, objective);
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
