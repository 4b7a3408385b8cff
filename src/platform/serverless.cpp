// EMR Serverless: workers of 1-16 vCPU with memory in a range per size, billed per vCPU-hour,
// GB-hour and disk GB-hour beyond 20 GB, per second with a 1-minute minimum (docs/domain.md#emr-serverless-billing).
// One executor per worker; worker memory = spark.executor.memory + memoryOverhead.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "platform/planners.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::platform {
namespace {

constexpr int kDriverVcpus = 4;                // EMR Serverless default driver: 4 cores
constexpr std::int64_t kDriverMemoryGib = 16;  // 14G heap + overhead, rounded to the 4-vCPU step

// Memory choices for a size: its least, about 4 GB per vCPU, and its most, on the size's step.
std::vector<std::int64_t> memory_choices(const catalog::ServerlessWorkerSize& size) {
  std::set<std::int64_t> choices{size.min_memory_gib, size.max_memory_gib};
  std::int64_t middle = std::clamp<std::int64_t>(4 * size.vcpus, size.min_memory_gib, size.max_memory_gib);
  middle = size.min_memory_gib + (middle - size.min_memory_gib) / size.memory_step_gib * size.memory_step_gib;
  choices.insert(middle);
  return {choices.begin(), choices.end()};
}

std::int64_t largest_heap(std::int64_t container_mib, double factor) {
  std::int64_t heap = static_cast<std::int64_t>(static_cast<double>(container_mib) / (1 + factor));
  while (heap > 0 && heap + layout::default_overhead_mib(heap, factor) > container_mib) --heap;
  while (heap + 1 + layout::default_overhead_mib(heap + 1, factor) <= container_mib) ++heap;
  return heap;
}

// One executor's heap and overhead, and whether the user fixed them.
struct Executor {
  std::int64_t heap_mib = 0, overhead_mib = 0;
  bool heap_given = false, overhead_given = false;
  double factor = 0.1;  // the overhead factor, when the overhead is not given
};

// The worker memory (GB) a container of `container_mib` is given on a size: whole GB, rounded up
// to the size's step above its least. It may fall outside the size's range.
std::int64_t worker_memory_for(std::int64_t container_mib, const catalog::ServerlessWorkerSize& size) {
  const std::int64_t gb = (container_mib + 1023) / 1024;
  if (gb <= size.min_memory_gib) return gb;
  const std::int64_t steps = (gb - size.min_memory_gib + size.memory_step_gib - 1) / size.memory_step_gib;
  return size.min_memory_gib + steps * size.memory_step_gib;
}

std::string range_text(const catalog::ServerlessWorkerSize& size) {
  return std::to_string(size.min_memory_gib) + "-" + std::to_string(size.max_memory_gib) + " GB in " +
         std::to_string(size.memory_step_gib) + " GB steps";
}

std::string worker_source(const catalog::ServerlessFacts& facts) {
  return "EMR Serverless User Guide, Supported worker configurations; instance_catalogs/aws/emr_serverless.yaml, as "
         "of " +
         facts.as_of;
}

// The sizes the fixed cores allow: all of them, or the one with that many vCPUs.
std::vector<const catalog::ServerlessWorkerSize*> sizes_for(const catalog::ServerlessFacts& facts,
                                                            const FixedLayout& fixed) {
  std::vector<const catalog::ServerlessWorkerSize*> sizes;
  std::vector<std::string> counts;
  for (const catalog::ServerlessWorkerSize& size : facts.worker_sizes) {
    if (&size != &facts.worker_sizes.back()) counts.push_back(std::to_string(size.vcpus));
    if (!fixed.executor_cores || *fixed.executor_cores == size.vcpus) sizes.push_back(&size);
  }
  if (sizes.empty())
    throw InputError(fixed_input(fixed.cores_from_spec, "--executor-cores", "executor_cores") + " " +
                     std::to_string(*fixed.executor_cores) + ": an EMR Serverless executor runs on a worker of " +
                     text::join(counts, ", ") + " or " + std::to_string(facts.worker_sizes.back().vcpus) + " vCPUs (" +
                     worker_source(facts) + ")");
  return sizes;
}

// The smallest and largest heap that a size's memory range admits with the fixed overhead (or
// Spark's default one).
std::pair<std::int64_t, std::int64_t> heap_range(const catalog::ServerlessWorkerSize& size, const FixedLayout& fixed,
                                                 double factor) {
  auto largest = [&](std::int64_t container) {
    return fixed.overhead_mib ? container - *fixed.overhead_mib : largest_heap(container, factor);
  };
  const std::int64_t least = std::max(layout::kMinHeapMiB, largest((size.min_memory_gib - 1) * 1024) + 1);
  return {least, largest(size.max_memory_gib * 1024)};
}

// The fixed heap on `size`: its executor and worker memory, nullopt when outside the size's range.
std::optional<std::pair<Executor, std::int64_t>> fixed_executor(const catalog::ServerlessWorkerSize& size,
                                                                const FixedLayout& fixed, double factor) {
  Executor e{*fixed.heap_mib, fixed.overhead_mib.value_or(layout::default_overhead_mib(*fixed.heap_mib, factor)), true,
             fixed.overhead_mib.has_value(), factor};
  const std::int64_t memory = worker_memory_for(e.heap_mib + e.overhead_mib, size);
  if (memory < size.min_memory_gib || memory > size.max_memory_gib) return std::nullopt;
  return std::make_pair(e, memory);
}

// The heap asked for fits no size it may run on: which range it misses, and the heaps that fit.
[[noreturn]] void refuse_heap(const std::vector<const catalog::ServerlessWorkerSize*>& sizes, const FixedLayout& fixed,
                              double factor, const catalog::ServerlessFacts& facts) {
  const std::int64_t heap = *fixed.heap_mib;
  const std::int64_t overhead = fixed.overhead_mib.value_or(layout::default_overhead_mib(heap, factor));
  std::string ranges;
  for (const catalog::ServerlessWorkerSize* size : sizes) {
    const auto [least, most] = heap_range(*size, fixed, factor);
    ranges += (ranges.empty() ? "" : "; ") + std::to_string(size->vcpus) + " vCPU: " + range_text(*size) +
              (least <= most ? ", a heap of " + std::to_string(least) + "m to " + std::to_string(most) + "m" : "");
  }
  throw InputError(fixed_input(fixed.heap_from_spec, "--executor-memory", "executor_memory") + " " +
                   units::format_spark_memory(heap) + ": heap " + std::to_string(heap) + " MiB + overhead " +
                   std::to_string(overhead) + " MiB = " + std::to_string(heap + overhead) +
                   " MiB fits no EMR Serverless worker it may run on (" + ranges + "; " + worker_source(facts) + ")");
}

// The settings of `executors` workers of one size, one executor each, with the arithmetic.
// `disk_needed_gb`: shuffle and spill per worker over the model's disk headroom.
std::vector<Setting> serverless_settings(const ServerlessDetail& worker, const Executor& executor, int executors,
                                         double disk_needed_gb, const catalog::ServerlessFacts& facts) {
  const std::int64_t memory_gib = worker.worker_memory_gib, container = memory_gib * 1024;
  const std::int64_t heap_mib = executor.heap_mib, overhead_mib = executor.overhead_mib;
  const std::string size =
      std::to_string(worker.executor_vcpus) + " vCPU / " + std::to_string(memory_gib) + " GB worker";
  const std::string factor = units::format_number(executor.factor);
  const std::string n = std::to_string(executors);
  return {
      {"spark.executor.cores", std::to_string(worker.executor_vcpus),
       "a " + size + " runs one executor with all its vCPUs (docs/domain.md#emr-serverless-workers)"},
      {"spark.executor.memory", units::format_spark_memory(heap_mib),
       executor.heap_given ? "the heap asked for; heap + overhead = " + std::to_string(heap_mib + overhead_mib) +
                                 " MiB, rounded up to the " + size + " (docs/domain.md#emr-serverless-workers)"
       : executor.overhead_given ? size + " = " + std::to_string(container) +
                                       " MiB - the overhead asked for = " + std::to_string(heap_mib) + " MiB"
                                 : size + " = " + std::to_string(container) + " MiB; heap = largest h with h + max(" +
                                       factor + " h, " + std::to_string(layout::kMinOverheadMiB) +
                                       ") <= " + std::to_string(container) + " -> " + std::to_string(heap_mib) + "m"},
      {"spark.executor.memoryOverhead", units::format_spark_memory(overhead_mib),
       executor.overhead_given ? std::string("the overhead asked for")
       : executor.heap_given
           ? "max(" + factor + " x " + std::to_string(heap_mib) + ", " + std::to_string(layout::kMinOverheadMiB) +
                 ") = " + std::to_string(overhead_mib) + " MiB (docs/domain.md#emr-serverless-spark-defaults)"
           : std::to_string(container) + " - " + std::to_string(heap_mib) + " = " + std::to_string(overhead_mib) +
                 " MiB; set explicitly so heap and overhead fill the worker's " + std::to_string(memory_gib) + " GB"},
      {"spark.emr-serverless.executor.disk", std::to_string(worker.disk_gb) + "G",
       "shuffle and spill with headroom need " + units::format_number(std::ceil(disk_needed_gb)) +
           " GB per worker, kept within the " + std::to_string(facts.min_disk_gb) + "-" +
           std::to_string(facts.max_disk_gb) + " GB a worker can have; beyond " + std::to_string(facts.min_disk_gb) +
           " GB is billed (docs/domain.md#emr-serverless-billing)"},
      // Dynamic allocation stays on (Serverless's default), so spark.executor.instances would be only one
      // candidate for the start (SF4026): the count sized here is the start and the cap.
      {"spark.dynamicAllocation.initialExecutors", n,
       n + " workers, one executor each, from the start; the driver has a worker of its own"},
      {"spark.dynamicAllocation.maxExecutors", n,
       "dynamic allocation is on with no maximum by default (docs/domain.md#emr-serverless-spark-defaults): capped at "
       "the " +
           n + " executors sized here"},
  };
}

// `executors` workers of `vcpus` and `memory_gib`, one executor of `heap_mib` each: the cluster
// (one node per worker) and the layout, unpredicted and unpriced.
Option serverless_option(int vcpus, std::int64_t memory_gib, const Executor& executor, int executors,
                         const catalog::ServerlessFacts& facts) {
  const std::int64_t container = memory_gib * 1024, heap = executor.heap_mib;
  Option o;
  o.platform = platform::Platform::emr_serverless;
  o.label = std::to_string(executors) + " executors of " + std::to_string(vcpus) + " vCPU / " +
            std::to_string(memory_gib) + " GB";
  platform::Cluster& c = o.cluster;
  c.platform = platform::Platform::emr_serverless;
  c.nodes = executors;
  c.node.vcpus = vcpus;
  c.node.yarn_vcores = vcpus;
  c.node.yarn_memory_mib = container;
  c.node_memory_mib = static_cast<int>(container);
  c.disk_kind = "ebs";
  c.local_disk_gb = static_cast<double>(facts.max_disk_gb);
  c.network_gbps = facts.network_gbps_per_vcpu * vcpus;
  c.disk_mib_per_s = facts.disk_mib_per_s_per_vcpu * vcpus;
  c.description = o.label;
  layout::Layout& l = o.layout;
  l.nodes = executors;
  l.executor_cores = vcpus;
  l.executors_per_node = 1;
  l.num_executors = executors;
  l.heap_mib = heap;
  l.overhead_mib = executor.overhead_mib;
  l.container_mib = container;
  l.task_slots = executors * vcpus;
  l.regions = layout::memory_regions(heap, vcpus, layout::GarbageCollector::g1, 0.6, 0.5);
  if (heap < layout::kMinHeapMiB) l.problem = layout::Problem::heap_below_floor;
  return o;
}

// A worker size, its memory and the executor on it.
struct WorkerChoice {
  const catalog::ServerlessWorkerSize* size = nullptr;
  std::int64_t memory_gib = 0;
  Executor executor;
};

// The worker choices the fixed layout leaves: the fixed heap on every size it fits, else each
// size's memory choices with the largest heap the overhead (fixed or Spark's) leaves.
std::vector<WorkerChoice> worker_choices(const catalog::ServerlessFacts& facts, const FixedLayout& fixed,
                                         double factor) {
  const std::vector<const catalog::ServerlessWorkerSize*> sizes = sizes_for(facts, fixed);
  std::vector<WorkerChoice> choices;
  for (const catalog::ServerlessWorkerSize* size : sizes) {
    if (fixed.heap_mib) {
      if (const auto executor = fixed_executor(*size, fixed, factor))
        choices.push_back({size, executor->second, executor->first});
      continue;
    }
    for (std::int64_t memory_gib : memory_choices(*size)) {
      const std::int64_t container = memory_gib * 1024;
      Executor e;
      e.factor = factor;
      e.overhead_given = fixed.overhead_mib.has_value();
      e.heap_mib = e.overhead_given ? container - *fixed.overhead_mib : largest_heap(container, factor);
      e.overhead_mib = container - e.heap_mib;
      if (e.heap_mib >= layout::kMinHeapMiB) choices.push_back({size, memory_gib, e});
    }
  }
  if (fixed.heap_mib && choices.empty()) refuse_heap(sizes, fixed, factor, facts);
  if (choices.empty())
    throw InputError(fixed_input(fixed.overhead_from_spec, "--memory-overhead", "memory_overhead") + " " +
                     units::format_spark_memory(*fixed.overhead_mib) +
                     ": leaves less than the 450m heap Spark needs on every EMR Serverless worker it may run on (" +
                     worker_source(facts) + ")");
  return choices;
}

}  // namespace

