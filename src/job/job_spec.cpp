// The job-spec YAML loader (docs/interface.md#job-specs, docs/job-spec.md). yaml-cpp stays inside this
// file: it walks the document itself so every problem is reported at its own line and column,
// including duplicate keys, which yaml-cpp keeps without a word.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <climits>
#include <cmath>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "sparkfit/job/job.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/text.hpp"
#include "util/yaml_limits.hpp"

namespace sparkfit::job {
namespace {

const std::vector<std::string> kTopKeys = {"job", "objective", "layout", "platform", "observations"};
const std::vector<std::string> kJobKeys = {"name", "input", "workload", "iterations", "language", "stages", "collect"};
const std::vector<std::string> kInputKeys = {"size", "files", "avg_file_size", "file_format", "compression"};
const std::vector<std::string> kStageKeys = {"name",         "kind",  "shuffle_ratio", "skew",
                                             "output_ratio", "cache", "broadcast"};
const std::vector<std::string> kObjectiveKeys = {"minimize", "deadline", "budget"};
const std::vector<std::string> kLayoutKeys = {
    "num_executors", "executor_cores", "executor_memory", "memory_overhead", "overhead_factor",   "heap_from_container",
    "deploy_mode",   "driver_memory",  "driver_cores",    "partitions",      "shuffle_partitions"};
const std::vector<std::string> kPlatformNames = {"emr", "ec2", "yarn", "glue", "emr-serverless", "kubernetes"};
const std::vector<std::string> kEmrKeys = {"release", "instance_types",   "families",     "nodes",
                                           "market",  "primary_instance", "spot_discount"};
const std::vector<std::string> kEc2Keys = {"clusters"};
const std::vector<std::string> kEc2ClusterKeys = {"instance_type", "nodes"};
const std::vector<std::string> kYarnKeys = {"nodes",          "node_cores",     "node_memory",        "reserve_cores",
                                            "reserve_memory", "min_allocation", "resource_calculator"};
const std::vector<std::string> kGlueKeys = {"glue_version", "worker_types", "workers", "execution_class",
                                            "auto_scaling"};
const std::vector<std::string> kObservationKeys = {"platform", "instance_type", "nodes",     "worker_type", "workers",
                                                   "runtime",  "dpu_seconds",   "event_log", "completed",   "reason"};
const std::vector<std::string> kStageKinds = {"scan",      "transform", "shuffle-write", "shuffle-read",
                                              "aggregate", "join",      "sort",          "write"};
const std::vector<std::string> kCompressions = {"none", "snappy", "gzip", "zstd", "lz4", "bzip2", "deflate"};
const std::vector<std::string> kExecutionClasses = {"standard", "flex"};

std::string describe(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Sequence: return "a list";
    case YAML::NodeType::Map: return "a map";
    case YAML::NodeType::Scalar: return "'" + node.Scalar() + "'";
    default: return "nothing";
  }
}

bool is_whole_number(std::string_view text) {
  text = text::trim(text);
  if (!text.empty() && (text.front() == '+' || text.front() == '-')) text.remove_prefix(1);
  if (text.empty()) return false;
  for (char c : text)
    if (c < '0' || c > '9') return false;
  return true;
}

// One key of a map: its name, its dotted path and the nodes of the key and its value.
struct Entry {
  std::string key;
  std::string path;
  YAML::Node key_node;
  YAML::Node value;
};

// A YAML map whose keys were checked: all scalars, none repeated.
struct Section {
  std::string path;  // "" for the top level, "layout", "platform.emr", "job.stages[2]"
  YAML::Mark mark;   // the key or list item that opened it, for "missing key" errors
  std::vector<Entry> entries;

  const Entry* find(std::string_view key) const {
    for (const Entry& entry : entries)
      if (entry.key == key) return &entry;
    return nullptr;
  }
  std::string where() const { return path.empty() ? "at the top level" : "in " + path; }
};

class Loader {
 public:
  Loader(const std::string& text, const std::string& file, JobSpec& spec) : text_(text), file_(file), spec_(spec) {}

  void load(const YAML::Node& root);

 private:
  SourceLocation at(const YAML::Mark& mark) const {
    if (mark.is_null()) return SourceLocation{file_, 0, 0, {}};
    return SourceLocation{file_, mark.line + 1, mark.column + 1, line_of(text_, mark.line + 1)};
  }
  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& message) const {
    throw InputError(at(mark), message);
  }
  // A value left empty (`key:`) has no place of its own; point at its key.
  static YAML::Mark value_mark(const Entry& entry) {
    if (entry.value.IsNull() || entry.value.Mark().is_null()) return entry.key_node.Mark();
    return entry.value.Mark();
  }
  void note(const Entry& entry) { spec_.key_locations[entry.path] = at(value_mark(entry)); }

