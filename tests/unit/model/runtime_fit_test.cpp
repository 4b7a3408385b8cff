#include <cmath>
#include <string>

#include <doctest/doctest.h>

#include "sparkfit/model/runtime_fit.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using testing::error_of;
using testing::scratch_path;
using testing::shipped_constants;
using testing::write_file;

namespace {

// Workloads whose runs follow ln(runtime) = ln(analytic) + level + family offset exactly.
std::vector<model::TrainingWorkload> synthetic(double level) {
  std::vector<model::TrainingWorkload> workloads;
  const double offsets[] = {-0.4, 0.1, 0.3, -0.2, 0.2};
  for (int family = 0; family < 5; ++family)
    for (int size = 1; size <= 3; ++size) {
      model::TrainingWorkload w{"family" + std::to_string(family), "w" + std::to_string(size), {}};
      for (int slots : {8, 16, 32, 64, 128}) {
        model::RuntimeInputs in;
        in.analytic_s = 600.0 * size * 32 / slots;
        in.task_slots = slots;
        w.runs.push_back({in, in.analytic_s * std::exp(level + offsets[family])});
      }
      workloads.push_back(w);
    }
  return workloads;
}

}  // namespace

TEST_SUITE("model") {
  TEST_CASE("the runtime fit recovers the level of runs that follow the analytic model's scaling") {
    model::RuntimeFit fit = model::fit_runtime_model(synthetic(0.7));
    // The features measure the analytic runtime from 600 s, so the level holds ln(600) too.
    CHECK(fit.mean[model::f_level] == doctest::Approx(0.7 + std::log(600.0)).epsilon(0.01));
    CHECK(fit.mean[model::f_log_analytic] == 1);
    CHECK(fit.mean[model::f_log_slots] == 0);
    // The families differ by their offsets: that spread is the level's prior variance.
    CHECK(fit.covariance[model::f_level][model::f_level] > 0.01);
    CHECK(fit.noise_sd < 0.05);
    CHECK(fit.workloads == 15);
  }

  TEST_CASE("the runtime fit file round-trips through its writer and loader") {
    model::RuntimeFit fit = model::fit_runtime_model(synthetic(0.3));
    const auto file = scratch_path("runtime_fit.yaml");
    write_file(file, model::runtime_fit_yaml(fit, "schema_version: 1\nsource: test\nas_of: 2026-12-07\n"));
    model::RuntimeFit loaded = model::load_runtime_fit(file);
    for (std::size_t f = 0; f < model::feature_count; ++f)
      CHECK(loaded.mean[f] == doctest::Approx(fit.mean[f]).epsilon(1e-5));
    CHECK(loaded.covariance[model::f_level][model::f_level] ==
          doctest::Approx(fit.covariance[model::f_level][model::f_level]).epsilon(1e-5));
    CHECK(loaded.noise_sd == doctest::Approx(fit.noise_sd).epsilon(1e-5));
  }

  TEST_CASE("a runtime fit file with an unknown key is refused with its line and column") {
    const auto file = scratch_path("bad_fit.yaml");
    write_file(file, "schema_version: 1\nsource: x\nas_of: 2026-12-07\nnoise: 0.2\n");
    CHECK(error_of([&] { model::load_runtime_fit(file); }).find("bad_fit.yaml:4:1: error: unknown key 'noise'") !=
          std::string::npos);
  }

  TEST_CASE("the shipped fit says how unsure a job with no observations is, and its interval brackets its median") {
    const model::RuntimeFit& fit = shipped_constants().runtime_fit;
    CHECK(fit.runs > 1000);
    model::RuntimeInputs in;
    in.analytic_s = 600;
    in.task_slots = 64;
    model::RuntimeEstimate e = model::estimate(shipped_constants().prior, model::runtime_features(in));
    CHECK(e.low_s() < e.median_s());
    CHECK(e.median_s() < e.high_s());
    CHECK(e.log_sd > fit.noise_sd);
  }
}
