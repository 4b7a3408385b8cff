// Spark settings as people hand them to sparkfit review: a spark-submit command line, a
// spark-defaults.conf file, EMR configurations JSON, an EMR cluster description, a Glue job and
// a Kubernetes SparkApplication. Every
// setting keeps its source and its place in the input, so a finding can point at it.
//
// Precedence is Spark's own: platform and EMR defaults < spark-defaults.conf < --conf <
// dedicated spark-submit flags (--executor-memory ...), whatever their order on the line;
// within one source the last occurrence wins.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sparkfit/util/error.hpp"

namespace sparkfit::spark_conf {

// Higher wins. EMR's classifications end up in the cluster's spark-defaults.conf, below a
// properties file given to spark-submit.
inline constexpr int kPrecedencePlatformDefault = 0;
inline constexpr int kPrecedenceEmrConfigurations = 1;
inline constexpr int kPrecedenceSparkDefaults = 2;
inline constexpr int kPrecedenceConf = 3;
inline constexpr int kPrecedenceFlag = 4;

struct Setting {
  std::string key;
  std::string value;
  std::string source;  // "platform default", "spark-defaults.conf", "EMR configurations",
                       // "--conf", "flag --executor-memory", ...
  SourceLocation where;
  int precedence = 0;
};

// The settings that take effect: for each key the one of highest precedence, the later one
// among equals (input order). Sorted by key.
std::vector<Setting> effective_settings(const std::vector<Setting>& settings);

// The effective setting of `key`, or nullptr.
const Setting* find_setting(const std::vector<Setting>& effective, std::string_view key);
// A pointer into a temporary list would dangle: keep the effective settings in a variable.
const Setting* find_setting(std::vector<Setting>&& effective, std::string_view key) = delete;

// ---- spark-submit -------------------------------------------------------------------------

struct SubmitCommand {
  std::vector<Setting> settings;  // --conf and dedicated flags, in command-line order
  std::string master;             // effective spark.master ("" when not given)
  std::string deploy_mode;        // effective spark.submit.deployMode ("" when not given)
  std::string main_class;         // --class
  std::string properties_file;    // --properties-file
  std::string application;        // the jar or .py; "" when the line has none
  SourceLocation application_where;
  std::vector<std::string> application_args;  // everything after the application
};

// Parses a command as pasted: an optional leading `spark-submit`, `pyspark`, `spark-shell` or
// `spark-sql` (or a path ending in one; the shells take spark-submit's options, and an argument
// spark-submit does not know, such as spark-sql's `-e QUERY`, is the shell's, kept in
// application_args, with the shell as the application). Any other program is an InputError naming
// it; a line may also start with an option (a fragment of spark-submit's arguments). Then
// shell quoting ('...', "...", backslash escapes), `\` line continuations, `#` comments,
// `--conf k=v`, `--conf "k=v"`, `--conf=k=v`, `-c k=v`, `--flag=value`. The first argument
// that is not an option is the application; the rest are its arguments. Throws InputError
// with file:line:col for an unterminated quote, `--conf` without `=`, an unknown option
// (with a did-you-mean) or an option missing its value.
SubmitCommand parse_spark_submit(const std::string& text, const std::string& file_name);

// The same from already-split arguments (`sparkfit review -- spark-submit ARGS...`). Places
// are columns in the arguments joined by spaces, on line 1.
SubmitCommand parse_spark_submit_args(const std::vector<std::string>& args,
                                      const std::string& file_name = "<command line>");

// The spark-submit options sparkfit knows, for help texts and did-you-mean.
std::vector<std::string> spark_submit_option_names();

// ---- spark-defaults.conf ------------------------------------------------------------------

// Java properties format as Spark reads it (Utils.getPropertiesFromFile): key and value
// separated by `=`, `:` or whitespace; `#` and `!` comment lines; `\` continuations; escapes
// \t \n \r \f \uXXXX and `\x` = x; the value trimmed. Locations point at each key. Throws
// InputError for a malformed \u escape. `source` names the file kind in each Setting.
std::vector<Setting> parse_spark_defaults(const std::string& text, const std::string& file_name,
                                          const std::string& source = "spark-defaults.conf",
                                          int precedence = kPrecedenceSparkDefaults);

// ---- EMR ----------------------------------------------------------------------------------

// One classification of an EMR configurations list, with its nested ones.
struct Classification {
  std::string name;
  SourceLocation where;  // the "Classification" value
  std::vector<Setting> properties;
  std::vector<Classification> configurations;
};

struct EmrConfig {
  std::vector<Classification> classifications;  // all of them, unknown ones included
  std::vector<Setting> spark_defaults;          // classification spark-defaults (source "EMR configurations")
  std::vector<Setting> yarn_site;               // classification yarn-site (source "EMR yarn-site")
  std::vector<Setting> spark;                   // classification spark (maximizeResourceAllocation, ...)
  std::vector<Setting> spark_env;               // spark-env > export (source "EMR spark-env")
  std::optional<bool> maximize_resource_allocation;
  SourceLocation maximize_where;
};

// The list of classifications (`[{"Classification": "spark-defaults", "Properties": {...},
// "Configurations": [...]}]`), or an object holding it under "Configurations" (optionally
// inside "Cluster", as `aws emr describe-cluster` prints it). Unknown classifications are kept
// and otherwise ignored; unknown keys in a classification, property values that are not
// strings and other wrong types are InputErrors at their place.
EmrConfig parse_emr_configurations(const std::string& json_text, const std::string& file_name);

struct NodeGroup {
  std::string role;                               // "MASTER", "CORE" or "TASK"
  std::string instance_type;                      // the first (or only) type
  std::vector<std::string> other_instance_types;  // further types of an instance fleet
  int count = 0;       // instances; for a fleet, target capacity / the first type's weight (rounded up)
  std::string market;  // "ON_DEMAND", "SPOT", "MIXED" (a fleet with both) or "" when not given
  SourceLocation where;
};

struct EmrCluster {
  std::string release_label;  // "" when the input has none (a create-cluster list)
  bool fleets = false;
  std::optional<NodeGroup> primary;
  std::optional<NodeGroup> core;
  std::vector<NodeGroup> task;  // one per TASK group or fleet
  EmrConfig configurations;     // the cluster's "Configurations", when present

