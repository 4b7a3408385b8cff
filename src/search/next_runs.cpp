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

// The cluster an observation ran on this platform: Glue's worker type x workers, else the
// instance type x nodes (YARN's: the nodes).
std::optional<ClusterKey> observed_key(const job::Observation& o, platform::Platform platform) {
  if (o.platform != platform::to_string(platform)) return std::nullopt;
  if (platform == platform::Platform::glue) {
    if (o.worker_type && o.workers) return ClusterKey{*o.worker_type, *o.workers};
    return std::nullopt;
  }
  // A YARN cluster is the one given, of no instance type.
  if (platform == platform::Platform::yarn && o.nodes) return ClusterKey{"", *o.nodes};
  if (o.instance_type && o.nodes) return ClusterKey{*o.instance_type, *o.nodes};
  return std::nullopt;
}

// The clusters the spec's observations ran on this platform.
std::set<ClusterKey> observed_clusters(const job::JobSpec& job, platform::Platform platform) {
  std::set<ClusterKey> observed;
  for (const job::Observation& o : job.observations)
    if (std::optional<ClusterKey> key = observed_key(o, platform)) observed.insert(*key);
  return observed;
}

// What the objective counts per billed second of a candidate, and its minimum. `T` is a search
// Candidate or a managed option's model::Prediction: both carry the same figures.
template <typename T>
model::RunOption option_of(const T& c, bool by_cost, double minimum_s) {
  model::RunOption option;
  if (by_cost) {
    option.minimum_s = minimum_s;
    option.usd_per_s = c.cost_usd / std::max(minimum_s, c.runtime_s);
  }
  return option;
}

// Whether a candidate misses the deadline or the budget even at the low end of its interval.
template <typename T>
bool out_of_reach(const T& c, const job::Objective& objective, bool priced) {
  return (objective.deadline_s && c.runtime_low_s > *objective.deadline_s) ||
         (priced && objective.budget_usd && c.cost_low_usd > *objective.budget_usd);
}

std::string amount(double value, bool by_cost) {
  return by_cost ? units::format_money(value) : units::format_duration(value);
}

// Why measure `c`: what it is expected to save against what, its interval (as listed with it), and
// what the run settles.
template <typename T>
std::string why_of(const model::ChosenRun& run, const T& c, const job::Objective& objective, bool by_cost,
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
  std::map<ClusterKey, std::size_t> groups;
  int measured = 0, infeasible = 0, unreachable = 0;
};

