// `recommend --platform all`: each priced platform's pick by the same objective, through each
// platform's planner, and what drives each platform's price.
#include "sparkfit/platform/planner.hpp"
#include "sparkfit/util/error.hpp"

namespace sparkfit::platform {
namespace {

// The pick of a plan in one line: the search's by its candidate, a managed planner's by its label.
PlatformPick pick_of(Platform platform, const Plan& plan) {
  if (const auto* r = std::get_if<search::Recommendation>(&plan)) {
    const search::Candidate& c = r->pick();
    return {platform,
            true,
            std::to_string(c.nodes) + " x " + c.instance->name + ", " + std::to_string(c.executor_cores) +
                "-core executors",
            c.runtime_s,
            c.cost_usd,
            "",
            ""};
  }
  const Option& o = std::get<ManagedPlan>(plan).pick();
  return {platform, true, o.label, o.runtime_s(), o.cost_usd(), "", ""};
}

// The platform's recommendation; none, with why, when the layout the user fixed is outside what
// EMR Serverless or Kubernetes can run: that platform drops out of the comparison, the rest stand.
std::optional<Plan> recommend_on(const Planner& planner, const PlanRequest& request, std::string& why_none) {
  const bool layout_bound = planner.platform == Platform::emr_serverless || planner.platform == Platform::kubernetes;
  try {
    return planner.recommend(request, why_none);
  } catch (const Error& error) {
    if (!layout_bound || error.code() == ExitCode::bad_usage) throw;
    why_none = error.what();
    return std::nullopt;
  }
}

}  // namespace

Comparison compare_platforms(const PlanRequest& request) {
  Comparison comparison;
  std::vector<PlatformPick>& picks = comparison.platforms;
  std::optional<std::size_t> winner;
  auto key = [&](const PlatformPick& p) {
    return request.objective.minimize == job::Minimize::cost ? p.cost_usd : p.runtime_s;
  };
  for (const Planner& planner : planners()) {
    if (!planner.price_driver) continue;
    std::string why_none;
    const std::optional<Plan> plan = recommend_on(planner, request, why_none);
    PlatformPick pick =
        plan ? pick_of(planner.platform, *plan) : PlatformPick{planner.platform, false, "", 0, 0, why_none, ""};
    pick.price_driver = planner.price_driver(request.catalog);
    if (pick.found && (!winner || key(pick) < key(picks[*winner]))) winner = picks.size();
    picks.push_back(std::move(pick));
  }
  if (!winner)
    throw InfeasibleError("no platform has a configuration that meets the objective: " + picks.front().why_none);
  comparison.winner = *winner;
  return comparison;
}

}  // namespace sparkfit::platform
