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

// Executor settings Glue decides itself (docs/domain.md#glue-workers; AWS re:Post, "running more than
// 1 executor per worker in AWS Glue": most --conf sizing changes are not taken into account).
struct Ignored {
  const char* key;  // a key, or a prefix ending in '.'
  const char* instead;
};
const Ignored kIgnored[] = {
    {"spark.executor.memory",
     "the worker type sets the executor heap: choose WorkerType (R types double the memory per vCPU)"},
    {"spark.executor.memoryOverhead", "the worker type sets the executor's memory: choose WorkerType"},
    {"spark.executor.memoryOverheadFactor", "the worker type sets the executor's memory: choose WorkerType"},
    {"spark.yarn.executor.memoryOverhead", "the worker type sets the executor's memory: choose WorkerType"},
    {"spark.executor.cores",
     "each executor gets the worker's vCPUs; the --executor-cores job argument (Glue 3.0+) sets tasks per executor"},
    {"spark.executor.instances", "executors = NumberOfWorkers - 1"},
    {"spark.dynamicAllocation.",
     "executors = NumberOfWorkers - 1; --enable-auto-scaling true (Glue 3.0+) releases idle ones"},
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
// of 4 cores, one of which is the driver (docs/domain.md#glue-standard-workers).
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
  o.notes = {"Standard: " + std::to_string(dpus) + " DPUs, one the master; 2 executors of " +
                 std::to_string(worker.vcpus) + " cores on each other DPU, one of them the driver: " +
                 std::to_string(l.num_executors) + " executors, " + std::to_string(l.task_slots) + " task slots",
             "executor heap about " + std::to_string(heap) + " MiB (estimated: half of a G.1X worker's)"};
  return o;
}

// Python shell and Ray jobs run no Spark: nothing here applies to them.
void require_spark_job(const spark_conf::GlueJob& job) {
  if (job.command == "pythonshell" || job.command == "glueray")
    throw InputError(job.where_command, "this is a " +
                                            std::string(job.command == "pythonshell" ? "Python shell" : "Ray") +
                                            " job (Command " + job.command +
                                            "), not a Spark job: sparkfit reviews glueetl and gluestreaming jobs");
}

// The Glue version the job runs on, as Glue resolves it, and that version's Spark.
void resolve_version(const spark_conf::GlueJob& job, const catalog::GlueFacts& glue, GlueReview& review) {
  review.version = job.glue_version.empty() ? "0.9" : job.glue_version;
  const catalog::GlueVersion* version = nullptr;
  std::vector<std::string> version_names;
  for (const catalog::GlueVersion& known : glue.versions) {
    version_names.push_back(known.version);
    if (known.version == review.version) version = &known;
  }
  if (!version)
    throw InputError(job.where_version,
                     "unknown Glue version '" + review.version + "'; the catalog has " + text::join(version_names));
  review.spark_version = version->spark_version;
  if (job.glue_version.empty())
    review.notes.push_back(
        "the job names no GlueVersion: Glue runs it on 0.9 (Glue API: jobs created without one default to 0.9)");
}

