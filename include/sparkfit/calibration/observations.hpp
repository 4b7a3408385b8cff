// Calibrating the model for one job from the spec's `observations:` (measured runs): each observed
// configuration is predicted and measured = f(predicted) is fitted (sparkfit/model/calibration.hpp).
// Shared by predict, recommend and review.
#pragma once

#include <string>
#include <vector>

#include "sparkfit/catalog/catalog.hpp"
#include "sparkfit/job/job.hpp"
#include "sparkfit/model/calibration.hpp"
#include "sparkfit/model/model.hpp"

namespace sparkfit::calibration {

// One observation the fit used, as the output reports it.
struct UsedObservation {
  int line = 0;  // of the observation in the spec
  std::string platform;
  std::string measured_by;  // runtime, dpu_seconds or event_log: where the measured time came from
  std::string event_log;    // the log read for the run, if any (its layout is then the run's)
  int nodes = 0;
  double measured_s = 0;
  double predicted_s = 0;  // the uncalibrated model on that configuration
};

struct JobCalibration {
  model::Calibration fit;
  std::vector<UsedObservation> used;  // in the spec's order
};

// Appends to `notes`: the fitted formula first, then where each event log's figures came from and
// why an observation was not used. An observation's event log that cannot be read, or holds no
// Spark events, is an InputError at the place of its `event_log` value in the spec; a problem
// inside a log keeps the log's own file and line.
JobCalibration from_observations(const catalog::Catalog& catalog, const job::JobSpec& job, const model::JobPlan& plan,
                                 const model::Settings& settings, const model::Constants& constants,
                                 std::vector<std::string>& notes);

}  // namespace sparkfit::calibration
