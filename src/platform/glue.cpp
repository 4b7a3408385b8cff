// AWS Glue: one executor per G/R worker with the worker's vCPUs as cores, the driver on a worker
// of its own, DPU-hours billed per second with a minimum (docs/domain.md#glue-billing).
#include <algorithm>
#include <cmath>
#include <cstdio>

#include "platform/planners.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::platform {
namespace {

const catalog::GlueVersion* find_version(const catalog::GlueFacts& glue, const std::string& version) {
  for (const auto& v : glue.versions)
    if (v.version == version) return &v;
  return nullptr;
}

}  // namespace

bool glue_offers(const catalog::GlueWorkerType& worker, const std::string& version) {
  return std::find(worker.glue_versions.begin(), worker.glue_versions.end(), version) != worker.glue_versions.end();
}

std::int64_t glue_executor_heap_mib(const catalog::GlueWorkerType& worker, const catalog::GlueFacts& glue,
                                    bool* estimated) {
  if (worker.executor_heap_mib) {
    *estimated = worker.executor_heap_estimated;
    return *worker.executor_heap_mib;
  }
  // Scale by G.1X's measured heap-to-memory ratio (10 GiB of 16 GB on Glue 2.0).
  double ratio = 10240.0 / 16384.0;
  for (const auto& other : glue.worker_types)
    if (other.executor_heap_mib && other.memory_gib > 0)
      ratio = static_cast<double>(*other.executor_heap_mib) / static_cast<double>(other.memory_gib * 1024);
  *estimated = true;
  return static_cast<std::int64_t>(static_cast<double>(worker.memory_gib * 1024) * ratio);
}

GlueCapacity glue_capacity(const model::JobPlan& plan, const catalog::GlueWorkerType& worker,
                           const GlueRequest& request, const catalog::GlueFacts& glue,
                           const model::Constants& constants) {
  // The widest stage's tasks do not depend on the worker count here: the scan follows the reader,
  // the shuffles spark.sql.shuffle.partitions, which is fixed per option.
  GlueCapacity capacity;
  model::Settings settings;
  settings.one_partition_per_file_below = request.dynamicframe_reader ? glue.file_grouping_threshold : 0;
  platform::Cluster cluster;
  cluster.platform = platform::Platform::glue;
  cluster.nodes = 1;
  cluster.node.vcpus = worker.vcpus;
  cluster.network_gbps = worker.network_gbps;
  cluster.disk_mib_per_s = worker.disk_mib_per_s;
  layout::Layout l;
  l.executor_cores = worker.vcpus;
  l.num_executors = 1;
  l.executors_per_node = 1;
  l.task_slots = worker.vcpus;
  bool estimated = false;
  l.heap_mib = glue_executor_heap_mib(worker, glue, &estimated);
  l.regions = layout::memory_regions(l.heap_mib, worker.vcpus, layout::GarbageCollector::g1, 0.6, 0.5);
  model::Prediction p = model::predict(plan, cluster, l, settings, constants);
  for (int i = 0; i < p.stage_count; ++i)
    capacity.widest_tasks = std::max(capacity.widest_tasks, p.stages[static_cast<std::size_t>(i)].tasks);
  capacity.max_needed_executors =
      static_cast<int>((capacity.widest_tasks + worker.vcpus - 1) / std::max(1, worker.vcpus));
  capacity.one_wave_workers = capacity.max_needed_executors + 1;  // + the driver's worker
  return capacity;
}

