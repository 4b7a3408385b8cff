// Calibrating the runtime model for one job from its measured runs (observations): a Bayesian
// update of the fitted model's per-job parameters (runtime_fit.hpp). The prior is what the public
// runs say about a job like this one; each observation narrows it. One run moves the level alone;
// two or more also the slopes in cluster size and memory. A run on another platform than the one
// predicted counts with the fit's added uncertainty (platform_sd), so it informs, but less.
#pragma once

#include <array>
#include <string>
#include <vector>

#include "sparkfit/model/runtime_fit.hpp"
#include "sparkfit/platform/platform.hpp"

namespace sparkfit::model {

struct CalibrationPoint {
  double predicted_s = 0;  // the uncalibrated model's runtime for the observed configuration
  int nodes = 1;
  double measured_s = 0;
  Features x{};  // the configuration's features (Prediction::runtime_features)
  platform::Platform platform = platform::Platform::emr;
};

inline constexpr std::size_t kPlatformCount = 6;

struct Calibration {
  bool active = false;
  // The posterior as seen from each platform: observations on the others carry platform_sd.
  std::array<RuntimeBelief, kPlatformCount> beliefs{};
  double rms_relative_error = 0;  // on the observations, after the update
  double uncalibrated_rms_relative_error = 0;
  int min_nodes = 0, max_nodes = 0;  // the range the observations cover
  double runtime_factor = 1;         // posterior over prior runtime at the observed runs (geometric mean)
  std::string formula;               // "runtime x 1.42 the fitted model's at the observed runs"

  const RuntimeBelief& belief(platform::Platform platform) const { return beliefs[static_cast<std::size_t>(platform)]; }
  // How far a configuration lies outside the observed node range (0 inside; 1 = twice as far).
  double extrapolation(int nodes) const;
};

// The posterior after `points`; inactive when none has a positive time.
Calibration calibrate(const std::vector<CalibrationPoint>& points, const RuntimeFit& fit);

}  // namespace sparkfit::model
