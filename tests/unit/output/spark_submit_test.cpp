// The pick's settings as artefacts to paste: spark-submit takes its own flags by key.
#include <doctest/doctest.h>

#include <algorithm>

#include "sparkfit/output/plan.hpp"
#include "sparkfit/units/units.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using testing::shipped_catalog;
using testing::shipped_constants;

namespace {

search::Recommendation small_recommendation() {
  job::JobSpec job;
  job.input.size_bytes = units::parse_data_size("100GB");
  model::JobPlan plan = model::plan_job(job, testing::shipped_constants());
  search::SpaceRequest request;
  request.instances = std::vector<std::string>{"m5.2xlarge"};
  request.nodes = std::vector<int>{4};
  search::Space space = search::space_for(shipped_catalog(), job, request);
  layout::Choices base;
  base.executor_cores = 4;
  std::string why_none;
  return search::recommend(plan, space, base, model::Settings{}, testing::shipped_constants(), job::Objective{}, false,
                           why_none)
      .value();
}

}  // namespace

TEST_SUITE("output") {
  TEST_CASE("spark-submit gives executors, cores and memory as its own flags whatever the settings' order") {
    search::Recommendation r = small_recommendation();
    const std::string in_order = output::spark_submit(r);
    std::reverse(r.settings.begin(), r.settings.end());
    const std::string reversed = output::spark_submit(r);
    for (const std::string& text : {in_order, reversed}) {
      CHECK(text.rfind("spark-submit \\\n  --deploy-mode cluster \\\n  --num-executors ", 0) == 0);
      CHECK(text.find("  --executor-cores 4 \\\n") != std::string::npos);
      CHECK(text.find("--conf spark.executor.instances=") == std::string::npos);
      CHECK(text.find("--conf spark.driver.memory=") == std::string::npos);
      CHECK(text.find("--conf spark.executor.memoryOverhead=") != std::string::npos);
    }
    // The flags keep their place; only the --conf lines follow the settings' order.
    CHECK(in_order.substr(0, in_order.find("--conf")) == reversed.substr(0, reversed.find("--conf")));
  }

  TEST_CASE("spark-defaults.conf writes each setting under its why") {
    search::Recommendation r = small_recommendation();
    const std::string text = output::spark_defaults(r);
    for (const platform::Setting& s : r.settings)
      CHECK(text.find("# " + s.why + "\n" + s.key + " " + s.value + "\n") != std::string::npos);
  }
}
