// A finished run's Spark properties reviewed as review reviews a spark-defaults file: the same
// facts (compute_facts), rules and not-checked sentences, with no cluster.
#include "sparkfit/review/from_eventlog.hpp"

#include <algorithm>
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

// The rule's fix names a fact of sparkfit's layout (a placeholder {fix.*}) that the facts lack.
bool fix_names_missing_layout(const rules::Rule& rule, const FactSet& facts) {
  for (std::size_t open = rule.fix.find("{fix."); open != std::string::npos; open = rule.fix.find("{fix.", open + 1)) {
    const std::size_t end = rule.fix.find_first_of("|}", open);
    if (end == std::string::npos) return false;
    if (!facts.facts.count(rule.fix.substr(open + 1, end - open - 1))) return true;
  }
  return false;
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
    const auto rule =
        std::find_if(rules.begin(), rules.end(), [&](const rules::Rule& r) { return r.id == finding.id; });
    const bool needs_cluster = rule != rules.end() && fix_names_missing_layout(*rule, facts);
    // The layout is sparkfit's for the run's work on the nodes: recommend reads both from the log.
    if (needs_cluster)
      finding.fix = "sparkfit's layout for it needs the cluster's nodes: sparkfit recommend --from-eventlog " +
                    log.path + " --instance TYPE --nodes N sizes this run on them";
    result.findings.push_back({std::move(finding), setting, needs_cluster});
  }
  return result;
}

}  // namespace sparkfit::review