  // The unit parsers know the value but not its place: add the place, keep their words.
  template <typename F>
  auto located(const YAML::Mark& mark, F&& parse) -> decltype(parse()) {
    try {
      return parse();
    } catch (const InputError& error) {
      if (error.where().line > 0) throw;
      fail(mark, error.message());
    }
  }

  Section section(const YAML::Node& node, const YAML::Mark& mark, const std::string& path, const std::string& name,
                  const std::vector<std::string>* known);
  Section section(const Entry& entry, const std::vector<std::string>& known) {
    note(entry);
    return section(entry.value, entry.key_node.Mark(), entry.path, entry.key, &known);
  }
  std::vector<YAML::Node> list(const Entry& entry) {
    note(entry);
    if (entry.value.IsNull()) return {};
    if (!entry.value.IsSequence())
      fail(value_mark(entry), "expected a list for '" + entry.key + "', got " + describe(entry.value));
    return {entry.value.begin(), entry.value.end()};
  }

  std::string scalar(const Entry& entry, std::string_view expected) {
    if (!entry.value.IsScalar())
      fail(value_mark(entry),
           "expected " + std::string(expected) + " for '" + entry.key + "', got " + describe(entry.value));
    note(entry);
    return entry.value.Scalar();
  }

  std::string read_string(const Entry& entry) {
    std::string value(text::trim(scalar(entry, "a string")));
    if (value.empty()) fail(value_mark(entry), "'" + entry.key + "' cannot be empty");
    return value;
  }
  std::int64_t read_count64(const Entry& entry) {
    std::string value = scalar(entry, "a count");
    if (!is_whole_number(value))
      fail(value_mark(entry), "expected a count for '" + entry.key + "', got '" + value + "'");
    return located(value_mark(entry), [&] { return units::parse_count(value, entry.key); });
  }
  int read_count(const Entry& entry) {
    std::int64_t value = read_count64(entry);
    if (value > INT_MAX)
      fail(value_mark(entry), "invalid value '" + entry.value.Scalar() + "': " + entry.key + " must be at most " +
                                  std::to_string(INT_MAX));
    return static_cast<int>(value);
  }
  // Counts that may be 0 (reserve_cores).
  int read_whole(const Entry& entry) {
    std::string value(text::trim(scalar(entry, "a whole number")));
    if (!is_whole_number(value))
      fail(value_mark(entry), "expected a whole number for '" + entry.key + "', got '" + value + "'");
    long long number = 0;
    auto [ptr, ec] =
        std::from_chars(value.data() + (value.front() == '+' ? 1 : 0), value.data() + value.size(), number);
    if (ec != std::errc() || number > INT_MAX)
      fail(value_mark(entry), "invalid value '" + value + "': " + entry.key + " is too large");
    if (number < 0) fail(value_mark(entry), "invalid value '" + value + "': " + entry.key + " cannot be negative");
    return static_cast<int>(number);
  }
  double read_number(const Entry& entry) {
    std::string value(text::trim(scalar(entry, "a number")));
    std::string_view digits = value;
    if (!digits.empty() && digits.front() == '+') digits.remove_prefix(1);
    double number = 0;
    auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), number);
    if (digits.empty() || ec != std::errc() || ptr != digits.data() + digits.size() || !std::isfinite(number))
      fail(value_mark(entry), "expected a number for '" + entry.key + "', got '" + value + "'");
    return number;
  }
  bool read_bool(const Entry& entry) {
    std::string value = text::to_lower(text::trim(scalar(entry, "true or false")));
    if (value == "true" || value == "yes" || value == "on") return true;
    if (value == "false" || value == "no" || value == "off") return false;
    fail(value_mark(entry), "expected true or false for '" + entry.key + "', got '" + entry.value.Scalar() + "'");
  }
  std::int64_t read_data_size(const Entry& entry) {
    std::string value = scalar(entry, "a size");
    return located(value_mark(entry), [&] { return units::parse_data_size(value); });
  }
  std::int64_t read_memory_mib(const Entry& entry) {
    std::string value = scalar(entry, "a memory size");
    return located(value_mark(entry), [&] { return units::parse_memory_mib(value); });
  }
  double read_duration(const Entry& entry) {
    std::string value = scalar(entry, "a duration");
    return located(value_mark(entry), [&] { return units::parse_duration_s(value); });
  }
  double read_money(const Entry& entry) {
    std::string value = scalar(entry, "an amount of money");
    return located(value_mark(entry), [&] { return units::parse_money_usd(value); });
  }
  template <typename Parse>
  auto read_word(const Entry& entry, std::string_view noun, Parse parse) {
    std::string value = scalar(entry, noun);
    return located(value_mark(entry), [&] { return parse(value); });
  }
  // A word from a fixed list kept as a string (stage kinds, codecs, Glue execution classes).
  std::string read_choice(const Entry& entry, std::string_view what, const std::vector<std::string>& words) {
    std::string given(text::trim(scalar(entry, "a word")));
    std::string wanted = text::to_lower(given);
    for (char& c : wanted)
      if (c == '_') c = '-';
    for (const std::string& word : words)
      if (word == wanted) return word;
    fail(value_mark(entry), "unknown " + std::string(what) + " '" + given + "'" + text::did_you_mean(given, words) +
                                "; expected one of " + text::join(words));
  }
  std::int64_t positive(const Entry& entry, std::int64_t value, std::string_view what) {
    if (value <= 0)
      fail(value_mark(entry),
           "invalid value '" + entry.value.Scalar() + "': " + std::string(what) + " must be greater than 0");
    return value;
  }

  // A JVM heap: Spark refuses one below 1.5 x the 300 MiB it reserves (UnifiedMemoryManager;
  // docs/domain.md#executor-memory).
  std::int64_t heap(const Entry& entry, std::int64_t mib, std::string_view what) {
    if (mib < 450)
      fail(value_mark(entry), "invalid value '" + entry.value.Scalar() + "': " + std::string(what) + " is " +
                                  std::to_string(mib) +
                                  " MiB; Spark needs a heap of at least 450m (1.5 x the 300 MiB it reserves, "
                                  "UnifiedMemoryManager; docs/domain.md#executor-memory)");
    return mib;
  }

  std::vector<std::string> read_string_list(const Entry& entry, bool instance_types);
  std::vector<int> read_count_set(const Entry& entry);

  void load_job(const Section& job);
  void load_input(const Section& input);
  Stage load_stage(const YAML::Node& node, std::size_t index);
  void load_objective(const Section& objective);
  void load_layout(const Section& layout);
  void load_platforms(const Entry& platform);
  EmrPlatform load_emr(const Entry& entry);
  Ec2Platform load_ec2(const Entry& entry);
  YarnPlatform load_yarn(const Entry& entry);
  GluePlatform load_glue(const Entry& entry);
  Observation load_observation(const YAML::Node& node, std::size_t index);
  void load_failure(const Section& s, const YAML::Node& node, Observation& obs);

  const std::string& text_;
  const std::string& file_;
  JobSpec& spec_;
};

