#include "sparkfit/search/search.hpp"

#include "sparkfit/search/margin.hpp"

#include <algorithm>
#include <cmath>

#include "sparkfit/units/units.hpp"

namespace sparkfit::search {

platform::Cluster cluster_of(const Space& space, const Candidate& candidate) {
  if (space.platform == platform::Platform::yarn) return *space.yarn;
  if (space.cluster) return *space.cluster;
  return instance_cluster(space, *candidate.instance, candidate.nodes);
}

layout::Choices choices_of(const layout::Choices& base, const Candidate& candidate) {
  layout::Choices choices = base;
  choices.executor_cores = candidate.executor_cores;
  if (candidate.heap_mib > 0) choices.heap_mib = candidate.heap_mib;
  return choices;
}

std::int64_t tuned_shuffle_partitions(const model::JobPlan& plan, int task_slots, const model::Constants& constants) {
  double largest = 0;
  for (const model::StagePlan& stage : plan.stages) largest = std::max(largest, stage.shuffle_bytes);
  auto by_size = static_cast<std::int64_t>(std::ceil(largest / (constants.target_partition_mib * units::kMiB)));
  std::int64_t slots = std::max(1, task_slots);
  std::int64_t count = std::max(by_size, slots);
  return (count + slots - 1) / slots * slots;  // whole waves: no idle tail
}

namespace {

bool meets(const Candidate& c, const job::Objective& objective) {
  if (c.infeasible != model::Infeasible::none) return false;
  if (objective.deadline_s && c.runtime_s > *objective.deadline_s) return false;
  if (objective.budget_usd && c.cost_usd > *objective.budget_usd) return false;
  return true;
}

// Within the model's error, keep to 3-5 cores per executor (kConventionalLayoutMargin, margin.hpp).
double preference(const Candidate& c) { return conventional_layout_preference(c.executor_cores); }

// Strictly better by the objective, ties broken by the other axis, then by fewer nodes.
bool better(const Candidate& a, const Candidate& b, const job::Objective& objective, bool priced) {
  double a_primary = (objective.minimize == job::Minimize::cost && priced ? a.cost_usd : a.runtime_s) * preference(a);
  double b_primary = (objective.minimize == job::Minimize::cost && priced ? b.cost_usd : b.runtime_s) * preference(b);
  if (a_primary != b_primary) return a_primary < b_primary;
  double a_secondary = objective.minimize == job::Minimize::cost && priced ? a.runtime_s : a.cost_usd;
  double b_secondary = objective.minimize == job::Minimize::cost && priced ? b.runtime_s : b.cost_usd;
  if (a_secondary != b_secondary) return a_secondary < b_secondary;
  return a.nodes < b.nodes;
}

// What the front trades against runtime: cost, or core-hours without prices.
double cost_of(const Candidate& c, bool priced) { return priced ? c.cost_usd : c.core_hours; }

// The core counts tried on a cluster: the given ones, else 1..8 and the whole node, never more than
// the cores the sizing policy leaves usable.
std::vector<int> core_counts(const Space& space, const platform::Cluster& cluster, const layout::Choices& base) {
  if (!space.executor_cores.empty()) return space.executor_cores;
  std::vector<int> cores;
  int whole = std::max(1, cluster.node.vcpus - base.reserve_cores);
  for (int c = 1; c <= std::min(8, whole); ++c) cores.push_back(c);
  if (whole > 8) cores.push_back(whole);
  return cores;
}

// The heap that lets the AM's node run as many executors as the others: the fill of the YARN memory
// left after the AM container. 0 when the node-filling heap already leaves room (or none is chosen).
std::int64_t heap_beside_am(const platform::Cluster& cluster, const layout::Choices& choices,
                            const layout::Layout& fill) {
  if (choices.heap_mib != 0 || choices.num_executors != 0 || fill.problem != layout::Problem::none) return 0;
  if (fill.executors_on_am_node >= fill.executors_per_node) return 0;
  layout::Node beside = cluster.node;
  beside.yarn_memory_mib = cluster.node.yarn_memory_mib - fill.am_container_mib;
  const layout::Layout fitted = layout::compute(beside, cluster.nodes, choices);
  return fitted.problem == layout::Problem::none ? fitted.heap_mib : 0;
}

// One candidate per shuffle-partition option of a layout (computed by the caller from `choices`):
// the given count, or 200 and one tuned to its slots.
void evaluate_layout(Result& result, const platform::Cluster& cluster, const catalog::InstanceType* instance,
                     const model::JobPlan& plan, const Space& space, const layout::Choices& choices,
                     const layout::Layout& layout, const model::Settings& settings, const model::Constants& constants,
                     const job::Objective& objective, std::int64_t heap_mib) {
  std::int64_t options[2] = {space.shuffle_partitions.value_or(200), 0};
  int option_count = 1;
  if (!space.shuffle_partitions && layout.problem == layout::Problem::none) {
    options[1] = tuned_shuffle_partitions(plan, layout.task_slots, constants);
    if (options[1] != options[0]) option_count = 2;
  }
  for (int o = 0; o < option_count; ++o) {
    model::Settings s = settings;
    s.shuffle_partitions = options[o];
    model::Prediction prediction = model::predict(plan, cluster, layout, s, constants);
    Candidate candidate;
    candidate.instance = instance;
    candidate.nodes = cluster.nodes;
    candidate.executor_cores = choices.executor_cores;
    candidate.heap_mib = heap_mib;
    candidate.shuffle_partitions = options[o];
    candidate.runtime_s = prediction.runtime_s;
    candidate.cost_usd = prediction.cost_usd;
    candidate.core_hours = prediction.core_hours;
    candidate.runtime_low_s = prediction.runtime_low_s;
    candidate.runtime_high_s = prediction.runtime_high_s;
    candidate.cost_low_usd = prediction.cost_low_usd;
    candidate.cost_high_usd = prediction.cost_high_usd;
    candidate.expected_cost_usd = prediction.expected_cost_usd;
    candidate.infeasible = prediction.infeasible;
    candidate.layout_problem = layout.problem;
    candidate.risks = prediction.risks;
    candidate.meets_objective = meets(candidate, objective);
    if (candidate.infeasible == model::Infeasible::none) {
      ++result.feasible;
    } else {
      std::string reason = candidate.infeasible == model::Infeasible::layout
                               ? std::string(layout::to_string(layout.problem))
                               : std::string(model::to_string(candidate.infeasible));
      if (++result.infeasible_reasons[reason] == 1)
        result.infeasible_descriptions[reason] = model::describe(candidate.infeasible, layout.problem);
    }
    result.candidates.push_back(candidate);
  }
}

// Every candidate of one cluster: each core count with the node-filling heap and, when the AM
// would then evict executors from its node, with the heap that leaves it room; the model chooses.
void evaluate_cluster(Result& result, const platform::Cluster& cluster, const catalog::InstanceType* instance,
                      const model::JobPlan& plan, const Space& space, const layout::Choices& base,
                      const model::Settings& settings, const model::Constants& constants,
                      const job::Objective& objective) {
  for (int executor_cores : core_counts(space, cluster, base)) {
    layout::Choices choices = base;
    choices.executor_cores = executor_cores;
    const layout::Layout fill = layout::compute(cluster.node, cluster.nodes, choices);
    evaluate_layout(result, cluster, instance, plan, space, choices, fill, settings, constants, objective, 0);
    const std::int64_t heap = heap_beside_am(cluster, choices, fill);
    if (heap == 0) continue;
    layout::Choices fitted = choices;
    fitted.heap_mib = heap;
    evaluate_layout(result, cluster, instance, plan, space, fitted,
                    layout::compute(cluster.node, cluster.nodes, fitted), settings, constants, objective, heap);
  }
}

// The feasible candidates by runtime (then cost); the Pareto front of runtime versus cost
// (core-hours without prices) is written into the result.
std::vector<std::size_t> rank_and_front(Result& result, bool priced) {
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < result.candidates.size(); ++i)
    if (result.candidates[i].infeasible == model::Infeasible::none) order.push_back(i);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const Candidate& x = result.candidates[a];
    const Candidate& y = result.candidates[b];
    if (x.runtime_s != y.runtime_s) return x.runtime_s < y.runtime_s;
    return cost_of(x, priced) < cost_of(y, priced);
  });
  double cheapest = INFINITY;
  for (std::size_t index : order) {
    if (cost_of(result.candidates[index], priced) < cheapest) {
      cheapest = cost_of(result.candidates[index], priced);
      result.pareto.push_back(index);
    }
  }
  return order;
}

