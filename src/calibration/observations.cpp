// Calibration from the spec's observations: a runtime, a Glue run's DPU-seconds, or a Spark event
// log of the run, which gives both its measured time and the layout it actually ran with.
#include "sparkfit/calibration/observations.hpp"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <optional>

#include "sparkfit/eventlog/eventlog.hpp"
#include "sparkfit/platform/managed.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::calibration {
namespace {

namespace fs = std::filesystem;

// Spark's defaults for what a log may leave unset.
constexpr std::int64_t kSparkDefaultHeapMiB = 1024;   // spark.executor.memory
constexpr double kSparkDefaultOverheadFactor = 0.10;  // spark.executor.memoryOverheadFactor
constexpr std::int64_t kSparkDefaultShufflePartitions = 200;
// The logged runtime and a runtime given beside it disagree when they differ by more than this.
constexpr double kRuntimeDisagreement = 0.10;
// sparkfit's judgement: a run that read less than a tenth, or more than ten times, the spec's input
// was probably of other data.
constexpr double kInputMismatchFactor = 10.0;

// Where the observation's `event_log` value sits in the spec; the observation itself for a spec
// built in code.
SourceLocation event_log_place(const job::JobSpec& job, std::size_t index) {
  auto found = job.key_locations.find("observations[" + std::to_string(index) + "].event_log");
  return found != job.key_locations.end() ? found->second : job.observations[index].where;
}

struct LoggedRun {
  eventlog::RunLog log;
  eventlog::Profile profile;
  eventlog::RunLayout layout;
};

LoggedRun read_logged_run(const job::JobSpec& job, std::size_t index) {
  const std::string& path = *job.observations[index].event_log;
  // Checked here so that the error points at the spec, where the path was written; a log that
  // opens but is corrupt fails in the reader, at the log's own place.
  std::error_code ec;
  const fs::file_status status = fs::status(path, ec);
  if (ec || !fs::exists(status))
    throw InputError(event_log_place(job, index),
                     "cannot read event log '" + path + "': " + (ec ? ec.message() : std::strerror(ENOENT)));
  if (!fs::is_directory(status) && !std::ifstream(path, std::ios::binary))
    throw InputError(event_log_place(job, index), "cannot read event log '" + path + "': " + std::strerror(errno));
  LoggedRun run;
  run.log = eventlog::read_event_log(path);
  if (run.log.events == 0)
    throw InputError(event_log_place(job, index),
                     "event log '" + path + "' has no Spark events (" + std::to_string(run.log.lines) +
                         " lines read); expected a Spark event log (JSON lines with \"Event\" fields)");
  run.profile = eventlog::analyze(run.log);
  run.layout = eventlog::run_layout(run.profile, run.log);
  return run;
}

// A cluster shaped to a run's executors when its node shapes are unknown: one node per executor of
// the size the run used, plus one for the AM (1 core and 1 GiB kept back as usual).
platform::Cluster cluster_shaped_to(int executors, int executor_cores, std::int64_t container_mib) {
  return platform::cluster_for_yarn(executors + 1, executor_cores + 1, container_mib + 2048, 1, 1024, 1);
}

// One observation on its way to a calibration point: where it is, what was measured and how, and
// the run its event log shows.
struct Replay {
  const job::Observation& observation;
  std::optional<platform::Platform> platform;  // of the run; nullopt for a word this version does not know
  std::size_t index;                           // in the spec's observations
  std::string at;                              // "observation at line 12", for the notes
  std::optional<double> measured;
  std::string measured_by = "runtime";
  std::optional<LoggedRun> run;
};

// The points the fit takes, and the observations behind them as the output reports them.
struct Fit {
  std::vector<model::CalibrationPoint> points;
  std::vector<UsedObservation> used;

