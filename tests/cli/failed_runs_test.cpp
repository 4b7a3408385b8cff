// Runs that did not finish, as a user meets them: predict refuses a configuration they rule out and
// names the observation, recommend never picks one, and when they rule out everything says so.
#include <doctest/doctest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "support/test_support.hpp"

using namespace sparkfit::testing;
namespace json = sparkfit::json;

namespace {

const std::string kExample = "examples/jobs/failed-runs.yaml";
const std::string kRuledOut = "tests/data/job/failed-runs-rule-out-all.yaml";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::vector<std::string> texts(const json::Value& list) {
  std::vector<std::string> out;
  for (const json::Value& item : list.items) out.push_back(item.text);
  return out;
}

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("predict of a configuration an oom rules out exits 4 naming the observation") {
    CommandRun run =
        run_sparkfit({"predict", kExample, "--platform", "emr", "--instance", "m5.xlarge", "--nodes", "4"});
    CHECK(run.code == 4);
    CHECK(has(run.err, "the observed run at " + kExample + ":16 on 6 x m5.xlarge ran out of memory (oom)"));
  }

  TEST_CASE("predict of a configuration an oom makes risky predicts it, with the risk named in text and JSON") {
    CommandRun text =
        run_sparkfit({"predict", kExample, "--platform", "emr", "--instance", "m5.xlarge", "--nodes", "12"});
    REQUIRE(text.code == 0);
    CHECK(has(text.out, "risks: observed-failure:" + kExample + ":16"));
    CHECK(has(text.out, "    observed-failure: the observed run at " + kExample + ":16 on 6 x m5.xlarge ran out of"));
    CommandRun run = run_sparkfit(
        {"predict", kExample, "--platform", "emr", "--instance", "m5.xlarge", "--nodes", "12", "--format", "json"});
    REQUIRE(run.code == 0);
    json::Document doc = json::parse(run.out, "predict.json");
    const json::Value& predicted = at(doc.root, "predicted");
    CHECK(at(predicted, "feasible").boolean);
    const std::vector<std::string> risks = texts(at(predicted, "risks"));
    CHECK(std::find(risks.begin(), risks.end(), "observed-failure:" + kExample + ":16") != risks.end());
  }

  TEST_CASE("a timed-out run's cluster is predicted no faster than it ran, and marked risky") {
    CommandRun run = run_sparkfit(
        {"predict", kExample, "--platform", "emr", "--instance", "r5.xlarge", "--nodes", "4", "--format", "json"});
    REQUIRE(run.code == 0);
    json::Document doc = json::parse(run.out, "predict.json");
    const json::Value& predicted = at(doc.root, "predicted");
    CHECK(at(predicted, "runtime_s").number >= 7200 * 0.999);
    const std::vector<std::string> risks = texts(at(predicted, "risks"));
    CHECK(std::find(risks.begin(), risks.end(), "observed-failure:" + kExample + ":17") != risks.end());
  }

  TEST_CASE("recommend never picks what a failed run rules out, and counts what it ruled out") {
    CommandRun run = run_sparkfit({"recommend", kExample, "--platform", "emr", "--format", "json"});
    REQUIRE(run.code == 0);
    json::Document doc = json::parse(run.out, "recommend.json");
    const json::Value& reasons = at(doc.root, "infeasible_reasons");
    CHECK(at(reasons, "observed-failure").number > 0);
    CommandRun text = run_sparkfit({"recommend", kExample, "--platform", "emr"});
    REQUIRE(text.code == 0);
    CHECK(has(text.out, "a run in the observations that did not finish rules it out (" + kExample + ":16 oom: "));
    CHECK(has(text.out, "observation at line 16 did not finish (oom) on 6 x m5.xlarge: configurations with at most"));
  }

  TEST_CASE("recommend exits 4 when the failed runs rule out every candidate, naming them") {
    CommandRun run = run_sparkfit({"recommend", kRuledOut, "--platform", "ec2"});
    CHECK(run.code == 4);
    CHECK(has(run.err, "none of the "));
    CHECK(has(run.err, "a run in the observations that did not finish rules it out (" + kRuledOut + ":9 disk-full: "));
    CHECK(has(run.err, "; " + kRuledOut + ":10 disk-full: "));
  }

  TEST_CASE("within the model's margin the pick keeps away from what a failed run makes risky") {
    // 4-core executors on m5.xlarge give each task what the out-of-memory run's did (more in all on
    // more nodes: risky); 3 cores give each task a third more and idle a vCPU, which review accepts
    // as sparkfit's own layout.
    CommandRun run = run_sparkfit({"recommend", kExample, "--platform", "emr", "--format", "json"});
    REQUIRE(run.code == 0);
    json::Document doc = json::parse(run.out, "recommend.json");
    const json::Value& pick = at(doc.root, "recommended");
    CHECK(at(pick, "executor_cores").number == 3);
    const std::vector<std::string> risks = texts(at(pick, "risks"));
    CHECK(std::none_of(risks.begin(), risks.end(),
                       [](const std::string& r) { return r.rfind("observed-failure", 0) == 0; }));
    CommandRun forced =
        run_sparkfit({"recommend", kExample, "--platform", "emr", "--executor-cores", "4", "--format", "json"});
    REQUIRE(forced.code == 0);
    json::Document risky = json::parse(forced.out, "recommend.json");
    const std::vector<std::string> forced_risks = texts(at(at(risky.root, "recommended"), "risks"));
    CHECK(std::any_of(forced_risks.begin(), forced_risks.end(),
                      [](const std::string& r) { return r.rfind("observed-failure", 0) == 0; }));
  }

  TEST_CASE("review of a cluster a failed run rules out says so, naming the observation") {
    CommandRun submit =
        run_sparkfit({"recommend", kExample, "--platform", "emr", "--executor-cores", "4", "--format", "spark-submit"});
    REQUIRE(submit.code == 0);
    const std::string file = scratch_path("failed-runs-submit.sh").string();
    write_file(file, submit.out);
    CommandRun run = run_sparkfit(
        {"review", kExample, "--submit-file", file, "--platform", "emr", "--instance", "m5.xlarge", "--nodes", "4"});
    CHECK((run.code == 0 || run.code == 1));
    CHECK(has(run.out, "predicted: cannot run: the observed run at " + kExample + ":16 on 6 x m5.xlarge ran out of"));
  }
}
