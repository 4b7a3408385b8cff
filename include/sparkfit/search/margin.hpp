#pragma once
// The one margin by which every pick (EMR search, managed platforms) prefers 3-5-core executors.

namespace sparkfit::search {

// The model cannot tell layouts apart by less than its own error (README, "Measured against reality":
// median fastest-pick regret 0.142 zero-shot), so a pick keeps to the usual 3-5 cores per executor
// (docs/domain.md#executor-size-guidance) unless another layout wins by more than this fraction.
constexpr double kConventionalLayoutMargin = 0.15;

inline bool conventional_executor_cores(int cores) { return cores >= 3 && cores <= 5; }

// The factor a pick multiplies a layout's runtime or cost by.
inline double conventional_layout_preference(int cores) {
  return conventional_executor_cores(cores) ? 1.0 : 1.0 + kConventionalLayoutMargin;
}

}  // namespace sparkfit::search