double serverless_price(const catalog::ServerlessFacts& facts, double vcpu_hours, double gb_hours,
                        double extra_disk_gb_hours) {
  return vcpu_hours * facts.usd_per_vcpu_hour + gb_hours * facts.usd_per_gb_hour +
         extra_disk_gb_hours * facts.usd_per_disk_gb_hour;
}

std::vector<Option> evaluate_serverless(const model::JobPlan& plan, const catalog::ServerlessFacts& facts,
                                        const ServerlessRequest& request, const FixedLayout& fixed,
                                        const model::Settings& settings, const model::Constants& constants) {
  std::vector<int> counts = request.executors;
  if (fixed.num_executors) counts = {*fixed.num_executors};
  if (counts.empty())
    for (int n = 1; n <= 200; ++n) counts.push_back(n);
  const double factor = fixed.overhead_factor.value_or(facts.overhead_factor);
  // --price-factor: the catalog's rates are us-east-1's.
  catalog::ServerlessFacts priced = facts;
  priced.usd_per_vcpu_hour *= settings.price_factor;
  priced.usd_per_gb_hour *= settings.price_factor;
  priced.usd_per_disk_gb_hour *= settings.price_factor;
  std::vector<Option> options;
  for (const WorkerChoice& choice : worker_choices(facts, fixed, factor)) {
    const catalog::ServerlessWorkerSize& size = *choice.size;
    const std::int64_t memory_gib = choice.memory_gib;
    const Executor& executor = choice.executor;
    for (int executors : counts) {
      Option o = serverless_option(size.vcpus, memory_gib, executor, executors, facts);
      model::Settings chosen = settings;
      o.prediction = predict_tuned(plan, o.cluster, o.layout, chosen, constants);
      // Disk: the default 20 GB unless shuffle and spill need more (up to 200 GB per worker).
      double needed = o.prediction.disk_needed_gb_per_node / constants.disk_headroom;
      ServerlessDetail worker{size.vcpus, memory_gib, 0, 0, 0};
      worker.disk_gb =
          std::clamp<std::int64_t>(static_cast<std::int64_t>(std::ceil(needed)), facts.min_disk_gb, facts.max_disk_gb);
      double billed_h = std::max(facts.minimum_billed_s, o.prediction.runtime_s) / 3600.0;
      worker.vcpu_hours = (executors * size.vcpus + kDriverVcpus) * billed_h;
      worker.gb_hours = static_cast<double>(executors * memory_gib + kDriverMemoryGib) * billed_h;
      double extra_disk = static_cast<double>(executors * (worker.disk_gb - facts.min_disk_gb)) * billed_h;
      o.prediction.cost_usd = serverless_price(priced, worker.vcpu_hours, worker.gb_hours, extra_disk);
      model::set_cost_interval(o.prediction, facts.minimum_billed_s);
      o.spark_conf = serverless_settings(worker, executor, executors, needed, facts);
      o.spark_conf.push_back(shuffle_partitions_setting(settings, chosen, o.layout.task_slots, constants));
      char note[320];
      std::snprintf(note, sizeof note,
                    "worker %d vCPU / %lld GB = heap %lld MiB + overhead %lld MiB (factor %.2f); billed %s: %.2f "
                    "vCPU-h x $%.6f + "
                    "%.2f GB-h x $%.7f + disk beyond 20 GB = $%.2f (driver: %d vCPU / %lld GB)",
                    size.vcpus, static_cast<long long>(memory_gib), static_cast<long long>(executor.heap_mib),
                    static_cast<long long>(executor.overhead_mib), factor,
                    units::format_duration(billed_h * 3600).c_str(), worker.vcpu_hours, priced.usd_per_vcpu_hour,
                    worker.gb_hours, priced.usd_per_gb_hour, o.prediction.cost_usd, kDriverVcpus,
                    static_cast<long long>(kDriverMemoryGib));
      o.detail = worker;
      o.notes.push_back(note);
      if (settings.price_factor != 1)
        o.notes.push_back("the rates are us-east-1's x " + units::format_number(settings.price_factor) +
                          " (--price-factor)");
      options.push_back(std::move(o));
    }
  }
  return options;
}

namespace {

std::vector<Option> serverless_options(const PlanRequest& request) {
  return evaluate_serverless(request.plan, request.catalog.serverless, request.managed.serverless,
                             request.managed.fixed, request.settings, request.constants);
}

}  // namespace

std::optional<Plan> recommend_serverless(const PlanRequest& request, std::string& why_none) {
  return recommend_among(serverless_options(request), request.objective, why_none);
}

ManagedPlan predict_serverless(const PlanRequest& request) {
  return predict_among(Platform::emr_serverless, serverless_options(request), request);
}

std::string serverless_price_driver(const catalog::Catalog& catalog) {
  char text[200];
  std::snprintf(text, sizeof text, "$%.4f per vCPU-hour + $%.5f per GB-hour, billed only while workers run",
                catalog.serverless.usd_per_vcpu_hour, catalog.serverless.usd_per_gb_hour);
  return text;
}

}  // namespace sparkfit::platform