// Why no candidate was picked, and what would make one feasible. `order`: the feasible ones by runtime.
std::string why_none(const Result& result, const std::vector<std::size_t>& order, const job::Objective& objective,
                     bool priced) {
  if (result.feasible == 0) {
    std::string reasons;
    for (const auto& [reason, count] : result.infeasible_reasons)
      reasons += (reasons.empty() ? "" : "; ") + result.infeasible_descriptions.at(reason) + " (" +
                 std::to_string(count) + ")";
    return "none of the " + std::to_string(result.candidates.size()) + " candidates can run: " + reasons +
           "; allow larger instance types or more nodes, or smaller partitions";
  }
  const Candidate& fastest = result.candidates[order.front()];
  std::size_t cheapest_index = order.front();
  for (std::size_t index : order)
    if (cost_of(result.candidates[index], priced) < cost_of(result.candidates[cheapest_index], priced))
      cheapest_index = index;
  const Candidate& cheap = result.candidates[cheapest_index];
  std::string what;
  if (objective.deadline_s && fastest.runtime_s > *objective.deadline_s)
    what = "the fastest candidate takes " + units::format_duration(fastest.runtime_s) + " against the deadline of " +
           units::format_duration(*objective.deadline_s) + "; relax the deadline or allow more nodes or larger types";
  else if (objective.budget_usd)
    what = "the cheapest candidate costs " + units::format_money(cheap.cost_usd) + " against the budget of " +
           units::format_money(*objective.budget_usd) + (objective.deadline_s ? " within the deadline" : "") +
           "; raise the budget" + (objective.deadline_s ? " or relax the deadline" : "");
  else
    what = "no candidate meets the objective";
  return std::to_string(result.feasible) + " candidates can run, but none meets the objective: " + what;
}

}  // namespace

