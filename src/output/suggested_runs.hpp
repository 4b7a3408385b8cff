// `recommend --suggest-runs`: the text section every platform's recommend writes, one row per run.
#pragma once

#include <string>
#include <vector>

namespace sparkfit::output {

struct SuggestedRunRow {
  std::string configuration;  // "10 x r5.4xlarge ...", "20 x G.2X"
  double runtime_s = 0, runtime_low_s = 0, runtime_high_s = 0;
  double cost_usd = 0, cost_low_usd = 0, cost_high_usd = 0;
  std::string why;
};

// "Suggested runs" with each row's forecast (costs when `priced`) and why, then the notes.
std::string suggested_runs_section(const std::vector<SuggestedRunRow>& rows, const std::vector<std::string>& notes,
                                   bool priced);

}  // namespace sparkfit::output
