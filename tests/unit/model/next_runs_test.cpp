// The chooser of the next runs to measure (model/next_runs.hpp): expected improvement of the
// billed objective under a lognormal runtime, one run at a time with the kriging believer.
#include <doctest/doctest.h>

#include <cmath>
#include <set>

#include "sparkfit/model/next_runs.hpp"

using namespace sparkfit;

namespace {

// A belief whose level is unsure (sd 0.5) and whose vCPU slope is too (sd 0.3); noise 0.1.
model::RuntimeBelief unsure_belief() {
  model::RuntimeBelief belief;
  belief.mean[model::f_level] = std::log(600.0);
  belief.mean[model::f_log_analytic] = 1;
  belief.covariance[model::f_level][model::f_level] = 0.25;
  belief.covariance[model::f_log_slots][model::f_log_slots] = 0.09;
  belief.noise_sd = 0.1;
  return belief;
}

model::RunOption option(double log_slots, double usd_per_s, std::size_t group) {
  model::RunOption o;
  o.x[model::f_level] = 1;
  o.x[model::f_log_slots] = log_slots;
  o.usd_per_s = usd_per_s;
  o.minimum_s = 60;
  o.group = group;
  return o;
}

}  // namespace

TEST_SUITE("model") {
  TEST_CASE("expected improvement matches a numeric integral of the billed saving") {
    const model::RunOption o = option(0, 0.01, 0);
    const model::RuntimeEstimate e{std::log(100.0), 0.6};
    const double best = 1.2;
    // E[max(0, best - 0.01 * max(60, T))] by the midpoint rule over ln T.
    double sum = 0;
    const double step = 0.001;
    for (double z = -8; z < 8; z += step) {
      const double t = std::exp(e.log_mean + e.log_sd * (z + step / 2));
      const double density = std::exp(-(z + step / 2) * (z + step / 2) / 2) / std::sqrt(2 * M_PI);
      sum += std::max(0.0, best - model::objective_at(o, t)) * density * step;
    }
    CHECK(model::expected_improvement(o, e, best) == doctest::Approx(sum).epsilon(1e-4));
    // Nothing below the minimum's cost can be saved: at best = 0.01 * 60 the gain is 0.
    CHECK(model::expected_improvement(o, e, 0.6) == 0);
  }

  TEST_CASE("an unmeasured cheaper-looking candidate with a wide interval is chosen over a sure one") {
    model::RuntimeBelief belief = unsure_belief();
    // Both predicted at 600 s; the first is known tightly (slots at the centre, little spread),
    // the second lies far along the unsure slope and costs a bit less per second.
    std::vector<model::RunOption> options = {option(0, 0.002, 0), option(2.0, 0.0019, 1)};
    belief.covariance[model::f_level][model::f_level] = 0.0001;
    const std::vector<model::ChosenRun> chosen = model::choose_next_runs(belief, options, 1.2, 1);
    REQUIRE(chosen.size() == 1);
    CHECK(chosen[0].option == 1);
    CHECK(chosen[0].incumbent == 1.2);
    CHECK(chosen[0].expected_improvement > 0);
    // Even a little dearer by its median, the unsure one may be far cheaper: it is still the one to run.
    options = {option(0, 0.0019, 0), option(2.0, 0.002, 1)};
    const std::vector<model::ChosenRun> exploring = model::choose_next_runs(belief, options, 1.2, 1);
    REQUIRE(exploring.size() == 1);
    CHECK(exploring[0].option == 1);
  }

  TEST_CASE("ineligible options (measured, infeasible) are never chosen") {
    std::vector<model::RunOption> options = {option(1.0, 0.001, 0), option(0.5, 0.002, 1), option(0, 0.003, 2)};
    options[0].eligible = false;  // the cheapest-looking, but measured already
    const std::vector<model::ChosenRun> chosen = model::choose_next_runs(unsure_belief(), options, std::nullopt, 3);
    REQUIRE(chosen.size() == 2);
    for (const model::ChosenRun& run : chosen) CHECK(run.option != 0);
  }

  TEST_CASE("several runs are distinct clusters, and the believer spreads them out") {
    // Groups 0 and 1 are two layouts of one cluster; group 2 is another cluster further along.
    std::vector<model::RunOption> options = {option(0.0, 0.002, 0), option(0.05, 0.002, 0), option(1.5, 0.0021, 1),
                                             option(-1.5, 0.0021, 2)};
    const std::vector<model::ChosenRun> chosen = model::choose_next_runs(unsure_belief(), options, std::nullopt, 3);
    REQUIRE(chosen.size() == 3);
    std::set<std::size_t> groups;
    for (const model::ChosenRun& run : chosen) groups.insert(options[run.option].group);
    CHECK(groups.size() == 3);
    // The believer: a later choice is measured against a belief that already counts the earlier
    // ones, so its expected gain cannot exceed what it was at the first step.
    CHECK(chosen[1].expected_improvement <= chosen[0].expected_improvement);
    // More asked than there are clusters: all of them, no more.
    CHECK(model::choose_next_runs(unsure_belief(), options, std::nullopt, 10).size() == 3);
  }

  TEST_CASE("the believer keeps the mean and shrinks the spread where it measured") {
    const model::RuntimeBelief belief = unsure_belief();
    const model::RunOption o = option(1.0, 1, 0);
    const model::RuntimeBelief after = model::believe_median(belief, o.x);
    const model::RuntimeEstimate before_e = model::estimate(belief, o.x), after_e = model::estimate(after, o.x);
    CHECK(after_e.log_mean == doctest::Approx(before_e.log_mean));
    CHECK(after_e.log_sd < before_e.log_sd);
    // A first run informs the level alone, as update() has it: the slope keeps its spread.
    CHECK(after.covariance[model::f_log_slots][model::f_log_slots] == doctest::Approx(0.09));
    // A second run also narrows the slope.
    const model::RuntimeBelief twice = model::believe_median(after, option(-1.0, 1, 1).x);
    CHECK(twice.covariance[model::f_log_slots][model::f_log_slots] < 0.09);
  }

  TEST_CASE("ties go to the first option, so the same input gives the same runs") {
    std::vector<model::RunOption> options = {option(0, 0.002, 0), option(0, 0.002, 1)};
    const std::vector<model::ChosenRun> chosen = model::choose_next_runs(unsure_belief(), options, std::nullopt, 1);
    REQUIRE(chosen.size() == 1);
    CHECK(chosen[0].option == 0);
  }
}
