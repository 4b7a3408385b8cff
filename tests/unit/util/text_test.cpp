// The text and rounding helpers the writers share: what a table column, a count and a JSON
// figure look like.
#include <doctest/doctest.h>

#include "sparkfit/util/round.hpp"
#include "sparkfit/util/text.hpp"

using namespace sparkfit;

TEST_SUITE("util") {
  TEST_CASE("a count names its word once, with an s unless it is one") {
    CHECK(text::plural(1, "executor") == "1 executor");
    CHECK(text::plural(0, "executor") == "0 executors");
    CHECK(text::plural(8, "executor JVM") == "8 executor JVMs");
  }

  TEST_CASE("table columns pad to their width and keep a longer text whole") {
    CHECK(text::align_left("GC", 6) == "GC    ");
    CHECK(text::align_right("GC", 6) == "    GC");
    CHECK(text::align_left("shuffle write", 6) == "shuffle write");
    CHECK(text::align_right("shuffle write", 6) == "shuffle write");
  }

  TEST_CASE("fixed-point numbers and dollars print as printf does") {
    CHECK(text::fixed(2.25, 1) == "2.2");
    CHECK(text::fixed(3.0, 0) == "3");
    CHECK(text::dollars(1.008) == "$1.0080");
    CHECK(text::trimmed("  r5.xlarge \n") == "r5.xlarge");
  }

  TEST_CASE("JSON figures round to their kind's precision") {
    CHECK(util::round_seconds(754.26) == doctest::Approx(754.3));
    CHECK(util::round_usd(3.141592) == doctest::Approx(3.1416));
    CHECK(util::round_hours(12.34567) == doctest::Approx(12.346));
    CHECK(util::round_ms(1.23449) == doctest::Approx(1.234));
    CHECK(util::round_share(0.123456) == doctest::Approx(0.1235));
    CHECK(util::round_to(2.5, 0) == 3);
  }
}
