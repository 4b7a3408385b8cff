// Rule files: YAML walked by hand so each problem is reported at its own line and column,
// down to the column of a misspelt fact inside a condition (yaml-cpp's marks are 0-based and
// point at the scalar's start; the offset inside the scalar is mapped back onto the file).
// Every command loads every rule file, so they are read into the plain position tree
// (util/yaml_tree.hpp) as the catalog is, not into yaml-cpp's slower nodes.
#include <yaml-cpp/exceptions.h>

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <sstream>

#include "sparkfit/rules/rule_file.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/text.hpp"
#include "util/yaml_tree.hpp"

namespace sparkfit::rules {
namespace {

using yaml::YamlValue;

const std::vector<std::string> kRuleKeys = {
    "id",      "name",      "severity", "category",   "summary",  "condition",
    "message", "rationale", "fix",      "exceptions", "examples", "references",
    "source",  "as_of",     "each",     "location",   "fix_conf", "fix_without_layout"};
const std::vector<std::string> kRequiredKeys = {"id",      "name",      "severity",  "category",
                                                "summary", "condition", "message",   "rationale",
                                                "fix",     "examples",  "references"};
const std::vector<std::string> kExampleKeys = {"bad", "good"};
const std::vector<std::string> kReferenceKeys = {"title", "url", "source"};
const std::vector<std::string> kSeverities = {"error", "warning", "info", "style"};
const std::vector<std::string> kFilters = {"size", "mib", "usd", "percent", "seconds", "count"};

std::string describe_node(const YamlValue& node) {
  switch (node.kind) {
    case YamlValue::Kind::sequence: return "a list";
    case YamlValue::Kind::mapping: return "a map";
    case YamlValue::Kind::scalar: return "'" + node.scalar + "'";
    default: return "nothing";
  }
}

// A key of a mapping and its value.
struct Entry {
  const YamlValue* key = nullptr;
  const YamlValue* value = nullptr;
};

// A mapping's pairs in the file's order (the tree keeps keys and values alternating).
std::vector<Entry> entries_of(const YamlValue& map) {
  std::vector<Entry> entries;
  for (std::size_t i = 0; i + 1 < map.children.size(); i += 2)
    entries.push_back({&map.children[i], &map.children[i + 1]});
  return entries;
}

// One {placeholder} of a template.
struct Placeholder {
  std::string fact;
  std::string filter;    // "" or one of kFilters
  std::string argument;  // after the filter's ':' ("executor" of count:executor)
  bool has_argument = false;
  std::size_t offset;  // of the fact name
  std::size_t filter_offset;
};

// Splits a template into literal text and placeholders. Returns an error message and sets
// `error_offset` when the template is malformed.
struct TemplatePart {
  bool is_placeholder;
  std::string literal;
  Placeholder placeholder;
};

std::vector<TemplatePart> split_template(const std::string& text, std::string& error, std::size_t& error_offset) {
  std::vector<TemplatePart> parts;
  std::string literal;
  for (std::size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '}') {
      if (i + 1 < text.size() && text[i + 1] == '}') ++i;
      literal += '}';
      continue;
    }
    if (c != '{') {
      literal += c;
      continue;
    }
    if (i + 1 < text.size() && text[i + 1] == '{') {
      literal += '{';
      ++i;
      continue;
    }
    std::size_t close = text.find('}', i);
    if (close == std::string::npos) {
      error = "unterminated '{' (write '{{' for a literal brace)";
      error_offset = i;
      return parts;
    }
    std::string inner = text.substr(i + 1, close - i - 1);
    Placeholder placeholder;
    std::size_t bar = inner.find('|');
    std::string fact = inner.substr(0, bar);
    std::size_t lead = fact.find_first_not_of(' ');
    placeholder.offset = i + 1 + (lead == std::string::npos ? 0 : lead);
    placeholder.fact = text::trimmed(fact);
    if (bar != std::string::npos) {
      std::string filter = inner.substr(bar + 1);
      std::size_t filter_lead = filter.find_first_not_of(' ');
      placeholder.filter_offset = i + 2 + bar + (filter_lead == std::string::npos ? 0 : filter_lead);
      placeholder.filter = text::trimmed(filter);
      if (std::size_t colon = placeholder.filter.find(':'); colon != std::string::npos) {
        placeholder.has_argument = true;
        placeholder.argument = text::trimmed(placeholder.filter.substr(colon + 1));
        placeholder.filter = text::trimmed(placeholder.filter.substr(0, colon));
      }
    }
    if (placeholder.fact.empty()) {
      error = "empty placeholder '{}' (write '{{' for a literal brace)";
      error_offset = i;
      return parts;
    }
    if (!literal.empty()) parts.push_back({false, std::move(literal), {}});
    literal.clear();
    parts.push_back({true, "", placeholder});
    i = close;
  }
  if (!literal.empty()) parts.push_back({false, std::move(literal), {}});
  return parts;
}

bool fact_known(const std::string& fact, const std::vector<std::string>& known) {
  for (const std::string& entry : known) {
    if (entry == fact) return true;
    if (entry.size() >= 2 && entry.compare(entry.size() - 2, 2, ".*") == 0 && fact.size() > entry.size() - 1 &&
        fact.compare(0, entry.size() - 1, entry, 0, entry.size() - 1) == 0)
      return true;
  }
  return false;
}

// The condition holds only when sparkfit's layout is known: one of its `and`ed parts compares a
// fix.* fact, and a comparison with a missing fact is false (SF5001's `fix.saving_fraction >= 0.2`).
bool requires_layout(const Expr& expr) {
  if (expr.kind != Expr::Kind::binary) return false;
  if (expr.op == "and") return std::any_of(expr.args.begin(), expr.args.end(), requires_layout);
  static const std::vector<std::string> kComparisons = {"==", "!=", "<", "<=", ">", ">="};
  if (std::find(kComparisons.begin(), kComparisons.end(), expr.op) == kComparisons.end()) return false;
  // `x == null` tests presence, which holds without the fact.
  for (const Expr& arg : expr.args)
    if (arg.kind == Expr::Kind::literal && arg.literal.is_null()) return false;
  const std::vector<std::string> facts = referenced_facts(expr);
  return std::any_of(facts.begin(), facts.end(),
                     [](const std::string& fact) { return text::starts_with(fact, kLayoutFacts); });
}

// The keys of a rule file's map: each once, each known, every required one there.
using Entries = std::map<std::string, Entry>;

class RuleLoader {
 public:
  // `text` is the file's text, which errors quote; it must outlive the loader.
  RuleLoader(const std::string& text, std::string file, const std::vector<std::string>* known)
      : text_(text), file_(std::move(file)), known_(known) {}

