// The search keeps only what it reports: its front, pick, alternatives, drawn points and counts
// must be what a search that kept every candidate finds. The reference below keeps them all
// (for_each_candidate) and ranks them as the outputs define, ties to the first evaluated.
#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "sparkfit/search/margin.hpp"
#include "sparkfit/search/search.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/json_reader.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using testing::shipped_catalog;
using testing::shipped_constants;

namespace {

struct Case {
  std::string name;
  job::JobSpec job;
  search::Space space;
  job::Objective objective;
};

job::JobSpec job_of(const char* size, job::Workload workload, int iterations = 1) {
  job::JobSpec job;
  job.input.size_bytes = units::parse_data_size(size);
  job.workload = workload;
  job.iterations = iterations;
  return job;
}

search::Space emr_space(std::vector<std::string> instances, int max_nodes) {
  search::SpaceRequest request;
  request.instances = std::move(instances);
  std::vector<int> nodes;
  for (int n = 1; n <= max_nodes; ++n) nodes.push_back(n);
  request.nodes = nodes;
  return search::space_for(shipped_catalog(), job::JobSpec{}, request);
}

layout::Choices base_of(const search::Space& space) {
  layout::Choices base;
  const platform::Cluster sample = search::first_cluster(space);
  base.overhead_factor = sample.overhead_factor;
  base.gc = sample.gc;
  return base;
}

bool same(const search::Candidate& a, const search::Candidate& b) {
  return a.instance == b.instance && a.nodes == b.nodes && a.executor_cores == b.executor_cores &&
         a.heap_mib == b.heap_mib && a.shuffle_partitions == b.shuffle_partitions && a.runtime_s == b.runtime_s &&
         a.cost_usd == b.cost_usd && a.infeasible == b.infeasible && a.risks == b.risks;
}

double objective_key(const search::Candidate& c, const job::Objective& objective, bool priced) {
  return objective.minimize == job::Minimize::cost && priced ? c.cost_usd : c.runtime_s;
}

// What a search that keeps every candidate reports.
struct Exhaustive {
  std::vector<search::Candidate> all;
  std::vector<std::size_t> front;
  std::optional<std::size_t> best;
  std::int64_t feasible = 0;
  std::map<std::string, std::int64_t> reasons;
};

Exhaustive exhaustive(const model::JobPlan& plan, const search::Space& space, const layout::Choices& base,
                      const job::Objective& objective) {
  Exhaustive e;
  const bool priced = space.platform != platform::Platform::yarn;
  search::for_each_candidate(plan, space, base, model::Settings{}, shipped_constants(), objective,
                             [&](const search::Candidate& c) { e.all.push_back(c); });
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < e.all.size(); ++i) {
    const search::Candidate& c = e.all[i];
    if (c.infeasible == model::Infeasible::none) {
      ++e.feasible;
      order.push_back(i);
    } else {
      ++e.reasons[c.infeasible == model::Infeasible::layout ? std::string(layout::to_string(c.layout_problem))
                                                            : std::string(model::to_string(c.infeasible))];
    }
  }
  auto cost = [&](std::size_t i) { return priced ? e.all[i].cost_usd : e.all[i].core_hours; };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return e.all[a].runtime_s != e.all[b].runtime_s ? e.all[a].runtime_s < e.all[b].runtime_s : cost(a) < cost(b);
  });
  double cheapest = INFINITY;
  for (std::size_t i : order)
    if (cost(i) < cheapest) {
      cheapest = cost(i);
      e.front.push_back(i);
    }
  // The pick: least objective times the 3-5-core preference, then the other axis, then the narrower
  // interval, then fewer nodes.
  for (std::size_t i = 0; i < e.all.size(); ++i) {
    const search::Candidate& c = e.all[i];
    if (!c.meets_objective) continue;
    if (!e.best) {
      e.best = i;
      continue;
    }
    const search::Candidate& b = e.all[*e.best];
    const bool by_cost = objective.minimize == job::Minimize::cost && priced;
    auto expected = [&](const search::Candidate& x) {
      return by_cost ? x.cost_usd *
                           search::conventional_layout_preference(x.executor_cores, x.cost_low_usd, x.cost_high_usd)
                     : x.runtime_s *
                           search::conventional_layout_preference(x.executor_cores, x.runtime_low_s, x.runtime_high_s);
    };
    const double cp = expected(c), bp = expected(b);
    const double cs = by_cost ? c.runtime_s : c.cost_usd;
    const double bs = by_cost ? b.runtime_s : b.cost_usd;
    const double cw = c.runtime_high_s / c.runtime_low_s, bw = b.runtime_high_s / b.runtime_low_s;
    if (cp != bp ? cp < bp : cs != bs ? cs < bs : cw != bw ? cw < bw : c.nodes < b.nodes) e.best = i;
  }
  return e;
}

