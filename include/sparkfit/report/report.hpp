// The report's page model: what the HTML page and its Markdown sibling say, as plain data that
// `recommend`, `predict`, `review` and `analyze` fill in (src/report/ builds it, pages.hpp).
// How a page is written is sparkfit/output/report.hpp.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sparkfit/rules/finding.hpp"

namespace sparkfit::report {

// One evaluated candidate in the cost-versus-runtime chart.
struct Point {
  std::string label;  // "10 x r5.4xlarge, 5-core executors, 4000 shuffle partitions"
  std::string group;  // platform or instance family: one colour per group
  double runtime_s = 0;
  double cost_usd = 0;  // with ReportData::priced == false: core-hours
  bool pareto = false, recommended = false, current = false, feasible = true;
};

// A region of one executor container, to scale: reserved, user, storage, execution, survivor
// (Parallel GC's hidden survivor space), overhead, and any off-heap or pyspark memory.
struct Region {
  std::string name;
  std::int64_t mib = 0;
};

// The executor layout of one configuration, drawn the way Spark courses draw it.
struct NodeDrawing {
  std::string instance;  // "r5.4xlarge", or "16 cores x 64 GiB" for a generic YARN node
  int nodes = 0;
  int vcpus = 0;
  std::int64_t yarn_mib = 0;  // what YARN hands out on a node
  int executors_per_node = 0;
  int executor_cores = 0;
  std::int64_t container_mib = 0;
  std::vector<Region> regions;     // of one container, in drawing order
  int idle_cores = 0;              // per node
  std::int64_t idle_mib = 0;       // per node
  int am_executors_displaced = 0;  // executors the AM (cluster mode: the driver) takes the place of, on one node
  // The platform's words: what a node hands out, what an executor runs in, what displaces one.
  // Kubernetes: "cores" (the whole allocatable cores), "allocatable memory", "pod", "the driver pod".
  std::string cores_name = "vCPU";
  std::string memory_name = "YARN memory";
  std::string container_name = "container";
  std::string am_name = "the YARN application master (in cluster mode, the driver)";
  std::string am_short_name = "the AM";
  int task_slots = 0;  // whole cluster; 0: nodes x executors x cores - displaced
};

// One stage of the job: its tasks against the cluster's slots.
struct StageBar {
  std::string name;
  std::int64_t tasks = 0;
  int slots = 0;
  std::int64_t waves = 0;
  double time_s = 0;
  double spill_bytes = 0;
  bool skewed = false;  // highlighted (a task far above the median)
};

struct Setting {
  std::string key, value, why;
};

// `analyze`: executors alive over time (a step line; each sample holds until the next).
struct ExecutorSample {
  double t_s = 0;
  int executors = 0;
};

// `analyze`: task-time distribution of one stage (a box per stage: min, quartiles, max).
struct TaskTimes {
  std::string stage;
  double min_s = 0, p25_s = 0, median_s = 0, p75_s = 0, max_s = 0;
  double spill_bytes = 0;
  bool skewed = false;
};

// `analyze` of a fleet: what one application wasted (dollars, or core-hours when not priced).
struct WasteBar {
  std::string label;  // the application's name and its log's file name
  std::string path;   // the log, whole
  double wasted = 0;
  double held = 0;  // what it held, in the same unit
};

struct ReportData {
  std::string title, subtitle, command, sparkfit_version;
  std::vector<Point> points;
  std::optional<double> deadline_s, budget_usd;
  bool priced = true;             // false: the cost axis is core-hours (generic YARN clusters)
  bool minimize_runtime = false;  // which points to keep when there are too many to draw
  std::int64_t evaluated = 0;     // candidates evaluated (0: points.size())
  std::size_t max_points = 2000;  // drawn: the Pareto front + the marked + the best this many
  std::optional<NodeDrawing> layout;
  std::vector<StageBar> stages;
  std::vector<Setting> settings;
  std::vector<rules::Finding> findings;
  std::vector<std::string> notes;
  std::vector<ExecutorSample> executors_over_time;  // analyze
  std::vector<TaskTimes> task_times;                // analyze
  std::vector<WasteBar> waste;                      // analyze of a fleet, most first (priced: dollars)
  std::string html_report_name;                     // markdown: the HTML report to point to ("" = a generic pointer)
};

}  // namespace sparkfit::report
