// The inputs a user gave, by name, and the checks every typed request shares: each error names its flag.
#include <doctest/doctest.h>

#include "sparkfit/units/given.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using testing::error_of;
using testing::given_of;

TEST_SUITE("units") {
  TEST_CASE("the inputs given keep the order they were added in, and a switch is given with no value") {
    const units::Given given = given_of({{"nodes", "4"}, {"auto-scaling", ""}, {"instance", "r5.xlarge"}});
    CHECK(given.names() == std::vector<std::string>{"nodes", "auto-scaling", "instance"});
    CHECK(given.has("auto-scaling"));
    CHECK(given.text("instance") == "r5.xlarge");
    CHECK(!given.has("workers"));
    CHECK(!given.count("workers"));
  }

  TEST_CASE("an error in a converted value names the flag it came from") {
    const units::Given given = given_of({{"min-memory", "lots"}});
    const std::string error =
        error_of([&] { given.convert("min-memory", [](const std::string&) -> int { throw InputError("bad"); }); });
    CHECK(error == "--min-memory: bad");
  }

  TEST_CASE("a count is from 1 to 1,000,000") {
    CHECK(given_of({{"files", "4000"}}).count("files") == 4000);
    CHECK(error_of([] {
            given_of({{"files", "2000000"}}).count("files");
          }) == "--files: invalid value '2000000': at most 1000000");
  }

  TEST_CASE("a size of 0 MiB is refused with the reason given, and a floor of 0 takes it") {
    CHECK(given_of({{"node-memory", "64g"}}).memory("node-memory") == 65536);
    CHECK(error_of([] {
            given_of({{"node-memory", "0"}}).memory("node-memory");
          }) == "--node-memory: '0' is 0 MiB; give a size above 0, such as 512m or 4g");
    CHECK(given_of({{"reserve-memory", "0"}}).memory("reserve-memory", 0, "expected a size, 0 or more") == 0);
  }

  TEST_CASE("a number outside its range and a word outside its two are refused, naming what is accepted") {
    const auto positive = [](double f) { return f > 0; };
    CHECK(given_of({{"price-factor", "1.08"}}).number("price-factor", positive, "a positive factor") ==
          doctest::Approx(1.08));
    CHECK(error_of([&] {
            given_of({{"price-factor", "0"}}).number("price-factor", positive, "a positive factor");
          }) == "--price-factor: invalid value '0': expected a positive factor");
    CHECK(given_of({{"execution-class", "flex"}}).word("execution-class", "standard", "flex") == "flex");
    CHECK(error_of([] {
            given_of({{"execution-class", "fast"}}).word("execution-class", "standard", "flex");
          }) == "--execution-class: expected standard or flex, got 'fast'");
  }
}
