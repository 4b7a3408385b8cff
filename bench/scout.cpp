// How well the model ranks real clusters: the Scout runs (shared/data/scout) of 12 Spark
// workloads on 69 EC2 cluster shapes. For each workload sparkfit gets only what a user would know
// (input size, workload kind, iterations) and the 69 (instance type, nodes) pairs on platform ec2;
// we score the Spearman correlation of predicted and measured runtime and the regret of the
// cheapest and fastest picks, zero-shot and with 3 observations, next to the naive baseline
// (the cluster with the most memory). Run: build/bench/scout [path/to/scout_multinode_runtimes.csv]
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <map>
#include <numeric>
#include <sstream>
#include <string>
#include <vector>

#include "sparkfit/catalog/catalog.hpp"
#include "sparkfit/layout/layout.hpp"
#include "sparkfit/model/calibration.hpp"
#include "sparkfit/model/model.hpp"
#include "sparkfit/platform/platform.hpp"

using namespace sparkfit;

namespace {

struct Run {
  std::string instance;
  int nodes = 0;
  bool completed = false;
  double elapsed_s = 0;
  double cost_usd = 0;
  double total_vcpus = 0;
  double total_mem = 0;
};

struct Workload {
  std::string name;  // join/bigdata
  job::Workload kind;
  double input_bytes;  // what the user knows; 0 = unknown
  int iterations;
  std::string size_note;
  std::vector<Run> runs;
};

std::vector<std::string> split_csv(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ',')) fields.push_back(field);
  return fields;
}

std::vector<double> ranks(const std::vector<double>& values) {
  std::vector<std::size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return values[a] < values[b]; });
  std::vector<double> result(values.size());
  for (std::size_t i = 0; i < order.size();) {
    std::size_t j = i;
    while (j + 1 < order.size() && values[order[j + 1]] == values[order[i]]) ++j;
    for (std::size_t k = i; k <= j; ++k) result[order[k]] = (static_cast<double>(i + j) / 2.0) + 1;
    i = j + 1;
  }
  return result;
}

double spearman(const std::vector<double>& x, const std::vector<double>& y) {
  std::vector<double> rx = ranks(x), ry = ranks(y);
  double mx = std::accumulate(rx.begin(), rx.end(), 0.0) / static_cast<double>(rx.size());
  double my = std::accumulate(ry.begin(), ry.end(), 0.0) / static_cast<double>(ry.size());
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < rx.size(); ++i) {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) * (rx[i] - mx);
    syy += (ry[i] - my) * (ry[i] - my);
  }
  return sxy / std::sqrt(sxx * syy);
}

struct Score {
  double spearman = 0, cost_regret = 0, fast_regret = 0, mape = 0;
};

// Scores predictions for `runs` (indices `subset`) against the measurements.
Score score(const std::vector<Run>& runs, const std::vector<std::size_t>& subset,
            const std::vector<double>& predicted_s, const std::vector<double>& predicted_cost) {
  std::vector<double> measured, predicted;
  double best_cost = INFINITY, best_time = INFINITY;
  std::size_t pick_cost = subset.front(), pick_time = subset.front();
  double mape = 0;
  int completed = 0;
  for (std::size_t i : subset) {
    // A run that timed out ranks after every completed one.
    measured.push_back(runs[i].completed ? runs[i].elapsed_s : 1e9 + runs[i].elapsed_s);
    predicted.push_back(predicted_s[i]);
    if (runs[i].completed) {
      best_cost = std::min(best_cost, runs[i].cost_usd);
      best_time = std::min(best_time, runs[i].elapsed_s);
      mape += std::fabs(predicted_s[i] - runs[i].elapsed_s) / runs[i].elapsed_s;
      ++completed;
    }
    if (predicted_cost[i] < predicted_cost[pick_cost]) pick_cost = i;
    if (predicted_s[i] < predicted_s[pick_time]) pick_time = i;
  }
  Score s;
  s.spearman = spearman(predicted, measured);
  // A pick that failed wastes its cost and still needs a run: regret = (wasted + best) / best - 1.
  s.cost_regret =
      runs[pick_cost].completed ? runs[pick_cost].cost_usd / best_cost - 1 : runs[pick_cost].cost_usd / best_cost;
  s.fast_regret =
      runs[pick_time].completed ? runs[pick_time].elapsed_s / best_time - 1 : runs[pick_time].elapsed_s / best_time;
  if (std::getenv("SCOUT_VERBOSE"))
    std::printf(
        "    picks: cheapest %s x %d (%s, measured $%.3f vs best $%.3f), fastest %s x %d (measured %.0f s vs best %.0f "
        "s)\n",
        runs[pick_cost].instance.c_str(), runs[pick_cost].nodes, runs[pick_cost].completed ? "completed" : "FAILED",
        runs[pick_cost].cost_usd, best_cost, runs[pick_time].instance.c_str(), runs[pick_time].nodes,
        runs[pick_time].elapsed_s, best_time);
  s.mape = completed ? mape / completed : 0;
  return s;
}

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  std::size_t n = values.size();
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

}  // namespace

