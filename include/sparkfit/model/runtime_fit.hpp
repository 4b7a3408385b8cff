// The fitted runtime model: a log-linear correction of the analytic model, fitted on public runs
// (Scout and C3O, bench/validate.cpp), with a Gaussian prior over a few per-job parameters so that a
// job's own runs update it (a Bayesian posterior) and every prediction carries an 80% interval.
//
//   log(runtime) = theta . x,   x = features of (job, cluster) below,   noise sd = sigma
//
// theta's prior is the mean over the training workloads (fixed effects) plus a per-job deviation on
// the level, the vCPU slope and the memory slope whose covariance is the spread between training
// workloads (random effects). Evaluation allocates nothing: the search calls it per candidate.
#pragma once

#include <array>
#include <filesystem>
#include <string>
#include <vector>

namespace sparkfit::model {

// The feature vector, in this order. Centres make the coefficients readable: at 10 min analytic,
// 32 task slots, 4 GiB per vCPU and one iteration every feature but the level is 0. (Terms tried and
// dropped, README "Measured against reality": the input size, the cache's miss share, slots x work.)
enum Feature : int {
  f_level,             // 1
  f_log_analytic,      // ln(analytic runtime / 600 s): an offset, its coefficient 1
  f_log_slots,         // ln(task slots / 32)
  f_log_gib_per_vcpu,  // ln(node memory per vCPU / 4 GiB)
  f_log_iterations,    // ln(iterations): what each pass costs beyond the analytic model
  feature_count
};
using Features = std::array<double, feature_count>;
using Matrix = std::array<Features, feature_count>;

// What the analytic model worked out for one configuration, as the fit reads it.
struct RuntimeInputs {
  double analytic_s = 0;
  double task_slots = 1;
  double gib_per_vcpu = 4;
  int iterations = 1;
};

// The features of one configuration.
Features runtime_features(const RuntimeInputs& inputs);

// The parameters that vary from job to job (random effects): one run moves only the first.
inline constexpr std::array<int, 3> kPerJobFeatures = {f_level, f_log_slots, f_log_gib_per_vcpu};

struct RuntimeFit {
  Features mean{};                  // prior mean of theta
  Matrix covariance{};              // prior covariance of theta (non-zero on kPerJobFeatures only)
  double noise_sd = 0.2;            // run-to-run and model residual, in ln(runtime)
  double platform_sd = 0.5;         // added to an observation from another platform than the one predicted
  std::string source, as_of, file;  // provenance of the fit (the file's own `source`)
  int workloads = 0, runs = 0;      // what it was fitted on
  double widening = 1;              // the per-job spread's factor that makes held-out families' intervals cover 80%
};

// One measured run for the fit or for a posterior update.
struct RuntimeObservation {
  Features x{};
  double measured_s = 0;
  double extra_sd = 0;  // added uncertainty, e.g. a run on another platform
};

struct TrainingRun {
  RuntimeInputs inputs;
  double measured_s = 0;
};

struct TrainingWorkload {
  std::string family;  // runs of one family are left out together when validating
  std::string name;
  std::vector<TrainingRun> runs;
};

// Fits the prior from training workloads: the fixed effects by least squares with every family
// weighted alike, the per-job covariance from the families' deviations, the noise from what is left,
// and the level's spread widened until held-out families' intervals cover 80%.
RuntimeFit fit_runtime_model(const std::vector<TrainingWorkload>& workloads, double ridge = 1.0);

// A distribution of theta: the prior, or a posterior after a job's runs.
struct RuntimeBelief {
  Features mean{};
  Matrix covariance{};
  double noise_sd = 0.2;
  int observations = 0;
};

RuntimeBelief prior_belief(const RuntimeFit& fit);
// The posterior after `runs` (completed runs of this job). With one run only the level moves.
RuntimeBelief update(const RuntimeFit& fit, const std::vector<RuntimeObservation>& runs);

struct RuntimeEstimate {
  double log_mean = 0, log_sd = 0;  // of ln(runtime)
  double expected_s() const;        // the mean of the lognormal: what the pick minimises
  double median_s() const;
  double low_s() const;   // the 10th percentile
  double high_s() const;  // the 90th percentile
};
RuntimeEstimate estimate(const RuntimeBelief& belief, const Features& x);

inline constexpr double kInterval80Z = 1.2815515655446004;  // the normal's 90th percentile

// instance_catalogs/model/runtime_fit.yaml: loads and writes the fit (InputError with file:line:col).
RuntimeFit load_runtime_fit(const std::filesystem::path& file);
std::string runtime_fit_yaml(const RuntimeFit& fit, const std::string& provenance);

}  // namespace sparkfit::model
