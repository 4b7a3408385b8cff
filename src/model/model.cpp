// The analytic runtime and cost model. Each term is one line of arithmetic with a name, so the
// README's "How the model works" can describe it and the tests can check its physics.
#include "sparkfit/model/model.hpp"

#include <algorithm>
#include <cmath>

#include "sparkfit/layout/input_splits.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"

namespace sparkfit::model {
namespace {

constexpr double kMiB = static_cast<double>(units::kMiB);

Op op_for_explicit_kind(const std::string& kind) {
  if (kind == "scan") return Op::scan;
  if (kind == "transform") return Op::transform;
  if (kind == "shuffle-write") return Op::shuffle_write;
  if (kind == "shuffle-read") return Op::shuffle_read;
  if (kind == "aggregate") return Op::aggregate;
  if (kind == "join") return Op::join;
  if (kind == "sort") return Op::sort;
  return Op::write;
}

// Core-seconds per MiB a stage spends on CPU at core_speed 1.0.
double cpu_seconds_per_mib(const std::vector<Op>& ops, double shuffle_ratio, double output_ratio,
                           const job::Input& input, const Constants& c) {
  double seconds = 0;
  for (Op op : ops) {
    double throughput = c.cpu_mib_per_s[static_cast<std::size_t>(op)];
    double weight = 1;
    if (op == Op::scan) {
      auto format = c.scan_mib_per_s.find(std::string(job::to_string(input.file_format)));
      if (format != c.scan_mib_per_s.end()) throughput = format->second;
      auto codec = c.compression_cpu.find(input.compression);
      weight = codec != c.compression_cpu.end() ? codec->second : 1.0;
    } else if (op == Op::shuffle_write) {
      weight = shuffle_ratio;
    } else if (op == Op::write) {
      weight = output_ratio;
    }
    seconds += weight / throughput;
  }
  return seconds;
}

}  // namespace

namespace {

// The spec's failed runs against one configuration: the first that rules it out, else the first
// that makes it risky. Memory is the executors' containers (heap, overhead, off-heap, PySpark), per
// task slot and in all; disk is every node's local disk.
void judge_failed_runs(const std::vector<FailedRun>& failed_runs, const platform::Cluster& cluster,
                       const layout::Layout& layout, Prediction& p) {
  const double total = static_cast<double>(layout.container_request_mib) * layout.num_executors;
  const double per_task = total / std::max(1, layout.task_slots);
  const double disk = cluster.local_disk_gb * cluster.nodes;
  const FailedRun* risky = nullptr;
  for (const FailedRun& failed : failed_runs) {
    const FailureVerdict verdict = judge(failed, cluster.platform, cluster.description, per_task, total, disk);
    if (verdict == FailureVerdict::infeasible) {
      p.failed_run = &failed;
      p.failure_verdict = verdict;
      p.risks |= risk_observed_failure;
      if (p.feasible()) p.infeasible = Infeasible::observed_failure;
      return;
    }
    if (verdict == FailureVerdict::risky && !risky) risky = &failed;
  }
  if (!risky) return;
  p.failed_run = risky;
  p.failure_verdict = FailureVerdict::risky;
  p.risks |= risk_observed_failure;
}

}  // namespace

std::string_view to_string(Infeasible reason) {
  switch (reason) {
    case Infeasible::none: return "none";
    case Infeasible::layout: return "layout";
    case Infeasible::oom_broadcast: return "oom-broadcast";
    case Infeasible::disk_full: return "disk-full";
    case Infeasible::observed_failure: return "observed-failure";
  }
  return "unknown";
}

std::string describe(Infeasible reason, layout::Problem problem) {
  switch (reason) {
    case Infeasible::none: return "it can run";
    case Infeasible::layout: return std::string(layout::describe(problem));
    case Infeasible::oom_broadcast:
      return "the broadcast side of the join needs more than half of an executor's usable heap";
    case Infeasible::disk_full: return "shuffle and spill are larger than the local disk";
    case Infeasible::observed_failure: return "a run in the observations that did not finish rules it out";
  }
  return "unknown reason";
}

std::string describe(const Prediction& prediction, layout::Problem problem) {
  if (prediction.infeasible == Infeasible::observed_failure && prediction.failed_run)
    return failure_text(*prediction.failed_run, FailureVerdict::infeasible);
  return describe(prediction.infeasible, problem);
}

JobPlan plan_job(const job::JobSpec& job, const Constants& c) {
  JobPlan plan;
  plan.job = job;
  plan.input_bytes = static_cast<double>(job.input.size_bytes);
  plan.files = std::max<std::int64_t>(1, job.input.file_count());
  plan.splittable = job.input.splittable();
  {
    auto format = std::string(job::to_string(job.input.file_format));
    plan.expansion = c.expansion.count(format) ? c.expansion.at(format) : 2.5;
    bool row_format = job.input.file_format == job::FileFormat::csv || job.input.file_format == job::FileFormat::json ||
                      job.input.file_format == job::FileFormat::text;
    if (row_format && job.input.compression != "none") plan.expansion *= c.compressed_text_factor;
  }
  const int iterations = std::max(1, job.iterations);
  {
    layout::splits::Settings split;
    auto file_size = static_cast<std::int64_t>(plan.input_bytes / static_cast<double>(plan.files));
    std::int64_t total = plan.files * (file_size + split.open_cost_bytes);
    plan.large_below_parallelism = total / split.max_partition_bytes;  // bytesPerCore >= maxPartitionBytes
    split.min_partition_num = std::max<std::int64_t>(1, plan.large_below_parallelism);
    plan.scan_tasks_large = layout::splits::plan_uniform(plan.files, file_size, plan.splittable, split).partitions;
  }

  // Iterations repeat a workload's iterative stages, or, of explicit stages, those after the first
  // cached one (each pass reads the cache); where none repeats, they would change nothing.
  if (iterations > 1 && !job.stages.empty() &&
      std::none_of(job.stages.begin(), job.stages.end() - 1, [](const job::Stage& st) { return st.cache; }))
    throw InputError("iterations " + std::to_string(iterations) +
                     ": of explicit stages, those after the first cached one repeat each pass, and no stage before "
                     "the last is cached; mark the stage whose output each pass reads with cache: true, or drop "
                     "--iterations (job.iterations)");
  if (!job.stages.empty()) {
    // Explicit stages: scan stages share the input; every other stage reads what the stages
    // before it shuffled (or, when nothing shuffled, what the previous one wrote).
    const auto scans = static_cast<double>(
        std::count_if(job.stages.begin(), job.stages.end(), [](const job::Stage& st) { return st.kind == "scan"; }));
    double pending_shuffle = 0;
    double previous_output = plan.input_bytes;
    bool after_cache = false;
    for (std::size_t i = 0; i < job.stages.size(); ++i) {
      const job::Stage& s = job.stages[i];
      StagePlan stage;
      stage.name = s.name;
      stage.runs = after_cache ? iterations : 1;
      after_cache = after_cache || s.cache;
      const bool scan = s.kind == "scan" || (scans == 0 && i == 0);
      stage.kind = scan ? "scan" : "shuffle";
      stage.reads_input = scan;
      stage.reads_shuffle = !scan;
      double bytes = scan                  ? plan.input_bytes / std::max(1.0, scans)
                     : pending_shuffle > 0 ? pending_shuffle
                                           : previous_output;
      if (!scan) pending_shuffle = 0;
      stage.bytes_in = bytes;
      stage.shuffle_bytes = bytes * s.shuffle_ratio;
      stage.output_bytes = bytes * s.output_ratio;
      std::vector<Op> ops{op_for_explicit_kind(s.kind)};
      if (scan && ops.front() != Op::scan) ops.insert(ops.begin(), Op::scan);
      if (!scan && ops.front() != Op::shuffle_read) ops.insert(ops.begin(), Op::shuffle_read);
      if (s.shuffle_ratio > 0) ops.push_back(Op::shuffle_write);
      stage.cpu_s_per_mib = cpu_seconds_per_mib(ops, s.shuffle_ratio, s.output_ratio, job.input, c);
      stage.working_set = (s.kind == "join" || s.kind == "sort" || s.kind == "aggregate") ? 1.0 : 0.2;
      stage.skew = std::max(1.0, s.skew);
      stage.cache = s.cache;
      stage.broadcast_bytes = s.broadcast_bytes.value_or(0);
      if (s.cache) plan.cache_bytes += bytes * plan.expansion;
      plan.stages.push_back(stage);
      pending_shuffle += stage.shuffle_bytes;
      previous_output = stage.shuffle_bytes > 0 ? stage.shuffle_bytes : stage.output_bytes;
    }
    return plan;
  }

  const auto& profile = c.workloads.at(std::string(job::to_string(job.workload)));
  if (iterations > 1 && std::none_of(profile.begin(), profile.end(), [](const WorkloadStage& w) { return w.repeat; }))
    throw InputError("iterations " + std::to_string(iterations) + ": the " + std::string(job::to_string(job.workload)) +
                     " workload has no stage that repeats (iterative-ml and graph do), so iterations change "
                     "nothing; drop --iterations (job.iterations) or give --workload iterative-ml");
  double previous_shuffle = 0;
  double cached_source = 0;
  for (const WorkloadStage& w : profile) {
    StagePlan stage;
    stage.name = w.name;
    stage.kind = w.kind;
    if (w.kind == "scan") {
      stage.bytes_in = plan.input_bytes * w.read;
      stage.reads_input = true;
    } else if (w.kind == "shuffle") {
      stage.bytes_in = previous_shuffle;
      stage.reads_shuffle = true;
    } else {  // iterate: over the cached data, or over the previous superstep's shuffle
      bool shuffles_in = std::find(w.ops.begin(), w.ops.end(), Op::shuffle_read) != w.ops.end();
      stage.bytes_in = shuffles_in ? previous_shuffle : cached_source;
      stage.reads_shuffle = shuffles_in;
      stage.runs = w.repeat ? iterations : 1;
    }
    stage.shuffle_bytes = stage.bytes_in * w.shuffle_ratio;
    stage.output_bytes = stage.bytes_in * w.output_ratio;
    stage.cpu_s_per_mib = cpu_seconds_per_mib(w.ops, w.shuffle_ratio, w.output_ratio, job.input, c);
    stage.working_set = w.working_set;
    stage.cache = w.cache;
    if (w.cache) {
      cached_source = stage.bytes_in;
      plan.cache_bytes += stage.bytes_in * plan.expansion;
    }
    if (stage.shuffle_bytes > 0) previous_shuffle = stage.shuffle_bytes;
    plan.stages.push_back(stage);
  }
  return plan;
}

std::int64_t shuffle_tasks(double shuffle_bytes, std::int64_t partitions, int default_parallelism,
                           const Settings& settings) {
  partitions = std::max<std::int64_t>(1, partitions);
  if (!settings.aqe) return partitions;
  // Coalescing merges small partitions only. parallelismFirst: the target size is the advisory
  // 64 MiB or less, so that about default-parallelism partitions remain, each at least 1 MiB.
  double target = 64 * kMiB;
  if (settings.parallelism_first)
    target = std::max(1 * kMiB, std::min(target, shuffle_bytes / std::max(1, default_parallelism)));
  auto wanted = static_cast<std::int64_t>(std::ceil(shuffle_bytes / target));
  return std::clamp<std::int64_t>(wanted, 1, partitions);
}

Prediction predict(const JobPlan& plan, const platform::Cluster& cluster, const layout::Layout& layout,
                   const Settings& settings, const Constants& c) {
  Prediction p;
  if (layout.problem != layout::Problem::none || layout.task_slots <= 0) {
    p.infeasible = Infeasible::layout;
    return p;
  }
  const int nodes = cluster.nodes;
  const int slots = layout.task_slots;
  const int default_parallelism = std::max(2, layout.num_executors * layout.executor_cores);
  const int vcpus = cluster.node.vcpus;
  const int threads_per_node = std::max(1, layout.executors_per_node * layout.executor_cores);
  const double oversubscription = std::max(1.0, static_cast<double>(threads_per_node) / vcpus);
  if (oversubscription > 1) p.risks |= risk_cores_oversubscribed;

  const catalog::InstanceType* instance = cluster.instance;
  const double core_speed = 1.0 + c.core_speed_damping * (cluster.core_speed - 1.0);
  const double heap_gib = static_cast<double>(layout.heap_mib) / 1024.0;
  double gc =
      1.0 + c.gc_base + c.gc_per_heap_gib * heap_gib + c.gc_per_core_above_5 * std::max(0, layout.executor_cores - 5);
  double expansion = plan.expansion;
  if (layout.heap_mib >= layout::kCompressedOopsLimitMiB) {
    expansion *= c.oops_loss_expansion;
    p.risks |= risk_compressed_oops;
  }
  const double exec_memory = static_cast<double>(layout.regions.execution_per_task_max_bytes);

  // Bandwidth of one node, shared by the tasks running on it.
  const double gbps = cluster.network_gbps > 0 ? cluster.network_gbps : c.unknown_network_gbps;
  const double nic_mib_s = gbps * 1e9 / 8.0 / kMiB * c.network_efficiency;
  const double disk_mib_s = cluster.disk_mib_per_s > 0    ? cluster.disk_mib_per_s
                            : cluster.disk_kind == "nvme" ? c.disk_nvme
                            : cluster.disk_kind == "ssd"  ? c.disk_ssd
                                                          : c.disk_ebs;
  const double disk_gb = cluster.local_disk_gb;

  // Cached data of iterative jobs against the cluster's storage memory.
  if (plan.cache_bytes > 0) {
    double storage =
        static_cast<double>(layout.num_executors) * static_cast<double>(layout.regions.unified_bytes) * 0.8;
    p.cache_fit = std::min(1.0, storage / (plan.cache_bytes * expansion / plan.expansion));
    if (p.cache_fit < 1) p.risks |= risk_cache_miss;
    // Cached data stays live in the old generation: GC work grows like L / (1 - L).
    double heaps = static_cast<double>(layout.num_executors) * static_cast<double>(layout.regions.max_memory_bytes);
    double live = std::min(0.9, std::min(storage, plan.cache_bytes * expansion / plan.expansion) / heaps);
    gc += c.gc_live_set * live / (1 - live);
  }

  double runtime = c.startup_s;
  double scan_s_per_byte = 0;
  std::int64_t scan_tasks = 0;
  double peak_disk_bytes = 0;
  const int stage_count = std::min<int>(kMaxStages, static_cast<int>(plan.stages.size()));
  for (int i = 0; i < stage_count; ++i) {
    const StagePlan& s = plan.stages[static_cast<std::size_t>(i)];
    StageResult& r = p.stages[static_cast<std::size_t>(i)];
    r.runs = s.runs;
    if (s.reads_input) {
      if (settings.one_partition_per_file_below > 0 && plan.files < settings.one_partition_per_file_below) {
        r.tasks = plan.files;
      } else if (default_parallelism <= plan.large_below_parallelism) {
        r.tasks = plan.scan_tasks_large;
      } else {
        layout::splits::Settings split;
        split.min_partition_num = default_parallelism;
        auto file_size = static_cast<std::int64_t>(plan.input_bytes / static_cast<double>(plan.files));
        r.tasks = layout::splits::plan_uniform(plan.files, file_size, plan.splittable, split).partitions;
      }
      scan_tasks = r.tasks;
    } else if (s.reads_shuffle) {
      r.tasks = shuffle_tasks(s.bytes_in, settings.shuffle_partitions, default_parallelism, settings);
    } else {
      r.tasks = std::max<std::int64_t>(1, scan_tasks);  // cached partitions keep the scan's count
    }
    if (r.tasks <= 0) r.tasks = 1;
    r.waves = (r.tasks + slots - 1) / slots;
    r.bytes_per_task = s.bytes_in / static_cast<double>(r.tasks);
    const double mib_per_task = r.bytes_per_task / kMiB;
    const double concurrent = std::max(1.0, std::min<double>(threads_per_node, static_cast<double>(r.tasks) / nodes));

    double cpu = c.task_overhead_s + mib_per_task * s.cpu_s_per_mib / core_speed * gc * oversubscription;
    double io = 0;
    const double nic_share = nic_mib_s / concurrent;
    const double disk_share = disk_mib_s / concurrent;
    if (s.reads_input) io += mib_per_task / std::min(c.object_store_mib_per_s_per_core, nic_share);
    if (s.reads_shuffle) {
      double remote = nodes > 1 ? static_cast<double>(nodes - 1) / nodes : 0.0;
      io += mib_per_task * remote / nic_share + mib_per_task * (1 - remote) / disk_share;
    }
    if (s.shuffle_bytes > 0) io += mib_per_task * (s.shuffle_bytes / s.bytes_in) / disk_share;

    // A broadcast table is held once per executor JVM (in its storage memory, taken from what its
    // tasks could use) and fetched once per executor: small executors pay for it many times.
    double task_memory = exec_memory;
    if (s.broadcast_bytes > 0) {
      double held = static_cast<double>(s.broadcast_bytes) * expansion;
      task_memory = std::max(0.0, static_cast<double>(layout.regions.unified_bytes) - held) /
                    std::max(1, layout.regions.concurrent_tasks);
    }
    // Spill: the task's working set beyond its share of execution memory goes to disk and back.
    double working = r.bytes_per_task * expansion * s.working_set;
    if (working > task_memory && s.working_set > 0) {
      double spilled = (working - task_memory) / expansion;
      r.spill_bytes = spilled * static_cast<double>(r.tasks);
      io += 2 * spilled / kMiB / disk_share;
      cpu += spilled / kMiB / c.cpu_mib_per_s[static_cast<std::size_t>(Op::shuffle_write)] / core_speed;
      p.risks |= risk_spill;
    }
    if (s.broadcast_bytes > 0 &&
        static_cast<double>(s.broadcast_bytes) * expansion > 0.5 * static_cast<double>(layout.regions.usable_bytes)) {
      p.infeasible = Infeasible::oom_broadcast;
      p.risks |= risk_oom;
    }
    double task = std::max(cpu, io) + (1 - c.io_cpu_overlap) * std::min(cpu, io);
    if (s.reads_input) scan_s_per_byte = task / std::max(1.0, r.bytes_per_task);
    if (!s.reads_input && !s.reads_shuffle && p.cache_fit < 1) {
      // What does not fit in storage memory is read and parsed again every iteration.
      task += (1 - p.cache_fit) * scan_s_per_byte * r.bytes_per_task;
    }
    r.task_s = task;
    const double skew = std::max(1.0, s.skew);
    if (skew > 2) p.risks |= risk_skew;
    r.time_s = static_cast<double>(r.waves - 1) * task + task * skew + c.stage_overhead_s;
    if (s.broadcast_bytes > 0)
      r.time_s += layout.executors_per_node * static_cast<double>(s.broadcast_bytes) / kMiB / nic_mib_s;
    runtime += r.time_s * s.runs;
    peak_disk_bytes = std::max(peak_disk_bytes, s.shuffle_bytes + r.spill_bytes);
  }
  p.stage_count = stage_count;
  if (scan_tasks > 0 && scan_tasks < slots) p.risks |= risk_idle_slots;

  // Local disk must hold a stage's shuffle files and spill.
  p.disk_needed_gb_per_node = peak_disk_bytes / nodes / 1e9;
  p.disk_gb_per_node = disk_gb;
  if (disk_gb > 0 && p.disk_needed_gb_per_node > c.disk_headroom * disk_gb) {
    p.infeasible = Infeasible::disk_full;
    p.risks |= risk_disk_full;
  }
  p.uncalibrated_runtime_s = runtime;
  // The fitted model turns the analytic runtime into a forecast with its uncertainty: the prior
  // from public runs, or the posterior after this job's own (calibration.hpp).
  const double node_memory_mib =
      cluster.node_memory_mib > 0 ? cluster.node_memory_mib : static_cast<double>(cluster.node.yarn_memory_mib);
  p.runtime_features = runtime_features(
      {runtime, static_cast<double>(slots), node_memory_mib / 1024.0 / std::max(1, vcpus), plan.job.iterations});
  const RuntimeBelief& belief =
      settings.calibration && settings.calibration->active ? settings.calibration->belief(cluster.platform) : c.prior;
  const RuntimeEstimate forecast = estimate(belief, p.runtime_features);
  // The forecast is the median, the typical run (the mean is pulled up by the spread). Stage times
  // keep their shares of the whole run.
  const double forecast_s = forecast.median_s();
  const double scale = forecast_s / runtime;
  for (int i = 0; i < stage_count; ++i) p.stages[static_cast<std::size_t>(i)].time_s *= scale;
  runtime = forecast_s;
  p.runtime_low_s = forecast.low_s();
  p.runtime_high_s = forecast.high_s();
  p.runtime_s = runtime;
  p.core_hours = static_cast<double>(nodes) * vcpus * runtime / 3600.0;

  // Billing: per second with a minimum; EC2 (+ EMR fee) per node, the primary node on its own.
  if (instance) {
    double ec2 = instance->price_usd_per_hour * settings.price_factor * (1 - settings.savings_plan_discount);
    double fee = 0;
    const catalog::InstanceType* primary = settings.primary ? settings.primary : instance;
    double primary_price = 0;
    if (cluster.platform == platform::Platform::emr) {
      auto emr_fee = [&](const catalog::InstanceType& type) {
        if (type.emr_fee_usd_per_hour) return *type.emr_fee_usd_per_hour;
        p.risks |= risk_emr_fee_estimated;
        return std::min(c.emr_fee_cap, c.emr_fee_share * type.price_usd_per_hour);
      };
      fee = emr_fee(*instance);
      primary_price = primary->price_usd_per_hour * settings.price_factor + emr_fee(*primary);
    }
    p.node_usd_per_hour = ec2 + fee;
    p.primary_usd_per_hour = primary_price;
    // Spot: the core nodes (HDFS, the YARN AM) stay on demand; the rest are task nodes at the spot
    // discount. The EMR fee is the same on either market.
    int on_demand = nodes;
    if (settings.market == job::Market::spot) {
      on_demand = std::min(nodes, std::max(1, settings.on_demand_core_nodes));
      p.spot_nodes = nodes - on_demand;
      p.task_node_usd_per_hour = ec2 * (1 - settings.spot_discount) + fee;
    }
    double billed = std::max(c.billing_minimum_s, runtime);
    p.cost_usd =
        billed / 3600.0 * (on_demand * p.node_usd_per_hour + p.spot_nodes * p.task_node_usd_per_hour + primary_price);
    set_cost_interval(p, c.billing_minimum_s);
  }
  if (settings.calibration && !settings.calibration->failed_runs.empty())
    judge_failed_runs(settings.calibration->failed_runs, cluster, layout, p);
  return p;
}

void set_cost_interval(Prediction& p, double billing_minimum_s) {
  const double billed = std::max(billing_minimum_s, p.runtime_s);
  p.cost_low_usd = billed > 0 ? p.cost_usd * std::max(billing_minimum_s, p.runtime_low_s) / billed : 0;
  p.cost_high_usd = billed > 0 ? p.cost_usd * std::max(billing_minimum_s, p.runtime_high_s) / billed : 0;
}

}  // namespace sparkfit::model
