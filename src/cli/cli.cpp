#include "sparkfit/cli/cli.hpp"

#include <filesystem>
#include <iostream>
#include <optional>

#include "cli/context.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/version.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::cli {

const DataDirCandidate& Context::data_dir() {
  if (!data_dir_) data_dir_ = find_data_dir(data_dir_flag, executable);
  return *data_dir_;
}

const catalog::Catalog& Context::catalog() {
  if (!catalog_) catalog_ = catalog::load_catalog(data_dir().path / "instance_catalogs");
  return *catalog_;
}

const std::vector<Command>& commands() {
  static const std::vector<Command> kCommands = {
      {"explain", "what Spark does with a configuration: nodes, executors, slots, memory, waves", run_explain},
      {"predict", "runtime, cost and risks of one configuration, stage by stage", run_predict},
      {"recommend", "the best executor layout and cluster for a job, ready to paste", run_recommend},
      {"review", "lint a proposed Spark configuration against the cluster it will run on", run_review},
      {"analyze", "profile a run from its Spark event log, replay it on other executor counts", run_analyze},
      {"catalog", "list or show EC2 instance types and EMR releases", run_catalog},
      {"rules", "list the review rules, or show one rule's page", run_rules},
      {"paths", "where sparkfit looks for its data, and what it loaded", run_paths},
      {"version", "the version and the data's as_of dates", run_version},
  };
  return kCommands;
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

}  // namespace

int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const std::string& executable) {
  // Global options come before the command; everything after it belongs to the command.
  std::optional<std::string> data_dir;
  bool verbose = false;
  std::size_t i = 0;
  try {
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
        return run_version(context, {});
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
    for (const Command& command : commands()) {
      if (name == command.name) {
        Context context(out, err, data_dir, executable, verbose);
        return command.handler(context, rest);
      }
    }
    std::vector<std::string> names;
    for (const Command& command : commands()) names.push_back(command.name);
    throw UsageError("unknown command '" + name + "'" + text::did_you_mean(name, names) +
                     "; see 'sparkfit --help'");
  } catch (const Error& error) {
    // Diagnostics with a location print as compilers print them; bare messages get a prefix.
    std::string text = error.what();
    if (text.find(": error: ") == std::string::npos) text = "sparkfit: error: " + text;
    err << text << "\n";
    return static_cast<int>(error.code());
  } catch (const std::exception& error) {
    // Anything else is a bug, but the user still gets a sentence and a non-zero exit.
    err << "sparkfit: internal error: " << error.what() << "\n";
    return static_cast<int>(ExitCode::bad_input);
  }
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
