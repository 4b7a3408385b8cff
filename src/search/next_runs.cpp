#include "sparkfit/search/next_runs.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>

#include "sparkfit/model/next_runs.hpp"
#include "sparkfit/units/units.hpp"

namespace sparkfit::search {
namespace {

using ClusterKey = std::pair<std::string, int>;  // instance type, nodes: one run to make

ClusterKey key_of(const Candidate& c) { return {c.instance ? c.instance->name : "", c.nodes}; }

// The clusters the spec's observations ran on this platform.
std::set<ClusterKey> observed_clusters(const job::JobSpec& job, platform::Platform platform) {
  std::set<ClusterKey> observed;
  for (const job::Observation& o : job.observations)
    if (o.platform == platform::to_string(platform) && o.instance_type && o.nodes)
      observed.insert({*o.instance_type, *o.nodes});
  return observed;
}

// What the objective counts per billed second of a candidate, and its minimum.
model::RunOption option_of(const Candidate& c, bool by_cost, double minimum_s) {
  model::RunOption option;
  if (by_cost) {
    option.minimum_s = minimum_s;
    option.usd_per_s = c.cost_usd / std::max(minimum_s, c.runtime_s);
  }
  return option;
}

// The best measured run among the candidates: each used observation on this platform priced as the
// candidate of its cluster.
std::optional<double> best_measured(const Recommendation& r, const job::JobSpec& job,
                                    const std::vector<calibration::UsedObservation>& used, bool by_cost) {
  std::optional<double> best;
  for (const calibration::UsedObservation& run : used) {
    if (run.platform != platform::to_string(r.space.platform)) continue;
    const auto spec = std::find_if(job.observations.begin(), job.observations.end(),
                                   [&](const job::Observation& o) { return o.where.line == run.line; });
    if (spec == job.observations.end() || !spec->instance_type || !spec->nodes) continue;
    for (const Candidate& c : r.result.candidates) {
      if (key_of(c) != ClusterKey{*spec->instance_type, *spec->nodes} || c.runtime_s <= 0) continue;
      const double value = model::objective_at(option_of(c, by_cost, r.constants->billing_minimum_s), run.measured_s);
      if (!best || value < *best) best = value;
      break;
    }
  }
  return best;
}

// Whether a candidate misses the deadline or the budget even at the low end of its interval.
bool out_of_reach(const Candidate& c, const job::Objective& objective, bool priced) {
  return (objective.deadline_s && c.runtime_low_s > *objective.deadline_s) ||
         (priced && objective.budget_usd && c.cost_low_usd > *objective.budget_usd);
}

std::string amount(double value, bool by_cost) {
  return by_cost ? units::format_money(value) : units::format_duration(value);
}

// Why measure `c`: what it is expected to save against what, its interval (as listed with it), and
// what the run settles.
std::string why_of(const model::ChosenRun& run, const Candidate& c, const job::Objective& objective, bool by_cost,
                   bool measured, bool first) {
  const std::string incumbent = amount(run.incumbent, by_cost);
  const std::string against =
      !first     ? incumbent + " (the best so far if the runs above measure at their medians)"
      : measured ? incumbent + (by_cost ? " (the cheapest measured run)" : " (the fastest measured run)")
                 : incumbent + (by_cost ? " (the cheapest prediction)" : " (the fastest prediction)");
  const std::string interval =
      by_cost ? "80% cost " + amount(c.cost_low_usd, true) + " to " + amount(c.cost_high_usd, true)
              : "80% runtime " + amount(c.runtime_low_s, false) + " to " + amount(c.runtime_high_s, false);
  std::string why;
  // Below a hundredth of a cent (or half a second) nothing is expected: the best of what is left.
  if (run.expected_improvement < (by_cost ? 0.00005 : 0.5))
    why = "no gain expected against " + against + ": " + interval + "; the most promising cluster left";
  else
    why = "expected to save " + amount(run.expected_improvement, by_cost) + " against " + against + ": " + interval +
          ", so one run settles whether this cluster is " + (by_cost ? "cheaper" : "faster");
  if (objective.deadline_s && c.runtime_s > *objective.deadline_s)
    why += "; its median misses the " + units::format_duration(*objective.deadline_s) +
           " deadline, and the run also settles whether it meets it";
  if (by_cost && objective.budget_usd && c.cost_usd > *objective.budget_usd)
    why += "; its median is over the " + units::format_money(*objective.budget_usd) +
           " budget, and the run also settles whether it keeps to it";
  return why;
}

// The candidates a run could be suggested for, as the chooser weighs them, and how many were left out.
struct Options {
  std::vector<model::RunOption> options;
  std::vector<std::size_t> candidate_of;  // each option's index into the candidates
  int measured = 0, infeasible = 0, unreachable = 0;
};

Options options_for(const model::JobPlan& plan, const Recommendation& r, bool by_cost) {
  const std::set<ClusterKey> observed = observed_clusters(plan.job, r.space.platform);
  std::map<ClusterKey, std::size_t> groups;
  Options result;
  for (std::size_t i = 0; i < r.result.candidates.size(); ++i) {
    const Candidate& c = r.result.candidates[i];
    const ClusterKey key = key_of(c);
    int* left_out = observed.count(key)                        ? &result.measured
                    : c.infeasible != model::Infeasible::none  ? &result.infeasible
                    : out_of_reach(c, r.objective, r.priced()) ? &result.unreachable
                                                               : nullptr;
    if (left_out) {
      ++*left_out;
      continue;
    }
    // The features the fitted model sees for this candidate: its prediction, again.
    model::Settings settings = r.model_settings;
    settings.shuffle_partitions = c.shuffle_partitions;
    const platform::Cluster cluster = cluster_of(r.space, c);
    const layout::Layout l = layout::compute(cluster.node, cluster.nodes, choices_of(r.base, c));
    const model::Prediction p = model::predict(plan, cluster, l, settings, *r.constants);
    model::RunOption option = option_of(c, by_cost, r.constants->billing_minimum_s);
    option.x = p.runtime_features;
    option.group = groups.emplace(key, groups.size()).first->second;
    result.options.push_back(option);
    result.candidate_of.push_back(i);
  }
  return result;
}

std::string fewer_note(std::size_t asked, std::size_t found, const Options& o) {
  const std::string left = found == 0   ? "no cluster is"
                           : found == 1 ? "only 1 cluster is"
                                        : "only " + std::to_string(found) + " clusters are";
  return "--suggest-runs " + std::to_string(asked) + ": " + left + " left to measure (" + std::to_string(o.measured) +
         " candidate layouts on clusters measured already, " + std::to_string(o.infeasible) + " infeasible, " +
         std::to_string(o.unreachable) + " over the deadline or budget across their whole 80% interval)" +
         (found == 0 ? "" : "; all of them are listed");
}

}  // namespace

Suggestions suggest_runs(const model::JobPlan& plan, const Recommendation& r,
                         const std::vector<calibration::UsedObservation>& used, std::size_t count) {
  const bool by_cost = r.objective.minimize == job::Minimize::cost && r.priced();
  const Options o = options_for(plan, r, by_cost);
  const model::Calibration* calibration = r.model_settings.calibration;
  const model::RuntimeBelief& belief =
      calibration && calibration->active ? calibration->belief(r.space.platform) : r.constants->prior;
  const std::optional<double> best = best_measured(r, plan.job, used, by_cost);
  Suggestions s;
  s.asked = count;
  const std::vector<model::ChosenRun> chosen = model::choose_next_runs(belief, o.options, best, count);
  for (std::size_t k = 0; k < chosen.size(); ++k) {
    const std::size_t candidate = o.candidate_of[chosen[k].option];
    s.runs.push_back(
        {candidate, why_of(chosen[k], r.result.candidates[candidate], r.objective, by_cost, best.has_value(), k == 0)});
  }
  if (chosen.size() < count) s.notes.push_back(fewer_note(count, chosen.size(), o));
  return s;
}

}  // namespace sparkfit::search
