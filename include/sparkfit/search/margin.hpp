#pragma once
// The one margin by which every pick (EMR search, managed platforms) prefers 3-5-core executors.

#include <algorithm>
#include <cmath>

namespace sparkfit::search {

// The model cannot tell layouts apart by less than its own error (README, "Measured against reality":
// median fastest-pick regret 0.142 zero-shot), so a pick keeps to the usual 3-5 cores per executor
// (docs/domain.md#executor-size-guidance) unless another layout wins by more than this fraction.
constexpr double kConventionalLayoutMargin = 0.15;

inline bool conventional_executor_cores(int cores) { return cores >= 3 && cores <= 5; }

// The fraction by which a layout outside 3-5 cores must win: its own uncertainty, the geometric
// half-width of its 80% interval (sqrt(high / low) - 1), at most kConventionalLayoutMargin. Most of an
// interval is error common to every layout of one job (the job's level, which cancels when two layouts
// are compared); the error between layouts is what the margin measures, so the interval only narrows
// it, as observations of the job do.
inline double conventional_layout_margin(double low, double high) {
  if (!(low > 0) || !(high >= low)) return kConventionalLayoutMargin;
  return std::min(kConventionalLayoutMargin, std::sqrt(high / low) - 1);
}

// The factor a pick multiplies a layout's runtime or cost by, given that figure's 80% interval.
inline double conventional_layout_preference(int cores, double low, double high) {
  return conventional_executor_cores(cores) ? 1.0 : 1.0 + conventional_layout_margin(low, high);
}

// The same factor with a layout a run that did not finish makes risky (the observed-failure risk:
// more memory in total than a run that ran out of it, a cluster that timed out): it must win by the
// margin too, since the model cannot say it will not fail as well.
inline double layout_preference(int cores, bool failure_risk, double low, double high) {
  const double risk = failure_risk ? 1.0 + conventional_layout_margin(low, high) : 1.0;
  return conventional_layout_preference(cores, low, high) * risk;
}

}  // namespace sparkfit::search
