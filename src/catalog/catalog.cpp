// Loads instance_catalogs/ (see instance_catalogs/README.md for the schema). Validation is strict
// because a typo in a catalog silently changes every price and layout sparkfit prints: unknown
// keys, missing keys, wrong types and impossible values are all input errors with file:line:col.
#include "sparkfit/catalog/catalog.hpp"

#include <algorithm>
#include <atomic>
#include <charconv>
#include <cmath>
#include <exception>
#include <fstream>
#include <iterator>
#include <limits>
#include <sstream>
#include <thread>
#include <unordered_map>
#include <utility>

#include "sparkfit/util/error.hpp"
#include "sparkfit/util/text.hpp"
#include "util/yaml_tree.hpp"

namespace sparkfit::catalog {

std::string_view to_string(Arch arch) {
  switch (arch) {
    case Arch::x86_64: return "x86_64";
    case Arch::arm64: return "arm64";
  }
  return "x86_64";
}

std::string_view to_string(YarnProvenance provenance) {
  switch (provenance) {
    case YarnProvenance::cited: return "cited";
    case YarnProvenance::pattern: return "pattern";
    case YarnProvenance::interpolated: return "interpolated";
  }
  return "cited";
}

using yaml::load_yaml;
using yaml::yaml_location;
using yaml::YamlValue;

namespace {

namespace fs = std::filesystem;

constexpr int kSchemaVersion = 1;

// One YAML file: its path as the user will see it and its text, for the source line of errors.
class Document {
 public:
  Document(std::string path, std::string text) : path_(std::move(path)), text_(std::move(text)) {}

  const std::string& path() const { return path_; }
  const std::string& text() const { return text_; }

  // yaml-cpp positions are 0-based; diagnostics are 1-based.
  SourceLocation at(int line0, int column0) const { return yaml_location(path_, text_, line0, column0); }
  SourceLocation at(const YamlValue& value) const { return at(value.line, value.column); }

  [[noreturn]] void fail(const YamlValue& value, const std::string& message) const {
    throw InputError(at(value), message);
  }

 private:
  std::string path_;
  std::string text_;
};

std::string describe(const YamlValue& node) {
  if (node.is_map()) return "a mapping";
  if (node.is_sequence()) return "a list";
  if (node.is_null()) return "an empty value";
  return "'" + node.scalar + "'";
}

// A mapping whose keys are checked against the keys the schema allows, with did-you-mean.
class Mapping {
 public:
  Mapping(const Document& doc, const YamlValue& node, const std::vector<std::string>& allowed)
      : doc_(doc), node_(node) {
    entries_.reserve(node.children.size() / 2);
    for (std::size_t i = 0; i + 1 < node.children.size(); i += 2) {
      const YamlValue& key = node.children[i];
      if (!key.is_scalar()) doc_.fail(key, "a key must be a plain name, got " + describe(key));
      std::string_view name = key.scalar;
      if (std::find(allowed.begin(), allowed.end(), name) == allowed.end())
        doc_.fail(key, "unknown key '" + key.scalar + "'" + text::did_you_mean(name, allowed));
      for (const auto& entry : entries_)
        if (entry.first == name) doc_.fail(key, "key '" + key.scalar + "' is given twice");
      entries_.emplace_back(name, &node.children[i + 1]);
    }
  }

  const Document& doc() const { return doc_; }
  const YamlValue& node() const { return node_; }

  const YamlValue* find(std::string_view key) const {
    for (const auto& entry : entries_)
      if (entry.first == key) return entry.second;
    return nullptr;
  }

  const YamlValue& required(std::string_view key) const {
    const YamlValue* value = find(key);
    if (!value) doc_.fail(node_, "missing required key '" + std::string(key) + "'");
    return *value;
  }

  std::string string(std::string_view key) const { return as_string(key, required(key)); }

  std::string optional_string(std::string_view key, std::string fallback = {}) const {
    const YamlValue* value = find(key);
    return value ? as_string(key, *value) : std::move(fallback);
  }

