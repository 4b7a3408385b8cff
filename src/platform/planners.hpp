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

// pick.cpp: the sentence saying that the pick passed over a layout the model predicts better by the
// objective (`picked`, `passed`: its cost or runtime), within `margin` (a fraction), and `reason`,
// why; `passed_label` names that layout.
std::string conventional_preference_note(int picked_cores, int passed_cores, const std::string& passed_label,
                                         double picked, double passed, double margin, bool by_cost,
                                         const std::string& reason);
// The note for a managed pick, empty when its preferences (3-5 cores, fewer idle cores) did not
// change it.
std::string conventional_preference_note(const std::vector<Option>& options, std::size_t best,
                                         const job::Objective& objective);

// managed.cpp: recommend's pick among a managed planner's options; none, with why in `why_none`,
// when nothing meets the objective.
std::optional<Plan> recommend_among(std::vector<Option> options, const job::Objective& objective,
                                    std::string& why_none);
// predict's pick among them: only `request.executor_cores`-core executors when given, the
// objective's pick, else the fastest feasible option. InfeasibleError when the one configuration
// cannot run or none is left.
ManagedPlan predict_among(Platform platform, std::vector<Option> options, const PlanRequest& request);

}  // namespace sparkfit::platform
