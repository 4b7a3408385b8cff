// Rules over facts: which fire, where they point, what they suggest; and .sparkfit.yaml.
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <tuple>

#include "sparkfit/eventlog/eventlog.hpp"
#include "sparkfit/platform/inputs.hpp"
#include "sparkfit/review/review.hpp"
#include "sparkfit/rules/evaluate.hpp"
#include "sparkfit/util/text.hpp"
#include "util/yaml_limits.hpp"

namespace sparkfit::review {
namespace {

using rules::Severity;

SourceLocation place_of(const FactSet& facts, const std::string& key) {
  const spark_conf::Setting* s = spark_conf::find_setting(facts.effective, key);
  if (s && !s->where.file.empty()) return s->where;
  if (auto it = facts.places.find(key); it != facts.places.end()) return it->second;
  return {};
}

// Where a finding points: the collection item's setting, else the first of the rule's
// locations the input sets; a setting the input leaves unset has no place, so the application
// it configures stands in.
SourceLocation place_for(const rules::Rule& rule, const rules::Firing& firing, const FactSet& all) {
  if (firing.item) {
    SourceLocation place = place_of(all, rules::item_key(firing));
    if (!place.file.empty()) return place;
  }
  for (const std::string& location : rule.location) {
    SourceLocation place = place_of(all, rules::render_template(location, firing.facts));
    if (!place.file.empty()) return place;
  }
  return place_of(all, "<application>");
}

[[noreturn]] void fail_at(const std::string& file, const std::string& text, const YAML::Mark& mark,
                          const std::string& message) {
  if (mark.is_null()) throw InputError(SourceLocation{file, 1, 1, line_of(text, 1)}, message);
  throw InputError(SourceLocation{file, mark.line + 1, mark.column + 1, line_of(text, mark.line + 1)}, message);
}

// The `cluster:` section: a map of cluster inputs in snake_case to scalar values, such as
// {platform: emr, instance: r5.4xlarge, nodes: 10, emr_release: emr-7.1.0}.
std::vector<ConfigInput> cluster_of(const YAML::Node& value, const YAML::Node& key_node, const std::string& file_name,
                                    const std::string& yaml_text) {
  const std::vector<std::string>& names = config_cluster_inputs();
  std::vector<std::string> keys;
  for (std::string name : names) {
    std::replace(name.begin(), name.end(), '-', '_');
    keys.push_back(name);
  }
  if (!value.IsMap())
    fail_at(file_name, yaml_text, value.Mark().is_null() ? key_node.Mark() : value.Mark(),
            "'cluster' must map cluster inputs to values, e.g. {instance: r5.4xlarge, nodes: 10}");
  std::vector<ConfigInput> inputs;
  for (auto it = value.begin(); it != value.end(); ++it) {
    const YAML::Node key = it->first;
    const YAML::Node given = it->second;
    const std::string word = key.IsScalar() ? key.Scalar() : "";
    const auto known = std::find(keys.begin(), keys.end(), word);
    if (known == keys.end())
      fail_at(file_name, yaml_text, key.Mark(),
              "unknown cluster input '" + word + "'" + text::did_you_mean(word, keys) + "; expected one of " +
                  text::join(keys, ", "));
    const std::string& name = names[static_cast<std::size_t>(known - keys.begin())];
    if (!given.IsScalar() || given.Scalar().empty())
      fail_at(file_name, yaml_text, given.Mark().is_null() ? key.Mark() : given.Mark(),
              "'cluster." + word + "' needs a value, as --" + name + " does");
    const YAML::Mark mark = given.Mark();
    inputs.push_back({name, given.Scalar(),
                      SourceLocation{file_name, mark.line + 1, mark.column + 1, line_of(yaml_text, mark.line + 1)}});
  }
  return inputs;
}
}  // namespace

bool runs_in_review(const rules::Rule& rule) { return rule.category != "eventlog"; }

const std::vector<std::string>& config_cluster_inputs() {
  static const std::vector<std::string> kInputs = [] {
    std::vector<std::string> names;
    for (const platform::InputHelp& input : platform::command_inputs())
      // Review never prices a layout, so the price inputs (--region, --market) are not among them.
      if (input.group == platform::InputGroup::cluster && !input.is_switch && input.name != "region" &&
          input.name != "market")
        names.emplace_back(input.name);
    names.emplace_back("spark-version");
    names.emplace_back("java-version");
    return names;
  }();
  return kInputs;
}

std::vector<rules::Rule> load_rules(const std::string& dir) {
  return rules::load_rules(
      dir, [](const rules::Rule& rule) { return runs_in_review(rule) ? &fact_names() : &eventlog::fact_names(); });
}

Config parse_config(const std::string& yaml_text, const std::string& file_name,
                    const std::vector<std::string>& known_ids) {
  static const std::vector<std::string> kKeys = {"fail_on", "ignored", "override", "cluster"};
  static const std::vector<std::string> kSeverities = {"error", "warning", "info", "style"};
  Config config;
  config.file = file_name;
  YAML::Node root;
  yaml::check_limits(yaml_text, file_name);
  try {
    root = YAML::Load(yaml_text);
  } catch (const YAML::Exception& error) {
    fail_at(file_name, yaml_text, error.mark, error.msg);
  }
  if (root.IsNull()) return config;
  if (!root.IsMap())
    fail_at(file_name, yaml_text, root.Mark(), "expected a map with fail_on, ignored, override and cluster");
  auto severity_of = [&](const YAML::Node& node) {
    if (!node.IsScalar()) fail_at(file_name, yaml_text, node.Mark(), "expected error, warning, info or style");
    const std::string& word = node.Scalar();
    if (std::find(kSeverities.begin(), kSeverities.end(), word) == kSeverities.end())
      fail_at(file_name, yaml_text, node.Mark(),
              "unknown severity '" + word + "'" + text::did_you_mean(word, kSeverities) +
                  "; expected error, warning, info or style");
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
    const std::string& key = key_node.Scalar();
    if (key == "fail_on") {
      config.fail_on = severity_of(value);
    } else if (key == "ignored") {
      if (!value.IsSequence())
        fail_at(file_name, yaml_text, value.Mark().is_null() ? key_node.Mark() : value.Mark(),
                "'ignored' must be a list of rule ids, e.g. [SF2003]");
      for (const YAML::Node& id : value) config.ignored.push_back(rule_id(id));
    } else if (key == "override") {
      if (!value.IsMap())
        fail_at(file_name, yaml_text, value.Mark().is_null() ? key_node.Mark() : value.Mark(),
                "'override' must map rule ids to severities, e.g. {SF2004: error}");
      for (auto o = value.begin(); o != value.end(); ++o) {
        const YAML::Node id = o->first;
        const YAML::Node severity = o->second;
        config.overrides[rule_id(id)] = severity_of(severity);
      }
    } else if (key == "cluster") {
      config.cluster = cluster_of(value, key_node, file_name, yaml_text);
    } else {
      fail_at(file_name, yaml_text, key_node.Mark(),
              "unknown key '" + key + "'" + text::did_you_mean(key, kKeys) +
                  "; expected fail_on, ignored, override or cluster");
    }
  }
  return config;
}

std::vector<rules::Finding> evaluate(const std::vector<rules::Rule>& rules, const FactSet& facts,
                                     const Config& config) {
  std::vector<rules::Finding> findings;
  for (const rules::Rule& rule : rules) {
    if (!runs_in_review(rule)) continue;
    if (std::find(config.ignored.begin(), config.ignored.end(), rule.id) != config.ignored.end()) continue;
    Severity severity = rule.severity;
    if (auto o = config.overrides.find(rule.id); o != config.overrides.end()) severity = o->second;
    for (const rules::Firing& firing : rules::fire(rule, facts.facts, facts.collections)) {
      rules::Finding finding = rules::make_finding(rule, severity, firing.facts);
      finding.place = place_for(rule, firing, facts);
      findings.push_back(std::move(finding));
    }
  }
  std::stable_sort(findings.begin(), findings.end(), [](const rules::Finding& a, const rules::Finding& b) {
    auto place = [](const rules::Finding& f) {
      return std::make_tuple(static_cast<int>(f.severity), f.place.file.empty(), f.place.file, f.place.line,
                             f.place.column);
    };
    if (place(a) != place(b)) return place(a) < place(b);
    return a.id < b.id;
  });
  return findings;
}

namespace {

// Facts only a cluster gives: its nodes, the containers placed on them and what follows from them.
bool needs_cluster(std::string_view fact) {
  static constexpr std::string_view kFamilies[] = {"node.", "container.", "layout.",    "executors.", "cluster.",
                                                   "am.",   "fix.",       "predicted.", "task."};
  for (std::string_view family : kFamilies)
    if (text::starts_with(fact, family)) return true;
  return false;
}

// The operands of a chain of `and`s, the whole expression when it is none.
void conjuncts(const rules::Expr& expr, std::vector<const rules::Expr*>& out) {
  if (expr.kind == rules::Expr::Kind::binary && expr.op == "and") {
    for (const rules::Expr& arg : expr.args) conjuncts(arg, out);
    return;
  }
  out.push_back(&expr);
}

// A rule waits for a cluster when it names a cluster fact the review lacks and no part of its
// condition that reads only known facts is false already: a Kubernetes rule reviewing
// spark-submit settings is decided by the platform, SF2005's `executor.cores == 1` by the cores.
bool waits_for_cluster(const rules::Rule& rule, const FactSet& facts, const Input& input) {
  rules::Facts known = facts.facts;
  if (!known.count("platform")) known["platform"] = rules::Value::of(input.k8s_app ? "kubernetes" : "yarn");
  const auto missing = [&](const std::string& name) { return !known.count(name); };
  const auto missing_cluster = [&](const std::string& name) { return needs_cluster(name) && missing(name); };
  const std::vector<std::string> names = rules::referenced_facts(rule.condition);
  if (std::none_of(names.begin(), names.end(), missing_cluster)) return false;
  std::vector<const rules::Expr*> parts;
  conjuncts(rule.condition, parts);
  for (const rules::Expr* part : parts) {
    const std::vector<std::string> reads = rules::referenced_facts(*part);
    if (std::none_of(reads.begin(), reads.end(), missing) && !rules::evaluate(*part, known).fires()) return false;
  }
  return true;
}

std::string_view family_words(std::string_view category, bool pods) {
  if (category == "executor") return "executor sizing against the nodes";
  if (category == "platform") return pods ? "fit of the pods on the nodes" : "fit on the nodes and YARN's limits";
  if (category == "partitions") return "tasks against the cluster's slots";
  if (category == "cost") return "cost against sparkfit's layout";
  return category;
}

}  // namespace

std::vector<std::string> not_checked(const std::vector<rules::Rule>& rules, const FactSet& facts, const Input& input) {
  if (input.cluster || input.glue_job || input.serverless_job) return {};
  std::vector<std::pair<std::string, std::vector<std::string>>> families;  // category, rule ids (rule order)
  for (const rules::Rule& rule : rules) {
    if (!runs_in_review(rule) || !waits_for_cluster(rule, facts, input)) continue;
    auto family =
        std::find_if(families.begin(), families.end(), [&](const auto& f) { return f.first == rule.category; });
    if (family == families.end()) family = families.insert(families.end(), {rule.category, {}});
    family->second.push_back(rule.id);
  }
  std::vector<std::string> sentences;
  for (const auto& [category, ids] : families)
    sentences.push_back(std::string(family_words(category, input.k8s_app.has_value())) + " (" + text::join(ids) + ")");
  return sentences;
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

std::vector<std::string> rule_ids(const std::vector<rules::Rule>& rules) {
  std::vector<std::string> ids;
  for (const rules::Rule& rule : rules) ids.push_back(rule.id);
  return ids;
}

const rules::Rule& find_rule(const std::vector<rules::Rule>& rules, const std::string& id_or_name) {
  const rules::Rule* found = nullptr;
  for (const rules::Rule& rule : rules)
    if (rule.id == id_or_name || rule.name == id_or_name) found = &rule;
  if (!found)
    throw InputError("unknown rule '" + id_or_name + "'" + text::did_you_mean(id_or_name, rule_ids(rules)) +
                     "; 'sparkfit rules list' shows them");
  return *found;
}

}  // namespace sparkfit::review