  std::int64_t integer(std::string_view key) const { return as_integer(key, required(key)); }

  double number(std::string_view key) const { return as_number(key, required(key)); }

  std::optional<double> optional_number(std::string_view key) const {
    const YamlValue* value = find(key);
    if (!value) return std::nullopt;
    return as_number(key, *value);
  }

  bool boolean(std::string_view key) const { return as_boolean(key, required(key)); }

  bool optional_boolean(std::string_view key, bool fallback) const {
    const YamlValue* value = find(key);
    return value ? as_boolean(key, *value) : fallback;
  }

  // Values that must be > 0 (sizes, counts) or >= 0 (prices, disks).
  std::int64_t positive_integer(std::string_view key) const {
    std::int64_t value = integer(key);
    if (value <= 0) fail_range(key, "must be greater than 0");
    return value;
  }
  std::int64_t non_negative_integer(std::string_view key) const {
    std::int64_t value = integer(key);
    if (value < 0) fail_range(key, "must not be negative");
    return value;
  }
  double positive_number(std::string_view key) const {
    double value = number(key);
    if (!(value > 0)) fail_range(key, "must be greater than 0");
    return value;
  }
  double non_negative_number(std::string_view key) const {
    double value = number(key);
    if (value < 0) fail_range(key, "must not be negative");
    return value;
  }

  int small_positive_integer(std::string_view key) const {
    std::int64_t value = positive_integer(key);
    if (value > std::numeric_limits<int>::max()) fail_range(key, "is too large");
    return static_cast<int>(value);
  }

  std::string choice(std::string_view key, const std::vector<std::string>& choices) const {
    const YamlValue& node = required(key);
    std::string value = as_string(key, node);
    if (std::find(choices.begin(), choices.end(), value) == choices.end())
      doc_.fail(node, "'" + std::string(key) + "' must be one of " + text::join(choices) + ", got '" + value + "'" +
                          text::did_you_mean(value, choices));
    return value;
  }

  Mapping mapping(std::string_view key, const std::vector<std::string>& allowed) const {
    const YamlValue& node = required(key);
    if (!node.is_map()) doc_.fail(node, "'" + std::string(key) + "' must be a mapping, got " + describe(node));
    return Mapping(doc_, node, allowed);
  }

  const YamlValue& list(std::string_view key) const {
    const YamlValue& node = required(key);
    if (!node.is_sequence()) doc_.fail(node, "'" + std::string(key) + "' must be a list, got " + describe(node));
    return node;
  }

  [[noreturn]] void fail_range(std::string_view key, const std::string& what) const {
    const YamlValue& node = required(key);
    doc_.fail(node, "'" + std::string(key) + "' " + what + ", got " + node.scalar);
  }

 private:
  std::string as_string(std::string_view key, const YamlValue& node) const {
    if (!node.is_scalar()) doc_.fail(node, "'" + std::string(key) + "' must be a string, got " + describe(node));
    return node.scalar;
  }

  std::int64_t as_integer(std::string_view key, const YamlValue& node) const {
    if (node.is_scalar()) {
      const std::string& text = node.scalar;
      std::int64_t value = 0;
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (error == std::errc() && end == text.data() + text.size() && !text.empty()) return value;
    }
    doc_.fail(node, "'" + std::string(key) + "' must be a whole number, got " + describe(node));
  }

  double as_number(std::string_view key, const YamlValue& node) const {
    if (node.is_scalar()) {
      const std::string& text = node.scalar;
      double value = 0;
      auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
      if (error == std::errc() && end == text.data() + text.size() && !text.empty() && std::isfinite(value))
        return value;
    }
    doc_.fail(node, "'" + std::string(key) + "' must be a number, got " + describe(node));
  }

  bool as_boolean(std::string_view key, const YamlValue& node) const {
    if (node.is_scalar()) {
      if (node.scalar == "true") return true;
      if (node.scalar == "false") return false;
    }
    doc_.fail(node, "'" + std::string(key) + "' must be true or false, got " + describe(node));
  }

