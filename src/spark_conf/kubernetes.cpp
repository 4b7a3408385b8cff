// Kubeflow Spark Operator SparkApplications (sparkoperator.k8s.io/v1beta2), read the way the
// operator reads them: which spec fields become which Spark settings, in the order the operator
// passes them to spark-submit (its submission.go), and what its webhook fills in (defaults.go).
// Kubernetes checks field types before anything runs, so a quoted number where the CRD wants an
// integer, or a bare one where it wants a string, is an error here as it is for `kubectl apply`.
#include <algorithm>
#include <charconv>
#include <climits>
#include <optional>
#include <regex>

#include "sparkfit/spark_conf/spark_conf.hpp"
#include "sparkfit/util/text.hpp"
#include "util/yaml_tree.hpp"

namespace sparkfit::spark_conf {
namespace {

using yaml::YamlValue;

const std::string kApiVersion = "sparkoperator.k8s.io/v1beta2";
const std::string kSource = "SparkApplication";
const std::string kDefaultSource = "Spark Operator default";

// The fields of the v1beta2 API (api/v1beta2/sparkapplication_types.go), for did-you-mean: a key
// one typo away from one of them is a mistake; any other key is a field sparkfit does not need.
const std::vector<std::string> kTopKeys = {"apiVersion", "kind", "metadata", "spec", "status"};
const std::vector<std::string> kSpecKeys = {"type",
                                            "sparkVersion",
                                            "mode",
                                            "proxyUser",
                                            "image",
                                            "imagePullPolicy",
                                            "imagePullSecrets",
                                            "mainClass",
                                            "mainApplicationFile",
                                            "arguments",
                                            "sparkConf",
                                            "hadoopConf",
                                            "sparkConfigMap",
                                            "hadoopConfigMap",
                                            "volumes",
                                            "driver",
                                            "executor",
                                            "deps",
                                            "restartPolicy",
                                            "nodeSelector",
                                            "failureRetries",
                                            "retryInterval",
                                            "pythonVersion",
                                            "memoryOverheadFactor",
                                            "monitoring",
                                            "batchScheduler",
                                            "timeToLiveSeconds",
                                            "batchSchedulerOptions",
                                            "sparkUIOptions",
                                            "driverIngressOptions",
                                            "dynamicAllocation"};
// SparkPodSpec, shared by the driver and the executors.
const std::vector<std::string> kPodKeys = {"template",
                                           "cores",
                                           "coreLimit",
                                           "memory",
                                           "memoryOverhead",
                                           "gpu",
                                           "image",
                                           "configMaps",
                                           "secrets",
                                           "env",
                                           "envVars",
                                           "envFrom",
                                           "envSecretKeyRefs",
                                           "labels",
                                           "annotations",
                                           "volumeMounts",
                                           "affinity",
                                           "tolerations",
                                           "podSecurityContext",
                                           "securityContext",
                                           "schedulerName",
                                           "sidecars",
                                           "initContainers",
                                           "hostNetwork",
                                           "nodeSelector",
                                           "dnsConfig",
                                           "terminationGracePeriodSeconds",
                                           "serviceAccount",
                                           "hostAliases",
                                           "shareProcessNamespace",
                                           "runtimeClassName",
                                           "coreRequest",
                                           "javaOptions",
                                           "lifecycle",
                                           "ports",
                                           "priorityClassName"};
const std::vector<std::string> kDriverOnlyKeys = {"podName", "kubernetesMaster", "serviceAnnotations", "serviceLabels"};
const std::vector<std::string> kExecutorOnlyKeys = {"instances", "deleteOnTermination"};
// shuffleTrackingEnabled arrived in operator 2.1; older operators always turn tracking on.
const std::vector<std::string> kDynamicAllocationKeys = {
    "enabled", "initialExecutors", "minExecutors", "maxExecutors", "shuffleTrackingEnabled", "shuffleTrackingTimeout"};
const std::vector<std::string> kTypes = {"Java", "Python", "Scala", "R"};
const std::vector<std::string> kModes = {"cluster", "client", "in-cluster-client"};

std::vector<std::string> joined(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  std::vector<std::string> all = a;
  all.insert(all.end(), b.begin(), b.end());
  return all;
}

// What a scalar is to Kubernetes, which reads YAML 1.1 (go-yaml) before checking the CRD's types:
// a plain 4 is an integer, 0.5 a number, yes a boolean; anything quoted is a string.
enum class Type { null, boolean, integer, number, string };

bool one_of(const std::string& word, std::initializer_list<const char*> words) {
  return std::any_of(words.begin(), words.end(), [&](const char* w) { return word == w; });
}

Type type_of(const YamlValue& value) {
  if (value.is_null()) return Type::null;
  if (!value.is_plain()) return Type::string;
  const std::string& s = value.scalar;
  if (one_of(s, {"y", "Y", "yes", "Yes", "YES", "true",  "True",  "TRUE",  "on",  "On",  "ON",
                 "n", "N", "no",  "No",  "NO",  "false", "False", "FALSE", "off", "Off", "OFF"}))
    return Type::boolean;
  static const std::regex kInteger("[-+]?([0-9][0-9_]*|0x[0-9a-fA-F_]+|0o[0-7_]+|0b[01_]+)");
  static const std::regex kNumber(
      "[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN)");
  if (std::regex_match(s, kInteger)) return Type::integer;
  if (std::regex_match(s, kNumber)) return Type::number;
  return Type::string;
}

std::string describe(const YamlValue& value) {
  if (value.is_map()) return "a mapping";
  if (value.is_sequence()) return "a list";
  switch (type_of(value)) {
    case Type::null: return "an empty value";
    case Type::boolean: return "the boolean " + value.scalar;
    case Type::integer:
    case Type::number: return "the number " + value.scalar;
    case Type::string: break;
  }
  return "the string \"" + value.scalar + "\"";
}

bool truthy(std::string_view text) {  // true to Go's strconv.ParseBool, which the operator's webhook uses
  return text == "1" || text == "t" || text == "T" || text == "true" || text == "True" || text == "TRUE";
}

// One key of a mapping with its value.
struct Field {
  std::string name;
  std::string path;  // "spec.executor.cores"
  const YamlValue* key = nullptr;
  const YamlValue* value = nullptr;
};

class Reader {
 public:
  // find() on a temporary list would return a pointer into it: refused at compile time.
  static const Field* find(std::vector<Field>&& fields, std::string_view name) = delete;
  Reader(const std::string& text, const std::string& file) : text_(text), file_(file) {}

