// The YARN planner's row of the planner table: EMR, EC2 and plain YARN clusters are planned by the
// search over instance types, node counts and executor sizes. Its settings (yarn.cpp) sit below the
// search, which emits them; this row sits above it, so the two live apart.
#include "platform/planners.hpp"
#include "sparkfit/search/margin.hpp"
#include "sparkfit/search/search.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::platform {
namespace {

// The candidate better by the objective than the pick, the best such; null when the pick is the
// best by the objective (its preferences, 3-5 cores and fewer idle cores, did not change it).
const search::Candidate* passed_over(const search::Recommendation& r, bool by_cost) {
  auto key = [&](const search::Candidate& c) { return by_cost ? c.cost_usd : c.runtime_s; };
  const search::Candidate& picked = r.pick();
  const search::Candidate* passed = nullptr;
  for (const search::Candidate& c : r.result.candidates)
    if (c.meets_objective && key(c) < key(picked) && (!passed || key(c) < key(*passed))) passed = &c;
  return passed;
}

int idle_cores(const search::Recommendation& r, const search::Candidate& c) {
  const Cluster cluster = search::cluster_of(r.space, c);
  return layout::compute(cluster.node, cluster.nodes, search::choices_of(r.base, c)).idle_cores_per_node;
}

// When the pick's preferences changed it, spark.executor.cores' why says so.
void note_conventional_preference(search::Recommendation& r) {
  const bool by_cost = r.objective.minimize == job::Minimize::cost && r.priced();
  const search::Candidate* passed = passed_over(r, by_cost);
  if (!passed) return;
  std::string reason;
  if (passed->risks & model::risk_observed_failure)
    reason = "a run in the observations that did not finish makes it risky";
  else if (!search::conventional_executor_cores(passed->executor_cores))
    reason = "the usual 3-5 cores per executor win";
  else if (const int idle = idle_cores(r, *passed); idle > r.layout.idle_cores_per_node)
    reason = "it leaves " + text::plural(idle, "core") + " of each node idle";
  else
    return;
  const double margin = by_cost ? search::conventional_layout_margin(passed->cost_low_usd, passed->cost_high_usd)
                                : search::conventional_layout_margin(passed->runtime_low_s, passed->runtime_high_s);
  const std::string note = conventional_preference_note(
      r.pick().executor_cores, passed->executor_cores, search::describe(*passed, r.cluster),
      by_cost ? r.pick().cost_usd : r.pick().runtime_s, by_cost ? passed->cost_usd : passed->runtime_s, margin, by_cost,
      reason);
  for (Setting& setting : r.settings)
    if (setting.key == "spark.executor.cores") setting.why += "; " + note;
}

}  // namespace

std::optional<Plan> recommend_on_yarn(const PlanRequest& request, std::string& why_none) {
  std::optional<search::Recommendation> r =
      search::recommend(request.plan, request.space.value(), request.base, request.settings, request.constants,
                        request.objective, request.dynamic_allocation, why_none);
  if (!r) return std::nullopt;
  note_conventional_preference(*r);
  return Plan{std::move(*r)};
}

std::string emr_price_driver(const catalog::Catalog&) {
  return "EC2 + EMR fee per node, plus the primary node; idle cores and YARN memory are paid for";
}

}  // namespace sparkfit::platform