// The alternatives as recommend defines them, over every candidate.
std::vector<std::size_t> exhaustive_alternatives(const Exhaustive& e, const job::Objective& objective, bool priced) {
  std::vector<std::size_t> ranked;
  for (std::size_t i = 0; i < e.all.size(); ++i)
    if (e.all[i].meets_objective && i != *e.best) ranked.push_back(i);
  auto key = [&](std::size_t i) { return objective_key(e.all[i], objective, priced); };
  std::stable_sort(ranked.begin(), ranked.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  std::vector<std::size_t> shown;
  const search::Candidate& best = e.all[*e.best];
  for (std::size_t i : ranked) {
    bool seen = e.all[i].instance == best.instance && e.all[i].executor_cores == best.executor_cores;
    for (std::size_t s : shown)
      seen = seen || (e.all[s].instance == e.all[i].instance && e.all[s].executor_cores == e.all[i].executor_cores);
    if (!seen) shown.push_back(i);
    if (shown.size() == 5) break;
  }
  return shown;
}

// The front, the best `max_points` feasible by the objective and the pick, in evaluation order.
std::vector<std::size_t> exhaustive_drawn(const Exhaustive& e, const job::Objective& objective, bool priced,
                                          std::size_t max_points) {
  std::vector<std::size_t> feasible;
  for (std::size_t i = 0; i < e.all.size(); ++i)
    if (e.all[i].infeasible == model::Infeasible::none) feasible.push_back(i);
  auto key = [&](std::size_t i) { return objective_key(e.all[i], objective, priced); };
  std::stable_sort(feasible.begin(), feasible.end(), [&](std::size_t a, std::size_t b) { return key(a) < key(b); });
  feasible.resize(std::min(feasible.size(), max_points));
  std::vector<std::size_t> chosen = e.front;
  chosen.insert(chosen.end(), feasible.begin(), feasible.end());
  chosen.push_back(*e.best);
  std::sort(chosen.begin(), chosen.end());
  chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
  return chosen;
}

void check_same(const std::vector<search::Candidate>& kept, const std::vector<std::size_t>& kept_indices,
                const std::vector<search::Candidate>& all, const std::vector<std::size_t>& all_indices) {
  REQUIRE(kept_indices.size() == all_indices.size());
  for (std::size_t k = 0; k < kept_indices.size(); ++k) CHECK(same(kept[kept_indices[k]], all[all_indices[k]]));
}

std::vector<Case> cases() {
  std::vector<Case> list;
  list.push_back(
      {"1 TB join on m5.xlarge x 1..400", job_of("1TB", job::Workload::join), emr_space({"m5.xlarge"}, 400), {}});
  list.push_back({"200 GB etl on three types x 1..40, where shuffle partitions tie",
                  job_of("200GB", job::Workload::etl),
                  emr_space({"r5.4xlarge", "m5.2xlarge", "c5.9xlarge"}, 40),
                  {}});
  Case deadline{"2 TB iterative-ml under a 20 min deadline",
                job_of("2TB", job::Workload::iterative_ml, 5),
                emr_space({"r5.2xlarge", "m5.4xlarge"}, 60),
                {}};
  deadline.objective.deadline_s = 1200;
  list.push_back(deadline);
  Case fastest{
      "500 GB sort, fastest", job_of("500GB", job::Workload::sort), emr_space({"i3.4xlarge", "m5.xlarge"}, 80), {}};
  fastest.objective.minimize = job::Minimize::runtime;
  list.push_back(fastest);
  Case yarn{"300 GB join on a yarn cluster", job_of("300GB", job::Workload::join), {}, {}};
  yarn.space.platform = platform::Platform::yarn;
  yarn.space.yarn = platform::Cluster{};
  yarn.space.yarn->platform = platform::Platform::yarn;
  yarn.space.yarn->nodes = 8;
  yarn.space.yarn->node = layout::Node{16, 16, 56 * 1024, 56 * 1024, 1024};
  yarn.space.yarn->description = "8 x 16 cores";
  list.push_back(yarn);
  return list;
}

}  // namespace