  SparkApplication read(const std::vector<YamlValue>& documents);

 private:
  const std::string& text_;
  const std::string& file_;
  SparkApplication app_;

  SourceLocation at(const YamlValue& value) const {
    return yaml::yaml_location(file_, text_, value.line, value.column);
  }
  // An empty value (`memory:`) has no place of its own: its key stands in.
  SourceLocation at(const Field& field) const { return at(field.value->is_null() ? *field.key : *field.value); }
  [[noreturn]] void fail(const YamlValue& value, const std::string& message) const {
    throw InputError(at(value), message);
  }
  [[noreturn]] void fail(const Field& field, const std::string& message) const { throw InputError(at(field), message); }

  // The keys of a mapping, each a name and none twice. `known` lists the fields the schema has:
  // a key one typo away from one of them is an error; others are kept, and the caller ignores
  // what it does not read.
  std::vector<Field> fields(const YamlValue& map, const std::string& path,
                            const std::vector<std::string>* known) const {
    std::vector<Field> result;
    const std::string where = path.empty() ? "the SparkApplication" : path;
    for (std::size_t i = 0; i + 1 < map.children.size(); i += 2) {
      const YamlValue& key = map.children[i];
      if (!key.is_scalar()) fail(key, "a key in " + where + " must be a name, got " + describe(key));
      for (const Field& seen : result)
        if (seen.name == key.scalar)
          fail(key, "key '" + key.scalar + "' is given twice in " + where + " (first on line " +
                        std::to_string(seen.key->line + 1) + ")");
      if (known && std::find(known->begin(), known->end(), key.scalar) == known->end()) {
        std::string hint = text::did_you_mean(key.scalar, *known);
        if (!hint.empty()) fail(key, "unknown key '" + key.scalar + "' in " + where + hint);
      }
      result.push_back(
          Field{key.scalar, path.empty() ? key.scalar : path + "." + key.scalar, &key, &map.children[i + 1]});
    }
    return result;
  }

  static const Field* find(const std::vector<Field>& fields, std::string_view name) {
    for (const Field& f : fields)
      if (f.name == name) return &f;
    return nullptr;
  }

  // A nested object; an empty value reads as an empty one.
  const YamlValue* mapping(const Field& field) const {
    if (field.value->is_null()) return nullptr;
    if (!field.value->is_map()) fail(field, field.path + " must be a mapping, got " + describe(*field.value));
    return field.value;
  }

  std::string string(const Field& field) const {
    const YamlValue& v = *field.value;
    if (v.is_scalar() && type_of(v) == Type::string) return v.scalar;
    if (v.is_scalar())  // Kubernetes rejects a number or boolean where the CRD has a string
      fail(field, field.path + " must be a string, got " + describe(v) + ": quote it (\"" + v.scalar + "\")");
    fail(field, field.path + " must be a string, got " + describe(v));
  }

