// `recommend --platform all`: each priced platform's pick by the same objective, and what drives
// each platform's price.
#include <cstdio>

#include "sparkfit/search/search.hpp"
#include "sparkfit/util/error.hpp"

namespace sparkfit::search {
namespace {

std::string price_driver(platform::Platform platform, const catalog::Catalog& catalog) {
  char text[200];
  switch (platform) {
    case platform::Platform::glue:
      std::snprintf(text, sizeof text, "$%.2f per DPU-hour (4 vCPU + 16 GB): $%.3f per vCPU-hour, driver on a worker",
                    catalog.glue.usd_per_dpu_hour, catalog.glue.usd_per_dpu_hour / 4);
      return text;
    case platform::Platform::emr_serverless:
      std::snprintf(text, sizeof text, "$%.4f per vCPU-hour + $%.5f per GB-hour, billed only while workers run",
                    catalog.serverless.usd_per_vcpu_hour, catalog.serverless.usd_per_gb_hour);
      return text;
    case platform::Platform::kubernetes:
      std::snprintf(text, sizeof text, "EC2 + $%.5f per vCPU-hour and $%.5f per GB-hour of pods (EMR on EKS), no primary node",
                    platform::kEmrOnEksUsdPerVcpuHour, platform::kEmrOnEksUsdPerGbHour);
      return text;
    default:
      return "EC2 + EMR fee per node, plus the primary node; idle cores and YARN memory are paid for";
  }
}

PlatformPick emr_pick(const model::JobPlan& plan, const Space& emr, const layout::Choices& base,
                      const model::Settings& settings, const model::Constants& constants, const job::Objective& objective) {
  Space space = emr;
  if (base.executor_cores > 0) space.executor_cores = {base.executor_cores};
  Result result = run(plan, space, base, settings, constants, objective);
  PlatformPick pick{platform::Platform::emr, false, "", 0, 0, result.why_none, ""};
  if (result.best) {
    const Candidate& c = result.candidates[*result.best];
    pick = {platform::Platform::emr, true,
            std::to_string(c.nodes) + " x " + c.instance->name + ", " + std::to_string(c.executor_cores) + "-core executors",
            c.runtime_s, c.cost_usd, "", ""};
  }
  return pick;
}

PlatformPick managed_pick(platform::Platform platform, const std::vector<platform::Option>& options,
                          const job::Objective& objective) {
  std::string why;
  std::optional<std::size_t> best = platform::pick(options, objective, &why);
  if (!best) return {platform, false, "", 0, 0, why, ""};
  return {platform, true, options[*best].label, options[*best].runtime_s(), options[*best].cost_usd(), "", ""};
}

}  // namespace

Comparison compare_platforms(const model::JobPlan& plan, const catalog::Catalog& catalog, const Space& emr,
                             const layout::Choices& base, const platform::GlueRequest& glue,
                             const platform::KubernetesRequest& kubernetes, const model::Settings& settings,
                             const model::Constants& constants, const job::Objective& objective) {
  Comparison comparison;
  std::vector<PlatformPick>& picks = comparison.platforms;
  picks.push_back(emr_pick(plan, emr, base, settings, constants, objective));
  picks.push_back(managed_pick(platform::Platform::glue,
                               platform::evaluate_glue(plan, catalog.glue, glue, settings, constants), objective));
  picks.push_back(managed_pick(platform::Platform::emr_serverless,
                               platform::evaluate_serverless(plan, catalog.serverless, {}, settings, constants), objective));
  picks.push_back(managed_pick(platform::Platform::kubernetes,
                               platform::evaluate_kubernetes(plan, kubernetes, settings, constants), objective));
  std::optional<std::size_t> winner;
  auto key = [&](const PlatformPick& p) { return objective.minimize == job::Minimize::cost ? p.cost_usd : p.runtime_s; };
  for (std::size_t i = 0; i < picks.size(); ++i) {
    picks[i].price_driver = price_driver(picks[i].platform, catalog);
    if (picks[i].found && (!winner || key(picks[i]) < key(picks[*winner]))) winner = i;
  }
  if (!winner) throw InfeasibleError("no platform has a configuration that meets the objective: " + picks.front().why_none);
  comparison.winner = *winner;
  return comparison;
}

}  // namespace sparkfit::search
