// `review` and `rules`: read the proposed settings from every input the user gives, describe the
// cluster, run the rules over the facts, print findings; list and show the rules themselves.
#include <algorithm>
#include <filesystem>

#include "cli/context.hpp"
#include "cli/options.hpp"
#include "cli/requests.hpp"
#include "sparkfit/output/report.hpp"
#include "sparkfit/output/review.hpp"
#include "sparkfit/output/rules_list.hpp"
#include "sparkfit/report/pages.hpp"
#include "sparkfit/review/inputs.hpp"
#include "sparkfit/review/review.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::cli {
namespace {

namespace fs = std::filesystem;

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
  ReviewRequest request;
  request.review.documents = documents(flags);
  review::check_inputs({request.review.documents, flags.platform, given_flags(flags, OptionGroup::cluster)});
  if (flags.fail_on) {
    static const std::vector<std::string> kWords = {"error", "warning", "info", "style"};
    if (std::find(kWords.begin(), kWords.end(), *flags.fail_on) == kWords.end())
      throw UsageError("--fail-on: unknown severity '" + *flags.fail_on + "'" +
                       text::did_you_mean(*flags.fail_on, kWords) + "; expected error, warning, info or style");
    request.fail_on = rules::parse_severity(*flags.fail_on);
  }
  request.review.spark_version = convert(flags, &Flags::spark_version, review::parse_spark_version);
  request.review.java_version = convert(flags, &Flags::java_version, review::parse_java_version);
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
  return review::parse_config(read_whole_file(file, "--config"), file, review::rule_ids(rules));
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
  std::string text = output::review_document(flags.format, findings, facts, input, rules);
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
    text = rules::render_rule_page(review::find_rule(rules, *request.rule));
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
