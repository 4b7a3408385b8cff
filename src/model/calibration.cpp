#include "sparkfit/model/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sparkfit/model/nnls.hpp"

namespace sparkfit::model {
namespace {

std::vector<double> features(double predicted_s, int nodes, std::size_t terms) {
  std::vector<double> row = {predicted_s, 1.0, std::log(static_cast<double>(std::max(1, nodes))),
                             static_cast<double>(nodes)};
  row.resize(terms);
  return row;
}

double rms_relative(const std::vector<CalibrationPoint>& points, const std::vector<double>& predictions) {
  double sum = 0;
  for (std::size_t i = 0; i < points.size(); ++i) {
    double error = (predictions[i] - points[i].measured_s) / points[i].measured_s;
    sum += error * error;
  }
  return points.empty() ? 0 : std::sqrt(sum / static_cast<double>(points.size()));
}

}  // namespace

double Calibration::apply(double predicted_s, int nodes) const {
  if (!active) return predicted_s;
  std::vector<double> row = features(predicted_s, nodes, coefficients.size());
  double value = 0;
  for (std::size_t i = 0; i < row.size(); ++i) value += coefficients[i] * row[i];
  return value;
}

double Calibration::extrapolation(int nodes) const {
  if (!active || min_nodes <= 0) return 0;
  if (nodes > max_nodes) return static_cast<double>(nodes - max_nodes) / max_nodes;
  if (nodes < min_nodes) return static_cast<double>(min_nodes - nodes) / nodes;
  return 0;
}

Calibration calibrate(const std::vector<CalibrationPoint>& points) {
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
  // Fewer terms than observations, so the fit cannot simply interpolate them.
  std::size_t terms = usable.size() >= 5 ? 4 : usable.size() >= 3 ? 3 : usable.size() == 2 ? 2 : 1;
  std::vector<double> a, b, weights, uncalibrated;
  for (const CalibrationPoint& point : usable) {
    std::vector<double> row = features(point.predicted_s, point.nodes, terms);
    a.insert(a.end(), row.begin(), row.end());
    b.push_back(point.measured_s);
    weights.push_back(1.0 / (point.measured_s * point.measured_s));
    uncalibrated.push_back(point.predicted_s);
  }
  NnlsResult fit = solve_nnls_weighted(a, usable.size(), terms, b, weights);
  result.coefficients = fit.x;
  if (!fit.converged || result.coefficients.empty() || result.coefficients[0] <= 0) {
    // Fall back to the one-number answer: the median ratio of measured to predicted.
    std::vector<double> ratios;
    for (const CalibrationPoint& point : usable) ratios.push_back(point.measured_s / point.predicted_s);
    std::sort(ratios.begin(), ratios.end());
    result.coefficients = {ratios[ratios.size() / 2]};
  }
  std::vector<double> fitted;
  for (const CalibrationPoint& point : usable) fitted.push_back(result.apply(point.predicted_s, point.nodes));
  result.rms_relative_error = rms_relative(usable, fitted);
  result.uncalibrated_rms_relative_error = rms_relative(usable, uncalibrated);
  char text[256];
  const std::vector<double>& c = result.coefficients;
  int written = std::snprintf(text, sizeof text, "measured = %.3g x model", c[0]);
  if (c.size() > 1)
    written += std::snprintf(text + written, sizeof text - static_cast<std::size_t>(written), " + %.3g s", c[1]);
  if (c.size() > 2)
    written +=
        std::snprintf(text + written, sizeof text - static_cast<std::size_t>(written), " + %.3g s x ln(nodes)", c[2]);
  if (c.size() > 3)
    std::snprintf(text + written, sizeof text - static_cast<std::size_t>(written), " + %.3g s x nodes", c[3]);
  result.formula = text;
  return result;
}

}  // namespace sparkfit::model
