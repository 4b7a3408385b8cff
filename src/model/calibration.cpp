#include "sparkfit/model/calibration.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "sparkfit/units/units.hpp"

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

// Figures equal up to rounding count as the same.
constexpr double kSame = 1e-6;
// sparkfit's judgement: a configuration with up to twice the local disk of a run that filled its
// disks is risky. The failure shows only that the shuffle and spill exceeded that run's disk, not by
// how much, and the model's own shuffle and spill volumes are estimates of about that spread.
constexpr double kDiskRiskFactor = 2.0;

bool no_more(double value, double bound) { return value <= bound * (1 + kSame); }

std::string seconds_text(double seconds) { return units::format_duration(seconds); }

}  // namespace

FailureVerdict judge(const FailedRun& failed, platform::Platform platform, const std::string& configuration,
                     double task_memory_mib, double total_memory_mib, double disk_gb) {
  const bool same = platform == failed.platform && configuration == failed.configuration;
  switch (failed.reason) {
    case FailureReason::oom:
      // A task that ran out of memory needs more memory per task; more of it in all (more nodes)
      // helps only what is spread over the executors: the cache and the shuffle.
      if (!no_more(task_memory_mib, failed.task_memory_mib)) return FailureVerdict::none;
      return no_more(total_memory_mib, failed.total_memory_mib) ? FailureVerdict::infeasible : FailureVerdict::risky;
    case FailureReason::disk_full:
      if (failed.total_disk_gb <= 0 || disk_gb <= 0) return same ? FailureVerdict::infeasible : FailureVerdict::none;
      if (no_more(disk_gb, failed.total_disk_gb)) return FailureVerdict::infeasible;
      return disk_gb <= kDiskRiskFactor * failed.total_disk_gb ? FailureVerdict::risky : FailureVerdict::none;
    case FailureReason::timeout:
    case FailureReason::other: return same ? FailureVerdict::risky : FailureVerdict::none;
  }
  return FailureVerdict::none;
}

std::string failure_text(const FailedRun& failed, FailureVerdict verdict) {
  const std::string run = "the observed run at " + failed.place + " on " + failed.configuration;
  const bool ruled_out = verdict == FailureVerdict::infeasible;
  switch (failed.reason) {
    case FailureReason::oom:
      return ruled_out ? run + " ran out of memory (oom) with as much memory per task and in all, or more"
                       : run +
                             " ran out of memory (oom) with as much memory per task, or more: more nodes help "
                             "the cache and the shuffle, not a task that is itself too big";
    case FailureReason::disk_full:
      return ruled_out ? run + " filled its local disks (disk-full) with as much local disk in all, or more"
                       : run +
                             " filled its local disks (disk-full) with more than half this configuration's "
                             "local disk";
    case FailureReason::timeout:
      return failed.ran_s > 0
                 ? "timed out after " + seconds_text(failed.ran_s) + " in an observed run (" + failed.place + ")"
                 : "timed out in an observed run (" + failed.place + ")";
    case FailureReason::other: return "failed in an observed run: other (" + failed.place + ")";
  }
  return run + " failed";
}

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

double apply_lower_bounds(Calibration& calibration, const RuntimeFit& fit) {
  std::array<double, kPlatformCount> lift{};  // ln of the factor, per platform
  const RuntimeBelief prior = prior_belief(fit);
  const FailedRun* first = nullptr;
  for (const FailedRun& failed : calibration.failed_runs) {
    if (failed.reason != FailureReason::timeout || failed.ran_s <= 0) continue;
    for (std::size_t t = 0; t < kPlatformCount; ++t) {
      const RuntimeBelief& belief = calibration.active ? calibration.beliefs[t] : prior;
      lift[t] = std::max(lift[t], std::log(failed.ran_s / estimate(belief, failed.x).median_s()));
    }
    if (!first) first = &failed;
  }
  const double largest = *std::max_element(lift.begin(), lift.end());
  if (largest <= 0 || !first) return 1;
  if (!calibration.active) {
    calibration.active = true;
    calibration.beliefs.fill(prior);
    calibration.min_nodes = calibration.max_nodes = first->nodes;
    calibration.formula = "the fitted model's runtime";
  }
  for (std::size_t t = 0; t < kPlatformCount; ++t) calibration.beliefs[t].mean[f_level] += lift[t];
  char text[96];
  std::snprintf(text, sizeof text, ", raised up to x %.3g by timed-out runs (a lower bound)", std::exp(largest));
  calibration.formula += text;
  return std::exp(largest);
}

}  // namespace sparkfit::model
