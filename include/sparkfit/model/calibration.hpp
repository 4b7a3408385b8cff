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

enum class FailureReason { oom, disk_full, timeout, other };

// An observed run that did not finish, with the figures of its configuration that decide which
// others it implies fail too (docs/job-spec.md#failed-runs).
struct FailedRun {
  FailureReason reason = FailureReason::other;
  std::string place;        // "job.yaml:14": the observation in the spec
  std::string reason_word;  // as the spec says it: oom, disk-full, timeout, other
  platform::Platform platform = platform::Platform::emr;
  std::string configuration;  // the cluster's description: "4 x m5.large"
  int nodes = 0;
  double task_memory_mib = 0;   // container memory (heap, overhead, off-heap, PySpark) per task slot
  double total_memory_mib = 0;  // container memory of all executors
  double total_disk_gb = 0;     // local disk of all nodes as the model counts it; 0: unknown
  double ran_s = 0;             // timeout: how long it ran before it was killed; 0: not given
  Features x{};                 // the configuration's features, for a timeout's lower bound
};

// What a failed run says about one configuration.
enum class FailureVerdict { none, risky, infeasible };

// How `failed` bears on a configuration: its cluster, and its memory per task slot and in all as
// FailedRun counts them. `disk_gb` is the configuration's local disk in all (0: unknown).
FailureVerdict judge(const FailedRun& failed, platform::Platform platform, const std::string& configuration,
                     double task_memory_mib, double total_memory_mib, double disk_gb);
// The sentence for a configuration the failed run rules out or marks risky, naming the observation.
std::string failure_text(const FailedRun& failed, FailureVerdict verdict);

struct Calibration {
  bool active = false;
  // The posterior as seen from each platform: observations on the others carry platform_sd.
  std::array<RuntimeBelief, kPlatformCount> beliefs{};
  double rms_relative_error = 0;  // on the observations, after the update
  double uncalibrated_rms_relative_error = 0;
  int min_nodes = 0, max_nodes = 0;  // the range the observations cover
  double runtime_factor = 1;         // posterior over prior runtime at the observed runs (geometric mean)
  std::string formula;               // "runtime x 1.42 the fitted model's at the observed runs"
  // Runs that did not finish; predict() judges every configuration against them.
  std::vector<FailedRun> failed_runs;

  const RuntimeBelief& belief(platform::Platform platform) const { return beliefs[static_cast<std::size_t>(platform)]; }
  // How far a configuration lies outside the observed node range (0 inside; 1 = twice as far).
  double extrapolation(int nodes) const;
};

// The posterior after `points`; inactive when none has a positive time.
Calibration calibrate(const std::vector<CalibrationPoint>& points, const RuntimeFit& fit);

// Raises the level of each platform's belief so that the median runtime at every timed-out run of
// `calibration.failed_runs` that gives how long it ran is at least that long: a censored run (it
// takes longer than T) approximated as a lower bound on the median. Activates an inactive
// calibration with the prior when a bound moves it. Returns the largest factor applied (1: none).
double apply_lower_bounds(Calibration& calibration, const RuntimeFit& fit);

}  // namespace sparkfit::model
