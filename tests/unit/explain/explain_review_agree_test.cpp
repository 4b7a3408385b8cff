#include <doctest/doctest.h>

#include <regex>
#include <set>
#include <string>
#include <vector>

#include "sparkfit/review/review.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using namespace sparkfit::testing;

namespace {

// The SF ids a command's JSON output names (explain's notes, review's findings).
std::set<std::string> rule_ids(const CommandRun& run) {
  static const std::regex kId("\"id\": \"(SF[0-9]{4})\"");
  std::set<std::string> ids;
  for (std::sregex_iterator it(run.out.begin(), run.out.end(), kId), end; it != end; ++it) ids.insert((*it)[1].str());
  return ids;
}

// Rules that judge the model's prediction or sparkfit's fix: review runs the model over a job
// spec, explain does not, so only review can fire them. A `not (...)` guard on a model fact (SF3002
// deferring to SF5001's cheaper layout) is true without the model, so it does not count.
bool reads_the_model(const rules::Rule& rule) {
  static const std::regex kGuard("not \\([^()]*\\)");
  const std::string condition = std::regex_replace(rule.condition_text, kGuard, "");
  for (const char* prefix : {"predicted.", "fix.", "task.working_set_bytes"})
    if (condition.find(prefix) != std::string::npos) return true;
  return false;
}

std::set<std::string> without_model_rules(std::set<std::string> ids) {
  static const std::vector<rules::Rule> rules = review::load_rules(kSourceDir + "/rules");
  for (const rules::Rule& rule : rules)
    if (reads_the_model(rule)) ids.erase(rule.id);
  return ids;
}

struct SameConfiguration {
  const char* what;
  std::vector<std::string> cluster;  // the job spec and cluster flags both commands take
  std::vector<std::string> layout;   // explain's layout flags
  std::vector<std::string> submit;   // the same layout as the spark-submit line review reads
};

std::vector<std::string> joined(std::vector<std::string> head, const std::vector<std::string>& tail) {
  head.insert(head.end(), tail.begin(), tail.end());
  return head;
}

}  // namespace

TEST_SUITE("explain") {
  TEST_CASE("explain and review name the same rules for one configuration") {
    // Dynamic allocation, which EMR turns on, is off: explain sizes a fixed executor count.
    const std::vector<SameConfiguration> cases = {
        {"the README's classic layout that does not fit",
         {"--platform", "yarn", "--nodes", "6", "--node-cores", "16", "--node-memory", "64g"},
         {"--num-executors", "6", "--executor-cores", "15", "--executor-memory", "63G"},
         {"--num-executors", "6", "--executor-cores", "15", "--executor-memory", "63G", "app.jar"}},
        {"the README's nightly orders on r5.4xlarge, as explain lays it out",
         {"examples/jobs/nightly-orders.yaml", "--instance", "r5.4xlarge", "--nodes", "10"},
         {},
         // EMR keeps no core back, so its 16 vCPUs hold 4 x 4 cores (the AM's node 3).
         {"--conf", "spark.dynamicAllocation.enabled=false", "--num-executors", "39", "--executor-cores", "4",
          "--executor-memory", "25870m", "app.py"}},
        {"more executors than six m5.4xlarge hold",
         {"--instance", "m5.4xlarge", "--nodes", "6"},
         {"--executor-cores", "5", "--executor-memory", "16g", "--num-executors", "17"},
         {"--conf", "spark.dynamicAllocation.enabled=false", "--num-executors", "17", "--executor-cores", "5",
          "--executor-memory", "16g", "app.jar"}},
        {"single-core executors",
         {"--instance", "m5.4xlarge", "--nodes", "3"},
         {"--executor-cores", "1", "--executor-memory", "2g", "--num-executors", "40"},
         {"--conf", "spark.dynamicAllocation.enabled=false", "--num-executors", "40", "--executor-cores", "1",
          "--executor-memory", "2g", "app.jar"}},
        {"fat executors and fewer shuffle partitions than slots",
         {"--instance", "r5.4xlarge", "--nodes", "10"},
         {"--executor-cores", "8", "--executor-memory", "40g", "--num-executors", "10", "--shuffle-partitions", "50"},
         {"--conf", "spark.dynamicAllocation.enabled=false", "--conf", "spark.sql.shuffle.partitions=50",
          "--num-executors", "10", "--executor-cores", "8", "--executor-memory", "40g", "app.jar"}},
    };
    for (const SameConfiguration& c : cases) {
      CAPTURE(c.what);
      const CommandRun explained =
          run_sparkfit(joined(joined(joined({"explain"}, c.cluster), c.layout), {"--format", "json"}));
      REQUIRE(explained.code == 0);
      const CommandRun reviewed = run_sparkfit(
          joined(joined(joined({"review"}, c.cluster), {"--format", "json", "--", "spark-submit"}), c.submit));
      const std::set<std::string> explain_ids = rule_ids(explained);
      CHECK(!explain_ids.empty());
      CHECK(explain_ids == without_model_rules(rule_ids(reviewed)));
    }
  }
}
