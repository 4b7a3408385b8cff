// Glue sizes each executor from the worker type (one executor per G/R worker with all its vCPUs,
// the driver on a worker of its own), so a Glue review reads the job's capacity, not executor
// settings: those it names as ignored. With a job spec the model predicts the job on this
// capacity and on the capacity sparkfit would pick (platform::evaluate_glue).
#include "review/glue_facts.hpp"

#include <algorithm>
#include <cmath>

#include "sparkfit/search/search.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::review {
namespace {

using rules::Facts;
using rules::Value;

double num(std::int64_t n) { return static_cast<double>(n); }

double version_number(const std::string& version) {
  try {
    return std::stod(version);
  } catch (...) {
    return 0;
  }
}

// Executor settings Glue decides itself (REFERENCE.md section 3; AWS re:Post, "running more than
// 1 executor per worker in AWS Glue": most --conf sizing changes are not taken into account).
struct Ignored {
  const char* key;  // a key, or a prefix ending in '.'
  const char* instead;
};
const Ignored kIgnored[] = {
    {"spark.executor.memory", "the worker type sets the executor heap: choose WorkerType (R types double the memory per vCPU)"},
    {"spark.executor.memoryOverhead", "the worker type sets the executor's memory: choose WorkerType"},
    {"spark.executor.memoryOverheadFactor", "the worker type sets the executor's memory: choose WorkerType"},
    {"spark.yarn.executor.memoryOverhead", "the worker type sets the executor's memory: choose WorkerType"},
    {"spark.executor.cores", "each executor gets the worker's vCPUs; the --executor-cores job argument (Glue 3.0+) sets tasks per executor"},
    {"spark.executor.instances", "executors = NumberOfWorkers - 1"},
    {"spark.dynamicAllocation.", "executors = NumberOfWorkers - 1; --enable-auto-scaling true (Glue 3.0+) releases idle ones"},
    {"spark.driver.memory", "the driver runs on a worker of the job's WorkerType"},
    {"spark.driver.memoryOverhead", "the driver runs on a worker of the job's WorkerType"},
    {"spark.driver.cores", "the driver runs on a worker of the job's WorkerType"},
    {"spark.master", "Glue launches the application itself"},
    {"spark.submit.deployMode", "Glue launches the application itself"},
};

const Ignored* ignored_by_glue(const std::string& key) {
  for (const Ignored& entry : kIgnored) {
    std::string_view k(entry.key);
    if (k.back() == '.' ? key.rfind(k, 0) == 0 : key == k) return &entry;
  }
  return nullptr;
}

// The Standard worker of Glue 0.9/1.0: one DPU is the master; every other DPU runs two executors
// of 4 cores, one of which is the driver (REFERENCE.md section 3).
platform::Option standard_option(const catalog::GlueWorkerType& worker, int dpus, const catalog::GlueFacts& glue) {
  platform::Option o = platform::glue_option(worker, dpus, glue, false);
  bool estimated = false;
  const std::int64_t heap = platform::glue_executor_heap_mib(worker, glue, &estimated) / 2;
  layout::Layout& l = o.layout;
  l.executors_per_node = 2;
  l.num_executors = std::max(0, 2 * (dpus - 1) - 1);
  l.heap_mib = heap;
  l.container_mib = worker.memory_gib * 1024 / 2;
  l.overhead_mib = l.container_mib - heap;
  l.task_slots = l.num_executors * worker.vcpus;
  l.regions = layout::memory_regions(heap, worker.vcpus, layout::GarbageCollector::g1, 0.6, 0.5);
  l.problem = l.num_executors > 0 ? layout::Problem::none : layout::Problem::no_executor_fits;
  o.label = std::to_string(dpus) + " DPU x Standard";
  o.glue()->dpus = dpus;
  o.notes = {"Standard: " + std::to_string(dpus) + " DPUs, one the master; 2 executors of " + std::to_string(worker.vcpus) +
                 " cores on each other DPU, one of them the driver: " + std::to_string(l.num_executors) + " executors, " +
                 std::to_string(l.task_slots) + " task slots",
             "executor heap about " + std::to_string(heap) + " MiB (estimated: half of a G.1X worker's)"};
  return o;
}

}  // namespace