  const Document& doc_;
  const YamlValue& node_;
  std::vector<std::pair<std::string_view, const YamlValue*>> entries_;
};

Mapping list_item(const Document& doc, const YamlValue& item, std::string_view list_name,
                  const std::vector<std::string>& allowed) {
  if (!item.is_map())
    doc.fail(item, "each entry of '" + std::string(list_name) + "' must be a mapping, got " + describe(item));
  return Mapping(doc, item, allowed);
}

Document read_document(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(SourceLocation{path.string(), 0, 0, {}}, "cannot read the file");
  std::ostringstream text;
  text << in.rdbuf();
  return Document(path.string(), text.str());
}

YamlValue parse(const Document& doc) {
  YamlValue root = load_yaml(doc.text(), doc.path());
  if (!root.is_map())
    throw InputError(SourceLocation{doc.path(), 1, 0, {}}, "expected a mapping at the top of the file");
  return root;
}

bool is_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return false;
  for (std::size_t i : {0u, 1u, 2u, 3u, 5u, 6u, 8u, 9u})
    if (text[i] < '0' || text[i] > '9') return false;
  return true;
}

// schema_version, source and as_of, which every catalog file has. Returns as_of.
std::string read_header(const Mapping& top) {
  const YamlValue& version = top.required("schema_version");
  if (top.integer("schema_version") != kSchemaVersion)
    top.doc().fail(version, "unsupported schema_version " + version.scalar + " (this sparkfit reads " +
                                std::to_string(kSchemaVersion) + ")");
  if (top.string("source").empty()) top.doc().fail(top.required("source"), "'source' must not be empty");
  std::string as_of = top.string("as_of");
  if (!is_date(as_of)) top.doc().fail(top.required("as_of"), "'as_of' must be a date YYYY-MM-DD, got '" + as_of + "'");
  return as_of;
}

// One family file, parsed on its own (possibly on another thread) and merged in file order.
struct FamilyFile {
  std::vector<InstanceType> instances;
  std::vector<SourceLocation> name_locations;  // where each instance's name is, for duplicates
  LoadedFile file;
};

FamilyFile parse_family(const Document& doc) {
  static const std::vector<std::string> kTop = {"schema_version", "family",       "processor",      "source",
                                                "as_of",          "price_source", "emr_fee_source", "ebs_source",
                                                "ebs_as_of",      "core_speed",   "instances"};
  static const std::vector<std::string> kSpeed = {"value", "estimate", "source"};
  static const std::vector<std::string> kInstance = {"name",
                                                     "vcpus",
                                                     "memory_gib",
                                                     "arch",
                                                     "processor",
                                                     "network_gbps",
                                                     "ebs_baseline_mbps",
                                                     "local_disk_gb",
                                                     "local_disk_kind",
                                                     "default_ebs_gb",
                                                     "default_ebs_derived",
                                                     "price_usd_per_hour",
                                                     "price_source",
                                                     "emr",
                                                     "yarn"};
  static const std::vector<std::string> kEmr = {"available", "fee_usd_per_hour", "fee_derived", "fee_source"};
  static const std::vector<std::string> kYarn = {"nodemanager_mib", "max_allocation_mib", "min_allocation_mib",
                                                 "provenance"};
  static const std::vector<std::string> kArch = {"x86_64", "arm64"};
  static const std::vector<std::string> kDiskKind = {"nvme", "ssd", "none"};
  static const std::vector<std::string> kProvenance = {"cited", "pattern", "interpolated"};

  YamlValue root = parse(doc);
  Mapping top(doc, root, kTop);
  std::string as_of = read_header(top);
  std::string family = top.string("family");
  std::string stem = fs::path(doc.path()).stem().string();
  if (family != stem)
    doc.fail(top.required("family"),
             "family '" + family + "' does not match the file name '" + fs::path(doc.path()).filename().string() + "'");
  std::string processor = top.string("processor");
  std::string price_source = top.string("price_source");
  std::string no_fee_source = top.string("emr_fee_source");
  std::string ebs_source = top.string("ebs_source");
  if (ebs_source.empty()) doc.fail(top.required("ebs_source"), "'ebs_source' must not be empty");
  std::string ebs_as_of = top.string("ebs_as_of");
  if (!is_date(ebs_as_of))
    doc.fail(top.required("ebs_as_of"), "'ebs_as_of' must be a date YYYY-MM-DD, got '" + ebs_as_of + "'");
  Mapping speed = top.mapping("core_speed", kSpeed);
  double core_speed = speed.positive_number("value");
  speed.boolean("estimate");
  std::string core_speed_source = speed.string("source");

  FamilyFile result;
  const YamlValue& instances = top.list("instances");
  for (const YamlValue& item : instances.children) {
    Mapping m = list_item(doc, item, "instances", kInstance);
    InstanceType type;
    const YamlValue& name_node = m.required("name");
    type.name = m.string("name");
    std::size_t dot = type.name.find('.');
    if (dot == std::string::npos || dot + 1 == type.name.size() || type.name.substr(0, dot) != family)
      doc.fail(name_node, "instance type '" + type.name + "' does not belong to family '" + family + "' (expected '" +
                              family + ".<size>')");
    result.name_locations.push_back(doc.at(name_node));
    type.family = family;
    type.size = type.name.substr(dot + 1);
    type.vcpus = m.small_positive_integer("vcpus");
    double memory_gib = m.positive_number("memory_gib");
    double memory_mib = memory_gib * 1024;
    if (std::abs(memory_mib - std::round(memory_mib)) > 1e-6)
      doc.fail(m.required("memory_gib"),
               "'memory_gib' must be a whole number of MiB, got " + m.required("memory_gib").scalar);
    type.memory_mib = static_cast<std::int64_t>(std::llround(memory_mib));
    type.arch = m.choice("arch", kArch) == "arm64" ? Arch::arm64 : Arch::x86_64;
    type.processor = m.optional_string("processor", processor);
    if (m.find("network_gbps")) type.network_gbps = m.positive_number("network_gbps");
    if (m.find("ebs_baseline_mbps")) type.ebs_baseline_mbps = m.positive_integer("ebs_baseline_mbps");
    type.ebs_source = ebs_source;
    type.ebs_as_of = ebs_as_of;
    type.local_disk_gb = m.non_negative_integer("local_disk_gb");
    type.local_disk_kind = m.choice("local_disk_kind", kDiskKind);
    if ((type.local_disk_kind == "none") != (type.local_disk_gb == 0))
      doc.fail(m.required("local_disk_kind"), "'local_disk_kind' is '" + type.local_disk_kind +
                                                  "' but 'local_disk_gb' is " + std::to_string(type.local_disk_gb));
    type.default_ebs_gb = m.non_negative_integer("default_ebs_gb");
    type.default_ebs_derived = m.optional_boolean("default_ebs_derived", false);
    type.price_usd_per_hour = m.non_negative_number("price_usd_per_hour");
    type.price_source = m.optional_string("price_source", price_source);

    Mapping emr = m.mapping("emr", kEmr);
    type.emr_available = emr.boolean("available");
    if (emr.find("fee_usd_per_hour")) type.emr_fee_usd_per_hour = emr.non_negative_number("fee_usd_per_hour");
    type.emr_fee_derived = emr.boolean("fee_derived");
    // A fee needs its own citation; the family's text only explains a missing fee.
    type.emr_fee_source =
        type.emr_fee_usd_per_hour ? emr.string("fee_source") : emr.optional_string("fee_source", no_fee_source);

    Mapping yarn = m.mapping("yarn", kYarn);
    type.yarn.nodemanager_mib = yarn.positive_integer("nodemanager_mib");
    type.yarn.max_allocation_mib = yarn.positive_integer("max_allocation_mib");
    type.yarn.min_allocation_mib = yarn.positive_integer("min_allocation_mib");
    if (type.yarn.min_allocation_mib > type.yarn.max_allocation_mib)
      doc.fail(yarn.required("min_allocation_mib"),
               "'min_allocation_mib' " + std::to_string(type.yarn.min_allocation_mib) +
                   " is larger than 'max_allocation_mib' " + std::to_string(type.yarn.max_allocation_mib));
    std::string provenance = yarn.choice("provenance", kProvenance);
    type.yarn.provenance = provenance == "cited"     ? YarnProvenance::cited
                           : provenance == "pattern" ? YarnProvenance::pattern
                                                     : YarnProvenance::interpolated;
    type.core_speed = core_speed;
    type.core_speed_source = core_speed_source;
    result.instances.push_back(std::move(type));
  }
  result.file = LoadedFile{doc.path(), as_of};
  return result;
}

// yaml-cpp scans about 5 MB/s, so the family files are parsed in parallel; results and errors
// are still taken in file-name order, so the outcome does not depend on the threads.
std::vector<FamilyFile> parse_families(const std::vector<fs::path>& paths) {
  std::vector<FamilyFile> results(paths.size());
  std::vector<std::exception_ptr> errors(paths.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < paths.size(); i = next++) {
      try {
        results[i] = parse_family(read_document(paths[i]));
      } catch (...) {
        errors[i] = std::current_exception();
      }
    }
  };
  std::size_t threads = std::min<std::size_t>({std::thread::hardware_concurrency(), paths.size(), 8});
  std::vector<std::thread> pool;
  try {
    for (std::size_t i = 1; i < threads; ++i) pool.emplace_back(work);
  } catch (const std::system_error&) {
    // No threads available: the calling thread does all the work.
  }
  work();
  for (std::thread& thread : pool) thread.join();
  for (const std::exception_ptr& error : errors)
    if (error) std::rethrow_exception(error);
  return results;
}

