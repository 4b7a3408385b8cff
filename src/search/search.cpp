#include "sparkfit/search/search.hpp"

#include "sparkfit/search/margin.hpp"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <utility>

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
  choices.deploy_mode = candidate.deploy_mode;
  return choices;
}

std::int64_t tuned_shuffle_partitions(const model::JobPlan& plan, int task_slots, const model::Constants& constants) {
  // What a shuffle-reading stage's tasks divide is its bytes in, which can exceed what the stage
  // before wrote to shuffle (a scan's pruned output read by an aggregate).
  double largest = 0;
  for (const model::StagePlan& stage : plan.stages)
    largest = std::max({largest, stage.shuffle_bytes, stage.reads_shuffle ? stage.bytes_in : 0.0});
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

bool failure_risk(const Candidate& c) { return (c.risks & model::risk_observed_failure) != 0; }

// What needs no margin to be picked: 3-5 cores per executor, and no failed run makes it risky.
bool preferred(const Candidate& c) { return conventional_executor_cores(c.executor_cores) && !failure_risk(c); }

// Within the model's error, keep to 3-5 cores per executor and away from layouts a failed run makes
// risky (layout_preference, margin.hpp).
double preference(const Candidate& c, bool by_cost) {
  return by_cost ? layout_preference(c.executor_cores, failure_risk(c), c.cost_low_usd, c.cost_high_usd)
                 : layout_preference(c.executor_cores, failure_risk(c), c.runtime_low_s, c.runtime_high_s);
}

// Strictly better by the objective's median under the fitted model, ties broken by the other axis,
// then by the narrower interval, then by fewer nodes. Not by the mean: the prior's slope spread
// grows with the distance from the training runs' cluster sizes, so the mean pulls picks towards
// them and onto layouts that idle cores (README, "How the model works").
bool better(const Candidate& a, const Candidate& b, const job::Objective& objective, bool priced) {
  const bool by_cost = objective.minimize == job::Minimize::cost && priced;
  double a_primary = (by_cost ? a.cost_usd : a.runtime_s) * preference(a, by_cost);
  double b_primary = (by_cost ? b.cost_usd : b.runtime_s) * preference(b, by_cost);
  if (a_primary != b_primary) return a_primary < b_primary;
  double a_secondary = by_cost ? a.runtime_s : a.cost_usd;
  double b_secondary = by_cost ? b.runtime_s : b.cost_usd;
  if (a_secondary != b_secondary) return a_secondary < b_secondary;
  const double a_width = a.runtime_high_s / std::max(1e-9, a.runtime_low_s);
  const double b_width = b.runtime_high_s / std::max(1e-9, b.runtime_low_s);
  if (a_width != b_width) return a_width < b_width;
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
template <typename Visit>
void evaluate_layout(const platform::Cluster& cluster, const catalog::InstanceType* instance,
                     const model::JobPlan& plan, const Space& space, const layout::Choices& choices,
                     const layout::Layout& layout, const model::Settings& settings, const model::Constants& constants,
                     const job::Objective& objective, std::int64_t heap_mib, Visit& visit) {
  std::int64_t options[2] = {space.shuffle_partitions.value_or(200), 0};
  int option_count = 1;
  if (!space.shuffle_partitions && layout.problem == layout::Problem::none) {
    options[1] = tuned_shuffle_partitions(plan, layout.task_slots, constants);
    if (options[1] != options[0]) option_count = 2;
  }
  model::Settings s = settings;
  for (int o = 0; o < option_count; ++o) {
    s.shuffle_partitions = options[o];
    const model::Prediction prediction = model::predict(plan, cluster, layout, s, constants);
    Candidate candidate;
    candidate.instance = instance;
    candidate.nodes = cluster.nodes;
    candidate.executor_cores = choices.executor_cores;
    candidate.heap_mib = heap_mib;
    candidate.deploy_mode = choices.deploy_mode;
    candidate.shuffle_partitions = options[o];
    candidate.runtime_s = prediction.runtime_s;
    candidate.cost_usd = prediction.cost_usd;
    candidate.core_hours = prediction.core_hours;
    candidate.runtime_low_s = prediction.runtime_low_s;
    candidate.runtime_high_s = prediction.runtime_high_s;
    candidate.cost_low_usd = prediction.cost_low_usd;
    candidate.cost_high_usd = prediction.cost_high_usd;
    candidate.infeasible = prediction.infeasible;
    candidate.layout_problem = layout.problem;
    candidate.risks = prediction.risks;
    candidate.failed_run = prediction.failed_run;
    candidate.meets_objective = meets(candidate, objective);
    visit(candidate);
  }
}

// The candidates of one core count in one deploy mode: the node-filling heap and, when the AM would
// then evict executors from its node, the heap that leaves it room. True when the AM costs the
// layout something: an executor on its node, or that smaller heap on every node.
template <typename Visit>
bool evaluate_mode(const platform::Cluster& cluster, const catalog::InstanceType* instance, const model::JobPlan& plan,
                   const Space& space, const layout::Choices& base, layout::Choices choices,
                   const model::Settings& settings, const model::Constants& constants, const job::Objective& objective,
                   Visit& visit) {
  choices = layout::keeping_compressed_oops(cluster.node, cluster.nodes, choices);
  const layout::Layout fill = layout::compute(cluster.node, cluster.nodes, choices);
  const std::int64_t held = choices.heap_mib == base.heap_mib ? 0 : choices.heap_mib;
  evaluate_layout(cluster, instance, plan, space, choices, fill, settings, constants, objective, held, visit);
  const std::int64_t heap = heap_beside_am(cluster, choices, fill);
  if (heap > 0) {
    layout::Choices fitted = choices;
    fitted.heap_mib = heap;
    evaluate_layout(cluster, instance, plan, space, fitted, layout::compute(cluster.node, cluster.nodes, fitted),
                    settings, constants, objective, heap, visit);
  }
  return heap > 0 || (fill.problem == layout::Problem::none && fill.executors_on_am_node < fill.executors_per_node);
}

// Whether the EMR primary node holds a client-mode driver: its heap and overhead within the memory
// EMR gives YARN on that type, which the primary node, running no NodeManager, leaves to processes
// beside its own daemons.
bool driver_fits_primary(const catalog::InstanceType& primary, const layout::Choices& choices) {
  const std::int64_t overhead = choices.driver_overhead_mib > 0
                                    ? choices.driver_overhead_mib
                                    : layout::default_overhead_mib(choices.driver_heap_mib, choices.overhead_factor);
  return choices.driver_heap_mib + overhead <= primary.yarn.nodemanager_mib;
}

// Every candidate of one cluster: each core count in the base deploy mode and, where the search may
// choose it and cluster mode's AM container costs the layout something, in client mode too, whose
// AM is 896 MiB and whose driver runs on the primary node; the model chooses.
template <typename Visit>
void evaluate_cluster(const platform::Cluster& cluster, const catalog::InstanceType* instance,
                      const model::JobPlan& plan, const Space& space, const layout::Choices& base,
                      const model::Settings& settings, const model::Constants& constants,
                      const job::Objective& objective, Visit& visit) {
  const catalog::InstanceType* primary = settings.primary ? settings.primary : instance;
  for (int executor_cores : core_counts(space, cluster, base)) {
    layout::Choices choices = base;
    choices.executor_cores = executor_cores;
    const bool am_costs =
        evaluate_mode(cluster, instance, plan, space, base, choices, settings, constants, objective, visit);
    if (!space.try_client_mode || !am_costs || !primary || !driver_fits_primary(*primary, choices)) continue;
    choices.deploy_mode = job::DeployMode::client;
    evaluate_mode(cluster, instance, plan, space, base, choices, settings, constants, objective, visit);
  }
}

// Every candidate of the space, in one fixed order, each handed to `visit`.
template <typename Visit>
void enumerate(const model::JobPlan& plan, const Space& space, const layout::Choices& base,
               const model::Settings& settings, const model::Constants& constants, const job::Objective& objective,
               Visit& visit) {
  auto evaluate = [&](const platform::Cluster& cluster, const catalog::InstanceType* instance) {
    evaluate_cluster(cluster, instance, plan, space, base, settings, constants, objective, visit);
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
}

// The figure the objective minimises: cost when asked for and priced, else runtime.
double objective_key(const Candidate& c, const job::Objective& objective, bool priced) {
  return objective.minimize == job::Minimize::cost && priced ? c.cost_usd : c.runtime_s;
}

// A candidate the collector keeps, with its place in evaluation order.
struct Kept {
  std::int64_t index = 0;
  Candidate candidate;
};

// Counts every candidate and keeps only what the outputs report (see Result). Each rule below
// gives what the whole list of candidates would give, ties going to the one evaluated first.
class Collector {
 public:
  Collector(const job::Objective& objective, bool priced) : objective_(objective), priced_(priced) {}

  void operator()(const Candidate& c) {
    const Kept kept{result_.evaluated++, c};
    if (c.failed_run) count_failed_run(c);
    if (c.infeasible != model::Infeasible::none) {
      count_infeasible(c);
      return;
    }
    ++result_.feasible;
    add_to_front(kept);
    add_to_best(kept);
    if (!c.meets_objective) return;
    if (!best_ || better(c, best_->candidate, objective_, priced_)) best_ = kept;
    Kept& group = group_best(c);
    if (group.index < 0 || key(c) < key(group.candidate)) group = kept;
  }

  // The kept candidates in evaluation order, the front and the pick as indices into them.
  Result finish() {
    name_failed_runs();
    std::vector<Kept> all;
    for (const auto& [runtime, kept] : front_) all.push_back(kept);
    for (const auto& [group, kept] : group_best_) all.push_back(kept);
    all.insert(all.end(), best_by_objective_.begin(), best_by_objective_.end());
    if (best_) all.push_back(*best_);
    std::sort(all.begin(), all.end(), [](const Kept& a, const Kept& b) { return a.index < b.index; });
    all.erase(std::unique(all.begin(), all.end(), [](const Kept& a, const Kept& b) { return a.index == b.index; }),
              all.end());
    auto position = [&](std::int64_t index) {
      return static_cast<std::size_t>(
          std::lower_bound(all.begin(), all.end(), index, [](const Kept& k, std::int64_t i) { return k.index < i; }) -
          all.begin());
    };
    for (const auto& [runtime, kept] : front_) result_.pareto.push_back(position(kept.index));
    if (best_) result_.best = position(best_->index);
    for (const Kept& kept : all) result_.candidates.push_back(kept.candidate);
    return std::move(result_);
  }

 private:
  double key(const Candidate& c) const { return objective_key(c, objective_, priced_); }

  // The best so far of the candidate's (instance type, executor cores), index -1 when none yet.
  // Candidates come instance by instance, so the current instance's groups are looked up first.
  Kept& group_best(const Candidate& c) {
    if (c.instance != current_instance_) {
      current_instance_ = c.instance;
      current_groups_.clear();
    }
    for (const auto& [cores, kept] : current_groups_)
      if (cores == c.executor_cores) return *kept;
    Kept& kept = group_best_.try_emplace({c.instance, c.executor_cores}, Kept{-1, {}}).first->second;
    current_groups_.emplace_back(c.executor_cores, &kept);
    return kept;
  }

  void count_infeasible(const Candidate& c) {
    const std::string reason = c.infeasible == model::Infeasible::layout
                                   ? std::string(layout::to_string(c.layout_problem))
                                   : std::string(model::to_string(c.infeasible));
    if (++result_.infeasible_reasons[reason] == 1)
      result_.infeasible_descriptions[reason] = model::describe(c.infeasible, c.layout_problem);
  }

  // What each failed run in the observations did to the candidates: ruled out, marked risky.
  void count_failed_run(const Candidate& c) {
    std::pair<std::int64_t, std::int64_t>& counts = failed_counts_[c.failed_run];
    (c.infeasible == model::Infeasible::observed_failure ? counts.first : counts.second) += 1;
  }

  // The observed-failure reason's sentence names each failed run and what it did, in the spec's
  // order: "... rules it out (job.yaml:14 oom: 40 ruled out, 12 risky)".
  void name_failed_runs() {
    const auto found =
        result_.infeasible_descriptions.find(std::string(model::to_string(model::Infeasible::observed_failure)));
    if (found == result_.infeasible_descriptions.end()) return;
    std::string named;
    for (const auto& [failed, counts] : failed_counts_) {
      named += (named.empty() ? "" : "; ") + failed->place + " " + failed->reason_word + ":";
      if (counts.first > 0) named += " " + std::to_string(counts.first) + " ruled out";
      if (counts.second > 0)
        named += std::string(counts.first > 0 ? "," : "") + " " + std::to_string(counts.second) + " risky";
    }
    found->second += " (" + named + ")";
  }

  // The front of runtime against cost (core-hours without prices): by runtime, each cheaper than
  // every faster one. A candidate joins unless one as fast or faster costs no more; it then
  // removes those no faster that cost no less.
  void add_to_front(const Kept& kept) {
    const double runtime = kept.candidate.runtime_s;
    const double cost = cost_of(kept.candidate, priced_);
    auto after = front_.upper_bound(runtime);
    if (after != front_.begin() && cost_of(std::prev(after)->second.candidate, priced_) <= cost) return;
    auto from = front_.lower_bound(runtime);
    auto to = from;
    while (to != front_.end() && cost_of(to->second.candidate, priced_) >= cost) ++to;
    front_.erase(from, to);
    front_.emplace(runtime, kept);
  }

  // The kKeptBest feasible candidates first by (objective, evaluation order), in a max-heap.
  void add_to_best(const Kept& kept) {
    auto ranks_before = [&](const Kept& a, const Kept& b) {
      return key(a.candidate) != key(b.candidate) ? key(a.candidate) < key(b.candidate) : a.index < b.index;
    };
    if (best_by_objective_.size() == kKeptBest) {
      if (!ranks_before(kept, best_by_objective_.front())) return;
      std::pop_heap(best_by_objective_.begin(), best_by_objective_.end(), ranks_before);
      best_by_objective_.back() = kept;
    } else {
      best_by_objective_.push_back(kept);
    }
    std::push_heap(best_by_objective_.begin(), best_by_objective_.end(), ranks_before);
  }

  const job::Objective& objective_;
  const bool priced_;
  Result result_;
  std::map<double, Kept> front_;
  std::optional<Kept> best_;
  std::map<std::pair<const catalog::InstanceType*, int>, Kept> group_best_;
  const catalog::InstanceType* current_instance_ = nullptr;
  std::vector<std::pair<int, Kept*>> current_groups_;
  std::vector<Kept> best_by_objective_;
  std::map<const model::FailedRun*, std::pair<std::int64_t, std::int64_t>> failed_counts_;  // in the spec's order
};

// Why no candidate was picked, and what would make one feasible.
std::string why_none(const Result& result, const job::Objective& objective) {
  if (result.feasible == 0) {
    std::string reasons;
    for (const auto& [reason, count] : result.infeasible_reasons)
      reasons += (reasons.empty() ? "" : "; ") + result.infeasible_descriptions.at(reason) + " (" +
                 std::to_string(count) + ")";
    return "none of the " + std::to_string(result.evaluated) + " candidates can run: " + reasons +
           "; allow larger instance types or more nodes, or smaller partitions";
  }
  // The front runs from the fastest candidate to the cheapest.
  const Candidate& fastest = result.candidates[result.pareto.front()];
  const Candidate& cheap = result.candidates[result.pareto.back()];
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

// Among kept 3-5-core candidates of the pick's instance type within the model's margin of it, the
// one that idles fewest of each node's cores (then the better by the objective): the model cannot
// tell them apart, and cores paid for are better used (SF2008). The pick when none idles fewer.
std::size_t fewer_idle_within_margin(const Result& result, const Space& space, const layout::Choices& base,
                                     const job::Objective& objective, bool priced) {
  const Candidate& picked = result.candidates[*result.best];
  if (!conventional_executor_cores(picked.executor_cores)) return *result.best;
  const bool by_cost = objective.minimize == job::Minimize::cost && priced;
  // Within the pick's margin, and still ahead of every other layout by the preference that chose it.
  double limit = objective_key(picked, objective, priced) *
                 (1 + (by_cost ? conventional_layout_margin(picked.cost_low_usd, picked.cost_high_usd)
                               : conventional_layout_margin(picked.runtime_low_s, picked.runtime_high_s)));
  for (const Candidate& c : result.candidates)
    if (c.meets_objective && !preferred(c))
      limit = std::min(limit, objective_key(c, objective, priced) * preference(c, by_cost));
  auto idle = [&](const Candidate& c) {
    const platform::Cluster cluster = cluster_of(space, c);
    return layout::compute(cluster.node, cluster.nodes, choices_of(base, c)).idle_cores_per_node;
  };
  std::size_t chosen = *result.best;
  int chosen_idle = idle(picked);
  for (std::size_t i = 0; i < result.candidates.size() && chosen_idle > 0; ++i) {
    const Candidate& c = result.candidates[i];
    if (!c.meets_objective || c.instance != picked.instance || !preferred(c) ||
        objective_key(c, objective, priced) > limit)
      continue;
    const int c_idle = idle(c);
    if (c_idle < chosen_idle ||
        (c_idle == chosen_idle &&
         objective_key(c, objective, priced) < objective_key(result.candidates[chosen], objective, priced))) {
      chosen = i;
      chosen_idle = c_idle;
    }
  }
  return chosen;
}

}  // namespace

bool picks_before(const Candidate& a, const Candidate& b, const job::Objective& objective, bool priced) {
  return better(a, b, objective, priced);
}

Result run(const model::JobPlan& plan, const Space& space, const layout::Choices& base, const model::Settings& settings,
           const model::Constants& constants, const job::Objective& objective) {
  Collector collect(objective, space.platform != platform::Platform::yarn);
  enumerate(plan, space, base, settings, constants, objective, collect);
  Result result = collect.finish();
  if (!result.best) result.why_none = why_none(result, objective);
  if (result.best)
    result.best = fewer_idle_within_margin(result, space, base, objective, space.platform != platform::Platform::yarn);
  return result;
}

void for_each_candidate(const model::JobPlan& plan, const Space& space, const layout::Choices& base,
                        const model::Settings& settings, const model::Constants& constants,
                        const job::Objective& objective, const std::function<void(const Candidate&)>& visit) {
  enumerate(plan, space, base, settings, constants, objective, visit);
}

}  // namespace sparkfit::search
