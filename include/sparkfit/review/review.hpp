// `sparkfit review`: a proposed Spark configuration checked against the cluster it will run on.
//
// The settings (from every source, with their places) and the cluster become named facts; the
// facts come from the layout engine and the model, never from arithmetic repeated here. Rules
// (rule_file.hpp, one YAML file each) are conditions over those facts; a rule that fires is a
// finding (rules/finding.hpp), which is data: severities, places, fixes; output/review.hpp
// writes them as text, JSON, SARIF or Markdown.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "sparkfit/job/job.hpp"
#include "sparkfit/model/model.hpp"
#include "sparkfit/platform/managed.hpp"
#include "sparkfit/platform/platform.hpp"
#include "sparkfit/review/serverless_job.hpp"
#include "sparkfit/rules/evaluate.hpp"
#include "sparkfit/rules/rule_file.hpp"
#include "sparkfit/spark_conf/spark_conf.hpp"
#include "sparkfit/util/error.hpp"

namespace sparkfit::review {

// Everything a review reads, already parsed.
struct Input {
  std::vector<spark_conf::Setting> settings;   // every source together; precedence decides
  std::vector<spark_conf::Setting> yarn_site;  // EMR yarn-site classification
  std::optional<bool> maximize_resource_allocation;
  SourceLocation maximize_where;
  std::string application;                   // the jar or .py of a spark-submit line
  SourceLocation application_where;          // findings about unset settings point here
  std::optional<platform::Cluster> cluster;  // none: only the settings are reviewed
  job::ResourceCalculator calculator = job::ResourceCalculator::memory;
  std::string spark_version;                        // "3.5.1" when given (--spark-version); else the EMR release's
  std::optional<int> java_version;                  // --java-version; else the EMR release's or JAVA_HOME's
  std::optional<job::JobSpec> job;                  // the work, for the model's facts
  const model::Constants* constants = nullptr;      // needed with a job
  const model::Calibration* calibration = nullptr;  // fitted from the job spec's observations, if any
  std::vector<std::string> model_notes;             // how the model was calibrated, for the summary
  // A Glue job (--glue-job): Glue sizes the executors from the worker type, so the review reads
  // the job's capacity instead of a cluster and executor settings.
  std::optional<spark_conf::GlueJob> glue_job;
  const catalog::GlueFacts* glue_catalog = nullptr;  // needed with glue_job
  // A Kubernetes SparkApplication (--k8s-app): its settings and the operator's defaults are in
  // `settings`, its nodes in `cluster` (platform kubernetes); the application's type says whether
  // its pods run a JVM only.
  std::optional<spark_conf::SparkApplication> k8s_app;
  // An EMR Serverless job run (--serverless-job): its settings are in `settings`, each executor and
  // the driver run on a worker of their own, sized from them within the catalog's worker sizes.
  std::optional<ServerlessJob> serverless_job;
  const catalog::ServerlessFacts* serverless_catalog = nullptr;  // needed with serverless_job
  // How this command is given the cluster sparkfit's layout needs, a clause that a rule's
  // fix_without_layout ends with ({command.layout_hint}) when a review without a cluster lacks the
  // layout (fix.*): review's flags unless the caller has others (analyze names recommend --from-eventlog).
  std::string layout_hint = "review with --instance TYPE --nodes N for sparkfit's layout on the cluster";
};

// Platform defaults as settings of the lowest precedence (EMR: dynamic allocation, shuffle
// service, the 0.1875 overhead factor), so the review can say where a value came from.
std::vector<spark_conf::Setting> platform_defaults(const platform::Cluster& cluster);
// The cluster is Kubernetes: executors are pods, and the driver's pod takes the AM's room.
bool on_kubernetes(const Input& input);

struct Layouts {
  layout::Choices choices;   // what the reviewed settings ask for
  layout::Layout reviewed;   // exactly that
  layout::Layout placement;  // the same cores and count with the heap shrunk to fit, when it does not
  layout::Choices fix_choices;
  layout::Layout fix;  // what sparkfit would use on the same cluster
  std::optional<model::Prediction> predicted, fix_predicted;
  std::int64_t fix_shuffle_partitions = 0;
  std::vector<std::string> notes;  // assumptions, for the summary
};

// What a Glue job runs as: its capacity, the model's view of it and sparkfit's choice.
struct GlueReview {
  std::string version;                              // as run ("0.9" when the job names none)
  std::string spark_version;                        // of that version, "" when the catalog does not know it
  const catalog::GlueWorkerType* worker = nullptr;  // null: unknown type
  int workers = 0;                                  // NumberOfWorkers, or the executors' DPUs of a Standard job
  bool auto_scaling = false;
  bool flex = false;
  std::optional<platform::Option> current;  // layout always; prediction and cost with a job spec
  std::optional<platform::Option> best;     // sparkfit's worker type and count, with a job spec
  std::optional<platform::GlueCapacity> capacity;
  std::vector<std::string> notes;
};

struct FactSet {
  rules::Facts facts;
  // Collections a rule may run over with `each:`; every item's facts are read as item.*.
  rules::Collections collections;
  std::vector<spark_conf::Setting> effective;  // the effective settings, sorted by key
  // Places of inputs that are not Spark settings (maximizeResourceAllocation, yarn-site keys).
  std::map<std::string, SourceLocation, std::less<>> places;
  Layouts layouts;
  std::optional<GlueReview> glue;      // set when a Glue job was reviewed
  std::optional<model::JobPlan> plan;  // the job spec's plan, when one was given (reports draw its stages)
  // What the review could not check, one sentence per family of rules (see not_checked).
  std::vector<std::string> not_checked;
};

// Computes every fact. Throws nothing for odd settings (those become facts); InputError only
// for a job spec the model cannot plan.
FactSet compute_facts(const Input& input);

// What is known of a job's work without the model's plan: its input, the tasks that read it and
// its largest shuffle (0 when unknown).
struct Work {
  double input_bytes = 0;
  std::int64_t files = 0;
  std::int64_t input_tasks = 0;
  double shuffle_bytes = 0;
};

// The facts of a layout chosen elsewhere (explain's `choices`, on input.cluster when there is one),
// computed by the same sections as compute_facts (settings, application, cluster, executor,
// placement, work) so that the same rules judge it. No fix and no prediction.
FactSet layout_facts(const Input& input, const layout::Choices& choices, const std::optional<Work>& work);

// The names rules may use ("conf.*", "conf_set.*" and "item.*" stand for their families).
const std::vector<std::string>& fact_names();

// Every rule under `dir` (ids, names and folders checked across all of them), each checked
// against the facts it may name, at the file, line and column of an unknown fact: the rules
// review runs against fact_names(), those measured in event logs (category eventlog, run by
// `analyze`) against eventlog::fact_names().
std::vector<rules::Rule> load_rules(const std::string& dir);
bool runs_in_review(const rules::Rule& rule);

// "spark.sql.shuffle.partitions" -> "spark_sql_shuffle_partitions", the form conf.* facts use.
std::string fact_key(std::string_view spark_key);

// One value of the settings file's `cluster:` section: the cluster input it gives, by its flag's
// name ("emr-release" for the key emr_release), and the place of the value.
struct ConfigInput {
  std::string name;
  std::string value;
  SourceLocation where;
};

// The user's settings file (.sparkfit.yaml): fail_on, ignored rules, severity overrides, and the
// cluster the reviewed settings run on (what a pre-commit hook reviews against).
struct Config {
  std::optional<rules::Severity> fail_on;
  std::vector<std::string> ignored;
  std::map<std::string, rules::Severity> overrides;
  std::vector<ConfigInput> cluster;  // in the file's order
  std::string file;                  // "" when none was read
};

// The inputs a settings file's `cluster:` may give: the cluster flags and the versions
// (--spark-version, --java-version), by name.
const std::vector<std::string>& config_cluster_inputs();

// Parses .sparkfit.yaml; errors name file:line:col. `known_ids` checks ignored/override ids; the
// cluster's keys are config_cluster_inputs() in snake_case, its values are checked where they are used.
Config parse_config(const std::string& yaml_text, const std::string& file_name,
                    const std::vector<std::string>& known_ids);

// Evaluates every rule (ignored ones skipped, overrides applied). Findings come out sorted by
// severity (errors first), then place, then id.
std::vector<rules::Finding> evaluate(const std::vector<rules::Rule>& rules, const FactSet& facts, const Config& config);

// Without a cluster, the rules that judge the settings against the nodes (their sizes, YARN's
// limits, the slots, the cost) cannot fire: one sentence per rule category naming them, such as
// "executor sizing against the nodes (SF2005, SF2008)". Empty with a cluster, a Glue job or an EMR
// Serverless job (whose workers are its cluster).
std::vector<std::string> not_checked(const std::vector<rules::Rule>& rules, const FactSet& facts, const Input& input);

// "1 error, 2 warnings, 1 info": errors and warnings always, infos and style notes when present.
std::string count_text(const std::vector<rules::Finding>& findings);

// The Spark settings of sparkfit's fix (facts.layouts.fix, which must be placeable): executor
// count, cores, heap, overhead and the tuned shuffle partitions; on Kubernetes also the pods'
// core request and limit where the application sets them.
std::vector<std::pair<std::string, std::string>> fix_settings(const FactSet& facts, const Input& input);
// The same as the input writes it: spark-submit flags, or a SparkApplication's spec fields.
std::string fix_settings_text(const FactSet& facts, const Input& input);
// "YARN cannot place it (container-above-max-allocation)", or on Kubernetes (`pods`) "Kubernetes
// cannot schedule it (pod-above-node-allocatable-memory)": a layout the scheduler refuses; "them"
// for `plural`.
std::string cannot_place_text(layout::Problem problem, bool pods, bool plural = false);

// The README's rules table (ID, severity, summary), in Markdown.
std::string rules_table_markdown(const std::vector<rules::Rule>& rules);

// The id of every rule, in order: what a config may name, and the did-you-mean of find_rule.
std::vector<std::string> rule_ids(const std::vector<rules::Rule>& rules);
// The rule `sparkfit rules show` names by its id or its kebab name; an unknown one is an
// InputError with a did-you-mean.
const rules::Rule& find_rule(const std::vector<rules::Rule>& rules, const std::string& id_or_name);

}  // namespace sparkfit::review