Option glue_option(const catalog::GlueWorkerType& worker, int count, const catalog::GlueFacts& glue, bool flex) {
  bool estimated = false;
  const std::int64_t heap = glue_executor_heap_mib(worker, glue, &estimated);
  Option o;
  o.platform = platform::Platform::glue;
  o.detail = GlueDetail{&worker, count, worker.dpus * count, 0, flex};
  o.label = std::to_string(count) + " x " + worker.name;
  // The driver takes a worker; every other worker is one executor with all its vCPUs.
  platform::Cluster& c = o.cluster;
  c.platform = platform::Platform::glue;
  c.nodes = std::max(1, count - 1);
  c.node.vcpus = worker.vcpus;
  c.node.yarn_vcores = worker.vcpus;
  c.node.yarn_memory_mib = worker.memory_gib * 1024;
  c.node_memory_mib = static_cast<int>(worker.memory_gib * 1024);
  c.local_disk_gb = static_cast<double>(worker.disk_gb);
  c.disk_kind = "ebs";
  c.network_gbps = worker.network_gbps;
  c.disk_mib_per_s = worker.disk_mib_per_s;
  c.description = o.label;
  layout::Layout& l = o.layout;
  l.nodes = c.nodes;
  l.executor_cores = worker.vcpus;
  l.executors_per_node = 1;
  l.num_executors = count - 1;
  l.heap_mib = heap;
  l.overhead_mib = worker.memory_gib * 1024 - heap;
  l.container_mib = worker.memory_gib * 1024;
  l.task_slots = (count - 1) * worker.vcpus;
  l.regions = layout::memory_regions(heap, worker.vcpus, layout::GarbageCollector::g1, 0.6, 0.5);
  if (count < 2) l.problem = layout::Problem::no_executor_fits;
  o.notes.push_back(
      worker.name + ": " + std::to_string(worker.vcpus) + " vCPU, " + std::to_string(worker.memory_gib) + " GB, " +
      std::to_string(worker.disk_gb) +
      " GB disk per worker; one executor per worker, the driver on one: " + text::plural(count - 1, "executor") +
      " x " + std::to_string(worker.vcpus) + " cores = " + std::to_string(l.task_slots) + " task slots");
  o.notes.push_back("assumed bandwidth per worker, as " + worker.bandwidth_as +
                    " (same vCPUs and memory; AWS "
                    "publishes none for Glue): " +
                    units::format_number(worker.network_gbps) + " Gbit/s network, " +
                    units::format_number(worker.disk_mib_per_s) + " MiB/s EBS");
  o.notes.push_back("executor heap " + std::to_string(heap) + " MiB" +
                    (worker.executor_heap_mib ? " (measured on Glue 2.0, docs/domain.md#glue-workers)"
                     : estimated              ? " (estimated from G.1X's measured 10 GiB of 16 GB)"
                                              : ""));
  return o;
}