// "emr-7.10.0" -> {7, 10, 0}, so that 7.10 sorts after 7.9.
std::vector<int> release_numbers(std::string_view label) {
  std::vector<int> numbers;
  if (!text::starts_with(label, "emr-")) return numbers;
  for (std::string_view part : text::split(label.substr(4), '.')) {
    int value = 0;
    auto [end, error] = std::from_chars(part.data(), part.data() + part.size(), value);
    if (error != std::errc() || end != part.data() + part.size() || part.empty()) return {};
    numbers.push_back(value);
  }
  return numbers;
}

void load_releases(const Document& doc, Catalog& catalog) {
  static const std::vector<std::string> kTop = {"schema_version", "source", "as_of", "releases"};
  static const std::vector<std::string> kRelease = {"label",
                                                    "spark_version",
                                                    "hadoop_version",
                                                    "java_version",
                                                    "executor_overhead_factor",
                                                    "dynamic_allocation",
                                                    "heterogeneous_executors",
                                                    "dynamic_executor_sizing",
                                                    "gc",
                                                    "source"};
  static const std::vector<std::string> kGc = {"parallel", "g1"};

  YamlValue root = parse(doc);
  Mapping top(doc, root, kTop);
  std::string as_of = read_header(top);
  for (const YamlValue& item : top.list("releases").children) {
    Mapping m = list_item(doc, item, "releases", kRelease);
    EmrRelease release;
    release.label = m.string("label");
    if (release_numbers(release.label).size() != 3)
      doc.fail(m.required("label"), "'label' must look like emr-7.1.0, got '" + release.label + "'");
    for (const EmrRelease& other : catalog.emr_releases)
      if (other.label == release.label) doc.fail(m.required("label"), "duplicate release '" + release.label + "'");
    release.spark_version = m.string("spark_version");
    release.hadoop_version = m.string("hadoop_version");
    release.java_version = m.string("java_version");
    release.executor_overhead_factor = m.positive_number("executor_overhead_factor");
    if (release.executor_overhead_factor >= 1) m.fail_range("executor_overhead_factor", "must be below 1");
    release.dynamic_allocation = m.boolean("dynamic_allocation");
    release.heterogeneous_executors = m.boolean("heterogeneous_executors");
    release.dynamic_executor_sizing = m.boolean("dynamic_executor_sizing");
    release.gc = m.choice("gc", kGc);
    release.source = m.string("source");
    catalog.emr_releases.push_back(std::move(release));
  }
  std::sort(catalog.emr_releases.begin(), catalog.emr_releases.end(), [](const EmrRelease& a, const EmrRelease& b) {
    return release_numbers(a.label) < release_numbers(b.label);
  });
  catalog.files.push_back(LoadedFile{doc.path(), as_of});
}

