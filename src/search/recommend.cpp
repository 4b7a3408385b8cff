// The recommendation: the search, the pick's layout, prediction and settings, and how the other
// candidates compare with it.
#include <algorithm>

#include "sparkfit/platform/yarn.hpp"
#include "sparkfit/search/search.hpp"

namespace sparkfit::search {
namespace {

// The figure the objective minimises: cost when asked for and priced, else runtime.
double objective_key(const Candidate& c, const job::Objective& objective, bool priced) {
  return objective.minimize == job::Minimize::cost && priced ? c.cost_usd : c.runtime_s;
}

}  // namespace

std::optional<Recommendation> recommend(const model::JobPlan& plan, Space space, const layout::Choices& base,
                                        const model::Settings& settings, const model::Constants& constants,
                                        const job::Objective& objective, bool dynamic_allocation,
                                        std::string& why_none) {
  if (base.executor_cores > 0) space.executor_cores = {base.executor_cores};
  Recommendation r;
  r.result = run(plan, space, base, settings, constants, objective);
  if (!r.result.best) {
    why_none = r.result.why_none;
    return std::nullopt;
  }
  r.best = *r.result.best;
  const Candidate& best = r.result.candidates[r.best];
  r.cluster = cluster_of(space, best);
  r.choices = choices_of(base, best);
  r.layout = layout::compute(r.cluster.node, r.cluster.nodes, r.choices);
  model::Settings best_settings = settings;
  best_settings.shuffle_partitions = best.shuffle_partitions;
  r.prediction = model::predict(plan, r.cluster, r.layout, best_settings, constants);
  const platform::ShufflePartitions source = space.shuffle_partitions ? platform::ShufflePartitions::given
                                             : best.shuffle_partitions != 200
                                                 ? platform::ShufflePartitions::tuned
                                                 : platform::ShufflePartitions::default_kept;
  r.settings = platform::yarn_settings(r.cluster, r.layout, r.choices, best.shuffle_partitions, source,
                                       constants.target_partition_mib, dynamic_allocation,
                                       platform::driver_heap_why(plan.job, r.choices));
  r.space = std::move(space);
  r.base = base;
  r.model_settings = settings;
  r.constants = &constants;
  r.objective = objective;
  return r;
}

void for_each_candidate(const model::JobPlan& plan, const Recommendation& recommendation,
                        const std::function<void(const Candidate&)>& visit) {
  for_each_candidate(plan, recommendation.space, recommendation.base, recommendation.model_settings,
                     *recommendation.constants, recommendation.objective, visit);
}

std::string describe(const Candidate& candidate, const platform::Cluster& cluster) {
  std::string name =
      candidate.instance ? std::to_string(candidate.nodes) + " x " + candidate.instance->name : cluster.description;
  return name + ", " + std::to_string(candidate.executor_cores) + "-core executors, " +
         std::to_string(candidate.shuffle_partitions) + " shuffle partitions" +
         (candidate.deploy_mode == job::DeployMode::client ? ", client mode" : "");
}

std::vector<std::size_t> alternatives(const Recommendation& recommendation, const job::Objective& objective) {
  const std::vector<Candidate>& candidates = recommendation.result.candidates;
  const Candidate& best = recommendation.pick();
  const bool priced = recommendation.priced();
  std::vector<std::size_t> ranked;
  for (std::size_t i = 0; i < candidates.size(); ++i)
    if (candidates[i].meets_objective && i != recommendation.best) ranked.push_back(i);
  std::sort(ranked.begin(), ranked.end(), [&](std::size_t a, std::size_t b) {
    const double key_a = objective_key(candidates[a], objective, priced);
    const double key_b = objective_key(candidates[b], objective, priced);
    return key_a != key_b ? key_a < key_b : a < b;
  });
  std::vector<std::size_t> shown;
  for (std::size_t index : ranked) {
    const Candidate& c = candidates[index];
    bool same = c.instance == best.instance && c.executor_cores == best.executor_cores;
    for (std::size_t s : shown)
      same = same || (candidates[s].instance == c.instance && candidates[s].executor_cores == c.executor_cores);
    if (!same) shown.push_back(index);
    if (shown.size() == 5) break;
  }
  return shown;
}

std::vector<std::size_t> drawn_candidates(const Recommendation& recommendation, const job::Objective& objective,
                                          std::size_t max_points) {
  const Result& result = recommendation.result;
  const bool priced = recommendation.priced();
  std::vector<std::size_t> chosen(result.pareto.begin(), result.pareto.end());
  std::vector<std::size_t> feasible;
  for (std::size_t i = 0; i < result.candidates.size(); ++i)
    if (result.candidates[i].infeasible == model::Infeasible::none) feasible.push_back(i);
  auto key = [&](std::size_t i) { return objective_key(result.candidates[i], objective, priced); };
  // The search kept the best kKeptBest feasible ones; more would not be the best by the objective.
  std::size_t keep = std::min({max_points, kKeptBest, feasible.size()});
  std::partial_sort(feasible.begin(), feasible.begin() + static_cast<std::ptrdiff_t>(keep), feasible.end(),
                    [&](std::size_t a, std::size_t b) { return key(a) != key(b) ? key(a) < key(b) : a < b; });
  chosen.insert(chosen.end(), feasible.begin(), feasible.begin() + static_cast<std::ptrdiff_t>(keep));
  chosen.push_back(recommendation.best);
  std::sort(chosen.begin(), chosen.end());
  chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
  return chosen;
}

}  // namespace sparkfit::search
