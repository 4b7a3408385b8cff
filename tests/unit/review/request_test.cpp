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

  TEST_CASE("the settings file's cluster is the review's cluster when the command line names none") {
    const review::Config config = review::parse_config(
        "fail_on: error\ncluster: {platform: emr, instance: r5.4xlarge, nodes: 10, emr_release: emr-7.1.0,\n"
        "          spark_version: 3.5.1}\n",
        ".sparkfit.yaml", {});
    REQUIRE(config.cluster.size() == 5);
    CHECK(config.cluster[3].name == "emr-release");
    CHECK(config.cluster[3].where.line == 2);
    CHECK(config.cluster[3].where.column == 72);
    const review::Asked asked = review::asked_of(given_of({}), kSubmit, std::nullopt, {}, config);
    CHECK(asked.request.cluster.instance == "r5.4xlarge");
    CHECK(asked.request.cluster.nodes == 10);
    CHECK(asked.request.cluster.emr_release == "emr-7.1.0");
    CHECK(asked.request.spark_version == "3.5.1");
    // A cluster on the command line replaces the file's whole: no instance from one, nodes from the other.
    const review::Asked own = review::asked_of(given_of({{"instance", "m5.xlarge"}, {"spark-version", "3.4.1"}}),
                                               kSubmit, std::nullopt, {"--instance"}, config);
    CHECK(own.request.cluster.instance == "m5.xlarge");
    CHECK(!own.request.cluster.nodes);
    CHECK(own.request.spark_version == "3.4.1");
    // A Glue job's workers are its cluster.
    const review::Asked glue =
        review::asked_of(given_of({{"glue-job", "job.json"}}), std::nullopt, std::nullopt, {}, config);
    CHECK(!glue.request.cluster.instance);
    // A SparkApplication's nodes come from the file; EMR's release does not describe them.
    const review::Asked pods =
        review::asked_of(given_of({{"k8s-app", "app.yaml"}}), std::nullopt, std::nullopt, {}, config);
    CHECK(pods.request.cluster.instance == "r5.4xlarge");
    CHECK(!pods.request.cluster.emr_release);
  }

  TEST_CASE("a bad cluster value in the settings file is reported at its place in the file") {
    const review::Config config =
        review::parse_config("cluster:\n  instance: r5.4xlarge\n  nodes: ten\n", ".sparkfit.yaml", {});
    const std::string error =
        testing::error_of([&] { review::asked_of(given_of({}), kSubmit, std::nullopt, {}, config); });
    CHECK(error.find(".sparkfit.yaml:3:10: error: cluster.nodes (as --nodes): invalid value 'ten'") == 0);
    CHECK(testing::error_of([] {
            review::parse_config("cluster: {instanse: r5.4xlarge}\n", ".sparkfit.yaml", {});
          }).find(".sparkfit.yaml:1:11: error: unknown cluster input 'instanse' (did you mean 'instance'?)") == 0);
    CHECK(testing::error_of([] {
            review::parse_config("cluster: {region: us-west-2}\n", ".sparkfit.yaml", {});
          }).find("unknown cluster input 'region'") != std::string::npos);
    CHECK(testing::error_of([] {
            review::parse_config("cluster: r5.4xlarge\n", ".sparkfit.yaml", {});
          }).find("'cluster' must map cluster inputs to values") != std::string::npos);
    CHECK(testing::error_of([] {
            review::parse_config("cluster: {nodes: }\n", ".sparkfit.yaml", {});
          }).find("'cluster.nodes' needs a value, as --nodes does") != std::string::npos);
  }
}
