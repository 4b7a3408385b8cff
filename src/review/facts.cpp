// From settings and a cluster to named facts. Layout facts come from layout::compute, model
// facts from model::predict, the recommendation from the same search `recommend` runs; this file
// only reads settings as Spark reads them and names the results.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <regex>

#include "review/glue_facts.hpp"
#include "sparkfit/review/review.hpp"
#include "sparkfit/search/search.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::review {
namespace {

using rules::Facts;
using rules::Value;
using spark_conf::Setting;

constexpr std::int64_t kMiB = units::kMiB;
// Sizes beyond 1 PiB are nonsense for one JVM; clamping keeps the layout's byte arithmetic
// inside 64 bits for any value a stranger writes.
constexpr std::int64_t kMaxMiB = std::int64_t{1} << 30;

std::int64_t clamp_mib(std::int64_t mib) { return std::clamp<std::int64_t>(mib, 0, kMaxMiB); }

// JDK 8 logging flags that JDK 9+ no longer recognises: the JVM refuses to start.
const std::vector<std::string> kRemovedJvmFlags = {
    "PrintGCDateStamps",        "PrintGCTimeStamps",        "PrintGCApplicationStoppedTime",
    "PrintGCApplicationConcurrentTime", "PrintTenuringDistribution", "PrintAdaptiveSizePolicy",
    "PrintHeapAtGC",            "PrintGCCause",             "PrintReferenceGC",
    "G1SummarizeConcMark",      "G1PrintHeapRegions",       "UseGCLogFileRotation",
    "NumberOfGCLogFiles",       "GCLogFileSize",            "UseParNewGC"};
// Flags JDK 9+ still accepts with a deprecation warning (or ignores, for CMS after JDK 14).
const std::vector<std::string> kDeprecatedJvmFlags = {"PrintGCDetails", "PrintGC", "Xloggc", "UseConcMarkSweepGC"};

// Families of keys the known-key table covers closely: an unknown key under one of them is
// most likely a typo even without a close match.
const std::vector<std::string> kClosedFamilies = {"spark.dynamicAllocation.", "spark.memory.", "spark.sql.adaptive.",
                                                  "spark.shuffle.service.", "spark.speculation."};

const std::vector<std::string> kMemoryKeys = {"spark.executor.memory", "spark.driver.memory",
                                              "spark.executor.memoryOverhead", "spark.driver.memoryOverhead",
                                              "spark.executor.pyspark.memory", "spark.yarn.am.memory",
                                              "spark.yarn.executor.memoryOverhead", "spark.yarn.driver.memoryOverhead"};

std::string trimmed(std::string_view text) { return std::string(text::trim(text)); }

std::optional<std::int64_t> parse_int(std::string_view text) {
  std::string t = trimmed(text);
  std::int64_t n = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
  if (t.empty() || ec != std::errc() || ptr != t.data() + t.size()) return std::nullopt;
  return n;
}

std::optional<double> parse_double(std::string_view text) {
  std::string t = trimmed(text);
  double n = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
  if (t.empty() || ec != std::errc() || ptr != t.data() + t.size()) return std::nullopt;
  return n;
}

std::optional<bool> parse_bool(std::string_view text) {
  std::string t = text::to_lower(text::trim(text));
  if (t == "true") return true;
  if (t == "false") return false;
  return std::nullopt;
}

bool valid_duration(std::string_view text) {
  static const std::regex kDuration("^[0-9]+(us|ms|s|m|min|h|d)?$", std::regex::icase);
  return std::regex_match(trimmed(text), kDuration);
}

// One setting read by its type, as Spark would read it; `error` says why it cannot be.
struct Typed {
  Value value;
  std::string error;
};

Typed read_typed(const Setting& setting, const spark_conf::KnownKey* key) {
  if (!key) return {Value::of(setting.value), {}};
  switch (key->type) {
    case spark_conf::KeyType::size:
      try {
        return {Value::of(static_cast<double>(units::parse_spark_size(setting.value, key->bare_unit_bytes))), {}};
      } catch (const InputError& error) {
        return {Value::of(setting.value), error.message()};
      }
    case spark_conf::KeyType::boolean:
      if (auto b = parse_bool(setting.value)) return {Value::of(*b), {}};
      return {Value::of(setting.value), "expected true or false"};
    case spark_conf::KeyType::integer:
      if (auto n = parse_int(setting.value)) return {Value::of(static_cast<double>(*n)), {}};
      if (key->default_value == "infinity" && text::to_lower(text::trim(setting.value)) == "infinity")
        return {Value::of(setting.value), {}};
      return {Value::of(setting.value), "expected a whole number"};
    case spark_conf::KeyType::number:
      if (auto n = parse_double(setting.value)) return {Value::of(*n), {}};
      return {Value::of(setting.value), "expected a number"};
    case spark_conf::KeyType::duration:
      if (valid_duration(setting.value)) return {Value::of(trimmed(setting.value)), {}};
      return {Value::of(setting.value), "expected a duration such as 60s, 500ms or 5min"};
    case spark_conf::KeyType::string: return {Value::of(setting.value), {}};
  }
  return {Value::of(setting.value), {}};
}

std::vector<std::string> jvm_flags_in(const std::string& options, const std::vector<std::string>& names) {
  std::vector<std::string> found;
  std::size_t start = 0;
  while (start < options.size()) {
    std::size_t end = options.find_first_of(" \t\n", start);
    if (end == std::string::npos) end = options.size();
    std::string token = options.substr(start, end - start);
    start = end + 1;
    if (token.empty()) continue;
    for (const std::string& name : names) {
      // -XX:+Name, -XX:-Name, -XX:Name=value and -Xloggc:file
      bool match = token == "-XX:+" + name || token == "-XX:-" + name || text::starts_with(token, "-XX:" + name + "=") ||
                   (name == "Xloggc" && text::starts_with(token, "-Xloggc"));
      if (match && std::find(found.begin(), found.end(), token) == found.end()) found.push_back(token);
    }
  }
  return found;
}

std::string close_key(const std::string& key, const std::vector<std::string>& names) {
  std::size_t limit = std::max<std::size_t>(2, key.size() / 10);
  std::size_t best_distance = limit + 1;
  std::string best;
  std::string lowered = text::to_lower(key);
  for (const std::string& name : names) {
    std::size_t distance = text::edit_distance(lowered, text::to_lower(name));
    if (distance < best_distance) {
      best_distance = distance;
      best = name;
    }
  }
  return best;
}

bool under_known_family(const std::string& key) {
  for (const std::string& family : kClosedFamilies)
    if (text::starts_with(key, family)) return true;
  return false;
}

// Facts of one setting, for rules that run over every setting (`each: setting`).
Facts setting_item(const Setting& setting, const std::vector<std::string>& known_names) {
  Facts item;
  const spark_conf::KnownKey* key = spark_conf::find_known_key(setting.key);
  const bool free_form = spark_conf::is_free_form_key(setting.key);
  item["item.key"] = Value::of(setting.key);
  item["item.value"] = Value::of(setting.value);
  item["item.source"] = Value::of(setting.source);
  item["item.known"] = Value::of(key != nullptr || free_form);
  item["item.platform_default"] = Value::of(setting.precedence == spark_conf::kPrecedencePlatformDefault);
  if (!key && !free_form) {
    std::string suggestion = close_key(setting.key, known_names);
    if (!suggestion.empty()) {
      item["item.suggestion"] = Value::of(suggestion);
      item["item.hint"] = Value::of(" (did you mean '" + suggestion + "'?)");
      item["item.correction"] = Value::of(suggestion);
    } else {
      item["item.hint"] = Value::of(std::string());
      item["item.correction"] = Value::of(std::string("a key from Spark's configuration page"));
    }
    item["item.known_family"] = Value::of(under_known_family(setting.key));
    item["item.spark_key"] = Value::of(text::starts_with(setting.key, "spark."));
  }
  if (key) {
    item["item.type"] = Value::of(std::string(spark_conf::key_type_name(key->type)));
    Typed typed = read_typed(setting, key);
    item["item.valid"] = Value::of(typed.error.empty());
    if (!typed.error.empty()) item["item.error"] = Value::of(typed.error);
    const bool memory = std::find(kMemoryKeys.begin(), kMemoryKeys.end(), setting.key) != kMemoryKeys.end();
    std::optional<std::int64_t> bare = parse_int(setting.value);
    item["item.bare_memory"] = Value::of(memory && bare.has_value());
    if (memory && bare) {
      item["item.mib"] = Value::of(static_cast<double>(*bare));
      item["item.fix_value"] = Value::of(std::to_string(*bare) + "g");
    }
  }
  if (text::starts_with(setting.key, "spark.") &&
      (setting.key.find("extraJavaOptions") != std::string::npos ||
       setting.key.find("defaultJavaOptions") != std::string::npos)) {
    std::vector<std::string> removed = jvm_flags_in(setting.value, kRemovedJvmFlags);
    std::vector<std::string> deprecated = jvm_flags_in(setting.value, kDeprecatedJvmFlags);
    item["item.jvm_removed_count"] = Value::of(static_cast<int>(removed.size()));
    item["item.jvm_removed_flags"] = Value::of(text::join(removed, " "));
    item["item.jvm_deprecated_count"] = Value::of(static_cast<int>(deprecated.size()));
    item["item.jvm_deprecated_flags"] = Value::of(text::join(deprecated, " "));
    // The same options without the flags JDK 9+ refuses, for the fix.
    std::string kept;
    std::size_t start = 0;
    while (start < setting.value.size()) {
      std::size_t end = setting.value.find_first_of(" \t\n", start);
      if (end == std::string::npos) end = setting.value.size();
      std::string token = setting.value.substr(start, end - start);
      start = end + 1;
      if (token.empty() || std::find(removed.begin(), removed.end(), token) != removed.end()) continue;
      if (std::find(deprecated.begin(), deprecated.end(), token) != deprecated.end()) {
        if (token == "-XX:+PrintGCDetails" || token == "-XX:+PrintGC") token = "-Xlog:gc*";
        else continue;
      }
      if (kept.find(token) != std::string::npos) continue;
      kept += (kept.empty() ? "" : " ") + token;
    }
    item["item.jvm_fixed_options"] = Value::of(kept);
  }
  return item;
}

// Effective settings, read by key.
class Conf {
 public:
  explicit Conf(const std::vector<Setting>& effective) : effective_(effective) {}
  const Setting* find(std::string_view key) const { return spark_conf::find_setting(effective_, key); }
  bool set(std::string_view key) const { return find(key) != nullptr; }

