// A finished run's Spark properties reviewed as review reviews a spark-defaults file: the same
// facts (compute_facts), rules and not-checked sentences, with no cluster.
#include "sparkfit/review/from_eventlog.hpp"

#include <regex>

namespace sparkfit::review {
namespace {

// "3.5.1" of "3.5.1-amzn-0": the version's numbers, which the version facts read; "" when the
// log names none a rule could compare.
std::string numeric_version(const std::string& logged) {
  static const std::regex kLeading("^([0-9]+\\.[0-9]+(\\.[0-9]+)?)");
  std::smatch match;
  if (!std::regex_search(logged, match, kLeading)) return "";
  return match[1].str();
}

}  // namespace

Input input_from_run(const eventlog::RunLog& log) {
  Input input;
  for (const auto& [key, value] : log.spark_properties) {
    spark_conf::Setting setting;
    setting.key = key;
    setting.value = value;
    setting.source = "event log";
    // The log's EnvironmentUpdate is one line holding every property: the property itself is
    // the place's text, so that a finding names the setting it points at.
    setting.where = SourceLocation{log.path, 0, 0, key + "=" + value};
    setting.precedence = spark_conf::kPrecedenceConf;
    input.settings.push_back(std::move(setting));
  }
  input.spark_version = numeric_version(log.spark_version);
  // The run's work is in the log: recommend reads it from there and sizes it on the nodes named.
  input.layout_hint =
      "sparkfit recommend --from-eventlog " + log.path + " --instance TYPE --nodes N sizes this run on the cluster";
  return input;
}

RunReview review_run(const eventlog::RunLog& log, const std::vector<rules::Rule>& rules, const Config& config) {
  const Input input = input_from_run(log);
  FactSet facts = compute_facts(input);
  RunReview result;
  result.not_checked = not_checked(rules, facts, input);
  for (rules::Finding& finding : evaluate(rules, facts, config)) {
    std::string setting;
    for (const spark_conf::Setting& s : input.settings)
      if (!finding.place.file.empty() && s.where.source_line == finding.place.source_line) setting = s.key;
    result.findings.push_back({std::move(finding), setting});
  }
  return result;
}

}  // namespace sparkfit::review
