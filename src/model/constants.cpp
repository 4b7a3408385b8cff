// Loads the model's constants. Strict: an unknown key or a non-positive throughput is an error
// with file:line:col, so a typo in the data cannot silently fall back to a default.
#include <algorithm>

#include "model/model_yaml.hpp"
#include "sparkfit/model/model.hpp"
#include "sparkfit/util/error.hpp"

namespace sparkfit::model {
namespace {

const std::vector<std::string>& op_names() {
  static const std::vector<std::string> kNames = {"scan", "transform", "shuffle_write", "shuffle_read",  "aggregate",
                                                  "join", "sort",      "write",         "iterate_cached"};
  return kNames;
}

Op parse_op(const Reader& reader, const YAML::Node& node) {
  std::string name = node.as<std::string>();
  for (std::size_t i = 0; i < op_names().size(); ++i)
    if (op_names()[i] == name) return static_cast<Op>(i);
  reader.fail(node, "unknown operation '" + name + "'" + text::did_you_mean(name, op_names()));
}

}  // namespace

Constants load_constants(const std::filesystem::path& file, RuntimeFitFile fit) {
  Reader reader;
  YAML::Node root = reader.open(file, "model constants");
  reader.check_keys(root,
                    {"schema_version", "source", "as_of", "task", "app", "cpu_mib_per_s", "compression_cpu_factor",
                     "io", "memory", "gc", "core_speed_damping", "billing", "workloads"},
                    "the model file");
  Constants c;
  c.file = reader.file;
  c.source = root["source"].as<std::string>("");
  c.as_of = root["as_of"].as<std::string>("");
  reader.check_keys(root["task"], {"fixed_overhead_s", "stage_overhead_s"}, "task");
  c.task_overhead_s = reader.non_negative(root["task"], "fixed_overhead_s", "task");
  c.stage_overhead_s = reader.non_negative(root["task"], "stage_overhead_s", "task");
  reader.check_keys(root["app"], {"startup_s"}, "app");
  c.startup_s = reader.non_negative(root["app"], "startup_s", "app");

  const YAML::Node cpu = root["cpu_mib_per_s"];
  std::vector<std::string> cpu_keys(op_names().begin() + 1, op_names().end());
  static const char* const kFormats[] = {"parquet", "orc", "avro", "csv", "json", "text"};
  for (const char* format : kFormats) cpu_keys.push_back(std::string("scan_") + format);
  reader.check_keys(cpu, cpu_keys, "cpu_mib_per_s");
  for (std::size_t i = 1; i < op_names().size(); ++i)
    c.cpu_mib_per_s[i] = reader.positive(cpu, op_names()[i], "cpu_mib_per_s");
  for (const char* format : kFormats)
    c.scan_mib_per_s[format] = reader.positive(cpu, std::string("scan_") + format, "cpu_mib_per_s");
  c.cpu_mib_per_s[0] = c.scan_mib_per_s["parquet"];

  const YAML::Node compression = root["compression_cpu_factor"];
  if (!compression || !compression.IsMap()) throw InputError(reader.file + ": error: missing compression_cpu_factor");
  for (const auto& entry : compression)
    c.compression_cpu[entry.first.as<std::string>()] =
        reader.positive(compression, entry.first.as<std::string>(), "compression_cpu_factor");

  const YAML::Node io = root["io"];
  reader.check_keys(io,
                    {"object_store_mib_per_s_per_core", "network_efficiency", "unknown_network_gbps", "disk_mib_per_s",
                     "io_cpu_overlap"},
                    "io");
  c.object_store_mib_per_s_per_core = reader.positive(io, "object_store_mib_per_s_per_core", "io");
  c.network_efficiency = reader.positive(io, "network_efficiency", "io");
  c.unknown_network_gbps = reader.positive(io, "unknown_network_gbps", "io");
  c.io_cpu_overlap = reader.non_negative(io, "io_cpu_overlap", "io");
  reader.check_keys(io["disk_mib_per_s"], {"nvme", "ssd", "ebs"}, "io.disk_mib_per_s");
  c.disk_nvme = reader.positive(io["disk_mib_per_s"], "nvme", "io.disk_mib_per_s");
  c.disk_ssd = reader.positive(io["disk_mib_per_s"], "ssd", "io.disk_mib_per_s");
  c.disk_ebs = reader.positive(io["disk_mib_per_s"], "ebs", "io.disk_mib_per_s");

  const YAML::Node memory = root["memory"];
  reader.check_keys(
      memory, {"deserialized_expansion", "compressed_text_factor", "oops_loss_expansion", "disk_headroom"}, "memory");
  reader.check_keys(memory["deserialized_expansion"],
                    std::vector<std::string>(std::begin(kFormats), std::end(kFormats)),
                    "memory.deserialized_expansion");
  for (const char* format : kFormats)
    c.expansion[format] = reader.positive(memory["deserialized_expansion"], format, "memory.deserialized_expansion");
  c.compressed_text_factor = reader.positive(memory, "compressed_text_factor", "memory");
  c.oops_loss_expansion = reader.positive(memory, "oops_loss_expansion", "memory");
  c.disk_headroom = reader.positive(memory, "disk_headroom", "memory");

  const YAML::Node gc = root["gc"];
  reader.check_keys(gc, {"base", "per_heap_gib", "per_core_above_5", "live_set"}, "gc");
  c.gc_live_set = reader.non_negative(gc, "live_set", "gc");
  c.gc_base = reader.non_negative(gc, "base", "gc");
  c.gc_per_heap_gib = reader.non_negative(gc, "per_heap_gib", "gc");
  c.gc_per_core_above_5 = reader.non_negative(gc, "per_core_above_5", "gc");
  c.core_speed_damping = reader.non_negative(root, "core_speed_damping", "the model file");

  const YAML::Node billing = root["billing"];
  reader.check_keys(billing, {"minimum_s", "emr_fee_share_when_unknown", "emr_fee_cap_usd", "target_partition_mib"},
                    "billing");
  c.billing_minimum_s = reader.non_negative(billing, "minimum_s", "billing");
  c.emr_fee_share = reader.non_negative(billing, "emr_fee_share_when_unknown", "billing");
  c.emr_fee_cap = reader.positive(billing, "emr_fee_cap_usd", "billing");
  c.target_partition_mib = reader.positive(billing, "target_partition_mib", "billing");

  for (const auto& workload : root["workloads"]) {
    std::string name = workload.first.as<std::string>();
    std::vector<WorkloadStage> stages;
    for (const YAML::Node& node : workload.second) {
      reader.check_keys(
          node, {"name", "kind", "read", "ops", "shuffle_ratio", "output_ratio", "working_set", "cache", "repeat"},
          "workloads." + name);
      WorkloadStage stage;
      stage.name = node["name"].as<std::string>("stage");
      stage.kind = node["kind"].as<std::string>("scan");
      if (stage.kind != "scan" && stage.kind != "shuffle" && stage.kind != "iterate")
        reader.fail(node["kind"], "unknown stage kind '" + stage.kind + "'; expected scan, shuffle or iterate");
      stage.read = node["read"].as<double>(0);
      for (const YAML::Node& op : node["ops"]) stage.ops.push_back(parse_op(reader, op));
      stage.shuffle_ratio = node["shuffle_ratio"].as<double>(0);
      stage.output_ratio = node["output_ratio"].as<double>(0);
      stage.working_set = node["working_set"].as<double>(0.2);
      stage.cache = node["cache"].as<bool>(false);
      stage.repeat = node["repeat"] && node["repeat"].as<std::string>() == "iterations";
      stages.push_back(stage);
    }
    c.workloads[name] = stages;
  }
  for (const char* required : {"etl", "aggregation", "join", "sort", "iterative-ml", "graph", "sql-analytics"})
    if (!c.workloads.count(required))
      throw InputError(reader.file + ": error: the model has no stages for workload '" + required + "'");
  if (fit == RuntimeFitFile::skip) return c;
  c.runtime_fit = load_runtime_fit(file.parent_path() / "runtime_fit.yaml");
  c.prior = prior_belief(c.runtime_fit);
  return c;
}

}  // namespace sparkfit::model
