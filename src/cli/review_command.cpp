// `review` and `rules`: read the proposed settings from every input the user gives, describe the
// cluster, run the rules over the facts, print findings; list and show the rules themselves.
#include <algorithm>
#include <filesystem>
#include <regex>

#include "cli/context.hpp"
#include "sparkfit/calibration/observations.hpp"
#include "cli/options.hpp"
#include "sparkfit/output/report.hpp"
#include "sparkfit/output/review.hpp"
#include "sparkfit/output/rules_list.hpp"
#include "sparkfit/report/pages.hpp"
#include "sparkfit/review/inputs.hpp"
#include "sparkfit/review/review.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::cli {
namespace {

namespace fs = std::filesystem;

std::vector<rules::Rule> load_rules(Context& context) {
  return review::load_rules((context.data_dir().path / "rules").string());
}

std::vector<std::string> rule_ids(const std::vector<rules::Rule>& rules) {
  std::vector<std::string> ids;
  for (const rules::Rule& rule : rules) ids.push_back(rule.id);
  return ids;
}

// The flags of `review`, checked and converted; the documents are read later, in flag order.
struct ReviewRequest {
  std::optional<rules::Severity> fail_on;
  std::optional<std::string> spark_version;
  std::optional<int> java_version;
};

// A Glue job and a SparkApplication carry their own settings and cluster: nothing may be added.
void check_review_inputs(const Flags& flags) {
  const Flags::Review& r = flags.review;
  const bool spark_inputs = r.submit_file || r.has_submit_args || r.conf_file || r.emr_config || r.emr_cluster;
  if (r.glue_job && spark_inputs)
    throw UsageError(
        "--glue-job is reviewed on its own: Glue takes its Spark settings from the job's --conf argument, "
        "not from spark-submit, spark-defaults or EMR configurations");
  if (r.glue_job && (flags.instance || flags.nodes || flags.node_cores || flags.node_memory ||
                     (flags.platform && *flags.platform != "glue")))
    throw UsageError(
        "--glue-job: the job's WorkerType and NumberOfWorkers are the cluster; drop --platform, --instance, "
        "--nodes, --node-cores and --node-memory");
  if (r.k8s_app && (spark_inputs || r.glue_job))
    throw UsageError(
        "--k8s-app is reviewed on its own: the Spark Operator takes the Spark settings from the "
        "SparkApplication's spec and sparkConf, not from spark-submit, spark-defaults, EMR configurations or a Glue "
        "job");
  if (r.k8s_app && flags.platform && *flags.platform != "kubernetes")
    throw UsageError("--k8s-app runs on Kubernetes: drop --platform " + *flags.platform);
  if (r.k8s_app &&
      (flags.node_cores || flags.node_memory || flags.reserve_cores || flags.reserve_memory ||
       flags.yarn_resource_calculator || flags.yarn_min_allocation || flags.emr_release || flags.primary_instance))
    throw UsageError(
        "--k8s-app: the Kubernetes nodes are --instance TYPE and --nodes N, each offering what the kubelet leaves "
        "allocatable; drop --node-cores, --node-memory, --reserve-cores, --reserve-memory, --yarn-resource-calculator, "
        "--yarn-min-allocation, --emr-release and --primary-instance");
  if (!r.k8s_app && flags.platform && *flags.platform == "kubernetes")
    throw UsageError(
        "review --platform kubernetes reviews a Spark Operator SparkApplication: give it with --k8s-app FILE");
  if (!spark_inputs && !r.glue_job && !r.k8s_app)
    throw UsageError(
        "review needs settings to review: -- spark-submit ARGS..., --submit-file, --conf-file, --emr-config, "
        "--emr-cluster, --glue-job or --k8s-app; see 'sparkfit review --help'");
}

ReviewRequest review_request(const Flags& flags) {
  check_review_inputs(flags);
  const Flags::Review& r = flags.review;
  ReviewRequest request;
  if (r.fail_on) {
    static const std::vector<std::string> kWords = {"error", "warning", "info", "style"};
    if (std::find(kWords.begin(), kWords.end(), *r.fail_on) == kWords.end())
      throw UsageError("--fail-on: unknown severity '" + *r.fail_on + "'" + text::did_you_mean(*r.fail_on, kWords) +
                       "; expected error, warning, info or style");
    request.fail_on = rules::parse_severity(*r.fail_on);
  }
  if (r.spark_version) {
    static const std::regex kVersion("[0-9]+\\.[0-9]+(\\.[0-9]+)?");
    if (!std::regex_match(*r.spark_version, kVersion))
      throw InputError("--spark-version: invalid value '" + *r.spark_version +
                       "': expected a version such as 3.5 or 3.5.1");
    request.spark_version = r.spark_version;
  }
  if (r.java_version) {
    std::int64_t major = 0;
    try {
      major = units::parse_count(*r.java_version, "Java version");
    } catch (const InputError& error) {
      throw InputError("--java-version: " + error.message());
    }
    if (major < 5 || major > 100)
      throw InputError("--java-version: invalid value '" + *r.java_version + "': expected 8, 11, 17, 21");
    request.java_version = static_cast<int>(major);
  }
  return request;
}

// --config, else ./.sparkfit.yaml when present.
review::Config review_config(const Flags& flags, const std::vector<rules::Rule>& rules) {
  const std::string file = flags.review.config.value_or(".sparkfit.yaml");
  if (!flags.review.config && !fs::exists(file)) return {};
  return review::parse_config(read_whole_file(file, "--config"), file, rule_ids(rules));
}

// Every document the flags name, into `input`; the EMR cluster description, when given, also
// describes the cluster.
std::optional<spark_conf::EmrCluster> read_documents(Context& context, const Flags::Review& r, review::Input& input,
                                                     std::optional<job::ResourceCalculator>& calculator) {
  std::optional<spark_conf::EmrCluster> cluster_file;
  if (r.emr_cluster) {
    cluster_file = spark_conf::parse_emr_cluster(read_whole_file(*r.emr_cluster, "--emr-cluster"), *r.emr_cluster);
    review::add_emr_config(input, cluster_file->configurations, calculator);
  }
  if (r.emr_config)
    review::add_emr_config(
        input, spark_conf::parse_emr_configurations(read_whole_file(*r.emr_config, "--emr-config"), *r.emr_config),
        calculator);
  if (r.conf_file) {
    std::vector<spark_conf::Setting> defaults =
        spark_conf::parse_spark_defaults(read_whole_file(*r.conf_file, "--conf-file"), *r.conf_file);
    input.settings.insert(input.settings.end(), defaults.begin(), defaults.end());
  }
  if (r.submit_file)
    review::add_submit(
        input, spark_conf::parse_spark_submit(read_whole_file(*r.submit_file, "--submit-file"), *r.submit_file));
  if (r.has_submit_args) review::add_submit(input, spark_conf::parse_spark_submit_args(r.submit_args));
  if (r.glue_job)
    review::add_glue_job(input, spark_conf::parse_glue_job(read_whole_file(*r.glue_job, "--glue-job"), *r.glue_job),
                         context.catalog().glue);
  if (r.k8s_app)
    review::add_k8s_app(input,
                        spark_conf::parse_spark_application(read_whole_file(*r.k8s_app, "--k8s-app"), *r.k8s_app));
  return cluster_file;
}

// The cluster: flags first, then the EMR cluster description, then the job spec.
std::optional<platform::Cluster> review_cluster(Context& context, const Flags& flags, const job::JobSpec& job,
                                                const std::optional<spark_conf::EmrCluster>& cluster_file,
                                                const review::Input& input,
                                                std::optional<job::ResourceCalculator>& calculator) {
  if (flags.review.k8s_app) {
    // The pods' overhead factor depends on the application's language, so the nodes do too.
    std::optional<platform::KubernetesNodes> nodes = kubernetes_nodes_from(context, flags, !input.k8s_app->non_jvm());
    if (!nodes) return std::nullopt;
    calculator = nodes->choices.calculator;
    return nodes->cluster;
  }
  if (flags.review.glue_job) return std::nullopt;
  Flags cluster_flags = flags;
  if (cluster_file && !flags.instance && !flags.node_cores && !flags.node_memory) {
    std::string type = cluster_file->core_instance_type();
    if (type.empty()) type = cluster_file->task_instance_type();
    if (!type.empty()) {
      cluster_flags.instance = type;
      if (!flags.nodes)
        cluster_flags.nodes = std::to_string(std::max(1, cluster_file->core_count() + cluster_file->task_count()));
      if (!flags.emr_release && !cluster_file->release_label.empty())
        cluster_flags.emr_release = cluster_file->release_label;
      if (!flags.platform) cluster_flags.platform = "emr";
    }
  }
  return cluster_from(context, cluster_flags, job);
}

// With the work given, the model's facts join the review: the constants and the calibration from
// the spec's observed runs, as for predict and recommend. `input` points into `model`.
struct ReviewModel {
  std::optional<model::Constants> constants;
  std::optional<calibration::JobCalibration> calibration;
};

void add_work(Context& context, const job::JobSpec& job, review::Input& input, ReviewModel& model) {
  if (!input.cluster && !input.glue_job)
    throw InputError(
        "a job spec needs a cluster to review against: --instance/--nodes, --emr-cluster or the spec's platform");
  model.constants = model::load_constants(context.data_dir().path / "instance_catalogs" / "model" / "model.yaml");
  input.job = job;
  input.constants = &*model.constants;
  if (job.observations.empty()) return;
  // The spec's observed runs calibrate the model here as they do for predict and recommend.
  model.calibration = calibration::from_observations(context.catalog(), job, model::plan_job(job, *model.constants),
                                                     model::Settings{}, *model.constants, input.model_notes);
  if (model.calibration->fit.active) input.calibration = &model.calibration->fit;
}

std::string render_findings(const std::string& format, const std::vector<rules::Finding>& findings,
                            const review::FactSet& facts, const review::Input& input,
                            const std::vector<rules::Rule>& rules) {
  if (format == "json") return output::review_json(findings, facts, input);
  if (format == "sarif") return output::review_sarif(findings, rules);
  if (format == "markdown") return output::review_markdown(findings, facts, input);
  return output::review_text(findings, facts, input);
}

// `rules list`, or `rules show ID` (an id or a kebab name).
struct RulesRequest {
  std::optional<std::string> rule;  // none: list them all
};

RulesRequest rules_request(const std::vector<std::string>& words) {
  const std::string& action = words.front();
  if (action == "list") {
    if (words.size() > 1) throw UsageError("'rules list' takes no argument; see 'sparkfit rules --help'");
    return {};
  }
  if (action == "show") {
    if (words.size() != 2) throw UsageError("'rules show' needs one rule id, e.g. 'sparkfit rules show SF2003'");
    return {words[1]};
  }
  throw UsageError("unknown 'rules' action '" + action + "'" + text::did_you_mean(action, {"list", "show"}) +
                   "; expected list or show");
}

}  // namespace

