// Rules over facts: which fire, where they point, what they suggest; and .sparkfit.yaml.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <fstream>
#include <sstream>
#include <tuple>

#include "sparkfit/review/review.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::review {
namespace {

using rules::Facts;
using rules::Severity;
using rules::Value;

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

SourceLocation place_of(const FactSet& facts, const std::string& key) {
  const spark_conf::Setting* s = spark_conf::find_setting(facts.effective, key);
  if (s && !s->where.file.empty()) return s->where;
  if (auto it = facts.places.find(key); it != facts.places.end()) return it->second;
  return {};
}

Finding make_finding(const rules::Rule& rule, Severity severity, const Facts& facts, const FactSet& all,
                     const std::string& item_key) {
  Finding finding;
  finding.id = rule.id;
  finding.name = rule.name;
  finding.severity = severity;
  finding.rule = &rule;
  finding.message = rules::render_template(rule.message, facts);
  finding.why = first_sentence(rule.rationale);
  finding.fix = rules::render_template(rule.fix, facts);
  for (const auto& [key_template, value_template] : rule.fix_conf) {
    std::string key = rules::render_template(key_template, facts);
    std::string value = rules::render_template(value_template, facts);
    if (key.empty() || value.empty() || key.find("unknown") != std::string::npos || value.find("unknown") != std::string::npos)
      continue;
    finding.fix_conf.emplace_back(std::move(key), std::move(value));
  }
  if (!item_key.empty()) finding.where = place_of(all, item_key);
  for (const std::string& location : rule.location) {
    if (!finding.where.file.empty()) break;
    finding.where = place_of(all, rules::render_template(location, facts));
  }
  // A setting the input leaves unset has no place; the application it configures stands in.
  if (finding.where.file.empty()) finding.where = place_of(all, "<application>");
  return finding;
}

[[noreturn]] void fail_at(const std::string& file, const std::string& text, const YAML::Mark& mark, const std::string& message) {
  if (mark.is_null()) throw InputError(SourceLocation{file, 1, 1, line_of(text, 1)}, message);
  throw InputError(SourceLocation{file, mark.line + 1, mark.column + 1, line_of(text, mark.line + 1)}, message);
}

}  // namespace

bool runs_in_review(const rules::Rule& rule) { return rule.category != "eventlog"; }

std::vector<rules::Rule> load_rules(const std::string& dir) {
  std::vector<rules::Rule> all = rules::load_rules(dir, nullptr);
  for (rules::Rule& rule : all) {
    if (!runs_in_review(rule)) continue;
    std::ifstream in(rule.file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    rule = rules::parse_rule(text.str(), rule.file, &fact_names());
  }
  return all;
}

bool at_or_above(Severity severity, Severity threshold) { return rank(severity) >= rank(threshold); }

Config parse_config(const std::string& yaml_text, const std::string& file_name, const std::vector<std::string>& known_ids) {
  static const std::vector<std::string> kKeys = {"fail_on", "ignored", "override"};
  static const std::vector<std::string> kSeverities = {"error", "warning", "info", "style"};
  Config config;
  config.file = file_name;
  YAML::Node root;
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& error) {
    fail_at(file_name, yaml_text, error.mark, error.msg);
  }
  if (root.IsNull()) return config;
  if (!root.IsMap()) fail_at(file_name, yaml_text, root.Mark(), "expected a map with fail_on, ignored and override");
  auto severity_of = [&](const YAML::Node& node) {
    if (!node.IsScalar()) fail_at(file_name, yaml_text, node.Mark(), "expected error, warning, info or style");
    const std::string& word = node.Scalar();
    if (std::find(kSeverities.begin(), kSeverities.end(), word) == kSeverities.end())
      fail_at(file_name, yaml_text, node.Mark(),
              "unknown severity '" + word + "'" + text::did_you_mean(word, kSeverities) + "; expected error, warning, info or style");
    return rules::parse_severity(word);
  };
  auto rule_id = [&](const YAML::Node& node) {
    if (!node.IsScalar()) fail_at(file_name, yaml_text, node.Mark(), "expected a rule id such as SF2003");
    const std::string& id = node.Scalar();
    if (std::find(known_ids.begin(), known_ids.end(), id) == known_ids.end())
      fail_at(file_name, yaml_text, node.Mark(),
              "unknown rule '" + id + "'" + text::did_you_mean(id, known_ids) + "; 'sparkfit rules list' shows them");
    return id;
  };
  for (auto it = root.begin(); it != root.end(); ++it) {
    // yaml-cpp's iterator hands out a temporary pair: copy the nodes out of it.
    const YAML::Node key_node = it->first;
    const YAML::Node value = it->second;
    const std::string key = key_node.Scalar();
    if (key == "fail_on") {
      config.fail_on = severity_of(value);
    } else if (key == "ignored") {
      if (!value.IsSequence()) fail_at(file_name, yaml_text, value.Mark().is_null() ? key_node.Mark() : value.Mark(),
                                       "'ignored' must be a list of rule ids, e.g. [SF2003]");
      for (const YAML::Node& id : value) config.ignored.push_back(rule_id(id));
    } else if (key == "override") {
      if (!value.IsMap()) fail_at(file_name, yaml_text, value.Mark().is_null() ? key_node.Mark() : value.Mark(),
                                  "'override' must map rule ids to severities, e.g. {SF2004: error}");
      for (auto o = value.begin(); o != value.end(); ++o) {
        const YAML::Node id = o->first;
        const YAML::Node severity = o->second;
        config.overrides[rule_id(id)] = severity_of(severity);
      }
    } else {
      fail_at(file_name, yaml_text, key_node.Mark(),
              "unknown key '" + key + "'" + text::did_you_mean(key, kKeys) + "; expected fail_on, ignored or override");
    }
  }
  return config;
}

