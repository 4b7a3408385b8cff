// Filling the HTML/markdown report (sparkfit/report/report.hpp) from what the commands computed.
#pragma once

#include <string>
#include <vector>

#include "sparkfit/eventlog/eventlog.hpp"
#include "sparkfit/eventlog/fleet.hpp"
#include "sparkfit/explain/explain.hpp"
#include "sparkfit/model/model.hpp"
#include "sparkfit/platform/managed.hpp"
#include "sparkfit/report/report.hpp"
#include "sparkfit/review/review.hpp"
#include "sparkfit/search/search.hpp"

namespace sparkfit::report {

// The executor layout of one cluster, drawn to scale.
report::NodeDrawing drawing_of(const platform::Cluster& cluster, const layout::Layout& layout);

// Tasks, waves and time per stage.
std::vector<report::StageBar> stage_bars(const model::JobPlan& plan, const model::Prediction& prediction, int slots);

// Marks the points (a few: no search behind them) that no other point beats on both runtime and cost.
void mark_pareto(std::vector<report::Point>& points);

// `review`: the findings with their rule IDs and places, the effective settings and where each
// came from, the reviewed layout drawn when YARN can place it, and with a job the predicted
// runtime and cost of the configuration as submitted (current) against sparkfit's fix
// (recommended), with the submitted configuration's stages.
report::ReportData review_page(const std::vector<rules::Finding>& findings, const review::FactSet& facts,
                               const review::Input& input, const std::string& command);
// The line `review --format markdown --report FILE` ends with: where the drawings are.
std::string review_report_pointer(const std::string& html_file);

// `analyze`: executors over time, task-time distribution and waves per stage (the longest stages
// when there are many), the SF6xxx findings, and the replay (with --what-if-executors, a chart of
// runtime against core-hours held).
report::ReportData analyze_page(const eventlog::Profile& profile, const eventlog::RunLog& log,
                                const std::string& command);

// `analyze` of a fleet: waste by application (a bar each), each top finding, the logs not read.
report::ReportData fleet_page(const eventlog::Fleet& fleet, const std::string& command);

// `explain`: the layout drawn, tasks and waves per stage, the notes as findings, the assumptions.
report::ReportData explain_page(const explain::Explanation& explanation, const std::string& command);

// Where a page came from: the command ("recommend"), its line as typed, and the HTML report's file
// (a markdown page points to it).
struct PageOrigin {
  std::string command;
  std::string command_line;
  std::string html_report_name;
};

// What every plan's page shows besides its candidates: the job's plan, the objective the pick
// followed and the calibration notes.
struct PlanSummary {
  const model::JobPlan& plan;
  const job::Objective& objective;
  const std::vector<std::string>& notes;
};

// `recommend` on EMR, EC2 or YARN: every drawn candidate, the Pareto front, the pick's layout,
// stages, settings and risks.
ReportData recommend_page(const PlanSummary& summary, const search::Recommendation& recommendation,
                          const PageOrigin& origin);
// `recommend` on Glue, EMR Serverless or Kubernetes: the feasible options and the pick.
ReportData managed_page(const PlanSummary& summary, const platform::ManagedPlan& managed, platform::Platform chosen,
                        const PageOrigin& origin);
// `predict` on one cluster: its one point, layout, stages and risks.
ReportData predict_page(const PlanSummary& summary, const platform::Cluster& cluster, const layout::Layout& layout,
                        const model::Prediction& prediction, const PageOrigin& origin);

}  // namespace sparkfit::report