  std::int64_t integer(const Field& field, std::int64_t low, std::int64_t high) const {
    const YamlValue& v = *field.value;
    if (!v.is_scalar() || type_of(v) != Type::integer)
      fail(field, field.path + " must be a whole number, got " + describe(v));
    std::string digits;
    for (char c : v.scalar)
      if (c != '_') digits += c;
    std::string_view body = digits;
    bool negative = false;
    if (!body.empty() && (body.front() == '+' || body.front() == '-')) {
      negative = body.front() == '-';
      body.remove_prefix(1);
    }
    int base = 10;
    if (body.size() > 2 && body[0] == '0' && (body[1] == 'x' || body[1] == 'o' || body[1] == 'b')) {
      base = body[1] == 'x' ? 16 : body[1] == 'o' ? 8 : 2;
      body.remove_prefix(2);
    }
    std::int64_t n = 0;
    auto [ptr, ec] = std::from_chars(body.data(), body.data() + body.size(), n, base);
    if (ec != std::errc() || ptr != body.data() + body.size() || (negative ? -n : n) < low ||
        (negative ? -n : n) > high)
      fail(field, field.path + " must be a whole number from " + std::to_string(low) + " to " + std::to_string(high) +
                      ", got " + v.scalar);
    return negative ? -n : n;
  }

  bool boolean(const Field& field) const {
    const YamlValue& v = *field.value;
    if (!v.is_scalar() || type_of(v) != Type::boolean)
      fail(field, field.path + " must be true or false, got " + describe(v));
    return one_of(v.scalar, {"y", "Y", "yes", "Yes", "YES", "true", "True", "TRUE", "on", "On", "ON"});
  }

  std::string choice(const Field& field, const std::vector<std::string>& words) const {
    std::string word = string(field);
    if (std::find(words.begin(), words.end(), word) == words.end())
      fail(field, field.path + " must be one of " + text::join(words) + ", got '" + word + "'" +
                      text::did_you_mean(word, words));
    return word;
  }

  void add(const std::string& key, const std::string& value, const Field& field, int precedence = kPrecedenceConf) {
    app_.settings.push_back(Setting{key, value, kSource, at(field), precedence});
  }
  void add_default(const std::string& key, const std::string& value) {
    app_.defaults.push_back(Setting{key, value, kDefaultSource, {}, kPrecedencePlatformDefault});
  }

  // A Kubernetes CPU quantity the pod spec can take; the operator passes it on as written.
  std::string cpu(const Field& field) const {
    std::string value = string(field);
    if (!parse_cpu_quantity(value))
      fail(field, field.path + " must be a CPU quantity such as 2, 0.5 or 500m, got '" + value + "'");
    return value;
  }