int run_review(Context& context, const Flags& flags) {
  const ReviewRequest request = review_request(flags);
  const std::vector<rules::Rule> rules = load_rules(context);
  const review::Config config = review_config(flags, rules);
  const rules::Severity threshold = request.fail_on.value_or(config.fail_on.value_or(rules::Severity::warning));

  review::Input input;
  std::optional<job::ResourceCalculator> calculator;
  const std::optional<spark_conf::EmrCluster> cluster_file = read_documents(context, flags.review, input, calculator);
  bool has_work = false;
  const job::JobSpec job = job_from(flags, &has_work);
  input.cluster = review_cluster(context, flags, job, cluster_file, input, calculator);
  if (input.cluster) review::apply_yarn_site(*input.cluster, input.yarn_site);
  if (flags.yarn_resource_calculator)
    calculator = job::parse_resource_calculator(*flags.yarn_resource_calculator);
  else if (!calculator && job.yarn && job.yarn->resource_calculator)
    calculator = job.yarn->resource_calculator;
  input.calculator = calculator.value_or(job::ResourceCalculator::memory);
  ReviewModel model;
  if (has_work) add_work(context, job, input, model);
  if (request.spark_version) input.spark_version = *request.spark_version;
  if (request.java_version) input.java_version = request.java_version;

  const review::FactSet facts = review::compute_facts(input);
  const std::vector<rules::Finding> findings = review::evaluate(rules, facts, config);
  std::string text = render_findings(flags.format, findings, facts, input, rules);
  if (flags.report) {
    write_whole_file(
        *flags.report,
        output::report_html(report::review_page(findings, facts, input, command_line("review", flags.args))),
        "--report");
    if (flags.format == "markdown") text += report::review_report_pointer(*flags.report);
  }
  emit(context, flags, text);
  for (const rules::Finding& finding : findings)
    if (rules::at_or_above(finding.severity, threshold)) return static_cast<int>(ExitCode::findings);
  return 0;
}

int run_rules(Context& context, const Flags& flags) {
  if (flags.positional.empty()) {
    print_command_help(context, command_named("rules"));
    return static_cast<int>(ExitCode::bad_usage);
  }
  const RulesRequest request = rules_request(flags.positional);
  const std::vector<rules::Rule> rules = load_rules(context);
  std::string text;
  if (request.rule) {
    const rules::Rule* found = nullptr;
    for (const rules::Rule& rule : rules)
      if (rule.id == *request.rule || rule.name == *request.rule) found = &rule;
    if (!found)
      throw InputError("unknown rule '" + *request.rule + "'" + text::did_you_mean(*request.rule, rule_ids(rules)) +
                       "; 'sparkfit rules list' shows them");
    text = rules::render_rule_page(*found);
  } else if (flags.format == "json") {
    text = output::rules_list_json(rules);
  } else if (flags.format == "markdown") {
    text = review::rules_table_markdown(rules);
  } else {
    text = output::rules_list_text(rules);
  }
  emit(context, flags, text);
  return 0;
}

}  // namespace sparkfit::cli
