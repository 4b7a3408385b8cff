// explain's request from the inputs given: the job, the one cluster, the layout.
#include <doctest/doctest.h>

#include "sparkfit/explain/request.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;

TEST_SUITE("explain") {
  TEST_CASE("explain's inputs give the job, the cluster they describe and the layout over it") {
    units::Given given;
    given.add("instance", "m5.4xlarge");
    given.add("nodes", "6");
    given.add("executor-cores", "5");
    given.add("input", "500GB");
    const explain::Request request = explain::request_from(testing::shipped_catalog, given, "text", std::nullopt);
    CHECK(request.has_input);
    REQUIRE(request.cluster);
    CHECK(request.cluster->nodes == 6);
    CHECK(request.choices.executor_cores == 5);
  }

  TEST_CASE("explain without a cluster reads no catalog, and refuses an input that applies to no explain") {
    units::Given given;
    given.add("executor-cores", "4");
    const platform::CatalogSource no_catalog = []() -> const catalog::Catalog& {
      throw std::logic_error("the catalog was read");
    };
    CHECK(!explain::request_from(no_catalog, given, "text", std::nullopt).cluster);
    given.add("deadline", "45m");
    CHECK_THROWS_WITH_AS(explain::request_from(no_catalog, given, "text", std::nullopt),
                         doctest::Contains("--deadline does not apply to explain"), UsageError);
  }
}