  // The file's YAML as a tree; a syntax error is reported in yaml-cpp's words at its place.
  YamlValue parse() const {
    try {
      return yaml::parse_yaml(text_, yaml::Aliases::expand);
    } catch (const YAML::Exception& error) {
      throw InputError(yaml::yaml_location(file_, text_, error.mark.line, error.mark.column), error.msg);
    }
  }

  Rule load(const YamlValue& root) {
    Entries entries = read_entries(root);
    Rule rule;
    rule.file = file_;
    load_identity(rule, entries);
    load_condition(rule, entries["condition"]);
    rule.message = template_text(entries["message"], "message");
    rule.fix = template_text(entries["fix"], "fix");
    if (entries.count("exceptions")) rule.exceptions = scalar(entries["exceptions"]);

    load_examples(rule, entries["examples"]);
    load_references(rule, entries["references"]);

    if (entries.count("each")) {
      rule.each = scalar(entries["each"]);
      if (!kebab(rule.each)) fail(*entries["each"].value, "'each' must name a collection, e.g. setting");
    }
    if (entries.count("location")) load_location(rule, entries["location"]);
    if (entries.count("fix_conf")) load_fix_conf(rule, entries["fix_conf"]);
    load_fix_without_layout(rule, entries);
    load_source(rule, entries);
    return rule;
  }

  // Where the loaded rule's category is written, for the folder check.
  const SourceLocation& category_where() const { return category_where_; }

 private:
  const std::string& text_;
  std::string file_;
  const std::vector<std::string>* known_;
  SourceLocation category_where_;
  // The first {fix.*} the fix names: sparkfit's layout, which a command may not know.
  std::optional<SourceLocation> layout_fact_at_;

