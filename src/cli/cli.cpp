#include "sparkfit/cli/cli.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <optional>
#include <stdexcept>

#include "cli/context.hpp"
#include "cli/options.hpp"
#include "sparkfit/output/error.hpp"
#include "sparkfit/review/review.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/standard_output.hpp"
#include "sparkfit/util/text.hpp"
#include "sparkfit/util/version.hpp"

namespace sparkfit::cli {

const DataDirCandidate& Context::data_dir() {
  if (!data_dir_) data_dir_ = find_data_dir(data_dir_flag, executable);
  return *data_dir_;
}

const catalog::Catalog& Context::catalog() {
  if (!catalog_) catalog_ = catalog::load_catalog(data_dir().path / "instance_catalogs");
  return *catalog_;
}

std::filesystem::path Context::model_file() { return data_dir().path / "instance_catalogs" / "model" / "model.yaml"; }

const std::vector<rules::Rule>& Context::rules() {
  if (!rules_) rules_ = review::load_rules((data_dir().path / "rules").string());
  return *rules_;
}

const std::vector<Command>& commands() {
  using enum platform::InputGroup;  // clang rejects `using enum` of an alias (OptionGroup)
  static const std::vector<Command> kCommands = {
      {.name = "explain",
       .summary = "what Spark does with a configuration: nodes, executors, slots, memory, waves",
       .usage = "sparkfit explain [JOB.yaml] [options]",
       .example = "sparkfit explain --instance m5.4xlarge --nodes 6 --executor-cores 5 --input 500GB --files 4000",
       .formats = {"text", "json"},
       .groups = {cluster, layout, work},
       .writes_report = true,
       .max_positional = 1,
       .handler = run_explain},
      {.name = "predict",
       .summary = "runtime, cost and risks of one configuration, stage by stage",
       .usage = "sparkfit predict JOB.yaml --instance TYPE --nodes N [layout options]\n"
                "       sparkfit predict JOB.yaml --platform glue --worker-type T --workers N",
       .example =
           "sparkfit predict examples/jobs/nightly-orders.yaml --instance r5.4xlarge --nodes 10 --executor-cores 5",
       .formats = {"text", "json", "markdown"},
       .groups = {cluster, layout, work, glue, objective},
       .writes_report = true,
       .max_positional = 1,
       .handler = run_predict},
      {.name = "recommend",
       .summary = "the best executor layout and cluster for a job, ready to paste",
       .usage = "sparkfit recommend JOB.yaml [options]",
       .example = "sparkfit recommend examples/jobs/nightly-orders.yaml --format spark-submit",
       .formats = {"text", "json", "markdown", "spark-submit", "spark-defaults", "emr-json", "glue-args",
                   "serverless-json", "k8s-yaml"},
       .groups = {cluster, layout, work, glue, objective, emr_output},
       .writes_report = true,
       .max_positional = 1,
       .handler = run_recommend},
      {.name = "review",
       .summary = "lint a proposed Spark configuration against the cluster it will run on",
       .usage = "sparkfit review [JOB.yaml] [cluster options] [inputs] [-- spark-submit ARGS...]",
       .example =
           "sparkfit review --platform yarn --nodes 6 --node-cores 16 --node-memory 64g --reserve-cores 1 "
           "--reserve-memory 1g -- spark-submit --num-executors 6 --executor-cores 15 --executor-memory 63G app.jar",
       .formats = {"text", "json", "sarif", "gitlab", "markdown"},
       .groups = {review, cluster},
       .writes_report = true,
       .max_positional = 1,
       .handler = run_review},
      {.name = "analyze",
       .summary = "profile a run from its event log, replay it on other executor counts; rank a fleet by waste",
       .usage = "sparkfit analyze EVENT_LOG [--what-if-executors N] [--emit-job FILE] [--report FILE.html] [options]\n"
                "       sparkfit analyze PATH... [--jobs N] [--instance TYPE [--platform P]] [--report FILE.html] "
                "[options]",
       .example = "sparkfit analyze examples/jobs/runs/process-large-dataset-attempt-1.zstd --what-if-executors 4,8,16",
       .formats = {"text", "json", "csv", "markdown"},
       .groups = {analyze},
       .first_group_heads_help = true,
       .borrowed_inputs = {"platform", "instance"},
       .writes_report = true,
       .max_positional = 1000000,
       .handler = run_analyze},
      {.name = "catalog",
       .summary = "list or show EC2 instance types and EMR releases",
       .subcommands = {{.name = "list",
                        .usage = "sparkfit catalog list [--family F] [--min-memory SIZE] [--arch A] [--emr-only]",
                        .example = "sparkfit catalog list --family r5 --min-memory 64g --emr-only",
                        .formats = {"text", "json"},
                        .groups = {catalog_filters},
                        .first_group_heads_help = true,
                        .handler = run_catalog_list},
                       {.name = "show",
                        .usage = "sparkfit catalog show TYPE",
                        .example = "sparkfit catalog show r5.4xlarge",
                        .formats = {"text", "json"},
                        .max_positional = 1,
                        .handler = run_catalog_show},
                       {.name = "releases",
                        .usage = "sparkfit catalog releases",
                        .example = "sparkfit catalog releases",
                        .formats = {"text"},
                        .handler = run_catalog_releases}}},
      {.name = "rules",
       .summary = "list the review rules, or show one rule's page",
       .usage = "sparkfit rules list [--format text|json|markdown] | sparkfit rules show ID",
       .example = "sparkfit rules show SF2003",
       .formats = {"text", "json", "markdown"},
       .max_positional = 2,
       .handler = run_rules},
      {.name = "paths",
       .summary = "where sparkfit looks for its data, and what it loaded",
       .usage = "sparkfit paths",
       .example = "sparkfit --data-dir . paths",
       .formats = {"text"},
       .handler = run_paths},
      {.name = "version",
       .summary = "the version and the data's as_of dates",
       .usage = "sparkfit version",
       .about = "Prints the version and the as_of date of the data it loads.",
       .handler = run_version},
  };
  return kCommands;
}

const Command& command_named(std::string_view name) {
  for (const Command& command : commands())
    if (command.name == name) return command;
  throw std::logic_error("no command '" + std::string(name) + "' in the table");
}

namespace {

void print_usage(std::ostream& out) {
  out << "sparkfit " << kVersion << ": size Apache Spark jobs before they run\n\n"
      << "usage: sparkfit [--data-dir DIR] [-v] <command> [options]\n\ncommands:\n";
  for (const Command& command : commands()) {
    std::string name = command.name;
    name.resize(11, ' ');
    out << "  " << name << command.summary << "\n";
  }
  out << "\nglobal options:\n"
      << "  --data-dir DIR   where instance_catalogs/ and rules/ live (default: see 'sparkfit paths')\n"
      << "  -v, --verbose    say more about what was loaded\n"
      << "  -h, --help       this help; 'sparkfit <command> --help' for a command\n"
      << "  --version        the version and data versions\n\n"
      << "Sizes are binary as Spark reads them (500GB = 500 GiB); see README.md.\n";
}

bool is_help(const std::vector<std::string>& args) { return !args.empty() && (args[0] == "--help" || args[0] == "-h"); }

int run_command(Context& context, const Command& command, const std::string& name,
                const std::vector<std::string>& args);

// catalog list | show | releases: the usage lists every subcommand's.
int run_subcommand(Context& context, const Command& command, const std::vector<std::string>& args) {
  std::string usage = "usage: ";
  std::vector<std::string> names;
  for (const Command& subcommand : command.subcommands) {
    usage += (names.empty() ? "" : "       ") + std::string(subcommand.usage) + "\n";
    names.push_back(subcommand.name);
  }
  if (args.empty() || is_help(args)) {
    (args.empty() ? context.err : context.out) << usage;
    return args.empty() ? static_cast<int>(ExitCode::bad_usage) : 0;
  }
  const std::vector<std::string> rest(args.begin() + 1, args.end());
  for (const Command& subcommand : command.subcommands)
    if (args[0] == subcommand.name)
      return run_command(context, subcommand, std::string(command.name) + " " + subcommand.name, rest);
  throw UsageError("unknown " + std::string(command.name) + " command '" + args[0] + "'" +
                   text::did_you_mean(args[0], names) + "\n" + usage);
}

// The preamble every command shares: flags parsed once, --help answered, then the handler.
int run_command(Context& context, const Command& command, const std::string& name,
                const std::vector<std::string>& args) {
  if (!command.subcommands.empty()) return run_subcommand(context, command, args);
  if (command.formats.empty()) {
    if (is_help(args)) {
      context.out << "usage: " << command.usage << "\n\n" << command.about << "\n";
      return 0;
    }
    if (!args.empty()) throw UsageError("'" + name + "' takes no arguments");
    return command.handler(context, Flags{});
  }
  const Flags flags = parse_command(context, command, name, args);
  return flags.help ? 0 : command.handler(context, flags);
}

// Whether `args` ask `command` for --format json, read before the flags are parsed so that a usage
// error among them is reported as JSON too. What follows `--` is review's spark-submit line.
bool asks_for_json(const Command& command, const std::vector<std::string>& args) {
  if (std::find(command.formats.begin(), command.formats.end(), "json") == command.formats.end()) return false;
  for (std::size_t i = 0; i < args.size() && args[i] != "--"; ++i)
    if (args[i] == "--format=json" || (args[i] == "--format" && i + 1 < args.size() && args[i + 1] == "json"))
      return true;
  return false;
}

// The command `args` name (a subcommand for catalog), for asks_for_json; null when unknown.
const Command* command_of(const std::vector<std::string>& args, std::size_t i) {
  for (const Command& command : commands()) {
    if (args[i] != command.name) continue;
    if (command.subcommands.empty()) return &command;
    for (const Command& subcommand : command.subcommands)
      if (i + 1 < args.size() && args[i + 1] == subcommand.name) return &subcommand;
  }
  return nullptr;
}

// Diagnostics with a location print as compilers print them; bare messages get a prefix. With
// --format json the error object also goes to stdout.
int report_error(const Error& error, bool json, std::ostream& out, std::ostream& err) {
  std::string text = error.what();
  if (text.find(": error: ") == std::string::npos) text = "sparkfit: error: " + text;
  err << text << "\n";
  if (json) out << output::error_json(error);
  return static_cast<int>(error.code());
}

// Every write to stdout is checked here, once, after the last one: output that did not arrive is
// exit 2 with the reason, not exit 0. A command that failed already keeps its own code.
int check_output(std::ostream& out, std::ostream& err, int code) {
  out.flush();
  if (out) return code;
  const auto* descriptor = dynamic_cast<const DescriptorBuffer*>(out.rdbuf());
  const int reason = descriptor ? descriptor->error() : 0;
  err << "sparkfit: error: cannot write to standard output: "
      << (reason != 0 ? std::strerror(reason) : "the stream failed") << "\n";
  return code == 0 || code == static_cast<int>(ExitCode::findings) ? static_cast<int>(ExitCode::bad_input) : code;
}

// The global options, then the command; `json_errors` is set once the command is known to write JSON.
int dispatch(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const std::string& executable,
             bool& json_errors) {
  // Global options come before the command; everything after it belongs to the command.
  std::optional<std::string> data_dir;
  bool verbose = false;
  std::size_t i = 0;
  for (; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--data-dir" || arg.rfind("--data-dir=", 0) == 0) {
      if (arg == "--data-dir") {
        if (i + 1 >= args.size()) throw UsageError("--data-dir needs a folder");
        data_dir = args[++i];
      } else {
        data_dir = arg.substr(11);
      }
    } else if (arg == "-v" || arg == "--verbose") {
      verbose = true;
    } else if (arg == "-h" || arg == "--help" || arg == "help") {
      print_usage(out);
      return 0;
    } else if (arg == "--version") {
      Context context(out, err, data_dir, executable, verbose);
      return run_version(context, Flags{});
    } else if (!arg.empty() && arg[0] == '-') {
      throw UsageError("unknown global option '" + arg + "'; see 'sparkfit --help'");
    } else {
      break;
    }
  }
  if (i >= args.size()) {
    print_usage(err);
    return static_cast<int>(ExitCode::bad_usage);
  }
  const std::string& name = args[i];
  std::vector<std::string> rest(args.begin() + static_cast<std::ptrdiff_t>(i) + 1, args.end());
  if (const Command* asked = command_of(args, i)) json_errors = asks_for_json(*asked, rest);
  for (const Command& command : commands()) {
    if (name == command.name) {
      Context context(out, err, data_dir, executable, verbose);
      return run_command(context, command, command.name, rest);
    }
  }
  std::vector<std::string> names;
  for (const Command& command : commands()) names.push_back(command.name);
  throw UsageError("unknown command '" + name + "'" + text::did_you_mean(name, names) + "; see 'sparkfit --help'");
}

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const std::string& executable) {
  bool json_errors = false;
  int code = 0;
  try {
    code = dispatch(args, out, err, executable, json_errors);
  } catch (const Error& error) {
    code = report_error(error, json_errors, out, err);
  } catch (const std::exception& error) {
    // Anything else is a bug, but the user still gets a sentence and a non-zero exit.
    err << "sparkfit: internal error: " << error.what() << "\n";
    if (json_errors)
      out << output::error_json(Error(ExitCode::bad_input, std::string("internal error: ") + error.what()));
    code = static_cast<int>(ExitCode::bad_input);
  }
  return check_output(out, err, code);
}

int run(int argc, char** argv, std::ostream& out, std::ostream& err) {
  std::vector<std::string> args(argv + 1, argv + argc);
  // The real path of the binary, so an installed sparkfit finds ../share/sparkfit from anywhere.
  std::error_code ignored;
  std::filesystem::path self = std::filesystem::read_symlink("/proc/self/exe", ignored);
  if (self.empty() && argc > 0) self = argv[0];
  return run(args, out, err, self.string());
}

}  // namespace sparkfit::cli
