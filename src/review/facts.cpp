// From settings and a cluster to named facts. Layout facts come from layout::compute, model
// facts from model::predict, the recommendation from the same search `recommend` runs; this file
// only reads settings as Spark reads them and names the results.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <regex>

#include "review/glue_facts.hpp"
#include "review/serverless_facts.hpp"
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

// Spark refuses to broadcast a table of 8 GiB or more (BroadcastExchangeExec.MAX_BROADCAST_TABLE_BYTES).
constexpr std::int64_t kMaxBroadcastTableBytes = std::int64_t{8} << 30;

std::int64_t clamp_mib(std::int64_t mib) { return std::clamp<std::int64_t>(mib, 0, kMaxMiB); }

// JDK 8 logging flags that JDK 9+ no longer recognises: the JVM refuses to start.
const std::vector<std::string> kRemovedJvmFlags = {"PrintGCDateStamps",
                                                   "PrintGCTimeStamps",
                                                   "PrintGCApplicationStoppedTime",
                                                   "PrintGCApplicationConcurrentTime",
                                                   "PrintTenuringDistribution",
                                                   "PrintAdaptiveSizePolicy",
                                                   "PrintHeapAtGC",
                                                   "PrintGCCause",
                                                   "PrintReferenceGC",
                                                   "G1SummarizeConcMark",
                                                   "G1PrintHeapRegions",
                                                   "UseGCLogFileRotation",
                                                   "NumberOfGCLogFiles",
                                                   "GCLogFileSize",
                                                   "UseParNewGC"};
// Flags JDK 9+ still accepts with a deprecation warning (or ignores, for CMS after JDK 14).
const std::vector<std::string> kDeprecatedJvmFlags = {"PrintGCDetails", "PrintGC", "Xloggc", "UseConcMarkSweepGC"};

// Families of keys the known-key table covers closely: an unknown key under one of them is
// most likely a typo even without a close match.
const std::vector<std::string> kClosedFamilies = {"spark.dynamicAllocation.", "spark.memory.", "spark.sql.adaptive.",
                                                  "spark.shuffle.service.", "spark.speculation."};

const std::vector<std::string> kMemoryKeys = {"spark.executor.memory",
                                              "spark.driver.memory",
                                              "spark.executor.memoryOverhead",
                                              "spark.driver.memoryOverhead",
                                              "spark.executor.pyspark.memory",
                                              "spark.yarn.am.memory",
                                              "spark.yarn.executor.memoryOverhead",
                                              "spark.yarn.driver.memoryOverhead"};

std::optional<std::int64_t> parse_int(std::string_view text) {
  std::string t = text::trimmed(text);
  std::int64_t n = 0;
  auto [ptr, ec] = std::from_chars(t.data(), t.data() + t.size(), n);
  if (t.empty() || ec != std::errc() || ptr != t.data() + t.size()) return std::nullopt;
  return n;
}

std::optional<double> parse_double(std::string_view text) {
  std::string t = text::trimmed(text);
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
  return std::regex_match(text::trimmed(text), kDuration);
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
      if (valid_duration(setting.value)) return {Value::of(text::trimmed(setting.value)), {}};
      return {Value::of(setting.value), "expected a duration such as 60s, 500ms or 5min"};
    case spark_conf::KeyType::string: return {Value::of(setting.value), {}};
  }
  return {Value::of(setting.value), {}};
}

// The words of a JVM options string, split at blanks as the JVM's launcher splits them.
std::vector<std::string> option_tokens(const std::string& options) {
  std::vector<std::string> tokens;
  std::size_t start = 0;
  while (start < options.size()) {
    std::size_t end = options.find_first_of(" \t\n", start);
    if (end == std::string::npos) end = options.size();
    if (end > start) tokens.push_back(options.substr(start, end - start));
    start = end + 1;
  }
  return tokens;
}

