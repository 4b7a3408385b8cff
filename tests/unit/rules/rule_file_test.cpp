#include <doctest/doctest.h>

#include <filesystem>
#include <string>

#include "sparkfit/rules/evaluate.hpp"
#include "sparkfit/rules/rule_file.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using namespace sparkfit::rules;

namespace {

const std::string kData = testing::kTestData + "/review/";
const std::string kRulesDir = testing::kSourceDir + "/rules";

const std::vector<std::string> kKnownFacts = {"executor.cores",
                                              "executor.memory_mib",
                                              "container.mib",
                                              "fix.executor_cores",
                                              "fix.num_executors",
                                              "fix.executor_memory_mib",
                                              "fix.shuffle_partitions",
                                              "shuffle.bytes_per_partition",
                                              "aqe.enabled",
                                              "conf.*"};

const std::string kValid =
    "id: SF2003\n"
    "name: too-many-cores\n"
    "severity: warning\n"
    "category: executor\n"
    "summary: More than 5 cores per executor.\n"
    "condition: executor.cores > 5\n"
    "message: executor uses {executor.cores} cores\n"
    "rationale: Throughput and GC.\n"
    "fix: use 5 cores or fewer\n"
    "examples:\n"
    "  bad: --executor-cores 15\n"
    "  good: --executor-cores 5\n"
    "references:\n"
    "  - {title: Spark tuning guide, url: \"https://spark.apache.org/docs/latest/tuning.html\"}\n";

// kValid with one line replaced (or a line added when `from` is empty).
std::string with(const std::string& from, const std::string& to) {
  if (from.empty()) return kValid + to;
  std::string text = kValid;
  std::size_t at = text.find(from);
  REQUIRE(at != std::string::npos);
  return text.replace(at, from.size(), to);
}

std::string rule_error(const std::string& text, const std::string& file = "rules/executor/SF2003-too-many-cores.yaml") {
  return testing::error_of([&] { parse_rule(text, file, &kKnownFacts); });
}

std::string load_error(const std::string& dir) {
  return testing::error_of([&] { load_rules(dir); });
}

}  // namespace

