// What review is asked, read from the inputs given, and the severity that fails it.
#include <doctest/doctest.h>

#include "sparkfit/review/request.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using testing::given_of;

namespace {

const std::vector<std::string> kSubmit = {"spark-submit", "--executor-cores", "5", "app.jar"};

}  // namespace

TEST_SUITE("review") {
  TEST_CASE("a review's inputs become its request: the documents, the versions, the cluster and --fail-on") {
    const review::Asked asked = review::asked_of(given_of({{"instance", "r5.4xlarge"},
                                                           {"nodes", "4"},
                                                           {"fail-on", "error"},
                                                           {"spark-version", "3.5.1"},
                                                           {"java-version", "17"}}),
                                                 kSubmit, std::nullopt, {"--instance", "--nodes"});
    CHECK(asked.request.documents.submit_args == kSubmit);
    CHECK(asked.request.cluster.instance == "r5.4xlarge");
    CHECK(asked.request.cluster.nodes == 4);
    CHECK(asked.request.java_version == 17);
    CHECK(asked.fail_on == rules::Severity::error);
    CHECK(!asked.request.has_work);
    CHECK(review::fail_threshold(asked, {}) == rules::Severity::error);
  }

  TEST_CASE("an unknown --fail-on severity is refused with a did-you-mean, and without it the threshold is warning") {
    CHECK_THROWS_WITH_AS(review::asked_of(given_of({{"fail-on", "warn"}}), kSubmit, std::nullopt, {}),
                         doctest::Contains("--fail-on: unknown severity 'warn'"), UsageError);
    const review::Asked asked = review::asked_of(given_of({}), kSubmit, std::nullopt, {});
    CHECK(review::fail_threshold(asked, {}) == rules::Severity::warning);
    review::Config config;
    config.fail_on = rules::Severity::info;
    CHECK(review::fail_threshold(asked, config) == rules::Severity::info);
  }

  TEST_CASE("a --config that does not exist is an error naming the flag") {
    CHECK(testing::error_of([] {
            review::config_of(given_of({{"config", "/nonexistent/sparkfit.yaml"}}), {});
          }).find("--config") != std::string::npos);
  }
}