int main(int argc, char** argv) {
  std::string csv =
      argc > 1 ? argv[1] : std::string(SPARKFIT_SOURCE_DIR) + "/../shared/data/scout/scout_multinode_runtimes.csv";
  std::ifstream in(csv);
  if (!in) {
    std::fprintf(stderr, "scout: cannot read %s (the Scout data lives in ../shared/data/scout)\n", csv.c_str());
    return 2;
  }
  const std::string data = std::string(SPARKFIT_SOURCE_DIR) + "/instance_catalogs";
  catalog::Catalog catalog = catalog::load_catalog(data);
  model::Constants constants = model::load_constants(data + "/model/model.yaml");

  // What a user would know about each workload (scout/README.md). Sizes: recorded input bytes;
  // kmeans from HiBench's profiles; naive-bayes and regression sizes are unknown, so they are
  // scored only with observations (a nominal 10 GiB that calibration rescales).
  std::map<std::string, Workload> workloads;
  auto add = [&](const std::string& key, job::Workload kind, double bytes, int iterations, const char* note) {
    workloads[key] = Workload{key, kind, bytes, iterations, note, {}};
  };
  add("join/bigdata", job::Workload::join, 0, 1, "recorded");
  add("join/huge", job::Workload::join, 0, 1, "recorded");
  add("lr/bigdata", job::Workload::iterative_ml, 0, 10, "recorded; iterations assumed 10");
  add("lr/huge", job::Workload::iterative_ml, 0, 10, "recorded; iterations assumed 10");
  add("pagerank/bigdata", job::Workload::graph, 0, 3, "recorded; HiBench's 3 iterations");
  add("pagerank/huge", job::Workload::graph, 0, 3, "recorded; HiBench's 3 iterations");
  add("kmeans/bigdata", job::Workload::iterative_ml, 192e9, 10, "HiBench: 1.2 G x 20 doubles, 10 iterations");
  add("kmeans/huge", job::Workload::iterative_ml, 16e9, 5, "HiBench: 100 M x 20 doubles, 5 iterations");
  add("naive-bayes/bigdata", job::Workload::aggregation, -1, 1, "unknown: observations only");
  add("naive-bayes/huge", job::Workload::aggregation, -1, 1, "unknown: observations only");
  add("regression/bigdata", job::Workload::iterative_ml, -1, 10, "unknown: observations only");
  add("regression/huge", job::Workload::iterative_ml, -1, 10, "unknown: observations only");

  std::string line;
  std::getline(in, line);
  std::vector<std::string> header = split_csv(line);
  auto column = [&](const char* name) {
    return static_cast<std::size_t>(std::find(header.begin(), header.end(), name) - header.begin());
  };
  while (std::getline(in, line)) {
    std::vector<std::string> f = split_csv(line);
    if (f[column("framework")].rfind("spark", 0) != 0) continue;
    auto it = workloads.find(f[column("workload")] + "/" + f[column("datasize")]);
    if (it == workloads.end()) continue;
    Run run;
    run.instance = f[column("instance_type")];
    run.nodes = std::stoi(f[column("num_nodes")]);
    run.completed = f[column("completed")] == "True";
    run.elapsed_s = std::stod(f[column("elapsed_time_s")]);
    double price = std::stod(f[column("price_usd_per_node_hour")]);
    run.cost_usd = run.elapsed_s / 3600 * run.nodes * price;
    run.total_vcpus = std::stod(f[column("total_vcpus")]);
    run.total_mem = std::stod(f[column("total_mem_gib")]);
    double recorded = std::stod(f[column("input_size_bytes")]);
    if (it->second.input_bytes == 0 && recorded > 0) it->second.input_bytes = recorded;
    it->second.runs.push_back(run);
  }

  std::printf("%-20s %5s | %8s %8s %8s %6s | %8s %8s %8s %6s | %8s\n", "workload", "runs", "spearman", "cost_rg",
              "fast_rg", "mape", "sp(3obs)", "cost_rg", "fast_rg", "mape", "baseline");
  std::vector<double> zero_cost, zero_fast, zero_sp, obs_cost, obs_fast, obs_sp, base_cost, zero_mape, obs_mape,
      obs_sp_all;
  std::vector<double> obs_cost_all, base_cost_all;
  for (auto& [key, w] : workloads) {
    const bool known = w.input_bytes > 0;
    job::JobSpec job;
    job.name = key;
    job.workload = w.kind;
    job.iterations = w.iterations;
    job.input.size_bytes = static_cast<std::int64_t>(known ? w.input_bytes : 10.0 * 1073741824.0);
    job.input.file_format = job::FileFormat::text;
    job.input.compression = "none";
    model::JobPlan plan = model::plan_job(job, constants);
    model::Settings settings;
    settings.aqe = false;  // Spark 1.5 and 2.1
    std::vector<double> predicted_s, predicted_cost, hourly;
    for (const Run& run : w.runs) {
      const catalog::InstanceType* type = catalog.find(run.instance);
      platform::Cluster cluster = platform::cluster_for_instance(platform::Platform::ec2, *type, run.nodes, nullptr);
      layout::Choices choices;
      choices.overhead_factor = cluster.overhead_factor;
      layout::Layout l = layout::compute(cluster.node, run.nodes, choices);
      model::Prediction p = model::predict(plan, cluster, l, settings, constants);
      double runtime = p.feasible() ? p.runtime_s : 1e7;
      predicted_s.push_back(runtime);
      hourly.push_back(run.nodes * type->price_usd_per_hour);
      predicted_cost.push_back(runtime / 3600 * hourly.back());
    }
    if (const char* dump = std::getenv("SCOUT_DUMP"); dump && key == dump)
      for (std::size_t i = 0; i < w.runs.size(); ++i)
        std::printf("    %-11s x %2d  predicted %7.0f s $%6.3f  measured %7.0f s $%6.3f %s\n",
                    w.runs[i].instance.c_str(), w.runs[i].nodes, predicted_s[i], predicted_cost[i], w.runs[i].elapsed_s,
                    w.runs[i].cost_usd, w.runs[i].completed ? "" : "FAILED");
    std::vector<std::size_t> all(w.runs.size());
    std::iota(all.begin(), all.end(), 0);

    // Three observations a user might have: completed runs at the 20th, 50th and 80th percentile of
    // cluster size; every other configuration is predicted and scored.
    std::vector<std::size_t> completed;
    for (std::size_t i : all)
      if (w.runs[i].completed) completed.push_back(i);
    std::sort(completed.begin(), completed.end(), [&](std::size_t a, std::size_t b) {
      return w.runs[a].total_vcpus != w.runs[b].total_vcpus ? w.runs[a].total_vcpus < w.runs[b].total_vcpus
                                                            : w.runs[a].instance < w.runs[b].instance;
    });
    std::vector<std::size_t> observed = {completed[completed.size() / 5], completed[completed.size() / 2],
                                         completed[completed.size() * 4 / 5]};
    std::vector<model::CalibrationPoint> points;
    for (std::size_t i : observed) points.push_back({predicted_s[i], w.runs[i].nodes, w.runs[i].elapsed_s});
    model::Calibration calibration = model::calibrate(points);
    std::vector<double> calibrated_s(w.runs.size()), calibrated_cost(w.runs.size());
    std::vector<std::size_t> rest;
    for (std::size_t i : all) {
      calibrated_s[i] = predicted_s[i] >= 1e7 ? 1e7 : calibration.apply(predicted_s[i], w.runs[i].nodes);
      calibrated_cost[i] = calibrated_s[i] / 3600 * hourly[i];
      if (std::find(observed.begin(), observed.end(), i) == observed.end()) rest.push_back(i);
    }
    Score calibrated = score(w.runs, rest, calibrated_s, calibrated_cost);

    // Baseline: the cluster with the most memory (largest total GiB, then most vCPUs).
    std::size_t largest = 0;
    for (std::size_t i : all)
      if (w.runs[i].total_mem > w.runs[largest].total_mem ||
          (w.runs[i].total_mem == w.runs[largest].total_mem && w.runs[i].total_vcpus > w.runs[largest].total_vcpus))
        largest = i;
    double best_cost = INFINITY;
    for (const Run& run : w.runs)
      if (run.completed) best_cost = std::min(best_cost, run.cost_usd);
    double baseline = w.runs[largest].cost_usd / best_cost - 1;
    base_cost_all.push_back(baseline);
    obs_cost_all.push_back(calibrated.cost_regret);
    obs_sp_all.push_back(calibrated.spearman);

    if (known) {
      Score zero = score(w.runs, all, predicted_s, predicted_cost);
      std::printf("%-20s %5zu | %8.3f %8.3f %8.3f %6.2f | %8.3f %8.3f %8.3f %6.2f | %8.3f\n", key.c_str(),
                  w.runs.size(), zero.spearman, zero.cost_regret, zero.fast_regret, zero.mape, calibrated.spearman,
                  calibrated.cost_regret, calibrated.fast_regret, calibrated.mape, baseline);
      zero_sp.push_back(zero.spearman);
      zero_cost.push_back(zero.cost_regret);
      zero_fast.push_back(zero.fast_regret);
      zero_mape.push_back(zero.mape);
      obs_sp.push_back(calibrated.spearman);
      obs_cost.push_back(calibrated.cost_regret);
      obs_fast.push_back(calibrated.fast_regret);
      obs_mape.push_back(calibrated.mape);
      base_cost.push_back(baseline);
    } else {
      std::printf("%-20s %5zu | %8s %8s %8s %6s | %8.3f %8.3f %8.3f %6.2f | %8.3f\n", key.c_str(), w.runs.size(), "-",
                  "-", "-", "-", calibrated.spearman, calibrated.cost_regret, calibrated.fast_regret, calibrated.mape,
                  baseline);
    }
  }
  auto hit = [](const std::vector<double>& regrets) {
    return static_cast<double>(std::count_if(regrets.begin(), regrets.end(), [](double r) { return r <= 0.10; })) /
           static_cast<double>(regrets.size());
  };
  std::printf("\n%zu workloads with known input (zero-shot and 3 observations):\n", zero_sp.size());
  std::printf(
      "  zero-shot:      median spearman %.3f, median cost regret %.3f, hit@10%% %.2f, median fastest-pick regret "
      "%.3f, median runtime error %.0f%%\n",
      median(zero_sp), median(zero_cost), hit(zero_cost), median(zero_fast), 100 * median(zero_mape));
  std::printf(
      "  3 observations: median spearman %.3f, median cost regret %.3f, hit@10%% %.2f, median fastest-pick regret "
      "%.3f, median runtime error %.0f%%\n",
      median(obs_sp), median(obs_cost), hit(obs_cost), median(obs_fast), 100 * median(obs_mape));
  std::printf("  baseline (most memory): median cost regret %.3f, hit@10%% %.2f\n", median(base_cost), hit(base_cost));
  std::printf(
      "all 12 workloads with 3 observations: median spearman %.3f, median cost regret %.3f, hit@10%% %.2f; baseline "
      "%.3f, hit@10%% %.2f\n",
      median(obs_sp_all), median(obs_cost_all), hit(obs_cost_all), median(base_cost_all), hit(base_cost_all));
  return 0;
}