  // A fix naming sparkfit's layout has words for when it is unknown (no cluster, or no executor of
  // sparkfit's fits the nodes), so that no fix reads "unknown executors"; those words cannot name it.
  void load_fix_without_layout(Rule& rule, Entries& entries) {
    const bool needed = layout_fact_at_ && !requires_layout(rule.condition);
    if (!entries.count("fix_without_layout")) {
      if (needed)
        throw InputError(*layout_fact_at_,
                         "the fix names sparkfit's layout (fix.*), which is unknown without the cluster: add "
                         "'fix_without_layout', the fix's words then");
      return;
    }
    const Entry entry = entries["fix_without_layout"];
    if (!layout_fact_at_)
      fail(*entry.key,
           "'fix_without_layout' replaces a fix that names sparkfit's layout (fix.*), but this fix names none");
    if (!needed)
      fail(*entry.key,
           "'fix_without_layout' would never be used: the condition holds only when sparkfit's layout is known");
    rule.fix_without_layout = template_text(entry, "fix_without_layout");
  }

  Entries read_entries(const YamlValue& root) const {
    if (!root.is_map())
      throw InputError(SourceLocation{file_, 1, 1, line_of(text_, 1)},
                       "a rule file holds a map with the keys " + text::join(kRequiredKeys));
    Entries entries;
    for (const Entry& entry : entries_of(root)) {
      const YamlValue& key = *entry.key;
      if (!key.is_scalar()) fail(key, "expected a key name, got " + describe_node(key));
      const std::string& name = key.scalar;
      if (auto found = entries.find(name); found != entries.end())
        fail(key,
             "duplicate key '" + name + "' (first given on line " + std::to_string(found->second.key->line + 1) + ")");
      if (std::find(kRuleKeys.begin(), kRuleKeys.end(), name) == kRuleKeys.end())
        fail(key, "unknown key '" + name + "'" + text::did_you_mean(name, kRuleKeys));
      entries[name] = entry;
    }
    for (const std::string& required : kRequiredKeys)
      if (!entries.count(required))
        throw InputError(SourceLocation{file_, 1, 1, line_of(text_, 1)}, "missing key '" + required + "'");
    return entries;
  }

  // id, name (and the file's name), severity, category, summary and rationale.
  void load_identity(Rule& rule, Entries& entries) {
    const Entry id = entries["id"];
    rule.id = scalar(id);
    rule.where = at(*id.value);
    if (rule.id.size() != 6 || rule.id.compare(0, 2, "SF") != 0 ||
        !std::all_of(rule.id.begin() + 2, rule.id.end(), [](char c) { return c >= '0' && c <= '9'; }))
      fail(*id.value, "rule id '" + rule.id + "' must be SF followed by 4 digits (e.g. SF2003)");

    const Entry name = entries["name"];
    rule.name = scalar(name);
    if (!kebab(rule.name))
      fail(*name.value,
           "rule name '" + rule.name + "' must be kebab-case: lowercase letters and digits joined by single '-'");
    check_file_name(rule, *id.value);

    const Entry severity = entries["severity"];
    std::string severity_text = scalar(severity);
    if (std::find(kSeverities.begin(), kSeverities.end(), severity_text) == kSeverities.end())
      fail(*severity.value, "unknown severity '" + severity_text + "'" +
                                text::did_you_mean(severity_text, kSeverities) +
                                "; expected error, warning, info or style");
    rule.severity = parse_severity(severity_text);

    const Entry category = entries["category"];
    rule.category = scalar(category);
    if (!kebab(rule.category)) fail(*category.value, "category '" + rule.category + "' must be kebab-case");
    category_where_ = at(*category.value);

    rule.summary = scalar(entries["summary"]);
    rule.rationale = scalar(entries["rationale"]);
  }

  void load_condition(Rule& rule, const Entry& condition) {
    rule.condition_text = scalar(condition, false);
    OffsetLocator locate = locator(*condition.value);
    rule.condition = parse_expression(rule.condition_text, locate);
    if (known_) {
      for (const FactRef& ref : fact_references(rule.condition))
        if (!fact_known(ref.name, *known_))
          throw InputError(locate(ref.offset),
                           "unknown fact '" + ref.name + "' in the condition" + text::did_you_mean(ref.name, *known_));
    }
    while (!rule.condition_text.empty() && std::isspace(static_cast<unsigned char>(rule.condition_text.back())))
      rule.condition_text.pop_back();
  }

