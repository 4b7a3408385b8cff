#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>

#include "sparkfit/review/review.hpp"
#include "sparkfit/util/json_reader.hpp"
#include "sparkfit/util/text.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using namespace sparkfit::testing;
namespace fs = std::filesystem;

namespace {

// The README's SparkApplication on six m5.4xlarge Kubernetes nodes.
const std::vector<std::string> kK8s = {
    "review", "--k8s-app", "examples/review/spark-application.yaml", "--instance", "m5.4xlarge", "--nodes", "6"};

// A SparkApplication written for one test, in its own folder.
fs::path app_dir(const std::string& name, const std::string& spec) {
  fs::path dir = scratch_dir("review-k8s-" + name);
  write_file(dir / "app.yaml", "apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nmetadata:\n  name: " +
                                   name + "\nspec:\n" + spec);
  return dir;
}

const std::vector<std::string> kClassic = {
    "review", "--platform",       "yarn", "--nodes",           "6",   "--node-cores", "16",           "--node-memory",
    "64g",    "--reserve-cores",  "1",    "--reserve-memory",  "1g",  "--",           "spark-submit", "--num-executors",
    "6",      "--executor-cores", "15",   "--executor-memory", "63G", "app.jar"};

std::vector<std::string> with_format(std::vector<std::string> args, const std::string& format) {
  args.insert(args.begin() + 1, {"--format", format});
  return args;
}

std::set<std::string> finding_ids(const std::string& json_text) {
  json::Document doc = json::parse(json_text, "review.json");
  std::set<std::string> ids;
  for (const json::Value& f : at(doc.root, "findings").items) ids.insert(at(f, "id").text);
  return ids;
}

// A rule's words that print "unknown" only because a fact is missing: the word in a finding whose
// rule's own words do not say it (SF1001's unknown keys do). `fixture_fix` ("" for none) is the
// fix the fixture's finding of `id` must have.
void check_words(const std::string& json_text, const std::vector<rules::Rule>& rules, const std::string& id,
                 const std::string& fixture_fix) {
  json::Document doc = json::parse(json_text, "review.json");
  for (const char* list : {"findings", "config_findings"}) {
    const json::Value* findings = doc.root.find(list);
    if (!findings) continue;
    for (const json::Value& f : findings->items) {
      const std::string& rule_id = at(f, "id").text;
      const auto rule = std::find_if(rules.begin(), rules.end(), [&](const rules::Rule& r) { return r.id == rule_id; });
      REQUIRE(rule != rules.end());
      INFO(rule_id << ": " << at(f, "message").text << " / fix: " << at(f, "fix").text);
      const auto says_unknown = [](const std::string& text) { return text.find("unknown") != std::string::npos; };
      if (!says_unknown(rule->message)) CHECK_FALSE(says_unknown(at(f, "message").text));
      if (!says_unknown(rule->fix) && !says_unknown(rule->fix_without_layout))
        CHECK_FALSE(says_unknown(at(f, "fix").text));
      if (const json::Value* conf = f.find("fix_conf"))
        for (const json::Member& setting : conf->members) CHECK_FALSE(says_unknown(setting.value.text));
      if (!fixture_fix.empty() && rule_id == id) CHECK(at(f, "fix").text == fixture_fix);
    }
  }
}

// review in `format` of the SF4011 fires fixture (a spark-defaults.conf and a spark-submit line on
// 4 x m5.4xlarge), run from the fixture's folder.
CommandRun review_of_sf4011(const std::string& format) {
  const fs::path dir = fs::path(kSourceDir) / "tests" / "rules" / "SF4011" / "fires";
  std::vector<std::string> args{"review", "--format", format};
  for (const std::string& arg : read_args(dir / "case.args")) args.push_back(arg);
  return run_sparkfit(args, dir);
}

}  // namespace