namespace {

// The Glue version the request names, if this version plans it.
const catalog::GlueVersion& planned_version(const catalog::GlueFacts& glue, const GlueRequest& request) {
  const catalog::GlueVersion* version = find_version(glue, request.glue_version);
  if (!version) {
    std::vector<std::string> names;
    for (const auto& v : glue.versions) names.push_back(v.version);
    throw InputError("unknown Glue version '" + request.glue_version + "'; the catalog has " + text::join(names));
  }
  if (request.glue_version == "0.9" || request.glue_version == "1.0")
    throw InputError(
        "Glue " + request.glue_version +
        " runs Standard workers (2 executors per DPU), which this version does not plan; use Glue 2.0 or later");
  // Glue 2.0 has neither Flex nor Auto Scaling: both came with Glue 3.0.
  if (request.glue_version < "3.0" && request.flex)
    throw InputError("flex execution (--execution-class flex, or execution_class: flex in the job spec): Glue " +
                     request.glue_version +
                     " has no Flex execution class; Flex came with Glue 3.0 (docs/domain.md#glue-flex)");
  if (request.glue_version < "3.0" && request.auto_scaling)
    throw InputError("Auto Scaling (--auto-scaling, or auto_scaling in the job spec): Glue " + request.glue_version +
                     " has no Auto Scaling; it came with Glue 3.0 (docs/domain.md#glue-auto-scaling)");
  return *version;
}

// The worker types to evaluate: those named (each checked), else every G type the version offers
// for batch jobs.
std::vector<const catalog::GlueWorkerType*> planned_workers(const catalog::GlueFacts& glue,
                                                            const GlueRequest& request) {
  std::vector<const catalog::GlueWorkerType*> workers;
  for (const auto& worker : glue.worker_types) {
    bool named =
        std::find(request.worker_types.begin(), request.worker_types.end(), worker.name) != request.worker_types.end();
    if (!request.worker_types.empty() && !named) continue;
    if (!glue_offers(worker, request.glue_version)) {
      if (named)
        throw InputError("Glue " + request.glue_version + " does not offer worker type " + worker.name +
                         " (it runs on " + text::join(worker.glue_versions) + ")");
      continue;
    }
    if (worker.streaming_only) {
      if (named) throw InputError("worker type " + worker.name + " runs streaming jobs only");
      continue;
    }
    // R types bill per M-DPU, whose price the catalog does not have: only when asked for by name.
    if (worker.name.rfind("R.", 0) == 0 && !named) continue;
    workers.push_back(&worker);
  }
  for (const std::string& name : request.worker_types) {
    bool known = std::any_of(glue.worker_types.begin(), glue.worker_types.end(),
                             [&](const catalog::GlueWorkerType& w) { return w.name == name; });
    if (!known) {
      std::vector<std::string> names;
      for (const auto& w : glue.worker_types) names.push_back(w.name);
      throw InputError("unknown Glue worker type '" + name + "'" + text::did_you_mean(name, names) +
                       "; expected one of " + text::join(names));
    }
  }
  return workers;
}

// With Auto Scaling, idle executors are released: each stage holds only the executors its tasks
// need, the driver's worker is held all along, and start-up holds them all.
double auto_scaled_dpu_seconds(const Option& o, const catalog::GlueWorkerType& worker, int count,
                               const catalog::GlueVersion& version) {
  double used = worker.dpus * o.prediction.runtime_s;
  double stage_total = 0;
  for (int i = 0; i < o.prediction.stage_count; ++i) {
    const model::StageResult& r = o.prediction.stages[static_cast<std::size_t>(i)];
    double needed = std::min<double>(count - 1, std::ceil(static_cast<double>(r.tasks) / worker.vcpus));
    used += worker.dpus * needed * r.time_s * r.runs;
    stage_total += r.time_s * r.runs;
  }
  used += worker.dpus * (count - 1) * std::max(0.0, o.prediction.runtime_s - stage_total);
  return std::max(used, o.glue()->dpus * version.minimum_billed_s);
}

}  // namespace

