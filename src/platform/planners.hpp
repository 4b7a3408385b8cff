// Each platform's planner, as the table in planner.cpp lists them, and what the managed planners
// share: the pick among their options for recommend and for predict.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sparkfit/platform/planner.hpp"

namespace sparkfit::platform {

// emr, ec2 and yarn: the search over YARN clusters (yarn.cpp).
std::optional<Plan> recommend_on_yarn(const PlanRequest& request, std::string& why_none);
std::string emr_price_driver(const catalog::Catalog& catalog);

// glue.cpp
std::optional<Plan> recommend_glue(const PlanRequest& request, std::string& why_none);
ManagedPlan predict_glue(const PlanRequest& request);
std::string glue_price_driver(const catalog::Catalog& catalog);

// serverless.cpp
std::optional<Plan> recommend_serverless(const PlanRequest& request, std::string& why_none);
ManagedPlan predict_serverless(const PlanRequest& request);
std::string serverless_price_driver(const catalog::Catalog& catalog);

// kubernetes.cpp
std::optional<Plan> recommend_kubernetes(const PlanRequest& request, std::string& why_none);
ManagedPlan predict_kubernetes(const PlanRequest& request);
std::string kubernetes_price_driver(const catalog::Catalog& catalog);

// managed.cpp: recommend's pick among a managed planner's options; none, with why in `why_none`,
// when nothing meets the objective.
std::optional<Plan> recommend_among(std::vector<Option> options, const job::Objective& objective,
                                    std::string& why_none);
// predict's pick among them: only `request.executor_cores`-core executors when given, the
// objective's pick, else the fastest feasible option. InfeasibleError when the one configuration
// cannot run or none is left.
ManagedPlan predict_among(Platform platform, std::vector<Option> options, const PlanRequest& request);

}  // namespace sparkfit::platform