// The worker type and count, as Glue resolves them, and the places findings about the job's
// capacity point at.
void resolve_workers(const spark_conf::GlueJob& job, const catalog::GlueFacts& glue, GlueReview& review,
                     FactSet& result) {
  std::string type = job.worker_type;
  int workers = job.workers.value_or(0);
  if (type.empty()) {
    // No WorkerType: MaxCapacity DPUs of Standard workers (default 10).
    type = "Standard";
    workers = static_cast<int>(std::floor(job.max_capacity.value_or(10)));
    if (!job.max_capacity)
      review.notes.push_back(
          "the job names no WorkerType or MaxCapacity: Glue's default is 10 DPUs of Standard workers");
    result.places["WorkerType"] = job.max_capacity ? job.where_max_capacity : job.where_job;
    result.places["NumberOfWorkers"] = result.places["WorkerType"];
  } else {
    result.places["WorkerType"] = job.where_worker_type;
    result.places["NumberOfWorkers"] = job.where_workers.file.empty() ? job.where_worker_type : job.where_workers;
    if (!job.workers)
      throw InputError(job.where_worker_type,
                       "WorkerType " + type + " needs NumberOfWorkers, which the job does not give");
  }
  result.places["<application>"] = job.where_job;  // findings about unset settings point at the job
  result.places["GlueVersion"] = job.where_version.file.empty() ? job.where_job : job.where_version;
  if (!job.where_auto_scaling.file.empty()) result.places["--enable-auto-scaling"] = job.where_auto_scaling;
  if (!job.where_executor_cores.file.empty()) result.places["--executor-cores"] = job.where_executor_cores;

  std::vector<std::string> type_names;
  for (const catalog::GlueWorkerType& known : glue.worker_types) {
    type_names.push_back(known.name);
    if (known.name == type) review.worker = &known;
  }
  if (!review.worker)
    throw InputError(job.where_worker_type, "unknown Glue worker type '" + type + "'" +
                                                text::did_you_mean(type, type_names) + "; expected one of " +
                                                text::join(type_names));
  review.workers = workers;
  review.flex = job.execution_class == "FLEX";
}

bool is_standard(const GlueReview& review) { return review.worker->name == "Standard"; }

// Auto Scaling came with Glue 3.0, for G and R workers.
bool auto_scaling_supported(const GlueReview& review) {
  return version_number(review.version) >= 3.0 && !is_standard(review);
}

// The job as Glue runs it: version, worker type and count, Auto Scaling and Flex.
void add_job_facts(const spark_conf::GlueJob& job, const GlueReview& review, Facts& facts) {
  const catalog::GlueWorkerType& worker = *review.worker;
  facts["platform"] = Value::of(std::string("glue"));
  facts["glue.version"] = Value::of(review.version);
  facts["glue.worker_type"] = Value::of(worker.name);
  facts["glue.workers"] = Value::of(review.workers);
  facts["glue.worker_vcpus"] = Value::of(worker.vcpus);
  facts["glue.dpus"] = Value::of(worker.dpus * review.workers);
  facts["glue.standard"] = Value::of(is_standard(review));
  facts["glue.auto_scaling"] = Value::of(job.auto_scaling.value_or(false));
  facts["glue.auto_scaling_supported"] = Value::of(auto_scaling_supported(review));
  facts["glue.auto_scaling_problem"] = Value::of(std::string(
      is_standard(review) ? "Standard workers" : "Glue " + review.version + " (Auto Scaling came with Glue 3.0)"));
  facts["glue.flex"] = Value::of(review.flex);
  if (!review.spark_version.empty()) facts["spark.version"] = Value::of(review.spark_version);
}

// Which G type replaces Standard, and from which version.
void add_standard_upgrade_fact(const catalog::GlueFacts& glue, const GlueReview& review, Facts& facts) {
  const catalog::GlueWorkerType* g1 = nullptr;
  for (const catalog::GlueWorkerType& known : glue.worker_types)
    if (known.name == "G.1X") g1 = &known;
  if (!is_standard(review) || !g1) return;
  std::string first = g1->glue_versions.empty() ? "2.0" : g1->glue_versions.front();
  facts["glue.standard_upgrade"] =
      Value::of(platform::glue_offers(*g1, review.version) ? "Glue " + review.version + " offers G.1X"
                                                           : "G types need Glue " + first + " or later, and Glue " +
                                                                 review.version + " no longer receives updates");
}

// Why this version does not offer the worker type for this kind of job; empty when it does.
std::string worker_offer_problem(const spark_conf::GlueJob& job, const GlueReview& review) {
  const catalog::GlueWorkerType& worker = *review.worker;
  if (!platform::glue_offers(worker, review.version))
    return "Glue " + review.version + " does not offer " + worker.name + " (it runs on Glue " +
           text::join(worker.glue_versions) + ")";
  if (worker.streaming_only && job.command != "gluestreaming")
    return worker.name + " runs streaming jobs (Command gluestreaming) only, and this job is " +
           (job.command.empty() ? std::string("a Spark ETL job") : job.command);
  return {};
}

