// Severities, and the evaluator that turns rules and facts into findings.
#include <algorithm>

#include "sparkfit/rules/evaluate.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::rules {
namespace {

int rank(Severity severity) {
  switch (severity) {
    case Severity::error: return 3;
    case Severity::warning: return 2;
    case Severity::info: return 1;
    case Severity::style: return 0;
  }
  return 0;
}

// The first sentence of the rationale: the one-line `why` of a finding.
std::string first_sentence(const std::string& text) {
  std::size_t end = text.find(". ");
  std::string sentence = end == std::string::npos ? text : text.substr(0, end + 1);
  std::replace(sentence.begin(), sentence.end(), '\n', ' ');
  return sentence;
}

}  // namespace

std::string item_key(const Firing& firing) {
  if (!firing.item) return "";
  auto key = firing.item->find("item.key");
  return key == firing.item->end() ? "" : format_value(key->second);
}

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::info: return "info";
    case Severity::style: return "style";
  }
  return "warning";
}

Severity parse_severity(std::string_view text) {
  static const std::vector<std::string> kSeverities = {"error", "warning", "info", "style"};
  if (text == "error") return Severity::error;
  if (text == "warning") return Severity::warning;
  if (text == "info") return Severity::info;
  if (text == "style") return Severity::style;
  throw InputError("unknown severity '" + std::string(text) + "'" + text::did_you_mean(text, kSeverities) +
                   "; expected error, warning, info or style");
}

Finding note(std::string id, Severity severity, std::string message) {
  Finding finding;
  finding.id = std::move(id);
  finding.severity = severity;
  finding.message = std::move(message);
  return finding;
}

std::string place_text(const SourceLocation& place) {
  if (place.file.empty()) return "";
  return place.file + ":" + std::to_string(place.line) + ":" + std::to_string(place.column);
}

bool at_or_above(Severity severity, Severity threshold) { return rank(severity) >= rank(threshold); }

std::vector<Firing> fire(const Rule& rule, const Facts& facts, const Collections& collections) {
  std::vector<Firing> firings;
  if (rule.each.empty()) {
    if (evaluate(rule.condition, facts).fires()) firings.push_back({facts, nullptr});
    return firings;
  }
  auto collection = collections.find(rule.each);
  if (collection == collections.end()) return firings;
  for (const Facts& item : collection->second) {
    FactLookup lookup = [&](std::string_view name) -> std::optional<Value> {
      if (auto it = item.find(name); it != item.end()) return it->second;
      if (auto it = facts.find(name); it != facts.end()) return it->second;
      return std::nullopt;
    };
    if (!evaluate(rule.condition, lookup).fires()) continue;
    Facts merged = facts;
    for (const auto& [name, value] : item) merged[name] = value;
    firings.push_back({std::move(merged), &item});
  }
  return firings;
}

bool names_missing_fact(const std::string& text, const Facts& facts) {
  for (const std::string& fact : template_facts(text)) {
    auto it = facts.find(fact);
    if (it == facts.end() || it->second.is_null()) return true;
  }
  return false;
}

bool layout_unknown(const Rule& rule, const Facts& facts) {
  const auto missing_layout = [&](const std::string& text) {
    for (const std::string& fact : template_facts(text))
      if (text::starts_with(fact, kLayoutFacts) && (!facts.count(fact) || facts.find(fact)->second.is_null()))
        return true;
    return false;
  };
  return missing_layout(rule.fix);
}

Finding make_finding(const Rule& rule, Severity severity, const Facts& facts) {
  Finding finding;
  finding.id = rule.id;
  finding.name = rule.name;
  finding.severity = severity;
  finding.message = render_template(rule.message, facts);
  finding.why = first_sentence(rule.rationale);
  const bool without_layout = !rule.fix_without_layout.empty() && layout_unknown(rule, facts);
  finding.fix = render_template(without_layout ? rule.fix_without_layout : rule.fix, facts);
  for (const auto& [key_template, value_template] : rule.fix_conf) {
    // A setting whose key or value the facts do not know is left out rather than printed as "unknown".
    if (names_missing_fact(key_template, facts) || names_missing_fact(value_template, facts)) continue;
    std::string key = render_template(key_template, facts);
    std::string value = render_template(value_template, facts);
    if (key.empty() || value.empty()) continue;
    finding.fix_conf.emplace_back(std::move(key), std::move(value));
  }
  return finding;
}

std::vector<Finding> evaluate_category(const std::vector<Rule>& rules, std::string_view category, const Facts& facts,
                                       const Collections& collections) {
  std::vector<Finding> findings;
  for (const Rule& rule : rules) {
    if (rule.category != category) continue;
    for (const Firing& firing : fire(rule, facts, collections)) {
      findings.push_back(make_finding(rule, rule.severity, firing.facts));
      findings.back().item = item_key(firing);
    }
  }
  return findings;
}

}  // namespace sparkfit::rules