void load_glue(const Document& doc, Catalog& catalog) {
  static const std::vector<std::string> kTop = {
      "schema_version",          "source",       "as_of",    "usd_per_dpu_hour", "flex_usd_per_dpu_hour", "flex_source",
      "file_grouping_threshold", "worker_types", "versions", "bandwidth_source"};
  static const std::vector<std::string> kWorker = {"name",
                                                   "dpus",
                                                   "vcpus",
                                                   "memory_gib",
                                                   "disk_gb",
                                                   "glue_versions",
                                                   "streaming_only",
                                                   "executor_heap_mib",
                                                   "executor_heap_estimated",
                                                   "bandwidth_as",
                                                   "network_gbps",
                                                   "disk_mib_per_s",
                                                   "notes"};
  static const std::vector<std::string> kVersion = {"version", "spark_version", "python_version", "minimum_billed_s"};

  YamlValue root = parse(doc);
  Mapping top(doc, root, kTop);
  GlueFacts& glue = catalog.glue;
  glue.as_of = read_header(top);
  glue.source = top.string("source");
  glue.usd_per_dpu_hour = top.non_negative_number("usd_per_dpu_hour");
  glue.flex_usd_per_dpu_hour = top.non_negative_number("flex_usd_per_dpu_hour");
  glue.flex_source = top.string("flex_source");
  glue.file_grouping_threshold = top.positive_integer("file_grouping_threshold");

  for (const YamlValue& item : top.list("versions").children) {
    Mapping m = list_item(doc, item, "versions", kVersion);
    GlueVersion version;
    version.version = m.string("version");
    version.spark_version = m.string("spark_version");
    version.python_version = m.string("python_version");
    version.minimum_billed_s = m.non_negative_number("minimum_billed_s");
    glue.versions.push_back(std::move(version));
  }
  std::vector<std::string> known_versions;
  for (const GlueVersion& version : glue.versions) known_versions.push_back(version.version);

  for (const YamlValue& item : top.list("worker_types").children) {
    Mapping m = list_item(doc, item, "worker_types", kWorker);
    GlueWorkerType worker;
    worker.name = m.string("name");
    for (const GlueWorkerType& other : glue.worker_types)
      if (other.name == worker.name) doc.fail(m.required("name"), "duplicate worker type '" + worker.name + "'");
    worker.dpus = m.positive_number("dpus");
    worker.vcpus = m.small_positive_integer("vcpus");
    worker.memory_gib = m.positive_integer("memory_gib");
    worker.disk_gb = m.positive_integer("disk_gb");
    for (const YamlValue& version : m.list("glue_versions").children) {
      if (!version.is_scalar()) doc.fail(version, "each Glue version must be a string, got " + describe(version));
      if (std::find(known_versions.begin(), known_versions.end(), version.scalar) == known_versions.end())
        doc.fail(version,
                 "unknown Glue version '" + version.scalar + "'" + text::did_you_mean(version.scalar, known_versions));
      worker.glue_versions.push_back(version.scalar);
    }
    worker.streaming_only = m.boolean("streaming_only");
    if (m.find("executor_heap_mib")) worker.executor_heap_mib = m.positive_integer("executor_heap_mib");
    worker.executor_heap_estimated = m.boolean("executor_heap_estimated");
    worker.bandwidth_as = m.string("bandwidth_as");
    worker.network_gbps = m.positive_number("network_gbps");
    worker.disk_mib_per_s = m.positive_number("disk_mib_per_s");
    worker.notes = m.optional_string("notes");
    glue.worker_types.push_back(std::move(worker));
  }
  catalog.files.push_back(LoadedFile{doc.path(), glue.as_of});
}