  std::optional<std::int64_t> integer(std::string_view key) const {
    const Setting* s = find(key);
    return s ? parse_int(s->value) : std::nullopt;
  }
  std::optional<double> number(std::string_view key) const {
    const Setting* s = find(key);
    return s ? parse_double(s->value) : std::nullopt;
  }
  std::optional<bool> boolean(std::string_view key) const {
    const Setting* s = find(key);
    return s ? parse_bool(s->value) : std::nullopt;
  }
  // Bytes, as Spark reads the key (its bare unit); nullopt when unset or unreadable.
  std::optional<std::int64_t> bytes(std::string_view key) const {
    const Setting* s = find(key);
    const spark_conf::KnownKey* known = spark_conf::find_known_key(key);
    if (!s || !known) return std::nullopt;
    try {
      return units::parse_spark_size(s->value, known->bare_unit_bytes);
    } catch (const InputError&) {
      return std::nullopt;
    }
  }
  std::optional<std::int64_t> mib(std::string_view key) const {
    auto b = bytes(key);
    if (!b) return std::nullopt;
    return *b / kMiB;
  }

 private:
  const std::vector<Setting>& effective_;
};

double num(std::int64_t n) { return static_cast<double>(n); }

std::optional<int> java_major_from_home(const std::string& path) {
  static const std::regex kJava("(?:java|jdk|corretto)-?([0-9]+)", std::regex::icase);
  std::smatch match;
  if (!std::regex_search(path, match, kJava)) return std::nullopt;
  int major = std::stoi(match[1].str());
  if (major == 1) return 8;  // java-1.8.0
  return major;
}

std::string release_java(const catalog::EmrRelease& release) { return release.java_version; }

// Kubernetes pods: what the driver and executor pods ask the scheduler for. Spark sizes a pod's
// CPU request from spark.kubernetes.<role>.request.cores (else spark.<role>.cores, 1 unless set)
// and its limit from spark.kubernetes.<role>.limit.cores (BasicDriverFeatureStep,
// BasicExecutorFeatureStep); Kubernetes refuses a pod whose limit is below its request, with or
// without nodes to review against.
void add_kubernetes_pods(const Conf& conf, FactSet& result) {
  Facts& f = result.facts;
  auto cpu = [&](const std::string& key) -> std::optional<double> {
    const Setting* s = conf.find(key);
    return s ? spark_conf::parse_cpu_quantity(s->value) : std::nullopt;
  };
  std::vector<Facts>& items = result.collections["pod"];
  for (const std::string role : {"driver", "executor"}) {
    const std::string request_key = "spark.kubernetes." + role + ".request.cores";
    const std::string limit_key = "spark.kubernetes." + role + ".limit.cores";
    const std::int64_t cores = std::clamp<std::int64_t>(conf.integer("spark." + role + ".cores").value_or(1), 1, 1000000);
    const std::optional<double> request = cpu(request_key);
    const double asked = request.value_or(num(cores));
    f[role + ".request_cores"] = Value::of(asked);
    const std::optional<double> limit = cpu(limit_key);
    if (!limit) continue;
    f[role + ".limit_cores"] = Value::of(*limit);
    Facts item;
    item["item.key"] = Value::of(limit_key);
    item["item.role"] = Value::of(role);
    item["item.request_cores"] = Value::of(asked);
    item["item.request_setting"] = Value::of(request ? request_key : "spark." + role + ".cores");
    item["item.request_text"] =
        Value::of(request ? std::string(text::trim(conf.find(request_key)->value)) : std::to_string(cores));
    item["item.limit_cores"] = Value::of(*limit);
    item["item.limit_text"] = Value::of(std::string(text::trim(conf.find(limit_key)->value)));
    item["item.consequence"] = Value::of(std::string(role == "driver" ? "the application never starts" : "no executor starts"));
    items.push_back(std::move(item));
  }
}

// The same pods on the nodes: what a node has allocatable, and the choices the layout engine
// places them by.
void place_kubernetes_pods(const Conf& conf, const platform::Cluster& cluster, layout::Choices& c, FactSet& result) {
  Facts& f = result.facts;
  // Plain variables, not a structured binding: clang 14 cannot capture one in the lambda below.
  const std::pair<double, std::int64_t> allocatable = platform::kubernetes_allocatable(*cluster.instance);
  const double allocatable_cores = allocatable.first;
  const std::int64_t allocatable_mib = allocatable.second;
  f["node.allocatable_cores"] = Value::of(allocatable_cores);
  f["node.allocatable_mib"] = Value::of(num(allocatable_mib));
  // The nodes offer their whole allocatable cores, which requests (fractions too) divide. A
  // request that fits a node's allocatable cores is never more than its whole cores there, so the
  // layout and Kubernetes agree on what fits.
  auto placed = [&](const char* key) {
    const Setting* s = conf.find(key);
    std::optional<double> request = s ? spark_conf::parse_cpu_quantity(s->value) : std::nullopt;
    if (!request) return 0.0;  // the role's cores
    return *request <= allocatable_cores ? std::min(*request, num(cluster.node.yarn_vcores)) : std::min(*request, 1e6);
  };
  c.request_cores = placed("spark.kubernetes.executor.request.cores");
  c.driver_request_cores = placed("spark.kubernetes.driver.request.cores");
  // The driver pod's overhead has its own factor (Spark 3.3+: spark.driver.memoryOverheadFactor,
  // then the Kubernetes-wide one, then 0.10, or 0.40 for non-JVM applications).
  if (c.driver_overhead_mib == 0) {
    double factor = conf.number("spark.driver.memoryOverheadFactor")
                        .value_or(conf.number("spark.kubernetes.memoryOverheadFactor").value_or(cluster.overhead_factor));
    if (factor <= 0 || factor >= 1) factor = cluster.overhead_factor;
    c.driver_overhead_mib = layout::default_overhead_mib(c.driver_heap_mib, factor);
  }
}

}  // namespace