void add_glue_facts(const Input& input, const GlueSettings& gs, FactSet& result) {
  const spark_conf::GlueJob& job = *input.glue_job;
  const catalog::GlueFacts& glue = *input.glue_catalog;
  Facts& f = result.facts;
  GlueReview review;

  // Python shell and Ray jobs run no Spark: nothing here applies to them.
  if (job.command == "pythonshell" || job.command == "glueray")
    throw InputError(job.where_command, "this is a " + std::string(job.command == "pythonshell" ? "Python shell" : "Ray") +
                                            " job (Command " + job.command +
                                            "), not a Spark job: sparkfit reviews glueetl and gluestreaming jobs");

  // ---- version and worker type, as Glue resolves them ------------------------------------------
  review.version = job.glue_version.empty() ? "0.9" : job.glue_version;
  const catalog::GlueVersion* version = nullptr;
  std::vector<std::string> version_names;
  for (const catalog::GlueVersion& v : glue.versions) {
    version_names.push_back(v.version);
    if (v.version == review.version) version = &v;
  }
  if (!version)
    throw InputError(job.where_version, "unknown Glue version '" + review.version + "'; the catalog has " +
                                            text::join(version_names));
  review.spark_version = version->spark_version;
  if (job.glue_version.empty())
    review.notes.push_back("the job names no GlueVersion: Glue runs it on 0.9 (Glue API: jobs created without one default to 0.9)");

  std::string type = job.worker_type;
  int workers = job.workers.value_or(0);
  if (type.empty()) {
    // No WorkerType: MaxCapacity DPUs of Standard workers (default 10).
    type = "Standard";
    workers = static_cast<int>(std::floor(job.max_capacity.value_or(10)));
    if (!job.max_capacity) review.notes.push_back("the job names no WorkerType or MaxCapacity: Glue's default is 10 DPUs of Standard workers");
    result.places["WorkerType"] = job.max_capacity ? job.where_max_capacity : job.where_job;
    result.places["NumberOfWorkers"] = result.places["WorkerType"];
  } else {
    result.places["WorkerType"] = job.where_worker_type;
    result.places["NumberOfWorkers"] = job.where_workers.file.empty() ? job.where_worker_type : job.where_workers;
    if (!job.workers) throw InputError(job.where_worker_type, "WorkerType " + type + " needs NumberOfWorkers, which the job does not give");
  }
  result.places["<application>"] = job.where_job;  // findings about unset settings point at the job
  result.places["GlueVersion"] = job.where_version.file.empty() ? job.where_job : job.where_version;
  if (!job.where_auto_scaling.file.empty()) result.places["--enable-auto-scaling"] = job.where_auto_scaling;
  if (!job.where_executor_cores.file.empty()) result.places["--executor-cores"] = job.where_executor_cores;

  std::vector<std::string> type_names;
  for (const catalog::GlueWorkerType& w : glue.worker_types) {
    type_names.push_back(w.name);
    if (w.name == type) review.worker = &w;
  }
  if (!review.worker)
    throw InputError(job.where_worker_type, "unknown Glue worker type '" + type + "'" + text::did_you_mean(type, type_names) +
                                                "; expected one of " + text::join(type_names));
  const catalog::GlueWorkerType& worker = *review.worker;
  review.workers = workers;
  review.flex = job.execution_class == "FLEX";
  const bool standard = worker.name == "Standard";
  const double vnum = version_number(review.version);
  const bool scaling_supported = vnum >= 3.0 && !standard;
  review.auto_scaling = job.auto_scaling.value_or(false) && scaling_supported;

  f["platform"] = Value::of(std::string("glue"));
  f["glue.version"] = Value::of(review.version);
  f["glue.worker_type"] = Value::of(worker.name);
  f["glue.workers"] = Value::of(workers);
  f["glue.worker_vcpus"] = Value::of(worker.vcpus);
  f["glue.dpus"] = Value::of(worker.dpus * workers);
  f["glue.standard"] = Value::of(standard);
  f["glue.auto_scaling"] = Value::of(job.auto_scaling.value_or(false));
  f["glue.auto_scaling_supported"] = Value::of(scaling_supported);
  f["glue.auto_scaling_problem"] = Value::of(std::string(
      standard ? "Standard workers" : "Glue " + review.version + " (Auto Scaling came with Glue 3.0)"));
  f["glue.flex"] = Value::of(review.flex);
  if (!review.spark_version.empty()) f["spark.version"] = Value::of(review.spark_version);

  // Which G type replaces Standard, and from which version.
  const catalog::GlueWorkerType* g1 = nullptr;
  for (const catalog::GlueWorkerType& w : glue.worker_types)
    if (w.name == "G.1X") g1 = &w;
  if (standard && g1) {
    std::string first = g1->glue_versions.empty() ? "2.0" : g1->glue_versions.front();
    f["glue.standard_upgrade"] = Value::of(
        platform::glue_offers(*g1, review.version) ? "Glue " + review.version + " offers G.1X"
                                        : "G types need Glue " + first + " or later, and Glue " + review.version +
                                              " no longer receives updates");
  }

  // Offered on this version, and for this kind of job?
  std::string offer_problem;
  if (!platform::glue_offers(worker, review.version))
    offer_problem = "Glue " + review.version + " does not offer " + worker.name + " (it runs on Glue " +
                    text::join(worker.glue_versions) + ")";
  else if (worker.streaming_only && job.command != "gluestreaming")
    offer_problem = worker.name + " runs streaming jobs (Command gluestreaming) only, and this job is " +
                    (job.command.empty() ? std::string("a Spark ETL job") : job.command);
  f["glue.worker_offered"] = Value::of(offer_problem.empty());
  if (!offer_problem.empty()) f["glue.worker_offer_problem"] = Value::of(offer_problem);

  // --executor-cores: tasks per executor on Glue 3.0+, at most twice the worker's vCPUs (AWS Glue
  // job parameters reference).
  int concurrent = worker.vcpus;
  if (job.executor_cores) {
    f["glue.executor_cores_arg"] = Value::of(*job.executor_cores);
    f["glue.executor_cores_limit"] = Value::of(2 * worker.vcpus);
    if (vnum >= 3.0) concurrent = std::min(*job.executor_cores, 2 * worker.vcpus);
  }

  // ---- the capacity as Glue runs it ---------------------------------------------------------------
  platform::Option current = standard ? standard_option(worker, workers, glue) : platform::glue_option(worker, workers, glue, review.flex);
  layout::Layout& l = current.layout;
  if (concurrent != l.executor_cores && !standard) {
    l.regions = layout::memory_regions(l.heap_mib, concurrent, layout::GarbageCollector::g1, 0.6, 0.5);
    l.task_slots = l.num_executors * concurrent;
    current.notes.push_back("--executor-cores " + std::to_string(concurrent) + ": " + std::to_string(concurrent) +
                            " tasks at a time per executor, " + std::to_string(l.task_slots) + " task slots");
  }
  f["glue.executors"] = Value::of(l.num_executors);
  if (l.num_executors < 1) {
    f["glue.runs"] = Value::of(false);
    f["glue.cannot_run_because"] = Value::of(std::string(
        "the driver takes one worker, which leaves no executor; Glue needs at least 2 workers for a Spark job"));
    f["glue.capacity_fix"] = Value::of(std::string("NumberOfWorkers 2 or more (sparkfit recommend --platform glue sizes it)"));
  }
  f["cluster.description"] = Value::of(current.label);
  if (l.problem == layout::Problem::none) {
    f["executors.task_slots"] = Value::of(l.task_slots);
    f["glue.executor_heap_mib"] = Value::of(num(l.heap_mib));
    f["glue.task_concurrent"] = Value::of(l.regions.concurrent_tasks);
    f["glue.task_memory_max_bytes"] = Value::of(num(l.regions.execution_per_task_max_bytes));
    f["fix.partitions_for_slots"] = Value::of(2 * l.task_slots);
    f["driver.heap_mib"] = Value::of(num(l.heap_mib));  // the driver's worker is the same type
  }

  // ---- settings Glue ignores ----------------------------------------------------------------------
  std::vector<Facts>& items = result.collections["glue-setting"];
  for (const spark_conf::Setting& s : result.effective) {
    if (s.precedence <= spark_conf::kPrecedencePlatformDefault) continue;
    const Ignored* ignored = ignored_by_glue(s.key);
    Facts item;
    item["item.key"] = Value::of(s.key);
    item["item.value"] = Value::of(s.value);
    item["item.ignored"] = Value::of(ignored != nullptr);
    if (ignored) item["item.instead"] = Value::of(std::string(ignored->instead));
    items.push_back(std::move(item));
  }

  // ---- the model, with a job spec ----------------------------------------------------------------
  const bool plannable = !standard && offer_problem.empty() && vnum >= 2.0 && workers >= 2;
  if (input.job && input.constants && plannable) {
    result.plan = model::plan_job(*input.job, *input.constants);
    const model::JobPlan& plan = *result.plan;
    model::Settings settings;
    settings.shuffle_partitions = gs.shuffle_partitions;
    settings.shuffle_partitions_given = gs.shuffle_partitions_set;
    settings.aqe = gs.aqe;
    settings.parallelism_first = gs.parallelism_first;
    settings.calibration = input.calibration;
    platform::GlueRequest request;
    request.glue_version = review.version;
    request.worker_types = {worker.name};
    request.workers = {workers};
    request.flex = review.flex;
    request.auto_scaling = review.auto_scaling;
    std::vector<platform::Option> mine = platform::evaluate_glue(plan, glue, request, settings, *input.constants);
    if (!mine.empty()) {
      platform::Option& evaluated = mine.front();
      if (concurrent != evaluated.layout.executor_cores)
        current.notes.push_back("the model's runtime assumes one task per vCPU; --executor-cores changes only the memory per task here");
      current.prediction = evaluated.prediction;
      current.glue()->dpu_hours = evaluated.glue()->dpu_hours;
      current.spark_conf = evaluated.spark_conf;
      if (evaluated.feasible())  // the billing of a run that cannot finish means nothing
        for (std::size_t i = 2; i < evaluated.notes.size(); ++i) current.notes.push_back(evaluated.notes[i]);
    }
    const model::Prediction& p = current.prediction;
    f["job.input_bytes"] = Value::of(plan.input_bytes);
    double shuffle = 0, working = 0, spill = 0;
    for (const model::StagePlan& s : plan.stages)
      if (s.reads_shuffle) shuffle = std::max(shuffle, s.bytes_in);
    f["job.shuffle_bytes"] = Value::of(shuffle);
    if (shuffle > 0) f["shuffle.bytes_per_partition"] = Value::of(shuffle / num(std::max<std::int64_t>(1, gs.shuffle_partitions)));
    for (int i = 0; i < p.stage_count; ++i) {
      const model::StageResult& r = p.stages[static_cast<std::size_t>(i)];
      working = std::max(working, r.bytes_per_task * plan.expansion * plan.stages[static_cast<std::size_t>(i)].working_set);
      spill += r.spill_bytes * r.runs;
    }
    f["glue.working_set_bytes"] = Value::of(working);
    f["predicted.spill_bytes"] = Value::of(spill);
    f["glue.runs"] = Value::of(p.feasible());
    if (p.infeasible == model::Infeasible::disk_full) {
      f["glue.cannot_run_because"] = Value::of(
          "the shuffle and spill need about " + units::format_number(std::round(p.disk_needed_gb_per_node)) +
          " GB of local disk per worker, and a " + worker.name + " worker has " + std::to_string(worker.disk_gb) + " GB");
    } else if (p.infeasible == model::Infeasible::oom_broadcast) {
      f["glue.cannot_run_because"] = Value::of("the broadcast side of a join does not fit the executor's memory");
    } else if (!p.feasible()) {
      f["glue.cannot_run_because"] = Value::of(std::string("no executor can run (") + std::string(model::to_string(p.infeasible)) + ")");
    }
    if (p.feasible()) {
      f["predicted.runtime_s"] = Value::of(p.runtime_s);
      f["predicted.runtime"] = Value::of(units::format_duration(p.runtime_s));
      f["predicted.cost_usd"] = Value::of(p.cost_usd);
    }

    // What would hold the working set: smaller tasks, an R type, fewer tasks per executor.
    const std::int64_t tuned = std::max<std::int64_t>(
        search::tuned_shuffle_partitions(plan, std::max(1, l.task_slots), *input.constants), 2 * l.task_slots);
    f["fix.shuffle_partitions"] = Value::of(num(tuned));
    std::string memory_fix = "spark.sql.shuffle.partitions=" + std::to_string(tuned) +
                             " in the --conf argument";
    const std::string suffix = worker.name.size() > 2 ? worker.name.substr(2) : "";
    for (const catalog::GlueWorkerType& other : glue.worker_types) {
      // The G type with the vCPUs of an R type (R.2X -> G.2X), and the R type of a G type.
      if (other.name.size() < 2 || other.name.substr(2) != suffix || other.name == worker.name) continue;
      if (!platform::glue_offers(other, review.version)) continue;
      platform::Option sibling = platform::glue_option(other, workers, glue, review.flex);
      const double per_task = num(sibling.layout.regions.execution_per_task_max_bytes);
      if (other.name[0] == 'G' && worker.name[0] == 'R') {
        f["glue.g_equivalent"] = Value::of(other.name);
        f["glue.g_equivalent_task_memory_max_bytes"] = Value::of(per_task);
      } else if (other.name[0] == 'R' && worker.name[0] == 'G' && per_task >= working) {
        memory_fix += "; or WorkerType " + other.name + " (" + units::format_size(static_cast<std::int64_t>(per_task)) +
                      " per task, billed per M-DPU)";
      }
    }
    if (vnum >= 3.0) {
      for (int k = concurrent - 1; k >= 1; --k) {
        layout::MemoryRegions regions = layout::memory_regions(l.heap_mib, k, layout::GarbageCollector::g1, 0.6, 0.5);
        if (num(regions.execution_per_task_max_bytes) >= working) {
          memory_fix += "; or --executor-cores " + std::to_string(k) + " (" +
                        units::format_size(regions.execution_per_task_max_bytes) + " per task, fewer tasks at a time)";
          break;
        }
      }
    }
    f["glue.memory_fix"] = Value::of(memory_fix);
    f["glue.r_type"] = Value::of(worker.name[0] == 'R');

    // Glue's own capacity view: the widest stage's tasks over the tasks an executor runs at once.
    review.capacity = platform::glue_capacity(plan, worker, request, glue, *input.constants);
    f["glue.widest_tasks"] = Value::of(num(review.capacity->widest_tasks));
    f["glue.max_needed_executors"] = Value::of(review.capacity->max_needed_executors);
    f["glue.idle_executors"] = Value::of(std::max(0, l.num_executors - review.capacity->max_needed_executors));
    f["glue.one_wave_workers"] = Value::of(review.capacity->one_wave_workers);

    // sparkfit's pick over every G type of this version at recommend's 2..100 workers, plus the
    // job's own count: a range up to a huge count would cost seconds and gigabytes of options.
    platform::GlueRequest wide = request;
    model::Settings free = settings;
    free.shuffle_partitions_given = false;  // the pick may change the shuffle partitions too
    wide.worker_types.clear();
    wide.workers.clear();
    for (int n = 2; n <= 100; ++n) wide.workers.push_back(n);
    if (workers > 100) wide.workers.push_back(workers);
    std::vector<platform::Option> options = platform::evaluate_glue(plan, glue, wide, free, *input.constants);
    if (std::optional<std::size_t> best = platform::pick(options, input.job->objective, nullptr)) {
      review.best = options[*best];
      const platform::Option& b = *review.best;
      f["fix.glue_worker_type"] = Value::of(b.glue()->worker->name);
      f["glue.capacity_fix"] = Value::of("WorkerType " + b.glue()->worker->name + " and NumberOfWorkers " +
                                         std::to_string(b.glue()->workers) +
                                         " (predicted " + units::format_duration(b.runtime_s()) + ", " +
                                         units::format_money(b.cost_usd()) + ")");
      f["fix.glue_workers"] = Value::of(b.glue()->workers);
      f["fix.runtime_s"] = Value::of(b.runtime_s());
      f["fix.runtime"] = Value::of(units::format_duration(b.runtime_s()));
      f["fix.cost_usd"] = Value::of(b.cost_usd());
      for (const platform::Setting& s : b.spark_conf)
        if (s.key == "spark.sql.shuffle.partitions") f["fix.glue_shuffle_partitions"] = Value::of(s.value);
      if (p.feasible() && p.cost_usd > 0) {
        f["fix.saving_usd"] = Value::of(p.cost_usd - b.cost_usd());
        f["glue.fix_saving_fraction"] = Value::of((p.cost_usd - b.cost_usd()) / p.cost_usd);
        f["fix.saving_percent"] = Value::of(std::round((p.cost_usd - b.cost_usd()) / p.cost_usd * 100));
      }
    }
  } else if (input.job && !plannable) {
    review.notes.push_back(standard || vnum < 2.0
                               ? "the model plans Glue 2.0+ G and R workers only: no prediction for this job"
                               : "the job's capacity cannot run a Spark job (see the findings): no prediction");
  }
  review.current = std::move(current);
  result.glue = std::move(review);
}

}  // namespace sparkfit::review
