// The layout fields every JSON output shares (docs/interface.md#json): written by one writer, in
// one order, with explain's feasibility between the cluster and the executors.
#include <doctest/doctest.h>

#include <algorithm>
#include <initializer_list>
#include <string>
#include <vector>

#include "support/test_support.hpp"

using namespace sparkfit;

namespace {

const std::vector<std::string> kClusterKeys = {"platform", "instance_type", "nodes"};
const std::vector<std::string> kExecutorKeys = {
    "num_executors", "executors_per_node", "executor_cores",      "executor_memory_mib",     "memory_overhead_mib",
    "container_mib", "task_slots",         "idle_cores_per_node", "idle_memory_mib_per_node"};

// The keys of `json` in the order they first appear, of those in `keys`; "" for a missing one.
std::vector<std::string> keys_in_order(const std::string& json, std::vector<std::string> keys) {
  std::sort(keys.begin(), keys.end(), [&](const std::string& a, const std::string& b) {
    return json.find("\"" + a + "\":") < json.find("\"" + b + "\":");
  });
  for (std::string& key : keys)
    if (json.find("\"" + key + "\":") == std::string::npos) key.clear();
  return keys;
}

std::vector<std::string> joined(std::initializer_list<std::vector<std::string>> parts) {
  std::vector<std::string> all;
  for (const std::vector<std::string>& part : parts) all.insert(all.end(), part.begin(), part.end());
  return all;
}

}  // namespace

TEST_SUITE("output") {
  TEST_CASE("predict and explain write the layout fields in one order, explain with its feasibility in between") {
    const std::vector<std::string> feasibility = {"feasible", "infeasible_reason"};
    const std::vector<std::string> explain_own = {"oversubscribed_cores_per_node", "am_container_mib",
                                                  "executors_on_am_node"};
    const testing::CommandRun explain = testing::run_sparkfit(
        {"explain", "--instance", "r5.4xlarge", "--nodes", "10", "--executor-cores", "4", "--format", "json"});
    REQUIRE(explain.code == 0);
    const std::vector<std::string> explain_keys = joined({kClusterKeys, feasibility, kExecutorKeys, explain_own});
    CHECK(keys_in_order(explain.out, explain_keys) == explain_keys);

    const testing::CommandRun predict = testing::run_sparkfit(
        {"predict", "--instance", "r5.4xlarge", "--nodes", "10", "--input", "100GB", "--format", "json"});
    REQUIRE(predict.code == 0);
    const std::vector<std::string> layout_keys = joined({kClusterKeys, kExecutorKeys});
    CHECK(keys_in_order(predict.out, layout_keys) == layout_keys);
  }

  TEST_CASE("an explain whose executors cannot be placed writes no task slots") {
    const testing::CommandRun run = testing::run_sparkfit(
        {"explain", "--instance", "r5.4xlarge", "--nodes", "10", "--executor-memory", "600g", "--format", "json"});
    CHECK(run.out.find("\"feasible\": false") != std::string::npos);
    CHECK(run.out.find("\"task_slots\": 0,") != std::string::npos);
  }
}
