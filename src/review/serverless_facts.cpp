// EMR Serverless runs each executor, and the driver, on a worker of its own: the worker has the
// process's cores as vCPUs and its heap + overhead as memory, rounded up to the size's step, and
// must be one of the sizes EMR Serverless offers (instance_catalogs/aws/emr_serverless.yaml, from
// the EMR Serverless User Guide's "Supported worker configurations"). A review reads the worker
// each process asks for from its settings, over Serverless's own defaults.
#include "review/serverless_facts.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

#include "sparkfit/layout/layout.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::review {
namespace {

using rules::Facts;
using rules::Value;
using spark_conf::Setting;

double num(std::int64_t n) { return static_cast<double>(n); }

const Setting* find(const FactSet& result, std::string_view key) {
  return spark_conf::find_setting(result.effective, key);
}

std::optional<std::int64_t> integer(const FactSet& result, std::string_view key) {
  const Setting* s = find(result, key);
  if (!s) return std::nullopt;
  const std::string value(text::trim(s->value));
  std::int64_t n = 0;
  auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
  if (error != std::errc() || end != value.data() + value.size()) return std::nullopt;
  return n;
}

std::optional<double> number(const FactSet& result, std::string_view key) {
  const Setting* s = find(result, key);
  if (!s) return std::nullopt;
  try {
    std::size_t used = 0;
    const double value = std::stod(s->value, &used);
    return used == s->value.size() ? std::optional<double>(value) : std::nullopt;
  } catch (...) {
    return std::nullopt;
  }
}

// MiB as Spark reads the key (its bare unit); nullopt when unset or unreadable.
std::optional<std::int64_t> mib(const FactSet& result, std::string_view key) {
  const Setting* s = find(result, key);
  const spark_conf::KnownKey* known = spark_conf::find_known_key(key);
  if (!s || !known) return std::nullopt;
  try {
    return std::clamp<std::int64_t>(units::parse_spark_size(s->value, known->bare_unit_bytes) / units::kMiB, 0,
                                    std::int64_t{1} << 30);
  } catch (const InputError&) {
    return std::nullopt;
  }
}

// The key a finding about a process's memory points at: its heap's, unless only its overhead is set.
std::string memory_key(const FactSet& result, const std::string& role) {
  std::string heap = "spark." + role + ".memory";
  std::string overhead = heap + "Overhead";
  const Setting* h = find(result, heap);
  const Setting* o = find(result, overhead);
  if (o && o->precedence > spark_conf::kPrecedencePlatformDefault &&
      (!h || h->precedence == spark_conf::kPrecedencePlatformDefault))
    return overhead;
  return heap;
}

std::string vcpu_list(const catalog::ServerlessFacts& serverless) {
  std::vector<std::string> counts;
  for (const catalog::ServerlessWorkerSize& size : serverless.worker_sizes)
    counts.push_back(std::to_string(size.vcpus));
  const std::string last = counts.back();
  counts.pop_back();
  return text::join(counts, ", ") + " or " + last;
}

std::string range_text(const catalog::ServerlessWorkerSize& size) {
  return std::to_string(size.min_memory_gib) + "-" + std::to_string(size.max_memory_gib) + " GB in " +
         std::to_string(size.memory_step_gib) + " GB steps";
}

// The worker memory (GB) a process of `container_mib` asks for on `size`: whole GB, rounded up to
// the size's step above its least, as the planner sizes it (src/platform/serverless.cpp).
std::int64_t worker_memory_for(std::int64_t container_mib, const catalog::ServerlessWorkerSize& size) {
  const std::int64_t gb = (container_mib + 1023) / 1024;
  if (gb <= size.min_memory_gib) return gb;
  const std::int64_t steps = (gb - size.min_memory_gib + size.memory_step_gib - 1) / size.memory_step_gib;
  return size.min_memory_gib + steps * size.memory_step_gib;
}

// The heaps that fit `size` with this overhead (fixed, or the factor's): "a heap of 7k to 27k MiB".
std::string heap_range_text(const catalog::ServerlessWorkerSize& size, std::optional<std::int64_t> overhead,
                            double factor) {
  auto largest = [&](std::int64_t container) {
    if (overhead) return container - *overhead;
    std::int64_t heap = static_cast<std::int64_t>(static_cast<double>(container) / (1 + factor));
    while (heap > 0 && heap + layout::default_overhead_mib(heap, factor) > container) --heap;
    while (heap + 1 + layout::default_overhead_mib(heap + 1, factor) <= container) ++heap;
    return heap;
  };
  const std::int64_t least = std::max(layout::kMinHeapMiB, largest((size.min_memory_gib - 1) * 1024) + 1);
  const std::int64_t most = largest(size.max_memory_gib * 1024);
  if (least > most) return "no heap fits it with this overhead";
  return "a heap of " + std::to_string(least) + "m to " + std::to_string(most) + "m fits it";
}

// One process (the executors, or the driver) on its worker: vCPUs, memory and disk against the sizes.
Facts worker_item(const FactSet& result, const catalog::ServerlessFacts& serverless, const std::string& role,
                  Facts& facts) {
  const std::string prefix = "spark." + role + ".";
  Facts item;
  item["item.role"] = Value::of(role == "executor" ? std::string("each executor") : std::string("the driver"));
  item["item.cores_key"] = Value::of(prefix + "cores");
  item["item.memory_key"] = Value::of(memory_key(result, role));
  item["item.disk_key"] = Value::of("spark.emr-serverless." + role + ".disk");
  item["item.allowed_vcpus"] = Value::of(vcpu_list(serverless));
  const std::optional<std::int64_t> cores = integer(result, prefix + "cores");
  const std::optional<std::int64_t> heap = mib(result, prefix + "memory");
  if (!cores || !heap) return {};  // unreadable values are the setting rules' to report
  const double factor =
      number(result, prefix + "memoryOverheadFactor")
          .value_or(number(result, "spark.emr-serverless.memoryOverheadFactor").value_or(serverless.overhead_factor));
  const std::optional<std::int64_t> fixed_overhead = mib(result, prefix + "memoryOverhead");
  const std::int64_t overhead = fixed_overhead.value_or(layout::default_overhead_mib(*heap, factor));
  const std::int64_t container = *heap + overhead;
  item["item.vcpus"] = Value::of(num(*cores));
  item["item.heap_mib"] = Value::of(num(*heap));
  item["item.overhead_mib"] = Value::of(num(overhead));
  item["item.container_mib"] = Value::of(num(container));
  const auto size = std::find_if(serverless.worker_sizes.begin(), serverless.worker_sizes.end(),
                                 [&](const catalog::ServerlessWorkerSize& s) { return s.vcpus == *cores; });
  item["item.vcpus_offered"] = Value::of(size != serverless.worker_sizes.end());
  if (size != serverless.worker_sizes.end()) {
    const std::int64_t memory = worker_memory_for(container, *size);
    item["item.worker_memory_gib"] = Value::of(num(memory));
    item["item.memory_fits"] = Value::of(memory >= size->min_memory_gib && memory <= size->max_memory_gib);
    item["item.memory_range"] = Value::of(range_text(*size));
    item["item.heap_range"] = Value::of(heap_range_text(*size, fixed_overhead, factor));
    if (role == "executor") {
      facts["serverless.executor_vcpus"] = Value::of(num(*cores));
      facts["serverless.executor_memory_gib"] = Value::of(num(memory));
    }
  }
  if (const std::optional<std::int64_t> disk = mib(result, "spark.emr-serverless." + role + ".disk")) {
    const double gb = static_cast<double>(*disk) / 1024;
    item["item.disk_gb"] = Value::of(gb);
    item["item.disk_fits"] = Value::of(gb >= num(serverless.min_disk_gb) && gb <= num(serverless.max_disk_gb));
  }
  return item;
}

}  // namespace