  void add(const Replay& r, int nodes, const model::Prediction& p) {
    const double predicted_s = p.runtime_s;
    points.push_back(
        {predicted_s, nodes, *r.measured, p.runtime_features, r.platform.value_or(platform::Platform::emr)});
    used.push_back({r.observation.where.line, r.observation.platform, r.measured_by,
                    r.observation.event_log.value_or(""), nodes, *r.measured, predicted_s});
  }
};

// An event log: the run's wall time and layout. The wall time is the application's, start to end,
// as `analyze` reports it: the model's runtime is the whole application (start-up, driver and
// stages), as a `runtime` observation is. Executor time alone leaves out the start-up the model
// counts, and the replayed time reconstructs the measurement (within 2%) without adding to it. One
// run gives one point: the fit's terms are per run (a fixed cost, costs per node) and the model's
// stages, from the spec, do not map one to one onto the Spark stages of the log, so per-stage times
// cannot be fitted as further points. False when the run's time is unknown (why in `notes`).
bool read_event_log(Replay& r, const job::JobSpec& job, std::vector<std::string>& notes) {
  const job::Observation& observation = r.observation;
  const std::string& at = r.at;
  r.run = read_logged_run(job, r.index);
  const LoggedRun& run = *r.run;
  const std::string& path = *observation.event_log;
  if (!run.log.faults.empty()) {
    const eventlog::Fault& first = run.log.faults.front();
    std::string more = run.log.faults.size() > 1
                           ? " (and " + std::to_string(run.log.faults.size() - 1) + " more problems)"
                           : std::string();
    notes.push_back(at + ": " + first.file + ":" + std::to_string(first.line) + ": " + first.message + more +
                    "; reading went on");
  }
  if (!run.log.complete() || run.profile.duration_s <= 0) {
    const std::string why =
        run.log.complete() ? "records no time" : "has no ApplicationEnd (the run or its log was cut short)";
    if (!observation.runtime_s && !(r.platform == platform::Platform::glue && observation.dpu_seconds)) {
      notes.push_back(at + ": the event log " + path + " " + why + ", so the run's wall time is unknown: not used");
      return false;
    }
    notes.push_back(at + ": the event log " + path + " " + why + "; the time given is used, with the log's layout");
  } else {
    const double logged = run.profile.duration_s;
    if (observation.runtime_s && std::fabs(*observation.runtime_s - logged) > kRuntimeDisagreement * logged)
      notes.push_back(at + ": the runtime given (" + units::format_duration(*observation.runtime_s) +
                      ") and its event log's (" + units::format_duration(logged) + ") differ by more than " +
                      units::format_percent(kRuntimeDisagreement) + "; the log's is used");
    r.measured = logged;
    r.measured_by = "event_log";
  }
  const std::int64_t read = run.profile.input_bytes;
  const double ratio =
      job.input.size_bytes > 0 ? static_cast<double>(read) / static_cast<double>(job.input.size_bytes) : 1;
  if (read > 0 && (ratio < 1 / kInputMismatchFactor || ratio > kInputMismatchFactor))
    notes.push_back("warning: " + at + ": its event log read " + units::format_size(read) +
                    " of input, the spec's input is " + units::format_size(job.input.size_bytes) +
                    "; a run over other data calibrates the model at the wrong size");
  std::int64_t failed = 0;
  for (const eventlog::JobRecord& record : run.log.jobs) failed += record.succeeded ? 0 : 1;
  if (failed > 0)
    notes.push_back(at + ": " + std::to_string(failed) + " of the " + std::to_string(run.log.jobs.size()) +
                    " Spark jobs in its event log failed; its time may not be the job's usual");
  return true;
}

// Why the model calls an observed run impossible, in words: the run completed, so the model is
// wrong about it, and fitting to it would teach the fit nothing true.
std::string kept_out(const Replay& r, const model::Prediction& p) {
  std::string why;
  switch (p.infeasible) {
    case model::Infeasible::disk_full:
      why = "the model predicts the shuffle does not fit on local disk (" + text::fixed(p.disk_needed_gb_per_node, 0) +
            " GB per node needed, " + text::fixed(p.disk_gb_per_node, 0) + " GB there)";
      break;
    case model::Infeasible::oom_broadcast:
      why = "the model predicts the broadcast does not fit in the executors' memory";
      break;
    case model::Infeasible::layout: why = "the model finds that its executors do not fit on the nodes"; break;
    case model::Infeasible::observed_failure:  // the replay judges no failed runs: its settings have none
    case model::Infeasible::none: why = "the model predicts it cannot run"; break;
  }
  return r.at + ": " + why + ", but this run completed: the observation is kept out of the fit";
}

// A Glue run: its runtime (given or logged), or DPUSeconds / DPUs (what get-job-run reports for
// auto-scaled runs). Glue fixes the layout by worker type, so a log adds only its time.
void replay_glue(Replay& r, const catalog::Catalog& catalog, const job::JobSpec& job, const model::JobPlan& plan,
                 const model::Settings& settings, const model::Constants& constants, Fit& fit,
                 std::vector<std::string>& notes) {
  const job::Observation& observation = r.observation;
  platform::GlueRequest glue;
  if (job.glue) glue.glue_version = job.glue->glue_version;
  glue.worker_types = {*observation.worker_type};
  glue.workers = {*observation.workers};
  model::Settings plain = settings;
  plain.calibration = nullptr;
  std::vector<platform::Option> found = platform::evaluate_glue(plan, catalog.glue, glue, plain, constants);
  if (found.empty()) {
    notes.push_back(r.at + ": the model thinks this Glue capacity cannot run the job, so it cannot calibrate from it");
    return;
  }
  if (!found.front().feasible()) {
    notes.push_back(kept_out(r, found.front().prediction));
    return;
  }
  if (!r.measured) {
    r.measured = *observation.dpu_seconds / found.front().glue()->dpus;
    r.measured_by = "dpu_seconds";
  }
  fit.add(r, std::max(1, *observation.workers - 1), found.front().prediction);
  if (r.measured_by == "event_log")
    notes.push_back(r.at + ": measured by its event log " + *observation.event_log + ": " +
                    units::format_duration(*r.measured) + " from application start to end, on " +
                    std::to_string(*observation.workers) + " x " + *observation.worker_type);
}

// The cluster to replay an observation on: the one it names, else one shaped to the logged run's
// executors (`shaped` set); nullopt when this version's platforms cannot replay it.
std::optional<platform::Cluster> replay_cluster(const Replay& r, const catalog::Catalog& catalog,
                                                const job::JobSpec& job, bool& shaped) {
  const job::Observation& observation = r.observation;
  const std::optional<job::LayoutChoices>& derived = job.observed_layout;
  const bool on_instances = r.platform == platform::Platform::emr || r.platform == platform::Platform::ec2;
  const bool on_yarn = r.platform == platform::Platform::yarn;
  if (on_instances && observation.instance_type && observation.nodes) {
    const catalog::InstanceType* type = &catalog.require(*observation.instance_type, SourceLocation(observation.where));
    return platform::cluster_for_instance(*r.platform, *type, *observation.nodes,
                                          catalog.find_release(job.emr ? job.emr->release : "emr-7.1.0"));
  }
  if (on_yarn && job.yarn && (observation.nodes || !r.run)) {
    return platform::cluster_for_yarn(observation.nodes.value_or(job.yarn->nodes), job.yarn->node_cores,
                                      job.yarn->node_memory_mib, job.yarn->reserve_cores, job.yarn->reserve_memory_mib,
                                      job.yarn->min_allocation_mib.value_or(1024));
  }
  if (r.run) {
    const eventlog::RunLayout& had = r.run->layout;
    const std::int64_t heap = had.heap_mib.value_or(kSparkDefaultHeapMiB);
    const std::int64_t overhead = had.overhead_mib.value_or(
        layout::default_overhead_mib(heap, had.overhead_factor.value_or(kSparkDefaultOverheadFactor)));
    shaped = true;
    return cluster_shaped_to(had.executors, had.executor_cores, heap + overhead);
  }
  if (on_yarn && !job.yarn && derived && derived->num_executors && derived->executor_cores &&
      derived->executor_memory_mib) {
    // A spec derived from an event log (--from-eventlog): its observation is the run.
    const std::int64_t heap = *derived->executor_memory_mib;
    const std::int64_t container =
        heap + derived->memory_overhead_mib.value_or(layout::default_overhead_mib(heap, 0.10));
    return cluster_shaped_to(*derived->num_executors, *derived->executor_cores, container);
  }
  return std::nullopt;
}

// The layout and settings the run had, not the ones sparkfit would choose. A factor the log does
// not set was Spark's default whatever the platform usually sets: its properties are all of the
// run's configuration.
void take_run_layout(const eventlog::RunLayout& had, layout::Choices& choices, model::Settings& plain) {
  choices.num_executors = had.executors;
  choices.executor_cores = had.executor_cores;
  choices.heap_mib = had.heap_mib.value_or(kSparkDefaultHeapMiB);
  choices.overhead_mib = had.overhead_mib.value_or(0);
  choices.overhead_factor = had.overhead_factor.value_or(kSparkDefaultOverheadFactor);
  choices.task_cpus = had.task_cpus;
  choices.deploy_mode = had.client_mode ? job::DeployMode::client : job::DeployMode::cluster;
  plain.shuffle_partitions = had.shuffle_partitions.value_or(kSparkDefaultShufflePartitions);
  plain.shuffle_partitions_given = true;
  if (had.adaptive) plain.aqe = *had.adaptive;
}

// An observation on a YARN-like cluster: replayed with the model on the cluster it names (or one
// shaped to its log), with the layout its log shows when it has one.
void replay_on_cluster(Replay& r, const catalog::Catalog& catalog, const job::JobSpec& job, const model::JobPlan& plan,
                       const model::Settings& settings, const model::Constants& constants, Fit& fit,
                       std::vector<std::string>& notes) {
  bool shaped = false;
  const std::optional<platform::Cluster> cluster = replay_cluster(r, catalog, job, shaped);
  if (!cluster) {
    notes.push_back(r.at + " (platform " + r.observation.platform +
                    ") cannot be replayed on this version's platforms: not used");
    return;
  }
  layout::Choices choices;
  choices.overhead_factor = cluster->overhead_factor;
  choices.gc = cluster->gc;
  choices.reserve_cores = cluster->reserve_cores;
  model::Settings plain = settings;
  plain.calibration = nullptr;
  if (r.run) take_run_layout(r.run->layout, choices, plain);
  layout::Layout l = layout::compute(cluster->node, cluster->nodes, choices);
  std::string as_run;
  if (r.run) {
    const eventlog::RunLayout& had = r.run->layout;
    as_run = text::plural(had.executors, "executor") + " x " + std::to_string(had.executor_cores) + " cores, heap " +
             units::format_spark_memory(choices.heap_mib) + (had.heap_mib ? "" : " (Spark's default)");
    if (l.problem != layout::Problem::none) {
      notes.push_back(r.at + ": the layout its event log shows (" + as_run + ") cannot run on " + cluster->description +
                      ": " + std::string(layout::describe(l.problem)) + "; not used");
      return;
    }
    if (l.num_executors < had.executors) {
      notes.push_back(r.at + ": " + cluster->description + " holds " + std::to_string(l.num_executors) + " of the " +
                      std::to_string(had.executors) + " executors its event log shows (" + as_run + "): not used");
      return;
    }
    as_run += " + overhead " + units::format_spark_memory(l.overhead_mib);
  }
  model::Prediction p = model::predict(plan, *cluster, l, plain, constants);
  if (!p.feasible()) {
    notes.push_back(kept_out(r, p));
    return;
  }
  fit.add(r, cluster->nodes, p);
  if (r.run) {
    const bool logged = r.measured_by == "event_log";
    notes.push_back(r.at + ": " + (logged ? "measured by its event log " : "layout from its event log ") +
                    *r.observation.event_log + ": " + units::format_duration(*r.measured) +
                    (logged ? " from application start to end, " : ", ") + as_run + ", on " + cluster->description +
                    (shaped ? " (one node per executor: the observation names no cluster)" : "") +
                    "; the uncalibrated model predicts " + units::format_duration(p.runtime_s));
  }
}

// ---- Runs that did not finish ----

model::FailureReason failure_reason(const std::string& word) {
  if (word == "oom") return model::FailureReason::oom;
  if (word == "disk-full") return model::FailureReason::disk_full;
  if (word == "timeout") return model::FailureReason::timeout;
  return model::FailureReason::other;
}

// "job.yaml:14", or "line 14" for a spec built in code.
std::string place_of(const SourceLocation& where) {
  return (where.file.empty() ? "line " : where.file + ":") + std::to_string(where.line);
}

// The configuration a failed run ran on, as predict sees it: its cluster, the layout sparkfit
// would give it there (the observation names no executors), and the uncalibrated prediction.
struct FailedConfiguration {
  platform::Cluster cluster;
  layout::Layout layout;
  model::Prediction prediction;
};

std::optional<FailedConfiguration> failed_configuration(const Replay& r, const catalog::Catalog& catalog,
                                                        const job::JobSpec& job, const model::JobPlan& plan,
                                                        const model::Settings& settings,
                                                        const model::Constants& constants) {
  model::Settings plain = settings;
  plain.calibration = nullptr;
  if (r.platform == platform::Platform::glue) {
    platform::GlueRequest glue;
    if (job.glue) glue.glue_version = job.glue->glue_version;
    glue.worker_types = {*r.observation.worker_type};
    glue.workers = {*r.observation.workers};
    std::vector<platform::Option> found = platform::evaluate_glue(plan, catalog.glue, glue, plain, constants);
    if (found.empty()) return std::nullopt;
    return FailedConfiguration{found.front().cluster, found.front().layout, found.front().prediction};
  }
  bool shaped = false;
  const std::optional<platform::Cluster> cluster = replay_cluster(r, catalog, job, shaped);
  if (!cluster) return std::nullopt;
  layout::Choices choices;
  choices.overhead_factor = cluster->overhead_factor;
  choices.gc = cluster->gc;
  choices.reserve_cores = cluster->reserve_cores;
  const layout::Layout l = layout::compute(cluster->node, cluster->nodes, choices);
  return FailedConfiguration{*cluster, l, model::predict(plan, *cluster, l, plain, constants)};
}

// What a failed run implies, in words, for the notes.
std::string implication_note(const Replay& r, const model::FailedRun& failed) {
  const std::string head = r.at + " did not finish (" + failed.reason_word + ") on " + failed.configuration + ": ";
  const auto mib = [](double value) { return units::format_spark_memory(static_cast<std::int64_t>(value)); };
  switch (failed.reason) {
    case model::FailureReason::oom:
      return head + "configurations with at most " + mib(failed.task_memory_mib) +
             " of executor memory per task slot and at most " + mib(failed.total_memory_mib) +
             " in all are ruled out; with at most that per task but more in all, risky";
    case model::FailureReason::disk_full:
      if (failed.total_disk_gb <= 0) return head + "its local disk is unknown, so only that cluster is ruled out";
      return head + "configurations with at most " + text::fixed(failed.total_disk_gb, 0) +
             " GB of local disk in all are ruled out; up to twice that, risky";
    case model::FailureReason::timeout:
      return head + "that cluster is marked risky" +
             (failed.ran_s > 0
                  ? "; its runtime is taken as at least " + units::format_duration(failed.ran_s) + " (a lower bound)"
                  : "");
    case model::FailureReason::other: break;
  }
  return head + "that cluster is marked risky; nothing else is implied";
}

// A timed-out run that says how long it ran: a calibration point at that time, used when the
// fit's median there is shorter.
struct TimedOut {
  model::CalibrationPoint point;
  UsedObservation used;
  std::string at;
};

// A run that did not finish, as predict() judges others against it; nullopt (with a note) when
// this version cannot rebuild its configuration. A timeout with its time joins `timed_out`.
std::optional<model::FailedRun> failed_run(const Replay& r, const catalog::Catalog& catalog, const job::JobSpec& job,
                                           const model::JobPlan& plan, const model::Settings& settings,
                                           const model::Constants& constants, std::vector<TimedOut>& timed_out,
                                           std::vector<std::string>& notes) {
  const std::optional<FailedConfiguration> ran = failed_configuration(r, catalog, job, plan, settings, constants);
  if (!ran) {
    notes.push_back(r.at + " (platform " + r.observation.platform + ", did not finish) names no configuration " +
                    "this version can rebuild: not used");
    return std::nullopt;
  }
  model::FailedRun failed;
  failed.reason = failure_reason(r.observation.reason);
  failed.reason_word = r.observation.reason;
  failed.place = place_of(r.observation.where);
  failed.platform = ran->cluster.platform;
  failed.configuration = ran->cluster.description;
  failed.nodes = ran->cluster.nodes;
  failed.total_memory_mib = static_cast<double>(ran->layout.container_request_mib) * ran->layout.num_executors;
  failed.task_memory_mib = failed.total_memory_mib / std::max(1, ran->layout.task_slots);
  failed.total_disk_gb = ran->cluster.local_disk_gb * ran->cluster.nodes;
  failed.ran_s = r.observation.runtime_s.value_or(0);
  failed.x = ran->prediction.runtime_features;
  notes.push_back(implication_note(r, failed));
  if (failed.reason == model::FailureReason::timeout && failed.ran_s > 0) {
    const double predicted_s = ran->prediction.runtime_s;
    timed_out.push_back(
        {{predicted_s, failed.nodes, failed.ran_s, failed.x, failed.platform},
         {r.observation.where.line, r.observation.platform, "timeout", "", failed.nodes, failed.ran_s, predicted_s},
         r.at});
  }
  return failed;
}

// A timed-out run is censored: it takes longer than it ran. Where the fit's median at its
// configuration is shorter, the run is taken as an observation at that time (the fit then moves
// the level, and with other runs the slopes, towards it); a lower-bound approximation.
void add_timed_out_runs(model::Calibration& calibration, Fit& fit, const std::vector<TimedOut>& timed_out,
                        const model::RuntimeFit& runtime_fit, std::vector<std::string>& notes) {
  const model::RuntimeBelief prior = model::prior_belief(runtime_fit);
  bool added = false;
  for (const TimedOut& run : timed_out) {
    const model::RuntimeBelief& belief = calibration.active ? calibration.belief(run.point.platform) : prior;
    const double median_s = model::estimate(belief, run.point.x).median_s();
    if (median_s >= run.point.measured_s) continue;
    notes.push_back(run.at + ": the calibrated median there (" + units::format_duration(median_s) +
                    ") is shorter than it ran, so it is taken as a run of " +
                    units::format_duration(run.point.measured_s) + " (a lower bound: it would have run longer)");
    fit.points.push_back(run.point);
    fit.used.push_back(run.used);
    added = true;
  }
  if (!added) return;
  calibration = model::calibrate(fit.points, runtime_fit);
  std::stable_sort(fit.used.begin(), fit.used.end(),
                   [](const UsedObservation& a, const UsedObservation& b) { return a.line < b.line; });
}

// The error on the observations after a lower bound raised the level: what the notes report.
void reassess(model::Calibration& calibration, const Fit& fit) {
  double sum = 0;
  int count = 0;
  for (const model::CalibrationPoint& point : fit.points) {
    if (point.predicted_s <= 0 || point.measured_s <= 0) continue;
    const double error =
        (model::estimate(calibration.belief(point.platform), point.x).median_s() - point.measured_s) / point.measured_s;
    sum += error * error;
    ++count;
  }
  if (count > 0) calibration.rms_relative_error = std::sqrt(sum / count);
}

// A timed-out run's lower bound, after the fit: how far it raised the level.
void add_lower_bound_note(double factor, std::vector<std::string>& notes) {
  if (factor <= 1) return;
  char line[320];
  std::snprintf(
      line, sizeof line,
      "timed-out runs say the job takes longer than they ran: the runtime level is raised up to x %.3g so that "
      "no median at a timed-out configuration is below its time (a censored run approximated as a "
      "lower bound)",
      factor);
  notes.push_back(line);
}

// How the observations count on a platform they were not run on: with the fit's added spread.
std::string transfer_note(const std::vector<UsedObservation>& used, const model::RuntimeFit& fit) {
  std::vector<std::string> platforms;
  for (const UsedObservation& observation : used)
    if (std::find(platforms.begin(), platforms.end(), observation.platform) == platforms.end())
      platforms.push_back(observation.platform);
  std::string names;
  for (std::size_t i = 0; i < platforms.size(); ++i)
    names += (i == 0 ? "" : i + 1 == platforms.size() ? " and " : ", ") + platforms[i];
  char factor[32];
  std::snprintf(factor, sizeof factor, "%.2g", std::exp(model::kInterval80Z * fit.platform_sd));
  return "observations on " + names + " count fully there; on another platform each counts with an added spread " +
         "of a factor of " + factor +
         " either way at 80% (an estimate: no public runs measure one job on two platforms)";
}

// The posterior's summary first in the notes, how it transfers, and a warning when the observations
// disagree.
void add_fit_notes(const model::Calibration& calibration, const std::vector<UsedObservation>& used,
                   const model::RuntimeFit& fit, std::vector<std::string>& notes) {
  const std::size_t points = used.size();
  if (!calibration.active || points == 0) return;
  char line[256];
  std::snprintf(
      line, sizeof line,
      "calibrated from %zu observation%s: %s; error on them %.0f%% (uncalibrated %.0f%%); nodes %d..%d observed",
      points, points == 1 ? "" : "s", calibration.formula.c_str(), 100 * calibration.rms_relative_error,
      100 * calibration.uncalibrated_rms_relative_error, calibration.min_nodes, calibration.max_nodes);
  notes.insert(notes.begin(), line);
  notes.insert(notes.begin() + 1, transfer_note(used, fit));
  if (calibration.rms_relative_error > 0.5)
    notes.insert(notes.begin() + 1,
                 "warning: the observations disagree with each other by more than 50% under this model; "
                 "check that they are runs of the same job with the same input");
}

}  // namespace