void load_serverless(const Document& doc, Catalog& catalog) {
  static const std::vector<std::string> kTop = {"schema_version",
                                                "source",
                                                "as_of",
                                                "worker_sizes",
                                                "min_disk_gb",
                                                "max_disk_gb",
                                                "usd_per_vcpu_hour",
                                                "usd_per_gb_hour",
                                                "usd_per_disk_gb_hour",
                                                "minimum_billed_s",
                                                "default_executor_cores",
                                                "default_executor_memory_gib",
                                                "overhead_factor",
                                                "network_gbps_per_vcpu",
                                                "disk_mib_per_s_per_vcpu",
                                                "bandwidth_source"};
  static const std::vector<std::string> kSize = {"vcpus", "min_memory_gib", "max_memory_gib", "memory_step_gib"};

  YamlValue root = parse(doc);
  Mapping top(doc, root, kTop);
  ServerlessFacts& facts = catalog.serverless;
  facts.as_of = read_header(top);
  facts.source = top.string("source");
  for (const YamlValue& item : top.list("worker_sizes").children) {
    Mapping m = list_item(doc, item, "worker_sizes", kSize);
    ServerlessWorkerSize size;
    size.vcpus = m.small_positive_integer("vcpus");
    size.min_memory_gib = m.positive_integer("min_memory_gib");
    size.max_memory_gib = m.positive_integer("max_memory_gib");
    size.memory_step_gib = m.positive_integer("memory_step_gib");
    if (size.max_memory_gib < size.min_memory_gib)
      doc.fail(m.required("max_memory_gib"), "'max_memory_gib' is below 'min_memory_gib'");
    facts.worker_sizes.push_back(size);
  }
  facts.min_disk_gb = top.positive_integer("min_disk_gb");
  facts.max_disk_gb = top.positive_integer("max_disk_gb");
  facts.usd_per_vcpu_hour = top.non_negative_number("usd_per_vcpu_hour");
  facts.usd_per_gb_hour = top.non_negative_number("usd_per_gb_hour");
  facts.usd_per_disk_gb_hour = top.non_negative_number("usd_per_disk_gb_hour");
  facts.minimum_billed_s = top.non_negative_number("minimum_billed_s");
  facts.default_executor_cores = top.small_positive_integer("default_executor_cores");
  facts.default_executor_memory_gib = top.positive_integer("default_executor_memory_gib");
  facts.overhead_factor = top.non_negative_number("overhead_factor");
  facts.network_gbps_per_vcpu = top.positive_number("network_gbps_per_vcpu");
  facts.disk_mib_per_s_per_vcpu = top.positive_number("disk_mib_per_s_per_vcpu");
  facts.bandwidth_source = top.string("bandwidth_source");
  catalog.files.push_back(LoadedFile{doc.path(), facts.as_of});
}

}  // namespace