std::string fact_key(std::string_view spark_key) {
  std::string key(spark_key);
  for (char& c : key)
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_')) c = '_';
  return key;
}

const std::vector<std::string>& fact_names() {
  static const std::vector<std::string> kNames = {
      "platform", "platform.overhead_factor", "cluster.nodes", "cluster.shared", "cluster.description",
      "node.vcpus", "node.yarn_vcores", "node.yarn_memory_mib", "node.yarn_max_mib", "node.yarn_min_mib",
      "node.reserved_cores", "node.executors", "node.executors_on_am_node", "node.cores_used", "node.idle_cores",
      "node.idle_memory_mib", "node.oversubscribed_cores", "yarn.calculator", "yarn.pmem_check", "yarn.vmem_check",
      "spark.version", "spark.version_major", "spark.version_minor", "java.version", "emr.release",
      "app.python", "app.non_jvm", "executor.cores", "executor.heap_mib", "executor.overhead_mib",
      "executor.overhead_factor", "executor.overhead_set", "executor.offheap_mib", "executor.pyspark_mib",
      "container.request_mib", "container.mib", "layout.problem", "layout.placeable", "layout.assumed",
      "executors.requested", "executors.capacity", "executors.capacity_without_am", "executors.started",
      "executors.task_slots", "am.container_mib", "task.concurrent", "task.memory_min_bytes",
      "task.memory_max_bytes", "task.working_set_bytes", "driver.heap_mib", "broadcast.threshold_bytes",
      "aqe.enabled", "dynamic_allocation.enabled", "dynamic_allocation.max_executors", "shuffle_service.enabled",
      "shuffle_tracking.enabled", "maximize_resource_allocation", "shuffle.partitions", "shuffle.tasks",
      "shuffle.bytes_per_partition", "files.max_partition_bytes", "files.open_cost_bytes", "job.input_bytes",
      "job.shuffle_bytes", "input.files", "input.avg_file_bytes", "input.tasks", "predicted.runtime_s",
      "predicted.cost_usd", "predicted.core_hours", "predicted.spill_bytes", "fix.executor_cores",
      "fix.num_executors", "fix.executor_memory_mib", "fix.executor_memory", "fix.executor_memory_gib",
      "fix.overhead_mib", "fix.overhead", "fix.container_mib", "fix.executors_per_node", "fix.task_slots",
      "fix.shuffle_partitions", "fix.runtime_s", "fix.cost_usd", "fix.saving_usd", "fix.saving_fraction",
      "fix.max_executors", "fix.overhead_factor", "fix.driver_memory", "fix.partitions_for_slots",
      "fix.saving_percent", "executor.platform_overhead_mib", "executor.platform_overhead", "executor.python_overhead",
      "yarn.checks_on", "predicted.runtime", "fix.runtime", "fix.saving_measure",
      // words that differ by platform, so that one message holds on YARN and Kubernetes
      "platform.scheduler", "platform.container", "node.cores_name", "node.memory_name", "node.reserve_note",
      // Kubernetes pods (add_kubernetes_pods)
      "node.allocatable_cores", "node.allocatable_mib", "executor.request_cores", "executor.limit_cores",
      "driver.request_cores", "driver.limit_cores", "executor.pod_excess_key", "executors.requested_key",
      // Glue jobs (glue_facts.cpp)
      "glue.version", "glue.worker_type", "glue.workers", "glue.worker_vcpus", "glue.dpus", "glue.standard",
      "glue.auto_scaling", "glue.auto_scaling_supported", "glue.auto_scaling_problem", "glue.flex",
      "glue.standard_upgrade", "glue.worker_offered", "glue.worker_offer_problem", "glue.executor_cores_arg",
      "glue.executor_cores_limit", "glue.executors", "glue.executor_heap_mib", "glue.task_concurrent",
      "glue.task_memory_max_bytes", "glue.working_set_bytes", "glue.memory_fix", "glue.g_equivalent",
      "glue.g_equivalent_task_memory_max_bytes",
      "glue.r_type", "glue.widest_tasks", "glue.max_needed_executors", "glue.idle_executors", "glue.one_wave_workers",
      "glue.fix_saving_fraction", "fix.glue_worker_type", "fix.glue_workers", "fix.glue_shuffle_partitions",
      "glue.runs", "glue.cannot_run_because", "glue.capacity_fix",
      "conf.*", "conf_set.*", "item.*"};
  return kNames;
}