Section Loader::section(const YAML::Node& node, const YAML::Mark& mark, const std::string& path,
                        const std::string& name, const std::vector<std::string>* known) {
  Section result{path, mark, {}};
  if (node.IsNull()) return result;  // `emr:` with nothing under it is an empty map
  if (!node.IsMap()) {
    const YAML::Mark where = node.Mark().is_null() ? mark : node.Mark();
    fail(where, name.empty() ? "expected a map, got " + describe(node)
                             : "expected a map for '" + name + "', got " + describe(node));
  }
  for (auto it = node.begin(); it != node.end(); ++it) {
    // yaml-cpp's iterator hands out a temporary pair: copy the nodes (cheap handles), never bind.
    const YAML::Node key = it->first;
    const YAML::Node value = it->second;
    if (!key.IsScalar()) fail(key.Mark(), "expected a key name, got " + describe(key));
    Entry entry{key.Scalar(), path.empty() ? key.Scalar() : path + "." + key.Scalar(), key, value};
    if (const Entry* first = result.find(entry.key))
      fail(key.Mark(), "duplicate key '" + entry.key + "' " + result.where() + " (first given on line " +
                           std::to_string(first->key_node.Mark().line + 1) + ")");
    if (known && std::find(known->begin(), known->end(), entry.key) == known->end()) {
      std::string hint = text::did_you_mean(entry.key, *known);
      fail(key.Mark(), "unknown key '" + entry.key + "' " + result.where() +
                           (hint.empty() ? "; expected one of " + text::join(*known) : hint));
    }
    result.entries.push_back(std::move(entry));
  }
  return result;
}