TEST_SUITE("review") {
  TEST_CASE("without a cluster the rules that need one are named, but not those the known facts already decide") {
    const std::vector<rules::Rule> rules = review::load_rules(kSourceDir + "/rules");
    review::Input input;
    input.settings =
        spark_conf::parse_spark_submit_args({"spark-submit", "--executor-cores", "1", "--executor-memory", "4g"})
            .settings;
    const review::FactSet facts = review::compute_facts(input);
    CHECK(review::not_checked(rules, facts, input) ==
          std::vector<std::string>{"executor sizing against the nodes (SF2005, SF2008, SF2009, SF2010)",
                                   "tasks against the cluster's slots (SF3002)",
                                   "fit on the nodes and YARN's limits (SF4001, SF4002, SF4004, SF4005, SF4006)",
                                   "cost against sparkfit's layout (SF5001)"});
    input.settings = spark_conf::parse_spark_submit_args({"spark-submit", "--executor-cores", "4"}).settings;
    const std::vector<std::string> four = review::not_checked(rules, review::compute_facts(input), input);
    CHECK(four.front() == "executor sizing against the nodes (SF2008, SF2009, SF2010)");  // SF2005 needs 1 core
    input.cluster = platform::cluster_for_yarn(6, 16, 65536, 1, 1024, 1024);
    CHECK(review::not_checked(rules, review::compute_facts(input), input).empty());
  }

  TEST_CASE("every rule has a firing and a clean fixture, and each behaves") {
    // tests/rules/<ID>/{fires,clean}/case.args: the arguments of `sparkfit review` (or, for a rule
    // measured in event logs, `sparkfit analyze`), one a line, run from the fixture's folder so it
    // can name its input files.
    std::vector<rules::Rule> rules = review::load_rules(kSourceDir + "/rules");
    int checked = 0;
    for (const rules::Rule& rule : rules) {
      // fires/ and clean/ are required; clean-<why>/ and fires-<why>/ add cases (a false positive fixed).
      const fs::path rule_dir = fs::path(kSourceDir) / "tests" / "rules" / rule.id;
      std::vector<std::string> kinds{"fires", "clean"};
      if (fs::exists(rule_dir))
        for (const auto& entry : fs::directory_iterator(rule_dir)) {
          const std::string name = entry.path().filename().string();
          if (name.rfind("fires-", 0) == 0 || name.rfind("clean-", 0) == 0) kinds.push_back(name);
        }
      std::sort(kinds.begin() + 2, kinds.end());
      for (const std::string& kind : kinds) {
        fs::path dir = rule_dir / kind;
        INFO("fixture " << dir.string());
        REQUIRE(fs::exists(dir / "case.args"));
        std::vector<std::string> args{review::runs_in_review(rule) ? "review" : "analyze", "--format", "json"};
        for (const std::string& arg : read_args(dir / "case.args")) args.push_back(arg);
        CommandRun r = run_sparkfit(args, dir);
        INFO(r.err);
        REQUIRE((r.code == 0 || r.code == 1));
        std::set<std::string> ids = finding_ids(r.out);
        CHECK(ids.count(rule.id) == (kind.rfind("fires", 0) == 0 ? 1u : 0u));
        // fix.txt, where a fixture has one: the fix its finding must print.
        std::string fix;
        if (fs::exists(dir / "fix.txt")) fix = text::trimmed(read_file(dir / "fix.txt"));
        check_words(r.out, rules, rule.id, fix);
        ++checked;
      }
    }
    CHECK(checked >= 60);
    // No fixture folder for a rule that does not exist.
    for (const auto& entry : fs::directory_iterator(fs::path(kSourceDir) / "tests" / "rules")) {
      std::string id = entry.path().filename().string();
      CHECK(std::any_of(rules.begin(), rules.end(), [&](const rules::Rule& r) { return r.id == id; }));
    }
  }

  TEST_CASE("the classic 6 x 16-core case: the container does not fit, 15 cores, the AM slot, and the 17 x 5 fix") {
    CommandRun r = run_sparkfit(kClassic);
    CHECK(r.code == 1);
    CHECK(r.err.empty());
    CHECK(
        r.out.rfind(
            "<command line>:1:52: error: executor container of 70963 MiB (heap 64512 MiB + overhead 6451 MiB) does not "
            "fit YARN's largest container of 64512 MiB: YARN rejects it and no executor starts [SF4001]\n"
            "spark-submit --num-executors 6 --executor-cores 15 --executor-memory 63G app.jar\n"
            "                                                   ^\n",
            0) == 0);
    CHECK(
        r.out.find("  fix: size the executors to the node: 17 executors x 5 cores with --executor-memory 19549m (19G "
                   "rounded down to whole GiB) and spark.executor.memoryOverhead=1954m, 3 containers of 21504 MiB per "
                   "node\n  see: sparkfit rules show SF4001\n") != std::string::npos);
    CHECK(r.out.find(
              "warning: executor uses 15 cores; 4-5 keep HDFS/S3 throughput and memory per task healthy [SF2003]") !=
          std::string::npos);
    CHECK(r.out.find(
              "<command line>:1:14: warning: 6 executors fill every node, but the YARN application master (1024 MiB) "
              "needs room on one node too, so only 5 executors start [SF4006]") != std::string::npos);
    CHECK(r.out.find("summary: 1 error, 3 warnings on 6 nodes x 16 cores x 64 GiB (yarn)\n") != std::string::npos);
    CHECK(r.out.find(
              "  sparkfit would use: 17 executors x 5 cores (3 per node, 2 on the AM's node), heap 19549m + overhead "
              "1954m = 21504 MiB per container, 85 task slots") != std::string::npos);
    CHECK(r.out.find("rounded down to whole GiB it is 19G") != std::string::npos);
  }

  TEST_CASE("review JSON has effective_conf with sources and places, and findings with fix_conf") {
    CommandRun r = run_sparkfit(with_format(kClassic, "json"));
    CHECK(r.code == 1);
    json::Document doc = json::parse(r.out, "review.json");
    CHECK(at(doc.root, "schema_version").number == 1);
    CHECK(at(doc.root, "sparkfit_version").is_string());
    const json::Value& memory = at(at(doc.root, "effective_conf"), "spark.executor.memory");
    CHECK(at(memory, "value").text == "63G");
    CHECK(at(memory, "source").text == "flag --executor-memory");
    CHECK(at(at(memory, "location"), "file").text == "<command line>");
    CHECK(at(at(memory, "location"), "column").number == 52);
    const json::Value& findings = at(doc.root, "findings");
    REQUIRE(findings.items.size() == 4);
    const json::Value& first = findings.items[0];
    for (const char* key : {"id", "name", "severity", "message", "why", "fix", "fix_conf", "location"})
      CHECK(first.find(key));
    CHECK(at(first, "id").text == "SF4001");
    CHECK(at(first, "name").text == "container-above-yarn-maximum");
    CHECK(at(first, "severity").text == "error");
    const json::Value& fix = at(first, "fix_conf");
    CHECK(at(fix, "spark.executor.instances").text == "17");
    CHECK(at(fix, "spark.executor.cores").text == "5");
    CHECK(at(fix, "spark.executor.memory").text == "19549m");
    CHECK(at(fix, "spark.executor.memoryOverhead").text == "1954m");
    CHECK(at(at(first, "location"), "line").number == 1);
    const json::Value& recommended = at(doc.root, "recommended");
    CHECK(at(recommended, "num_executors").number == 17);
    CHECK(at(recommended, "executor_memory_mib").number == 19549);
    CHECK(at(at(doc.root, "layout"), "problem").text == "container-above-max-allocation");
  }

  TEST_CASE("review SARIF 2.1.0 has the driver's rules and located results") {
    CommandRun r = review_of_sf4011("sarif");
    CHECK(r.code == 1);
    json::Document doc = json::parse(r.out, "review.sarif");
    CHECK(at(doc.root, "version").text == "2.1.0");
    CHECK(at(doc.root, "$schema").text.find("sarif-2.1.0") != std::string::npos);
    const json::Value& runs = at(doc.root, "runs");
    REQUIRE(runs.items.size() == 1);
    const json::Value& driver = at(at(runs.items[0], "tool"), "driver");
    CHECK(at(driver, "name").text == "sparkfit");
    CHECK(at(driver, "version").is_string());
    const json::Value& rules = at(driver, "rules");
    REQUIRE(rules.items.size() >= 30);
    const json::Value* removed = nullptr;
    for (const json::Value& rule : rules.items) {
      for (const char* key : {"id", "name", "shortDescription", "fullDescription", "help", "defaultConfiguration"})
        CHECK(rule.find(key));
      if (at(rule, "id").text == "SF4011") removed = &rule;
    }
    REQUIRE(removed);
    CHECK(at(at(*removed, "defaultConfiguration"), "level").text == "error");
    const json::Value& results = at(runs.items[0], "results");
    const json::Value* result = nullptr;
    for (const json::Value& item : results.items)
      if (at(item, "ruleId").text == "SF4011") result = &item;
    REQUIRE(result);
    CHECK(at(*result, "level").text == "error");
    CHECK(at(at(*result, "message"), "text").text.find("-XX:+PrintGCDateStamps") != std::string::npos);
    const json::Value& physical = at(at(*result, "locations").items.at(0), "physicalLocation");
    CHECK(at(at(physical, "artifactLocation"), "uri").text == "spark-defaults.conf");
    CHECK(at(at(physical, "region"), "startLine").number == 1);
    CHECK(at(at(physical, "region"), "startColumn").number == 1);
    // ruleIndex points at the rule in the driver's list.
    const json::Value& indexed = rules.items.at(static_cast<std::size_t>(at(*result, "ruleIndex").number));
    CHECK(at(indexed, "id").text == "SF4011");
  }

  // The fields GitLab documents for a Code Quality report (docs.gitlab.com/ci/testing/code_quality,
  // "Code Quality report format"): description, check_name, fingerprint, severity, location.path and
  // location.lines.begin.
  TEST_CASE("review --format gitlab is a Code Quality report with the fields GitLab reads") {
    CommandRun r = review_of_sf4011("gitlab");
    CHECK(r.code == 1);
    json::Document doc = json::parse(r.out, "review.gitlab.json");
    REQUIRE(doc.root.is_array());
    REQUIRE(!doc.root.items.empty());
    std::set<std::string> fingerprints;
    const json::Value* removed = nullptr;
    for (const json::Value& issue : doc.root.items) {
      CHECK(at(issue, "description").is_string());
      CHECK(at(issue, "check_name").text.rfind("SF", 0) == 0);
      const std::string& severity = at(issue, "severity").text;
      CHECK((severity == "info" || severity == "minor" || severity == "major" || severity == "critical"));
      CHECK(at(issue, "fingerprint").text.size() == 16);
      fingerprints.insert(at(issue, "fingerprint").text);
      CHECK(at(at(issue, "location"), "path").text == "spark-defaults.conf");
      CHECK(at(at(at(issue, "location"), "lines"), "begin").number >= 1);
      if (at(issue, "check_name").text == "SF4011") removed = &issue;
    }
    CHECK(fingerprints.size() == doc.root.items.size());  // GitLab shows one issue per fingerprint
    REQUIRE(removed);
    CHECK(at(*removed, "severity").text == "critical");
    CHECK(at(*removed, "description").text.find("-XX:+PrintGCDateStamps") != std::string::npos);
    CHECK(at(*removed, "description").text.find("; fix: ") != std::string::npos);
    CHECK(at(at(at(*removed, "location"), "lines"), "begin").number == 1);
    // The same input, the same fingerprints: GitLab compares them between the branch and its target.
    CHECK(review_of_sf4011("gitlab").out == r.out);
  }

  TEST_CASE("--fail-on decides the exit code, and an unplaceable executor is a finding, not exit 4") {
    CHECK(run_sparkfit(kClassic).code == 1);
    std::vector<std::string> warnings_only = {"review",
                                              "--platform",
                                              "yarn",
                                              "--nodes",
                                              "6",
                                              "--node-cores",
                                              "16",
                                              "--node-memory",
                                              "64g",
                                              "--",
                                              "--num-executors",
                                              "17",
                                              "--executor-cores",
                                              "7",
                                              "--executor-memory",
                                              "19g",
                                              "app.jar"};
    CHECK(run_sparkfit(warnings_only).code == 1);
    std::vector<std::string> fail_on_error = warnings_only;
    fail_on_error.insert(fail_on_error.begin() + 1, {"--fail-on", "error"});
    CHECK(run_sparkfit(fail_on_error).code == 0);
    std::vector<std::string> bad = warnings_only;
    bad.insert(bad.begin() + 1, {"--fail-on", "warnig"});
    CommandRun r = run_sparkfit(bad);
    CHECK(r.code == 3);
    CHECK(r.err ==
          "sparkfit: error: --fail-on: unknown severity 'warnig' (did you mean 'warning'?); expected error, "
          "warning, info or style\n");
  }

  TEST_CASE("inputs that review cannot read, or cannot combine, are bad input or bad usage") {
    CommandRun glue = run_sparkfit({"review", "--glue-job", "job.json"});
    CHECK(glue.code == 2);
    CHECK(glue.err == "sparkfit: error: --glue-job: cannot read 'job.json': No such file or directory\n");
    CommandRun app = run_sparkfit({"review", "--k8s-app", "app.yaml"});
    CHECK(app.code == 2);
    CHECK(app.err == "sparkfit: error: --k8s-app: cannot read 'app.yaml': No such file or directory\n");
    CommandRun nothing = run_sparkfit({"review", "--platform", "yarn"});
    CHECK(nothing.code == 3);
    CommandRun bad_submit = run_sparkfit({"review", "--", "spark-submit", "--executor-cores"});
    CHECK(bad_submit.code == 2);
    CHECK(bad_submit.err ==
          "<command line>:1:14: error: option '--executor-cores' needs a value\n"
          "spark-submit --executor-cores\n"
          "             ^\n");
    CHECK(run_sparkfit({"review", "--format", "spark-submit", "--", "app.jar"}).code == 3);
  }

  TEST_CASE("a SparkApplication on Kubernetes nodes: pods on allocatable resources, the driver pod, Kubernetes words") {
    CommandRun r = run_sparkfit(kK8s);
    CHECK(r.code == 1);
    CHECK(r.err.empty());
    const std::string file = "examples/review/spark-application.yaml";
    // Dynamic allocation switched on through sparkConf on Spark 3.3 gets no shuffle tracking.
    CHECK(r.out.rfind(file + ":21:5: error: dynamic allocation is on without shuffle tracking, and Kubernetes runs no "
                             "external shuffle service: Spark 3.3.2 refuses to start the application [SF4020]\n"
                             "    spark.dynamicAllocation.enabled: \"true\"\n    ^\n",
                      0) == 0);
    CHECK(r.out.find(
              file +
              ":34:16: error: executor pods request 4 cores (spark.executor.cores) but are limited to 1.2 "
              "(spark.kubernetes.executor.limit.cores=1200m): Kubernetes refuses a pod whose CPU limit is below its "
              "request, so no executor starts [SF4021]\n    coreLimit: \"1200m\"\n               ^\n"
              "  why: A container's CPU limit must be at least its request; the API server rejects any other pod "
              "(\"must be less than or equal to cpu limit\").\n"
              "  fix: raise spark.kubernetes.executor.limit.cores (spec.executor.coreLimit) to at least 4, or remove "
              "it\n") != std::string::npos);
    // The driver pod (4g + 0.40 x 4g for a Python application) takes room on one node.
    CHECK(r.out.find(file +
                     ":22:5: warning: 40 executor pods requested, but the nodes hold at most 11 of them (2 per node, "
                     "with the driver pod's 5734 MiB on one): 11 start and the rest stay Pending [SF4022]") !=
          std::string::npos);
    CHECK(r.out.find(file + ":33:12: warning: the busiest node runs 2 executors x 4 cores and leaves 7 of its 15 "
                            "allocatable cores idle [SF2008]") != std::string::npos);
    // A Python application's overhead is held to Spark's 0.40, and SF2007 does not say it twice.
    CHECK(r.out.find(file +
                     ":37:21: warning: executor overhead of 2048 MiB is 0.0714 of the heap, below the kubernetes "
                     "platform's 0.4; Kubernetes kills pods whose off-heap use outgrows it [SF2006]") !=
          std::string::npos);
    CHECK(r.out.find("[SF2007]") == std::string::npos);
    CHECK(r.out.find(
              "summary: 2 errors, 4 warnings on 6 x m5.4xlarge (kubernetes, Spark 3.3.2)\n"
              "  as submitted: 11 executors x 4 cores (2 per node, 1 on the driver's node), heap 28g + overhead 2g = "
              "30720 MiB per pod, 44 task slots; idle per node: 7 cores, 2231 MiB\n"
              "    40 requested, 11 start\n"
              "  sparkfit would use: 17 executors x 5 cores (3 per node, 2 on the driver's node), heap 15159m + "
              "overhead 6063m = 21223 MiB per pod, 85 task slots; idle per node: 0 cores, 2 MiB\n"
              "    spec.executor: {instances: 17, cores: 5, coreLimit: \"5\", memory: \"15159m\", memoryOverhead: "
              "\"6063m\"}\n") != std::string::npos);
    CHECK(r.out.find("    spark.executor.memory=28g  (SparkApplication, " + file + ":36:13)\n") != std::string::npos);
    // Nothing YARN-only is said of Kubernetes.
    for (const char* word :
         {"YARN", "application master", "NodeManager", "maximum-allocation", "AM's", "per container"}) {
      INFO(std::string(word));
      CHECK(r.out.find(word) == std::string::npos);
    }
  }

  TEST_CASE("review JSON of a SparkApplication: the Kubernetes layout, and a fix that also mends the core limit") {
    CommandRun r = run_sparkfit(with_format(kK8s, "json"));
    CHECK(r.code == 1);
    json::Document doc = json::parse(r.out, "review.json");
    const json::Value& layout = at(doc.root, "layout");
    CHECK(at(layout, "platform").text == "kubernetes");
    CHECK(at(layout, "instance_type").text == "m5.4xlarge");
    CHECK(at(layout, "container_mib").number == 30720);
    CHECK(at(layout, "executors_per_node").number == 2);
    const json::Value& conf = at(at(doc.root, "recommended"), "spark_conf");
    CHECK(at(conf, "spark.executor.cores").text == "5");
    CHECK(at(conf, "spark.kubernetes.executor.limit.cores").text == "5");
    CHECK(conf.find("spark.kubernetes.executor.request.cores") == nullptr);  // the application sets no request
    const json::Value& memory = at(at(doc.root, "effective_conf"), "spark.driver.cores");
    CHECK(at(memory, "source").text == "SparkApplication");
    CHECK(finding_ids(r.out) == std::set<std::string>{"SF2006", "SF2008", "SF4020", "SF4021", "SF4022", "SF4026"});
  }

  TEST_CASE("without nodes a SparkApplication is still reviewed as Kubernetes: its pods' limits, its settings") {
    CommandRun r = run_sparkfit({"review", "--format", "json", "--k8s-app", "examples/review/spark-application.yaml"});
    CHECK(r.code == 1);
    // The YARN rule about the shuffle service stays silent; the Kubernetes one speaks.
    CHECK(finding_ids(r.out) == std::set<std::string>{"SF4020", "SF4021", "SF4026"});
    json::Document doc = json::parse(r.out, "review.json");
    CHECK(doc.root.find("layout") == nullptr);
  }

  TEST_CASE("the overhead of Python pods is held to 0.40 of the heap, of JVM pods to Spark's 0.10") {
    const std::string executor = "  executor:\n    instances: 4\n    cores: 4\n    memory: \"16g\"\n";
    std::vector<std::string> nodes = {"--instance", "r5.4xlarge", "--nodes", "4"};
    auto ids = [&](const fs::path& dir) {
      std::vector<std::string> args = {"review", "--format", "json", "--k8s-app", "app.yaml"};
      args.insert(args.end(), nodes.begin(), nodes.end());
      CommandRun r = run_sparkfit(args, dir);
      INFO(r.err);
      return finding_ids(r.out);
    };
    // Python with Spark's own default: 0.40 of 16g.
    CHECK(ids(app_dir("python-default", "  type: Python\n  sparkVersion: \"3.5.1\"\n" + executor)).count("SF2006") ==
          0);
    // Python with the overhead lowered by spec.memoryOverheadFactor: the finding points at the factor.
    fs::path lowered = app_dir(
        "python-factor", "  type: Python\n  sparkVersion: \"3.5.1\"\n  memoryOverheadFactor: \"0.1\"\n" + executor);
    std::vector<std::string> args = {"review", "--k8s-app", "app.yaml"};
    args.insert(args.end(), nodes.begin(), nodes.end());
    CommandRun r = run_sparkfit(args, lowered);
    CHECK(r.out.find("app.yaml:8:25: warning: executor overhead of 1638 MiB is 0.1 of the heap, below the kubernetes "
                     "platform's 0.4; Kubernetes kills pods whose off-heap use outgrows it [SF2006]\n"
                     "  memoryOverheadFactor: \"0.1\"\n") != std::string::npos);
    CHECK(r.out.find("[SF2007]") == std::string::npos);
    // A Scala application keeps 0.10: no finding for the same settings.
    CHECK(ids(app_dir("scala-factor",
                      "  type: Scala\n  sparkVersion: \"3.5.1\"\n  memoryOverheadFactor: \"0.1\"\n" + executor))
              .count("SF2006") == 0);
  }

  TEST_CASE("a SparkApplication's fractional CPU request places pods as Kubernetes does") {
    fs::path dir = app_dir("request",
                           "  type: Scala\n  sparkVersion: \"3.5.1\"\n  driver: {cores: 1, memory: \"2g\"}\n"
                           "  executor:\n    instances: 24\n    cores: 4\n    coreRequest: \"3500m\"\n"
                           "    memory: \"12g\"\n");
    CommandRun r = run_sparkfit(
        {"review", "--format", "json", "--k8s-app", "app.yaml", "--instance", "m5.4xlarge", "--nodes", "6"}, dir);
    CHECK(r.code == 0);
    json::Document doc = json::parse(r.out, "review.json");
    const json::Value& layout = at(doc.root, "layout");
    // 15 whole cores hold four 3.5-core pods (and the driver's core leaves 14, still four).
    CHECK(at(layout, "executors_per_node").number == 4);
    CHECK(at(layout, "num_executors").number == 24);
    // The fix moves the request with the cores.
    CHECK(at(at(at(doc.root, "recommended"), "spark_conf"), "spark.kubernetes.executor.request.cores").text == "5");
  }

  TEST_CASE("--k8s-app is reviewed on its own, on Kubernetes nodes given by --instance and --nodes") {
    const std::string app = "examples/review/spark-application.yaml";
    CommandRun mixed = run_sparkfit({"review", "--k8s-app", app, "--conf-file", "examples/review/spark-defaults.conf"});
    CHECK(mixed.code == 3);
    CHECK(mixed.err ==
          "sparkfit: error: --k8s-app is reviewed on its own: the Spark Operator takes the Spark settings "
          "from the SparkApplication's spec and sparkConf, not from spark-submit, spark-defaults, EMR "
          "configurations or a Glue job\n");
    CHECK(run_sparkfit({"review", "--k8s-app", app, "--", "spark-submit", "app.jar"}).code == 3);
    CHECK(run_sparkfit({"review", "--k8s-app", app, "--glue-job", "examples/review/glue-job.json"}).code == 3);
    CommandRun platform =
        run_sparkfit({"review", "--k8s-app", app, "--platform", "emr", "--instance", "m5.4xlarge", "--nodes", "2"});
    CHECK(platform.code == 3);
    CHECK(platform.err == "sparkfit: error: --k8s-app runs on Kubernetes: drop --platform emr\n");
    CHECK(run_sparkfit(
              {"review", "--k8s-app", app, "--platform", "kubernetes", "--instance", "m5.4xlarge", "--nodes", "2"})
              .code == 1);
    CHECK(run_sparkfit({"review", "--k8s-app", app, "--node-cores", "16"}).code == 3);
    CommandRun no_nodes = run_sparkfit({"review", "--k8s-app", app, "--instance", "m5.4xlarge"});
    CHECK(no_nodes.code == 2);
    CHECK(no_nodes.err ==
          "sparkfit: error: --instance m5.4xlarge needs --nodes N (the Kubernetes nodes the pods run on)\n");
    CommandRun bare = run_sparkfit({"review", "--platform", "kubernetes", "--", "spark-submit", "app.jar"});
    CHECK(bare.code == 3);
    CHECK(bare.err ==
          "sparkfit: error: review --platform kubernetes reviews a Spark Operator SparkApplication: give it "
          "with --k8s-app FILE\n");
    CommandRun typo =
        run_sparkfit({"review", "--k8s-app", "app.yaml"},
                     app_dir("typo", "  type: Scala\n  sparkVersion: \"3.5.1\"\n  executor:\n    instance: 4\n"));
    CHECK(typo.code == 2);
    CHECK(typo.err ==
          "app.yaml:9:5: error: unknown key 'instance' in spec.executor (did you mean 'instances'?)\n"
          "    instance: 4\n"
          "    ^\n");
  }

  TEST_CASE(".sparkfit.yaml ignores rules, overrides severities and sets fail_on, and its errors are located") {
    fs::path dir = scratch_dir("review-config");
    write_file(dir / ".sparkfit.yaml", "fail_on: error\nignored: [SF2003]\noverride: {SF4006: info}\n");
    std::vector<std::string> classic_json = with_format(kClassic, "json");
    CommandRun r = run_sparkfit(classic_json, dir);
    CHECK(r.code == 1);  // SF4001 is still an error
    std::set<std::string> ids = finding_ids(r.out);
    CHECK(ids.count("SF2003") == 0);
    CHECK(ids.count("SF4001") == 1);
    CHECK(r.out.find("\"severity\": \"info\"") != std::string::npos);
    // The command line wins over the file.
    std::vector<std::string> ignore_errors = classic_json;
    ignore_errors.insert(ignore_errors.begin() + 1, {"--fail-on", "error"});
    write_file(dir / ".sparkfit.yaml", "ignored: [SF4001, SF2002]\n");
    CHECK(run_sparkfit(ignore_errors, dir).code == 0);

    write_file(dir / ".sparkfit.yaml", "fail_on: warning\nignored: [SF2033]\n");
    CommandRun bad = run_sparkfit(kClassic, dir);
    CHECK(bad.code == 2);
    CHECK(bad.err ==
          ".sparkfit.yaml:2:11: error: unknown rule 'SF2033' (did you mean 'SF2003'?); 'sparkfit rules list' "
          "shows them\nignored: [SF2033]\n          ^\n");
    write_file(dir / ".sparkfit.yaml", "fail-on: warning\n");
    CHECK(run_sparkfit(kClassic, dir).err ==
          ".sparkfit.yaml:1:1: error: unknown key 'fail-on' (did you mean 'fail_on'?); expected fail_on, ignored, "
          "override or cluster\nfail-on: warning\n^\n");
    write_file(dir / ".sparkfit.yaml", "override: {SF2003: fatal}\n");
    CHECK(run_sparkfit(kClassic, dir).err.rfind(".sparkfit.yaml:1:20: error: unknown severity 'fatal'", 0) == 0);
    fs::remove_all(dir);
  }

  TEST_CASE("settings combine as Spark combines them and each keeps its source") {
    review::Input input;
    input.settings = {
        {"spark.executor.memory",
         "4g",
         "spark-defaults.conf",
         {"d.conf", 1, 1, ""},
         spark_conf::kPrecedenceSparkDefaults},
        {"spark.executor.memory", "8g", "--conf", {"<command line>", 1, 40, ""}, spark_conf::kPrecedenceConf},
        {"spark.executor.memory",
         "6g",
         "flag --executor-memory",
         {"<command line>", 1, 10, ""},
         spark_conf::kPrecedenceFlag},
        {"spark.dynamicAllocation.enabled",
         "false",
         "EMR configurations",
         {"emr.json", 3, 7, ""},
         spark_conf::kPrecedenceEmrConfigurations}};
    input.cluster = emr_cluster("m5.4xlarge", 4);
    review::FactSet facts = review::compute_facts(input);
    const spark_conf::Setting* memory = spark_conf::find_setting(facts.effective, "spark.executor.memory");
    REQUIRE(memory);
    CHECK(memory->value == "6g");
    CHECK(memory->source == "flag --executor-memory");
    const spark_conf::Setting* dynamic = spark_conf::find_setting(facts.effective, "spark.dynamicAllocation.enabled");
    REQUIRE(dynamic);
    CHECK(dynamic->value == "false");  // the user's EMR configuration beats EMR's own default
    const spark_conf::Setting* service = spark_conf::find_setting(facts.effective, "spark.shuffle.service.enabled");
    REQUIRE(service);
    CHECK(service->source == "EMR default (emr-7.1.0)");
    CHECK(facts.facts.at("executor.heap_mib").number == 6144);
    CHECK(facts.facts.at("executor.overhead_mib").number == 1152);  // EMR's 0.1875
    CHECK(facts.facts.at("conf.spark_executor_memory").number == 6.0 * 1024 * 1024 * 1024);
    CHECK(facts.facts.at("conf_set.spark_executor_memory").boolean);
    CHECK(facts.facts.count("conf_set.spark_shuffle_service_enabled") == 0);  // a platform default
    CHECK(facts.facts.at("java.version").number == 17);
    CHECK(facts.facts.at("spark.version_minor").number == 5);
    CHECK(facts.facts.at("dynamic_allocation.enabled").boolean == false);
  }

  TEST_CASE("facts come from the layout engine: the classic case") {
    review::Input input;
    input.settings = spark_conf::parse_spark_submit_args(
                         {"--num-executors", "6", "--executor-cores", "15", "--executor-memory", "63G", "app.jar"})
                         .settings;
    input.cluster = platform::cluster_for_yarn(6, 16, 65536, 1, 1024, 1024);
    review::FactSet facts = review::compute_facts(input);
    const rules::Facts& f = facts.facts;
    CHECK(f.at("container.request_mib").number == 70963);
    CHECK(f.at("node.yarn_max_mib").number == 64512);
    CHECK(f.at("layout.placeable").boolean == false);
    CHECK(f.at("executors.requested").number == 6);
    CHECK(f.at("executors.capacity").number == 5);
    CHECK(f.at("executors.capacity_without_am").number == 6);
    CHECK(f.at("executors.started").number == 0);
    CHECK(f.at("fix.executor_cores").number == 5);
    CHECK(f.at("fix.num_executors").number == 17);
    CHECK(f.at("fix.executor_memory").text == "19549m");
    CHECK(f.at("fix.executor_memory_gib").text == "19G");
    CHECK(f.at("fix.overhead").text == "1954m");
    CHECK(f.at("platform").text == "yarn");
    CHECK(f.count("spark.version") == 0);  // a generic YARN cluster says nothing about versions
  }

  TEST_CASE("off-heap memory is in the container from Spark 3.0 and outside it before (SPARK-28577)") {
    review::Input input;
    input.settings = spark_conf::parse_spark_submit_args(
                         {"--num-executors", "6", "--executor-cores", "5", "--executor-memory", "48g", "--conf",
                          "spark.memory.offHeap.enabled=true", "--conf", "spark.memory.offHeap.size=12g", "app.jar"})
                         .settings;
    input.cluster = platform::cluster_for_yarn(6, 16, 65536, 1, 1024, 1024);
    input.spark_version = "3.5.1";
    const rules::Facts spark3 = review::compute_facts(input).facts;
    CHECK(spark3.at("executor.offheap_mib").number == 12288);
    CHECK(spark3.at("container.request_mib").number == 49152 + 4915 + 12288);
    CHECK(spark3.at("layout.placeable").boolean == false);  // above YARN's 64512 MiB
    input.spark_version = "2.4.8";
    const review::FactSet spark2 = review::compute_facts(input);
    const rules::Facts& f = spark2.facts;
    CHECK(f.at("executor.offheap_mib").number == 0);
    CHECK(f.at("container.request_mib").number == 49152 + 4915);
    CHECK(f.at("layout.placeable").boolean == true);
    CHECK(spark2.layouts.fix_choices.offheap_mib == 0);  // sparkfit's fix sizes the same Spark 2 container
  }

  TEST_CASE("--spark-version and --java-version let version rules speak on a generic YARN cluster") {
    std::vector<std::string> args = {"review",
                                     "--format",
                                     "json",
                                     "--platform",
                                     "yarn",
                                     "--nodes",
                                     "6",
                                     "--node-cores",
                                     "16",
                                     "--node-memory",
                                     "64g",
                                     "--",
                                     "--num-executors",
                                     "17",
                                     "--executor-cores",
                                     "5",
                                     "--executor-memory",
                                     "19g",
                                     "--conf",
                                     "spark.sql.adaptive.enabled=false",
                                     "--conf",
                                     "spark.executor.extraJavaOptions=-XX:+PrintGCDateStamps",
                                     "app.jar"};
    std::set<std::string> unknown_versions = finding_ids(run_sparkfit(args).out);
    CHECK(unknown_versions.count("SF3005") == 0);
    CHECK(unknown_versions.count("SF4011") == 0);
    args.insert(args.begin() + 3, {"--spark-version", "3.5.1", "--java-version", "17"});
    std::set<std::string> known = finding_ids(run_sparkfit(args).out);
    CHECK(known.count("SF3005") == 1);
    CHECK(known.count("SF4011") == 1);
    args[4] = "3.1";
    CHECK(finding_ids(run_sparkfit(args).out).count("SF3005") == 0);  // AQE was off by default before 3.2
    args[4] = "three";
    CommandRun bad = run_sparkfit(args);
    CHECK(bad.code == 2);
    CHECK(bad.err ==
          "sparkfit: error: --spark-version: invalid value 'three': expected a version such as 3.5 or 3.5.1\n");
  }

  TEST_CASE("a bare memory size is 4 MiB with the fix 4g, and a misspelt key gets a did-you-mean") {
    std::vector<std::string> args = {"review", "--format",
                                     "json",   "--platform",
                                     "yarn",   "--nodes",
                                     "6",      "--node-cores",
                                     "16",     "--node-memory",
                                     "64g",    "--",
                                     "--conf", "spark.executor.memory=4",
                                     "--conf", "spark.sql.shuffle.partition=400",
                                     "app.jar"};
    CommandRun r = run_sparkfit(args);
    CHECK(r.code == 1);
    json::Document doc = json::parse(r.out, "review.json");
    bool bare = false, misspelt = false;
    for (const json::Value& f : at(doc.root, "findings").items) {
      if (at(f, "id").text == "SF1002") {
        bare = true;
        CHECK(at(f, "message").text ==
              "spark.executor.memory=4 has no unit, so Spark reads it as 4 MiB; an executor or driver this small "
              "cannot start");
        CHECK(at(at(f, "fix_conf"), "spark.executor.memory").text == "4g");
        CHECK(at(f, "severity").text == "error");
      }
      if (at(f, "id").text == "SF1001") {
        misspelt = true;
        CHECK(at(f, "message").text ==
              "Spark does not know the setting spark.sql.shuffle.partition (did you mean "
              "'spark.sql.shuffle.partitions'?); it is ignored and its default applies");
        CHECK(at(at(f, "fix_conf"), "spark.sql.shuffle.partitions").text == "400");
      }
    }
    CHECK(bare);
    CHECK(misspelt);
  }

  TEST_CASE("a setting Spark cannot read at all, and free-form keys that are never reported") {
    review::Input input;
    input.settings =
        spark_conf::parse_spark_submit_args({"--conf", "spark.executor.cores=4.5", "--conf",
                                             "spark.hadoop.fs.s3a.impl=x", "--conf", "spark.myapp.key=1", "app.jar"})
            .settings;
    review::FactSet facts = review::compute_facts(input);
    std::vector<rules::Rule> rules = review::load_rules(kSourceDir + "/rules");
    std::vector<rules::Finding> findings = review::evaluate(rules, facts, {});
    std::set<std::string> ids;
    for (const rules::Finding& f : findings) ids.insert(f.id);
    CHECK(ids.count("SF1003") == 1);
    CHECK(ids.count("SF1001") == 0);
    REQUIRE(!findings.empty());
    CHECK(findings.front().message ==
          "spark.executor.cores=4.5 is not a valid integer value (expected a whole number); Spark fails when it reads "
          "it");
  }

  TEST_CASE("rules list and show read the rule files, and the README table is generated from them") {
    CommandRun list = run_sparkfit({"rules", "list"});
    CHECK(list.code == 0);
    CHECK(list.out.find("SF2003  warning ") != std::string::npos);
    CommandRun show = run_sparkfit({"rules", "show", "SF2003"});
    CHECK(show.code == 0);
    CHECK(show.out.rfind("SF2003 too-many-executor-cores (warning)\n", 0) == 0);
    CHECK(show.out.find("Problem:\n\n    spark-submit --num-executors 6 --executor-cores 15") != std::string::npos);
    CommandRun unknown = run_sparkfit({"rules", "show", "SF2033"});
    CHECK(unknown.code == 2);
    CHECK(unknown.err ==
          "sparkfit: error: unknown rule 'SF2033' (did you mean 'SF2003'?); 'sparkfit rules list' shows them\n");
    CommandRun json_list = run_sparkfit({"rules", "list", "--format", "json"});
    json::Document doc = json::parse(json_list.out, "rules.json");
    CHECK(at(doc.root, "rules").items.size() >= 30);

    // README.md's rules table is exactly `sparkfit rules list --format markdown`.
    std::string readme = read_file(fs::path(kSourceDir) / "README.md");
    const std::string begin = "<!-- rules-table:begin -->\n", end = "<!-- rules-table:end -->";
    std::size_t from = readme.find(begin), to = readme.find(end);
    REQUIRE(from != std::string::npos);
    REQUIRE(to != std::string::npos);
    CommandRun table = run_sparkfit({"rules", "list", "--format", "markdown"});
    INFO("regenerate with: build/src/sparkfit rules list --format markdown (scripts/rules-table.sh)");
    CHECK(readme.substr(from + begin.size(), to - from - begin.size()) == table.out);
  }

  TEST_CASE("rule files may name settings to point at and settings to fix, as templates of known facts") {
    const std::string rule =
        "id: SF2099\nname: test-rule\nseverity: warning\ncategory: executor\nsummary: s\n"
        "condition: executor.cores > 5\nmessage: m\nrationale: r\nfix: f\n"
        "examples: {bad: b, good: g}\nreferences: [{title: t, source: s}]\n"
        "location: [spark.executor.cores]\nfix_conf: {spark.executor.cores: \"{fix.executor_core}\"}\n";
    CHECK(error_of([&] { rules::parse_rule(rule, "SF2099-test-rule.yaml", &review::fact_names()); }) ==
          "SF2099-test-rule.yaml:13:36: error: unknown fact 'fix.executor_core' in the fix_conf value (did you mean "
          "'fix.executor_cores'?)\n"
          "fix_conf: {spark.executor.cores: \"{fix.executor_core}\"}\n"
          "                                   ^");
  }

  TEST_CASE("a Glue job is reviewed on its own capacity, and the JSON names the worker type and sparkfit's pick") {
    CommandRun r = run_sparkfit({"review", "examples/jobs/marketing-sql-analytics.yaml", "--glue-job",
                                 "examples/review/glue-job.json", "--format", "json"});
    CHECK(r.code == 1);  // the two ignored executor settings are warnings
    CHECK(r.err.empty());
    std::set<std::string> ids = finding_ids(r.out);
    CHECK(ids == std::set<std::string>{"SF4014", "SF5004"});
    CHECK(r.out.find(
              "\"worker_type\": \"G.1X\",\n    \"workers\": 40,\n    \"dpus\": 40,\n    \"glue_version\": \"4.0\"") !=
          std::string::npos);
    CHECK(r.out.find("\"max_needed_executors\": 300") != std::string::npos);
    CHECK(r.out.find("\"recommended\": {\n    \"platform\": \"glue\"") != std::string::npos);
  }

  TEST_CASE("Glue review input errors: unknown worker type or version, mixed inputs") {
    fs::path dir = scratch_dir("glue-review");
    write_file(dir / "type.json",
               "{\"Job\": {\"GlueVersion\": \"4.0\", \"WorkerType\": \"G.3X\", \"NumberOfWorkers\": 5}}");
    write_file(dir / "version.json",
               "{\"Job\": {\"GlueVersion\": \"6.0\", \"WorkerType\": \"G.1X\", \"NumberOfWorkers\": 5}}");
    write_file(dir / "workers.json", "{\"Job\": {\"GlueVersion\": \"4.0\", \"WorkerType\": \"G.1X\"}}");
    CommandRun type = run_sparkfit({"review", "--glue-job", "type.json"}, dir);
    CHECK(type.code == 2);
    CHECK(type.err ==
          "type.json:1:46: error: unknown Glue worker type 'G.3X' (did you mean 'G.1X'?); expected one of Standard, "
          "G.025X, G.1X, G.2X, G.4X, G.8X, G.12X, G.16X, R.1X, R.2X, R.4X, R.8X\n"
          "{\"Job\": {\"GlueVersion\": \"4.0\", \"WorkerType\": \"G.3X\", \"NumberOfWorkers\": 5}}\n"
          "                                             ^\n");
    CommandRun version = run_sparkfit({"review", "--glue-job", "version.json"}, dir);
    CHECK(version.code == 2);
    CHECK(version.err.rfind("version.json:1:25: error: unknown Glue version '6.0'; the catalog has 0.9, 1.0, 2.0", 0) ==
          0);
    CommandRun workers = run_sparkfit({"review", "--glue-job", "workers.json"}, dir);
    CHECK(workers.code == 2);
    CHECK(workers.err.rfind(
              "workers.json:1:46: error: WorkerType G.1X needs NumberOfWorkers, which the job does not give", 0) == 0);
    // One worker is the driver's: no executor is left, which the review says without a job spec.
    write_file(dir / "one.json",
               "{\"Job\": {\"GlueVersion\": \"4.0\", \"WorkerType\": \"G.1X\", \"NumberOfWorkers\": 1}}");
    CommandRun one = run_sparkfit({"review", "--glue-job", "one.json"}, dir);
    CHECK(one.code == 1);
    CHECK(one.out.rfind(
              "one.json:1:73: error: 1 x G.1X cannot run this job: the driver takes one worker, which leaves no "
              "executor; Glue needs at least 2 workers for a Spark job [SF4018]\n",
              0) == 0);
    CHECK(one.out.find("  fix: use a capacity that holds the job: NumberOfWorkers 2 or more") != std::string::npos);
    write_file(dir / "shell.json", "{\"Job\": {\"Command\": {\"Name\": \"pythonshell\"}, \"MaxCapacity\": 0.0625}}");
    CommandRun shell = run_sparkfit({"review", "--glue-job", "shell.json"}, dir);
    CHECK(shell.code == 2);
    CHECK(shell.err.rfind("shell.json:1:30: error: this is a Python shell job (Command pythonshell), not a Spark job",
                          0) == 0);
    // The largest count the reader takes: the pick still searches 2..100 workers plus the job's own.
    write_file(dir / "huge.json",
               "{\"Job\": {\"GlueVersion\": \"4.0\", \"WorkerType\": \"G.1X\", \"NumberOfWorkers\": 100000}}");
    write_file(
        dir / "job.yaml",
        "job:\n  name: agg\n  input: {size: 100GB, files: 800, file_format: parquet}\n  workload: aggregation\n");
    CommandRun huge = run_sparkfit({"review", "job.yaml", "--glue-job", "huge.json", "--format", "json"}, dir);
    CHECK(huge.code == 0);  // SF5003 and SF5004 are info; SF3002 leaves the idle slots to them
    CHECK(finding_ids(huge.out).count("SF5003") == 1);
    CHECK(finding_ids(huge.out).count("SF3002") == 0);
    CHECK(huge.out.find("\"recommended\": {") != std::string::npos);
    CommandRun mixed = run_sparkfit({"review", "--glue-job", "type.json", "--", "spark-submit", "app.jar"}, dir);
    CHECK(mixed.code == 3);
    CHECK(mixed.err.find("--glue-job is reviewed on its own") != std::string::npos);
    fs::remove_all(dir);
  }
}  // TEST_SUITE