std::vector<Finding> evaluate(const std::vector<rules::Rule>& rules, const FactSet& facts, const Config& config) {
  std::vector<Finding> findings;
  for (const rules::Rule& rule : rules) {
    if (!runs_in_review(rule)) continue;
    if (std::find(config.ignored.begin(), config.ignored.end(), rule.id) != config.ignored.end()) continue;
    Severity severity = rule.severity;
    if (auto o = config.overrides.find(rule.id); o != config.overrides.end()) severity = o->second;
    if (rule.each.empty()) {
      if (rules::evaluate(rule.condition, facts.facts).fires())
        findings.push_back(make_finding(rule, severity, facts.facts, facts, ""));
      continue;
    }
    auto collection = facts.collections.find(rule.each);
    if (collection == facts.collections.end()) continue;
    for (const Facts& item : collection->second) {
      rules::FactLookup lookup = [&](std::string_view name) -> std::optional<Value> {
        if (auto it = item.find(name); it != item.end()) return it->second;
        if (auto it = facts.facts.find(name); it != facts.facts.end()) return it->second;
        return std::nullopt;
      };
      if (!rules::evaluate(rule.condition, lookup).fires()) continue;
      Facts merged = facts.facts;
      for (const auto& [name, value] : item) merged[name] = value;
      auto key = item.find("item.key");
      findings.push_back(make_finding(rule, severity, merged, facts,
                                      key != item.end() ? key->second.text : std::string()));
    }
  }
  std::stable_sort(findings.begin(), findings.end(), [](const Finding& a, const Finding& b) {
    auto place = [](const Finding& f) {
      return std::make_tuple(-rank(f.severity), f.where.file.empty(), f.where.file, f.where.line, f.where.column);
    };
    if (place(a) != place(b)) return place(a) < place(b);
    return a.id < b.id;
  });
  return findings;
}

std::string rules_table_markdown(const std::vector<rules::Rule>& rules) {
  std::string out = "| ID | Severity | Summary |\n|---|---|---|\n";
  for (const rules::Rule& rule : rules) {
    std::string summary = rule.summary;
    std::replace(summary.begin(), summary.end(), '\n', ' ');
    std::string escaped;
    for (char c : summary) {
      if (c == '|') escaped += '\\';
      escaped += c;
    }
    out += "| " + rule.id + " | " + std::string(rules::severity_name(rule.severity)) + " | " + escaped + " |\n";
  }
  return out;
}

}  // namespace sparkfit::review
