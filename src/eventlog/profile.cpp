// The profile of a run (wall time, driver vs executor time, executors over time, per-stage
// shares and skew, critical path), the SF6xxx findings, and the replay of measured tasks on
// other executor counts.
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <numeric>
#include <queue>
#include <unordered_map>

#include "sparkfit/eventlog/eventlog.hpp"
#include "sparkfit/layout/layout.hpp"
#include "sparkfit/rules/evaluate.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/round.hpp"

namespace sparkfit::eventlog {
namespace {

struct Interval {
  std::int64_t begin = 0, end = 0;
};

// Where the app's time window starts and ends (ms).
Interval app_window(const RunLog& log) {
  std::int64_t begin = log.app_start_ms.value_or(log.first_event_ms.value_or(0));
  std::int64_t end = log.app_end_ms.value_or(log.last_event_ms.value_or(begin));
  return {begin, std::max(begin, end)};
}

// Measured start and end of a stage attempt, from its events or, failing those, its tasks.
Interval stage_window(const StageRecord& stage) {
  std::int64_t begin = stage.submission_ms.value_or(stage.first_launch_ms);
  if (begin == 0) begin = stage.first_launch_ms;
  std::int64_t end = stage.completion_ms.value_or(stage.last_finish_ms);
  end = std::max(end, stage.last_finish_ms);
  if (begin == 0) begin = end;
  return {begin, std::max(begin, end)};
}

// The run's shape for replay: groups of overlapping jobs, each with its stages, their
// dependencies and their task durations in launch order.
struct Plan {
  struct Stage {
    std::size_t record = 0;  // index into RunLog::stages
    Interval measured;
    std::vector<std::size_t> deps;  // indices into Group::stages
    std::vector<std::size_t> children;
    std::int64_t delay_ms = 0;  // driver's measured delay after its dependencies
  };
  struct Group {
    Interval measured;
    std::vector<Stage> stages;  // in order of measured start
    std::int64_t tail_ms = 0;   // measured end - last stage end
  };
  std::vector<Group> groups;
  std::int64_t driver_ms = 0;                        // wall time outside every group
  std::vector<std::vector<std::int32_t>> durations;  // per RunLog stage, in launch order
};

Plan make_plan(const RunLog& log) {
  Plan plan;
  const Interval app = app_window(log);
  // Task durations per stage in launch order (Spark hands out a stage's tasks in index order,
  // which its launch times follow).
  std::vector<std::vector<std::pair<std::int64_t, std::int32_t>>> by_stage(log.stages.size());
  for (const TaskRecord& task : log.tasks)
    by_stage[static_cast<std::size_t>(task.stage)].emplace_back(task.launch_ms, task.duration_ms);
  plan.durations.resize(log.stages.size());
  for (std::size_t i = 0; i < by_stage.size(); ++i) {
    auto& tasks = by_stage[i];
    std::stable_sort(tasks.begin(), tasks.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    plan.durations[i].reserve(tasks.size());
    for (const auto& task : tasks) plan.durations[i].push_back(std::max<std::int32_t>(0, task.second));
  }

  // Busy intervals: jobs and the stages that ran tasks, clipped to the app's window.
  std::vector<Interval> busy;
  for (const JobRecord& job : log.jobs) {
    if (!job.submission_ms) continue;
    std::int64_t end = job.completion_ms.value_or(app.end);
    busy.push_back({std::clamp(*job.submission_ms, app.begin, app.end), std::clamp(end, app.begin, app.end)});
  }
  std::vector<std::size_t> ran;
  for (std::size_t i = 0; i < log.stages.size(); ++i) {
    if (plan.durations[i].empty()) continue;
    ran.push_back(i);
    Interval w = stage_window(log.stages[i]);
    busy.push_back({std::clamp(w.begin, app.begin, app.end), std::clamp(w.end, app.begin, app.end)});
  }
  std::sort(busy.begin(), busy.end(), [](const Interval& a, const Interval& b) { return a.begin < b.begin; });
  for (const Interval& interval : busy) {
    if (interval.end <= interval.begin && plan.groups.empty()) continue;
    if (!plan.groups.empty() && interval.begin <= plan.groups.back().measured.end) {
      plan.groups.back().measured.end = std::max(plan.groups.back().measured.end, interval.end);
    } else if (interval.end > interval.begin) {
      plan.groups.push_back(Plan::Group{interval, {}, 0});
    }
  }
  std::int64_t busy_ms = 0;
  for (const Plan::Group& group : plan.groups) busy_ms += group.measured.end - group.measured.begin;
  plan.driver_ms = std::max<std::int64_t>(0, (app.end - app.begin) - busy_ms);

  // Stages into their groups, in order of measured start.
  std::sort(ran.begin(), ran.end(), [&](std::size_t a, std::size_t b) {
    Interval wa = stage_window(log.stages[a]), wb = stage_window(log.stages[b]);
    if (wa.begin != wb.begin) return wa.begin < wb.begin;
    return std::make_pair(log.stages[a].id, log.stages[a].attempt) <
           std::make_pair(log.stages[b].id, log.stages[b].attempt);
  });
  for (std::size_t record : ran) {
    Interval w = stage_window(log.stages[record]);
    std::int64_t begin = std::clamp(w.begin, app.begin, app.end);
    // The group holding its start (groups are sorted and disjoint).
    auto it = std::upper_bound(plan.groups.begin(), plan.groups.end(), begin,
                               [](std::int64_t t, const Plan::Group& g) { return t < g.measured.begin; });
    if (it == plan.groups.begin()) {
      if (plan.groups.empty()) continue;
    } else {
      --it;
    }
    Plan::Stage stage;
    stage.record = record;
    stage.measured = w;
    it->stages.push_back(stage);
  }

  // Dependencies inside each group: parents by stage id (their latest attempt that started
  // before), and the previous attempt of the same stage.
  for (Plan::Group& group : plan.groups) {
    std::unordered_map<int, std::size_t> latest;  // stage id -> index of its latest attempt so far
    std::int64_t last_end = group.measured.begin;
    for (std::size_t i = 0; i < group.stages.size(); ++i) {
      Plan::Stage& stage = group.stages[i];
      const StageRecord& record = log.stages[stage.record];
      std::vector<std::size_t> deps;
      for (int parent : record.parents) {
        auto found = latest.find(parent);
        if (found != latest.end()) deps.push_back(found->second);
      }
      auto previous = latest.find(record.id);
      if (previous != latest.end()) deps.push_back(previous->second);
      std::sort(deps.begin(), deps.end());
      deps.erase(std::unique(deps.begin(), deps.end()), deps.end());
      std::int64_t ready = group.measured.begin;
      for (std::size_t dep : deps) {
        ready = std::max(ready, group.stages[dep].measured.end);
        group.stages[dep].children.push_back(i);
      }
      stage.deps = std::move(deps);
      // The driver's delay runs to the first task's launch, not the submission: a stage whose
      // tasks waited for executors to arrive (dynamic allocation, start-up), for an executor of
      // its resource profile or for locality keeps that wait, which replay cannot explain.
      const std::int64_t first_launch = record.first_launch_ms > 0 ? record.first_launch_ms : stage.measured.begin;
      stage.delay_ms = std::max<std::int64_t>(0, std::max(stage.measured.begin, first_launch) - ready);
      latest[record.id] = i;
      last_end = std::max(last_end, stage.measured.end);
    }
    group.tail_ms = std::max<std::int64_t>(0, group.measured.end - last_end);
  }
  return plan;
}

// Simulates one group on `slots` task slots; returns its length in ms. `ends` receives each
// stage's simulated end (relative to the group start).
std::int64_t simulate(const Plan& plan, const Plan::Group& group, std::int64_t slots, std::vector<std::int64_t>* ends) {
  const std::size_t n = group.stages.size();
  std::vector<std::int64_t> end(n, 0);
  std::vector<std::size_t> waiting(n);
  using Ready = std::pair<std::int64_t, std::size_t>;  // ready time, stage index (measured order)
  std::priority_queue<Ready, std::vector<Ready>, std::greater<>> ready;
  for (std::size_t i = 0; i < n; ++i) {
    waiting[i] = group.stages[i].deps.size();
    if (waiting[i] == 0) ready.emplace(group.stages[i].delay_ms, i);
  }
  // Free times of the slots; only as many as the widest stage can use are materialised.
  std::size_t tasks = 1;
  for (const Plan::Stage& stage : group.stages) tasks += plan.durations[stage.record].size();
  const auto usable = static_cast<std::size_t>(std::min<std::int64_t>(slots, static_cast<std::int64_t>(tasks)));
  std::priority_queue<std::int64_t, std::vector<std::int64_t>, std::greater<>> free_at;
  for (std::size_t i = 0; i < std::max<std::size_t>(1, usable); ++i) free_at.push(0);
  std::int64_t makespan = 0;
  while (!ready.empty()) {
    auto [at, index] = ready.top();
    ready.pop();
    std::int64_t stage_end = at;
    for (std::int32_t duration : plan.durations[group.stages[index].record]) {
      std::int64_t start = std::max(free_at.top(), at);
      free_at.pop();
      free_at.push(start + duration);
      stage_end = std::max(stage_end, start + duration);
    }
    end[index] = stage_end;
    makespan = std::max(makespan, stage_end);
    for (std::size_t child : group.stages[index].children) {
      if (--waiting[child] == 0) {
        std::int64_t t = 0;
        for (std::size_t dep : group.stages[child].deps) t = std::max(t, end[dep]);
        ready.emplace(t + group.stages[child].delay_ms, child);
      }
    }
  }
  if (ends) *ends = end;
  return std::max<std::int64_t>(makespan + group.tail_ms, 0);
}

double replay_plan(const Plan& plan, std::int64_t slots) {
  std::int64_t total = plan.driver_ms;
  for (const Plan::Group& group : plan.groups)
    total += simulate(plan, group, std::max<std::int64_t>(1, slots), nullptr);
  return static_cast<double>(total) / 1000.0;
}

int task_cpus(const RunLog& log) {
  auto found = log.spark_properties.find("spark.task.cpus");
  if (found == log.spark_properties.end()) return 1;
  try {
    return std::max(1, std::stoi(found->second));
  } catch (...) {
    return 1;
  }
}

// The most common cores per executor among those that say; else spark.executor.cores; else 1.
int typical_cores(const RunLog& log) {
  std::map<int, int> counts;
  for (const ExecutorRecord& e : log.executors)
    if (e.cores > 0) ++counts[e.cores];
  if (!counts.empty())
    return std::max_element(counts.begin(), counts.end(),
                            [](const auto& a, const auto& b) { return a.second < b.second; })
        ->first;
  auto found = log.spark_properties.find("spark.executor.cores");
  if (found != log.spark_properties.end()) {
    try {
      return std::max(1, std::stoi(found->second));
    } catch (...) {
    }
  }
  return 1;
}

std::string stage_label(const StageProfile& stage) {
  std::string text = "stage " + std::to_string(stage.id);
  if (stage.attempt > 0) text += " (attempt " + std::to_string(stage.attempt) + ")";
  return text;
}

// The execution memory one task of the run could count on: the unified region of its executors'
// heap (spark.executor.memory, Spark's 1g unless set; spark.memory.fraction) split over the
// tasks an executor runs at once (ExecutionMemoryPool gives each of N active tasks up to 1/N).
std::int64_t task_execution_share(const RunLog& log, int executor_cores, int cpus_per_task) {
  auto conf = [&](const char* key) -> std::string {
    auto found = log.spark_properties.find(key);
    return found == log.spark_properties.end() ? std::string() : found->second;
  };
  std::int64_t heap_mib = 1024;
  try {
    if (std::string heap = conf("spark.executor.memory"); !heap.empty())
      heap_mib = units::parse_spark_size(heap, units::kMiB) / units::kMiB;
  } catch (const InputError&) {
  }
  double fraction = 0.6;
  if (std::string text = conf("spark.memory.fraction"); !text.empty()) {
    char* end = nullptr;
    double value = std::strtod(text.c_str(), &end);
    if (end != text.c_str() && *end == '\0' && value > 0 && value < 1) fraction = value;
  }
  const layout::GarbageCollector gc =
      conf("spark.executor.extraJavaOptions").find("-XX:+UseParallelGC") != std::string::npos
          ? layout::GarbageCollector::parallel
          : layout::GarbageCollector::g1;
  const int concurrent = std::max(1, executor_cores / std::max(1, cpus_per_task));
  if (heap_mib <= layout::kReservedMiB) return 0;
  return layout::memory_regions(heap_mib, concurrent, gc, fraction, 0.5).execution_per_task_max_bytes;
}

// What one task of the stage had: its share, and no more than the most any of its tasks held.
std::int64_t stage_task_memory(const StageProfile& stage, std::int64_t share) {
  return stage.max_peak_execution_memory > 0 ? std::min(share, stage.max_peak_execution_memory) : share;
}

// The partitions that hold a spilling stage in execution memory: its tasks filled their memory
// and spilled the rest (measured in memory); the same data spread so that no partition outgrows
// one task's memory.
rules::Value partitions_without_spill(const StageProfile& stage, std::int64_t task_memory) {
  if (task_memory <= 0 || stage.memory_spill_bytes <= 0) return rules::Value::null_value();
  const std::int64_t extra = (stage.memory_spill_bytes + task_memory - 1) / task_memory;
  return rules::Value::of(static_cast<double>(std::max<std::int64_t>(1, stage.tasks) + extra));
}

// One stage as the item of the `stage` collection rules run over with `each: stage`.
rules::Facts stage_facts(const StageProfile& stage, std::int64_t task_share) {
  using rules::Value;
  constexpr std::int64_t kPartitionBytes = 128 * units::kMiB;  // what a shuffle partition should hold
  const std::int64_t task_memory = task_share > 0 ? stage_task_memory(stage, task_share) : 0;
  return {{"item.key", Value::of(stage.id)},
          {"eventlog.stage.id", Value::of(stage.id)},
          {"eventlog.stage.attempt", Value::of(stage.attempt)},
          {"eventlog.stage.label", Value::of(stage_label(stage))},
          {"eventlog.stage.tasks", Value::of(stage.tasks)},
          {"eventlog.stage.duration_s", Value::of(stage.duration_s)},
          {"eventlog.stage.memory_spill_bytes", Value::of(stage.memory_spill_bytes)},
          {"eventlog.stage.disk_spill_bytes", Value::of(stage.disk_spill_bytes)},
          {"eventlog.stage.shuffle_read_bytes", Value::of(stage.shuffle_read_bytes)},
          {"eventlog.stage.max_task_shuffle_read_bytes", Value::of(stage.max_task_shuffle_read_bytes)},
          {"eventlog.stage.target_partitions",
           Value::of((stage.shuffle_read_bytes + kPartitionBytes - 1) / kPartitionBytes)},
          {"eventlog.stage.gc_share", Value::of(stage.gc_share)},
          {"eventlog.stage.median_task_s", Value::of(stage.median_task_s)},
          {"eventlog.stage.max_task_s", Value::of(stage.max_task_s)},
          {"eventlog.stage.skew", Value::of(stage.skew)},
          {"eventlog.stage.task_memory_bytes",
           task_memory > 0 ? Value::of(static_cast<double>(task_memory)) : Value::null_value()},
          {"eventlog.stage.partitions_without_spill", partitions_without_spill(stage, task_memory)}};
}

// The run as facts for the eventlog rules (rules/eventlog/): the whole run as eventlog.*, each
// stage as an item of `stage`.
rules::Facts run_facts(const Profile& profile, const RunLog& log) {
  using rules::Value;
  rules::Facts facts = {
      {"eventlog.duration_s", Value::of(profile.duration_s)},
      {"eventlog.gc_share", Value::of(profile.gc_share)},
      {"eventlog.task_time_s", Value::of(profile.task_time_s)},
      {"eventlog.executor_core_time_s", Value::of(profile.executor_available_s)},
      {"eventlog.driver_share", Value::of(profile.duration_s > 0 ? profile.driver_time_s / profile.duration_s : 0.0)}};
  // A run that held no executor cores has no idle share to judge.
  facts["eventlog.idle_share"] = profile.executor_available_s > 0 ? Value::of(profile.idle_share) : Value::null_value();
  auto conf = log.spark_properties.find("spark.sql.shuffle.partitions");
  facts["eventlog.shuffle_partitions"] =
      Value::of(conf != log.spark_properties.end() ? conf->second : std::string("200 (the default)"));
  const StageProfile* worst_gc = nullptr;
  for (const StageProfile& stage : profile.stages)
    if (!worst_gc || stage.gc_share > worst_gc->gc_share) worst_gc = &stage;
  facts["eventlog.worst_gc_stage.label"] = worst_gc ? Value::of(stage_label(*worst_gc)) : Value::null_value();
  facts["eventlog.worst_gc_stage.gc_share"] = worst_gc ? Value::of(worst_gc->gc_share) : Value::null_value();
  return facts;
}

}  // namespace

double replay(const RunLog& log, int executors, int executor_cores) {
  Plan plan = make_plan(log);
  std::int64_t slots = static_cast<std::int64_t>(std::max(1, executors)) * std::max(1, executor_cores) / task_cpus(log);
  return util::round_ms(replay_plan(plan, slots));
}

const std::vector<std::string>& fact_names() {
  static const std::vector<std::string> names = [] {
    std::vector<std::string> all;
    for (const auto& [name, value] : run_facts(Profile{}, RunLog{})) all.push_back(name);
    for (const auto& [name, value] : stage_facts(StageProfile{}, 0)) all.push_back(name);
    return all;
  }();
  return names;
}

Profile analyze(const RunLog& log, const AnalyzeOptions& options) {
  Profile p;
  p.path = log.path;
  p.spark_version = log.spark_version;
  p.app_name = log.app_name;
  p.complete = log.complete();
  p.duration_s = util::round_ms(log.duration_s());
  p.task_cpus = task_cpus(log);
  p.executor_cores = typical_cores(log);
  for (const ExecutorRecord& e : log.executors)
    if (e.cores > 0) ++p.executor_core_mix[e.cores];
  p.jobs = static_cast<std::int64_t>(log.jobs.size());
  p.sql_executions = log.sql_executions;
  p.faults = log.faults;
  p.lines = log.lines;
  p.bytes = log.bytes;
  const Interval app = app_window(log);

  // Executors over time.
  struct Change {
    std::int64_t t;
    int executors, cores;
  };
  std::vector<Change> changes;
  for (const ExecutorRecord& e : log.executors) {
    if (!e.added_ms) continue;
    ++p.executors_added;
    int cores = e.cores > 0 ? e.cores : p.executor_cores;
    changes.push_back({*e.added_ms, 1, cores});
    std::int64_t until = e.removed_ms.value_or(app.end);
    if (e.removed_ms) changes.push_back({*e.removed_ms, -1, -cores});
    p.executor_available_s +=
        static_cast<double>(cores) / p.task_cpus *
        static_cast<double>(std::max<std::int64_t>(0, std::min(until, app.end) - std::max(*e.added_ms, app.begin))) /
        1000.0;
  }
  std::stable_sort(changes.begin(), changes.end(),
                   [](const Change& a, const Change& b) { return a.t != b.t ? a.t < b.t : a.executors > b.executors; });
  int executors = 0, cores = 0;
  for (const Change& c : changes) {
    executors += c.executors;
    cores += c.cores;
    p.peak_executors = std::max(p.peak_executors, executors);
    p.peak_cores = std::max(p.peak_cores, cores);
    double t = static_cast<double>(c.t - app.begin) / 1000.0;
    if (!p.timeline.empty() && p.timeline.back().t_s == util::round_ms(t)) {
      p.timeline.back().executors = executors;
      p.timeline.back().cores = cores;
    } else {
      p.timeline.push_back({util::round_ms(t), executors, cores});
    }
  }

  // Stages.
  Plan plan = make_plan(log);
  double run_ms = 0, gc_ms = 0, cpu_ms = 0;
  for (std::size_t i = 0; i < log.stages.size(); ++i) {
    const StageRecord& r = log.stages[i];
    p.tasks += r.tasks_ended;
    p.failed_tasks += r.tasks_failed;
    p.input_bytes += r.input_bytes;
    p.shuffle_read_bytes += r.shuffle_read_bytes;
    p.shuffle_write_bytes += r.shuffle_write_bytes;
    p.output_bytes += r.output_bytes;
    p.memory_spill_bytes += r.memory_spill_bytes;
    p.disk_spill_bytes += r.disk_spill_bytes;
    p.task_time_s += static_cast<double>(r.task_ms) / 1000.0;
    run_ms += static_cast<double>(r.run_ms);
    gc_ms += static_cast<double>(r.gc_ms);
    cpu_ms += static_cast<double>(r.cpu_ns) / 1e6;
    if (r.tasks_ended == 0 && !r.submission_ms) continue;  // announced by a job, never run
    StageProfile s;
    s.id = r.id;
    s.attempt = r.attempt;
    s.name = r.name;
    s.tasks = r.tasks_ended;
    s.input_bytes = r.input_bytes;
    s.shuffle_read_bytes = r.shuffle_read_bytes;
    s.shuffle_write_bytes = r.shuffle_write_bytes;
    s.output_bytes = r.output_bytes;
    s.memory_spill_bytes = r.memory_spill_bytes;
    s.disk_spill_bytes = r.disk_spill_bytes;
    Interval w = stage_window(r);
    s.duration_s = util::round_ms(static_cast<double>(w.end - w.begin) / 1000.0);
    if (r.run_ms > 0) {
      s.gc_share = util::round_share(static_cast<double>(r.gc_ms) / static_cast<double>(r.run_ms));
      s.cpu_share =
          util::round_share(std::min(1.0, static_cast<double>(r.cpu_ns) / 1e6 / static_cast<double>(r.run_ms)));
    }
    std::vector<std::int32_t> durations = plan.durations[i];
    if (!durations.empty()) {
      std::sort(durations.begin(), durations.end());
      std::size_t mid = durations.size() / 2;
      double median = durations.size() % 2 ? durations[mid] : (durations[mid - 1] + durations[mid]) / 2.0;
      s.median_task_s = util::round_ms(median / 1000.0);
      s.max_task_s = util::round_ms(durations.back() / 1000.0);
      s.skew = median > 0 ? util::round_to(durations.back() / median, 2) : 0;
    }
    s.max_task_read_bytes = r.max_task_read_bytes;
    s.max_task_shuffle_read_bytes = r.max_task_shuffle_read_bytes;
    s.max_peak_execution_memory = r.max_peak_execution_memory;
    s.failure_reason = r.failure_reason;
    p.stages.push_back(std::move(s));
  }
  std::stable_sort(p.stages.begin(), p.stages.end(), [](const StageProfile& a, const StageProfile& b) {
    return std::make_pair(a.id, a.attempt) < std::make_pair(b.id, b.attempt);
  });
  p.task_time_s = util::round_ms(p.task_time_s);
  p.executor_available_s = util::round_ms(p.executor_available_s);
  if (p.executor_available_s > 0)
    p.idle_share = util::round_share(std::clamp(1.0 - p.task_time_s / p.executor_available_s, 0.0, 1.0));
  if (run_ms > 0) {
    p.gc_share = util::round_share(gc_ms / run_ms);
    p.cpu_share = util::round_share(std::min(1.0, cpu_ms / run_ms));
  }
  p.driver_time_s = util::round_ms(static_cast<double>(plan.driver_ms) / 1000.0);
  p.executor_time_s = util::round_ms(std::max(0.0, p.duration_s - p.driver_time_s));

  // Critical path (measured): in each group, back from the stage that ended last through the
  // dependency that ended last.
  for (const Plan::Group& group : plan.groups) {
    if (group.stages.empty()) continue;
    std::size_t at = 0;
    for (std::size_t i = 1; i < group.stages.size(); ++i)
      if (group.stages[i].measured.end > group.stages[at].measured.end) at = i;
    std::vector<int> chain;
    while (true) {
      chain.push_back(log.stages[group.stages[at].record].id);
      const auto& deps = group.stages[at].deps;
      if (deps.empty()) break;
      at = *std::max_element(deps.begin(), deps.end(), [&](std::size_t a, std::size_t b) {
        return group.stages[a].measured.end < group.stages[b].measured.end;
      });
    }
    p.critical_path.insert(p.critical_path.end(), chain.rbegin(), chain.rend());
  }
  for (StageProfile& s : p.stages)
    s.critical = std::find(p.critical_path.begin(), p.critical_path.end(), s.id) != p.critical_path.end();

  // Replay on the layout it ran with, then the what-ifs. A log without ExecutorAdded events
  // (a partial rolling log, some Databricks logs) gets the most tasks it ever ran at once.
  if (p.peak_executors == 0 && !log.tasks.empty()) {
    std::vector<std::pair<std::int64_t, int>> edges;
    edges.reserve(log.tasks.size() * 2);
    for (const TaskRecord& t : log.tasks) {
      edges.emplace_back(t.launch_ms, 1);
      edges.emplace_back(t.launch_ms + t.duration_ms, -1);
    }
    std::sort(edges.begin(), edges.end());
    int running = 0, most = 1;
    for (const auto& edge : edges) most = std::max(most, running += edge.second);
    p.executor_cores = most * p.task_cpus;
  }
  p.measured_s = p.duration_s;
  const int layout_executors = std::max(1, p.peak_executors);
  auto slots_for = [&](int n) {
    return static_cast<std::int64_t>(n) * std::max(1, p.executor_cores) / std::max(1, p.task_cpus);
  };
  p.replayed_s = util::round_ms(replay_plan(plan, slots_for(layout_executors)));
  for (int n : options.what_if_executors)
    p.what_if.push_back(WhatIf{n, p.executor_cores, util::round_ms(replay_plan(plan, slots_for(n)))});

  if (options.rules) {
    rules::Collections stages;
    const std::int64_t share = task_execution_share(log, p.executor_cores, p.task_cpus);
    for (const StageProfile& stage : p.stages) stages["stage"].push_back(stage_facts(stage, share));
    p.findings = rules::evaluate_category(*options.rules, "eventlog", run_facts(p, log), stages);
  }
  return p;
}

RunLayout run_layout(const Profile& profile, const RunLog& log) {
  RunLayout run;
  run.executors = std::max(1, profile.peak_executors);
  run.executor_cores = std::max(1, profile.executor_cores);
  run.task_cpus = std::max(1, profile.task_cpus);
  auto conf = [&](const char* key) -> std::optional<std::string> {
    auto found = log.spark_properties.find(key);
    if (found == log.spark_properties.end()) return std::nullopt;
    return found->second;
  };
  // A value Spark itself would have rejected did not shape the run: left out, like an unset one.
  auto mib = [&](const char* key) -> std::optional<std::int64_t> {
    std::optional<std::string> value = conf(key);
    if (!value) return std::nullopt;
    try {
      std::int64_t whole_mib = units::parse_spark_size(*value, units::kMiB) / units::kMiB;
      if (whole_mib > 0) return whole_mib;
    } catch (const InputError&) {
    }
    return std::nullopt;
  };
  run.heap_mib = mib("spark.executor.memory");
  run.overhead_mib = mib("spark.executor.memoryOverhead");
  for (const char* key : {"spark.executor.memoryOverheadFactor", "spark.yarn.executor.memoryOverheadFactor"}) {
    std::optional<std::string> value = conf(key);
    if (!value || run.overhead_factor) continue;
    char* end = nullptr;
    double factor = std::strtod(value->c_str(), &end);
    if (end != value->c_str() && *end == '\0' && factor > 0 && factor < 1) run.overhead_factor = factor;
  }
  if (std::optional<std::string> value = conf("spark.sql.shuffle.partitions");
      value && !value->empty() && value->size() < 10 && value->find_first_not_of("0123456789") == std::string::npos &&
      std::stoll(*value) > 0)
    run.shuffle_partitions = std::stoll(*value);
  if (std::optional<std::string> value = conf("spark.sql.adaptive.enabled");
      value && (*value == "true" || *value == "false")) {
    run.adaptive = *value == "true";
  } else {
    // AQE is on by default since Spark 3.2; "3.3.0-amzn-0" reads as 3.3.
    int major = 0, minor = 0;
    if (std::sscanf(log.spark_version.c_str(), "%d.%d", &major, &minor) == 2)
      run.adaptive = major > 3 || (major == 3 && minor >= 2);
  }
  std::optional<std::string> mode = conf("spark.submit.deployMode");
  run.client_mode = !mode || *mode == "client";  // spark-submit's default is client
  return run;
}

}  // namespace sparkfit::eventlog
