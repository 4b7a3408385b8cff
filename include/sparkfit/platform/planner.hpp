// One planner per platform behind one table. recommend, predict and `recommend --platform all` find
// the platform's row by its Platform value and call through it once per request; the row's planner
// then runs its own loop (the search over YARN candidates, a managed planner over its options)
// with no further dispatch. A new platform is one planner file (its functions declared in
// src/platform/planners.hpp) and one row in planner.cpp.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <variant>
#include <vector>

#include "sparkfit/platform/managed.hpp"
#include "sparkfit/search/search.hpp"

namespace sparkfit::platform {

// What a planner is asked. Every planner reads the job, catalog, model and objective, and its own
// part of the rest.
struct PlanRequest {
  const model::JobPlan& plan;
  const catalog::Catalog& catalog;
  const model::Settings& settings;
  const model::Constants& constants;
  const job::Objective& objective;
  ManagedRequest managed = {};              // glue, emr-serverless, kubernetes
  std::optional<search::Space> space = {};  // emr, ec2, yarn: the search space
  layout::Choices base = {};                // emr, ec2, yarn: the user's layout choices
  bool dynamic_allocation = false;          // emr, ec2, yarn: keep dynamic allocation on, bounded
  std::optional<int> executor_cores = {};   // predict on a managed platform: only these executors
};

// recommend's answer on one platform: the search's recommendation (emr, ec2, yarn) or a managed
// planner's options and pick.
using Plan = std::variant<search::Recommendation, ManagedPlan>;

struct Planner {
  Platform platform;
  // The objective's pick and what it was picked from; none, with why in `why_none`, when nothing
  // qualifies.
  std::optional<Plan> (*recommend)(const PlanRequest& request, std::string& why_none);
  // The one configuration the request pins; InfeasibleError when it cannot run. Null on emr, ec2
  // and yarn, where predict evaluates the cluster the flags describe with the model directly.
  ManagedPlan (*predict)(const PlanRequest& request);
  // What drives the platform's price, in one line; null for a platform `--platform all` leaves out.
  std::string (*price_driver)(const catalog::Catalog& catalog);
};

// One row per Platform value, in the enum's order.
std::span<const Planner> planners();
const Planner& planner_for(Platform platform);

// The row's recommend; InfeasibleError, saying why, when nothing meets the objective.
Plan recommend(Platform platform, const PlanRequest& request);
// The row's predict; InputError on a platform without one.
ManagedPlan predict(Platform platform, const PlanRequest& request);

// ---- `recommend --platform all`: each priced platform's pick, side by side ----

struct PlatformPick {
  Platform platform = Platform::emr;
  bool found = false;
  std::string label;  // the configuration, when found
  double runtime_s = 0, cost_usd = 0;
  std::string why_none;      // when not found
  std::string price_driver;  // what drives the platform's price, in one line
};

struct Comparison {
  std::vector<PlatformPick> platforms;  // every planner with a price driver, in table order
  std::size_t winner = 0;
};

// Each compared platform's pick by its planner (EMR from `request.space` and `request.base`, the
// managed platforms from `request.managed`); the winner by the objective. InfeasibleError when no
// platform has a pick.
Comparison compare_platforms(const PlanRequest& request);

}  // namespace sparkfit::platform
