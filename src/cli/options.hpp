// The flags of every command (docs/interface.md#commands-and-flags), parsed as strings by
// Boost.ProgramOptions against the command table's option groups; the engine converts them
// (sparkfit/units/given.hpp).
#pragma once

#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "sparkfit/platform/inputs.hpp"
#include "sparkfit/units/given.hpp"
#include "sparkfit/util/file.hpp"

namespace sparkfit::cli {

namespace po = boost::program_options;

struct Flags {
  // Every flag of the inputs table given, by name (the engine reads its inputs from these).
  units::Given given;
  // output
  std::string format = "text";
  std::optional<std::string> output;
  std::optional<std::string> report;  // --report FILE.html
  bool help = false;
  std::vector<std::string> positional;
  std::vector<std::string> args;  // as given, for reports
  // review: `--` was given; what follows is a spark-submit command line
  bool has_submit_args = false;
  std::vector<std::string> submit_args;

  // What a planning command was given, for platform::refuse_inapplicable.
  platform::PlanInputs plan_inputs(const job::JobSpec& job) const { return {given, format, job, argument()}; }
  // The first positional argument (the job spec, analyze's event log); nullopt without one.
  std::optional<std::string> argument() const {
    return positional.empty() ? std::nullopt : std::optional<std::string>(positional.front());
  }
};

// The names ("--instance") of the flags of `group` that were given, in the inputs table's order.
std::vector<std::string> given_flags(const Flags& flags, OptionGroup group);

// Writes the command's output to stdout, or to --output whole or not at all (temp file + rename).
void emit(Context& context, const Flags& flags, const std::string& text);

// `command`'s flags parsed once: unknown flags are a UsageError with a did-you-mean, --format is
// checked against the command's formats;
// with --help, the help is printed and flags.help is set. `name` is the command as typed
// ("catalog list"). Everything after `--` is review's spark-submit command line, never parsed here.
Flags parse_command(Context& context, const Command& command, const std::string& name,
                    const std::vector<std::string>& args);

// `command`'s --help.
void print_command_help(Context& context, const Command& command);

// The command line as the user typed it, for a report page's header.
std::string command_line(const std::string& command, const std::vector<std::string>& args);

}  // namespace sparkfit::cli
