// Instance catalogs and platform facts, loaded from instance_catalogs/ (YAML). Every number in
// those files carries a source and an as_of date; this header exposes the values and, where a
// value was derived rather than cited, says so.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sparkfit/util/error.hpp"

namespace sparkfit::catalog {

enum class Arch { x86_64, arm64 };
std::string_view to_string(Arch arch);

// How EMR's YARN figures for a type were obtained (the catalog issue's three tiers).
enum class YarnProvenance {
  cited,         // a row of EMR's "Task configuration" table (EMR Release Guide, emr-hadoop-task-config)
  pattern,       // EMR's documented pattern by memory size for the family's generation
  interpolated,  // between the nearest rows by memory (about 0.75 of RAM for small types)
};
std::string_view to_string(YarnProvenance provenance);

struct YarnDefaults {
  std::int64_t nodemanager_mib = 0;     // yarn.nodemanager.resource.memory-mb
  std::int64_t max_allocation_mib = 0;  // yarn.scheduler.maximum-allocation-mb
  std::int64_t min_allocation_mib = 0;  // yarn.scheduler.minimum-allocation-mb
  YarnProvenance provenance = YarnProvenance::cited;
};

struct InstanceType {
  std::string name;    // m5.4xlarge
  std::string family;  // m5
  std::string size;    // 4xlarge
  int vcpus = 0;
  std::int64_t memory_mib = 0;
  Arch arch = Arch::x86_64;
  std::string processor;
  std::optional<double> network_gbps;  // baseline bandwidth; absent where AWS gives only a word
  std::int64_t local_disk_gb = 0;      // instance store, decimal GB; 0 for EBS-only types
  std::string local_disk_kind;         // "nvme", "ssd" or "none"
  std::int64_t default_ebs_gb = 0;     // EBS EMR attaches by default (GiB)
  bool default_ebs_derived = false;    // size missing from EMR's table: 64 GiB per xlarge applied
  double price_usd_per_hour = 0;       // EC2 on-demand, us-east-1
  std::string price_source;
  bool emr_available = false;
  std::optional<double> emr_fee_usd_per_hour;
  bool emr_fee_derived = false;
  std::string emr_fee_source;
  YarnDefaults yarn;
  double core_speed = 1.0;  // relative per-core throughput of the processor generation (estimate)
  std::string core_speed_source;

  // EBS-optimized baseline bandwidth (Mbit/s), AWS's sustained figure, not the 30-minute burst;
  // absent where the family's table has none (ebs_source says why).
  std::optional<std::int64_t> ebs_baseline_mbps;
  std::string ebs_source;  // the family's citation of ebs_baseline_mbps
  std::string ebs_as_of;   // the date of that table
};

// An EMR release label and the defaults that matter for sizing.
struct EmrRelease {
  std::string label;  // emr-7.1.0
  std::string spark_version;
  std::string hadoop_version;
  std::string java_version;  // default JVM major version, e.g. "17"
  double executor_overhead_factor = 0.1875;
  bool dynamic_allocation = true;
  bool heterogeneous_executors = false;  // spark.yarn.heterogeneousExecutors.enabled
  bool dynamic_executor_sizing = false;  // EMR 5.34+/6.5+
  std::string gc;                        // "parallel" or "g1": the executors' default collector
  std::string source;
};

struct GlueWorkerType {
  std::string name;  // G.1X
  double dpus = 0;   // DPUs (M-DPUs for R types) billed per worker
  int vcpus = 0;
  std::int64_t memory_gib = 0;
  std::int64_t disk_gb = 0;
  std::vector<std::string> glue_versions;  // versions that offer it
  bool streaming_only = false;
  std::optional<std::int64_t> executor_heap_mib;  // where known
  bool executor_heap_estimated = true;
  // Per-worker bandwidth of the EC2 instance of the same vCPUs and memory (bandwidth_as); the
  // catalog's bandwidth_source says why.
  std::string bandwidth_as;
  double network_gbps = 0;
  double disk_mib_per_s = 0;
  std::string notes;
};

struct GlueVersion {
  std::string version;  // "4.0"
  std::string spark_version;
  std::string python_version;
  double minimum_billed_s = 60;
};

struct GlueFacts {
  std::vector<GlueWorkerType> worker_types;
  std::vector<GlueVersion> versions;
  double usd_per_dpu_hour = 0;
  double flex_usd_per_dpu_hour = 0;
  std::string flex_source;  // the Flex price is a third-party figure
  std::int64_t file_grouping_threshold = 50000;
  std::string source;
  std::string as_of;
};

struct ServerlessWorkerSize {
  int vcpus = 0;
  std::int64_t min_memory_gib = 0;
  std::int64_t max_memory_gib = 0;
  std::int64_t memory_step_gib = 1;
};

struct ServerlessFacts {
  std::vector<ServerlessWorkerSize> worker_sizes;
  std::int64_t min_disk_gb = 20;
  std::int64_t max_disk_gb = 200;
  double usd_per_vcpu_hour = 0;
  double usd_per_gb_hour = 0;
  double usd_per_disk_gb_hour = 0;  // beyond the free 20 GB per worker
  double minimum_billed_s = 60;
  int default_executor_cores = 4;
  std::int64_t default_executor_memory_gib = 14;
  double overhead_factor = 0.1;
  // A worker's bandwidth is its vCPUs times these (bandwidth_source says why).
  double network_gbps_per_vcpu = 0;
  double disk_mib_per_s_per_vcpu = 0;
  std::string bandwidth_source;
  std::string source;
  std::string as_of;
};

struct LoadedFile {
  std::string path;  // as opened
  std::string as_of;
};

class Catalog {
 public:
  std::vector<InstanceType> instances;  // sorted by family, then vCPUs
  std::vector<EmrRelease> emr_releases;
  GlueFacts glue;
  ServerlessFacts serverless;
  std::vector<LoadedFile> files;

  // nullptr when the type is unknown.
  const InstanceType* find(std::string_view name) const;
  // The type of that name, or an InputError: "unknown instance type 'm5.4xlarg' (did you mean
  // 'm5.4xlarge'?); 'sparkfit catalog list' shows them", after `flag` ("--instance: ") when given,
  // or at `where` in a file. The one wording for every command and input.
  const InstanceType& require(std::string_view name, std::string_view flag = {}) const;
  const InstanceType& require(std::string_view name, const SourceLocation& where) const;
  // The exact label, or else the newest release with that prefix ("emr-7" -> newest emr-7.x).
  const EmrRelease* find_release(std::string_view label) const;
  // Names of every instance type, for did-you-mean.
  std::vector<std::string> instance_names() const;
  // The newest as_of date among the loaded files.
  std::string as_of() const;
};

// What `catalog list` keeps: one family, one architecture ("x86_64", "arm64"), at least some
// memory, only what EMR offers; each filter is optional.
struct InstanceQuery {
  std::optional<std::string> family{}, arch{};
  std::int64_t min_memory_mib = 0;
  bool emr_only = false;

  bool keeps(const InstanceType& type) const;
};

// The types `query` keeps, in the catalog's order. A family the catalog does not have, or an
// architecture other than x86_64 and arm64, is an InputError naming --family or --arch.
std::vector<const InstanceType*> find_instances(const Catalog& catalog, const InstanceQuery& query);

// Loads every catalog under `dir` (instance_catalogs/). Throws InputError with file:line:col
// for a bad value, an unknown key, a missing field or a duplicate type.
Catalog load_catalog(const std::filesystem::path& dir);

}  // namespace sparkfit::catalog
