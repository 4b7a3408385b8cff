// Filling the HTML/markdown report (sparkfit/report/report.hpp) from what the commands computed.
#pragma once

#include <string>
#include <vector>

#include "sparkfit/eventlog/eventlog.hpp"
#include "sparkfit/explain/explain.hpp"
#include "sparkfit/model/model.hpp"
#include "sparkfit/report/report.hpp"
#include "sparkfit/review/review.hpp"

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
report::ReportData analyze_page(const eventlog::Profile& profile, const eventlog::RunLog& log, const std::string& command);

// `explain`: the layout drawn, tasks and waves per stage, the notes as findings, the assumptions.
report::ReportData explain_page(const explain::Explanation& explanation, const std::string& command);

}  // namespace sparkfit::report
