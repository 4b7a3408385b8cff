#include <doctest/doctest.h>

#include "sparkfit/output/plan.hpp"

using namespace sparkfit;

TEST_SUITE("output") {
  TEST_CASE("an alternative's difference from the pick reads the right way round") {
    // A cheaper alternative (it lost on the deadline or the 3-5 core preference) costs less, not "-$0.02 more".
    CHECK(output::alternative_difference(-0.02, true) == "costs $0.02 less");
    CHECK(output::alternative_difference(0.16, true) == "costs $0.16 more");
    CHECK(output::alternative_difference(0.0037, true) == "costs $0.0037 more");
    CHECK(output::alternative_difference(0, true) == "the same cost");
    CHECK(output::alternative_difference(120, false) == "2 min 00 s slower");
    CHECK(output::alternative_difference(-30, false) == "30 s faster");
    CHECK(output::alternative_difference(0.2, false) == "the same runtime");
  }
}