JobCalibration from_observations(const catalog::Catalog& catalog, const job::JobSpec& job, const model::JobPlan& plan,
                                 const model::Settings& settings, const model::Constants& constants,
                                 std::vector<std::string>& notes) {
  Fit fit;
  std::vector<model::FailedRun> failed_runs;
  std::vector<TimedOut> timed_out;
  for (std::size_t index = 0; index < job.observations.size(); ++index) {
    const job::Observation& observation = job.observations[index];
    Replay r{observation,
             platform::find_platform(observation.platform),
             index,
             "observation at line " + std::to_string(observation.where.line),
             observation.runtime_s,
             "runtime",
             std::nullopt};
    if (!observation.completed) {
      if (std::optional<model::FailedRun> failed =
              failed_run(r, catalog, job, plan, settings, constants, timed_out, notes))
        failed_runs.push_back(std::move(*failed));
      continue;
    }
    if (observation.event_log && !read_event_log(r, job, notes)) continue;
    if (r.platform == platform::Platform::glue && observation.worker_type && observation.workers) {
      replay_glue(r, catalog, job, plan, settings, constants, fit, notes);
    } else if (!r.measured) {
      notes.push_back(r.at + " gives dpu_seconds, which need a glue run's worker_type and workers: not used");
    } else {
      replay_on_cluster(r, catalog, job, plan, settings, constants, fit, notes);
    }
  }
  JobCalibration result;
  result.fit = model::calibrate(fit.points, constants.runtime_fit);
  add_timed_out_runs(result.fit, fit, timed_out, constants.runtime_fit, notes);
  result.fit.failed_runs = std::move(failed_runs);
  const double raised = model::apply_lower_bounds(result.fit, constants.runtime_fit);
  if (raised > 1) reassess(result.fit, fit);
  result.used = std::move(fit.used);
  add_fit_notes(result.fit, result.used, constants.runtime_fit, notes);
  add_lower_bound_note(raised, notes);
  // Aliased observations (`- *run`) repeat one note per copy; paths in them are the user's text.
  notes = text::collapse_repeats(notes);
  for (std::string& note : notes) note = text::printable(note);
  return result;
}

}  // namespace sparkfit::calibration
