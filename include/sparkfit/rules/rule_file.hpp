// Review rules as data: one YAML file per rule, rules/<category>/<ID>-<name>.yaml.
//
//   id: SF2003                      # SF + 4 digits, never reused
//   name: too-many-executor-cores   # kebab-case; the file is named <id>-<name>.yaml
//   severity: warning               # error | warning | info | style
//   category: executor              # the folder the file sits in
//   summary: one line for `rules list`
//   condition: executor.cores > 5   # rule_expr.hpp
//   message: "executor uses {executor.cores|count:core}; ..."   # {fact}, {fact|size}, {fact|mib}, {fact|usd},
//                                                  # {fact|percent}, {fact|seconds}, {fact|count:noun}
//   rationale: why it matters
//   fix: what to change, also a template
//   fix_without_layout: the fix's words when sparkfit's layout is unknown   (required when the fix
//                       names a {fix.*} fact, unless the condition compares one; refused otherwise;
//                       it names none itself and ends with {command.layout_hint})
//   exceptions: when it is fine to ignore   (optional)
//   examples: {bad: "...", good: "..."}
//   references: [{title: ..., url: ...}, {title: ..., source: ...}]
//   source: where a threshold comes from    (optional; with as_of)
//   as_of: 2024-05-01
//   location: [spark.executor.cores]  # optional: settings (templates) the finding points at,
//                                     # the first one the input sets wins
//   fix_conf: {spark.executor.cores: "{fix.executor_cores}"}   # optional: settings to change
//   each: setting                     # optional: evaluate once per item of a collection
//                                     # the review provides, with the item's facts as item.*
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sparkfit/rules/expr.hpp"
#include "sparkfit/rules/finding.hpp"
#include "sparkfit/util/error.hpp"

namespace sparkfit::rules {

// The family of facts that are sparkfit's own layout for the cluster ({fix.num_executors}): a
// command knows them only with a cluster sparkfit's executors fit, so a fix that names them has a
// second wording (fix_without_layout) for when they are missing.
inline constexpr std::string_view kLayoutFacts = "fix.";

struct Reference {
  std::string title;
  std::string url;     // one of url and source is set
  std::string source;  // a printed or offline source ("docs/domain.md#jvm", a book)
};

struct Rule {
  std::string id;
  std::string name;
  Severity severity = Severity::warning;
  std::string category;
  std::string summary;
  std::string condition_text;
  Expr condition;
  std::string message;  // template
  std::string rationale;
  std::string fix;  // template
  // The fix's template when a {fix.*} fact the fix names is unknown ("" when it needs none).
  std::string fix_without_layout;
  std::string exceptions;
  std::string example_bad;
  std::string example_good;
  std::vector<Reference> references;
  std::string source;  // of the thresholds
  std::string as_of;
  std::string each;                                           // "" or the collection the rule runs over ("setting")
  std::vector<std::string> location;                          // templates naming Spark settings
  std::vector<std::pair<std::string, std::string>> fix_conf;  // key template -> value template
  std::string file;                                           // path of the rule file
  SourceLocation where;                                       // the `id` value, or the file when there is none
};

// Parses one rule file's text. `file_name` is used for messages and the id/name check (its
// stem must be `<id>-<name>`). When `known_facts` is given, the condition and the templates
// may only name those facts; an entry ending in ".*" allows every fact under that prefix
// ("conf.*"). Throws InputError at the exact line and column of the problem.
Rule parse_rule(const std::string& yaml_text, const std::string& file_name,
                const std::vector<std::string>* known_facts = nullptr);

// Loads every *.yaml under `dir` (recursively), checks that each file's category is its
// folder and that no id or name is used twice, and returns the rules sorted by id.
std::vector<Rule> load_rules(const std::string& dir, const std::vector<std::string>* known_facts = nullptr);

// The facts a rule may name, chosen by the rule (by its category, say); null allows any.
using FactsFor = const std::vector<std::string>* (*)(const Rule& rule);
// load_rules without facts, then each rule, in id order, checked against its own facts. Every
// file is read and parsed once: the check reads the YAML the first pass kept. The first problem
// is the one reported, so a file that does not load is reported before a fact another file misnames.
std::vector<Rule> load_rules(const std::string& dir, FactsFor facts_for);

// Fills a message or fix template: `{fact.name}` prints the value (whole numbers without a
// fraction), `{fact|size}` prints bytes with a binary unit (`19 GiB`), `{fact|mib}` prints MiB
// (`19456 MiB`), `{fact|usd}` dollars (`$3.40`), `{fact|percent}` a share as a percentage (`23%`),
// `{fact|seconds}` seconds (`4.25 s`, `61.3 s`), `{fact|count:executor}` the number and its noun
// (`1 executor`, `3 executors`; `{fact|count:child/children}` for an irregular plural); `{{` and
// `}}` are literal braces. A missing fact prints as `unknown`.
std::string render_template(const std::string& text, const Facts& facts);

// The facts a template names, in order (none for a malformed one).
std::vector<std::string> template_facts(const std::string& text);

// The rule's page for `sparkfit rules show`, laid out like shellcheck's wiki pages.
std::string render_rule_page(const Rule& rule);

}  // namespace sparkfit::rules