std::vector<Setting> serverless_defaults(const catalog::ServerlessFacts& serverless) {
  const std::string source = "EMR Serverless default";
  const std::string cores = std::to_string(serverless.default_executor_cores);
  const std::string memory = std::to_string(serverless.default_executor_memory_gib) + "g";
  const std::string disk = std::to_string(serverless.min_disk_gb) + "G";
  std::vector<Setting> defaults;
  for (const auto& [key, value] :
       std::vector<std::pair<std::string, std::string>>{{"spark.executor.cores", cores},
                                                        {"spark.executor.memory", memory},
                                                        {"spark.driver.cores", cores},
                                                        {"spark.driver.memory", memory},
                                                        {"spark.emr-serverless.executor.disk", disk},
                                                        {"spark.emr-serverless.driver.disk", disk},
                                                        {"spark.dynamicAllocation.enabled", "true"}})
    defaults.push_back(Setting{key, value, source, {}, spark_conf::kPrecedencePlatformDefault});
  // AWS's page lists no shuffle-tracking default; without an external shuffle service dynamic
  // allocation needs it (docs/domain.md#emr-serverless-spark-defaults), so it is taken as on.
  defaults.push_back(
      Setting{"spark.dynamicAllocation.shuffleTracking.enabled",
              "true",
              "assumed for EMR Serverless's dynamic allocation, docs/domain.md#emr-serverless-spark-defaults",
              {},
              spark_conf::kPrecedencePlatformDefault});
  return defaults;
}

void add_serverless_facts(const Input& input, FactSet& result) {
  const catalog::ServerlessFacts& serverless = *input.serverless_catalog;
  Facts& facts = result.facts;
  facts["platform"] = Value::of(std::string("emr-serverless"));
  facts["serverless.source"] =
      Value::of("EMR Serverless User Guide, Supported worker configurations (as of " + serverless.as_of + ")");
  facts["serverless.disk_range"] =
      Value::of(std::to_string(serverless.min_disk_gb) + "-" + std::to_string(serverless.max_disk_gb) + " GB");
  result.places["<application>"] = input.serverless_job->where_entry_point.file.empty()
                                       ? input.serverless_job->where_job
                                       : input.serverless_job->where_entry_point;
  std::vector<Facts>& items = result.collections["serverless-worker"];
  for (const std::string role : {"executor", "driver"}) {
    Facts item = worker_item(result, serverless, role, facts);
    if (!item.empty()) items.push_back(std::move(item));
  }
  // What the settings say about the executors by themselves, as without a cluster.
  if (auto heap = mib(result, "spark.executor.memory")) facts["executor.heap_mib"] = Value::of(num(*heap));
  if (auto cores = integer(result, "spark.executor.cores")) facts["executor.cores"] = Value::of(num(*cores));
}

}  // namespace sparkfit::review