// Tasks at a time per executor: the worker's vCPUs, or --executor-cores on Glue 3.0+, at most
// twice the worker's vCPUs (AWS Glue job parameters reference).
int tasks_per_executor(const spark_conf::GlueJob& job, const GlueReview& review, Facts& facts) {
  const catalog::GlueWorkerType& worker = *review.worker;
  int concurrent = worker.vcpus;
  if (job.executor_cores) {
    facts["glue.executor_cores_arg"] = Value::of(*job.executor_cores);
    facts["glue.executor_cores_limit"] = Value::of(2 * worker.vcpus);
    if (version_number(review.version) >= 3.0) concurrent = std::min(*job.executor_cores, 2 * worker.vcpus);
  }
  return concurrent;
}

// The capacity as Glue runs it, with --executor-cores' tasks per executor.
platform::Option current_capacity(const catalog::GlueFacts& glue, const GlueReview& review, int concurrent) {
  const catalog::GlueWorkerType& worker = *review.worker;
  if (is_standard(review)) return standard_option(worker, review.workers, glue);
  platform::Option current = platform::glue_option(worker, review.workers, glue, review.flex);
  layout::Layout& capacity = current.layout;
  if (concurrent != capacity.executor_cores) {
    capacity.regions = layout::memory_regions(capacity.heap_mib, concurrent, layout::GarbageCollector::g1, 0.6, 0.5);
    capacity.task_slots = capacity.num_executors * concurrent;
    current.notes.push_back("--executor-cores " + std::to_string(concurrent) + ": " + std::to_string(concurrent) +
                            " tasks at a time per executor, " + std::to_string(capacity.task_slots) + " task slots");
  }
  return current;
}

void add_capacity_facts(const platform::Option& current, Facts& facts) {
  const layout::Layout& capacity = current.layout;
  facts["glue.executors"] = Value::of(capacity.num_executors);
  if (capacity.num_executors < 1) {
    facts["glue.runs"] = Value::of(false);
    facts["glue.cannot_run_because"] = Value::of(std::string(
        "the driver takes one worker, which leaves no executor; Glue needs at least 2 workers for a Spark job"));
    facts["glue.capacity_fix"] =
        Value::of(std::string("NumberOfWorkers 2 or more (sparkfit recommend --platform glue sizes it)"));
  }
  facts["cluster.description"] = Value::of(current.label);
  if (capacity.problem != layout::Problem::none) return;
  facts["executors.task_slots"] = Value::of(capacity.task_slots);
  facts["glue.executor_heap_mib"] = Value::of(num(capacity.heap_mib));
  facts["glue.task_concurrent"] = Value::of(capacity.regions.concurrent_tasks);
  facts["glue.task_memory_max_bytes"] = Value::of(num(capacity.regions.execution_per_task_max_bytes));
  facts["executors.partitions_for_slots"] = Value::of(2 * capacity.task_slots);
  facts["driver.heap_mib"] = Value::of(num(capacity.heap_mib));  // the driver's worker is the same type
}

// Every setting the job gives, and whether Glue ignores it.
void add_ignored_settings(FactSet& result) {
  std::vector<Facts>& items = result.collections["glue-setting"];
  for (const spark_conf::Setting& setting : result.effective) {
    if (setting.precedence <= spark_conf::kPrecedencePlatformDefault) continue;
    const Ignored* ignored = ignored_by_glue(setting.key);
    Facts item;
    item["item.key"] = Value::of(setting.key);
    item["item.value"] = Value::of(setting.value);
    item["item.ignored"] = Value::of(ignored != nullptr);
    if (ignored) item["item.instead"] = Value::of(std::string(ignored->instead));
    items.push_back(std::move(item));
  }
}

model::Settings glue_model_settings(const Input& input, const GlueSettings& given) {
  model::Settings settings;
  settings.shuffle_partitions = given.shuffle_partitions;
  settings.shuffle_partitions_given = given.shuffle_partitions_set;
  settings.aqe = given.aqe;
  settings.parallelism_first = given.parallelism_first;
  settings.calibration = input.calibration;
  return settings;
}