  void read_header(const YamlValue& doc);
  void read_spec(const YamlValue& spec, const Field& spec_field);
  void read_pod(const Field& field, const std::string& role, bool& instances);
  bool read_dynamic_allocation(const Field& field);
};

void Reader::read_header(const YamlValue& doc) {
  if (!doc.is_map())
    fail(doc, "expected a SparkApplication (a mapping with apiVersion, kind and spec), got " + describe(doc));
  std::vector<Field> top = fields(doc, "", &kTopKeys);
  const Field* kind = find(top, "kind");
  if (!kind) fail(doc, "missing 'kind: SparkApplication'");
  if (string(*kind) != "SparkApplication")
    fail(*kind, "kind is '" + kind->value->scalar + "', expected SparkApplication (the Spark Operator's resource)");
  const Field* api = find(top, "apiVersion");
  if (!api) fail(doc, "missing 'apiVersion: " + kApiVersion + "'");
  if (string(*api) != kApiVersion)
    fail(*api, "apiVersion '" + api->value->scalar + "' is not the one sparkfit reads; expected " + kApiVersion);
  if (const Field* metadata = find(top, "metadata")) {
    if (const YamlValue* m = mapping(*metadata)) {
      const std::vector<Field> meta = fields(*m, "metadata", nullptr);  // find() points into it: keep it alive
      if (const Field* name = find(meta, "name")) app_.name = string(*name);
    }
  }
  const Field* spec = find(top, "spec");
  if (!spec) fail(doc, "the SparkApplication has no spec");
  const YamlValue* body = mapping(*spec);
  if (!body) fail(*spec->key, "missing key 'sparkVersion' in spec (the SparkApplication CRD requires it)");
  read_spec(*body, *spec);
}

void Reader::read_spec(const YamlValue& spec, const Field& spec_field) {
  std::vector<Field> f = fields(spec, "spec", &kSpecKeys);
  if (const Field* type = find(f, "type")) {
    app_.type = choice(*type, kTypes);
    app_.where_type = at(*type);
  }
  const Field* version = find(f, "sparkVersion");
  if (!version) fail(*spec_field.key, "missing key 'sparkVersion' in spec (the SparkApplication CRD requires it)");
  app_.spark_version = string(*version);
  static const std::regex kVersion("[0-9]+\\.[0-9]+(\\.[0-9]+)?([-+._].*)?");
  if (!std::regex_match(app_.spark_version, kVersion))
    fail(*version, "spec.sparkVersion must be a Spark version such as 3.5.1, got '" + app_.spark_version + "'");
  app_.where_version = at(*version);
  app_.where_application = at(*spec_field.key);
  if (const Field* file = find(f, "mainApplicationFile")) {
    app_.application = string(*file);
    app_.where_application = at(*file);
  }
  if (const Field* mode = find(f, "mode")) {
    // The operator takes `client` into its CRD but has never implemented it (its user guide): the
    // submission fails, so there is no layout to review.
    if (choice(*mode, kModes) != "cluster")
      fail(*mode, "spec.mode '" + mode->value->scalar +
                      "' is not implemented by the Spark Operator, whose driver always runs in a pod of its own; set "
                      "mode: cluster");
    add("spark.submit.deployMode", "cluster", *mode, kPrecedenceFlag);  // spark-submit --deploy-mode
  } else {
    add_default("spark.submit.deployMode", "cluster");
  }

  // The operator's own order of --conf options: a later one wins over an earlier one.
  if (const Field* factor = find(f, "memoryOverheadFactor"))
    add("spark.kubernetes.memoryOverheadFactor", string(*factor), *factor);
  // The webhook looks sparkConf up for dynamic allocation under "spark.dynamicallocation.enabled",
  // in lower case (defaults.go), so the real key does not spare the default executor instance.
  bool dynamic_conf = false;
  bool instances_conf = false;
  if (const Field* conf = find(f, "sparkConf")) {
    if (const YamlValue* map = mapping(*conf)) {
      for (const Field& entry : fields(*map, "spec.sparkConf", nullptr)) {
        Field named = entry;
        named.path = "sparkConf value of '" + entry.name + "'";
        std::string value = string(named);
        // The key names the setting, as in spark-defaults.conf.
        app_.settings.push_back(Setting{entry.name, value, kSource, at(*entry.key), kPrecedenceConf});
        if (entry.name == "spark.dynamicallocation.enabled") dynamic_conf = truthy(value);
        if (entry.name == "spark.executor.instances") instances_conf = true;
      }
    }
  }
  std::optional<bool> dynamic_spec;
  const Field* driver = find(f, "driver");
  const Field* executor = find(f, "executor");
  if (driver) read_pod(*driver, "driver", instances_conf);
  if (executor) read_pod(*executor, "executor", instances_conf);
  if (const Field* allocation = find(f, "dynamicAllocation")) dynamic_spec = read_dynamic_allocation(*allocation);

  // What the operator's webhook fills in when neither the spec nor sparkConf says.
  add_default("spark.driver.cores", "1");
  add_default("spark.driver.memory", "1g");
  add_default("spark.executor.cores", "1");
  add_default("spark.executor.memory", "1g");
  // One executor unless dynamic allocation sizes them; the spec's dynamicAllocation decides when
  // it is there, else sparkConf as the webhook reads it.
  if (!instances_conf && !dynamic_spec.value_or(dynamic_conf)) add_default("spark.executor.instances", "1");
}

// spec.driver or spec.executor: the pod's size. `instances` is set when the executor's count is.
void Reader::read_pod(const Field& field, const std::string& role, bool& instances) {
  const YamlValue* pod = mapping(field);
  if (!pod) return;
  const std::vector<std::string> known = joined(kPodKeys, role == "driver" ? kDriverOnlyKeys : kExecutorOnlyKeys);
  std::vector<Field> f = fields(*pod, field.path, &known);
  const std::string prefix = "spark." + role + ".";
  const std::string k8s = "spark.kubernetes." + role + ".";
  if (role == "executor")
    if (const Field* n = find(f, "instances")) {
      add("spark.executor.instances", std::to_string(integer(*n, 1, INT32_MAX)), *n);
      instances = true;
    }
  if (const Field* cores = find(f, "cores"))
    add(prefix + "cores", std::to_string(integer(*cores, 1, INT32_MAX)), *cores);
  if (const Field* request = find(f, "coreRequest")) add(k8s + "request.cores", cpu(*request), *request);
  if (const Field* limit = find(f, "coreLimit")) add(k8s + "limit.cores", cpu(*limit), *limit);
  if (const Field* memory = find(f, "memory")) add(prefix + "memory", string(*memory), *memory);
  if (const Field* overhead = find(f, "memoryOverhead")) add(prefix + "memoryOverhead", string(*overhead), *overhead);
  if (const Field* options = find(f, "javaOptions")) add(prefix + "extraJavaOptions", string(*options), *options);
}

// spec.dynamicAllocation; returns whether it is enabled. The operator passes its settings only
// when it is, and then turns shuffle tracking on unless told otherwise.
bool Reader::read_dynamic_allocation(const Field& field) {
  const YamlValue* body = mapping(field);
  if (!body) return false;
  std::vector<Field> f = fields(*body, field.path, &kDynamicAllocationKeys);
  const Field* enabled = find(f, "enabled");
  const bool on = enabled && boolean(*enabled);
  std::vector<std::pair<std::string, const Field*>> counts;
  for (const char* name : {"initialExecutors", "minExecutors", "maxExecutors"})
    if (const Field* n = find(f, name)) counts.emplace_back("spark.dynamicAllocation." + std::string(name), n);
  std::vector<std::string> values;
  for (const auto& [key, n] : counts) values.push_back(std::to_string(integer(*n, 0, INT32_MAX)));
  const Field* tracking = find(f, "shuffleTrackingEnabled");
  const bool track = tracking ? boolean(*tracking) : true;
  const Field* timeout = find(f, "shuffleTrackingTimeout");
  std::string timeout_ms = timeout ? std::to_string(integer(*timeout, 0, INT64_MAX)) : "";
  if (!on) return false;
  add("spark.dynamicAllocation.enabled", "true", *enabled);
  for (std::size_t i = 0; i < counts.size(); ++i) add(counts[i].first, values[i], *counts[i].second);
  add("spark.dynamicAllocation.shuffleTracking.enabled", track ? "true" : "false", tracking ? *tracking : *enabled);
  if (timeout) add("spark.dynamicAllocation.shuffleTracking.timeout", timeout_ms, *timeout);
  return true;
}

SparkApplication Reader::read(const std::vector<YamlValue>& documents) {
  std::vector<const YamlValue*> present;
  for (const YamlValue& doc : documents)
    if (!doc.is_null()) present.push_back(&doc);
  if (present.empty())
    throw InputError(SourceLocation{file_, 0, 0, {}}, "the file is empty; expected a SparkApplication");
  // A manifest may carry other resources (a ServiceAccount, a Role) beside the application.
  const YamlValue* app = present.size() == 1 ? present.front() : nullptr;
  if (!app) {
    for (const YamlValue* doc : present) {
      if (!doc->is_map()) continue;
      const Field* kind = nullptr;
      std::vector<Field> top = fields(*doc, "", nullptr);
      kind = find(top, "kind");
      if (!kind || !kind->value->is_scalar() || kind->value->scalar != "SparkApplication") continue;
      if (app)
        fail(*doc, "a second SparkApplication (the first starts on line " + std::to_string(app->line + 1) +
                       "); review one at a time");
      app = doc;
    }
    if (!app)
      fail(*present.front(),
           "none of the file's " + std::to_string(present.size()) + " documents is a SparkApplication");
  }
  read_header(*app);
  return app_;
}

}  // namespace

bool SparkApplication::non_jvm() const {
  auto ends_with = [&](std::string_view suffix) {
    return application.size() > suffix.size() &&
           application.compare(application.size() - suffix.size(), suffix.size(), suffix) == 0;
  };
  return type == "Python" || type == "R" || ends_with(".py") || ends_with(".R") || ends_with(".r");
}

std::optional<double> parse_cpu_quantity(std::string_view text) {
  static const std::regex kQuantity("([0-9]+(\\.[0-9]*)?|\\.[0-9]+)(m?)");
  std::string s(text::trim(text));
  std::smatch match;
  if (!std::regex_match(s, match, kQuantity)) return std::nullopt;
  double value = 0;
  const std::string number = match[1].str();
  auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), value);
  if (ec != std::errc() || ptr != number.data() + number.size()) return std::nullopt;
  if (match[3].length() > 0) value /= 1000;
  if (value <= 0) return std::nullopt;
  return value;
}

SparkApplication parse_spark_application(const std::string& yaml_text, const std::string& file_name) {
  return Reader(yaml_text, file_name).read(yaml::load_yaml_documents(yaml_text, file_name));
}

}  // namespace sparkfit::spark_conf
