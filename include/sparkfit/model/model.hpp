// The cost-performance model: for one job on one cluster and layout, predict runtime, dollars and
// risks stage by stage. An explicit analytic model whose constants live in
// instance_catalogs/model/model.yaml; predict() allocates nothing and throws nothing.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "sparkfit/job/job.hpp"
#include "sparkfit/layout/layout.hpp"
#include "sparkfit/model/calibration.hpp"
#include "sparkfit/model/runtime_fit.hpp"
#include "sparkfit/platform/platform.hpp"
#include "sparkfit/rules/finding.hpp"

namespace sparkfit::model {

// Work components a stage is made of; each has a per-core CPU throughput.
enum class Op { scan, transform, shuffle_write, shuffle_read, aggregate, join, sort, write, iterate_cached, count };

struct WorkloadStage {
  std::string name;
  std::string kind;  // scan | shuffle | iterate
  double read = 0;   // share of the job's input this stage reads (scan stages)
  std::vector<Op> ops;
  double shuffle_ratio = 0;  // shuffle bytes written per byte processed
  double output_ratio = 0;   // bytes written to storage per byte processed
  double working_set = 0.2;  // execution memory needed per (deserialised) byte processed
  bool cache = false;        // the stage caches its output for later iterations
  bool repeat = false;       // runs once per iteration
};

struct Constants {
  double task_overhead_s = 0.05, stage_overhead_s = 0.5, startup_s = 30;
  std::array<double, static_cast<std::size_t>(Op::count)> cpu_mib_per_s{};
  std::map<std::string, double> scan_mib_per_s;   // by file format
  std::map<std::string, double> compression_cpu;  // by codec
  double object_store_mib_per_s_per_core = 90, network_efficiency = 0.8, unknown_network_gbps = 1;
  double disk_nvme = 1500, disk_ssd = 400, disk_ebs = 250, io_cpu_overlap = 0.75;
  std::map<std::string, double> expansion;  // by file format
  double compressed_text_factor = 3.0, oops_loss_expansion = 1.3, disk_headroom = 0.9;
  double gc_base = 0.03, gc_per_heap_gib = 0.0015, gc_per_core_above_5 = 0.02, gc_live_set = 0.3;
  double core_speed_damping = 0.5;
  double billing_minimum_s = 60, emr_fee_share = 0.25, emr_fee_cap = 0.27, target_partition_mib = 128;
  std::map<std::string, std::vector<WorkloadStage>> workloads;
  std::string source, as_of, file;
  RuntimeFit runtime_fit;  // runtime_fit.yaml beside model.yaml: the analytic runtime made a forecast
  RuntimeBelief prior;     // its prior belief, what a job with no observations gets
};

// Loads instance_catalogs/model/model.yaml and runtime_fit.yaml beside it; InputError with
// file:line:col on a bad value. bench/validate, which writes the fit, loads the analytic part alone.
enum class RuntimeFitFile { load, skip };
Constants load_constants(const std::filesystem::path& file, RuntimeFitFile fit = RuntimeFitFile::load);

// A job made concrete for the model: its stages with bytes, independent of the cluster.
struct StagePlan {
  std::string name;
  std::string kind;
  double bytes_in = 0;       // bytes the stage processes (per run)
  double shuffle_bytes = 0;  // bytes it writes to shuffle
  double output_bytes = 0;
  double cpu_s_per_mib = 0;  // core-seconds per MiB at core_speed 1.0
  double working_set = 0.2;
  double skew = 1;
  bool reads_input = false;    // tasks come from the input split rule
  bool reads_shuffle = false;  // tasks come from shuffle partitions
  bool cache = false;
  int runs = 1;  // iterations for repeated stages
  std::int64_t broadcast_bytes = 0;
};

struct JobPlan {
  job::JobSpec job;
  std::vector<StagePlan> stages;
  double input_bytes = 0;
  double cache_bytes = 0;  // deserialised size of what iterative jobs cache
  double expansion = 2.5;  // in-memory bytes per input byte for this job's format
  std::int64_t files = 1;
  bool splittable = true;
  // Scan tasks when bytesPerCore reaches maxPartitionBytes (then parallelism does not matter), and
  // the parallelism at or below which that holds: precomputed so predict() need not re-split.
  std::int64_t scan_tasks_large = 0;
  std::int64_t large_below_parallelism = 0;
};

JobPlan plan_job(const job::JobSpec& job, const Constants& constants);

// Prices and Spark settings that are not part of the layout.
struct Settings {
  std::int64_t shuffle_partitions = 200;  // spark.sql.shuffle.partitions
  bool shuffle_partitions_given = false;  // the user set it: planners must not tune it
  // recommend may tune an unset count; predict predicts what the user gave, so Spark's default stays.
  bool tune_shuffle_partitions = true;
  bool aqe = true;                // spark.sql.adaptive.enabled (default since 3.2)
  bool parallelism_first = true;  // spark.sql.adaptive.coalescePartitions.parallelismFirst
  job::Market market = job::Market::on_demand;
  double spot_discount = 0.6;
  int on_demand_core_nodes = 2;  // with spot: EMR core nodes stay on demand, task nodes are spot
  double price_factor = 1.0;     // region price relative to us-east-1
  double savings_plan_discount = 0.0;
  const catalog::InstanceType* primary = nullptr;  // EMR primary node (default: the worker type)
  const Calibration* calibration = nullptr;        // fitted from this job's observations, if any
  // Glue's DynamicFrame reader: one partition per file while there are fewer files than this
  // (Glue starts grouping files above it); 0 = Spark's split rule.
  std::int64_t one_partition_per_file_below = 0;
};

enum Risk : unsigned {
  risk_none = 0,
  risk_spill = 1u << 0,
  risk_oom = 1u << 1,
  risk_disk_full = 1u << 2,
  risk_cache_miss = 1u << 3,
  risk_cores_oversubscribed = 1u << 4,
  risk_compressed_oops = 1u << 5,
  risk_idle_slots = 1u << 6,
  risk_skew = 1u << 7,
  risk_emr_fee_estimated = 1u << 8,
  risk_observed_failure = 1u << 9,  // a run in the spec's observations that did not finish implies it
};
// The risks' kebab names, in the order of the one table of their words (src/model/risks.cpp).
std::vector<std::string> risk_names(unsigned risks);

enum class Infeasible { none, layout, oom_broadcast, disk_full, observed_failure };
std::string_view to_string(Infeasible reason);
// Why a configuration cannot run, as a sentence for people: the layout's problem when the layout is
// the reason. JSON keeps the codes (`infeasible_reason`).
std::string describe(Infeasible reason, layout::Problem problem);

struct StageResult {
  std::int64_t tasks = 0, waves = 0;
  double bytes_per_task = 0, spill_bytes = 0, task_s = 0, time_s = 0;
  int runs = 1;
};

inline constexpr int kMaxStages = 8;

struct Prediction {
  Infeasible infeasible = Infeasible::none;
  unsigned risks = risk_none;
  double runtime_s = 0, cost_usd = 0, core_hours = 0;
  double uncalibrated_runtime_s = 0;  // the analytic model's figure, before the fitted model
  // runtime_s is the median runtime under the fitted model (its prior, or the posterior after the
  // job's observations), cost_usd its cost; the 80% interval around it and the cost at either end.
  double runtime_low_s = 0, runtime_high_s = 0, cost_low_usd = 0, cost_high_usd = 0;
  Features runtime_features{};  // what the fitted model saw (calibration points keep them)
  double node_usd_per_hour = 0, primary_usd_per_hour = 0;
  double task_node_usd_per_hour = 0;  // spot task nodes (market spot); 0 when every node is on demand
  int spot_nodes = 0;
  double disk_needed_gb_per_node = 0, disk_gb_per_node = 0;
  double cache_fit = 1;  // share of the cached data that fits in storage memory
  int stage_count = 0;
  std::array<StageResult, kMaxStages> stages{};
  // The observed failed run that rules this configuration out or makes it risky (risk_observed_failure).
  const FailedRun* failed_run = nullptr;
  FailureVerdict failure_verdict = FailureVerdict::none;
  bool feasible() const { return infeasible == Infeasible::none; }
};

// The risks' names as output lists them: an observed failure's names its observation,
// `observed-failure:job.yaml:14`.
std::vector<std::string> risk_names(const Prediction& prediction);
// Why the configuration cannot run, as a sentence: an observed failure's names its observation.
std::string describe(const Prediction& prediction, layout::Problem problem);

// Sets the cost interval of a prediction whose `cost_usd` the caller priced: every platform bills
// runtime linearly above its minimum, so either end costs the same per billed second.
void set_cost_interval(Prediction& prediction, double billing_minimum_s);

// The prediction's risks as findings, id the risk's name, in the words every writer uses.
std::vector<rules::Finding> risk_findings(const Prediction& prediction);

// One configuration. `layout` comes from layout::compute on the cluster's node.
Prediction predict(const JobPlan& plan, const platform::Cluster& cluster, const layout::Layout& layout,
                   const Settings& settings, const Constants& constants);

// Tasks of a shuffle stage under AQE (docs/domain.md#shuffle-partitions-and-aqe): coalescing only merges partitions,
// and with parallelismFirst it keeps about spark.default.parallelism of them, each at least 1 MiB.
std::int64_t shuffle_tasks(double shuffle_bytes, std::int64_t partitions, int default_parallelism,
                           const Settings& settings);

}  // namespace sparkfit::model