TEST_SUITE("search") {
  TEST_CASE("the bounded search reports what one that kept every candidate would") {
    for (const Case& c : cases()) {
      CAPTURE(c.name);
      const model::JobPlan plan = model::plan_job(c.job, shipped_constants());
      const layout::Choices base = base_of(c.space);
      const bool priced = c.space.platform != platform::Platform::yarn;
      const Exhaustive e = exhaustive(plan, c.space, base, c.objective);
      const search::Result result =
          search::run(plan, c.space, base, model::Settings{}, shipped_constants(), c.objective);
      CHECK(result.evaluated == static_cast<std::int64_t>(e.all.size()));
      CHECK(result.feasible == e.feasible);
      CHECK(result.infeasible_reasons == e.reasons);
      // Only what is reported is kept, and no more than that.
      CHECK(result.candidates.size() <=
            result.pareto.size() + search::kKeptBest + 1 + 9 * c.space.instances.size() + 9);
      check_same(result.candidates, result.pareto, e.all, e.front);
      REQUIRE(result.best.has_value() == e.best.has_value());
      if (!e.best) continue;
      CHECK(same(result.candidates[*result.best], e.all[*e.best]));

      std::string why_none;
      const std::optional<search::Recommendation> r =
          search::recommend(plan, c.space, base, model::Settings{}, shipped_constants(), c.objective, false, why_none);
      REQUIRE(r);
      check_same(r->result.candidates, search::alternatives(*r, c.objective), e.all,
                 exhaustive_alternatives(e, c.objective, priced));
      for (std::size_t max_points : {std::size_t{20}, search::kKeptBest})
        check_same(r->result.candidates, search::drawn_candidates(*r, c.objective, max_points), e.all,
                   exhaustive_drawn(e, c.objective, priced, max_points));
      // --all-candidates enumerates the same candidates again, in the same order.
      std::size_t visited = 0;
      search::for_each_candidate(plan, *r, [&](const search::Candidate& candidate) {
        if (visited < e.all.size()) CHECK(same(candidate, e.all[visited]));
        ++visited;
      });
      CHECK(visited == e.all.size());
    }
  }

  TEST_CASE("with no pick, why-none names the fastest and cheapest of every candidate") {
    job::Objective objective;
    objective.budget_usd = 0.01;
    const job::JobSpec job = job_of("2TB", job::Workload::join);
    const search::Space space = emr_space({"m5.xlarge", "r5.2xlarge"}, 50);
    const model::JobPlan plan = model::plan_job(job, shipped_constants());
    const Exhaustive e = exhaustive(plan, space, base_of(space), objective);
    const search::Result result =
        search::run(plan, space, base_of(space), model::Settings{}, shipped_constants(), objective);
    REQUIRE(!result.best);
    const search::Candidate& cheapest = e.all[e.front.back()];
    CHECK(result.why_none.find("the cheapest candidate costs " + units::format_money(cheapest.cost_usd)) !=
          std::string::npos);
    CHECK(result.why_none.find(std::to_string(e.feasible) + " candidates can run") == 0);
  }

  TEST_CASE("--all-candidates streams the same bytes as the whole document, every candidate once") {
    const std::vector<std::string> args{
        "recommend", "--instance", "m5.xlarge,r5.2xlarge", "--nodes", "1..60", "--input", "1TB", "--workload", "join",
        "--format",  "json",       "--all-candidates"};
    const testing::CommandRun streamed = testing::run_sparkfit(args);
    REQUIRE(streamed.code == 0);
    const std::filesystem::path file = testing::scratch_path("all-candidates.json");
    std::vector<std::string> to_file = args;
    to_file.insert(to_file.end(), {"--output", file.string()});
    REQUIRE(testing::run_sparkfit(to_file).code == 0);
    CHECK(streamed.out == testing::read_file(file));
    const json::Document document = json::parse(streamed.out, "stdout");
    const json::Value& candidates = testing::at(document.root, "candidates");
    CHECK(candidates.items.size() > 1000);
    CHECK(static_cast<double>(candidates.items.size()) == testing::at(document.root, "evaluated").number);
  }
}
