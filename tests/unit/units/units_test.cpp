#include <doctest/doctest.h>

#include "sparkfit/units/units.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using namespace sparkfit::units;
using sparkfit::testing::error_of;

TEST_SUITE("units") {
  TEST_CASE("sizes are binary as Spark reads them") {
    CHECK(parse_data_size("500GB") == 500 * kGiB);
    CHECK(parse_data_size("500g") == 500 * kGiB);
    CHECK(parse_data_size("500 GiB") == 500 * kGiB);
    CHECK(parse_data_size("4gb") == 4 * kGiB);
    CHECK(parse_data_size("1.5TiB") == kTiB + kTiB / 2);
    CHECK(parse_data_size("352.3MB") == 369413325);  // 352.3 x 2^20, rounded
    CHECK(parse_data_size("2k") == 2048);
  }

  TEST_CASE("a bare number is bytes for data and MiB for memory settings") {
    CHECK(parse_data_size("500000000000") == 500000000000);
    CHECK(parse_data_size("5e11") == 500000000000);
    CHECK(parse_memory_mib("4096") == 4096);
    CHECK(parse_memory_mib("4g") == 4096);
    CHECK(parse_memory_mib("1.5g") == 1536);
    CHECK(parse_memory_mib("19549m") == 19549);
  }

  TEST_CASE("Spark's own reading rejects fractions and reads a bare number in the setting's unit") {
    CHECK(parse_spark_size("4", kMiB) == 4 * kMiB);
    CHECK(parse_spark_size("4g", kMiB) == 4 * kGiB);
    CHECK(parse_spark_size("128mb", 1) == 128 * kMiB);
    CHECK(error_of([] { parse_spark_size("1.5g", kMiB); }) ==
          "invalid value '1.5g': Spark reads sizes as a whole number with an optional suffix b, k, kb, m, mb, g, "
          "gb, t, tb, p or pb (e.g. 4g, 4096m); fractions and KiB-style suffixes are rejected by Spark");
  }

  TEST_CASE("malformed sizes name the accepted forms") {
    CHECK(error_of([] { parse_data_size("4x"); }) ==
          "invalid value '4x': expected a size such as 512m, 4g, 1.5TiB, 500GB (binary: k, m, g, t, p with "
          "optional b, or KiB, MiB, GiB, TiB, PiB)");
    CHECK(error_of([] { parse_data_size("-5GB"); }) == "invalid value '-5GB': a size cannot be negative");
    CHECK(error_of([] { parse_data_size(""); }).find("expected a size") != std::string::npos);
    CHECK(error_of([] { parse_data_size("g"); }).find("expected a size") != std::string::npos);
  }

  TEST_CASE("durations and dollar amounts read with their units, a bare number as seconds or dollars") {
    CHECK(parse_duration_s("90s") == 90);
    CHECK(parse_duration_s("45m") == 2700);
    CHECK(parse_duration_s("2h") == 7200);
    CHECK(parse_duration_s("1h30m") == 5400);
    CHECK(parse_duration_s("120") == 120);
    CHECK(parse_money_usd("$50") == 50);
    CHECK(parse_money_usd("3.40") == doctest::Approx(3.4));
    CHECK(error_of([] { parse_duration_s("soon"); }) ==
          "invalid value 'soon': expected a duration such as 90s, 45m, 2h, 1h30m or a number of seconds");
    CHECK(error_of([] { parse_money_usd("fifty"); }) ==
          "invalid value 'fifty': expected an amount in US dollars such as $50 or 12.5");
  }

  TEST_CASE("node counts accept a number, a range and a list") {
    CHECK(parse_count_set("10", "nodes") == std::vector<int>{10});
    CHECK(parse_count_set("2..5", "nodes") == std::vector<int>{2, 3, 4, 5});
    CHECK(parse_count_set("16,4,8", "nodes") == std::vector<int>{4, 8, 16});
    CHECK(error_of([] { parse_count_set("50..2", "nodes"); }) ==
          "invalid value '50..2': a range goes from low to high, as in 2..50");
    CHECK(error_of([] { parse_count_set("0", "nodes"); }) == "invalid value '0': nodes must be at least 1");
  }

  TEST_CASE("sizes print with their unit") {
    CHECK(format_size(500 * kGiB) == "500 GiB");
    CHECK(format_size(256 * kMiB) == "256 MiB");
    CHECK(format_size(369413325) == "352.3 MiB");
    CHECK(format_spark_memory(19456) == "19g");
    CHECK(format_spark_memory(16088) == "16088m");
    CHECK(format_duration(754) == "12 min 34 s");
    CHECK(format_money(3.4) == "$3.40");
    CHECK(format_money(1234.5) == "$1,234.50");
    CHECK(format_number(0.1875) == "0.1875");
  }
}
