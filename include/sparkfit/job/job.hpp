// A job spec: the work, the platforms to consider, the objective and measured runs. Loaded from
// YAML (docs/interface.md#job-specs) or built from quick flags; both produce this structure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sparkfit/util/error.hpp"

namespace sparkfit::job {

enum class Workload { etl, aggregation, join, sort, iterative_ml, graph, sql_analytics };
enum class FileFormat { parquet, orc, csv, json, avro, text };
enum class Language { scala, java, python, sql };
enum class Minimize { cost, runtime };
enum class Market { on_demand, spot };
enum class DeployMode { cluster, client };
enum class HeapConvention { divide, subtract };  // heap = container / (1 + f) or x (1 - f)
enum class ResourceCalculator { memory, dominant };

std::string_view to_string(Workload value);
std::string_view to_string(FileFormat value);
std::string_view to_string(Language value);
std::string_view to_string(Minimize value);
std::string_view to_string(Market value);
std::string_view to_string(DeployMode value);
std::string_view to_string(HeapConvention value);
std::string_view to_string(ResourceCalculator value);

// Parse the words above; throw InputError naming the accepted words (and a did-you-mean).
Workload parse_workload(std::string_view text);
FileFormat parse_file_format(std::string_view text);
Language parse_language(std::string_view text);
Minimize parse_minimize(std::string_view text);
Market parse_market(std::string_view text);
DeployMode parse_deploy_mode(std::string_view text);
HeapConvention parse_heap_convention(std::string_view text);
ResourceCalculator parse_resource_calculator(std::string_view text);

// The codec a format is written with when the spec does not say: Spark's default for its columnar and
// Avro writers (snappy), none for the text formats (csv, json, text).
std::string_view default_compression(FileFormat format);

struct Input {
  std::int64_t size_bytes = 0;
  std::optional<std::int64_t> files;  // number of files; with size gives the average
  std::optional<std::int64_t> avg_file_size_bytes;
  FileFormat file_format = FileFormat::parquet;
  std::string compression = "snappy";  // snappy, gzip, zstd, lz4, none, ...
  bool file_format_given = false;      // false: parquet by default
  bool compression_given = false;      // false: the format's default codec
  // Derived: files when given, else size / avg_file_size, else one file per 128 MiB.
  std::int64_t file_count() const;
  // gzip/bzip2-free formats split; gzip CSV/JSON/text do not (Spark reads them whole).
  bool splittable() const;
};

// An explicit stage (optional; without stages the workload kind implies them).
struct Stage {
  std::string name;
  std::string kind;          // scan, transform, shuffle-write, shuffle-read, aggregate, join, sort, write
  double shuffle_ratio = 0;  // shuffle bytes written / bytes in
  double skew = 1;           // largest task / median task
  double output_ratio = 1;   // bytes out / bytes in
  bool cache = false;
  std::optional<std::int64_t> broadcast_bytes;
  SourceLocation where;
};

struct Objective {
  Minimize minimize = Minimize::cost;
  std::optional<double> deadline_s;
  std::optional<double> budget_usd;
};

// Whether a run of `runtime_s` costing `cost_usd` meets the objective's deadline and stays within
// its budget (at or under either counts); nullopt for what the objective does not give.
struct ObjectiveMet {
  std::optional<bool> deadline, budget;
};
ObjectiveMet objective_met(const Objective& objective, double runtime_s, double cost_usd);

// Layout choices a spec may pin down (the same facts as the layout flags).
struct LayoutChoices {
  std::optional<int> num_executors;
  std::optional<int> executor_cores;
  std::optional<std::int64_t> executor_memory_mib;  // heap
  std::optional<std::int64_t> memory_overhead_mib;
  std::optional<double> overhead_factor;
  std::optional<HeapConvention> heap_from_container;
  std::optional<DeployMode> deploy_mode;
  std::optional<std::int64_t> driver_memory_mib;
  std::optional<int> driver_cores;
  std::optional<std::int64_t> partitions;          // tasks of the stage being explained
  std::optional<std::int64_t> shuffle_partitions;  // spark.sql.shuffle.partitions
};

struct EmrPlatform {
  std::string release = "emr-7.1.0";
  std::vector<std::string> instance_types;
  std::vector<std::string> families;
  std::vector<int> nodes;  // candidate node counts, sorted
  Market market = Market::on_demand;
  std::optional<std::string> primary_instance;
  double spot_discount = 0.6;  // spot price = on-demand x (1 - discount)
  SourceLocation where;
};

struct Ec2Cluster {
  std::string instance_type;
  int nodes = 0;
  SourceLocation where;
};

struct Ec2Platform {
  std::vector<Ec2Cluster> clusters;
  SourceLocation where;
};

struct YarnPlatform {
  int nodes = 0;
  int node_cores = 0;
  std::int64_t node_memory_mib = 0;
  int reserve_cores = 1;
  std::int64_t reserve_memory_mib = 1024;
  std::optional<std::int64_t> min_allocation_mib;
  std::optional<ResourceCalculator> resource_calculator;
  SourceLocation where;
};

struct GluePlatform {
  std::string glue_version = "4.0";
  std::vector<std::string> worker_types;
  std::vector<int> workers;
  std::string execution_class = "standard";  // standard | flex
  bool auto_scaling = false;
  SourceLocation where;
};

// Accepted as an empty map (`emr-serverless: {}`) so a spec can ask for the platform; it takes no
// keys yet.
struct EmrServerlessPlatform {
  SourceLocation where;
};

// Accepted as an empty map (`kubernetes: {}`); it takes no keys yet.
struct KubernetesPlatform {
  SourceLocation where;
};

struct Observation {
  std::string platform;  // emr, ec2, yarn, glue, emr-serverless, kubernetes
  std::optional<std::string> instance_type;
  std::optional<int> nodes;
  std::optional<std::string> worker_type;
  std::optional<int> workers;
  std::optional<double> runtime_s;
  std::optional<double> dpu_seconds;
  std::optional<std::string> event_log;
  // A run that did not finish (`completed: false`): why, one of kFailureReasons. Its `runtime`, given
  // only for a timeout, is how long it ran before it was killed: a lower bound on its runtime.
  bool completed = true;
  std::string reason;  // empty when completed
  SourceLocation where;
};

inline const std::vector<std::string> kFailureReasons = {"oom", "disk-full", "timeout", "other"};

struct JobSpec {
  std::string name = "job";
  Input input;
  Workload workload = Workload::etl;
  int iterations = 1;
  Language language = Language::scala;
  bool workload_given = false, language_given = false;  // false: the defaults above
  std::vector<Stage> stages;
  std::optional<std::int64_t> collect_bytes;  // job.collect: the largest result one action brings to the driver
  Objective objective;
  LayoutChoices layout;
  std::optional<EmrPlatform> emr;
  std::optional<Ec2Platform> ec2;
  std::optional<YarnPlatform> yarn;
  std::optional<GluePlatform> glue;
  std::optional<EmrServerlessPlatform> emr_serverless;
  std::optional<KubernetesPlatform> kubernetes;
  std::vector<Observation> observations;
  // From --from-eventlog: the layout the logged run used (its observation's context; the search
  // itself is free), executors x cores x heap + overhead.
  std::optional<LayoutChoices> observed_layout;
  std::string source_file;  // empty when built from flags
  // Where each scalar the spec gave sits, by dotted path ("layout.executor_cores",
  // "platform.yarn.node_memory", "job.input.size"), so later checks can point at the value.
  std::map<std::string, SourceLocation> key_locations;
};

// What the job's defaults stood in for, one sentence each naming the flag that sets it: the input
// files (one per 128 MiB), the file format and codec, the workload and the language.
std::vector<std::string> assumed_work(const JobSpec& job);

// Parses a job spec. `file_name` is used in diagnostics and kept as `source_file`. Unknown keys (with a did-you-mean),
// wrong types, impossible values (0 nodes, negative sizes, a range 50..2) throw InputError with
// file:line:col, the offending line and a caret.
JobSpec parse_job_spec(const std::string& yaml_text, const std::string& file_name);
// Reads and parses a file. A relative `event_log` in an observation is taken relative to the
// spec's directory and stored so (`runs/app-1.zstd` in `jobs/a.yaml` -> `jobs/runs/app-1.zstd`).
JobSpec load_job_spec(const std::string& path);

}  // namespace sparkfit::job