TEST_SUITE("rules") {
  TEST_CASE("the rules shipped in rules/ load, sorted by id") {
    // Their facts are checked against the review's and analyze's fact lists in their own suites.
    std::vector<Rule> rules = load_rules(kRulesDir);
    REQUIRE(rules.size() >= 2);
    for (std::size_t i = 1; i < rules.size(); ++i) CHECK(rules[i - 1].id < rules[i].id);
    const Rule* cores = nullptr;
    for (const Rule& rule : rules)
      if (rule.id == "SF2003") cores = &rule;
    REQUIRE(cores);
    CHECK(cores->name == "too-many-executor-cores");
    CHECK(cores->severity == Severity::warning);
    CHECK(cores->category == "executor");
    CHECK(cores->condition_text == "executor.cores > 5");
    CHECK(cores->references.size() >= 2);
    CHECK_FALSE(cores->source.empty());
    CHECK(evaluate(cores->condition, Facts{{"executor.cores", Value::of(15)}}).fires());
    CHECK_FALSE(evaluate(cores->condition, Facts{{"executor.cores", Value::of(5)}}).fires());
  }

  TEST_CASE("a valid rule parses into its fields") {
    Rule rule = parse_rule(kValid, "rules/executor/SF2003-too-many-cores.yaml", &kKnownFacts);
    CHECK(rule.id == "SF2003");
    CHECK(rule.summary == "More than 5 cores per executor.");
    CHECK(rule.example_bad == "--executor-cores 15");
    CHECK(rule.references[0].url == "https://spark.apache.org/docs/latest/tuning.html");
    CHECK(rule.where.line == 1);
    CHECK(rule.where.column == 5);
  }

  TEST_CASE("templates print whole numbers plainly, sizes with binary units and MiB") {
    Facts facts = {{"executor.cores", Value::of(15)},
                   {"shuffle.bytes_per_partition", Value::of(2684354560.0)},
                   {"container.mib", Value::of(19456)},
                   {"factor", Value::of(0.1875)}};
    CHECK(render_template("uses {executor.cores} cores", facts) == "uses 15 cores");
    CHECK(render_template("{shuffle.bytes_per_partition|size} per task", facts) == "2.50 GiB per task");
    CHECK(render_template("{container.mib|mib}", facts) == "19456 MiB");
    CHECK(render_template("{ factor }", facts) == "0.1875");
    CHECK(render_template("{missing} and {{literal}}", facts) == "unknown and {literal}");
  }

  TEST_CASE("the count filter puts the noun after the number, singular for exactly one") {
    const Facts facts = {{"one", Value::of(1)},
                         {"two", Value::of(2)},
                         {"none", Value::of(0)},
                         {"half", Value::of(0.5)},
                         {"list", Value::of("1, 2 or 4")}};
    CHECK(render_template("{one|count:executor} x {one|count:core}", facts) == "1 executor x 1 core");
    CHECK(render_template("{two|count:executor} x {two|count:core}", facts) == "2 executors x 2 cores");
    CHECK(render_template("{none|count:task slot}", facts) == "0 task slots");
    CHECK(render_template("{half|count:core}", facts) == "0.5 cores");
    CHECK(render_template("{one|count:child/children}, {two|count:child/children}", facts) == "1 child, 2 children");
    CHECK(render_template("a worker has {list|count:vCPU}", facts) == "a worker has 1, 2 or 4 vCPUs");
    CHECK(render_template("{missing|count:node}", facts) == "unknown");
    const std::string f = "rules/executor/SF2003-too-many-cores.yaml";
    CHECK(
        rule_error(with("message: executor uses {executor.cores} cores", "message: uses {executor.cores|count}")) ==
        f + ":7:31: error: the count filter in the message names the noun it counts: {executor.cores|count:executor}, "
            "or {executor.cores|count:child/children} for an irregular plural\n"
            "message: uses {executor.cores|count}\n"
            "                              ^");
    CHECK(rule_error(with("message: executor uses {executor.cores} cores", "message: uses {container.mib|mib:MiB}")) ==
          f + ":7:30: error: the mib filter in the message takes no argument\n"
              "message: uses {container.mib|mib:MiB}\n"
              "                             ^");
  }

  TEST_CASE("a fix that names sparkfit's layout has a second wording for when the layout is unknown") {
    const std::string f = "rules/executor/SF2003-too-many-cores.yaml";
    const std::string layout_fix = "fix: use {fix.executor_cores|count:core} x {fix.num_executors}";
    // Without the second wording the loader names the first layout fact of the fix.
    CHECK(rule_error(with("fix: use 5 cores or fewer", layout_fix)) ==
          f + ":9:11: error: the fix names sparkfit's layout (fix.*), which is unknown without the cluster: add "
              "'fix_without_layout', the fix's words then\n"
              "fix: use {fix.executor_cores|count:core} x {fix.num_executors}\n"
              "          ^");
    const std::string both = with("fix: use 5 cores or fewer", layout_fix + "\nfix_without_layout: use 4-5 cores");
    const Rule rule = parse_rule(both, f, &kKnownFacts);
    CHECK(rule.fix_without_layout == "use 4-5 cores");
    // The page shows a count as the fact and its plural noun.
    CHECK(render_rule_page(rule).find("Fix:\n\nuse {fix.executor_cores} cores x {fix.num_executors}\n\n"
                                      "Fix without sparkfit's layout:\n\nuse 4-5 cores\n") != std::string::npos);
    // The second wording cannot name the layout itself, and is refused where nothing needs it.
    CHECK(
        rule_error(with("fix: use 5 cores or fewer", layout_fix + "\nfix_without_layout: use {fix.executor_cores}")) ==
        f + ":10:26: error: 'fix_without_layout' is the fix when sparkfit's layout is unknown: it cannot name "
            "'fix.executor_cores'\n"
            "fix_without_layout: use {fix.executor_cores}\n"
            "                         ^");
    CHECK(rule_error(with("fix: use 5 cores or fewer", "fix: use 5 cores\nfix_without_layout: use 4-5 cores")) ==
          f + ":10:1: error: 'fix_without_layout' replaces a fix that names sparkfit's layout (fix.*), but this fix "
              "names none\n"
              "fix_without_layout: use 4-5 cores\n"
              "^");
    // A condition that compares the layout holds only when it is known: no second wording then.
    const std::string compared =
        with("condition: executor.cores > 5", "condition: executor.cores > 5 and fix.executor_cores < executor.cores");
    const std::string exempt =
        std::string(compared).replace(compared.find("fix: use 5 cores or fewer"), 25, layout_fix);
    CHECK(rule_error(exempt) == "(no error)");
    CHECK(rule_error(exempt + "fix_without_layout: use 4-5 cores\n")
              .rfind(f + ":15:1: error: 'fix_without_layout' would never be used: the condition holds only when "
                         "sparkfit's layout is known",
                     0) == 0);
  }

  TEST_CASE("a finding's fix is the second wording, without the unknown settings, when the layout is unknown") {
    const std::string text =
        with("fix: use 5 cores or fewer",
             "fix: use {fix.executor_cores} cores\n"
             "fix_without_layout: use 4-5 cores; {conf.hint}\n"
             "fix_conf: {spark.executor.cores: \"{fix.executor_cores}\", spark.sql.adaptive.enabled: "
             "\"true\"}");
    const Rule rule = parse_rule(text, "rules/executor/SF2003-too-many-cores.yaml", &kKnownFacts);
    Facts facts = {{"executor.cores", Value::of(15)}, {"conf.hint", Value::of("give the cluster")}};
    CHECK(layout_unknown(rule, facts));
    Finding finding = make_finding(rule, Severity::warning, facts);
    CHECK(finding.fix == "use 4-5 cores; give the cluster");
    CHECK(finding.fix_conf == std::vector<std::pair<std::string, std::string>>{{"spark.sql.adaptive.enabled", "true"}});
    facts["fix.executor_cores"] = Value::of(5);
    CHECK_FALSE(layout_unknown(rule, facts));
    finding = make_finding(rule, Severity::warning, facts);
    CHECK(finding.fix == "use 5 cores");
    CHECK(finding.fix_conf == std::vector<std::pair<std::string, std::string>>{{"spark.executor.cores", "5"},
                                                                               {"spark.sql.adaptive.enabled", "true"}});
  }

  TEST_CASE("a rule page reads like a shellcheck wiki page") {
    Rule rule = parse_rule(with("", "exceptions: Tiny CPU-bound jobs.\n"), "SF2003-too-many-cores.yaml");
    CHECK(render_rule_page(rule) ==
          "SF2003 too-many-cores (warning)\n"
          "More than 5 cores per executor.\n"
          "\n"
          "Problem:\n"
          "\n"
          "    --executor-cores 15\n"
          "\n"
          "Correct:\n"
          "\n"
          "    --executor-cores 5\n"
          "\n"
          "Rationale:\n"
          "\n"
          "Throughput and GC.\n"
          "\n"
          "Fix:\n"
          "\n"
          "use 5 cores or fewer\n"
          "\n"
          "Exceptions:\n"
          "\n"
          "Tiny CPU-bound jobs.\n"
          "\n"
          "Condition:\n"
          "\n"
          "    executor.cores > 5\n"
          "\n"
          "References:\n"
          "\n"
          "  - Spark tuning guide: https://spark.apache.org/docs/latest/tuning.html\n");
  }

  TEST_CASE("rule file errors are located at the offending key or value") {
    const std::string f = "rules/executor/SF2003-too-many-cores.yaml";
    CHECK(rule_error(with("rationale:", "rationle:")) ==
          f + ":8:1: error: unknown key 'rationle' (did you mean 'rationale'?)\n"
              "rationle: Throughput and GC.\n"
              "^");
    CHECK(rule_error(with("severity: warning", "severity: warnig")) ==
          f + ":3:11: error: unknown severity 'warnig' (did you mean 'warning'?); expected error, "
              "warning, info or style\n"
              "severity: warnig\n"
              "          ^");
    CHECK(rule_error(with("id: SF2003", "id: SF203")) ==
          f + ":1:5: error: rule id 'SF203' must be SF followed by 4 digits (e.g. SF2003)\n"
              "id: SF203\n"
              "    ^");
    CHECK(rule_error(with("name: too-many-cores", "name: Too_Many")) ==
          f + ":2:7: error: rule name 'Too_Many' must be kebab-case: lowercase letters and digits "
              "joined by single '-'\n"
              "name: Too_Many\n"
              "      ^");
    CHECK(rule_error(kValid, "rules/executor/SF2004-too-many-cores.yaml") ==
          "rules/executor/SF2004-too-many-cores.yaml:1:5: error: file name "
          "'SF2004-too-many-cores.yaml' does not match the rule's id and name: expected "
          "'SF2003-too-many-cores.yaml'\n"
          "id: SF2003\n"
          "    ^");
    CHECK(rule_error(with("id: SF2003\n", "")) == f + ":1:1: error: missing key 'id'\nname: too-many-cores\n^");
    CHECK(rule_error(with("", "id: SF2004\n")) == f + ":15:1: error: duplicate key 'id' (first given on line 1)\n"
                                                      "id: SF2004\n"
                                                      "^");
    CHECK(rule_error(with("summary: More than 5 cores per executor.", "summary: [a, b]")) ==
          f + ":5:10: error: 'summary' must be text, got a list\n"
              "summary: [a, b]\n"
              "         ^");
    CHECK(rule_error(with("  - {title: Spark tuning guide, url: \"https://spark.apache.org/docs/latest/tuning.html\"}",
                          "  - {title: Spark tuning guide}")) ==
          f + ":14:5: error: a reference needs a 'url' or a 'source'\n"
              "  - {title: Spark tuning guide}\n"
              "    ^");
    CHECK(rule_error(with("  good: --executor-cores 5\n", "")) ==
          f + ":11:3: error: 'examples' needs a 'good' example\n"
              "  bad: --executor-cores 15\n"
              "  ^");
    CHECK(rule_error(with("", "source: EMR guide\n")) == f + ":15:1: error: 'source' needs an 'as_of' date beside it\n"
                                                             "source: EMR guide\n"
                                                             "^");
    CHECK(rule_error("id: [\n").rfind(f + ":2:1: error: ", 0) == 0);
  }

  TEST_CASE("a condition that does not parse is reported at its exact column in the YAML file") {
    const std::string f = "rules/executor/SF2003-too-many-cores.yaml";
    CHECK(rule_error(with("condition: executor.cores > 5", "condition: executor.cores >> 5")) ==
          f + ":6:28: error: expected an expression, got '>'\n"
              "condition: executor.cores >> 5\n"
              "                           ^");
    CHECK(rule_error(with("condition: executor.cores > 5", "condition: \"executor.cores > 5gx\"")) ==
          f + ":6:31: error: unknown size unit 'gx' (expected k, m, g, t or p, optionally followed "
              "by b or ib, e.g. 128m, 1g, 4GiB)\n"
              "condition: \"executor.cores > 5gx\"\n"
              "                              ^");
    CHECK(rule_error(
              with("condition: executor.cores > 5", "condition: >-\n  executor.cores > 5 and\n  not aqe.enabed")) ==
          f + ":8:7: error: unknown fact 'aqe.enabed' in the condition (did you mean 'aqe.enabled'?)\n"
              "  not aqe.enabed\n"
              "      ^");
    CHECK(rule_error(with("condition: executor.cores > 5", "condition: |\n  executor.cores >\n    (5 +)")) ==
          f + ":8:9: error: expected an expression, got ')'\n"
              "    (5 +)\n"
              "        ^");
  }

  TEST_CASE("templates may only name known facts and filters") {
    const std::string f = "rules/executor/SF2003-too-many-cores.yaml";
    CHECK(rule_error(
              with("message: executor uses {executor.cores} cores", "message: executor uses {executor.core} cores")) ==
          f + ":7:25: error: unknown fact 'executor.core' in the message (did you mean "
              "'executor.cores'?)\n"
              "message: executor uses {executor.core} cores\n"
              "                        ^");
    CHECK(rule_error(with("fix: use 5 cores or fewer", "fix: use {container.mib|gib}")) ==
          f + ":9:25: error: unknown filter 'gib' in the fix (did you mean 'mib'?); the filters are "
              "size, mib, usd, percent, seconds and count\n"
              "fix: use {container.mib|gib}\n"
              "                        ^");
    CHECK(rule_error(with("fix: use 5 cores or fewer", "fix: use {fix.executor_cores cores")) ==
          f + ":9:10: error: unterminated '{' (write '{{' for a literal brace) in the fix\n"
              "fix: use {fix.executor_cores cores\n"
              "         ^");
    // conf.* allows every fact under conf.
    CHECK(rule_error(with("condition: executor.cores > 5", "condition: conf.spark_sql_shuffle_partitions == 200")) ==
          "(no error)");
  }

  TEST_CASE("a YAML syntax error in a rule file is yaml-cpp's own message at its place") {
    CHECK(rule_error("id: [\n") ==
          "rules/executor/SF2003-too-many-cores.yaml:2:1: error: end of sequence flow not found");
  }

  TEST_CASE("anchors and aliases in a rule file expand, and an alias of the wrong kind is reported at its anchor") {
    const std::string f = "rules/executor/SF2003-too-many-cores.yaml";
    Rule rule = parse_rule(with("summary: More", "summary: &s More") + "exceptions: *s\n", f, &kKnownFacts);
    CHECK(rule.exceptions == "More than 5 cores per executor.");
    CHECK(rule_error(with("examples:\n", "examples: &e\n") + "exceptions: *e\n") ==
          f + ":10:11: error: 'exceptions' must be text, got a map\n"
              "examples: &e\n"
              "          ^");
    CHECK(rule_error(with("", "exceptions: *nowhere\n")) == f + ":15:13: error: the referenced anchor is not defined\n"
                                                                "exceptions: *nowhere\n"
                                                                "            ^");
  }

  TEST_CASE("rules checked against facts of their own are reported after every file has loaded") {
    const std::filesystem::path dir = testing::scratch_dir("rules-own-facts");
    std::filesystem::create_directories(dir / "executor");
    std::filesystem::create_directories(dir / "memory");
    const std::filesystem::path misnamed = dir / "executor/SF2003-too-many-cores.yaml";
    const std::filesystem::path broken = dir / "memory/SF2101-heap-too-large.yaml";
    testing::write_file(misnamed, with("condition: executor.cores > 5", "condition: executor.corez > 5"));
    testing::write_file(broken, "id: SF2101\n");
    // Only executor rules are held to the list; any other category may name any fact.
    const FactsFor executor_facts = [](const Rule& rule) -> const std::vector<std::string>* {
      return rule.category == "executor" ? &kKnownFacts : nullptr;
    };
    auto error = [&] { return testing::error_of([&] { load_rules(dir.string(), executor_facts); }); };
    CHECK(error() == broken.string() + ":1:1: error: missing key 'name'\nid: SF2101\n^");
    std::string memory_rule = with("id: SF2003\nname: too-many-cores\n", "id: SF2101\nname: heap-too-large\n");
    memory_rule.replace(memory_rule.find("category: executor"), 18, "category: memory");
    testing::write_file(broken, memory_rule);
    CHECK(error() == misnamed.string() +
                         ":6:12: error: unknown fact 'executor.corez' in the condition (did you mean "
                         "'executor.cores'?)\n"
                         "condition: executor.corez > 5\n"
                         "           ^");
    testing::write_file(misnamed, kValid);
    const std::vector<Rule> rules = load_rules(dir.string(), executor_facts);
    REQUIRE(rules.size() == 2);
    CHECK(rules[0].id == "SF2003");
    CHECK(rules[1].category == "memory");
  }

  TEST_CASE("loading a rules folder rejects a duplicate id and a category that is not the folder") {
    CHECK(load_error(kData + "rules-duplicate") ==
          kData +
              "rules-duplicate/memory/SF2003-heap-too-large.yaml:1:5: error: duplicate rule id "
              "'SF2003' (also in " +
              kData +
              "rules-duplicate/executor/SF2003-too-many-cores.yaml)\n"
              "id: SF2003\n"
              "    ^");
    CHECK(load_error(kData + "rules-wrong-category") ==
          kData +
              "rules-wrong-category/memory/SF2101-heap-too-large.yaml:4:11: error: category "
              "'executor' does not match the folder 'memory'\n"
              "category: executor\n"
              "          ^");
    CHECK(load_error(kData + "no-such-dir") == "rules directory '" + kData + "no-such-dir' does not exist");
  }

  TEST_CASE("severities parse by name") {
    CHECK(parse_severity("error") == Severity::error);
    CHECK(parse_severity("style") == Severity::style);
    CHECK(severity_name(Severity::info) == "info");
    CHECK_THROWS_AS(parse_severity("fatal"), InputError);
  }

}  // TEST_SUITE
