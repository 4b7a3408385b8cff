// EMR Serverless: workers of 1-16 vCPU with memory in a range per size, billed per vCPU-hour,
// GB-hour and disk GB-hour beyond 20 GB, per second with a 1-minute minimum (docs/domain.md#emr-serverless-billing).
// One executor per worker; worker memory = spark.executor.memory + memoryOverhead.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>

#include "platform/planners.hpp"
#include "sparkfit/units/units.hpp"

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

// The settings of `executors` workers of one size, one executor each, with the arithmetic.
// `disk_needed_gb`: shuffle and spill per worker over the model's disk headroom.
std::vector<Setting> serverless_settings(const ServerlessDetail& worker, std::int64_t heap_mib, int executors,
                                         double disk_needed_gb, const catalog::ServerlessFacts& facts) {
  const std::int64_t memory_gib = worker.worker_memory_gib, container = memory_gib * 1024;
  const std::string size =
      std::to_string(worker.executor_vcpus) + " vCPU / " + std::to_string(memory_gib) + " GB worker";
  const std::string factor = units::format_number(facts.overhead_factor);
  const std::string n = std::to_string(executors);
  return {
      {"spark.executor.cores", std::to_string(worker.executor_vcpus),
       "a " + size + " runs one executor with all its vCPUs (docs/domain.md#emr-serverless-workers)"},
      {"spark.executor.memory", units::format_spark_memory(heap_mib),
       size + " = " + std::to_string(container) + " MiB; heap = largest h with h + max(" + factor + " h, " +
           std::to_string(layout::kMinOverheadMiB) + ") <= " + std::to_string(container) + " -> " +
           std::to_string(heap_mib) + "m"},
      {"spark.executor.memoryOverhead", units::format_spark_memory(container - heap_mib),
       std::to_string(container) + " - " + std::to_string(heap_mib) + " = " + std::to_string(container - heap_mib) +
           " MiB; set explicitly so heap and overhead fill the worker's " + std::to_string(memory_gib) + " GB"},
      {"spark.emr-serverless.executor.disk", std::to_string(worker.disk_gb) + "G",
       "shuffle and spill with headroom need " + units::format_number(std::ceil(disk_needed_gb)) +
           " GB per worker, kept within the " + std::to_string(facts.min_disk_gb) + "-" +
           std::to_string(facts.max_disk_gb) + " GB a worker can have; beyond " + std::to_string(facts.min_disk_gb) +
           " GB is billed (docs/domain.md#emr-serverless-billing)"},
      {"spark.executor.instances", n, n + " workers, one executor each; the driver has a worker of its own"},
      {"spark.dynamicAllocation.maxExecutors", n,
       "dynamic allocation is on with no maximum by default (docs/domain.md#emr-serverless-spark-defaults): capped at "
       "the " +
           n + " executors sized here"},
  };
}

// `executors` workers of `vcpus` and `memory_gib`, one executor of `heap_mib` each: the cluster
// (one node per worker) and the layout, unpredicted and unpriced.
Option serverless_option(int vcpus, std::int64_t memory_gib, std::int64_t heap, int executors,
                         const catalog::ServerlessFacts& facts) {
  const std::int64_t container = memory_gib * 1024;
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
  c.description = o.label;
  layout::Layout& l = o.layout;
  l.nodes = executors;
  l.executor_cores = vcpus;
  l.executors_per_node = 1;
  l.num_executors = executors;
  l.heap_mib = heap;
  l.overhead_mib = container - heap;
  l.container_mib = container;
  l.task_slots = executors * vcpus;
  l.regions = layout::memory_regions(heap, vcpus, layout::GarbageCollector::g1, 0.6, 0.5);
  if (heap < layout::kMinHeapMiB) l.problem = layout::Problem::heap_below_floor;
  return o;
}

}  // namespace

double serverless_price(const catalog::ServerlessFacts& facts, double vcpu_hours, double gb_hours,
                        double extra_disk_gb_hours) {
  return vcpu_hours * facts.usd_per_vcpu_hour + gb_hours * facts.usd_per_gb_hour +
         extra_disk_gb_hours * facts.usd_per_disk_gb_hour;
}

std::vector<Option> evaluate_serverless(const model::JobPlan& plan, const catalog::ServerlessFacts& facts,
                                        const ServerlessRequest& request, const model::Settings& settings,
                                        const model::Constants& constants) {
  std::vector<int> counts = request.executors;
  if (counts.empty())
    for (int n = 1; n <= 200; ++n) counts.push_back(n);
  std::vector<Option> options;
  for (const catalog::ServerlessWorkerSize& size : facts.worker_sizes) {
    for (std::int64_t memory_gib : memory_choices(size)) {
      const std::int64_t container = memory_gib * 1024;
      const std::int64_t heap = largest_heap(container, facts.overhead_factor);
      for (int executors : counts) {
        Option o = serverless_option(size.vcpus, memory_gib, heap, executors, facts);
        model::Settings chosen = settings;
        o.prediction = predict_tuned(plan, o.cluster, o.layout, chosen, constants);
        // Disk: the default 20 GB unless shuffle and spill need more (up to 200 GB per worker).
        double needed = o.prediction.disk_needed_gb_per_node / constants.disk_headroom;
        ServerlessDetail worker{size.vcpus, memory_gib, 0, 0, 0};
        worker.disk_gb = std::clamp<std::int64_t>(static_cast<std::int64_t>(std::ceil(needed)), facts.min_disk_gb,
                                                  facts.max_disk_gb);
        double billed_h = std::max(facts.minimum_billed_s, o.prediction.runtime_s) / 3600.0;
        worker.vcpu_hours = (executors * size.vcpus + kDriverVcpus) * billed_h;
        worker.gb_hours = static_cast<double>(executors * memory_gib + kDriverMemoryGib) * billed_h;
        double extra_disk = static_cast<double>(executors * (worker.disk_gb - facts.min_disk_gb)) * billed_h;
        o.prediction.cost_usd = serverless_price(facts, worker.vcpu_hours, worker.gb_hours, extra_disk);
        o.spark_conf = serverless_settings(worker, heap, executors, needed, facts);
        o.spark_conf.push_back(shuffle_partitions_setting(settings, chosen, o.layout.task_slots, constants));
        char note[320];
        std::snprintf(note, sizeof note,
                      "worker %d vCPU / %lld GB = heap %lld MiB + overhead %lld MiB (factor %.2f); billed %s: %.2f "
                      "vCPU-h x $%.6f + "
                      "%.2f GB-h x $%.7f + disk beyond 20 GB = $%.2f (driver: %d vCPU / %lld GB)",
                      size.vcpus, static_cast<long long>(memory_gib), static_cast<long long>(heap),
                      static_cast<long long>(container - heap), facts.overhead_factor,
                      units::format_duration(billed_h * 3600).c_str(), worker.vcpu_hours, facts.usd_per_vcpu_hour,
                      worker.gb_hours, facts.usd_per_gb_hour, o.prediction.cost_usd, kDriverVcpus,
                      static_cast<long long>(kDriverMemoryGib));
        o.detail = worker;
        o.notes.push_back(note);
        options.push_back(std::move(o));
      }
    }
  }
  return options;
}

namespace {

std::vector<Option> serverless_options(const PlanRequest& request) {
  return evaluate_serverless(request.plan, request.catalog.serverless, request.managed.serverless, request.settings,
                             request.constants);
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