  // The optional source of the thresholds, which comes with its date.
  void load_source(Rule& rule, Entries& entries) const {
    bool has_source = entries.count("source") > 0, has_as_of = entries.count("as_of") > 0;
    if (has_source) rule.source = scalar(entries["source"]);
    if (has_as_of) rule.as_of = scalar(entries["as_of"]);
    if (has_source != has_as_of) {
      const YamlValue& key = has_source ? *entries["source"].key : *entries["as_of"].key;
      fail(key, has_source ? "'source' needs an 'as_of' date beside it" : "'as_of' needs a 'source' beside it");
    }
  }

  SourceLocation at(const YamlValue& node) const { return yaml::yaml_location(file_, text_, node.line, node.column); }

  [[noreturn]] void fail(const YamlValue& node, const std::string& message) const {
    throw InputError(at(node), message);
  }

  // A value's place, or its key's when the value has none of its own (`key:` with nothing after).
  const YamlValue& place_of(const Entry& entry) const {
    return entry.value->is_null() || entry.value->line < 0 ? *entry.key : *entry.value;
  }

  static bool kebab(const std::string& text) {
    if (text.empty() || text.front() == '-' || text.back() == '-') return false;
    for (std::size_t i = 0; i < text.size(); ++i) {
      char c = text[i];
      bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || (c == '-' && text[i - 1] != '-');
      if (!ok) return false;
    }
    return true;
  }

  // A text value; `trim` drops the newline a block scalar ends with.
  std::string scalar(const Entry& entry, bool trim = true) const {
    const YamlValue& value = *entry.value;
    if (!value.is_scalar())
      fail(place_of(entry), "'" + entry.key->scalar + "' must be text, got " + describe_node(value));
    std::string text = trim ? text::trimmed(value.scalar) : value.scalar;
    if (text::trim(text).empty()) fail(value, "'" + entry.key->scalar + "' must not be empty");
    return text;
  }

  void check_file_name(const Rule& rule, const YamlValue& id) const {
    std::string stem = std::filesystem::path(file_).filename().string();
    std::string expected = rule.id + "-" + rule.name + ".yaml";
    if (stem != expected)
      fail(id, "file name '" + stem + "' does not match the rule's id and name: expected '" + expected + "'");
  }

  // Maps an offset inside a scalar's value to its place in the file: walks the source from the
  // scalar's start, letting a line break in the source stand for the space or newline YAML
  // folds it into. Falls back to the scalar's start when the source does not line up (escapes).
  OffsetLocator locator(const YamlValue& node) const {
    std::vector<std::size_t> map;
    const std::string& value = node.scalar;
    std::size_t pos = static_cast<std::size_t>(std::max(node.pos, 0));
    bool ok = pos < text_.size();
    // After a line break, a block scalar drops its block indentation and keeps deeper
    // indentation; a flow scalar (plain or quoted) drops all leading spaces.
    std::size_t indent = std::string::npos;
    if (ok && (text_[pos] == '"' || text_[pos] == '\'')) {
      ++pos;
    } else if (ok && (text_[pos] == '|' || text_[pos] == '>')) {
      pos = text_.find('\n', pos);
      ok = pos != std::string::npos;
      if (ok) {
        ++pos;
        indent = 0;
        while (pos + indent < text_.size() && text_[pos + indent] == ' ') ++indent;
        pos += indent;
      }
    }
    for (std::size_t k = 0; ok && k < value.size(); ++k) {
      char c = value[k];
      if (pos < text_.size() && text_[pos] == c && c != '\n') {
        map.push_back(pos++);
      } else if ((c == ' ' || c == '\n') && pos < text_.size() && (text_[pos] == '\n' || text_[pos] == '\r')) {
        map.push_back(pos);
        if (text_[pos] == '\r') ++pos;
        ++pos;
        for (std::size_t skipped = 0; pos < text_.size() && text_[pos] == ' ' && skipped < indent; ++skipped) ++pos;
      } else {
        ok = false;
      }
    }
    map.push_back(pos);  // one past the end, for "unexpected end" errors
    const std::string& text = text_;
    const std::string& file = file_;
    SourceLocation fallback = at(node);
    return [map = std::move(map), ok, fallback, &text, &file](std::size_t offset) {
      if (!ok || offset >= map.size()) return fallback;
      std::size_t pos_in_file = map[offset];
      int line = 1;
      std::size_t line_start = 0;
      for (std::size_t i = 0; i < pos_in_file && i < text.size(); ++i)
        if (text[i] == '\n') {
          ++line;
          line_start = i + 1;
        }
      return SourceLocation{file, line, static_cast<int>(pos_in_file - line_start) + 1, line_of(text, line)};
    };
  }

