#include "sparkfit/model/next_runs.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace sparkfit::model {
namespace {

double normal_cdf(double z) { return 0.5 * std::erfc(-z / std::sqrt(2.0)); }

// P x, for the symmetric P.
Features times(const Matrix& p, const Features& x) {
  Features result{};
  for (std::size_t i = 0; i < x.size(); ++i)
    for (std::size_t j = 0; j < x.size(); ++j) result[i] += p[i][j] * x[j];
  return result;
}

double dot(const Features& a, const Features& b) {
  double sum = 0;
  for (std::size_t i = 0; i < a.size(); ++i) sum += a[i] * b[i];
  return sum;
}

// The lowest predicted median objective among the eligible options.
std::optional<double> best_predicted(const RuntimeBelief& belief, const std::vector<RunOption>& options,
                                     const std::vector<bool>& done) {
  std::optional<double> best;
  for (const RunOption& option : options) {
    if (!option.eligible || done[option.group]) continue;
    const double value = objective_at(option, estimate(belief, option.x).median_s());
    if (!best || value < *best) best = value;
  }
  return best;
}

// The belief about a configuration's typical runtime, without the run-to-run noise.
RuntimeEstimate latent(const RuntimeBelief& belief, const Features& x) {
  RuntimeEstimate e = estimate(belief, x);
  e.log_sd = std::sqrt(std::max(0.0, e.log_sd * e.log_sd - belief.noise_sd * belief.noise_sd));
  return e;
}

}  // namespace

double objective_at(const RunOption& option, double runtime_s) {
  return std::max(option.minimum_s, runtime_s) * option.usd_per_s;
}

double expected_improvement(const RunOption& option, const RuntimeEstimate& estimate, double best) {
  // objective = rate * max(m, T). Below the minimum every runtime costs rate * m; above it, up to
  // the runtime t* = best / rate that only ties the best, the saving is best - rate * T.
  const double rate = option.usd_per_s, m = option.minimum_s;
  const double threshold_s = best / rate;
  if (!(threshold_s > m)) return 0;
  const double mu = estimate.log_mean, s = std::max(1e-6, estimate.log_sd);
  const double z_best = (std::log(threshold_s) - mu) / s;
  const double z_minimum = m > 0 ? (std::log(m) - mu) / s : -std::numeric_limits<double>::infinity();
  const double mean_s = std::exp(mu + 0.5 * s * s);
  const double gain = best * normal_cdf(z_best) - rate * m * normal_cdf(z_minimum) -
                      rate * mean_s * (normal_cdf(z_best - s) - normal_cdf(z_minimum - s));
  return std::max(0.0, gain);
}

RuntimeBelief believe_median(const RuntimeBelief& belief, const Features& x) {
  // The Kalman step of update() for one run whose innovation is 0: covariance P - (Lx)(Lx)' / (x'Lx + r).
  Matrix learnable = belief.covariance;
  if (belief.observations == 0)
    for (std::size_t i = 0; i < x.size(); ++i)
      for (std::size_t j = 0; j < x.size(); ++j)
        if (i != f_level || j != f_level) learnable[i][j] = 0;
  const Features lx = times(learnable, x);
  const double innovation_variance = dot(x, lx) + belief.noise_sd * belief.noise_sd;
  RuntimeBelief result = belief;
  if (innovation_variance > 0)
    for (std::size_t i = 0; i < x.size(); ++i)
      for (std::size_t j = 0; j < x.size(); ++j) result.covariance[i][j] -= lx[i] * lx[j] / innovation_variance;
  ++result.observations;
  return result;
}

std::vector<ChosenRun> choose_next_runs(RuntimeBelief belief, const std::vector<RunOption>& options,
                                        std::optional<double> best_measured, std::size_t count) {
  std::size_t groups = 0;
  for (const RunOption& option : options) groups = std::max(groups, option.group + 1);
  std::vector<bool> done(groups, false);
  std::optional<double> incumbent = best_measured ? best_measured : best_predicted(belief, options, done);
  std::vector<ChosenRun> chosen;
  while (chosen.size() < count && incumbent) {
    std::optional<ChosenRun> next;
    for (std::size_t i = 0; i < options.size(); ++i) {
      if (!options[i].eligible || done[options[i].group]) continue;
      const RuntimeEstimate e = chosen.empty() ? estimate(belief, options[i].x) : latent(belief, options[i].x);
      const double gain = expected_improvement(options[i], e, *incumbent);
      if (!next || gain > next->expected_improvement) next = ChosenRun{i, e, *incumbent, gain};
    }
    if (!next) break;
    chosen.push_back(*next);
    const RunOption& option = options[next->option];
    done[option.group] = true;
    belief = believe_median(belief, option.x);
    incumbent = std::min(*incumbent, objective_at(option, next->estimate.median_s()));
  }
  return chosen;
}

}  // namespace sparkfit::model
