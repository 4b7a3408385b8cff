// What every command handler gets: the streams, the global options and lazily loaded data.
#pragma once

#include <filesystem>
#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sparkfit/catalog/catalog.hpp"
#include "sparkfit/platform/inputs.hpp"
#include "sparkfit/rules/rule_file.hpp"
#include "sparkfit/search/planning.hpp"
#include "sparkfit/util/data_dir.hpp"

namespace sparkfit::cli {

class Context {
 public:
  Context(std::ostream& out_stream, std::ostream& err_stream, std::optional<std::string> data_dir,
          std::string executable_path, bool be_verbose)
      : out(out_stream),
        err(err_stream),
        data_dir_flag(std::move(data_dir)),
        executable(std::move(executable_path)),
        verbose(be_verbose) {}

  std::ostream& out;
  std::ostream& err;
  std::optional<std::string> data_dir_flag;
  std::string executable;
  bool verbose;

  const DataDirCandidate& data_dir();
  // Loaded on first use: commands that need no data (help, units) never pay for it.
  const catalog::Catalog& catalog();
  // The same, for an engine call that reads the catalog only when it needs it.
  std::function<const catalog::Catalog&()> lazy_catalog() {
    return [this]() -> const catalog::Catalog& { return catalog(); };
  }
  // The model's constants file in the data directory.
  std::filesystem::path model_file();
  // Both, for an engine call that finds the data directory only when it needs it.
  search::DataSource data() {
    return {lazy_catalog(), [this] { return model_file(); }};
  }
  // The rule files (rules/ in the data directory), loaded on first use like the catalog: review,
  // analyze, explain and rules all judge and word by the same set.
  const std::vector<rules::Rule>& rules();

 private:
  std::optional<DataDirCandidate> data_dir_;
  std::optional<catalog::Catalog> catalog_;
  std::optional<std::vector<rules::Rule>> rules_;
};

struct Flags;

// The option groups of --help, each under its caption (options.cpp); the engine's inputs table
// gives their flags.
using OptionGroup = platform::InputGroup;

// One row of the command table (as ninja's tool table): what `sparkfit --help` lists and what
// `sparkfit CMD --help` prints, the flags the command accepts, and the handler that gets them
// parsed. Every command also takes the Output group (--format, --output, --help).
struct Command {
  const char* name = nullptr;
  const char* summary = nullptr;  // one line of `sparkfit --help`
  const char* usage = nullptr;    // after "usage: "
  const char* example = nullptr;
  // The --format values; none: the command takes no arguments at all and its --help says `about`.
  std::vector<std::string> formats{};
  const char* about = nullptr;
  std::vector<OptionGroup> groups{};  // in the order --help lists them
  // The first group's options head the help page under its caption instead of following it as a
  // group of their own (analyze, catalog list: no blank line above them).
  bool first_group_heads_help = false;
  // Inputs of other groups the command takes too, listed after its first group's (analyze: the
  // cluster's --platform and --instance, which price a fleet's waste).
  std::vector<std::string_view> borrowed_inputs{};
  bool writes_report = false;  // --report FILE.html
  int max_positional = 0;
  int (*handler)(Context&, const Flags&) = nullptr;
  // A command of commands (catalog list | show | releases): its usage lists theirs.
  std::vector<Command> subcommands{};
};

// The command table, in the order `sparkfit --help` lists it.
const std::vector<Command>& commands();
// The table's row of that name, for a handler that prints its own command's help.
const Command& command_named(std::string_view name);

int run_explain(Context& context, const Flags& flags);
int run_catalog_list(Context& context, const Flags& flags);
int run_catalog_show(Context& context, const Flags& flags);
int run_catalog_releases(Context& context, const Flags& flags);
int run_predict(Context& context, const Flags& flags);
int run_recommend(Context& context, const Flags& flags);
int run_review(Context& context, const Flags& flags);
int run_rules(Context& context, const Flags& flags);
int run_paths(Context& context, const Flags& flags);
int run_analyze(Context& context, const Flags& flags);
int run_version(Context& context, const Flags& flags);

}  // namespace sparkfit::cli