platform::GlueRequest glue_request(const GlueReview& review) {
  platform::GlueRequest request;
  request.glue_version = review.version;
  request.worker_types = {review.worker->name};
  request.workers = {review.workers};
  request.flex = review.flex;
  request.auto_scaling = review.auto_scaling;
  return request;
}

// The model's prediction and billing for the job's own capacity, into `current`.
void evaluate_current(const model::JobPlan& plan, const Input& input, const platform::GlueRequest& request,
                      const model::Settings& settings, int concurrent, platform::Option& current) {
  std::vector<platform::Option> mine =
      platform::evaluate_glue(plan, *input.glue_catalog, request, settings, *input.constants);
  if (mine.empty()) return;
  platform::Option& evaluated = mine.front();
  if (concurrent != evaluated.layout.executor_cores)
    current.notes.push_back(
        "the model's runtime assumes one task per vCPU; --executor-cores changes only the memory per task here");
  current.prediction = evaluated.prediction;
  current.glue()->dpu_hours = evaluated.glue()->dpu_hours;
  current.spark_conf = evaluated.spark_conf;
  if (evaluated.feasible())  // the billing of a run that cannot finish means nothing
    for (std::size_t i = 2; i < evaluated.notes.size(); ++i) current.notes.push_back(evaluated.notes[i]);
}

// The prediction for the job's own capacity: shuffle, working set, spill, runtime and cost, or why
// it cannot run. Returns the working set of the largest task, which a memory fix must hold.
double add_prediction_facts(const model::JobPlan& plan, const model::Prediction& prediction,
                            const catalog::GlueWorkerType& worker, std::int64_t shuffle_partitions, Facts& facts) {
  facts["job.input_bytes"] = Value::of(plan.input_bytes);
  double shuffle = 0, working = 0, spill = 0;
  for (const model::StagePlan& stage : plan.stages)
    if (stage.reads_shuffle) shuffle = std::max(shuffle, stage.bytes_in);
  facts["job.shuffle_bytes"] = Value::of(shuffle);
  if (shuffle > 0)
    facts["shuffle.bytes_per_partition"] = Value::of(shuffle / num(std::max<std::int64_t>(1, shuffle_partitions)));
  for (int i = 0; i < prediction.stage_count; ++i) {
    const model::StageResult& stage_result = prediction.stages[static_cast<std::size_t>(i)];
    working = std::max(
        working, stage_result.bytes_per_task * plan.expansion * plan.stages[static_cast<std::size_t>(i)].working_set);
    spill += stage_result.spill_bytes * stage_result.runs;
  }
  facts["glue.working_set_bytes"] = Value::of(working);
  facts["predicted.spill_bytes"] = Value::of(spill);
  facts["glue.runs"] = Value::of(prediction.feasible());
  if (prediction.infeasible == model::Infeasible::disk_full) {
    facts["glue.cannot_run_because"] = Value::of(
        "the shuffle and spill need about " + units::format_number(std::round(prediction.disk_needed_gb_per_node)) +
        " GB of local disk per worker, and a " + worker.name + " worker has " + std::to_string(worker.disk_gb) + " GB");
  } else if (prediction.infeasible == model::Infeasible::oom_broadcast) {
    facts["glue.cannot_run_because"] = Value::of("the broadcast side of a join does not fit the executor's memory");
  } else if (!prediction.feasible()) {
    facts["glue.cannot_run_because"] =
        Value::of(std::string("no executor can run (") + std::string(model::to_string(prediction.infeasible)) + ")");
  }
  if (prediction.feasible()) {
    facts["predicted.runtime_s"] = Value::of(prediction.runtime_s);
    facts["predicted.runtime"] = Value::of(units::format_duration(prediction.runtime_s));
    facts["predicted.cost_usd"] = Value::of(prediction.cost_usd);
  }
  return working;
}

