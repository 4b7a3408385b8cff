// The YARN planner's row of the planner table: EMR, EC2 and plain YARN clusters are planned by the
// search over instance types, node counts and executor sizes. Its settings (yarn.cpp) sit below the
// search, which emits them; this row sits above it, so the two live apart.
#include "platform/planners.hpp"

namespace sparkfit::platform {

std::optional<Plan> recommend_on_yarn(const PlanRequest& request, std::string& why_none) {
  std::optional<search::Recommendation> r =
      search::recommend(request.plan, request.space.value(), request.base, request.settings, request.constants,
                        request.objective, request.dynamic_allocation, why_none);
  if (!r) return std::nullopt;
  return Plan{std::move(*r)};
}

std::string emr_price_driver(const catalog::Catalog&) {
  return "EC2 + EMR fee per node, plus the primary node; idle cores and YARN memory are paid for";
}

}  // namespace sparkfit::platform