  std::string primary_instance_type() const { return primary ? primary->instance_type : ""; }
  std::string core_instance_type() const { return core ? core->instance_type : ""; }
  int core_count() const { return core ? core->count : 0; }
  std::string task_instance_type() const { return task.empty() ? "" : task.front().instance_type; }
  int task_count() const;  // all task groups together
};

// `aws emr describe-cluster` output (`{"Cluster": {...}}` or the cluster object itself) with
// InstanceGroups or InstanceFleets and ReleaseLabel, or the JSON list given to
// `create-cluster --instance-groups` / `--instance-fleets`.
EmrCluster parse_emr_cluster(const std::string& json_text, const std::string& file_name);

// ---- AWS Glue -----------------------------------------------------------------------------

// A Glue job definition as `aws glue get-job` prints it ({"Job": {...}}) or as
// `create-job --cli-input-json` takes it (the job object itself). Glue's own fields keep their
// places; the Spark settings come from the "--conf" job argument, which holds one or more
// `k=v` pairs joined by " --conf " (the documented way to pass several).
struct GlueJob {
  std::string name;
  std::string command;                 // Command.Name: glueetl, gluestreaming, pythonshell, glueray ("" when absent)
  std::string glue_version;            // "" when absent (Glue then runs 0.9)
  std::string worker_type;             // "" when absent (MaxCapacity DPUs of Standard workers)
  std::optional<int> workers;          // NumberOfWorkers
  std::optional<double> max_capacity;  // MaxCapacity, or the deprecated AllocatedCapacity
  std::string execution_class;         // "STANDARD", "FLEX" or "" when absent
  std::optional<bool> auto_scaling;    // --enable-auto-scaling
  std::optional<int> executor_cores;   // --executor-cores (Glue 3.0+: tasks per executor)
  std::string language;                // --job-language, or "python" for a .py script
  std::vector<Setting> settings;       // from --conf, source "Glue --conf"
  std::vector<Setting> arguments;      // every DefaultArguments/NonOverridableArguments entry
  // Places of Glue's own fields, for findings about them (empty file when absent).
  SourceLocation where_job, where_worker_type, where_workers, where_version, where_command, where_auto_scaling,
      where_executor_cores, where_max_capacity;
};

// Throws InputError at the place of a wrong type, an unknown key close to a known one (with
// did-you-mean; other unknown keys are newer API fields and are ignored), a --conf entry
// without `=`, or an --enable-auto-scaling/--executor-cores value Glue would reject.
GlueJob parse_glue_job(const std::string& json_text, const std::string& file_name);

// ---- Kubernetes: the Spark Operator's SparkApplication --------------------------------------

// A Kubeflow Spark Operator SparkApplication (apiVersion sparkoperator.k8s.io/v1beta2) as
// `kubectl apply -f` takes it. The operator hands the spec to spark-submit as --conf options in a
// fixed order: spec.memoryOverheadFactor, then sparkConf, then the driver's and the executors'
// fields, then dynamicAllocation; a later option wins. `settings` keeps that order, every entry
// of source "SparkApplication" and precedence kPrecedenceConf (spec.mode is --deploy-mode, a
// flag). `defaults` are what the operator's webhook fills in when the spec and sparkConf leave
// them out (1 core and 1g for the driver and executors, 1 executor without dynamic allocation;
// source "Spark Operator default", precedence kPrecedencePlatformDefault, no place).
struct SparkApplication {
  std::string name;            // metadata.name, "" when absent
  std::string type = "Scala";  // spec.type: Java, Python, Scala or R (the operator's default: Scala)
  std::string spark_version;   // spec.sparkVersion, as written ("3.5.1")
  std::string application;     // spec.mainApplicationFile, "" when absent
  std::vector<Setting> settings;
  std::vector<Setting> defaults;
  // Places for findings: the application file (or the spec when there is none), spec.type and
  // spec.sparkVersion.
  SourceLocation where_application, where_type, where_version;