// What would hold the working set: smaller tasks, an R type, fewer tasks per executor.
void add_memory_fix_facts(const model::JobPlan& plan, const Input& input, const GlueReview& review,
                          const layout::Layout& capacity, int concurrent, double working, Facts& facts) {
  const catalog::GlueWorkerType& worker = *review.worker;
  const std::int64_t tuned =
      std::max<std::int64_t>(search::tuned_shuffle_partitions(plan, std::max(1, capacity.task_slots), *input.constants),
                             2 * capacity.task_slots);
  facts["fix.shuffle_partitions"] = Value::of(num(tuned));
  std::string memory_fix = "spark.sql.shuffle.partitions=" + std::to_string(tuned) + " in the --conf argument";
  const std::string suffix = worker.name.size() > 2 ? worker.name.substr(2) : "";
  for (const catalog::GlueWorkerType& other : input.glue_catalog->worker_types) {
    // The G type with the vCPUs of an R type (R.2X -> G.2X), and the R type of a G type.
    if (other.name.size() < 2 || other.name.substr(2) != suffix || other.name == worker.name) continue;
    if (!platform::glue_offers(other, review.version)) continue;
    platform::Option sibling = platform::glue_option(other, review.workers, *input.glue_catalog, review.flex);
    const double per_task = num(sibling.layout.regions.execution_per_task_max_bytes);
    if (other.name[0] == 'G' && worker.name[0] == 'R') {
      facts["glue.g_equivalent"] = Value::of(other.name);
      facts["glue.g_equivalent_task_memory_max_bytes"] = Value::of(per_task);
    } else if (other.name[0] == 'R' && worker.name[0] == 'G' && per_task >= working) {
      memory_fix += "; or WorkerType " + other.name + " (" + units::format_size(static_cast<std::int64_t>(per_task)) +
                    " per task, billed per M-DPU)";
    }
  }
  if (version_number(review.version) >= 3.0) {
    for (int tasks = concurrent - 1; tasks >= 1; --tasks) {
      layout::MemoryRegions regions =
          layout::memory_regions(capacity.heap_mib, tasks, layout::GarbageCollector::g1, 0.6, 0.5);
      if (num(regions.execution_per_task_max_bytes) >= working) {
        memory_fix += "; or --executor-cores " + std::to_string(tasks) + " (" +
                      units::format_size(regions.execution_per_task_max_bytes) + " per task, fewer tasks at a time)";
        break;
      }
    }
  }
  facts["glue.memory_fix"] = Value::of(memory_fix);
  facts["glue.r_type"] = Value::of(worker.name[0] == 'R');
}

// Glue's own capacity view: the widest stage's tasks over the tasks an executor runs at once.
void add_capacity_view_facts(const model::JobPlan& plan, const Input& input, const platform::GlueRequest& request,
                             int executors, GlueReview& review, Facts& facts) {
  review.capacity = platform::glue_capacity(plan, *review.worker, request, *input.glue_catalog, *input.constants);
  facts["glue.widest_tasks"] = Value::of(num(review.capacity->widest_tasks));
  facts["glue.max_needed_executors"] = Value::of(review.capacity->max_needed_executors);
  facts["glue.idle_executors"] = Value::of(std::max(0, executors - review.capacity->max_needed_executors));
  facts["glue.one_wave_workers"] = Value::of(review.capacity->one_wave_workers);
}

