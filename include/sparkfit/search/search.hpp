// Candidate search for `recommend`: every instance type x node count x executor cores x shuffle
// partition choice, each evaluated with the model; the Pareto front of runtime versus cost, and the
// pick the objective asks for. Infeasible candidates are counted by reason, never dropped silently.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "sparkfit/model/model.hpp"

namespace sparkfit::search {

struct Space {
  platform::Platform platform = platform::Platform::emr;
  std::vector<const catalog::InstanceType*> instances;  // emr/ec2
  std::vector<int> nodes;                               // candidate node counts
  std::vector<std::pair<const catalog::InstanceType*, int>> pairs;  // ec2: exactly these (type, nodes)
  std::optional<platform::Cluster> yarn;                // yarn: the one cluster
  // Any other platform's one cluster, taken as built (Kubernetes nodes, whose pods see allocatable
  // resources rather than an EMR node's YARN memory); priced like the platform's instances.
  std::optional<platform::Cluster> cluster;
  const catalog::EmrRelease* release = nullptr;
  std::vector<int> executor_cores;                      // empty: 1..8 and whole node
  std::optional<std::int64_t> shuffle_partitions;       // given: only this; else 200 and a tuned count
};

// One evaluated candidate, compact so that a whole-catalog search fits in memory.
struct Candidate {
  const catalog::InstanceType* instance = nullptr;
  int nodes = 0;
  int executor_cores = 0;
  std::int64_t shuffle_partitions = 0;
  double runtime_s = 0;
  double cost_usd = 0;
  double core_hours = 0;
  model::Infeasible infeasible = model::Infeasible::none;
  layout::Problem layout_problem = layout::Problem::none;
  unsigned risks = 0;
  bool meets_objective = false;
};

struct Result {
  std::vector<Candidate> candidates;   // every evaluated candidate
  std::vector<std::size_t> pareto;     // indices, by runtime
  std::optional<std::size_t> best;     // the pick, when one meets the objective
  std::int64_t feasible = 0;
  std::map<std::string, std::int64_t> infeasible_reasons;
  std::string why_none;                // when no pick: why, and what would make one feasible
};

// The cluster a candidate runs on.
platform::Cluster cluster_of(const Space& space, const Candidate& candidate);

// The layout choices of a candidate, from the user's base choices.
layout::Choices choices_of(const layout::Choices& base, const Candidate& candidate);

Result run(const model::JobPlan& plan, const Space& space, const layout::Choices& base, const model::Settings& settings,
           const model::Constants& constants, const job::Objective& objective);

// A shuffle partition count aimed at the model's target partition size, a multiple of the slots.
std::int64_t tuned_shuffle_partitions(const model::JobPlan& plan, int task_slots, const model::Constants& constants);

}  // namespace sparkfit::search
