// The table of planners: one row per platform. A new platform adds its planner file and its row.
#include "sparkfit/platform/planner.hpp"

#include <array>

#include "platform/planners.hpp"
#include "sparkfit/util/error.hpp"

namespace sparkfit::platform {
namespace {

// In the Platform enum's order, so that a platform's row is at its value (a test checks).
constexpr std::array<Planner, 6> kPlanners{{
    {Platform::emr, recommend_on_yarn, nullptr, emr_price_driver},
    {Platform::ec2, recommend_on_yarn, nullptr, nullptr},
    {Platform::yarn, recommend_on_yarn, nullptr, nullptr},
    {Platform::glue, recommend_glue, predict_glue, glue_price_driver},
    {Platform::emr_serverless, recommend_serverless, predict_serverless, serverless_price_driver},
    {Platform::kubernetes, recommend_kubernetes, predict_kubernetes, kubernetes_price_driver},
}};

}  // namespace

std::span<const Planner> planners() { return kPlanners; }

const Planner& planner_for(Platform platform) { return kPlanners.at(static_cast<std::size_t>(platform)); }

Plan recommend(Platform platform, const PlanRequest& request) {
  std::string why_none;
  std::optional<Plan> plan = planner_for(platform).recommend(request, why_none);
  if (!plan) throw InfeasibleError(why_none);
  return std::move(*plan);
}

ManagedPlan predict(Platform platform, const PlanRequest& request) {
  const Planner& planner = planner_for(platform);
  if (!planner.predict)
    throw InputError(std::string(to_string(platform)) +
                     " is predicted on the cluster the flags describe, not by a planner");
  return planner.predict(request);
}

}  // namespace sparkfit::platform
