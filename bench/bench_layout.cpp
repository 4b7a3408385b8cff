// Layout computations and model evaluations per second, the search's candidates per second, the
// catalog's and the rule files' load, and the in-process cost of one `sparkfit explain` (load the catalogs and rules,
// compute, render). Run: build/bench/bench_layout [seconds]
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <vector>

#include "sparkfit/catalog/catalog.hpp"
#include "sparkfit/cli/cli.hpp"
#include "sparkfit/layout/layout.hpp"
#include "sparkfit/model/model.hpp"
#include "sparkfit/review/review.hpp"
#include "sparkfit/search/planning.hpp"
#include "sparkfit/search/search.hpp"

using Clock = std::chrono::steady_clock;

int main(int argc, char** argv) {
  double seconds = argc > 1 ? std::atof(argv[1]) : 2.0;
  const std::string data = SPARKFIT_SOURCE_DIR;

  auto load_start = Clock::now();
  sparkfit::catalog::Catalog catalog = sparkfit::catalog::load_catalog(data + "/instance_catalogs");
  double load_ms = std::chrono::duration<double, std::milli>(Clock::now() - load_start).count();

  // Every instance type x executor cores 1..8 x nodes 1..200, filled, as recommend would search.
  std::int64_t layouts = 0;
  std::int64_t checksum = 0;
  auto start = Clock::now();
  double elapsed = 0;
  while (elapsed < seconds) {
    for (const auto& type : catalog.instances) {
      sparkfit::layout::Node node{type.vcpus, type.vcpus, type.yarn.nodemanager_mib, type.yarn.max_allocation_mib,
                                  type.yarn.min_allocation_mib};
      for (int cores = 1; cores <= 8; ++cores) {
        sparkfit::layout::Choices choices;
        choices.executor_cores = cores;
        choices.overhead_factor = 0.1875;
        for (int nodes = 1; nodes <= 200; nodes += 7) {
          sparkfit::layout::Layout l = sparkfit::layout::compute(node, nodes, choices);
          checksum += l.task_slots;
          ++layouts;
        }
      }
    }
    elapsed = std::chrono::duration<double>(Clock::now() - start).count();
  }
  std::printf("layout computations: %.2f million per second on one core (%lld in %.2f s, checksum %lld)\n",
              static_cast<double>(layouts) / elapsed / 1e6, static_cast<long long>(layouts), elapsed,
              static_cast<long long>(checksum));
  std::printf("catalog load (%zu types, %zu files): %.2f ms\n", catalog.instances.size(), catalog.files.size(),
              load_ms);

  // The rule files as every command loads them (review's facts checked), the other half of start-up.
  auto rules_start = Clock::now();
  const std::size_t rules = sparkfit::review::load_rules(data + "/rules").size();
  std::printf("rule files load (%zu rules): %.2f ms\n", rules,
              std::chrono::duration<double, std::milli>(Clock::now() - rules_start).count());

  // The model alone: predict() over precomputed layouts, as the search's inner loop calls it.
  {
    sparkfit::model::Constants constants =
        sparkfit::model::load_constants(data + "/instance_catalogs/model/model.yaml");
    sparkfit::job::JobSpec job;
    job.input.size_bytes = 500LL << 30;
    job.workload = sparkfit::job::Workload::join;
    sparkfit::model::JobPlan plan = sparkfit::model::plan_job(job, constants);
    struct Case {
      sparkfit::platform::Cluster cluster;
      sparkfit::layout::Layout layout;
    };
    std::vector<Case> cases;
    for (const auto& type : catalog.instances) {
      if (!type.emr_available) continue;
      for (int nodes : {4, 16, 64}) {
        auto cluster = sparkfit::platform::cluster_for_instance(sparkfit::platform::Platform::emr, type, nodes,
                                                                catalog.find_release("emr-7.1.0"));
        sparkfit::layout::Choices choices;
        choices.overhead_factor = 0.1875;
        cases.push_back({cluster, sparkfit::layout::compute(cluster.node, nodes, choices)});
      }
    }
    sparkfit::model::Settings settings;
    std::int64_t evaluations = 0;
    double total = 0;
    auto model_start = Clock::now();
    double model_elapsed = 0;
    while (model_elapsed < seconds) {
      for (const Case& c : cases) {
        total += sparkfit::model::predict(plan, c.cluster, c.layout, settings, constants).runtime_s;
        ++evaluations;
      }
      model_elapsed = std::chrono::duration<double>(Clock::now() - model_start).count();
    }
    std::printf(
        "model evaluations (predict, 4-stage join): %.2f million per second on one core (%lld, checksum %.0f)\n",
        static_cast<double>(evaluations) / model_elapsed / 1e6, static_cast<long long>(evaluations), total);
  }

  // The search's whole loop (layouts, predict, the front and the pick, each candidate counted and
  // most forgotten): every EMR type x nodes 1..200 x all cores, as the whole-catalog recommend runs.
  {
    sparkfit::model::Constants constants =
        sparkfit::model::load_constants(data + "/instance_catalogs/model/model.yaml");
    sparkfit::job::JobSpec job;
    job.input.size_bytes = 500LL << 30;
    job.workload = sparkfit::job::Workload::join;
    const sparkfit::model::JobPlan plan = sparkfit::model::plan_job(job, constants);
    sparkfit::search::SpaceRequest request;
    request.nodes = std::vector<int>();
    for (int n = 1; n <= 200; ++n) request.nodes->push_back(n);
    const sparkfit::search::Space space = sparkfit::search::space_for(catalog, job, request);
    const sparkfit::layout::Choices base = sparkfit::search::base_choices(space, {}, job);
    std::int64_t candidates = 0;
    auto search_start = Clock::now();
    double search_elapsed = 0;
    while (search_elapsed < seconds) {
      candidates += sparkfit::search::run(plan, space, base, {}, constants, {}).evaluated;
      search_elapsed = std::chrono::duration<double>(Clock::now() - search_start).count();
    }
    std::printf(
        "search candidates (layout + predict + front, whole EMR catalog x 1..200 nodes): %.2f million per "
        "second on one core (%lld in %.2f s)\n",
        static_cast<double>(candidates) / search_elapsed / 1e6, static_cast<long long>(candidates), search_elapsed);
  }

  // One whole explain, in-process, as the CLI runs it (catalog load included).
  const int runs = 50;
  auto explain_start = Clock::now();
  for (int i = 0; i < runs; ++i) {
    std::ostringstream out, err;
    sparkfit::cli::run({"--data-dir", data, "explain", "--instance", "r5.4xlarge", "--nodes", "10", "--input", "500GB",
                        "--files", "4000", "--workload", "join"},
                       out, err);
  }
  double explain_ms = std::chrono::duration<double, std::milli>(Clock::now() - explain_start).count() / runs;
  std::printf("explain in-process (catalog load + layout + render): %.2f ms per run (mean of %d)\n", explain_ms, runs);
  return 0;
}
