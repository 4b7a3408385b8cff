// The inputs table: every command's input with its --help line, and the refusal of a planning
// input that does not apply, first in the table's order.
#include <doctest/doctest.h>

#include <algorithm>

#include "sparkfit/platform/inputs.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using testing::given_of;

namespace {

bool lists(std::string_view name) {
  const std::vector<platform::InputHelp> inputs = platform::command_inputs();
  return std::any_of(inputs.begin(), inputs.end(), [&](const auto& input) { return input.name == name; });
}

}  // namespace

TEST_SUITE("platform") {
  TEST_CASE("every planning input has its --help line, and inputs of other commands are not planning inputs") {
    for (std::string_view input : platform::platform_inputs()) CHECK_MESSAGE(lists(input), input);
    CHECK(lists("fail-on"));
    CHECK(!platform::is_platform_input("fail-on"));
    CHECK(!platform::is_platform_input("platform"));
    CHECK(!platform::refusal("emr-only", platform::PlanCommand::predict, platform::Platform::glue));
    for (const platform::InputHelp& input : platform::command_inputs()) {
      CHECK(*input.help != '\0');
      CHECK(!platform::caption(input.group).empty());
    }
    CHECK(platform::caption(platform::InputGroup::objective) == "Objective and prices");
  }

  TEST_CASE("the first input given that does not apply is refused, then a switch without its format, then the spec") {
    const job::JobSpec job = testing::job_of("10GB", job::Workload::etl);
    const units::Given both = given_of({{"workers", "4"}, {"all-candidates", ""}});
    CHECK_THROWS_WITH_AS(platform::refuse_inapplicable({both, "text", job, std::nullopt},
                                                       platform::PlanCommand::recommend, platform::Platform::emr),
                         doctest::Contains("--workers does not apply to recommend on emr"), UsageError);
    const units::Given fleets = given_of({{"emr-fleets", ""}});
    CHECK_THROWS_WITH_AS(platform::refuse_inapplicable({fleets, "json", job, std::nullopt},
                                                       platform::PlanCommand::recommend, platform::Platform::emr),
                         doctest::Contains("give it with --format emr-json"), UsageError);
    job::JobSpec with_layout = job;
    with_layout.layout.heap_from_container = job::HeapConvention{};
    CHECK_THROWS_WITH_AS(platform::refuse_inapplicable({given_of({}), "text", with_layout, "job.yaml"},
                                                       platform::PlanCommand::recommend, platform::Platform::glue),
                         doctest::Contains("job.yaml: layout.heap_from_container in the job spec does not apply"),
                         UsageError);
    CHECK_NOTHROW(platform::refuse_inapplicable({given_of({}), "text", with_layout, std::nullopt},
                                                platform::PlanCommand::recommend, platform::Platform::glue));
  }
}