std::vector<std::string> Loader::read_string_list(const Entry& entry, bool instance_types) {
  // One word is taken as a list of one (`instance_types: r5.4xlarge`).
  std::vector<std::pair<std::string, YAML::Mark>> items;
  if (entry.value.IsScalar()) {
    items.emplace_back(entry.value.Scalar(), value_mark(entry));
    note(entry);
  } else {
    for (const YAML::Node& item : list(entry)) {
      if (!item.IsScalar()) fail(item.Mark(), "expected a string in '" + entry.key + "', got " + describe(item));
      items.emplace_back(item.Scalar(), item.Mark());
    }
  }
  std::vector<std::string> result;
  for (auto& [value, mark] : items) {
    std::string word(text::trim(value));
    if (word.empty()) fail(mark, "'" + entry.key + "' cannot hold an empty name");
    // Catch `r5` or `4xlarge` here; whether the type exists is the catalog's to say.
    if (instance_types && word.find('.') == std::string::npos)
      fail(mark, "expected an instance type such as r5.4xlarge in '" + entry.key + "', got '" + word + "'");
    if (std::find(result.begin(), result.end(), word) == result.end()) result.push_back(word);
  }
  return result;
}

std::vector<int> Loader::read_count_set(const Entry& entry) {
  const std::string forms = "a count, a range such as 2..50 or a list such as 4,8,16";
  auto parse_text = [&](const std::string& value, const YAML::Mark& mark) {
    for (char c : value)
      if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == ',' || c == ' ' || c == '+' || c == '-'))
        fail(mark, "expected " + forms + " for '" + entry.key + "', got '" + value + "'");
    return located(mark, [&] { return units::parse_count_set(value, entry.key); });
  };
  std::set<int> values;
  if (entry.value.IsSequence()) {
    for (const YAML::Node& item : list(entry)) {
      if (!item.IsScalar()) fail(item.Mark(), "expected " + forms + " in '" + entry.key + "', got " + describe(item));
      for (int value : parse_text(item.Scalar(), item.Mark())) values.insert(value);
    }
    if (values.empty()) fail(value_mark(entry), "'" + entry.key + "' needs at least one count");
  } else {
    for (int value : parse_text(scalar(entry, forms), value_mark(entry))) values.insert(value);
  }
  return {values.begin(), values.end()};
}

void Loader::load(const YAML::Node& root) {
  if (!root.IsMap()) fail(root.Mark(), "expected a map with a 'job:' section at the top level, got " + describe(root));
  Section top = section(root, root.Mark(), "", "", &kTopKeys);
  const Entry* job = top.find("job");
  if (!job) fail(root.Mark(), "the job spec has no 'job:' section");
  load_job(section(*job, kJobKeys));
  if (const Entry* objective = top.find("objective")) load_objective(section(*objective, kObjectiveKeys));
  if (const Entry* layout = top.find("layout")) load_layout(section(*layout, kLayoutKeys));
  if (const Entry* platform = top.find("platform")) load_platforms(*platform);
  if (const Entry* observations = top.find("observations")) {
    std::vector<YAML::Node> items = list(*observations);
    for (std::size_t i = 0; i < items.size(); ++i) spec_.observations.push_back(load_observation(items[i], i));
  }
}

void Loader::load_job(const Section& job) {
  if (const Entry* e = job.find("name")) spec_.name = read_string(*e);
  if (const Entry* e = job.find("input")) load_input(section(*e, kInputKeys));
  if (const Entry* e = job.find("workload")) {
    spec_.workload = read_word(*e, "a workload", parse_workload);
    spec_.workload_given = true;
  }
  if (const Entry* e = job.find("iterations")) {
    spec_.iterations = read_count(*e);
  } else if ((spec_.workload == Workload::iterative_ml || spec_.workload == Workload::graph) && !job.find("stages")) {
    spec_.iterations = 10;  // iterative jobs rarely converge in one pass; explicit stages run once each
  }
  if (const Entry* e = job.find("language")) {
    spec_.language = read_word(*e, "a language", parse_language);
    spec_.language_given = true;
  }
  if (const Entry* e = job.find("collect"))
    spec_.collect_bytes = positive(*e, read_data_size(*e), "the collected result");
  if (const Entry* e = job.find("stages")) {
    std::vector<YAML::Node> items = list(*e);
    for (std::size_t i = 0; i < items.size(); ++i) spec_.stages.push_back(load_stage(items[i], i));
  }
}