std::vector<Option> evaluate_glue(const model::JobPlan& plan, const catalog::GlueFacts& glue,
                                  const GlueRequest& request, const model::Settings& base_settings,
                                  const model::Constants& constants) {
  const catalog::GlueVersion& version = planned_version(glue, request);
  const std::vector<const catalog::GlueWorkerType*> workers = planned_workers(glue, request);
  std::vector<int> counts = request.workers;
  if (counts.empty())
    for (int n = 2; n <= 100; ++n) counts.push_back(n);
  if (const int fewest = *std::min_element(counts.begin(), counts.end()); fewest < 2)
    throw InputError("--workers " + std::to_string(fewest) +
                     ": a Glue job needs at least 2 workers, since one of them runs the driver and the others the "
                     "executors (docs/domain.md#glue-workers)");

  model::Settings settings = base_settings;
  settings.aqe = version.spark_version >= "3.2";
  settings.one_partition_per_file_below = request.dynamicframe_reader ? glue.file_grouping_threshold : 0;
  // --price-factor: the catalog's rate is us-east-1's.
  const double price = (request.flex ? glue.flex_usd_per_dpu_hour : glue.usd_per_dpu_hour) * settings.price_factor;

  std::vector<Option> options;
  for (const catalog::GlueWorkerType* worker : workers) {
    for (int count : counts) {
      Option o = glue_option(*worker, count, glue, request.flex);
      model::Settings chosen = settings;
      o.prediction = predict_tuned(plan, o.cluster, o.layout, chosen, constants);
      double billed_s = std::max(version.minimum_billed_s, o.prediction.runtime_s);
      GlueDetail& capacity = *o.glue();
      double dpu_seconds = capacity.dpus * billed_s;
      if (request.auto_scaling && o.prediction.feasible())
        dpu_seconds = auto_scaled_dpu_seconds(o, *worker, count, version);
      capacity.dpu_hours = dpu_seconds / 3600.0;
      o.prediction.cost_usd = capacity.dpu_hours * price;
      model::set_cost_interval(o.prediction, version.minimum_billed_s);
      o.prediction.node_usd_per_hour = worker->dpus * price;
      o.spark_conf.push_back(shuffle_partitions_setting(settings, chosen, o.layout.task_slots, constants));
      if (settings.aqe)
        o.spark_conf.push_back({"spark.sql.adaptive.enabled", "true",
                                "Glue " + version.version + " runs Spark " + version.spark_version +
                                    ": AQE coalesces small shuffle partitions and splits skewed ones"});
      char billing[256];
      std::snprintf(
          billing, sizeof billing, "%g DPU x %s billed (minimum %s) = %.3f DPU-hours x $%.2f = $%.2f%s", capacity.dpus,
          units::format_duration(std::max(version.minimum_billed_s, o.prediction.runtime_s)).c_str(),
          units::format_duration(version.minimum_billed_s).c_str(), capacity.dpu_hours, price, o.prediction.cost_usd,
          request.auto_scaling ? " (Auto Scaling: idle executors released per stage)" : "");
      o.notes.push_back(billing);
      if (settings.price_factor != 1)
        o.notes.push_back("the DPU-hour rate is us-east-1's x " + units::format_number(settings.price_factor) +
                          " (--price-factor)");
      if (request.flex)
        o.notes.push_back("Flex: cheaper per DPU-hour, but runs start when spare capacity allows (start-delayed)");
      if (worker->name.rfind("R.", 0) == 0)
        o.notes.push_back(
            "R types bill per M-DPU; the catalog has no M-DPU price, so this is priced at the DPU rate and is "
            "likely low");
      options.push_back(std::move(o));
    }
  }
  return options;
}

namespace {

std::vector<Option> glue_options(const PlanRequest& request, const GlueRequest& glue) {
  return evaluate_glue(request.plan, request.catalog.glue, glue, request.settings, request.constants);
}

// Glue's capacity view of the pick's worker type.
void add_glue_capacity(ManagedPlan& managed, const PlanRequest& request) {
  if (const GlueDetail* glue = managed.pick().glue())
    managed.capacity =
        glue_capacity(request.plan, *glue->worker, request.managed.glue, request.catalog.glue, request.constants);
}

}  // namespace

std::optional<Plan> recommend_glue(const PlanRequest& request, std::string& why_none) {
  std::optional<Plan> plan = recommend_among(glue_options(request, request.managed.glue), request.objective, why_none);
  if (!plan) return plan;
  ManagedPlan& managed = std::get<ManagedPlan>(*plan);
  add_glue_capacity(managed, request);
  if (managed.capacity) {
    GlueRequest one_wave = request.managed.glue;
    one_wave.worker_types = {managed.pick().glue()->worker->name};
    one_wave.workers = {std::max(2, managed.capacity->one_wave_workers)};
    std::vector<Option> found = glue_options(request, one_wave);
    if (!found.empty()) managed.one_wave = found.front();
  }
  return plan;
}

ManagedPlan predict_glue(const PlanRequest& request) {
  const GlueRequest& glue = request.managed.glue;
  if (glue.worker_types.size() != 1 || glue.workers.size() != 1)
    throw InputError(
        "predict --platform glue evaluates one capacity: give one --worker-type and one --workers count "
        "(or a spec with one of each); recommend searches ranges");
  ManagedPlan managed = predict_among(Platform::glue, glue_options(request, glue), request);
  add_glue_capacity(managed, request);
  return managed;
}

std::string glue_price_driver(const catalog::Catalog& catalog) {
  char text[200];
  std::snprintf(text, sizeof text, "$%.2f per DPU-hour (4 vCPU + 16 GB): $%.3f per vCPU-hour, driver on a worker",
                catalog.glue.usd_per_dpu_hour, catalog.glue.usd_per_dpu_hour / 4);
  return text;
}

}  // namespace sparkfit::platform
