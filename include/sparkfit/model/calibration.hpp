// Calibrating the analytic model for one job from measured runs (observations), in the spirit of
// Ernest (NSDI'16): measured = a x predicted + b + c x log(nodes) + d x nodes, every term >= 0,
// fitted by non-negative least squares with relative weights so short and long runs count alike.
// One observation scales; two fit scale and a fixed cost; three or more add log(nodes); five or
// more add nodes.
#pragma once

#include <string>
#include <vector>

namespace sparkfit::model {

struct CalibrationPoint {
  double predicted_s = 0;  // the analytic model's runtime for the observed configuration
  int nodes = 1;
  double measured_s = 0;
};

struct Calibration {
  bool active = false;
  std::vector<double> coefficients;  // a (scale), b (s), c (s per log node), d (s per node)
  double rms_relative_error = 0;     // on the observations, after the fit
  double uncalibrated_rms_relative_error = 0;
  int min_nodes = 0, max_nodes = 0;  // the range the observations cover
  std::string formula;               // "measured = 1.42 x model + 12 s"

  // The calibrated runtime of a configuration the model predicts at `predicted_s`.
  double apply(double predicted_s, int nodes) const;
  // How far a configuration lies outside the observed node range (0 inside; 1 = twice as far).
  double extrapolation(int nodes) const;
};

Calibration calibrate(const std::vector<CalibrationPoint>& points);

}  // namespace sparkfit::model