void Loader::load_input(const Section& input) {
  Input& in = spec_.input;
  const Entry* size = input.find("size");
  if (!size) fail(input.mark, "missing key 'size' in " + input.path);
  in.size_bytes = positive(*size, read_data_size(*size), "the input size");
  if (const Entry* e = input.find("files")) in.files = read_count64(*e);
  if (const Entry* e = input.find("avg_file_size"))
    in.avg_file_size_bytes = positive(*e, read_data_size(*e), "avg_file_size");
  if (const Entry* e = input.find("file_format")) {
    in.file_format = read_word(*e, "a file format", parse_file_format);
    in.file_format_given = true;
  }
  if (const Entry* e = input.find("compression")) {
    in.compression_given = true;
    std::string given = text::to_lower(text::trim(scalar(*e, "a word")));
    // Spark's writers call "no codec" uncompressed; take that spelling too.
    in.compression = given == "uncompressed" ? "none" : read_choice(*e, "compression", kCompressions);
  } else {
    in.compression = std::string(default_compression(in.file_format));
  }
}

Stage Loader::load_stage(const YAML::Node& node, std::size_t index) {
  const std::string path = "job.stages[" + std::to_string(index) + "]";
  if (!node.IsMap()) fail(node.Mark(), "expected a map for each stage in job.stages, got " + describe(node));
  Section s = section(node, node.Mark(), path, "", &kStageKeys);
  Stage stage;
  stage.where = at(node.Mark());
  const Entry* kind = s.find("kind");
  if (!kind) fail(node.Mark(), "missing key 'kind' in " + path);
  stage.kind = read_choice(*kind, "stage kind", kStageKinds);
  stage.name = "stage-" + std::to_string(index + 1);
  if (const Entry* e = s.find("name")) stage.name = read_string(*e);
  auto at_least = [&](const Entry& e, double low, const std::string& rule) {
    double value = read_number(e);
    if (value < low) fail(value_mark(e), "invalid value '" + e.value.Scalar() + "': " + e.key + " " + rule);
    return value;
  };
  if (const Entry* e = s.find("shuffle_ratio")) stage.shuffle_ratio = at_least(*e, 0, "cannot be negative");
  if (const Entry* e = s.find("skew"))
    stage.skew = at_least(*e, 1, "must be at least 1 (the largest task over the median task)");
  if (const Entry* e = s.find("output_ratio")) stage.output_ratio = at_least(*e, 0, "cannot be negative");
  if (const Entry* e = s.find("cache")) stage.cache = read_bool(*e);
  if (const Entry* e = s.find("broadcast")) stage.broadcast_bytes = read_data_size(*e);
  return stage;
}

void Loader::load_objective(const Section& objective) {
  Objective& o = spec_.objective;
  if (const Entry* e = objective.find("minimize")) o.minimize = read_word(*e, "cost or runtime", parse_minimize);
  if (const Entry* e = objective.find("deadline")) {
    o.deadline_s = read_duration(*e);
    if (*o.deadline_s <= 0)
      fail(value_mark(*e), "invalid value '" + e->value.Scalar() + "': the deadline must be longer than 0");
  }
  if (const Entry* e = objective.find("budget")) {
    o.budget_usd = read_money(*e);
    if (*o.budget_usd <= 0)
      fail(value_mark(*e), "invalid value '" + e->value.Scalar() + "': the budget must be more than $0");
  }
}

void Loader::load_layout(const Section& layout) {
  LayoutChoices& l = spec_.layout;
  if (const Entry* e = layout.find("num_executors")) l.num_executors = read_count(*e);
  if (const Entry* e = layout.find("executor_cores")) l.executor_cores = read_count(*e);
  if (const Entry* e = layout.find("executor_memory"))
    l.executor_memory_mib = heap(*e, read_memory_mib(*e), "executor_memory");
  if (const Entry* e = layout.find("memory_overhead"))
    l.memory_overhead_mib = positive(*e, read_memory_mib(*e), "memory_overhead");
  if (const Entry* e = layout.find("overhead_factor")) {
    double f = read_number(*e);
    if (!(f > 0 && f < 1))
      fail(value_mark(*e),
           "invalid value '" + e->value.Scalar() + "': overhead_factor must be greater than 0 and less than 1");
    l.overhead_factor = f;
  }
  if (const Entry* e = layout.find("heap_from_container"))
    l.heap_from_container = read_word(*e, "subtract or divide", parse_heap_convention);
  if (const Entry* e = layout.find("deploy_mode"))
    l.deploy_mode = read_word(*e, "cluster or client", parse_deploy_mode);
  if (const Entry* e = layout.find("driver_memory"))
    l.driver_memory_mib = heap(*e, read_memory_mib(*e), "driver_memory");
  if (const Entry* e = layout.find("driver_cores")) l.driver_cores = read_count(*e);
  if (const Entry* e = layout.find("partitions")) l.partitions = read_count64(*e);
  if (const Entry* e = layout.find("shuffle_partitions")) l.shuffle_partitions = read_count64(*e);
}

