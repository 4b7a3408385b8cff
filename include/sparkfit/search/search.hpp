// Candidate search for `recommend`: every instance type x node count x executor cores x shuffle
// partition choice, each evaluated with the model; the Pareto front of runtime versus cost, and the
// pick the objective asks for. Infeasible candidates are counted by reason, never dropped silently.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sparkfit/catalog/catalog.hpp"
#include "sparkfit/model/model.hpp"
#include "sparkfit/platform/platform.hpp"

namespace sparkfit::search {

struct Space {
  platform::Platform platform = platform::Platform::emr;
  std::vector<const catalog::InstanceType*> instances;              // emr/ec2
  std::vector<int> nodes;                                           // candidate node counts
  std::vector<std::pair<const catalog::InstanceType*, int>> pairs;  // ec2: exactly these (type, nodes)
  std::optional<platform::Cluster> yarn;                            // yarn: the one cluster
  // Any other platform's one cluster, taken as built (Kubernetes nodes, whose pods see allocatable
  // resources rather than an EMR node's YARN memory); priced like the platform's instances.
  std::optional<platform::Cluster> cluster;
  const catalog::EmrRelease* release = nullptr;
  std::vector<int> executor_cores;                 // empty: 1..8 and whole node
  std::optional<std::int64_t> shuffle_partitions;  // given: only this; else 200 and a tuned count
  std::optional<std::int64_t> min_allocation_mib;  // --yarn-min-allocation over each type's own step
  // EMR, deploy mode not given: client mode is tried where cluster mode's AM container, which holds the
  // driver, costs a node an executor or every executor heap (docs/domain.md#deploy-mode).
  bool try_client_mode = false;
};

// The emr or ec2 cluster of `nodes` x `instance` in the space, with its YARN step.
platform::Cluster instance_cluster(const Space& space, const catalog::InstanceType& instance, int nodes);

// One evaluated candidate.
struct Candidate {
  const catalog::InstanceType* instance = nullptr;
  int nodes = 0;
  int executor_cores = 0;
  std::int64_t heap_mib = 0;  // 0: the base choice (fill the node); else a heap sized to leave room for the AM
  job::DeployMode deploy_mode = job::DeployMode::cluster;
  std::int64_t shuffle_partitions = 0;
  double runtime_s = 0;
  double cost_usd = 0;
  double core_hours = 0;
  // The 80% intervals (model::Prediction).
  double runtime_low_s = 0, runtime_high_s = 0, cost_low_usd = 0, cost_high_usd = 0;
  model::Infeasible infeasible = model::Infeasible::none;
  layout::Problem layout_problem = layout::Problem::none;
  unsigned risks = 0;
  const model::FailedRun* failed_run = nullptr;  // the observed failed run that rules it out or makes it risky
  bool meets_objective = false;
};

// The best candidates by the objective that the search keeps for a chart to draw
// (report::ReportData::max_points draws at most this many).
inline constexpr std::size_t kKeptBest = 2000;

// What the outputs report, and no more, so that memory stays bounded for any node range: every
// candidate is counted, but only these are kept, in the order they were evaluated: the Pareto
// front, the pick, the best of each (instance type, executor cores) that meets the objective (the
// alternatives) and the kKeptBest feasible ones first by the objective. for_each_candidate
// enumerates them all again.
struct Result {
  std::vector<Candidate> candidates;  // the kept candidates, in evaluation order
  std::vector<std::size_t> pareto;    // indices into candidates, by runtime
  std::optional<std::size_t> best;    // the pick, when one meets the objective
  std::int64_t evaluated = 0;         // every candidate, kept or not
  std::int64_t feasible = 0;
  std::map<std::string, std::int64_t> infeasible_reasons;      // by code, as JSON shows them
  std::map<std::string, std::string> infeasible_descriptions;  // each code as a sentence, for text
  std::string why_none;                                        // when no pick: why, and what would make one feasible
};

// The cluster a candidate runs on.
platform::Cluster cluster_of(const Space& space, const Candidate& candidate);

// The layout choices of a candidate, from the user's base choices.
layout::Choices choices_of(const layout::Choices& base, const Candidate& candidate);

Result run(const model::JobPlan& plan, const Space& space, const layout::Choices& base, const model::Settings& settings,
           const model::Constants& constants, const job::Objective& objective);

// Whether run() ranks `a` before `b`: by the objective's median, a layout outside 3-5 cores or one a
// failed run makes risky needing to win by the model's margin (margin.hpp), ties by the other axis.
bool picks_before(const Candidate& a, const Candidate& b, const job::Objective& objective, bool priced);

// Every candidate run() evaluates, in the same order, each handed to `visit` and then forgotten:
// `--all-candidates` streams them.
void for_each_candidate(const model::JobPlan& plan, const Space& space, const layout::Choices& base,
                        const model::Settings& settings, const model::Constants& constants,
                        const job::Objective& objective, const std::function<void(const Candidate&)>& visit);

// A shuffle partition count aimed at the model's target partition size, a multiple of the slots.
std::int64_t tuned_shuffle_partitions(const model::JobPlan& plan, int task_slots, const model::Constants& constants);

// ---- From what the user asked to a space ----

// What recommend's flags and the spec ask of the emr, ec2 or yarn search, parsed; each given field
// replaces the spec's.
struct SpaceRequest {
  platform::Platform platform = platform::Platform::emr;
  std::optional<platform::Cluster> yarn;              // yarn: the one cluster
  std::optional<std::string> emr_release;             // --emr-release
  std::optional<std::vector<std::string>> instances;  // --instance A,B: instead of the spec's types and families
  std::optional<std::vector<int>> nodes;              // --nodes
  std::optional<std::int64_t> min_allocation_mib;     // --yarn-min-allocation
  bool try_client_mode = false;                       // Space::try_client_mode
};

// The emr, ec2 or yarn search space: the request over the spec, the catalog's types when neither
// names any (on emr, only those EMR offers). An empty space is an InfeasibleError.
Space space_for(const catalog::Catalog& catalog, const job::JobSpec& job, const SpaceRequest& request);

// The cluster of the space's first candidate: the platform's defaults (overhead factor, collector,
// reserved cores) that the base layout choices start from.
platform::Cluster first_cluster(const Space& space);

// ---- The recommendation: the search, its pick and the pick's settings ----

// The runs `recommend --suggest-runs N` names (search/next_runs.hpp): each a kept candidate and why.
struct SuggestedRun {
  std::size_t candidate = 0;  // into Result::candidates
  std::string why;
};
struct Suggestions {
  std::size_t asked = 0;
  std::vector<SuggestedRun> runs;
  std::vector<std::string> notes;  // fewer than asked, and what was left out
};

struct Recommendation {
  Space space;
  Result result;
  std::size_t best = 0;  // into result.candidates
  platform::Cluster cluster;
  layout::Choices choices;
  layout::Layout layout;
  model::Prediction prediction;
  std::vector<platform::Setting> settings;
  // What the search ran with, so that its candidates can be enumerated again (for_each_candidate).
  layout::Choices base;
  model::Settings model_settings;
  const model::Constants* constants = nullptr;  // the caller's, which outlive the recommendation
  job::Objective objective;
  std::optional<Suggestions> suggested;  // --suggest-runs