std::vector<std::string> jvm_flags_in(const std::string& options, const std::vector<std::string>& names) {
  std::vector<std::string> found;
  for (const std::string& token : option_tokens(options)) {
    for (const std::string& name : names) {
      // -XX:+Name, -XX:-Name, -XX:Name=value and -Xloggc:file
      bool match = token == "-XX:+" + name || token == "-XX:-" + name ||
                   text::starts_with(token, "-XX:" + name + "=") ||
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

// JVM options: the JDK 8 flags JDK 9+ refuses or only warns about, and the same options without
// them, for the fix.
void add_jvm_option_facts(const Setting& setting, Facts& item) {
  std::vector<std::string> removed = jvm_flags_in(setting.value, kRemovedJvmFlags);
  std::vector<std::string> deprecated = jvm_flags_in(setting.value, kDeprecatedJvmFlags);
  item["item.jvm_removed_count"] = Value::of(static_cast<int>(removed.size()));
  item["item.jvm_removed_flags"] = Value::of(text::join(removed, " "));
  item["item.jvm_deprecated_count"] = Value::of(static_cast<int>(deprecated.size()));
  item["item.jvm_deprecated_flags"] = Value::of(text::join(deprecated, " "));
  // The same options without the flags JDK 9+ refuses, for the fix.
  std::string kept;
  for (std::string token : option_tokens(setting.value)) {
    if (std::find(removed.begin(), removed.end(), token) != removed.end()) continue;
    if (std::find(deprecated.begin(), deprecated.end(), token) != deprecated.end()) {
      if (token == "-XX:+PrintGCDetails" || token == "-XX:+PrintGC")
        token = "-Xlog:gc*";
      else
        continue;
    }
    if (kept.find(token) != std::string::npos) continue;
    kept += (kept.empty() ? "" : " ") + token;
  }
  item["item.jvm_fixed_options"] = Value::of(kept);
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
    // The value as Spark reads it, for numbers and sizes (bytes): SF1004 compares it with 0.
    if (typed.error.empty() && typed.value.kind == Value::Kind::number) item["item.number"] = typed.value;
    const bool memory = std::find(kMemoryKeys.begin(), kMemoryKeys.end(), setting.key) != kMemoryKeys.end();
    std::optional<std::int64_t> bare = parse_int(setting.value);
    item["item.bare_memory"] = Value::of(memory && bare.has_value());
    if (memory && bare) {
      item["item.mib"] = Value::of(static_cast<double>(*bare));
      item["item.fix_value"] = Value::of(std::to_string(*bare) + "g");
    }
  }
  const bool java_options = setting.key.find("extraJavaOptions") != std::string::npos ||
                            setting.key.find("defaultJavaOptions") != std::string::npos;
  if (text::starts_with(setting.key, "spark.") && java_options) add_jvm_option_facts(setting, item);
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
  Facts& facts = result.facts;
  auto cpu = [&](const std::string& key) -> std::optional<double> {
    const Setting* s = conf.find(key);
    return s ? spark_conf::parse_cpu_quantity(s->value) : std::nullopt;
  };
  std::vector<Facts>& items = result.collections["pod"];
  for (const std::string role : {"driver", "executor"}) {
    const std::string request_key = "spark.kubernetes." + role + ".request.cores";
    const std::string limit_key = "spark.kubernetes." + role + ".limit.cores";
    const std::int64_t cores =
        std::clamp<std::int64_t>(conf.integer("spark." + role + ".cores").value_or(1), 1, 1000000);
    const std::optional<double> request = cpu(request_key);
    const double asked = request.value_or(num(cores));
    facts[role + ".request_cores"] = Value::of(asked);
    const std::optional<double> limit = cpu(limit_key);
    if (!limit) continue;
    facts[role + ".limit_cores"] = Value::of(*limit);
    Facts item;
    item["item.key"] = Value::of(limit_key);
    item["item.role"] = Value::of(role);
    item["item.request_cores"] = Value::of(asked);
    item["item.request_setting"] = Value::of(request ? request_key : "spark." + role + ".cores");
    item["item.request_text"] =
        Value::of(request ? std::string(text::trim(conf.find(request_key)->value)) : std::to_string(cores));
    item["item.limit_cores"] = Value::of(*limit);
    item["item.limit_text"] = Value::of(std::string(text::trim(conf.find(limit_key)->value)));
    item["item.consequence"] =
        Value::of(std::string(role == "driver" ? "the application never starts" : "no executor starts"));
    items.push_back(std::move(item));
  }
}

// The same pods on the nodes: what a node has allocatable, and the choices the layout engine
// places them by.
void place_kubernetes_pods(const Conf& conf, const platform::Cluster& cluster, layout::Choices& choices,
                           FactSet& result) {
  Facts& facts = result.facts;
  // Plain variables, not a structured binding: clang 14 cannot capture one in the lambda below.
  const std::pair<double, std::int64_t> allocatable = platform::kubernetes_allocatable(*cluster.instance);
  const double allocatable_cores = allocatable.first;
  const std::int64_t allocatable_mib = allocatable.second;
  facts["node.allocatable_cores"] = Value::of(allocatable_cores);
  facts["node.allocatable_mib"] = Value::of(num(allocatable_mib));
  // The nodes offer their whole allocatable cores, which requests (fractions too) divide. A
  // request that fits a node's allocatable cores is never more than its whole cores there, so the
  // layout and Kubernetes agree on what fits.
  auto placed = [&](const char* key) {
    const Setting* s = conf.find(key);
    std::optional<double> request = s ? spark_conf::parse_cpu_quantity(s->value) : std::nullopt;
    if (!request) return 0.0;  // the role's cores
    return *request <= allocatable_cores ? std::min(*request, num(cluster.node.yarn_vcores)) : std::min(*request, 1e6);
  };
  choices.request_cores = placed("spark.kubernetes.executor.request.cores");
  choices.driver_request_cores = placed("spark.kubernetes.driver.request.cores");
  // The driver pod's overhead has its own factor (Spark 3.3+: spark.driver.memoryOverheadFactor,
  // then the Kubernetes-wide one, then 0.10, or 0.40 for non-JVM applications).
  if (choices.driver_overhead_mib == 0) {
    double factor =
        conf.number("spark.driver.memoryOverheadFactor")
            .value_or(conf.number("spark.kubernetes.memoryOverheadFactor").value_or(cluster.overhead_factor));
    if (factor <= 0 || factor >= 1) factor = cluster.overhead_factor;
    choices.driver_overhead_mib = layout::default_overhead_mib(choices.driver_heap_mib, factor);
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
      "platform", "platform.overhead_factor", "cluster.nodes", "cluster.shared", "cluster.description", "node.vcpus",
      "node.yarn_vcores", "node.yarn_memory_mib", "node.yarn_max_mib", "node.yarn_min_mib", "node.reserved_cores",
      "node.executors", "node.executors_on_am_node", "node.cores_used", "node.idle_cores", "node.idle_memory_mib",
      "node.oversubscribed_cores", "yarn.calculator", "yarn.pmem_check", "yarn.vmem_check", "spark.version",
      "spark.version_major", "spark.version_minor", "java.version", "emr.release", "app.python", "app.non_jvm",
      "executor.cores", "executor.heap_mib", "executor.overhead_mib", "executor.overhead_factor",
      "executor.overhead_set", "executor.offheap_mib", "executor.pyspark_mib", "container.request_mib", "container.mib",
      "layout.problem", "layout.placeable", "layout.assumed", "executors.requested", "executors.capacity",
      "executors.capacity_without_am", "executors.started", "executors.task_slots", "am.container_mib",
      "task.concurrent", "task.memory_min_bytes", "task.memory_max_bytes", "task.working_set_bytes", "driver.heap_mib",
      "driver.needed_mib", "broadcast.threshold_bytes", "broadcast.spark_limit_bytes",
      "executor.storage_protected_bytes", "broadcast.fit_threshold", "aqe.enabled", "dynamic_allocation.enabled",
      "dynamic_allocation.max_executors", "shuffle_service.enabled", "shuffle_tracking.enabled",
      "maximize_resource_allocation", "shuffle.partitions", "shuffle.tasks", "shuffle.bytes_per_partition",
      "files.max_partition_bytes", "files.open_cost_bytes", "job.input_bytes", "job.shuffle_bytes", "input.files",
      "input.avg_file_bytes", "input.tasks", "predicted.runtime_s", "predicted.cost_usd", "predicted.core_hours",
      "predicted.spill_bytes", "fix.executor_cores", "fix.num_executors", "fix.executor_memory_mib",
      "fix.executor_memory", "fix.executor_memory_gib", "fix.overhead_mib", "fix.overhead", "fix.container_mib",
      "fix.executors_per_node", "fix.task_slots", "fix.shuffle_partitions", "fix.runtime_s", "fix.cost_usd",
      "fix.saving_usd", "fix.saving_fraction", "fix.max_executors", "fix.overhead_factor", "driver.needed_memory",
      "executors.partitions_for_slots", "fix.saving_percent", "executor.platform_overhead_mib",
      "executor.platform_overhead", "executor.python_overhead", "yarn.checks_on", "predicted.runtime", "fix.runtime",
      "fix.saving_measure",
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
      "glue.g_equivalent_task_memory_max_bytes", "glue.r_type", "glue.widest_tasks", "glue.max_needed_executors",
      "glue.idle_executors", "glue.one_wave_workers", "glue.fix_saving_fraction", "fix.glue_worker_type",
      "fix.glue_workers", "fix.glue_shuffle_partitions", "glue.runs", "glue.cannot_run_because", "glue.capacity_fix",
      // EMR Serverless jobs (serverless_facts.cpp)
      "serverless.source", "serverless.disk_range", "serverless.executor_vcpus", "serverless.executor_memory_gib",
      // the command's words (add_common_facts)
      "command.layout_hint", "conf.*", "conf_set.*", "item.*"};
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
  if (cluster.release && cluster.release->heterogeneous_executors)
    add("spark.yarn.heterogeneousExecutors.enabled", "true");
  return defaults;
}

namespace {

// ---- compute_facts, one section at a time ------------------------------------------------------

// Every effective setting as a conf.* fact, typed as Spark reads it, and as an item for rules
// that run over every setting.
void add_setting_facts(FactSet& result) {
  Facts& facts = result.facts;
  const std::vector<std::string> known_names = spark_conf::known_key_names();
  std::vector<Facts>& items = result.collections["setting"];
  for (const Setting& setting : result.effective) {
    const spark_conf::KnownKey* key = spark_conf::find_known_key(setting.key);
    facts["conf." + fact_key(setting.key)] = read_typed(setting, key).value;
    if (setting.precedence > spark_conf::kPrecedencePlatformDefault)
      facts["conf_set." + fact_key(setting.key)] = Value::of(true);
    items.push_back(setting_item(setting, known_names));
  }
}

// "job.py" has the extension ".py"; ".py" alone names no file.
bool has_extension(const std::string& text, std::string_view suffix) {
  return text.size() > suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The application's language: Python and R executors need memory outside the JVM.
void add_application_facts(const Input& input, const Conf& conf, Facts& facts) {
  const std::string& app = input.application;
  // A SparkApplication says its language outright (spec.type), whatever its file is called.
  const std::string k8s_type = input.k8s_app ? input.k8s_app->type : "";
  const bool python = has_extension(app, ".py") || conf.set("spark.submit.pyFiles") ||
                      (input.job && input.job->language == job::Language::python) || k8s_type == "Python";
  const bool r_app = has_extension(app, ".R") || has_extension(app, ".r") || k8s_type == "R";
  facts["app.python"] = Value::of(python);
  facts["app.non_jvm"] = Value::of(python || r_app);
}

// Places of inputs that are not Spark settings, and the NodeManager's memory checks (yarn-site).
void add_yarn_site_facts(const Input& input, FactSet& result) {
  Facts& facts = result.facts;
  if (!input.application_where.file.empty()) result.places["<application>"] = input.application_where;
  if (input.maximize_resource_allocation && !input.maximize_where.file.empty())
    result.places["maximizeResourceAllocation"] = input.maximize_where;
  for (const Setting& setting : input.yarn_site) {
    if (!setting.where.file.empty()) result.places[setting.key] = setting.where;
    if (setting.key == "yarn.nodemanager.pmem-check-enabled") {
      if (auto on = parse_bool(setting.value)) facts["yarn.pmem_check"] = Value::of(*on);
    } else if (setting.key == "yarn.nodemanager.vmem-check-enabled") {
      if (auto on = parse_bool(setting.value)) facts["yarn.vmem_check"] = Value::of(*on);
    }
  }
  const bool pmem = facts.count("yarn.pmem_check") && facts["yarn.pmem_check"].boolean;
  const bool vmem = facts.count("yarn.vmem_check") && facts["yarn.vmem_check"].boolean;
  if (pmem || vmem)
    facts["yarn.checks_on"] = Value::of(std::string(pmem && vmem ? "physical- and virtual-memory checks"
                                                    : pmem       ? "physical-memory check"
                                                                 : "virtual-memory check"));
  facts["yarn.calculator"] = Value::of(std::string(job::to_string(input.calculator)));
}

// "3.5.1": spark.version, and spark.version_major and _minor when the text has both.
void set_spark_version(const std::string& version, Facts& facts) {
  facts["spark.version"] = Value::of(version);
  facts.erase("spark.version_major");
  facts.erase("spark.version_minor");
  std::vector<std::string_view> parts = text::split(version, '.');
  if (parts.size() < 2) return;
  if (auto major = parse_int(parts[0])) facts["spark.version_major"] = Value::of(num(*major));
  if (auto minor = parse_int(parts[1])) facts["spark.version_minor"] = Value::of(num(*minor));
}

// Spark and Java versions: the EMR release says; --spark-version overrides Spark, and JAVA_HOME
// in executorEnv, then --java-version, override Java.
void add_version_facts(const Input& input, const Conf& conf, Facts& facts) {
  std::optional<int> java;
  if (input.cluster && input.cluster->release) {
    const catalog::EmrRelease& release = *input.cluster->release;
    facts["emr.release"] = Value::of(release.label);
    set_spark_version(release.spark_version, facts);
    if (auto major = parse_int(release_java(release))) java = static_cast<int>(*major);
  }
  if (!input.spark_version.empty()) set_spark_version(input.spark_version, facts);
  if (const Setting* home = conf.find("spark.executorEnv.JAVA_HOME")) {
    if (auto major = java_major_from_home(home->value)) java = *major;
  }
  if (input.java_version) java = input.java_version;
  if (java) facts["java.version"] = Value::of(*java);
}

// What the settings say that the layout and the model size by, with Spark's defaults.
struct Switches {
  bool maximize = false;  // EMR's maximizeResourceAllocation
  bool aqe = true;
  bool dynamic = false;
  std::optional<std::int64_t> max_executors;
  std::int64_t shuffle_partitions = 200;
  std::int64_t broadcast_bytes = 10 * kMiB;
  std::int64_t driver_mib = layout::kDefaultDriverMiB;
};

// The driver heap the job's settings need (layout::driver_heap_needed_mib, which recommend sizes its
// driver by): spark.driver.maxResultSize of results (unlimited reads as the 1g default) and the
// broadcast threshold's tables. The condition compares the exact need, the fix gives whole GiB.
void add_driver_need_facts(const Conf& conf, const Switches& read, Facts& facts) {
  std::int64_t results_mib = conf.mib("spark.driver.maxResultSize").value_or(layout::kDefaultMaxResultMiB);
  if (results_mib <= 0) results_mib = layout::kDefaultMaxResultMiB;
  const std::int64_t broadcast_mib = std::max<std::int64_t>(0, clamp_mib(read.broadcast_bytes / kMiB));
  const std::int64_t needed = layout::kReservedMiB + clamp_mib(results_mib) + 2 * broadcast_mib;
  facts["driver.needed_mib"] = Value::of(num(needed));
  facts["driver.needed_memory"] =
      Value::of(std::to_string(layout::driver_heap_needed_mib(clamp_mib(results_mib), broadcast_mib) / 1024) + "g");
}

// Feature switches, with Spark's defaults (the platform's are already among the effective settings).
Switches add_switch_facts(const Input& input, const Conf& conf, Facts& facts) {
  Switches read;
  read.maximize = input.maximize_resource_allocation.value_or(false);
  facts["maximize_resource_allocation"] = Value::of(read.maximize);
  const bool spark_known = facts.count("spark.version_major") > 0;
  const double spark_version =
      spark_known ? facts["spark.version_major"].number * 100 + facts["spark.version_minor"].number : 0;
  if (auto on = conf.boolean("spark.sql.adaptive.enabled"))
    read.aqe = *on;
  else if (spark_known)
    read.aqe = spark_version >= 302;
  else
    read.aqe = true;  // the default of every Spark release people run today
  facts["aqe.enabled"] = Value::of(read.aqe);
  read.dynamic = conf.boolean("spark.dynamicAllocation.enabled").value_or(false);
  facts["dynamic_allocation.enabled"] = Value::of(read.dynamic);
  read.max_executors = conf.integer("spark.dynamicAllocation.maxExecutors");
  if (read.max_executors) facts["dynamic_allocation.max_executors"] = Value::of(num(*read.max_executors));
  facts["shuffle_service.enabled"] = Value::of(conf.boolean("spark.shuffle.service.enabled").value_or(false));
  if (auto on = conf.boolean("spark.dynamicAllocation.shuffleTracking.enabled"))
    facts["shuffle_tracking.enabled"] = Value::of(*on);
  else if (spark_known)
    facts["shuffle_tracking.enabled"] = Value::of(spark_version >= 304);
  read.shuffle_partitions = conf.integer("spark.sql.shuffle.partitions").value_or(200);
  facts["shuffle.partitions"] = Value::of(num(read.shuffle_partitions));
  facts["files.max_partition_bytes"] =
      Value::of(num(conf.bytes("spark.sql.files.maxPartitionBytes").value_or(128 * kMiB)));
  facts["files.open_cost_bytes"] = Value::of(num(conf.bytes("spark.sql.files.openCostInBytes").value_or(4 * kMiB)));
  read.broadcast_bytes = conf.bytes("spark.sql.autoBroadcastJoinThreshold").value_or(10 * kMiB);
  facts["broadcast.threshold_bytes"] = Value::of(num(read.broadcast_bytes));
  facts["broadcast.spark_limit_bytes"] = Value::of(num(kMaxBroadcastTableBytes));
  read.driver_mib =
      std::max<std::int64_t>(1, clamp_mib(conf.mib("spark.driver.memory").value_or(layout::kDefaultDriverMiB)));
  facts["driver.heap_mib"] = Value::of(num(read.driver_mib));
  add_driver_need_facts(conf, read, facts);
  return read;
}

GlueSettings glue_settings(const Conf& conf, const Switches& read) {
  GlueSettings glue;
  glue.shuffle_partitions = read.shuffle_partitions;
  glue.shuffle_partitions_set = conf.set("spark.sql.shuffle.partitions");
  glue.aqe = read.aqe;
  glue.parallelism_first = conf.boolean("spark.sql.adaptive.coalescePartitions.parallelismFirst").value_or(true);
  return glue;
}

// The cluster and its nodes, with the words messages use on its platform: what an executor runs
// in, who places and kills it, what a node offers.
void add_cluster_facts(const platform::Cluster& cluster, const Conf& conf, Facts& facts) {
  const layout::Node& node = cluster.node;
  const bool k8s = cluster.platform == platform::Platform::kubernetes;
  facts["platform"] = Value::of(std::string(platform::to_string(cluster.platform)));
  facts["platform.overhead_factor"] = Value::of(cluster.overhead_factor);
  facts["cluster.nodes"] = Value::of(cluster.nodes);
  facts["cluster.description"] = Value::of(cluster.description);
  // A generic YARN cluster or a named queue is shared with other applications (YARN queues mean
  // nothing on Kubernetes).
  const Setting* queue = conf.find("spark.yarn.queue");
  facts["cluster.shared"] =
      Value::of(cluster.platform == platform::Platform::yarn || (!k8s && queue && queue->value != "default"));
  facts["platform.scheduler"] = Value::of(std::string(k8s ? "Kubernetes" : "YARN"));
  facts["platform.container"] = Value::of(std::string(k8s ? "pod" : "container"));
  facts["node.cores_name"] = Value::of(std::string(k8s ? "allocatable cores" : "vCPUs"));
  facts["node.memory_name"] = Value::of(std::string(k8s ? "allocatable memory" : "YARN memory"));
  facts["node.reserve_note"] = Value::of(
      k8s ? std::string() : " (" + std::to_string(cluster.reserve_cores) + " are reserved for the OS and daemons)");
  facts["node.vcpus"] = Value::of(node.vcpus);
  facts["node.yarn_vcores"] = Value::of(node.yarn_vcores);
  facts["node.yarn_memory_mib"] = Value::of(num(node.yarn_memory_mib));
  facts["node.yarn_max_mib"] =
      Value::of(num(node.yarn_max_allocation_mib > 0 ? node.yarn_max_allocation_mib : node.yarn_memory_mib));
  facts["node.yarn_min_mib"] = Value::of(num(node.yarn_min_allocation_mib));
  facts["node.reserved_cores"] = Value::of(cluster.reserve_cores);
}

// What every layout on this cluster starts from, with the overhead factor the settings give.
void choose_platform_basis(const platform::Cluster& cluster, const Input& input, const Conf& conf,
                           layout::Choices& choices) {
  choices.overhead_factor = cluster.overhead_factor;
  choices.gc = cluster.gc;
  choices.reserve_cores = cluster.reserve_cores;
  choices.calculator = input.calculator;
  // On Kubernetes spark.kubernetes.memoryOverheadFactor (spec.memoryOverheadFactor) stands where
  // YARN's own key does elsewhere; both yield to spark.executor.memoryOverheadFactor (Spark 3.3+).
  const bool k8s = cluster.platform == platform::Platform::kubernetes;
  const char* platform_factor_key =
      k8s ? "spark.kubernetes.memoryOverheadFactor" : "spark.yarn.executor.memoryOverheadFactor";
  if (auto factor = conf.number("spark.executor.memoryOverheadFactor"))
    choices.overhead_factor = *factor;
  else if (auto platform_factor = conf.number(platform_factor_key))
    choices.overhead_factor = *platform_factor;
  if (choices.overhead_factor <= 0 || choices.overhead_factor >= 1) choices.overhead_factor = cluster.overhead_factor;
}

// The executor the settings ask for (cores, heap, overheads), or what Spark and EMR use when a
// setting is unset; layout.assumed says whether sparkfit stood in for EMR's own choice.
void choose_executor_size(const platform::Cluster& cluster, const Conf& conf, bool maximize, Layouts& layouts,
                          Facts& facts) {
  layout::Choices& choices = layouts.choices;
  const bool emr = cluster.platform == platform::Platform::emr;
  bool assumed = false;
  if (auto cores = conf.integer("spark.executor.cores"); cores && *cores > 0) {
    choices.executor_cores = static_cast<int>(std::min<std::int64_t>(*cores, 100000));
  } else if (maximize) {
    choices.executor_cores = cluster.node.vcpus;
  } else if (emr) {
    assumed = true;  // EMR sets executor cores from the instance type: sparkfit's choice stands in
    layouts.notes.push_back(
        "spark.executor.cores not set: EMR picks it from the instance type; sparkfit assumes its own choice");
  } else {
    choices.executor_cores = 1;  // Spark's default on YARN
  }
  if (auto heap = conf.mib("spark.executor.memory"); heap && *heap >= 0) {
    choices.heap_mib = std::max<std::int64_t>(1, clamp_mib(*heap));
  } else if (!maximize && !emr) {
    choices.heap_mib = layout::kDefaultDriverMiB;  // spark.executor.memory defaults to 1g as well
  } else if (emr && !maximize) {
    assumed = true;
    layouts.notes.push_back(
        "spark.executor.memory not set: EMR picks it from the instance type; sparkfit assumes the heap that fills the "
        "node");
  }
  facts["layout.assumed"] = Value::of(assumed);
  std::optional<std::int64_t> overhead = conf.mib("spark.executor.memoryOverhead");
  if (!overhead) overhead = conf.mib("spark.yarn.executor.memoryOverhead");
  if (overhead && *overhead > 0) choices.overhead_mib = clamp_mib(*overhead);
  facts["executor.overhead_set"] = Value::of(overhead.has_value());
  // Before Spark 3.0 (SPARK-28577) YARN's container request leaves spark.memory.offHeap.size out,
  // and Kubernetes' pod request before 3.1 (SPARK-33288): the container is heap + overhead and
  // off-heap memory lives inside the overhead (SF4027).
  const auto version = [&](const char* part) { return facts.count(part) ? facts[part].number : 0.0; };
  const bool kubernetes = cluster.platform == platform::Platform::kubernetes;
  const double major = version("spark.version_major"), minor = version("spark.version_minor");
  const bool offheap_in_container =
      !facts.count("spark.version_major") || (kubernetes ? major > 3 || (major == 3 && minor >= 1) : major >= 3);
  if (conf.boolean("spark.memory.offHeap.enabled").value_or(false) && offheap_in_container)
    choices.offheap_mib = clamp_mib(conf.mib("spark.memory.offHeap.size").value_or(0));
  choices.pyspark_mib = clamp_mib(conf.mib("spark.executor.pyspark.memory").value_or(0));
}

// How many executors the settings ask for; nullopt when EMR or unbounded dynamic allocation decides.
std::optional<std::int64_t> choose_executor_count(const platform::Cluster& cluster, const Conf& conf,
                                                  const Switches& read, layout::Choices& choices) {
  const std::optional<std::int64_t> instances = conf.integer("spark.executor.instances");
  std::optional<std::int64_t> requested;
  if (read.dynamic) {
    if (read.max_executors && *read.max_executors > 0) requested = read.max_executors;
  } else if (instances && *instances > 0) {
    requested = instances;
  } else if (read.maximize) {
    requested = cluster.nodes;
  } else if (cluster.platform != platform::Platform::emr) {
    requested = 2;  // spark.executor.instances with static allocation
  }
  if (requested) choices.num_executors = static_cast<int>(std::min<std::int64_t>(*requested, 1000000));
  // Unbounded dynamic allocation grows until YARN is full, whatever the sizing policy says.
  else if (read.dynamic)
    choices.num_executors = 1000000;
  return requested;
}

// The driver, the task size, the memory fractions and the collector the settings ask for.
void choose_driver_and_memory(const Conf& conf, const Switches& read, layout::Choices& choices) {
  const Setting* mode = conf.find("spark.submit.deployMode");
  choices.deploy_mode = mode && mode->value == "cluster" ? job::DeployMode::cluster : job::DeployMode::client;
  choices.driver_heap_mib = read.driver_mib;
  choices.driver_cores =
      static_cast<int>(std::clamp<std::int64_t>(conf.integer("spark.driver.cores").value_or(1), 1, 1024));
  choices.task_cpus = static_cast<int>(std::clamp<std::int64_t>(conf.integer("spark.task.cpus").value_or(1), 1, 1024));
  if (auto fraction = conf.number("spark.memory.fraction"); fraction && *fraction > 0 && *fraction < 1)
    choices.memory_fraction = *fraction;
  if (auto fraction = conf.number("spark.memory.storageFraction"); fraction && *fraction >= 0 && *fraction < 1)
    choices.storage_fraction = *fraction;
  for (const char* key : {"spark.executor.extraJavaOptions", "spark.executor.defaultJavaOptions"}) {
    if (const Setting* options = conf.find(key)) {
      if (options->value.find("-XX:+UseG1GC") != std::string::npos) choices.gc = layout::GarbageCollector::g1;
      if (options->value.find("-XX:+UseParallelGC") != std::string::npos)
        choices.gc = layout::GarbageCollector::parallel;
    }
  }
  // spark.driver.memoryOverhead sizes the driver's container (YARN cluster mode) or pod.
  if (auto driver_overhead = conf.mib("spark.driver.memoryOverhead"); driver_overhead && *driver_overhead > 0)
    choices.driver_overhead_mib = clamp_mib(*driver_overhead);
}

// The layout the settings ask for, and where its executors would go if the heap were shrunk to
// fit: how many the cluster holds for these cores and this count, and whether the AM displaces one.
void place_reviewed(const platform::Cluster& cluster, Layouts& layouts) {
  layouts.reviewed = layout::compute(cluster.node, cluster.nodes, layouts.choices);
  const layout::Problem problem = layouts.reviewed.problem;
  layouts.placement = layouts.reviewed;
  if (problem != layout::Problem::none && problem != layout::Problem::bad_choice &&
      problem != layout::Problem::cores_above_node_vcores) {
    layout::Choices shrunk = layouts.choices;
    shrunk.heap_mib = 0;
    shrunk.overhead_mib = 0;
    layouts.placement = layout::compute(cluster.node, cluster.nodes, shrunk);
  }
}

// The reviewed executor: its size and memory, and how many the settings request.
void add_executor_facts(const platform::Cluster& cluster, const Conf& conf, const layout::Layout& reviewed,
                        std::optional<std::int64_t> requested, bool dynamic, Facts& facts) {
  facts["layout.problem"] = Value::of(std::string(layout::to_string(reviewed.problem)));
  facts["layout.placeable"] = Value::of(reviewed.problem == layout::Problem::none);
  facts["executor.cores"] = Value::of(reviewed.executor_cores);
  facts["executor.heap_mib"] = Value::of(num(reviewed.heap_mib));
  facts["executor.overhead_mib"] = Value::of(num(reviewed.overhead_mib));
  if (reviewed.heap_mib > 0) {
    facts["executor.overhead_factor"] = Value::of(num(reviewed.overhead_mib) / num(reviewed.heap_mib));
    // Overheads the platform's factor and Spark's non-JVM factor (0.40) would give this heap.
    std::int64_t platform_overhead = layout::default_overhead_mib(reviewed.heap_mib, cluster.overhead_factor);
    facts["executor.platform_overhead_mib"] = Value::of(num(platform_overhead));
    facts["executor.platform_overhead"] = Value::of(units::format_spark_memory(platform_overhead));
    facts["executor.python_overhead"] =
        Value::of(units::format_spark_memory(layout::default_overhead_mib(reviewed.heap_mib, 0.40)));
  }
  facts["executor.offheap_mib"] = Value::of(num(reviewed.offheap_mib));
  facts["executor.pyspark_mib"] = Value::of(num(reviewed.pyspark_mib));
  facts["container.request_mib"] = Value::of(num(reviewed.container_request_mib));
  facts["container.mib"] = Value::of(num(reviewed.container_mib));
  if (requested) {
    facts["executors.requested"] = Value::of(num(*requested));
    // The setting the request comes from, for findings to point at.
    facts["executors.requested_key"] =
        Value::of(std::string(dynamic ? "spark.dynamicAllocation.maxExecutors" : "spark.executor.instances"));
  }
  if (cluster.platform == platform::Platform::kubernetes && facts.count("node.allocatable_mib")) {
    // What makes an executor pod too big for a node: its memory first, else its CPU request.
    const bool memory = num(reviewed.container_mib) > facts["node.allocatable_mib"].number;
    facts["executor.pod_excess_key"] = Value::of(std::string(memory ? "spark.executor.memory"
                                                             : conf.set("spark.kubernetes.executor.request.cores")
                                                                 ? "spark.kubernetes.executor.request.cores"
                                                                 : "spark.executor.cores"));
  }
}

// Where the executors go: the cluster's capacity, the task slots and what each node leaves idle.
void add_placement_facts(const platform::Cluster& cluster, const Layouts& layouts, Facts& facts) {
  const layout::Layout& reviewed = layouts.reviewed;
  const layout::Layout& placement = layouts.placement;
  if (placement.problem == layout::Problem::none) {
    facts["executors.capacity"] = Value::of(placement.capacity_executors);
    facts["executors.capacity_without_am"] = Value::of(cluster.nodes * placement.yarn_executors_per_node);
    facts["am.container_mib"] = Value::of(num(placement.am_container_mib));
    facts["node.executors"] = Value::of(placement.executors_per_node);
    facts["node.executors_on_am_node"] = Value::of(placement.executors_on_am_node);
  }
  const bool placeable = reviewed.problem == layout::Problem::none;
  facts["executors.started"] = Value::of(placeable ? reviewed.num_executors : 0);
  if (placeable) {
    facts["executors.task_slots"] = Value::of(reviewed.task_slots);
    facts["executors.partitions_for_slots"] =
        Value::of(2 * reviewed.task_slots);  // 2 tasks per core (tuning guide: 2-3)
    facts["node.cores_used"] = Value::of(reviewed.executors_per_node * reviewed.executor_cores);
    facts["node.idle_cores"] = Value::of(reviewed.idle_cores_per_node);
    facts["node.idle_memory_mib"] = Value::of(num(reviewed.idle_memory_mib_per_node));
    facts["node.oversubscribed_cores"] = Value::of(reviewed.oversubscribed_cores_per_node);
  }
  if (reviewed.heap_mib > 0 && reviewed.executor_cores > 0) {
    facts["task.concurrent"] = Value::of(reviewed.regions.concurrent_tasks);
    facts["task.memory_min_bytes"] = Value::of(num(reviewed.regions.execution_per_task_min_bytes));
    facts["task.memory_max_bytes"] = Value::of(num(reviewed.regions.execution_per_task_max_bytes));
    // Every executor holds each broadcast table whole: the storage it protects from eviction, and
    // the largest threshold that and Spark's own limit both hold (whole MiB).
    const std::int64_t protected_bytes = reviewed.regions.storage_protected_bytes;
    facts["executor.storage_protected_bytes"] = Value::of(num(protected_bytes));
    const std::int64_t fit_mib = std::min(protected_bytes, kMaxBroadcastTableBytes - kMiB) / kMiB;
    facts["broadcast.fit_threshold"] = Value::of(std::to_string(std::max<std::int64_t>(1, fit_mib)) + "m");
  }
}

// What sparkfit would use on the same cluster before its search: the platform's policy, and the
// reviewed settings the search does not choose (driver, task size, memory fractions).
layout::Choices fix_basis(const platform::Cluster& cluster, const layout::Choices& reviewed) {
  layout::Choices fix;
  fix.overhead_factor = cluster.overhead_factor;
  fix.gc = cluster.gc;
  fix.reserve_cores = cluster.reserve_cores;
  fix.calculator = reviewed.calculator;
  fix.deploy_mode = reviewed.deploy_mode;
  fix.driver_heap_mib = reviewed.driver_heap_mib;
  fix.driver_overhead_mib = reviewed.driver_overhead_mib;
  fix.driver_cores = reviewed.driver_cores;
  fix.driver_request_cores = reviewed.driver_request_cores;
  fix.task_cpus = reviewed.task_cpus;
  fix.offheap_mib = reviewed.offheap_mib;
  fix.pyspark_mib = reviewed.pyspark_mib;
  fix.memory_fraction = reviewed.memory_fraction;
  fix.storage_fraction = reviewed.storage_fraction;
  return fix;
}

// The model's settings for both predictions: the reviewed shuffle and AQE, the job's market.
model::Settings model_settings(const Input& input, const Conf& conf, const Switches& read) {
  model::Settings settings;
  settings.shuffle_partitions = read.shuffle_partitions;
  settings.aqe = read.aqe;
  settings.parallelism_first = conf.boolean("spark.sql.adaptive.coalescePartitions.parallelismFirst").value_or(true);
  settings.calibration = input.calibration;
  if (input.job && input.job->emr) {
    settings.market = input.job->emr->market;
    settings.spot_discount = input.job->emr->spot_discount;
  }
  return settings;
}

// The space recommend searches, narrowed to this one cluster: executor cores only, from
// sparkfit's own policy (3-5, fewer on small nodes), so that the fix never contradicts the
// sizing rules (no 1-core or 8-core executors).
search::Space fix_search_space(const platform::Cluster& cluster, int reserve_cores) {
  search::Space space;
  space.platform = cluster.platform;
  if (cluster.platform == platform::Platform::yarn) {
    space.yarn = cluster;
  } else if (cluster.platform == platform::Platform::kubernetes) {
    space.cluster = cluster;  // the nodes as Kubernetes offers them, not an EMR node of the same type
  } else if (cluster.instance) {
    space.instances = {cluster.instance};
    space.nodes = {cluster.nodes};
    space.release = cluster.release;
  }
  const int usable = std::max(1, cluster.node.vcpus - reserve_cores);
  for (int cores = 3; cores <= 5; ++cores)
    if (cores <= usable) space.executor_cores.push_back(cores);
  if (space.executor_cores.empty()) space.executor_cores.push_back(usable);
  return space;
}

// The search recommend runs, on this one cluster: executor cores and shuffle partitions.
void search_fix(const Input& input, const platform::Cluster& cluster, const model::Settings& settings,
                FactSet& result) {
  Layouts& layouts = result.layouts;
  const search::Space space = fix_search_space(cluster, layouts.fix_choices.reserve_cores);
  if (!space.yarn && !space.cluster && space.instances.empty()) return;
  const search::Result found =
      search::run(*result.plan, space, layouts.fix_choices, settings, *input.constants, input.job->objective);
  if (!found.best) return;
  const search::Candidate& best = found.candidates[*found.best];
  layouts.fix_choices = search::choices_of(layouts.fix_choices, best);
  layouts.fix = layout::compute(cluster.node, cluster.nodes, layouts.fix_choices);
  layouts.fix_shuffle_partitions = best.shuffle_partitions;
}

// sparkfit's layout as facts for the fixes.
void add_fix_facts(const platform::Cluster& cluster, const layout::Layout& fix, Facts& facts) {
  if (fix.problem == layout::Problem::none) {
    facts["fix.executor_cores"] = Value::of(fix.executor_cores);
    facts["fix.num_executors"] = Value::of(fix.num_executors);
    facts["fix.executor_memory_mib"] = Value::of(num(fix.heap_mib));
    facts["fix.executor_memory"] = Value::of(units::format_spark_memory(fix.heap_mib));
    facts["fix.executor_memory_gib"] = Value::of(std::to_string(fix.heap_mib / 1024) + "G");
    facts["fix.overhead_mib"] = Value::of(num(fix.overhead_mib));
    facts["fix.overhead"] = Value::of(units::format_spark_memory(fix.overhead_mib));
    facts["fix.overhead_factor"] = Value::of(cluster.overhead_factor);
    facts["fix.container_mib"] = Value::of(num(fix.container_mib));
    facts["fix.executors_per_node"] = Value::of(fix.executors_per_node);
    facts["fix.task_slots"] = Value::of(fix.task_slots);
    facts["fix.max_executors"] = Value::of(fix.capacity_executors);
  }
}

// The job's input, its files and its largest shuffle.
void add_work_facts(const Work& work, std::int64_t shuffle_partitions, Facts& facts) {
  facts["job.input_bytes"] = Value::of(work.input_bytes);
  facts["input.files"] = Value::of(num(work.files));
  facts["input.avg_file_bytes"] = Value::of(work.input_bytes / num(std::max<std::int64_t>(1, work.files)));
  if (work.input_tasks > 0) facts["input.tasks"] = Value::of(num(work.input_tasks));
  facts["job.shuffle_bytes"] = Value::of(work.shuffle_bytes);
  if (work.shuffle_bytes > 0)
    facts["shuffle.bytes_per_partition"] =
        Value::of(work.shuffle_bytes / num(std::max<std::int64_t>(1, shuffle_partitions)));
}

// The job's input and its largest shuffle, as the plan sizes them.
void add_job_facts(const model::JobPlan& plan, std::int64_t shuffle_partitions, Facts& facts) {
  Work work{plan.input_bytes, plan.files, 0, 0};
  for (const model::StagePlan& stage : plan.stages)
    if (stage.reads_shuffle) work.shuffle_bytes = std::max(work.shuffle_bytes, stage.bytes_in);
  add_work_facts(work, shuffle_partitions, facts);
}

// The model's prediction for the reviewed layout: working set, spill, tasks, runtime and cost.
void add_prediction_facts(const Input& input, const platform::Cluster& cluster, const model::Settings& settings,
                          FactSet& result) {
  const model::JobPlan& plan = *result.plan;
  Facts& facts = result.facts;
  const model::Prediction prediction =
      model::predict(plan, cluster, result.layouts.reviewed, settings, *input.constants);
  result.layouts.predicted = prediction;
  double working = 0, spill = 0;
  std::int64_t input_tasks = 0, shuffle_tasks = 0;
  for (int i = 0; i < prediction.stage_count; ++i) {
    const model::StageResult& stage_result = prediction.stages[static_cast<std::size_t>(i)];
    const model::StagePlan& stage = plan.stages[static_cast<std::size_t>(i)];
    working = std::max(working, stage_result.bytes_per_task * plan.expansion * stage.working_set);
    spill += stage_result.spill_bytes * stage_result.runs;
    if (stage.reads_input) input_tasks = std::max(input_tasks, stage_result.tasks);
    if (stage.reads_shuffle) shuffle_tasks = std::max(shuffle_tasks, stage_result.tasks);
  }
  facts["task.working_set_bytes"] = Value::of(working);
  facts["predicted.spill_bytes"] = Value::of(spill);
  if (input_tasks) facts["input.tasks"] = Value::of(num(input_tasks));
  if (shuffle_tasks) facts["shuffle.tasks"] = Value::of(num(shuffle_tasks));
  if (!prediction.feasible()) return;
  facts["predicted.runtime_s"] = Value::of(prediction.runtime_s);
  facts["predicted.runtime"] = Value::of(units::format_duration(prediction.runtime_s));
  facts["predicted.core_hours"] = Value::of(prediction.core_hours);
  if (cluster.platform != platform::Platform::yarn) facts["predicted.cost_usd"] = Value::of(prediction.cost_usd);
}

// The model's prediction for sparkfit's layout, and what it saves over the reviewed one: money
// where the platform has a price, core-hours on a generic YARN cluster.
void add_fix_prediction_facts(const Input& input, const platform::Cluster& cluster, const model::Settings& settings,
                              FactSet& result) {
  Layouts& layouts = result.layouts;
  Facts& facts = result.facts;
  model::Settings fix_settings = settings;
  fix_settings.shuffle_partitions = layouts.fix_shuffle_partitions;
  const model::Prediction fixed = model::predict(*result.plan, cluster, layouts.fix, fix_settings, *input.constants);
  layouts.fix_predicted = fixed;
  if (!fixed.feasible()) return;
  const bool priced = cluster.platform != platform::Platform::yarn;
  facts["fix.runtime_s"] = Value::of(fixed.runtime_s);
  facts["fix.runtime"] = Value::of(units::format_duration(fixed.runtime_s));
  if (priced) facts["fix.cost_usd"] = Value::of(fixed.cost_usd);
  if (!layouts.predicted || !layouts.predicted->feasible()) return;
  const double before = priced ? layouts.predicted->cost_usd : layouts.predicted->core_hours;
  const double after = priced ? fixed.cost_usd : fixed.core_hours;
  if (priced) facts["fix.saving_usd"] = Value::of(before - after);
  facts["fix.saving_measure"] = Value::of(std::string(priced ? "cost" : "core-hours"));
  if (before > 0) {
    facts["fix.saving_fraction"] = Value::of((before - after) / before);
    facts["fix.saving_percent"] = Value::of(std::round((before - after) / before * 100));
  }
}

// The model's facts for a job spec: the job, both predictions and the fix's shuffle partitions.
void add_model_facts(const Input& input, const platform::Cluster& cluster, const model::Settings& settings,
                     std::int64_t shuffle_partitions, FactSet& result) {
  Layouts& layouts = result.layouts;
  const bool fix_placeable = layouts.fix.problem == layout::Problem::none;
  add_job_facts(*result.plan, shuffle_partitions, result.facts);
  if (layouts.fix_shuffle_partitions == 0 && fix_placeable)
    layouts.fix_shuffle_partitions =
        search::tuned_shuffle_partitions(*result.plan, layouts.fix.task_slots, *input.constants);
  if (layouts.reviewed.problem == layout::Problem::none) add_prediction_facts(input, cluster, settings, result);
  if (fix_placeable) add_fix_prediction_facts(input, cluster, settings, result);
}

// The layout the settings ask for on the cluster, sparkfit's own, and the model's view of both.
void add_layout_facts(const Input& input, const Conf& conf, const Switches& read, FactSet& result) {
  const platform::Cluster& cluster = *input.cluster;
  Facts& facts = result.facts;
  Layouts& layouts = result.layouts;
  add_cluster_facts(cluster, conf, facts);
  choose_platform_basis(cluster, input, conf, layouts.choices);
  choose_executor_size(cluster, conf, read.maximize, layouts, facts);
  const std::optional<std::int64_t> requested = choose_executor_count(cluster, conf, read, layouts.choices);
  choose_driver_and_memory(conf, read, layouts.choices);
  if (cluster.platform == platform::Platform::kubernetes) place_kubernetes_pods(conf, cluster, layouts.choices, result);
  place_reviewed(cluster, layouts);
  add_executor_facts(cluster, conf, layouts.reviewed, requested, read.dynamic, facts);
  add_placement_facts(cluster, layouts, facts);

  layouts.fix_choices = fix_basis(cluster, layouts.choices);
  layouts.fix = layout::compute(cluster.node, cluster.nodes, layouts.fix_choices);
  const model::Settings settings = model_settings(input, conf, read);
  if (input.job && input.constants) {
    result.plan = model::plan_job(*input.job, *input.constants);
    search_fix(input, cluster, settings, result);
  }
  add_fix_facts(cluster, layouts.fix, facts);
  if (result.plan) add_model_facts(input, cluster, settings, read.shuffle_partitions, result);
  if (layouts.fix_shuffle_partitions > 0)
    facts["fix.shuffle_partitions"] = Value::of(num(layouts.fix_shuffle_partitions));
}

// The sections every review starts with: the settings, the application, yarn-site, the versions
// and the switches, over `settings` as the effective ones.
Switches add_common_facts(const Input& input, const std::vector<Setting>& settings, FactSet& result) {
  Facts& facts = result.facts;
  result.effective = spark_conf::effective_settings(settings);
  const Conf conf(result.effective);
  add_setting_facts(result);
  add_application_facts(input, conf, facts);
  add_yarn_site_facts(input, result);
  add_version_facts(input, conf, facts);
  // Where sparkfit's layout comes from when this review lacks it: the command's words, which a
  // rule's fix_without_layout ends with. Given a cluster, it lacks it only when no executor of
  // sparkfit's sizing fits the nodes.
  std::string hint = input.layout_hint;
  if (input.cluster)
    hint = "no executor of sparkfit's sizing fits these nodes; sparkfit recommend chooses nodes that hold one";
  else if (input.glue_job || input.serverless_job)
    hint = "review with the job spec (sparkfit review JOB.yaml ...) for sparkfit's capacity for its work";
  facts["command.layout_hint"] = Value::of(hint);
  return add_switch_facts(input, conf, facts);
}

}  // namespace

FactSet compute_facts(const Input& input) {
  FactSet result;
  Facts& facts = result.facts;
  std::vector<Setting> all = input.settings;
  if (input.cluster) {
    std::vector<Setting> defaults = platform_defaults(*input.cluster);
    all.insert(all.begin(), defaults.begin(), defaults.end());
  }
  if (input.serverless_job && input.serverless_catalog) {
    std::vector<Setting> defaults = serverless_defaults(*input.serverless_catalog);
    all.insert(all.begin(), defaults.begin(), defaults.end());
  }
  const Switches read = add_common_facts(input, all, result);
  const Conf conf(result.effective);

  if (input.serverless_job && input.serverless_catalog) {
    add_serverless_facts(input, result);
    return result;
  }

  if (input.glue_job && input.glue_catalog) {
    add_glue_facts(input, glue_settings(conf, read), result);
    return result;
  }
  // A SparkApplication runs on Kubernetes, nodes or not: its pods' requests and limits are
  // reviewable alone.
  if (input.k8s_app) {
    facts["platform"] = Value::of(std::string(platform::to_string(platform::Platform::kubernetes)));
    add_kubernetes_pods(conf, result);
  }
  if (!input.cluster) {
    // Without a cluster only what the settings say by themselves.
    if (auto heap = conf.mib("spark.executor.memory")) facts["executor.heap_mib"] = Value::of(num(*heap));
    if (auto cores = conf.integer("spark.executor.cores")) facts["executor.cores"] = Value::of(num(*cores));
    return result;
  }
  add_layout_facts(input, conf, read, result);
  return result;
}

FactSet layout_facts(const Input& input, const layout::Choices& choices, const std::optional<Work>& work) {
  FactSet result;
  Facts& facts = result.facts;
  const Switches read = add_common_facts(input, input.settings, result);
  const Conf conf(result.effective);
  if (input.cluster) {
    const platform::Cluster& cluster = *input.cluster;
    add_cluster_facts(cluster, conf, facts);
    result.layouts.choices = choices;
    place_reviewed(cluster, result.layouts);
    std::optional<std::int64_t> requested;
    if (choices.num_executors > 0) requested = choices.num_executors;
    add_executor_facts(cluster, conf, result.layouts.reviewed, requested, read.dynamic, facts);
    add_placement_facts(cluster, result.layouts, facts);
  } else {
    facts["executor.cores"] = Value::of(choices.executor_cores);
    if (choices.heap_mib > 0) facts["executor.heap_mib"] = Value::of(num(choices.heap_mib));
  }
  if (work) add_work_facts(*work, read.shuffle_partitions, facts);
  return result;
}

}  // namespace sparkfit::review
