// `review` and `rules`: read the proposed settings from every input the user gives, describe the
// cluster, run the rules over the facts, print findings; list and show the rules themselves.
#include "cli/context.hpp"
#include "cli/options.hpp"
#include "sparkfit/output/report.hpp"
#include "sparkfit/output/review.hpp"
#include "sparkfit/output/rules_list.hpp"
#include "sparkfit/report/pages.hpp"
#include "sparkfit/review/inputs.hpp"
#include "sparkfit/review/request.hpp"
#include "sparkfit/review/review.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::cli {
namespace {

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
  const std::vector<rules::Rule>& rules = context.rules();
  const review::Config config = review::config_of(flags.given, rules);
  const review::Asked asked =
      review::asked_of(flags.given, flags.has_submit_args ? std::optional(flags.submit_args) : std::nullopt,
                       flags.argument(), given_flags(flags, OptionGroup::cluster), config);
  const rules::Severity threshold = review::fail_threshold(asked, config);

  review::Input input;
  review::WorkModel model;
  review::assemble(asked.request, context.lazy_catalog(), context.model_file(), input, model);

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
