// Filling the HTML/markdown report (include/sparkfit/report.hpp) from what the commands computed.
#pragma once

#include <string>
#include <vector>

#include "sparkfit/model.hpp"
#include "sparkfit/report.hpp"

namespace sparkfit::cli {

// The executor layout of one cluster, drawn to scale.
report::NodeDrawing drawing_of(const platform::Cluster& cluster, const layout::Layout& layout);

// Tasks, waves and time per stage.
std::vector<report::StageBar> stage_bars(const model::JobPlan& plan, const model::Prediction& prediction, int slots);

// The model's risks as findings with stable ids.
std::vector<report::Finding> risk_findings(unsigned risks);

// The command line as the user typed it, for the page's header.
std::string command_line(const std::string& command, const std::vector<std::string>& args);

}  // namespace sparkfit::cli
