// The per-stage table that predict and recommend print on every platform.
#pragma once

#include <string>

#include "sparkfit/model/model.hpp"

namespace sparkfit::output {

// A blank line, the header, then one line per stage: runs, tasks, waves, bytes per task, spill, time.
std::string stage_table(const model::JobPlan& plan, const model::Prediction& prediction);

}  // namespace sparkfit::output
