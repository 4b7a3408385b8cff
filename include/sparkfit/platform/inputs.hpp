// Every input of every command, with its --help line, and which inputs each planning command takes
// on each platform: the one table behind "honor or refuse" (docs/interface.md#inputs-by-platform).
// An input is named as its flag is, without the dashes ("executor-memory"); the job spec's keys are
// the same names in snake_case. An input the table does not list for a (command, platform) would
// change nothing there, so it is refused.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sparkfit/job/job.hpp"
#include "sparkfit/platform/platform.hpp"
#include "sparkfit/units/given.hpp"

namespace sparkfit::platform {

// The commands whose inputs depend on the platform they plan for.
enum class PlanCommand { explain, predict, recommend };
std::string_view to_string(PlanCommand command);

// Why `input` does not apply to `command` on `platform`, as one sentence that names the input, the
// platform and what to give instead; nullopt when it applies, or when the table does not list the
// input at all (the command's own flags, such as --format). Without a platform (recommend
// --platform all, explain without a cluster), only an input that applies on none is refused.
std::optional<std::string> refusal(std::string_view input, PlanCommand command, std::optional<Platform> platform);

// The groups --help lists the inputs in.
enum class InputGroup { cluster, layout, work, glue, objective, emr_output, review, analyze, catalog_filters };
// The group's caption in --help ("Objective and prices").
std::string_view caption(InputGroup group);

// One input of any command, as --help describes it: `name` is its flag without the dashes, the name
// the engine reads it by (sparkfit/units/given.hpp); a switch takes no value.
struct InputHelp {
  InputGroup group;
  std::string_view name;
  bool is_switch;
  const char* help;
};

// Every input of every command, in --help's order, which is also the order the inputs given are
// checked in.
std::vector<InputHelp> command_inputs();

// Whether the table lists `input` as a planning input; and every planning input, in its order.
bool is_platform_input(std::string_view input);
std::vector<std::string_view> platform_inputs();

// Whether `input` applies to `command` on `platform`.
bool applies(std::string_view input, PlanCommand command, Platform platform);

// The refusal of the first key of the spec's `layout:` section that does not apply to `command`
// on `platform` ("layout.executor_cores in the job spec does not apply to ..."); nullopt when all apply.
std::optional<std::string> spec_layout_refusal(const job::JobSpec& job, PlanCommand command, Platform platform);

// What a planning command was given: the inputs, the --format it writes, and the job with the
// file of its spec (nullopt without one).
struct PlanInputs {
  const units::Given& given;
  std::string_view format;
  const job::JobSpec& job;
  std::optional<std::string> spec_file;
};

// Refuses (UsageError, exit 3) the first input given, in the table's order, that does not apply
// to `command` on `chosen`; then --all-candidates without --format json and --emr-fleets without
// --format emr-json; then the first key of the spec's `layout:` that does not apply. Without a
// platform (recommend --platform all, explain without a cluster) only what applies on no platform
// is refused.
void refuse_inapplicable(const PlanInputs& inputs, PlanCommand command, std::optional<Platform> chosen);

}  // namespace sparkfit::platform
