#include "sparkfit/output/catalog.hpp"
#include "sparkfit/util/json_writer.hpp"
#include "sparkfit/util/version.hpp"

namespace sparkfit::output {
namespace {

void write_instance(JsonWriter& json, const catalog::InstanceType& t) {
  json.begin_object();
  json.field("instance_type", t.name).field("family", t.family).field("vcpus", t.vcpus);
  json.field("memory_mib", t.memory_mib).field("arch", std::string(catalog::to_string(t.arch)));
  json.field("processor", t.processor).field("network_gbps", t.network_gbps);
  json.field("ebs_baseline_mbps", t.ebs_baseline_mbps).field("ebs_source", t.ebs_source);
  json.field("local_disk_gb", t.local_disk_gb).field("local_disk_kind", t.local_disk_kind);
  json.field("default_ebs_gb", t.default_ebs_gb);
  json.field("price_usd_per_hour", t.price_usd_per_hour).field("price_source", t.price_source);
  json.field("emr_available", t.emr_available).field("emr_fee_usd_per_hour", t.emr_fee_usd_per_hour);
  json.field("emr_fee_derived", t.emr_fee_derived).field("emr_fee_source", t.emr_fee_source);
  json.field("yarn_memory_mib", t.yarn.nodemanager_mib)
      .field("yarn_max_allocation_mib", t.yarn.max_allocation_mib)
      .field("yarn_min_allocation_mib", t.yarn.min_allocation_mib)
      .field("yarn_provenance", std::string(catalog::to_string(t.yarn.provenance)));
  json.field("core_speed", t.core_speed).field("core_speed_source", t.core_speed_source);
  json.end_object();
}

}  // namespace

std::string catalog_list_json(const std::vector<const catalog::InstanceType*>& rows, const std::string& as_of) {
  JsonWriter json;
  json.begin_object().field("schema_version", 1).field("sparkfit_version", std::string(kVersion));
  json.field("as_of", as_of);
  json.key("instance_types").begin_array();
  for (const catalog::InstanceType* type : rows) write_instance(json, *type);
  json.end_array().end_object();
  return json.str();
}

std::string instance_json(const catalog::InstanceType& type) {
  JsonWriter json;
  json.begin_object().field("schema_version", 1).field("sparkfit_version", std::string(kVersion));
  json.key("instance_type");
  write_instance(json, type);
  json.end_object();
  return json.str();
}

}  // namespace sparkfit::output
