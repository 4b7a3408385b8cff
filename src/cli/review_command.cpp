// `review` and `rules`: read the proposed settings from every input the user gives, describe the
// cluster, run the rules over the facts, print findings; list and show the rules themselves.
#include <algorithm>
#include <filesystem>
#include <regex>

#include "cli/context.hpp"
#include "cli/options.hpp"
#include "cli/requests.hpp"
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

std::vector<std::string> rule_ids(const std::vector<rules::Rule>& rules) {
  std::vector<std::string> ids;
  for (const rules::Rule& rule : rules) ids.push_back(rule.id);
  return ids;
}

// A Glue job and a SparkApplication carry their own settings and cluster: nothing may be added.
void check_review_inputs(const Flags& flags) {
  // Review judges settings against the cluster's resources, never its price: the price flags of the
  // cluster group would change nothing.
  for (FlagField price : {&Flags::market, &Flags::region, &Flags::primary_instance})
    if (flags.*price)
      throw UsageError(flag_name(price) +
                       " does not apply to review: review checks the settings against the cluster's cores and "
                       "memory, not its price (sparkfit predict prices a layout)");
  const bool spark_inputs =
      flags.submit_file || flags.has_submit_args || flags.conf_file || flags.emr_config || flags.emr_cluster;
  if (flags.glue_job && spark_inputs)
    throw UsageError(
        "--glue-job is reviewed on its own: Glue takes its Spark settings from the job's --conf argument, "
        "not from spark-submit, spark-defaults or EMR configurations");
  if (flags.glue_job && (flags.instance || flags.nodes || flags.node_cores || flags.node_memory ||
                         (flags.platform && *flags.platform != "glue")))
    throw UsageError(
        "--glue-job: the job's WorkerType and NumberOfWorkers are the cluster; drop --platform, --instance, "
        "--nodes, --node-cores and --node-memory");
  if (flags.k8s_app && (spark_inputs || flags.glue_job))
    throw UsageError(
        "--k8s-app is reviewed on its own: the Spark Operator takes the Spark settings from the "
        "SparkApplication's spec and sparkConf, not from spark-submit, spark-defaults, EMR configurations or a Glue "
        "job");
  if (flags.k8s_app && flags.platform && *flags.platform != "kubernetes")
    throw UsageError("--k8s-app runs on Kubernetes: drop --platform " + *flags.platform);
  if (flags.k8s_app &&
      (flags.node_cores || flags.node_memory || flags.reserve_cores || flags.reserve_memory ||
       flags.yarn_resource_calculator || flags.yarn_min_allocation || flags.emr_release || flags.primary_instance))
    throw UsageError(
        "--k8s-app: the Kubernetes nodes are --instance TYPE and --nodes N, each offering what the kubelet leaves "
        "allocatable; drop --node-cores, --node-memory, --reserve-cores, --reserve-memory, --yarn-resource-calculator, "
        "--yarn-min-allocation, --emr-release and --primary-instance");
  if (!flags.k8s_app && flags.platform && *flags.platform == "kubernetes")
    throw UsageError(
        "review --platform kubernetes reviews a Spark Operator SparkApplication: give it with --k8s-app FILE");
  if (!spark_inputs && !flags.glue_job && !flags.k8s_app)
    throw UsageError(
        "review needs settings to review: -- spark-submit ARGS..., --submit-file, --conf-file, --emr-config, "
        "--emr-cluster, --glue-job or --k8s-app; see 'sparkfit review --help'");
}

// The flags of `review`, checked and converted; the documents are read later, in a fixed order.
struct ReviewRequest {
  review::Request review;
  std::optional<rules::Severity> fail_on;
};

review::Documents documents(const Flags& flags) {
  review::Documents d{flags.emr_cluster, flags.emr_config, flags.conf_file, flags.submit_file,
                      flags.glue_job,    flags.k8s_app,    std::nullopt};
  if (flags.has_submit_args) d.submit_args = flags.submit_args;
  return d;
}

ReviewRequest review_request(const Flags& flags) {
  check_review_inputs(flags);
  ReviewRequest request;
  request.review.documents = documents(flags);
  if (flags.fail_on) {
    static const std::vector<std::string> kWords = {"error", "warning", "info", "style"};
    if (std::find(kWords.begin(), kWords.end(), *flags.fail_on) == kWords.end())
      throw UsageError("--fail-on: unknown severity '" + *flags.fail_on + "'" +
                       text::did_you_mean(*flags.fail_on, kWords) + "; expected error, warning, info or style");
    request.fail_on = rules::parse_severity(*flags.fail_on);
  }
  request.review.spark_version = convert(flags, &Flags::spark_version, [](const std::string& v) {
    static const std::regex kVersion("[0-9]+\\.[0-9]+(\\.[0-9]+)?");
    if (!std::regex_match(v, kVersion))
      throw InputError("invalid value '" + v + "': expected a version such as 3.5 or 3.5.1");
    return v;
  });
  request.review.java_version = convert(flags, &Flags::java_version, [](const std::string& v) {
    const std::int64_t major = units::parse_count(v, "Java version");
    if (major < 5 || major > 100) throw InputError("invalid value '" + v + "': expected 8, 11, 17, 21");
    return static_cast<int>(major);
  });
  request.review.job = job_from(flags, &request.review.has_work);
  if (flags.k8s_app)
    request.review.cluster = node_request(flags);
  else if (!flags.glue_job)
    request.review.cluster = cluster_request(flags);
  if (flags.yarn_resource_calculator)
    request.review.calculator = job::parse_resource_calculator(*flags.yarn_resource_calculator);
  return request;
}

// --config, else ./.sparkfit.yaml when present.
review::Config review_config(const Flags& flags, const std::vector<rules::Rule>& rules) {
  const std::string file = flags.config.value_or(".sparkfit.yaml");
  if (!flags.config && !fs::exists(file)) return {};
  return review::parse_config(read_whole_file(file, "--config"), file, rule_ids(rules));
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
  const std::vector<rules::Rule>& rules = context.rules();
  const review::Config config = review_config(flags, rules);
  const rules::Severity threshold = request.fail_on.value_or(config.fail_on.value_or(rules::Severity::warning));

  review::Input input;
  review::WorkModel model;
  review::assemble(request.review, context.lazy_catalog(), context.model_file(), input, model);

  review::FactSet facts = review::compute_facts(input);
  facts.not_checked = review::not_checked(rules, facts, input);
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
  const std::vector<rules::Rule>& rules = context.rules();
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
