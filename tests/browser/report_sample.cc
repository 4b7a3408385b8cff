// report_sample: writes report pages from fixed data, for the browser tests (tests/browser/): a
// recommend page with a current configuration marked and a note full of markup, and an analyze
// page (executors over time, task-time distributions). Usage: report_sample DIR
// writes DIR/sample-recommend.html, DIR/sample-recommend.md and DIR/sample-analyze.html.
//
// The data is synthetic but shaped like `sparkfit recommend examples/jobs/nightly-orders.yaml`:
// five instance types x 2..50 nodes x executor cores, priced with EC2 + EMR fees. Named .cc so
// that tests/CMakeLists.txt's *.cpp glob keeps it out of the doctest binary.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iostream>
#include <string>

#include "sparkfit/output/report.hpp"
#include "sparkfit/report/report.hpp"

namespace {

struct Type {
  const char* name;
  const char* family;
  int vcpus;
  std::int64_t yarn_mib;
  double usd_per_hour;  // EC2 + EMR fee
  double speed;
};

sparkfit::report::ReportData sample() {
  using namespace sparkfit::report;
  const Type types[] = {{"m5.4xlarge", "m5", 16, 57344, 0.960, 1.00},
                        {"r5.4xlarge", "r5", 16, 122880, 1.260, 1.00},
                        {"m6g.xlarge", "m6g", 4, 11712, 0.1925, 0.92},
                        {"m6g.2xlarge", "m6g", 8, 24576, 0.385, 0.92},
                        {"m6g.4xlarge", "m6g", 16, 57344, 0.770, 0.92}};
  const int core_choices[] = {1, 2, 3, 4, 5, 8};
  ReportData d;
  d.title = "nightly-orders: recommended cluster";
  d.subtitle =
      "join of 500 GiB of Parquet on EMR (emr-7.1.0), PySpark \xC2\xB7 minimize cost within a 45 min deadline and a "
      "$50 budget";
  d.command = "sparkfit recommend examples/jobs/nightly-orders.yaml --report report.html";
  d.sparkfit_version = "0.1.0";
  d.deadline_s = 2700;
  d.budget_usd = 50;
  const double work_core_s = 160000;  // core-seconds of the job at speed 1
  for (const Type& t : types) {
    for (int cores : core_choices) {
      if (cores > t.vcpus - 1) continue;
      int per_node = (t.vcpus - 1) / cores;
      for (int nodes = 3; nodes <= 50; ++nodes) {
        int slots = nodes * per_node * cores - cores;
        if (slots <= 0) continue;
        double efficiency = cores == 1 ? 0.82 : cores >= 8 ? 0.86 : 1.0;
        double runtime =
            45 + work_core_s / (std::pow(static_cast<double>(slots), 0.96) * t.speed * efficiency) + 3.0 * nodes;
        double cost = (nodes * t.usd_per_hour + 0.24) * std::max(runtime, 60.0) / 3600;
        Point p;
        p.label = std::to_string(nodes) + " x " + t.name + ", " + std::to_string(cores) + "-core executors";
        p.group = t.family;
        p.runtime_s = std::round(runtime * 10) / 10;
        p.cost_usd = std::round(cost * 10000) / 10000;
        // Small memory nodes with few of them cannot hold the shuffle on local disk.
        p.feasible = !(t.vcpus == 4 && nodes < 6);
        d.points.push_back(p);
      }
    }
  }
  // Pareto front of the feasible points, the pick (cheapest within deadline and budget) and a
  // current configuration to compare with.
  std::size_t best = 0;
  bool have_best = false;
  for (std::size_t i = 0; i < d.points.size(); ++i) {
    Point& p = d.points[i];
    if (!p.feasible) continue;
    bool dominated = false;
    for (const Point& q : d.points)
      if (q.feasible && q.runtime_s <= p.runtime_s && q.cost_usd <= p.cost_usd &&
          (q.runtime_s < p.runtime_s || q.cost_usd < p.cost_usd))
        dominated = true;
    p.pareto = !dominated;
    if (p.runtime_s <= 2700 && p.cost_usd <= 50 && (!have_best || p.cost_usd < d.points[best].cost_usd)) {
      best = i;
      have_best = true;
    }
  }
  d.points[best].recommended = true;
  for (Point& p : d.points)
    if (p.label == "10 x r5.4xlarge, 5-core executors") p.current = true;
  d.evaluated = static_cast<std::int64_t>(d.points.size());

  // The layout of the pick, as the layout engine computes it (EMR: overhead 0.1875, G1, 32 MiB step).
  const Point& pick = d.points[best];
  const Type* type = &types[0];
  for (const Type& t : types)
    if (pick.label.find(std::string(" x ") + t.name + ",") != std::string::npos) type = &t;
  int nodes = std::stoi(pick.label);
  int cores = std::stoi(pick.label.substr(pick.label.find(", ") + 2));
  NodeDrawing l;
  l.instance = type->name;
  l.nodes = nodes;
  l.vcpus = type->vcpus;
  l.yarn_mib = type->yarn_mib;
  l.executor_cores = cores;
  l.executors_per_node = (type->vcpus - 1) / cores;
  l.container_mib = type->yarn_mib / l.executors_per_node / 32 * 32;
  std::int64_t heap = static_cast<std::int64_t>(std::floor(static_cast<double>(l.container_mib) / 1.1875));
  std::int64_t overhead = l.container_mib - heap;
  std::int64_t usable = heap - 300;
  l.regions = {{"reserved", 300},
               {"user", usable * 4 / 10},
               {"storage", usable * 3 / 10},
               {"execution", usable - usable * 4 / 10 - usable * 3 / 10},
               {"overhead", overhead}};
  l.idle_cores = type->vcpus - l.executors_per_node * cores;
  l.idle_mib = type->yarn_mib - l.executors_per_node * l.container_mib;
  l.am_executors_displaced = 1;
  d.layout = l;
  int slots = (nodes * l.executors_per_node - 1) * cores;

  struct StageSpec {
    const char* name;
    std::int64_t tasks;
    double share;
    double spill;
    bool skewed;
  };
  const StageSpec stages[] = {{"scan-orders", 4000, 0.22, 0, false},
                              {"shuffle-orders", 3219, 0.31, 0, false},
                              {"join-customers", 3219, 0.28, 6.5 * 1024 * 1024 * 1024, true},
                              {"write", 3219, 0.19, 0, false}};
  for (const StageSpec& s : stages) {
    StageBar b;
    b.name = s.name;
    b.tasks = s.tasks;
    b.slots = slots;
    b.waves = (s.tasks + slots - 1) / slots;
    b.time_s = std::round((pick.runtime_s - 45) * s.share * 10) / 10;
    b.spill_bytes = s.spill;
    b.skewed = s.skewed;
    d.stages.push_back(b);
  }
  d.settings = {
      {"spark.executor.instances", std::to_string(nodes * l.executors_per_node - 1),
       std::to_string(nodes) + " nodes x " + std::to_string(l.executors_per_node) +
           " per node, 1 fewer on the node hosting the AM (1408 MiB)"},
      {"spark.executor.cores", std::to_string(cores),
       std::string(type->name) + ": " + std::to_string(type->vcpus) + " vCPU - 1 reserved, / " + std::to_string(cores) +
           " cores"},
      {"spark.executor.memory", std::to_string(heap) + "m",
       "heap = largest h with h + max(0.1875 h, 384) <= " + std::to_string(l.container_mib) + " MiB"},
      {"spark.executor.memoryOverhead", std::to_string(overhead) + "m", "set explicitly so the container is exact"},
      {"spark.sql.shuffle.partitions", "3219", "the largest shuffle / 128 MiB target, rounded up to whole waves"},
      {"spark.dynamicAllocation.enabled", "false",
       "a sized batch job: --num-executors is only the starting count otherwise"}};
  using sparkfit::rules::Severity;
  d.findings = {sparkfit::rules::note("SF3001", Severity::warning,
                                      "spark.sql.shuffle.partitions is left at its default of 200: 500 GiB of shuffle "
                                      "makes 2.50 GiB per partition; about 4000 partitions would give 128 MiB each"),
                sparkfit::rules::note("SF2010", Severity::info,
                                      "a Python job: each task's Python worker lives in the executor's overhead")};
  d.findings[0].fix = "set spark.sql.shuffle.partitions to 4000";
  d.findings[0].place = {"examples/review/spark-defaults.conf", 7, 1, ""};
  d.notes = {"The model is analytic and rough: its throughputs are estimates.",
             "Escaping check: <script>alert(\"x\")</script> & 'quotes' stay text."};
  return d;
}

sparkfit::report::ReportData analyze_sample() {
  using namespace sparkfit::report;
  ReportData d;
  d.title = "app-20260714-0042: what the run did";
  d.subtitle = "nightly-orders on 10 x r5.4xlarge, Spark 3.5.0 \xC2\xB7 event log of a complete run, 31 min 12 s";
  d.command = "sparkfit analyze runs/app-20260714-0042.zstd --report run.html";
  d.sparkfit_version = "0.1.0";
  // Dynamic allocation: a ramp up, a plateau, a release in the write stage.
  const int counts[] = {2, 8, 20, 36, 49, 49, 49, 49, 49, 44, 30, 18, 12, 12, 4};
  for (int i = 0; i < 15; ++i) d.executors_over_time.push_back({i * 130.0, counts[i]});
  d.task_times = {{"stage 0: scan-orders", 2.1, 6.8, 8.4, 10.2, 19.5, 0, false},
                  {"stage 1: shuffle-orders", 1.4, 4.9, 6.1, 7.7, 14.2, 0, false},
                  {"stage 2: join-customers", 0.9, 5.2, 7.0, 9.1, 412.0, 12.5 * 1024 * 1024 * 1024, true},
                  {"stage 3: write", 1.8, 3.2, 3.9, 4.6, 8.8, 0, false}};
  d.stages = {{"stage 0: scan-orders", 4000, 147, 28, 402, 0, false},
              {"stage 1: shuffle-orders", 200, 147, 2, 515, 0, false},
              {"stage 2: join-customers", 200, 147, 2, 731, 12.5 * 1024 * 1024 * 1024, true},
              {"stage 3: write", 200, 147, 2, 224, 0, false}};
  using sparkfit::rules::Severity;
  d.findings = {
      sparkfit::rules::note(
          "SF6005", Severity::warning,
          "stage 2: the longest task ran 412 s against a median of 7.0 s (59x): skew on the join key"),
      sparkfit::rules::note("SF6001", Severity::warning,
                            "stage 2 spilled 12.5 GiB to disk: execution memory per task is below the working set"),
      sparkfit::rules::note("SF6004", Severity::info,
                            "executors idled for 6 min 30 s at the end: dynamic allocation released them late")};
  d.findings[0].fix = "turn on AQE skew handling (spark.sql.adaptive.skewJoin.enabled=true) or salt the hot keys";
  return d;
}

bool write(const std::string& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) std::cerr << "report_sample: cannot write " << path << "\n";
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: report_sample DIR\n";
    return 2;
  }
  const std::string dir = argv[1];
  sparkfit::report::ReportData recommend = sample();
  sparkfit::report::ReportData analyze = analyze_sample();
  bool ok = write(dir + "/sample-recommend.html", sparkfit::output::report_html(recommend)) &&
            write(dir + "/sample-recommend.md", sparkfit::output::report_markdown(recommend)) &&
            write(dir + "/sample-analyze.html", sparkfit::output::report_html(analyze));
  return ok ? 0 : 1;
}