  std::string template_text(const Entry& entry, const std::string& what) {
    std::string raw = scalar(entry, false);
    OffsetLocator locate = locator(*entry.value);
    std::string error;
    std::size_t error_offset = 0;
    std::vector<TemplatePart> parts = split_template(raw, error, error_offset);
    if (!error.empty()) throw InputError(locate(error_offset), error + " in the " + what);
    for (const TemplatePart& part : parts) {
      if (!part.is_placeholder) continue;
      const Placeholder& p = part.placeholder;
      if (!p.filter.empty() && std::find(kFilters.begin(), kFilters.end(), p.filter) == kFilters.end())
        throw InputError(locate(p.filter_offset), "unknown filter '" + p.filter + "' in the " + what +
                                                      text::did_you_mean(p.filter, kFilters) +
                                                      "; the filters are size, mib, usd, percent, seconds and count");
      if (p.filter == "count" && (p.argument.empty() || p.argument.front() == '/' || p.argument.back() == '/'))
        throw InputError(locate(p.filter_offset), "the count filter in the " + what + " names the noun it counts: {" +
                                                      p.fact + "|count:executor}, or {" + p.fact +
                                                      "|count:child/children} for an irregular plural");
      if (p.filter != "count" && p.has_argument)
        throw InputError(locate(p.filter_offset), "the " + p.filter + " filter in the " + what + " takes no argument");
      if (known_ && !fact_known(p.fact, *known_))
        throw InputError(locate(p.offset),
                         "unknown fact '" + p.fact + "' in the " + what + text::did_you_mean(p.fact, *known_));
      const bool layout = text::starts_with(p.fact, kLayoutFacts);
      if (layout && what == "fix_without_layout")
        throw InputError(locate(p.offset),
                         "'fix_without_layout' is the fix when sparkfit's layout is unknown: it "
                         "cannot name '" +
                             p.fact + "'");
      // A fix_conf setting that names a missing fact is left out, so only the fix's words need a second form.
      if (layout && !layout_fact_at_ && what == "fix") layout_fact_at_ = locate(p.offset);
    }
    return text::trimmed(raw);
  }

  void load_examples(Rule& rule, const Entry& entry) {
    const YamlValue& node = *entry.value;
    if (!node.is_map())
      fail(node.line < 0 ? *entry.key : node,
           "'examples' must be a map with 'bad' and 'good', got " + describe_node(node));
    for (const Entry& example : entries_of(node)) {
      const std::string& key = example.key->scalar;
      if (std::find(kExampleKeys.begin(), kExampleKeys.end(), key) == kExampleKeys.end())
        fail(*example.key, "unknown key '" + key + "' in 'examples'" + text::did_you_mean(key, kExampleKeys) +
                               "; expected bad and good");
      (key == "bad" ? rule.example_bad : rule.example_good) = scalar(example);
    }
    if (rule.example_bad.empty()) fail(node, "'examples' needs a 'bad' example");
    if (rule.example_good.empty()) fail(node, "'examples' needs a 'good' example");
  }

  void load_location(Rule& rule, const Entry& entry) {
    const YamlValue& node = *entry.value;
    if (!node.is_sequence() || node.children.empty())
      fail(node.line < 0 ? *entry.key : node,
           "'location' must be a non-empty list of Spark settings, got " + describe_node(node));
    for (const YamlValue& item : node.children) rule.location.push_back(template_text({entry.key, &item}, "location"));
  }

  void load_fix_conf(Rule& rule, const Entry& entry) {
    const YamlValue& node = *entry.value;
    if (!node.is_map() || node.children.empty())
      fail(node.line < 0 ? *entry.key : node,
           "'fix_conf' must be a map of Spark settings to values, got " + describe_node(node));
    for (const Entry& setting : entries_of(node)) {
      std::string key = template_text({entry.key, setting.key}, "fix_conf key");
      std::string value = template_text(setting, "fix_conf value");
      rule.fix_conf.emplace_back(std::move(key), std::move(value));
    }
  }

