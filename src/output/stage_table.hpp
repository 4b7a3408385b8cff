// What predict's and recommend's text print alike on every platform: the per-stage table, predict's
// answer to a deadline and a budget, and its Assumed section.
#pragma once

#include <string>
#include <vector>

#include "sparkfit/model/model.hpp"

namespace sparkfit::output {

// A blank line, the header, then one line per stage: runs, tasks, waves, bytes per task, spill, time.
std::string stage_table(const model::JobPlan& plan, const model::Prediction& prediction);

// One line each for the deadline and the budget given: met or not, with both figures; "" when
// neither is given.
std::string objective_lines(const job::Objective& objective, double runtime_s, double cost_usd);

// A blank line, "Assumed" and one "  - sentence" line per assumption; "" when there are none.
std::string assumed_section(const std::vector<std::string>& assumed);

}  // namespace sparkfit::output
