// Which runs to measure next: of the configurations not yet measured, the ones whose measurement is
// expected to lower the best cost (or runtime) the most under the runtime model's belief
// (runtime_fit.hpp). Expected improvement, as in CherryPick (Alipourfard et al., NSDI 2017): the
// objective is the billed runtime times a price, runtime lognormal under the belief, so the gain
// E[max(0, best - objective)] has a closed form. Several runs are chosen one at a time, each
// assumed to measure at its median (the "kriging believer"): that shrinks the belief around it,
// so the next choice goes where the model is still unsure rather than next door. The bench
// (bench/validate.cpp) and `recommend --suggest-runs` share this one chooser.
#pragma once

#include <cstddef>
#include <optional>
#include <vector>

#include "sparkfit/model/runtime_fit.hpp"

namespace sparkfit::model {

// One configuration that could be measured.
struct RunOption {
  Features x{};
  double usd_per_s = 1;   // what a billed second costs; 1 when the objective is runtime
  double minimum_s = 0;   // billed at least this long (0 when the objective is runtime)
  std::size_t group = 0;  // options of one group are one run to measure (one cluster): one is chosen at most
  bool eligible = true;   // false: measured already, infeasible or out of the objective's reach
};

// The objective of `option` if it ran `runtime_s`: billed seconds times the price.
double objective_at(const RunOption& option, double runtime_s);

// E[max(0, best - objective)] with ln(runtime) ~ N(estimate.log_mean, estimate.log_sd^2).
double expected_improvement(const RunOption& option, const RuntimeEstimate& estimate, double best);

// The belief after a run at `x` that measured exactly its median: the mean stays, the spread
// around x shrinks. The first run of a job informs the level alone, as update() has it.
RuntimeBelief believe_median(const RuntimeBelief& belief, const Features& x);

struct ChosenRun {
  std::size_t option = 0;    // index into the options
  RuntimeEstimate estimate;  // under the belief it was chosen with
  double incumbent = 0;      // the best objective it was measured against
  double expected_improvement = 0;
};

// Up to `count` options, one at a time by expected improvement over the incumbent: the best measured
// objective when there is one, else the lowest predicted median among the eligible options. After
// each choice the run is assumed to measure at its median (believe_median), the incumbent drops to
// that median if lower, and its group is done. The first choice weighs a run as it will be measured,
// noise and all (what the bench's one-at-a-time modes score); the later ones, made on believed
// runs, weigh the typical runtime without the noise, as the believer was defined for noise-free
// models (Ginsbourger et al. 2010): otherwise the run-to-run noise, which no belief shrinks, keeps
// the neighbour of a believed run as promising as the run itself. Ties go to the lower index, so the
// answer is the same for the same input. Fewer than `count` when fewer groups are eligible.
std::vector<ChosenRun> choose_next_runs(RuntimeBelief belief, const std::vector<RunOption>& options,
                                        std::optional<double> best_measured, std::size_t count);

}  // namespace sparkfit::model
