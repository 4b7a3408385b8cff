// Which platform each artefact format is for: recommend plans on the platform its format names,
// and refuses a managed platform's format on another platform.
#include <doctest/doctest.h>

#include <string>

#include "sparkfit/output/artefacts.hpp"
#include "sparkfit/platform/planner.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;

TEST_SUITE("output") {
  TEST_CASE("each managed platform has one artefact format, which names it back") {
    for (const platform::Planner& planner : platform::planners()) {
      const std::string_view word = output::native_format(planner.platform);
      INFO(platform::to_string(planner.platform));
      if (!platform::is_managed(planner.platform)) {
        CHECK(word.empty());
        continue;
      }
      const output::ArtefactFormat* artefact = output::artefact_format(word);
      REQUIRE(artefact);
      CHECK(artefact->platform == planner.platform);
    }
  }

  TEST_CASE("the YARN family's artefacts go with the spec's cluster, and the reports are no artefact") {
    for (const char* word : {"spark-submit", "spark-defaults", "emr-json"}) {
      const output::ArtefactFormat* artefact = output::artefact_format(word);
      REQUIRE(artefact);
      CHECK_FALSE(artefact->platform);
    }
    for (const char* word : {"text", "json", "markdown"}) CHECK_FALSE(output::artefact_format(word));
  }

  TEST_CASE("recommend on a managed platform refuses another platform's artefact and names its own") {
    const testing::CommandRun run = testing::run_sparkfit(
        {"recommend", "--platform", "emr-serverless", "--input", "100GB", "--format", "k8s-yaml"});
    CHECK(run.code == 3);
    CHECK(run.err ==
          "sparkfit: error: --format k8s-yaml is not a format of emr-serverless; it writes text, json, "
          "serverless-json\n");
  }
}