  void load_references(Rule& rule, const Entry& entry) {
    const YamlValue& node = *entry.value;
    if (!node.is_sequence() || node.children.empty())
      fail(node.line < 0 ? *entry.key : node,
           "'references' must be a non-empty list of {title, url} or {title, source} maps");
    for (const YamlValue& item : node.children) {
      if (!item.is_map())
        fail(item, "a reference must be a map with 'title' and 'url' or 'source', got " + describe_node(item));
      Reference reference;
      for (const Entry& field : entries_of(item)) {
        const std::string& key = field.key->scalar;
        if (std::find(kReferenceKeys.begin(), kReferenceKeys.end(), key) == kReferenceKeys.end())
          fail(*field.key, "unknown key '" + key + "' in a reference" + text::did_you_mean(key, kReferenceKeys) +
                               "; expected title, url or source");
        std::string value = scalar(field);
        if (key == "title")
          reference.title = value;
        else if (key == "url")
          reference.url = value;
        else
          reference.source = value;
      }
      if (reference.title.empty()) fail(item, "a reference needs a 'title'");
      if (reference.url.empty() && reference.source.empty()) fail(item, "a reference needs a 'url' or a 'source'");
      rule.references.push_back(std::move(reference));
    }
  }
};

std::string read_file(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError("cannot read rule file '" + path.string() + "'");
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// A template as a rule page shows it: `{n|count:executor}` reads `{n} executors`, the rest as written.
std::string page_template(const std::string& text) {
  std::string error;
  std::size_t error_offset = 0;
  const std::vector<TemplatePart> parts = split_template(text, error, error_offset);
  if (!error.empty()) return text;
  std::string out;
  for (const TemplatePart& part : parts) {
    if (!part.is_placeholder) {
      for (char c : part.literal) out += c == '{' || c == '}' ? std::string(2, c) : std::string(1, c);
      continue;
    }
    const Placeholder& p = part.placeholder;
    if (p.filter != "count") {
      out += "{" + p.fact + (p.filter.empty() ? "" : "|" + p.filter) + "}";
      continue;
    }
    const std::size_t slash = p.argument.find('/');
    out += "{" + p.fact + "} " + (slash == std::string::npos ? p.argument + "s" : p.argument.substr(slash + 1));
  }
  return out;
}

std::string indent(const std::string& text, const std::string& prefix) {
  std::string out;
  std::size_t start = 0;
  while (start <= text.size()) {
    std::size_t end = text.find('\n', start);
    std::string line = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
    out += line.empty() ? "" : prefix + line;
    out += '\n';
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace

Rule parse_rule(const std::string& yaml_text, const std::string& file_name,
                const std::vector<std::string>* known_facts) {
  RuleLoader loader(yaml_text, file_name, known_facts);
  return loader.load(loader.parse());
}

namespace {

// A rule file as read once: its text, which errors quote, and its YAML.
struct ReadFile {
  std::string text;
  YamlValue root;
};

// load_rules, keeping each file's text and YAML by its path when `read` is given.
std::vector<Rule> load_rules_from(const std::string& dir, const std::vector<std::string>* known_facts,
                                  std::map<std::string, ReadFile>* read) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) throw InputError("rules directory '" + dir + "' does not exist");
  std::vector<fs::path> files;
  for (const auto& entry : fs::recursive_directory_iterator(dir))
    if (entry.is_regular_file() && entry.path().extension() == ".yaml") files.push_back(entry.path());
  std::sort(files.begin(), files.end());

  std::vector<Rule> rules;
  std::map<std::string, std::string> file_of_id;
  std::map<std::string, std::string> id_of_name;
  for (const fs::path& path : files) {
    ReadFile file{read_file(path), {}};
    RuleLoader loader(file.text, path.string(), known_facts);
    file.root = loader.parse();
    Rule rule = loader.load(file.root);
    std::string folder = path.parent_path().filename().string();
    if (path.parent_path() != fs::path(dir) && folder != rule.category)
      throw InputError(loader.category_where(),
                       "category '" + rule.category + "' does not match the folder '" + folder + "'");
    if (auto found = file_of_id.find(rule.id); found != file_of_id.end())
      throw InputError(rule.where, "duplicate rule id '" + rule.id + "' (also in " + found->second + ")");
    if (auto found = id_of_name.find(rule.name); found != id_of_name.end())
      throw InputError(rule.where, "duplicate rule name '" + rule.name + "' (also used by " + found->second + ")");
    file_of_id[rule.id] = rule.file;
    id_of_name[rule.name] = rule.id;
    if (read) read->emplace(rule.file, std::move(file));
    rules.push_back(std::move(rule));
  }
  std::sort(rules.begin(), rules.end(), [](const Rule& a, const Rule& b) { return a.id < b.id; });
  return rules;
}

}  // namespace

std::vector<Rule> load_rules(const std::string& dir, const std::vector<std::string>* known_facts) {
  return load_rules_from(dir, known_facts, nullptr);
}

std::vector<Rule> load_rules(const std::string& dir, FactsFor facts_for) {
  std::map<std::string, ReadFile> read;
  std::vector<Rule> rules = load_rules_from(dir, nullptr, &read);
  for (Rule& rule : rules)
    if (const std::vector<std::string>* known = facts_for(rule)) {
      const ReadFile& file = read.at(rule.file);
      rule = RuleLoader(file.text, rule.file, known).load(file.root);
    }
  return rules;
}

std::string render_template(const std::string& text, const Facts& facts) {
  std::string error;
  std::size_t error_offset = 0;
  std::vector<TemplatePart> parts = split_template(text, error, error_offset);
  if (!error.empty()) return text;  // templates are checked at load; print a broken one as is
  std::string out;
  for (const TemplatePart& part : parts) {
    if (!part.is_placeholder) {
      out += part.literal;
      continue;
    }
    auto it = facts.find(part.placeholder.fact);
    if (it == facts.end() || it->second.is_null()) {
      out += "unknown";
      continue;
    }
    const Value& value = it->second;
    const std::string& filter = part.placeholder.filter;
    if (filter == "size" && value.kind == Value::Kind::number) {
      out += units::format_size(static_cast<std::int64_t>(std::llround(value.number)));
    } else if (filter == "mib" && value.kind == Value::Kind::number) {
      out += format_value(Value::of(std::round(value.number))) + " MiB";
    } else if (filter == "usd" && value.kind == Value::Kind::number) {
      out += units::format_money(value.number);
    } else if (filter == "percent" && value.kind == Value::Kind::number) {
      out += units::format_percent(value.number);
    } else if (filter == "seconds" && value.kind == Value::Kind::number) {
      char buffer[32];
      std::snprintf(buffer, sizeof buffer, value.number < 10 ? "%.2f s" : "%.1f s", value.number);
      out += buffer;
    } else if (filter == "count") {
      // "executor" or "child/children": the singular for exactly one, the plural otherwise.
      const std::string& noun = part.placeholder.argument;
      const std::size_t slash = noun.find('/');
      const bool one = value.kind == Value::Kind::number && value.number == 1;
      std::string word =
          slash == std::string::npos ? noun + (one ? "" : "s") : (one ? noun.substr(0, slash) : noun.substr(slash + 1));
      out += format_value(value) + " " + word;
    } else {
      out += format_value(value);
    }
  }
  return out;
}

std::vector<std::string> template_facts(const std::string& text) {
  std::string error;
  std::size_t error_offset = 0;
  std::vector<std::string> facts;
  for (const TemplatePart& part : split_template(text, error, error_offset))
    if (part.is_placeholder) facts.push_back(part.placeholder.fact);
  return facts;
}

std::string render_rule_page(const Rule& rule) {
  std::string out;
  out += rule.id + " " + rule.name + " (" + std::string(severity_name(rule.severity)) + ")\n";
  out += rule.summary + "\n\n";
  out += "Problem:\n\n" + indent(rule.example_bad, "    ") + "\n";
  out += "Correct:\n\n" + indent(rule.example_good, "    ") + "\n";
  out += "Rationale:\n\n" + rule.rationale + "\n\n";
  out += "Fix:\n\n" + page_template(rule.fix) + "\n\n";
  if (!rule.fix_without_layout.empty())
    out += "Fix without sparkfit's layout:\n\n" + page_template(rule.fix_without_layout) + "\n\n";
  if (!rule.exceptions.empty()) out += "Exceptions:\n\n" + rule.exceptions + "\n\n";
  out += "Condition:\n\n    " + rule.condition_text + "\n\n";
  if (!rule.source.empty()) out += "Thresholds: " + rule.source + " (as of " + rule.as_of + ")\n\n";
  out += "References:\n\n";
  for (const Reference& reference : rule.references)
    out += "  - " + reference.title + ": " + (reference.url.empty() ? reference.source : reference.url) + "\n";
  return out;
}

}  // namespace sparkfit::rules