void Loader::load_platforms(const Entry& platform) {
  Section platforms = section(platform.value, platform.key_node.Mark(), "platform", "platform", nullptr);
  for (const Entry& entry : platforms.entries) {
    if (std::find(kPlatformNames.begin(), kPlatformNames.end(), entry.key) == kPlatformNames.end())
      fail(entry.key_node.Mark(), "unknown platform '" + entry.key + "'" +
                                      text::did_you_mean(entry.key, kPlatformNames) + "; expected one of " +
                                      text::join(kPlatformNames));
  }
  for (const Entry& entry : platforms.entries) {
    if (entry.key == "emr")
      spec_.emr = load_emr(entry);
    else if (entry.key == "ec2")
      spec_.ec2 = load_ec2(entry);
    else if (entry.key == "yarn")
      spec_.yarn = load_yarn(entry);
    else if (entry.key == "glue")
      spec_.glue = load_glue(entry);
    else {
      // emr-serverless and kubernetes: named so a spec can ask for them; no keys yet.
      Section empty = section(entry.value, entry.key_node.Mark(), entry.path, entry.key, nullptr);
      if (!empty.entries.empty())
        fail(empty.entries.front().key_node.Mark(), "unknown key '" + empty.entries.front().key + "' in " + entry.path +
                                                        "; the " + entry.key + " platform takes no keys yet (write '" +
                                                        entry.key + ": {}')");
      note(entry);
      if (entry.key == "emr-serverless")
        spec_.emr_serverless = EmrServerlessPlatform{at(entry.key_node.Mark())};
      else
        spec_.kubernetes = KubernetesPlatform{at(entry.key_node.Mark())};
    }
  }
}

EmrPlatform Loader::load_emr(const Entry& entry) {
  Section s = section(entry, kEmrKeys);
  EmrPlatform emr;
  emr.where = at(entry.key_node.Mark());
  if (const Entry* e = s.find("release")) {
    emr.release = read_string(*e);
    if (!text::starts_with(text::to_lower(emr.release), "emr-"))
      fail(value_mark(*e), "expected an EMR release label such as emr-7.1.0 for 'release', got '" + emr.release + "'");
  }
  if (const Entry* e = s.find("instance_types")) emr.instance_types = read_string_list(*e, true);
  if (const Entry* e = s.find("families")) emr.families = read_string_list(*e, false);
  if (const Entry* e = s.find("nodes")) emr.nodes = read_count_set(*e);
  if (const Entry* e = s.find("market")) emr.market = read_word(*e, "a market", parse_market);
  if (const Entry* e = s.find("primary_instance")) {
    if (!e->value.IsScalar()) scalar(*e, "an instance type");
    emr.primary_instance = read_string_list(*e, true).front();
  }
  if (const Entry* e = s.find("spot_discount")) {
    double d = read_number(*e);
    if (!(d >= 0 && d < 1))
      fail(value_mark(*e),
           "invalid value '" + e->value.Scalar() + "': spot_discount must be at least 0 and less than 1");
    emr.spot_discount = d;
  }
  return emr;
}

Ec2Platform Loader::load_ec2(const Entry& entry) {
  Section s = section(entry, kEc2Keys);
  Ec2Platform ec2;
  ec2.where = at(entry.key_node.Mark());
  const Entry* clusters = s.find("clusters");
  if (!clusters)
    fail(entry.key_node.Mark(),
         "missing key 'clusters' in platform.ec2 (a list of "
         "{instance_type, nodes} pairs)");
  std::vector<YAML::Node> items = list(*clusters);
  if (items.empty()) fail(value_mark(*clusters), "'clusters' needs at least one {instance_type, nodes} pair");
  for (std::size_t i = 0; i < items.size(); ++i) {
    const YAML::Node& node = items[i];
    const std::string path = "platform.ec2.clusters[" + std::to_string(i) + "]";
    if (!node.IsMap())
      fail(node.Mark(), "expected a map {instance_type, nodes} for each cluster, got " + describe(node));
    Section c = section(node, node.Mark(), path, "", &kEc2ClusterKeys);
    Ec2Cluster cluster;
    cluster.where = at(node.Mark());
    const Entry* type = c.find("instance_type");
    if (!type) fail(node.Mark(), "missing key 'instance_type' in " + path);
    if (!type->value.IsScalar()) scalar(*type, "an instance type");
    cluster.instance_type = read_string_list(*type, true).front();
    const Entry* nodes = c.find("nodes");
    if (!nodes) fail(node.Mark(), "missing key 'nodes' in " + path);
    cluster.nodes = read_count(*nodes);
    ec2.clusters.push_back(std::move(cluster));
  }
  return ec2;
}

