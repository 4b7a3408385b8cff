// The pages of predict and recommend: the candidates drawn as points, the chosen layout, its
// stages, its Spark settings with their why, the model's risks and the calibration notes.
#include <algorithm>

#include "sparkfit/report/pages.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/version.hpp"

namespace sparkfit::report {
namespace {

// The page header every plan's report shares.
ReportData plan_page(const PageOrigin& origin, const job::JobSpec& job, const std::string& where) {
  ReportData page;
  page.title = job.name;
  page.subtitle = origin.command + ": " + std::string(job::to_string(job.workload)) + ", " +
                  units::format_size(job.input.size_bytes) + " on " + where;
  page.command = origin.command_line;
  page.sparkfit_version = kVersion;
  page.html_report_name = origin.html_report_name;
  return page;
}

void set_objective(ReportData& page, const job::Objective& objective, std::size_t evaluated) {
  page.minimize_runtime = objective.minimize == job::Minimize::runtime;
  page.deadline_s = objective.deadline_s;
  page.budget_usd = objective.budget_usd;
  page.evaluated = static_cast<std::int64_t>(evaluated);
}

void add_settings(ReportData& page, const std::vector<platform::Setting>& settings) {
  for (const platform::Setting& s : settings) page.settings.push_back({s.key, s.value, s.why});
}

}  // namespace

ReportData recommend_page(const PlanSummary& summary, const search::Recommendation& r, const PageOrigin& origin) {
  const std::string where = std::string(platform::to_string(r.space.platform)) + "; minimize " +
                            std::string(job::to_string(summary.objective.minimize));
  ReportData page = plan_page(origin, summary.plan.job, where);
  page.priced = r.priced();
  set_objective(page, summary.objective, static_cast<std::size_t>(r.result.evaluated));
  for (std::size_t i : search::drawn_candidates(r, summary.objective, page.max_points)) {
    const search::Candidate& c = r.result.candidates[i];
    bool on_front = std::find(r.result.pareto.begin(), r.result.pareto.end(), i) != r.result.pareto.end();
    page.points.push_back({search::describe(c, r.cluster),
                           c.instance ? c.instance->family : std::string(platform::to_string(r.space.platform)),
                           c.runtime_s, r.priced() ? c.cost_usd : c.core_hours, on_front, i == r.best, false, true});
  }
  page.layout = drawing_of(r.cluster, r.layout);
  page.stages = stage_bars(summary.plan, r.prediction, r.layout.task_slots);
  add_settings(page, r.settings);
  page.findings = model::risk_findings(r.prediction);
  page.notes = summary.notes;
  return page;
}

ReportData managed_page(const PlanSummary& summary, const platform::ManagedPlan& managed, platform::Platform chosen,
                        const PageOrigin& origin) {
  const std::string word(platform::to_string(chosen));
  ReportData page = plan_page(origin, summary.plan.job, word);
  set_objective(page, summary.objective, managed.options.size());
  for (std::size_t i = 0; i < managed.options.size(); ++i) {
    const platform::Option& x = managed.options[i];
    if (!x.feasible()) continue;
    std::string group = x.glue()             ? x.glue()->worker->name
                        : x.serverless()     ? std::to_string(x.serverless()->executor_vcpus) + " vCPU workers"
                        : x.cluster.instance ? x.cluster.instance->family
                                             : word;
    page.points.push_back({x.label, group, x.runtime_s(), x.cost_usd(), false, i == managed.best, false, true});
  }
  const platform::Option& o = managed.pick();
  page.layout = drawing_of(o.cluster, o.layout);
  page.stages = stage_bars(summary.plan, o.prediction, o.layout.task_slots);
  add_settings(page, o.spark_conf);
  page.findings = model::risk_findings(o.prediction);
  page.notes = o.notes;
  page.notes.insert(page.notes.end(), summary.notes.begin(), summary.notes.end());
  return page;
}

ReportData predict_page(const PlanSummary& summary, const platform::Cluster& cluster, const layout::Layout& layout,
                        const model::Prediction& prediction, const PageOrigin& origin) {
  ReportData page = plan_page(origin, summary.plan.job, cluster.description);
  page.priced = cluster.platform != platform::Platform::yarn;
  if (prediction.feasible())
    page.points.push_back({cluster.description, std::string(platform::to_string(cluster.platform)),
                           prediction.runtime_s, page.priced ? prediction.cost_usd : prediction.core_hours, false,
                           false, true, true});
  if (layout.problem == layout::Problem::none) page.layout = drawing_of(cluster, layout);
  page.stages = stage_bars(summary.plan, prediction, layout.task_slots);
  page.findings = model::risk_findings(prediction);
  page.notes = summary.notes;
  return page;
}

}  // namespace sparkfit::report