Result run(const model::JobPlan& plan, const Space& space, const layout::Choices& base, const model::Settings& settings,
           const model::Constants& constants, const job::Objective& objective) {
  Result result;
  const bool priced = space.platform != platform::Platform::yarn;
  auto evaluate = [&](const platform::Cluster& cluster, const catalog::InstanceType* instance) {
    evaluate_cluster(result, cluster, instance, plan, space, base, settings, constants, objective);
  };
  if (space.platform == platform::Platform::yarn) {
    evaluate(*space.yarn, nullptr);
  } else if (space.cluster) {
    evaluate(*space.cluster, space.cluster->instance);
  } else if (!space.pairs.empty()) {
    for (const auto& [instance, nodes] : space.pairs) evaluate(instance_cluster(space, *instance, nodes), instance);
  } else {
    for (const catalog::InstanceType* instance : space.instances)
      for (int nodes : space.nodes) evaluate(instance_cluster(space, *instance, nodes), instance);
  }
  const std::vector<std::size_t> order = rank_and_front(result, priced);
  for (std::size_t i = 0; i < result.candidates.size(); ++i) {
    const Candidate& c = result.candidates[i];
    if (!c.meets_objective) continue;
    if (!result.best || better(c, result.candidates[*result.best], objective, priced)) result.best = i;
  }
  if (!result.best) result.why_none = why_none(result, order, objective, priced);
  return result;
}

}  // namespace sparkfit::search