// sparkfit's pick over every G type of this version at recommend's 2..100 workers, plus the job's
// own count: a range up to a huge count would cost seconds and gigabytes of options.
void add_pick_facts(const model::JobPlan& plan, const Input& input, const platform::GlueRequest& request,
                    const model::Settings& settings, const model::Prediction& prediction, GlueReview& review,
                    Facts& facts) {
  platform::GlueRequest wide = request;
  model::Settings free = settings;
  free.shuffle_partitions_given = false;  // the pick may change the shuffle partitions too
  wide.worker_types.clear();
  wide.workers.clear();
  for (int n = 2; n <= 100; ++n) wide.workers.push_back(n);
  if (review.workers > 100) wide.workers.push_back(review.workers);
  std::vector<platform::Option> options =
      platform::evaluate_glue(plan, *input.glue_catalog, wide, free, *input.constants);
  std::optional<std::size_t> best = platform::pick(options, input.job->objective, nullptr);
  if (!best) return;
  review.best = options[*best];
  const platform::Option& pick = *review.best;
  facts["fix.glue_worker_type"] = Value::of(pick.glue()->worker->name);
  facts["glue.capacity_fix"] = Value::of(
      "WorkerType " + pick.glue()->worker->name + " and NumberOfWorkers " + std::to_string(pick.glue()->workers) +
      " (predicted " + units::format_duration(pick.runtime_s()) + ", " + units::format_money(pick.cost_usd()) + ")");
  facts["fix.glue_workers"] = Value::of(pick.glue()->workers);
  facts["fix.runtime_s"] = Value::of(pick.runtime_s());
  facts["fix.runtime"] = Value::of(units::format_duration(pick.runtime_s()));
  facts["fix.cost_usd"] = Value::of(pick.cost_usd());
  for (const platform::Setting& setting : pick.spark_conf)
    if (setting.key == "spark.sql.shuffle.partitions") facts["fix.glue_shuffle_partitions"] = Value::of(setting.value);
  if (prediction.feasible() && prediction.cost_usd > 0) {
    facts["fix.saving_usd"] = Value::of(prediction.cost_usd - pick.cost_usd());
    facts["glue.fix_saving_fraction"] = Value::of((prediction.cost_usd - pick.cost_usd()) / prediction.cost_usd);
    facts["fix.saving_percent"] =
        Value::of(std::round((prediction.cost_usd - pick.cost_usd()) / prediction.cost_usd * 100));
  }
}

// The model's facts for a job spec on a capacity it can plan (G and R workers of Glue 2.0+).
void add_model_facts(const Input& input, const GlueSettings& given, int concurrent, platform::Option& current,
                     GlueReview& review, FactSet& result) {
  result.plan = model::plan_job(*input.job, *input.constants);
  const model::JobPlan& plan = *result.plan;
  const model::Settings settings = glue_model_settings(input, given);
  const platform::GlueRequest request = glue_request(review);
  evaluate_current(plan, input, request, settings, concurrent, current);
  Facts& facts = result.facts;
  const double working =
      add_prediction_facts(plan, current.prediction, *review.worker, given.shuffle_partitions, facts);
  add_memory_fix_facts(plan, input, review, current.layout, concurrent, working, facts);
  add_capacity_view_facts(plan, input, request, current.layout.num_executors, review, facts);
  add_pick_facts(plan, input, request, settings, current.prediction, review, facts);
}

}  // namespace

void add_glue_facts(const Input& input, const GlueSettings& settings, FactSet& result) {
  const spark_conf::GlueJob& job = *input.glue_job;
  const catalog::GlueFacts& glue = *input.glue_catalog;
  Facts& facts = result.facts;
  GlueReview review;
  require_spark_job(job);
  resolve_version(job, glue, review);
  resolve_workers(job, glue, review, result);
  review.auto_scaling = job.auto_scaling.value_or(false) && auto_scaling_supported(review);
  add_job_facts(job, review, facts);
  add_standard_upgrade_fact(glue, review, facts);
  const std::string offer_problem = worker_offer_problem(job, review);
  facts["glue.worker_offered"] = Value::of(offer_problem.empty());
  if (!offer_problem.empty()) facts["glue.worker_offer_problem"] = Value::of(offer_problem);
  const int concurrent = tasks_per_executor(job, review, facts);
  platform::Option current = current_capacity(glue, review, concurrent);
  add_capacity_facts(current, facts);
  add_ignored_settings(result);

  const double version = version_number(review.version);
  const bool plannable = !is_standard(review) && offer_problem.empty() && version >= 2.0 && review.workers >= 2;
  if (input.job && input.constants && plannable) {
    add_model_facts(input, settings, concurrent, current, review, result);
  } else if (input.job && !plannable) {
    review.notes.push_back(is_standard(review) || version < 2.0
                               ? "the model plans Glue 2.0+ G and R workers only: no prediction for this job"
                               : "the job's capacity cannot run a Spark job (see the findings): no prediction");
  }
  review.current = std::move(current);
  result.glue = std::move(review);
}

}  // namespace sparkfit::review