YarnPlatform Loader::load_yarn(const Entry& entry) {
  Section s = section(entry, kYarnKeys);
  YarnPlatform yarn;
  yarn.where = at(entry.key_node.Mark());
  for (const char* required : {"nodes", "node_cores", "node_memory"})
    if (!s.find(required))
      fail(entry.key_node.Mark(), "missing key '" + std::string(required) +
                                      "' in platform.yarn (a yarn platform needs nodes, "
                                      "node_cores and node_memory)");
  yarn.nodes = read_count(*s.find("nodes"));
  yarn.node_cores = read_count(*s.find("node_cores"));
  const Entry& memory = *s.find("node_memory");
  yarn.node_memory_mib = positive(memory, read_memory_mib(memory), "node_memory");
  if (const Entry* e = s.find("reserve_cores")) {
    yarn.reserve_cores = read_whole(*e);
    if (yarn.reserve_cores >= yarn.node_cores)
      fail(value_mark(*e), "reserve_cores (" + std::to_string(yarn.reserve_cores) + ") must be less than node_cores (" +
                               std::to_string(yarn.node_cores) + ")");
  }
  if (const Entry* e = s.find("reserve_memory")) {
    yarn.reserve_memory_mib = read_memory_mib(*e);
    if (yarn.reserve_memory_mib >= yarn.node_memory_mib)
      fail(value_mark(*e), "reserve_memory (" + units::format_size(yarn.reserve_memory_mib * units::kMiB) +
                               ") must be less than node_memory (" +
                               units::format_size(yarn.node_memory_mib * units::kMiB) + ")");
  }
  if (const Entry* e = s.find("min_allocation"))
    yarn.min_allocation_mib = positive(*e, read_memory_mib(*e), "min_allocation");
  if (const Entry* e = s.find("resource_calculator"))
    yarn.resource_calculator = read_word(*e, "memory or dominant", parse_resource_calculator);
  return yarn;
}

GluePlatform Loader::load_glue(const Entry& entry) {
  Section s = section(entry, kGlueKeys);
  GluePlatform glue;
  glue.where = at(entry.key_node.Mark());
  if (const Entry* e = s.find("glue_version")) {
    // yaml-cpp keeps a scalar's text, so an unquoted 4.0 stays "4.0"; a bare 4 means "4.0".
    std::string version = read_string(*e);
    if (is_whole_number(version)) version += ".0";
    std::size_t dot = version.find('.');
    if (dot == std::string::npos || !is_whole_number(version.substr(0, dot)) ||
        !is_whole_number(version.substr(dot + 1)) || version.front() == '-' || version.front() == '+')
      fail(value_mark(*e),
           "expected a Glue version such as \"4.0\" for 'glue_version', got '" + e->value.Scalar() + "'");
    glue.glue_version = version;
  }
  if (const Entry* e = s.find("worker_types")) glue.worker_types = read_string_list(*e, true);
  if (const Entry* e = s.find("workers")) glue.workers = read_count_set(*e);
  if (const Entry* e = s.find("execution_class"))
    glue.execution_class = read_choice(*e, "execution class", kExecutionClasses);
  if (const Entry* e = s.find("auto_scaling")) glue.auto_scaling = read_bool(*e);
  return glue;
}

Observation Loader::load_observation(const YAML::Node& node, std::size_t index) {
  const std::string path = "observations[" + std::to_string(index) + "]";
  if (!node.IsMap()) fail(node.Mark(), "expected a map for each observation, got " + describe(node));
  Section s = section(node, node.Mark(), path, "", &kObservationKeys);
  Observation obs;
  obs.where = at(node.Mark());
  const Entry* platform = s.find("platform");
  if (!platform) fail(node.Mark(), "missing key 'platform' in " + path);
  obs.platform = read_choice(*platform, "platform", kPlatformNames);
  const bool glue = obs.platform == "glue";
  // A run is described by the machines it ran on: instances for clusters, workers for Glue.
  for (const char* key : {"instance_type", "nodes", "worker_type", "workers"}) {
    const Entry* e = s.find(key);
    const bool glue_key = key[0] == 'w';
    if (e && glue_key != glue)
      fail(e->key_node.Mark(),
           "'" + std::string(key) + "' does not apply to a " + obs.platform + " observation; " +
               (glue ? "a glue run has worker_type and workers" : "worker_type and workers are for glue runs"));
  }
  if (const Entry* e = s.find("instance_type")) {
    if (!e->value.IsScalar()) scalar(*e, "an instance type");
    obs.instance_type = read_string_list(*e, true).front();
  }
  if (const Entry* e = s.find("nodes")) obs.nodes = read_count(*e);
  if (const Entry* e = s.find("worker_type")) obs.worker_type = read_string(*e);
  if (const Entry* e = s.find("workers")) obs.workers = read_count(*e);
  if (const Entry* e = s.find("runtime")) {
    obs.runtime_s = read_duration(*e);
    if (*obs.runtime_s <= 0)
      fail(value_mark(*e), "invalid value '" + e->value.Scalar() + "': a runtime must be longer than 0");
  }
  if (const Entry* e = s.find("dpu_seconds")) {
    obs.dpu_seconds = read_number(*e);
    if (*obs.dpu_seconds <= 0)
      fail(value_mark(*e), "invalid value '" + e->value.Scalar() + "': dpu_seconds must be greater than 0");
  }
  if (const Entry* e = s.find("event_log")) obs.event_log = read_string(*e);
  load_failure(s, node, obs);
  if (obs.completed && !obs.runtime_s && !obs.dpu_seconds && !obs.event_log)
    fail(node.Mark(), "an observation needs a runtime, dpu_seconds or an event_log");
  return obs;
}

