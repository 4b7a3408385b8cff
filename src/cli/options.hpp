// The flags of every command (docs/interface.md#commands-and-flags), parsed as strings by
// Boost.ProgramOptions against the command table's option groups; cli/requests.hpp converts them.
#pragma once

#include <boost/program_options.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cli/context.hpp"
#include "sparkfit/platform/inputs.hpp"
#include "sparkfit/util/file.hpp"

namespace sparkfit::cli {

namespace po = boost::program_options;

struct Flags {
  // cluster
  std::optional<std::string> platform, instance, nodes, primary_instance, node_cores, node_memory, reserve_cores,
      reserve_memory, yarn_resource_calculator, region, market, emr_release, yarn_min_allocation;
  // layout
  std::optional<std::string> num_executors, executor_cores, executor_memory, memory_overhead, overhead_factor,
      heap_from_container, deploy_mode, driver_memory, driver_cores;
  // work
  std::optional<std::string> input, files, file_format, compression, workload, iterations, language, partitions,
      shuffle_partitions, from_eventlog;
  // glue
  std::optional<std::string> worker_type, workers, glue_version, execution_class, glue_reader;
  bool auto_scaling = false;
  // objective and prices
  std::optional<std::string> minimize, deadline, budget, spot_discount, price_factor, savings_plan_discount;
  bool all_candidates = false;
  bool dynamic_allocation = false;  // recommend on emr: keep dynamic allocation, with limits
  bool emr_fleets = false;          // emr-json: instance fleets instead of groups
  // output
  std::string format = "text";
  std::optional<std::string> output;
  std::optional<std::string> report;  // --report FILE.html
  bool help = false;
  std::vector<std::string> positional;
  std::vector<std::string> args;  // as given, for reports

  // review: the documents it reads and how it judges them
  std::optional<std::string> fail_on, submit_file, conf_file, emr_config, emr_cluster, glue_job, k8s_app, config,
      spark_version, java_version;
  bool has_submit_args = false;  // `--` was given; what follows is a spark-submit command line
  std::vector<std::string> submit_args;
  // analyze
  std::optional<std::string> what_if_executors, emit_job;
  // catalog list: its filters
  std::optional<std::string> family, min_memory, arch;
  bool emr_only = false;
};

// "--node-memory": the flag table's name for the flag that fills `field`.
std::string flag_name(std::optional<std::string> Flags::*field);

// The names ("--instance") of the flags of `group` that were given, in the flag table's order.
std::vector<std::string> given_flags(const Flags& flags, OptionGroup group);

// Refuses (UsageError, exit 3) the first flag given, or key of the spec's `layout:`, that does not
// apply to `command` on `chosen` (sparkfit/platform/inputs.hpp). Without a platform (recommend
// --platform all, explain without a cluster) only what applies on no platform is refused.
void refuse_inapplicable(const Flags& flags, const job::JobSpec& job, platform::PlanCommand command,
                         std::optional<platform::Platform> chosen);

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
