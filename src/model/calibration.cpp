#include "sparkfit/model/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace sparkfit::model {
namespace {

double rms_relative(const std::vector<CalibrationPoint>& points, const std::vector<double>& predictions) {
  double sum = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    double error = (predictions[i] - points[i].measured_s) / points[i].measured_s;
    sum += error * error;
  }
  return points.empty() ? 0 : std::sqrt(sum / static_cast<double>(points.size()));
}

}  // namespace

double Calibration::extrapolation(int nodes) const {
  if (!active || min_nodes <= 0) return 0;
  if (nodes > max_nodes) return static_cast<double>(nodes - max_nodes) / max_nodes;
  if (nodes < min_nodes) return static_cast<double>(min_nodes - nodes) / nodes;
  return 0;
}

Calibration calibrate(const std::vector<CalibrationPoint>& points, const RuntimeFit& fit) {
  Calibration result;
  std::vector<CalibrationPoint> usable;
  for (const CalibrationPoint& point : points)
    if (point.predicted_s > 0 && point.measured_s > 0) usable.push_back(point);
  if (usable.empty()) return result;
  result.active = true;
  result.min_nodes = usable.front().nodes;
  result.max_nodes = usable.front().nodes;
  for (const CalibrationPoint& point : usable) {
    result.min_nodes = std::min(result.min_nodes, point.nodes);
    result.max_nodes = std::max(result.max_nodes, point.nodes);
  }
  for (platform::Platform target : platform::all_platforms()) {
    std::vector<RuntimeObservation> runs;
    for (const CalibrationPoint& point : usable)
      runs.push_back({point.x, point.measured_s, point.platform == target ? 0.0 : fit.platform_sd});
    result.beliefs[static_cast<std::size_t>(target)] = update(fit, runs);
  }
  // The figures on the observations are each judged from its own platform.
  const RuntimeBelief prior = prior_belief(fit);
  std::vector<double> before, after;
  double log_shift = 0;
  for (const CalibrationPoint& point : usable) {
    const double prior_s = estimate(prior, point.x).median_s();
    const double posterior_s = estimate(result.belief(point.platform), point.x).median_s();
    before.push_back(prior_s);
    after.push_back(posterior_s);
    log_shift += std::log(posterior_s / prior_s);
  }
  result.rms_relative_error = rms_relative(usable, after);
  result.uncalibrated_rms_relative_error = rms_relative(usable, before);
  result.runtime_factor = std::exp(log_shift / static_cast<double>(usable.size()));
  char text[160];
  std::snprintf(text, sizeof text, "runtime x %.3g the fitted model's at the observed runs", result.runtime_factor);
  result.formula = text;
  return result;
}

}  // namespace sparkfit::model