// Weighs candidate `i` of cluster `key` (figures `c`), or counts why it is left out; `features`
// gives the fitted model's features of it, asked only for a candidate weighed.
template <typename T, typename FeaturesOf>
void add_option(Options& o, std::size_t i, const ClusterKey& key, const T& c, bool observed,
                const job::Objective& objective, bool priced, bool by_cost, double minimum_s, FeaturesOf features) {
  int* left_out = observed                                  ? &o.measured
                  : c.infeasible != model::Infeasible::none ? &o.infeasible
                  : out_of_reach(c, objective, priced)      ? &o.unreachable
                                                            : nullptr;
  if (left_out) {
    ++*left_out;
    return;
  }
  model::RunOption option = option_of(c, by_cost, minimum_s);
  option.x = features();
  option.group = o.groups.emplace(key, o.groups.size()).first->second;
  o.options.push_back(option);
  o.candidate_of.push_back(i);
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

// The chooser over the weighed options, under the platform's belief; `figures(i)` is candidate i's.
template <typename FiguresOf>
Suggestions choose(const Options& o, const model::Calibration* calibration, platform::Platform platform,
                   const model::Constants& constants, std::optional<double> best, std::size_t count,
                   const job::Objective& objective, bool by_cost, FiguresOf figures) {
  const model::RuntimeBelief& belief =
      calibration && calibration->active ? calibration->belief(platform) : constants.prior;
  Suggestions s;
  s.asked = count;
  const std::vector<model::ChosenRun> chosen = model::choose_next_runs(belief, o.options, best, count);
  for (std::size_t k = 0; k < chosen.size(); ++k) {
    const std::size_t candidate = o.candidate_of[chosen[k].option];
    s.runs.push_back({candidate, why_of(chosen[k], figures(candidate), objective, by_cost, best.has_value(), k == 0)});
  }
  if (chosen.size() < count) s.notes.push_back(fewer_note(count, chosen.size(), o));
  return s;
}

// The observation of a used run, found by its line in the spec.
const job::Observation* observation_at(const job::JobSpec& job, int line) {
  const auto spec = std::find_if(job.observations.begin(), job.observations.end(),
                                 [&](const job::Observation& o) { return o.where.line == line; });
  return spec == job.observations.end() ? nullptr : &*spec;
}

// ---- the emr, ec2 and yarn search ----

// The best measured run among `options`: each used observation on `platform` priced as the option of
// its cluster. `key(option)` is an option's cluster; `figures(option)` its predicted cost and runtime.
template <typename List, typename Key, typename Figures>
std::optional<double> best_measured(const List& options, platform::Platform platform, const job::JobSpec& job,
                                    const std::vector<calibration::UsedObservation>& used, bool by_cost,
                                    double minimum_s, Key key, Figures figures) {
  std::optional<double> best;
  for (const calibration::UsedObservation& run : used) {
    if (run.platform != platform::to_string(platform)) continue;
    const job::Observation* spec = observation_at(job, run.line);
    const std::optional<ClusterKey> observed = spec ? observed_key(*spec, platform) : std::nullopt;
    if (!observed) continue;
    for (const auto& option : options) {
      if (key(option) != observed || figures(option).runtime_s <= 0) continue;
      const double value = model::objective_at(option_of(figures(option), by_cost, minimum_s), run.measured_s);
      if (!best || value < *best) best = value;
      break;
    }
  }
  return best;
}

ClusterKey key_of(const Candidate& c) { return {c.instance ? c.instance->name : "", c.nodes}; }

// Each cluster's layout that the pick would use on it (picks_before: the objective, with its
// preference for 3-5 cores and no failure risk), so that a run suggested is one a user would submit.
std::map<ClusterKey, std::size_t> layouts_to_run(const Recommendation& r) {
  std::map<ClusterKey, std::size_t> chosen;
  for (std::size_t i = 0; i < r.result.candidates.size(); ++i) {
    const Candidate& c = r.result.candidates[i];
    if (c.infeasible != model::Infeasible::none) continue;
    const auto [at, added] = chosen.emplace(key_of(c), i);
    if (!added && picks_before(c, r.result.candidates[at->second], r.objective, r.priced())) at->second = i;
  }
  return chosen;
}

Options options_for(const model::JobPlan& plan, const Recommendation& r, bool by_cost) {
  const std::set<ClusterKey> observed = observed_clusters(plan.job, r.space.platform);
  const std::map<ClusterKey, std::size_t> to_run = layouts_to_run(r);
  Options result;
  for (std::size_t i = 0; i < r.result.candidates.size(); ++i) {
    const Candidate& c = r.result.candidates[i];
    const ClusterKey key = key_of(c);
    const auto run = to_run.find(key);
    // Another layout of a cluster offered with the one the pick would use there.
    if (run != to_run.end() && run->second != i && !observed.count(key)) continue;
    // The features the fitted model sees for this candidate: its prediction, again.
    add_option(result, i, key, c, observed.count(key) > 0, r.objective, r.priced(), by_cost,
               r.constants->billing_minimum_s, [&] {
                 model::Settings settings = r.model_settings;
                 settings.shuffle_partitions = c.shuffle_partitions;
                 const platform::Cluster cluster = cluster_of(r.space, c);
                 const layout::Layout l = layout::compute(cluster.node, cluster.nodes, choices_of(r.base, c));
                 return model::predict(plan, cluster, l, settings, *r.constants).runtime_features;
               });
  }
  return result;
}

// ---- the managed platforms ----

// A managed option's cluster: Glue's worker type x workers, Kubernetes' instance type x nodes.
std::optional<ClusterKey> key_of(const platform::Option& o) {
  if (const platform::GlueDetail* glue = o.glue()) return ClusterKey{glue->worker->name, glue->workers};
  if (o.kubernetes() && o.cluster.instance) return ClusterKey{o.cluster.instance->name, o.cluster.nodes};
  return std::nullopt;
}

}  // namespace

Suggestions suggest_runs(const model::JobPlan& plan, const Recommendation& r,
                         const std::vector<calibration::UsedObservation>& used, std::size_t count) {
  const bool by_cost = r.objective.minimize == job::Minimize::cost && r.priced();
  Suggestions s =
      choose(options_for(plan, r, by_cost), r.model_settings.calibration, r.space.platform, *r.constants,
             best_measured(
                 r.result.candidates, r.space.platform, plan.job, used, by_cost, r.constants->billing_minimum_s,
                 [](const Candidate& c) { return std::optional<ClusterKey>(key_of(c)); },
                 [](const Candidate& c) -> const Candidate& { return c; }),
             count, r.objective, by_cost, [&](std::size_t i) -> const Candidate& { return r.result.candidates[i]; });
  if (r.objective.minimize == job::Minimize::cost && !r.priced())
    s.notes.push_back(
        "a self-managed YARN cluster has no price: the runs are chosen to find the fastest configuration");
  return s;
}

bool suggests_on(const platform::ManagedPlan& managed) {
  return !managed.options.empty() && key_of(managed.options.front()).has_value();
}

Suggestions suggest_managed_runs(const platform::ManagedPlan& managed, const ManagedRuns& about, std::size_t count) {
  const platform::Platform platform = managed.pick().platform;
  const bool by_cost = about.objective.minimize == job::Minimize::cost;
  const std::set<ClusterKey> observed = observed_clusters(about.job, platform);
  Options o;
  for (std::size_t i = 0; i < managed.options.size(); ++i) {
    const platform::Option& option = managed.options[i];
    const std::optional<ClusterKey> key = key_of(option);
    if (!key) continue;
    add_option(o, i, *key, option.prediction, observed.count(*key) > 0, about.objective, true, by_cost, about.minimum_s,
               [&] { return option.prediction.runtime_features; });
  }
  return choose(o, about.calibration, platform, about.constants,
                best_measured(
                    managed.options, platform, about.job, about.used, by_cost, about.minimum_s,
                    [](const platform::Option& option) { return key_of(option); },
                    [](const platform::Option& option) -> const model::Prediction& { return option.prediction; }),
                count, about.objective, by_cost,
                [&](std::size_t i) -> const model::Prediction& { return managed.options[i].prediction; });
}

}  // namespace sparkfit::search
