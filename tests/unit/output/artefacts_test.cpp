// Which platform each artefact format is for: recommend plans on the platform its format names,
// and refuses a managed platform's format on another platform.
#include <doctest/doctest.h>

#include <string>

#include "sparkfit/output/artefacts.hpp"
#include "sparkfit/platform/planner.hpp"
#include "sparkfit/platform/requests.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;

namespace {

// check_format_on's refusal (a UsageError: exit 3), or "(no error)".
std::string format_refusal(const char* format, platform::Platform chosen) {
  try {
    output::check_format_on(format, chosen);
  } catch (const UsageError& error) {
    return error.what();
  }
  return "(no error)";
}

}  // namespace

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

  TEST_CASE("each platform writes the reports and its own artefacts, and names them when refusing another") {
    using platform::Platform;
    for (const char* word : {"text", "json", "markdown"})
      for (Platform p : {Platform::emr, Platform::yarn, Platform::glue}) CHECK(format_refusal(word, p) == "(no error)");
    CHECK(format_refusal("glue-args", Platform::glue) == "(no error)");
    CHECK(format_refusal("emr-json", Platform::emr) == "(no error)");
    CHECK(format_refusal("spark-submit", Platform::yarn) == "(no error)");
    CHECK(format_refusal("spark-submit", Platform::glue) ==
          "--format spark-submit is not a format of glue; it writes text, json, glue-args");
    CHECK(format_refusal("emr-json", Platform::ec2) ==
          "--format emr-json is not a format of ec2; it writes text, json, markdown, spark-submit, spark-defaults");
    CHECK(format_refusal("k8s-yaml", Platform::emr) ==
          "--format k8s-yaml is not a format of emr; it writes text, json, markdown, spark-submit, spark-defaults, "
          "emr-json");
  }

  TEST_CASE(
      "an artefact format plans on its platform, a YARN-family one on the spec's cluster, a report on the spec's") {
    const job::JobSpec job = testing::job_of("10GB", job::Workload::etl);
    CHECK(output::platform_for_format("glue-args", job) == platform::Platform::glue);
    CHECK(output::platform_for_format("k8s-yaml", job) == platform::Platform::kubernetes);
    CHECK(output::platform_for_format("spark-submit", job) == platform::spec_cluster_platform(job));
    CHECK(output::platform_for_format("text", job) == platform::spec_platform(job));
  }
}
