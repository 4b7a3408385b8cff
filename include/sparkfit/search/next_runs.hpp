// `recommend --suggest-runs N`: of the search's candidates not yet measured, the N runs whose
// measurements would best narrow down the cheapest (or fastest) configuration, each with why
// (model/next_runs.hpp chooses them).
#pragma once

#include <cstddef>
#include <vector>

#include "sparkfit/calibration/observations.hpp"
#include "sparkfit/model/model.hpp"
#include "sparkfit/platform/managed.hpp"
#include "sparkfit/search/search.hpp"

namespace sparkfit::search {

// Chooses among the kept candidates (Result: the front, the alternatives and the kKeptBest best by
// the objective, which hold every candidate a run could make the new best). A configuration is one
// cluster, instance type x nodes: one layout of it is suggested, and a cluster the spec's
// `observations:` already ran on this platform is not suggested again. Neither is a candidate the
// model calls infeasible, nor one whose whole 80% interval misses the deadline or the budget. The
// incumbent is the best measured run among the candidates (`used`: the observations the
// calibration used), else the best prediction.
Suggestions suggest_runs(const model::JobPlan& plan, const Recommendation& recommendation,
                         const std::vector<calibration::UsedObservation>& used, std::size_t count);

// The same on AWS Glue (worker type x workers) and Kubernetes (instance type x nodes): among a
// managed plan's options, one run per cluster; Suggestions::runs index ManagedPlan::options. The
// belief is the calibration's for the platform when it is active, else the prior.
struct ManagedRuns {
  const job::JobSpec& job;
  const job::Objective& objective;
  const model::Calibration* calibration;  // the planning's, null when uncalibrated
  const model::Constants& constants;
  const std::vector<calibration::UsedObservation>& used;
  double minimum_s = 60;  // the platform's billing minimum per run
};
// Whether the plan's options are clusters a run can be suggested among (not EMR Serverless', which
// observations cannot name).
bool suggests_on(const platform::ManagedPlan& managed);
Suggestions suggest_managed_runs(const platform::ManagedPlan& managed, const ManagedRuns& about, std::size_t count);

}  // namespace sparkfit::search