// `completed: false` and its `reason`: a failed run names the machines it ran on and has no measured
// time, but a timeout may say how long it ran before it was killed.
void Loader::load_failure(const Section& s, const YAML::Node& node, Observation& obs) {
  const Entry* completed = s.find("completed");
  const Entry* reason = s.find("reason");
  if (completed) obs.completed = read_bool(*completed);
  if (obs.completed) {
    if (reason)
      fail(reason->key_node.Mark(), "'reason' is for a run that did not finish; add 'completed: false' to say so");
    return;
  }
  if (!reason)
    fail(completed->key_node.Mark(),
         "a run that did not finish needs a 'reason': one of " + text::join(kFailureReasons));
  obs.reason = read_choice(*reason, "reason", kFailureReasons);
  for (const char* key : {"runtime", "dpu_seconds", "event_log"}) {
    const Entry* e = s.find(key);
    if (!e || (obs.reason == "timeout" && std::string(key) == "runtime")) continue;
    fail(e->key_node.Mark(), "'" + std::string(key) + "' does not apply to a run that failed (" + obs.reason +
                                 "): it has no measured time; only a timeout takes 'runtime', how long it ran "
                                 "before it was killed");
  }
  const bool glue = obs.platform == "glue";
  const bool named = glue ? obs.worker_type && obs.workers : obs.instance_type && obs.nodes;
  if (!named && obs.platform != "yarn")
    fail(node.Mark(), "a run that did not finish needs the machines it ran on: " +
                          std::string(glue ? "worker_type and workers" : "instance_type and nodes"));
}

}  // namespace

JobSpec parse_job_spec(const std::string& yaml_text, const std::string& file_name) {
  JobSpec spec;
  spec.source_file = file_name;
  auto at = [&](const YAML::Mark& mark) {
    if (mark.is_null()) return SourceLocation{file_name, 0, 0, {}};
    return SourceLocation{file_name, mark.line + 1, mark.column + 1, line_of(yaml_text, mark.line + 1)};
  };
  std::vector<YAML::Node> documents;
  yaml::check_limits(yaml_text, file_name);
  try {
    documents = YAML::LoadAll(yaml_text);
  } catch (const YAML::Exception& error) {
    throw InputError(at(error.mark), error.msg);
  }
  if (documents.empty() || documents.front().IsNull())
    throw InputError(SourceLocation{file_name, 0, 0, {}}, "the job spec is empty; expected at least a 'job:' section");
  for (std::size_t i = 1; i < documents.size(); ++i)
    if (!documents[i].IsNull())
      throw InputError(at(documents[i].Mark()), "a job spec is one YAML document; this is a second one (after '---')");
  Loader(yaml_text, file_name, spec).load(documents.front());
  return spec;
}

JobSpec load_job_spec(const std::string& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError("cannot read job spec '" + path + "': " + std::strerror(EISDIR));
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read job spec '" + path + "': " + std::strerror(errno));
  std::ostringstream text;
  text << in.rdbuf();
  if (in.bad()) throw InputError("cannot read job spec '" + path + "': " + std::strerror(errno));
  JobSpec spec = parse_job_spec(text.str(), path);
  const std::filesystem::path base = std::filesystem::path(path).parent_path();
  for (Observation& obs : spec.observations)
    if (obs.event_log && std::filesystem::path(*obs.event_log).is_relative() && !base.empty())
      obs.event_log = (base / *obs.event_log).lexically_normal().string();
  return spec;
}

}  // namespace sparkfit::job
