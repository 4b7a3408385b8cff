// The fleet's ranking and totals (eventlog::rank_fleet) and how it finds logs (eventlog::find_logs).
#include "sparkfit/eventlog/fleet.hpp"

#include <doctest/doctest.h>

#include <filesystem>

#include "support/test_support.hpp"

using namespace sparkfit;
using namespace sparkfit::testing;
using eventlog::FleetRow;

namespace {

FleetRow row(const char* path, double wasted_core_hours, std::optional<double> wasted_usd = std::nullopt) {
  FleetRow r;
  r.path = path;
  r.core_hours_held = wasted_core_hours + 1;
  r.core_hours_used = 1;
  r.core_hours_wasted = wasted_core_hours;
  r.wasted_usd = wasted_usd;
  return r;
}

FleetRow failed(const char* path) {
  FleetRow r;
  r.path = path;
  r.error = std::string(path) + ":1: malformed JSON";
  return r;
}

std::vector<std::string> paths_of(const eventlog::Fleet& fleet) {
  std::vector<std::string> paths;
  for (const FleetRow& r : fleet.rows) paths.push_back(r.path);
  return paths;
}

}  // namespace

TEST_SUITE("eventlog") {
  TEST_CASE("a fleet is ranked by core-hours wasted, ties by path, the unread logs last") {
    const eventlog::Fleet fleet =
        eventlog::rank_fleet({failed("z-bad"), row("b", 1), failed("a-bad"), row("c", 3), row("a", 1, 9.0)});
    CHECK(paths_of(fleet) == std::vector<std::string>{"c", "a", "b", "a-bad", "z-bad"});
    CHECK_FALSE(fleet.priced);  // one priced of three: dollars cannot rank them all
    CHECK(fleet.totals.applications == 3);
    CHECK(fleet.totals.failed == 2);
    CHECK(fleet.totals.core_hours_wasted == doctest::Approx(5));
    CHECK(fleet.totals.core_hours_held == doctest::Approx(8));
    CHECK_FALSE(fleet.totals.wasted_usd);
  }

  TEST_CASE("a fleet whose every application is priced is ranked by dollars") {
    // b wastes fewer core-hours but on a dearer cluster.
    const eventlog::Fleet fleet = eventlog::rank_fleet({row("a", 3, 1.0), row("b", 1, 2.0), failed("bad")});
    CHECK(fleet.priced);
    CHECK(paths_of(fleet) == std::vector<std::string>{"b", "a", "bad"});
    REQUIRE(fleet.totals.wasted_usd);
    CHECK(*fleet.totals.wasted_usd == doctest::Approx(3.0));
  }

  TEST_CASE("a fleet's logs are found in sorted order, a rolling-log folder as one log") {
    const std::string rapids = kTestData + "/eventlogs/spark-rapids-tools/spark-events-qualification";
    const eventlog::FoundLogs found = eventlog::find_logs({rapids});
    REQUIRE_FALSE(found.logs.empty());
    CHECK(std::is_sorted(found.logs.begin(), found.logs.end()));
    const std::string rolling = rapids + "/eventlog_v2_local-1623876083964";
    CHECK(std::count(found.logs.begin(), found.logs.end(), rolling) == 1);
    for (const std::string& log : found.logs) CHECK(log.find(rolling + "/") == std::string::npos);
    CHECK(eventlog::is_single_log(rolling));
    CHECK_FALSE(eventlog::is_single_log(rapids));
    // A path given that holds no log is kept, to be a row with its error.
    const std::filesystem::path empty = scratch_dir("fleet-empty-dir");
    CHECK(eventlog::find_logs({empty.string()}).logs == std::vector<std::string>{empty.string()});
  }
}
