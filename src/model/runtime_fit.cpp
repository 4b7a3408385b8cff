#include "sparkfit/model/runtime_fit.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include <Eigen/Dense>

#include "model/model_yaml.hpp"

namespace sparkfit::model {
namespace {

using DenseMatrix = Eigen::MatrixXd;
using DenseVector = Eigen::VectorXd;
constexpr int kPerJob = static_cast<int>(kPerJobFeatures.size());

// A training workload with its runs' features.
struct FeatureWorkload {
  std::string family, name;
  std::vector<RuntimeObservation> runs;
};

constexpr std::array<const char*, feature_count> kFeatureNames = {"level", "log_analytic", "log_slots",
                                                                  "log_gib_per_vcpu", "log_iterations"};

// The feature index of the i-th per-job parameter.
std::size_t per_job(int i) { return static_cast<std::size_t>(kPerJobFeatures[static_cast<std::size_t>(i)]); }

double log_measured(const RuntimeObservation& run) { return std::log(std::max(1.0, run.measured_s)); }

double dot(const Features& a, const Features& b) {
  double sum = 0;
  for (int i = 0; i < feature_count; ++i) sum += a[static_cast<std::size_t>(i)] * b[static_cast<std::size_t>(i)];
  return sum;
}

Features times(const Matrix& m, const Features& x) {
  Features result{};
  for (int i = 0; i < feature_count; ++i) result[static_cast<std::size_t>(i)] = dot(m[static_cast<std::size_t>(i)], x);
  return result;
}

// The fixed effects: every family counts alike (C3O's 47 PageRank inputs do not outvote Scout's two
// join sizes), and a ridge on everything but the level keeps a term sane when it hardly varies.
Features fit_fixed_effects(const std::map<std::string, std::vector<const FeatureWorkload*>>& families, double ridge) {
  DenseMatrix normal = DenseMatrix::Zero(feature_count, feature_count);
  DenseVector right = DenseVector::Zero(feature_count);
  for (const auto& [family, members] : families)
    for (const FeatureWorkload* workload : members) {
      const double weight = 1.0 / static_cast<double>(workload->runs.size() * members.size());
      for (const RuntimeObservation& run : workload->runs) {
        Eigen::Map<const DenseVector> x(run.x.data(), feature_count);
        normal += weight * x * x.transpose();
        right += weight * x * (log_measured(run) - run.x[f_log_analytic]);
      }
    }
  for (int i = 1; i < feature_count; ++i) normal(i, i) += ridge;
  // The analytic runtime is an offset: its scaling with the cluster is the physics the data is too
  // small to overrule, so its coefficient stays 1 and the other terms correct it.
  // Nor does the prior change how the analytic model ranks one job's configurations: the terms that
  // vary within a job have mean 0 and only a job's own runs move them (per_job_covariance). Fitted
  // means for them bent zero-shot picks away from the analytic model's, and made them worse on the
  // families left out (README, "Measured against reality").
  normal(f_log_analytic, f_log_analytic) += 1e12;
  for (int f : {f_log_slots, f_log_gib_per_vcpu}) normal(f, f) += 1e12;
  DenseVector theta = normal.ldlt().solve(right);
  Features result{};
  for (int i = 0; i < feature_count; ++i) result[static_cast<std::size_t>(i)] = theta(i);
  result[f_log_analytic] = 1;
  for (int f : {f_log_slots, f_log_gib_per_vcpu}) result[static_cast<std::size_t>(f)] = 0;
  return result;
}

// A workload's own deviation on the per-job features, shrunk towards 0 where its runs barely vary
// them; returns the deviation and adds its squared residuals to `residual`.
DenseVector fit_deviation(const FeatureWorkload& workload, const Features& fixed, double ridge, double& residual) {
  const int n = static_cast<int>(workload.runs.size());
  DenseMatrix z(n, kPerJob);
  DenseVector r(n);
  for (int i = 0; i < n; ++i) {
    const RuntimeObservation& run = workload.runs[static_cast<std::size_t>(i)];
    for (int j = 0; j < kPerJob; ++j) z(i, j) = run.x[per_job(j)];
    r(i) = log_measured(run) - dot(fixed, run.x);
  }
  DenseMatrix normal = z.transpose() * z;
  for (int j = 1; j < kPerJob; ++j) normal(j, j) += ridge;
  DenseVector u = normal.ldlt().solve(z.transpose() * r);
  residual = (r - z * u).squaredNorm();
  return u;
}

}  // namespace

Features runtime_features(const RuntimeInputs& in) {
  Features x{};
  const double log_slots = std::log(std::max(1.0, in.task_slots) / 32.0);
  const double analytic = std::max(1.0, in.analytic_s);
  const int iterations = std::max(1, in.iterations);
  x[f_level] = 1;
  x[f_log_analytic] = std::log(analytic / 600.0);
  x[f_log_slots] = log_slots;
  x[f_log_gib_per_vcpu] = std::log(std::max(0.25, in.gib_per_vcpu) / 4.0);
  x[f_log_iterations] = std::log(iterations);
  return x;
}

namespace {

// The prior before its widening (below).
RuntimeFit fit_prior(const std::vector<FeatureWorkload>& workloads, double ridge) {
  // Families, not workloads, are what a new job differs by: C3O has 25 grep inputs and Scout two join
  // sizes, so each family counts once, its workloads sharing its weight.
  std::map<std::string, std::vector<const FeatureWorkload*>> families;
  for (const FeatureWorkload& workload : workloads)
    if (!workload.runs.empty()) families[workload.family].push_back(&workload);
  RuntimeFit fit;
  fit.mean = fit_fixed_effects(families, ridge);
  // Two levels of spread: families' deviations from the mean (the per-job covariance), and inputs
  // of one family from each other (added to the level's variance). What is left within one
  // workload, with its own deviation taken out, is the noise a job's own runs cannot explain.
  DenseMatrix spread = DenseMatrix::Zero(kPerJob, kPerJob);
  double residual = 0, within = 0;
  int degrees = 0, within_degrees = 0;
  for (const auto& [family, members] : families) {
    FeatureWorkload pooled{family, family, {}};
    for (const FeatureWorkload* workload : members)
      pooled.runs.insert(pooled.runs.end(), workload->runs.begin(), workload->runs.end());
    double squared = 0;
    DenseVector u = fit_deviation(pooled, fit.mean, ridge, squared);
    spread += u * u.transpose();
    residual += squared;
    degrees += std::max(1, static_cast<int>(pooled.runs.size()) - kPerJob);
    fit.runs += static_cast<int>(pooled.runs.size());
    fit.workloads += static_cast<int>(members.size());
    for (const FeatureWorkload* workload : members) {
      double own = 0;
      fit_deviation(*workload, fit.mean, ridge, own);
      within += own;
      within_degrees += std::max(1, static_cast<int>(workload->runs.size()) - kPerJob);
    }
  }
  const auto count = static_cast<double>(families.size());
  if (count > 1) spread /= count - 1;  // the mean was fitted on the same families
  for (int i = 0; i < kPerJob; ++i)
    for (int j = 0; j < kPerJob; ++j) fit.covariance[per_job(i)][per_job(j)] = spread(i, j);
  const double family_noise = degrees > 0 ? residual / degrees : 0.04;
  const double noise = within_degrees > 0 ? within / within_degrees : family_noise;
  fit.noise_sd = std::sqrt(noise);
  fit.covariance[f_level][f_level] += std::max(0.0, family_noise - noise);
  return fit;
}

// The per-job spread measured among a handful of families understates how far a new family can
// be: the interval is widened until, leaving each training family out in turn, 80% of its runs fall
// inside (the widening is found on the training data only).
double prior_widening(const std::vector<FeatureWorkload>& workloads, double ridge) {
  std::map<std::string, int> families;
  for (const FeatureWorkload& workload : workloads) ++families[workload.family];
  if (families.size() < 3) return 1;
  struct Held {
    double residual, level_variance, parameter_variance, noise_variance, weight;
  };
  std::vector<Held> held;
  for (const auto& [family, members] : families) {
    std::vector<FeatureWorkload> rest;
    for (const FeatureWorkload& workload : workloads)
      if (workload.family != family) rest.push_back(workload);
    RuntimeFit inner = fit_prior(rest, ridge);
    for (const FeatureWorkload& workload : workloads) {
      if (workload.family != family) continue;
      for (const RuntimeObservation& run : workload.runs)
        held.push_back({log_measured(run) - dot(inner.mean, run.x), inner.covariance[f_level][f_level],
                        std::max(0.0, dot(run.x, times(inner.covariance, run.x))), inner.noise_sd * inner.noise_sd,
                        1.0 / static_cast<double>(workload.runs.size() * static_cast<std::size_t>(members))});
    }
  }
  auto coverage = [&](double widening) {
    double inside = 0, total = 0;
    for (const Held& h : held) {
      double sd = std::sqrt(h.level_variance * (widening * widening - 1) + h.parameter_variance + h.noise_variance);
      inside += std::fabs(h.residual) <= kInterval80Z * sd ? h.weight : 0;
      total += h.weight;
    }
    return inside / total;
  };
  double low = 1, high = 1;
  while (coverage(high) < 0.8 && high < 64) high *= 2;
  if (high == 1) return 1;
  for (int i = 0; i < 40; ++i) {
    double middle = (low + high) / 2;
    (coverage(middle) < 0.8 ? low : high) = middle;
  }
  return high;
}

}  // namespace

namespace {

std::vector<FeatureWorkload> with_features(const std::vector<TrainingWorkload>& workloads) {
  std::vector<FeatureWorkload> result;
  for (const TrainingWorkload& workload : workloads) {
    FeatureWorkload w{workload.family, workload.name, {}};
    for (const TrainingRun& run : workload.runs) w.runs.push_back({runtime_features(run.inputs), run.measured_s, 0});
    result.push_back(std::move(w));
  }
  return result;
}

}  // namespace

RuntimeFit fit_runtime_model(const std::vector<TrainingWorkload>& workloads, double ridge) {
  const std::vector<FeatureWorkload> featured = with_features(workloads);
  RuntimeFit fit = fit_prior(featured, ridge);
  const double widening = prior_widening(featured, ridge);
  for (int i = 0; i < feature_count; ++i) {
    fit.covariance[f_level][static_cast<std::size_t>(i)] *= widening;
    fit.covariance[static_cast<std::size_t>(i)][f_level] *= widening;
  }
  fit.widening = widening;
  return fit;
}

RuntimeBelief prior_belief(const RuntimeFit& fit) {
  RuntimeBelief belief;
  belief.mean = fit.mean;
  belief.covariance = fit.covariance;
  belief.noise_sd = fit.noise_sd;
  return belief;
}

RuntimeBelief update(const RuntimeFit& fit, const std::vector<RuntimeObservation>& runs) {
  RuntimeBelief belief = prior_belief(fit);
  if (runs.empty()) return belief;
  // One run cannot tell a level from a slope: it moves the level alone, and the slopes keep their
  // prior spread. Two or more update every per-job parameter.
  Matrix learnable = fit.covariance;
  if (runs.size() == 1)
    for (int i = 0; i < feature_count; ++i)
      for (int j = 0; j < feature_count; ++j)
        if (i != f_level || j != f_level) learnable[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] = 0;
  // The Kalman form, which needs no inverse of the (singular) prior covariance:
  // gain K = P X' (X P X' + R)^-1, mean m + K (y - X m), covariance P - K X P.
  const int n = static_cast<int>(runs.size());
  DenseMatrix x(n, feature_count);
  DenseVector innovation(n);
  DenseMatrix noise = DenseMatrix::Zero(n, n);
  for (int i = 0; i < n; ++i) {
    const RuntimeObservation& run = runs[static_cast<std::size_t>(i)];
    for (int j = 0; j < feature_count; ++j) x(i, j) = run.x[static_cast<std::size_t>(j)];
    innovation(i) = log_measured(run) - dot(fit.mean, run.x);
    noise(i, i) = fit.noise_sd * fit.noise_sd + run.extra_sd * run.extra_sd;
  }
  DenseMatrix prior(feature_count, feature_count), learn(feature_count, feature_count);
  for (int i = 0; i < feature_count; ++i)
    for (int j = 0; j < feature_count; ++j) {
      prior(i, j) = fit.covariance[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
      learn(i, j) = learnable[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
    }
  DenseMatrix gain = learn * x.transpose() * (x * learn * x.transpose() + noise).inverse();
  DenseVector mean = Eigen::Map<const DenseVector>(fit.mean.data(), feature_count) + gain * innovation;
  DenseMatrix covariance = prior - gain * x * learn;
  for (int i = 0; i < feature_count; ++i) {
    belief.mean[static_cast<std::size_t>(i)] = mean(i);
    for (int j = 0; j < feature_count; ++j)
      belief.covariance[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)] = covariance(i, j);
  }
  belief.observations = n;
  return belief;
}

double RuntimeEstimate::expected_s() const { return std::exp(log_mean + 0.5 * log_sd * log_sd); }
double RuntimeEstimate::median_s() const { return std::exp(log_mean); }
double RuntimeEstimate::low_s() const { return std::exp(log_mean - kInterval80Z * log_sd); }
double RuntimeEstimate::high_s() const { return std::exp(log_mean + kInterval80Z * log_sd); }

RuntimeEstimate estimate(const RuntimeBelief& belief, const Features& x) {
  const double parameter_variance = std::max(0.0, dot(x, times(belief.covariance, x)));
  return {dot(belief.mean, x), std::sqrt(parameter_variance + belief.noise_sd * belief.noise_sd)};
}

RuntimeFit load_runtime_fit(const std::filesystem::path& file) {
  Reader reader;
  YAML::Node root = reader.open(file, "the runtime fit");
  reader.check_keys(root,
                    {"schema_version", "source", "as_of", "fitted_on", "mean", "per_job_covariance", "noise_sd",
                     "platform_sd", "validation"},
                    "the runtime fit");
  RuntimeFit fit;
  fit.file = reader.file;
  fit.source = root["source"].as<std::string>("");
  fit.as_of = root["as_of"].as<std::string>("");
  const std::vector<std::string> names(kFeatureNames.begin(), kFeatureNames.end());
  const YAML::Node mean = root["mean"];
  reader.check_keys(mean, names, "mean");
  for (int i = 0; i < feature_count; ++i) {
    YAML::Node node = mean[kFeatureNames[static_cast<std::size_t>(i)]];
    if (!node)
      throw InputError(reader.file + ": error: missing key '" + names[static_cast<std::size_t>(i)] + "' in mean");
    try {
      fit.mean[static_cast<std::size_t>(i)] = node.as<double>();
    } catch (const YAML::Exception&) {
      reader.fail(node, "expected a number, got '" + node.Scalar() + "'");
    }
  }
  const YAML::Node covariance = root["per_job_covariance"];
  if (!covariance || !covariance.IsSequence() || covariance.size() != kPerJobFeatures.size())
    throw InputError(reader.file + ": error: 'per_job_covariance' must be a " + std::to_string(kPerJob) + " x " +
                     std::to_string(kPerJob) + " list of rows (level, log_slots, log_gib_per_vcpu)");
  for (int i = 0; i < kPerJob; ++i) {
    const YAML::Node row = covariance[static_cast<std::size_t>(i)];
    if (!row.IsSequence() || row.size() != kPerJobFeatures.size())
      reader.fail(row, "expected a row of " + std::to_string(kPerJob) + " numbers");
    for (int j = 0; j < kPerJob; ++j) {
      double value = 0;
      try {
        value = row[static_cast<std::size_t>(j)].as<double>();
      } catch (const YAML::Exception&) {
        reader.fail(row[static_cast<std::size_t>(j)], "expected a number");
      }
      if (i == j && value < 0) reader.fail(row[static_cast<std::size_t>(j)], "a variance must be 0 or more");
      fit.covariance[per_job(i)][per_job(j)] = value;
    }
  }
  fit.noise_sd = reader.positive(root, "noise_sd", "the runtime fit");
  fit.platform_sd = reader.non_negative(root, "platform_sd", "the runtime fit");
  const YAML::Node fitted_on = root["fitted_on"];
  reader.check_keys(fitted_on, {"workloads", "runs", "data"}, "fitted_on");
  fit.workloads = static_cast<int>(reader.positive(fitted_on, "workloads", "fitted_on"));
  fit.runs = static_cast<int>(reader.positive(fitted_on, "runs", "fitted_on"));
  return fit;
}

std::string runtime_fit_yaml(const RuntimeFit& fit, const std::string& provenance) {
  std::string out = provenance;
  char line[256];
  std::snprintf(line, sizeof line, "fitted_on:\n  workloads: %d\n  runs: %d\n", fit.workloads, fit.runs);
  out += line;
  out += "  data: the Scout and C3O runs named in source\n";
  out += "mean:  # of theta, ln(runtime s) = theta . x\n";
  for (int i = 0; i < feature_count; ++i) {
    std::snprintf(line, sizeof line, "  %s: %.6g\n", kFeatureNames[static_cast<std::size_t>(i)],
                  fit.mean[static_cast<std::size_t>(i)]);
    out += line;
  }
  out += "per_job_covariance:  # rows and columns: level, log_slots, log_gib_per_vcpu\n";
  for (int i = 0; i < kPerJob; ++i) {
    out += "  - [";
    for (int j = 0; j < kPerJob; ++j) {
      std::snprintf(line, sizeof line, "%s%.6g", j ? ", " : "", fit.covariance[per_job(i)][per_job(j)]);
      out += line;
    }
    out += "]\n";
  }
  std::snprintf(line, sizeof line, "noise_sd: %.6g\nplatform_sd: %.6g\n", fit.noise_sd, fit.platform_sd);
  out += line;
  return out;
}

}  // namespace sparkfit::model