const InstanceType* Catalog::find(std::string_view name) const {
  for (const InstanceType& type : instances)
    if (type.name == name) return &type;
  return nullptr;
}

namespace {
std::string unknown_instance_message(const Catalog& catalog, std::string_view name) {
  const std::string given(name);
  return "unknown instance type '" + given + "'" + text::did_you_mean(given, catalog.instance_names()) +
         "; 'sparkfit catalog list' shows them";
}
}  // namespace

const InstanceType& Catalog::require(std::string_view name, std::string_view flag) const {
  if (const InstanceType* type = find(name)) return *type;
  throw InputError((flag.empty() ? std::string() : std::string(flag) + ": ") + unknown_instance_message(*this, name));
}

const InstanceType& Catalog::require(std::string_view name, const SourceLocation& where) const {
  if (const InstanceType* type = find(name)) return *type;
  throw InputError(where, unknown_instance_message(*this, name));
}

const EmrRelease* Catalog::find_release(std::string_view label) const {
  const EmrRelease* best = nullptr;
  for (const EmrRelease& release : emr_releases) {
    if (release.label == label) return &release;
    // emr_releases is sorted oldest first, so the last match is the newest.
    std::string_view candidate = release.label;
    if (candidate.size() > label.size() && text::starts_with(candidate, label) && candidate[label.size()] == '.')
      best = &release;
  }
  return best;
}

