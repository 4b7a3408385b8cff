// What predict's and recommend's text print alike on every platform: the per-stage table, predict's
// answer to a deadline and a budget, and its Assumed section.
#pragma once

#include <string>
#include <vector>

#include "sparkfit/model/model.hpp"

namespace sparkfit::output {

// A blank line, the header, then one line per stage: runs, tasks, waves, bytes per task, spill, time.
std::string stage_table(const model::JobPlan& plan, const model::Prediction& prediction);

// "predicted runtime 34 min 04 s (80%: 21 min to 55 min), cost $1.99 ($1.22 to $3.21)": the
// forecast and its 80% interval; `priced` false says that YARN prices nothing.
std::string forecast_text(const model::Prediction& prediction, bool priced);

// One line each for the deadline and the budget given: met or not, with both figures; "" when
// neither is given.
std::string objective_lines(const job::Objective& objective, double runtime_s, double cost_usd);

// A blank line, "Assumed" and one "  - sentence" line per assumption; "" when there are none.
std::string assumed_section(const std::vector<std::string>& assumed);

}  // namespace sparkfit::output