std::vector<Setting> platform_defaults(const platform::Cluster& cluster) {
  std::vector<Setting> defaults;
  if (cluster.platform != platform::Platform::emr) return defaults;
  const std::string source = "EMR default" + (cluster.release ? " (" + cluster.release->label + ")" : std::string());
  auto add = [&](const std::string& key, const std::string& value) {
    defaults.push_back(Setting{key, value, source, {}, spark_conf::kPrecedencePlatformDefault});
  };
  if (!cluster.release || cluster.release->dynamic_allocation) add("spark.dynamicAllocation.enabled", "true");
  add("spark.shuffle.service.enabled", "true");
  add("spark.yarn.executor.memoryOverheadFactor", units::format_number(cluster.overhead_factor));
  if (cluster.release && cluster.release->heterogeneous_executors) add("spark.yarn.heterogeneousExecutors.enabled", "true");
  return defaults;
}

FactSet compute_facts(const Input& input) {
  FactSet result;
  Facts& f = result.facts;
  Layouts& L = result.layouts;

  std::vector<Setting> all = input.settings;
  if (input.cluster) {
    std::vector<Setting> defaults = platform_defaults(*input.cluster);
    all.insert(all.begin(), defaults.begin(), defaults.end());
  }
  result.effective = spark_conf::effective_settings(all);
  const Conf conf(result.effective);

  // ---- every setting ---------------------------------------------------------------------
  const std::vector<std::string> known_names = spark_conf::known_key_names();
  std::vector<Facts>& items = result.collections["setting"];
  for (const Setting& s : result.effective) {
    const spark_conf::KnownKey* key = spark_conf::find_known_key(s.key);
    Typed typed = read_typed(s, key);
    f["conf." + fact_key(s.key)] = typed.value;
    if (s.precedence > spark_conf::kPrecedencePlatformDefault) f["conf_set." + fact_key(s.key)] = Value::of(true);
    items.push_back(setting_item(s, known_names));
  }

  // ---- the application and the platform ----------------------------------------------------
  const std::string& app = input.application;
  // A SparkApplication says its language outright (spec.type), whatever its file is called.
  const std::string k8s_type = input.k8s_app ? input.k8s_app->type : "";
  const bool python = (app.size() > 3 && app.compare(app.size() - 3, 3, ".py") == 0) || conf.set("spark.submit.pyFiles") ||
                      (input.job && input.job->language == job::Language::python) || k8s_type == "Python";
  const bool r_app = (app.size() > 2 && (app.compare(app.size() - 2, 2, ".R") == 0 || app.compare(app.size() - 2, 2, ".r") == 0)) ||
                     k8s_type == "R";
  f["app.python"] = Value::of(python);
  f["app.non_jvm"] = Value::of(python || r_app);

  const bool maximize = input.maximize_resource_allocation.value_or(false);
  f["maximize_resource_allocation"] = Value::of(maximize);

  if (!input.application_where.file.empty()) result.places["<application>"] = input.application_where;
  if (input.maximize_resource_allocation && !input.maximize_where.file.empty())
    result.places["maximizeResourceAllocation"] = input.maximize_where;
  for (const Setting& s : input.yarn_site) {
    if (!s.where.file.empty()) result.places[s.key] = s.where;
    if (s.key == "yarn.nodemanager.pmem-check-enabled") {
      if (auto b = parse_bool(s.value)) f["yarn.pmem_check"] = Value::of(*b);
    } else if (s.key == "yarn.nodemanager.vmem-check-enabled") {
      if (auto b = parse_bool(s.value)) f["yarn.vmem_check"] = Value::of(*b);
    }
  }
  {
    bool pmem = f.count("yarn.pmem_check") && f["yarn.pmem_check"].boolean;
    bool vmem = f.count("yarn.vmem_check") && f["yarn.vmem_check"].boolean;
    if (pmem || vmem)
      f["yarn.checks_on"] = Value::of(std::string(pmem && vmem ? "physical- and virtual-memory checks" : pmem ? "physical-memory check" : "virtual-memory check"));
  }
  f["yarn.calculator"] = Value::of(std::string(job::to_string(input.calculator)));

  // Spark and Java versions: the EMR release says; JAVA_HOME in executorEnv overrides Java.
  std::optional<int> java;
  if (input.cluster && input.cluster->release) {
    const catalog::EmrRelease& release = *input.cluster->release;
    f["emr.release"] = Value::of(release.label);
    f["spark.version"] = Value::of(release.spark_version);
    std::vector<std::string_view> parts = text::split(release.spark_version, '.');
    if (parts.size() >= 2) {
      if (auto major = parse_int(parts[0])) f["spark.version_major"] = Value::of(num(*major));
      if (auto minor = parse_int(parts[1])) f["spark.version_minor"] = Value::of(num(*minor));
    }
    if (auto j = parse_int(release_java(release))) java = static_cast<int>(*j);
  }
  if (!input.spark_version.empty()) {
    f["spark.version"] = Value::of(input.spark_version);
    std::vector<std::string_view> parts = text::split(input.spark_version, '.');
    f.erase("spark.version_major");
    f.erase("spark.version_minor");
    if (parts.size() >= 2) {
      if (auto major = parse_int(parts[0])) f["spark.version_major"] = Value::of(num(*major));
      if (auto minor = parse_int(parts[1])) f["spark.version_minor"] = Value::of(num(*minor));
    }
  }
  if (const Setting* home = conf.find("spark.executorEnv.JAVA_HOME")) {
    if (auto j = java_major_from_home(home->value)) java = *j;
  }
  if (input.java_version) java = input.java_version;
  if (java) f["java.version"] = Value::of(*java);

  // ---- feature switches, with Spark's defaults (and the platform's, already in effective) ---
  const bool spark_known = f.count("spark.version_major") > 0;
  const double spark_version =
      spark_known ? f["spark.version_major"].number * 100 + f["spark.version_minor"].number : 0;
  if (auto b = conf.boolean("spark.sql.adaptive.enabled")) f["aqe.enabled"] = Value::of(*b);
  else if (spark_known) f["aqe.enabled"] = Value::of(spark_version >= 302);
  else f["aqe.enabled"] = Value::of(true);  // the default of every Spark release people run today
  const bool dynamic = conf.boolean("spark.dynamicAllocation.enabled").value_or(false);
  f["dynamic_allocation.enabled"] = Value::of(dynamic);
  std::optional<std::int64_t> max_executors = conf.integer("spark.dynamicAllocation.maxExecutors");
  if (max_executors) f["dynamic_allocation.max_executors"] = Value::of(num(*max_executors));
  f["shuffle_service.enabled"] = Value::of(conf.boolean("spark.shuffle.service.enabled").value_or(false));
  if (auto b = conf.boolean("spark.dynamicAllocation.shuffleTracking.enabled")) f["shuffle_tracking.enabled"] = Value::of(*b);
  else if (spark_known) f["shuffle_tracking.enabled"] = Value::of(spark_version >= 304);
  const std::int64_t shuffle_partitions = conf.integer("spark.sql.shuffle.partitions").value_or(200);
  f["shuffle.partitions"] = Value::of(num(shuffle_partitions));
  f["files.max_partition_bytes"] = Value::of(num(conf.bytes("spark.sql.files.maxPartitionBytes").value_or(128 * kMiB)));
  f["files.open_cost_bytes"] = Value::of(num(conf.bytes("spark.sql.files.openCostInBytes").value_or(4 * kMiB)));
  const std::int64_t broadcast_bytes = conf.bytes("spark.sql.autoBroadcastJoinThreshold").value_or(10 * kMiB);
  f["broadcast.threshold_bytes"] = Value::of(num(broadcast_bytes));
  const std::int64_t driver_mib = std::max<std::int64_t>(1, clamp_mib(conf.mib("spark.driver.memory").value_or(layout::kDefaultDriverMiB)));
  f["driver.heap_mib"] = Value::of(num(driver_mib));

  if (input.glue_job && input.glue_catalog) {
    GlueSettings glue;
    glue.shuffle_partitions = shuffle_partitions;
    glue.shuffle_partitions_set = conf.set("spark.sql.shuffle.partitions");
    glue.aqe = f["aqe.enabled"].boolean;
    glue.parallelism_first = conf.boolean("spark.sql.adaptive.coalescePartitions.parallelismFirst").value_or(true);
    add_glue_facts(input, glue, result);
    return result;
  }
  // A SparkApplication runs on Kubernetes, nodes or not: its pods' requests and limits are
  // reviewable alone.
  if (input.k8s_app) {
    f["platform"] = Value::of(std::string(platform::to_string(platform::Platform::kubernetes)));
    add_kubernetes_pods(conf, result);
  }
  if (!input.cluster) {
    // Without a cluster only what the settings say by themselves.
    if (auto heap = conf.mib("spark.executor.memory")) f["executor.heap_mib"] = Value::of(num(*heap));
    if (auto cores = conf.integer("spark.executor.cores")) f["executor.cores"] = Value::of(num(*cores));
    return result;
  }

  // ---- the cluster ----------------------------------------------------------------------------
  const platform::Cluster& cluster = *input.cluster;
  const layout::Node& node = cluster.node;
  const bool k8s = cluster.platform == platform::Platform::kubernetes;
  f["platform"] = Value::of(std::string(platform::to_string(cluster.platform)));
  f["platform.overhead_factor"] = Value::of(cluster.overhead_factor);
  f["cluster.nodes"] = Value::of(cluster.nodes);
  f["cluster.description"] = Value::of(cluster.description);
  // A generic YARN cluster or a named queue is shared with other applications (YARN queues mean
  // nothing on Kubernetes).
  const Setting* queue = conf.find("spark.yarn.queue");
  f["cluster.shared"] = Value::of(cluster.platform == platform::Platform::yarn || (!k8s && queue && queue->value != "default"));
  // Words for messages that hold on either platform: what an executor runs in, who places and
  // kills it, what a node offers.
  f["platform.scheduler"] = Value::of(std::string(k8s ? "Kubernetes" : "YARN"));
  f["platform.container"] = Value::of(std::string(k8s ? "pod" : "container"));
  f["node.cores_name"] = Value::of(std::string(k8s ? "allocatable cores" : "vCPUs"));
  f["node.memory_name"] = Value::of(std::string(k8s ? "allocatable memory" : "YARN memory"));
  f["node.reserve_note"] = Value::of(k8s ? std::string()
                                         : " (" + std::to_string(cluster.reserve_cores) + " are reserved for the OS and daemons)");

  f["node.vcpus"] = Value::of(node.vcpus);
  f["node.yarn_vcores"] = Value::of(node.yarn_vcores);
  f["node.yarn_memory_mib"] = Value::of(num(node.yarn_memory_mib));
  f["node.yarn_max_mib"] = Value::of(num(node.yarn_max_allocation_mib > 0 ? node.yarn_max_allocation_mib : node.yarn_memory_mib));
  f["node.yarn_min_mib"] = Value::of(num(node.yarn_min_allocation_mib));
  f["node.reserved_cores"] = Value::of(cluster.reserve_cores);

  // ---- the layout the settings ask for ------------------------------------------------------
  layout::Choices& c = L.choices;
  c.overhead_factor = cluster.overhead_factor;
  c.gc = cluster.gc;
  c.reserve_cores = cluster.reserve_cores;
  c.calculator = input.calculator;
  // On Kubernetes spark.kubernetes.memoryOverheadFactor (spec.memoryOverheadFactor) stands where
  // YARN's own key does elsewhere; both yield to spark.executor.memoryOverheadFactor (Spark 3.3+).
  const char* platform_factor_key = k8s ? "spark.kubernetes.memoryOverheadFactor" : "spark.yarn.executor.memoryOverheadFactor";
  if (auto factor = conf.number("spark.executor.memoryOverheadFactor")) c.overhead_factor = *factor;
  else if (auto platform_factor = conf.number(platform_factor_key)) c.overhead_factor = *platform_factor;
  if (c.overhead_factor <= 0 || c.overhead_factor >= 1) c.overhead_factor = cluster.overhead_factor;
  const bool emr = cluster.platform == platform::Platform::emr;
  bool assumed = false;
  if (auto cores = conf.integer("spark.executor.cores"); cores && *cores > 0) {
    c.executor_cores = static_cast<int>(std::min<std::int64_t>(*cores, 100000));
  } else if (maximize) {
    c.executor_cores = node.vcpus;
  } else if (emr) {
    assumed = true;  // EMR sets executor cores from the instance type: sparkfit's choice stands in
    L.notes.push_back("spark.executor.cores not set: EMR picks it from the instance type; sparkfit assumes its own choice");
  } else {
    c.executor_cores = 1;  // Spark's default on YARN
  }
  if (auto heap = conf.mib("spark.executor.memory"); heap && *heap >= 0) {
    c.heap_mib = std::max<std::int64_t>(1, clamp_mib(*heap));
  } else if (!maximize && !emr) {
    c.heap_mib = layout::kDefaultDriverMiB;  // spark.executor.memory defaults to 1g as well
  } else if (emr && !maximize) {
    assumed = true;
    L.notes.push_back("spark.executor.memory not set: EMR picks it from the instance type; sparkfit assumes the heap that fills the node");
  }
  f["layout.assumed"] = Value::of(assumed);
  std::optional<std::int64_t> overhead = conf.mib("spark.executor.memoryOverhead");
  if (!overhead) overhead = conf.mib("spark.yarn.executor.memoryOverhead");
  if (overhead && *overhead > 0) c.overhead_mib = clamp_mib(*overhead);
  f["executor.overhead_set"] = Value::of(overhead.has_value());
  if (conf.boolean("spark.memory.offHeap.enabled").value_or(false)) c.offheap_mib = clamp_mib(conf.mib("spark.memory.offHeap.size").value_or(0));
  c.pyspark_mib = clamp_mib(conf.mib("spark.executor.pyspark.memory").value_or(0));
  const std::optional<std::int64_t> instances = conf.integer("spark.executor.instances");
  std::optional<std::int64_t> requested;
  if (dynamic) {
    if (max_executors && *max_executors > 0) requested = max_executors;
  } else if (instances && *instances > 0) {
    requested = instances;
  } else if (maximize) {
    requested = cluster.nodes;
  } else if (!emr) {
    requested = 2;  // spark.executor.instances with static allocation
  }
  if (requested) c.num_executors = static_cast<int>(std::min<std::int64_t>(*requested, 1000000));
  // Unbounded dynamic allocation grows until YARN is full, whatever the sizing policy says.
  else if (dynamic) c.num_executors = 1000000;
  const Setting* mode = conf.find("spark.submit.deployMode");
  c.deploy_mode = mode && mode->value == "cluster" ? job::DeployMode::cluster : job::DeployMode::client;
  c.driver_heap_mib = driver_mib;
  c.driver_cores = static_cast<int>(std::clamp<std::int64_t>(conf.integer("spark.driver.cores").value_or(1), 1, 1024));
  c.task_cpus = static_cast<int>(std::clamp<std::int64_t>(conf.integer("spark.task.cpus").value_or(1), 1, 1024));
  if (auto fraction = conf.number("spark.memory.fraction"); fraction && *fraction > 0 && *fraction < 1) c.memory_fraction = *fraction;
  if (auto fraction = conf.number("spark.memory.storageFraction"); fraction && *fraction >= 0 && *fraction < 1) c.storage_fraction = *fraction;
  for (const char* key : {"spark.executor.extraJavaOptions", "spark.executor.defaultJavaOptions"}) {
    if (const Setting* s = conf.find(key)) {
      if (s->value.find("-XX:+UseG1GC") != std::string::npos) c.gc = layout::GarbageCollector::g1;
      if (s->value.find("-XX:+UseParallelGC") != std::string::npos) c.gc = layout::GarbageCollector::parallel;
    }
  }

  // spark.driver.memoryOverhead sizes the driver's container (YARN cluster mode) or pod.
  if (auto driver_overhead = conf.mib("spark.driver.memoryOverhead"); driver_overhead && *driver_overhead > 0)
    c.driver_overhead_mib = clamp_mib(*driver_overhead);
  if (k8s) place_kubernetes_pods(conf, cluster, c, result);

  L.reviewed = layout::compute(node, cluster.nodes, c);
  const layout::Layout& R = L.reviewed;
  const bool placeable = R.problem == layout::Problem::none;
  // Where the executors would go if the heap were shrunk to fit: how many the cluster holds
  // for these cores and this count, and whether the AM displaces one.
  L.placement = R;
  if (!placeable && R.problem != layout::Problem::bad_choice && R.problem != layout::Problem::cores_above_node_vcores) {
    layout::Choices shrunk = c;
    shrunk.heap_mib = 0;
    shrunk.overhead_mib = 0;
    L.placement = layout::compute(node, cluster.nodes, shrunk);
  }
  const layout::Layout& P = L.placement;
  const bool placement_ok = P.problem == layout::Problem::none;

  f["layout.problem"] = Value::of(std::string(layout::to_string(R.problem)));
  f["layout.placeable"] = Value::of(placeable);
  f["executor.cores"] = Value::of(R.executor_cores);
  f["executor.heap_mib"] = Value::of(num(R.heap_mib));
  f["executor.overhead_mib"] = Value::of(num(R.overhead_mib));
  if (R.heap_mib > 0) {
    f["executor.overhead_factor"] = Value::of(num(R.overhead_mib) / num(R.heap_mib));
    // Overheads the platform's factor and Spark's non-JVM factor (0.40) would give this heap.
    std::int64_t platform_overhead = layout::default_overhead_mib(R.heap_mib, cluster.overhead_factor);
    f["executor.platform_overhead_mib"] = Value::of(num(platform_overhead));
    f["executor.platform_overhead"] = Value::of(units::format_spark_memory(platform_overhead));
    f["executor.python_overhead"] = Value::of(units::format_spark_memory(layout::default_overhead_mib(R.heap_mib, 0.40)));
  }
  f["executor.offheap_mib"] = Value::of(num(R.offheap_mib));
  f["executor.pyspark_mib"] = Value::of(num(R.pyspark_mib));
  f["container.request_mib"] = Value::of(num(R.container_request_mib));
  f["container.mib"] = Value::of(num(R.container_mib));
  if (requested) {
    f["executors.requested"] = Value::of(num(*requested));
    // The setting the request comes from, for findings to point at.
    f["executors.requested_key"] =
        Value::of(std::string(dynamic ? "spark.dynamicAllocation.maxExecutors" : "spark.executor.instances"));
  }
  if (k8s && f.count("node.allocatable_mib")) {
    // What makes an executor pod too big for a node: its memory first, else its CPU request.
    const bool memory = num(R.container_mib) > f["node.allocatable_mib"].number;
    f["executor.pod_excess_key"] = Value::of(std::string(
        memory ? "spark.executor.memory"
               : conf.set("spark.kubernetes.executor.request.cores") ? "spark.kubernetes.executor.request.cores" : "spark.executor.cores"));
  }
  if (placement_ok) {
    f["executors.capacity"] = Value::of(P.capacity_executors);
    f["executors.capacity_without_am"] = Value::of(cluster.nodes * P.yarn_executors_per_node);
    f["am.container_mib"] = Value::of(num(P.am_container_mib));
    f["node.executors"] = Value::of(P.executors_per_node);
    f["node.executors_on_am_node"] = Value::of(P.executors_on_am_node);
  }
  f["executors.started"] = Value::of(placeable ? R.num_executors : 0);
  if (placeable) {
    f["executors.task_slots"] = Value::of(R.task_slots);
    f["fix.partitions_for_slots"] = Value::of(2 * R.task_slots);  // 2 tasks per core (tuning guide: 2-3)
    f["node.cores_used"] = Value::of(R.executors_per_node * R.executor_cores);
    f["node.idle_cores"] = Value::of(R.idle_cores_per_node);
    f["node.idle_memory_mib"] = Value::of(num(R.idle_memory_mib_per_node));
    f["node.oversubscribed_cores"] = Value::of(R.oversubscribed_cores_per_node);
  }
  if (R.heap_mib > 0 && R.executor_cores > 0) {
    f["task.concurrent"] = Value::of(R.regions.concurrent_tasks);
    f["task.memory_min_bytes"] = Value::of(num(R.regions.execution_per_task_min_bytes));
    f["task.memory_max_bytes"] = Value::of(num(R.regions.execution_per_task_max_bytes));
  }

  // ---- what sparkfit would use on the same cluster ---------------------------------------------
  layout::Choices& fc = L.fix_choices;
  fc = layout::Choices{};
  fc.overhead_factor = cluster.overhead_factor;
  fc.gc = cluster.gc;
  fc.reserve_cores = cluster.reserve_cores;
  fc.calculator = c.calculator;
  fc.deploy_mode = c.deploy_mode;
  fc.driver_heap_mib = c.driver_heap_mib;
  fc.driver_overhead_mib = c.driver_overhead_mib;
  fc.driver_cores = c.driver_cores;
  fc.driver_request_cores = c.driver_request_cores;
  fc.task_cpus = c.task_cpus;
  fc.offheap_mib = c.offheap_mib;
  fc.pyspark_mib = c.pyspark_mib;
  fc.memory_fraction = c.memory_fraction;
  fc.storage_fraction = c.storage_fraction;
  L.fix = layout::compute(node, cluster.nodes, fc);

  std::optional<model::JobPlan>& plan = result.plan;
  model::Settings settings;
  settings.shuffle_partitions = shuffle_partitions;
  settings.aqe = f["aqe.enabled"].boolean;
  settings.parallelism_first = conf.boolean("spark.sql.adaptive.coalescePartitions.parallelismFirst").value_or(true);
  settings.calibration = input.calibration;
  if (input.job && input.constants) {
    plan = model::plan_job(*input.job, *input.constants);
    if (input.job->emr) {
      settings.market = input.job->emr->market;
      settings.spot_discount = input.job->emr->spot_discount;
    }
    // The search recommend runs, on this one cluster: executor cores and shuffle partitions.
    search::Space space;
    space.platform = cluster.platform;
    if (cluster.platform == platform::Platform::yarn) {
      space.yarn = cluster;
    } else if (k8s) {
      space.cluster = cluster;  // the nodes as Kubernetes offers them, not an EMR node of the same type
    } else if (cluster.instance) {
      space.instances = {cluster.instance};
      space.nodes = {cluster.nodes};
      space.release = cluster.release;
    }
    // The cores sparkfit's own policy allows (3-5, fewer on small nodes), so that the fix never
    // contradicts the sizing rules (no 1-core or 8-core executors).
    const int usable = std::max(1, node.vcpus - fc.reserve_cores);
    for (int cores = 3; cores <= 5; ++cores)
      if (cores <= usable) space.executor_cores.push_back(cores);
    if (space.executor_cores.empty()) space.executor_cores.push_back(usable);
    if (space.yarn || space.cluster || !space.instances.empty()) {
      model::Settings search_settings = settings;
      search::Result found = search::run(*plan, space, fc, search_settings, *input.constants, input.job->objective);
      if (found.best) {
        const search::Candidate& best = found.candidates[*found.best];
        fc = search::choices_of(fc, best);
        L.fix = layout::compute(node, cluster.nodes, fc);
        L.fix_shuffle_partitions = best.shuffle_partitions;
      }
    }
  }
  const layout::Layout& X = L.fix;
  if (X.problem == layout::Problem::none) {
    f["fix.executor_cores"] = Value::of(X.executor_cores);
    f["fix.num_executors"] = Value::of(X.num_executors);
    f["fix.executor_memory_mib"] = Value::of(num(X.heap_mib));
    f["fix.executor_memory"] = Value::of(units::format_spark_memory(X.heap_mib));
    f["fix.executor_memory_gib"] = Value::of(std::to_string(X.heap_mib / 1024) + "G");
    f["fix.overhead_mib"] = Value::of(num(X.overhead_mib));
    f["fix.overhead"] = Value::of(units::format_spark_memory(X.overhead_mib));
    f["fix.overhead_factor"] = Value::of(cluster.overhead_factor);
    f["fix.container_mib"] = Value::of(num(X.container_mib));
    f["fix.executors_per_node"] = Value::of(X.executors_per_node);
    f["fix.task_slots"] = Value::of(X.task_slots);
    f["fix.max_executors"] = Value::of(X.capacity_executors);
  }
  // A driver heap that holds a broadcast relation several times over.
  {
    std::int64_t threshold_mib = clamp_mib(broadcast_bytes / kMiB);
    std::int64_t driver = std::max<std::int64_t>(driver_mib, 10 * threshold_mib);
    f["fix.driver_memory"] = Value::of(units::format_spark_memory((driver + 1023) / 1024 * 1024));
  }

  // ---- the model, with a job -------------------------------------------------------------------
  if (plan) {
    const model::JobPlan& jp = *plan;
    f["job.input_bytes"] = Value::of(jp.input_bytes);
    f["input.files"] = Value::of(num(jp.files));
    f["input.avg_file_bytes"] = Value::of(jp.input_bytes / num(std::max<std::int64_t>(1, jp.files)));
    double shuffle = 0;
    for (const model::StagePlan& s : jp.stages)
      if (s.reads_shuffle) shuffle = std::max(shuffle, s.bytes_in);
    f["job.shuffle_bytes"] = Value::of(shuffle);
    if (shuffle > 0) f["shuffle.bytes_per_partition"] = Value::of(shuffle / num(std::max<std::int64_t>(1, shuffle_partitions)));
    if (L.fix_shuffle_partitions == 0 && X.problem == layout::Problem::none)
      L.fix_shuffle_partitions = search::tuned_shuffle_partitions(jp, X.task_slots, *input.constants);
    if (placeable) {
      model::Prediction p = model::predict(jp, cluster, R, settings, *input.constants);
      L.predicted = p;
      double working = 0, spill = 0;
      std::int64_t input_tasks = 0, shuffle_tasks = 0;
      for (int i = 0; i < p.stage_count; ++i) {
        const model::StageResult& r = p.stages[static_cast<std::size_t>(i)];
        const model::StagePlan& s = jp.stages[static_cast<std::size_t>(i)];
        working = std::max(working, r.bytes_per_task * jp.expansion * s.working_set);
        spill += r.spill_bytes * r.runs;
        if (s.reads_input) input_tasks = std::max(input_tasks, r.tasks);
        if (s.reads_shuffle) shuffle_tasks = std::max(shuffle_tasks, r.tasks);
      }
      f["task.working_set_bytes"] = Value::of(working);
      f["predicted.spill_bytes"] = Value::of(spill);
      if (input_tasks) f["input.tasks"] = Value::of(num(input_tasks));
      if (shuffle_tasks) f["shuffle.tasks"] = Value::of(num(shuffle_tasks));
      if (p.feasible()) {
        f["predicted.runtime_s"] = Value::of(p.runtime_s);
        f["predicted.runtime"] = Value::of(units::format_duration(p.runtime_s));
        f["predicted.core_hours"] = Value::of(p.core_hours);
        if (cluster.platform != platform::Platform::yarn) f["predicted.cost_usd"] = Value::of(p.cost_usd);
      }
    }
    if (X.problem == layout::Problem::none) {
      model::Settings fix_settings = settings;
      fix_settings.shuffle_partitions = L.fix_shuffle_partitions;
      model::Prediction q = model::predict(jp, cluster, X, fix_settings, *input.constants);
      L.fix_predicted = q;
      if (q.feasible()) {
        f["fix.runtime_s"] = Value::of(q.runtime_s);
        f["fix.runtime"] = Value::of(units::format_duration(q.runtime_s));
        if (cluster.platform != platform::Platform::yarn) f["fix.cost_usd"] = Value::of(q.cost_usd);
        if (L.predicted && L.predicted->feasible()) {
          const bool priced = cluster.platform != platform::Platform::yarn;
          double before = priced ? L.predicted->cost_usd : L.predicted->core_hours;
          double after = priced ? q.cost_usd : q.core_hours;
          if (priced) f["fix.saving_usd"] = Value::of(before - after);
          f["fix.saving_measure"] = Value::of(std::string(priced ? "cost" : "core-hours"));
          if (before > 0) {
            f["fix.saving_fraction"] = Value::of((before - after) / before);
            f["fix.saving_percent"] = Value::of(std::round((before - after) / before * 100));
          }
        }
      }
    }
  }
  if (L.fix_shuffle_partitions > 0) f["fix.shuffle_partitions"] = Value::of(num(L.fix_shuffle_partitions));
  return result;
}

}  // namespace sparkfit::review