std::vector<std::string> Catalog::instance_names() const {
  std::vector<std::string> names;
  names.reserve(instances.size());
  for (const InstanceType& type : instances) names.push_back(type.name);
  return names;
}

std::string Catalog::as_of() const {
  std::string newest;
  for (const LoadedFile& file : files) newest = std::max(newest, file.as_of);
  return newest;
}

Catalog load_catalog(const fs::path& dir) {
  Catalog catalog;
  fs::path ec2_dir = dir / "aws" / "ec2";
  std::vector<fs::path> family_files;
  std::error_code error;
  for (fs::directory_iterator it(ec2_dir, error), end; !error && it != end; it.increment(error))
    if (it->path().extension() == ".yaml") family_files.push_back(it->path());
  if (error)
    throw InputError(SourceLocation{ec2_dir.string(), 0, 0, {}},
                     "cannot read the instance catalog directory: " + error.message());
  if (family_files.empty())
    throw InputError(SourceLocation{ec2_dir.string(), 0, 0, {}}, "no instance catalogs (*.yaml) here");
  // By file name, so the load order (and any error found first) does not depend on the file system.
  std::sort(family_files.begin(), family_files.end(),
            [](const fs::path& a, const fs::path& b) { return a.filename() < b.filename(); });

  std::unordered_map<std::string, const SourceLocation*> defined;
  std::vector<FamilyFile> families = parse_families(family_files);
  for (FamilyFile& family : families) {
    for (std::size_t i = 0; i < family.instances.size(); ++i) {
      const SourceLocation& where = family.name_locations[i];
      auto [previous, inserted] = defined.try_emplace(family.instances[i].name, &where);
      if (!inserted)
        throw InputError(where, "duplicate instance type '" + family.instances[i].name + "' (first defined at " +
                                    previous->second->file + ":" + std::to_string(previous->second->line) + ":" +
                                    std::to_string(previous->second->column) + ")");
    }
    std::move(family.instances.begin(), family.instances.end(), std::back_inserter(catalog.instances));
    catalog.files.push_back(family.file);
  }
  std::sort(catalog.instances.begin(), catalog.instances.end(), [](const InstanceType& a, const InstanceType& b) {
    if (a.family != b.family) return a.family < b.family;
    if (a.vcpus != b.vcpus) return a.vcpus < b.vcpus;
    return a.name < b.name;
  });

  load_releases(read_document(dir / "aws" / "emr_releases.yaml"), catalog);
  load_glue(read_document(dir / "aws" / "glue.yaml"), catalog);
  load_serverless(read_document(dir / "aws" / "emr_serverless.yaml"), catalog);
  return catalog;
}

bool InstanceQuery::keeps(const InstanceType& type) const {
  return (!family || type.family == *family) && type.memory_mib >= min_memory_mib &&
         (!emr_only || type.emr_available) && (!arch || to_string(type.arch) == *arch);
}

std::vector<const InstanceType*> find_instances(const Catalog& catalog, const InstanceQuery& query) {
  if (query.family) {
    std::vector<std::string> families;
    for (const InstanceType& type : catalog.instances)
      if (families.empty() || families.back() != type.family) families.push_back(type.family);
    if (std::find(families.begin(), families.end(), *query.family) == families.end())
      throw InputError("--family: unknown family '" + *query.family + "'" +
                       text::did_you_mean(*query.family, families) + "; the catalog has " + text::join(families));
  }
  if (query.arch && *query.arch != "x86_64" && *query.arch != "arm64")
    throw InputError("--arch: expected x86_64 or arm64, got '" + *query.arch + "'");
  std::vector<const InstanceType*> kept;
  for (const InstanceType& type : catalog.instances)
    if (query.keeps(type)) kept.push_back(&type);
  return kept;
}

}  // namespace sparkfit::catalog