  const Candidate& pick() const { return result.candidates[best]; }
  bool priced() const { return space.platform != platform::Platform::yarn; }
};

// Searches `space` from the base choices (base.executor_cores, when set, is the only core count
// tried) and evaluates the pick; none, with why in `why_none`, when no candidate meets the
// objective. `dynamic_allocation` keeps dynamic allocation on in the settings, bounded.
std::optional<Recommendation> recommend(const model::JobPlan& plan, Space space, const layout::Choices& base,
                                        const model::Settings& settings, const model::Constants& constants,
                                        const job::Objective& objective, bool dynamic_allocation,
                                        std::string& why_none);

// Every candidate of the recommendation's search, again, in evaluation order.
void for_each_candidate(const model::JobPlan& plan, const Recommendation& recommendation,
                        const std::function<void(const Candidate&)>& visit);

// "10 x r5.4xlarge, 5-core executors, 400 shuffle partitions"; a yarn candidate by its cluster.
std::string describe(const Candidate& candidate, const platform::Cluster& cluster);

// The candidates that come next by the objective, and what they lose: at most five, one per
// (instance type, executor cores), since five node counts of the winner teach nothing.
std::vector<std::size_t> alternatives(const Recommendation& recommendation, const job::Objective& objective);

// What a chart can draw: the Pareto front, the best `max_points` by the objective and the pick,
// in candidate order. At most kKeptBest are drawn besides the front and the pick.
std::vector<std::size_t> drawn_candidates(const Recommendation& recommendation, const job::Objective& objective,
                                          std::size_t max_points);

}  // namespace sparkfit::search
