// analyze's request from the inputs given.
#include <doctest/doctest.h>

#include "sparkfit/eventlog/request.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;

TEST_SUITE("eventlog") {
  TEST_CASE("analyze needs an event log, and reads --what-if-executors as a set of counts") {
    units::Given given;
    CHECK_THROWS_AS(eventlog::analyze_request(given, std::nullopt), UsageError);
    given.add("what-if-executors", "4,8");
    given.add("emit-job", "job.yaml");
    const eventlog::AnalyzeRequest request = eventlog::analyze_request(given, "run.zstd");
    CHECK(request.event_log == "run.zstd");
    CHECK(request.options.what_if_executors == std::vector<int>{4, 8});
    CHECK(request.emit_job == "job.yaml");
    units::Given bad;
    bad.add("what-if-executors", "none");
    CHECK(testing::error_of([&] { eventlog::analyze_request(bad, "run.zstd"); }).rfind("--what-if-executors: ", 0) ==
          0);
  }
}