  // Python and R applications run their code outside the JVM; Spark gives their pods the 0.40
  // overhead factor. The operator goes by spec.type, spark-submit by the file's suffix: either.
  bool non_jvm() const;
};

// Throws InputError at file:line:col for YAML that is not a mapping, a document that is no
// SparkApplication of sparkoperator.k8s.io/v1beta2 (or a file holding none or several), a value of
// the type Kubernetes would reject (a quoted number where the CRD wants an integer, an unquoted
// one where it wants a string: every sparkConf value is a string), a key given twice, an unknown
// key under spec, spec.driver, spec.executor or spec.dynamicAllocation one typo away from a field
// the operator reads (did-you-mean; other unknown keys are fields this reader does not need and
// are ignored), a spec.type or spec.mode outside the CRD's values, and a missing spec.sparkVersion.
SparkApplication parse_spark_application(const std::string& yaml_text, const std::string& file_name);

// A Kubernetes CPU quantity as pod specs take it ("2", "0.5", "500m"), in cores; nullopt for
// anything else and for 0.
std::optional<double> parse_cpu_quantity(std::string_view text);

// ---- known Spark keys ---------------------------------------------------------------------

enum class KeyType { size, boolean, integer, number, duration, string };

struct KnownKey {
  std::string_view name;
  KeyType type;
  // For sizes, what a bare number means in bytes (1 for bytes, 1024 for KiB, 1048576 for
  // MiB), as Spark's bytesConf(ByteUnit) reads it. For durations, the bare unit ("ms", "s").
  std::int64_t bare_unit_bytes;
  std::string_view bare_time_unit;
  std::string_view default_value;  // "" when Spark has none (unset / computed)
  std::string_view note;           // where the default differs by platform, deprecations
};

std::string_view key_type_name(KeyType type);

// The key's entry, or nullptr. Free-form keys (spark.hadoop.*, ...) are not in the table.
const KnownKey* find_known_key(std::string_view name);

// Keys under prefixes whose suffix is free (spark.hadoop.*, spark.executorEnv.*,
// spark.yarn.appMasterEnv.*, spark.sql.catalog.*, Kubernetes labels ...).
bool is_free_form_key(std::string_view name);

// All names in the table, sorted.
std::vector<std::string> known_key_names();

}  // namespace sparkfit::spark_conf
