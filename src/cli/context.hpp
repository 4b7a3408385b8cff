// What every command handler gets: the streams, the global options and lazily loaded data.
#pragma once

#include <functional>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

#include "sparkfit/catalog/catalog.hpp"
#include "sparkfit/util/data_dir.hpp"

namespace sparkfit::cli {

class Context {
 public:
  Context(std::ostream& out_stream, std::ostream& err_stream, std::optional<std::string> data_dir,
          std::string executable_path, bool be_verbose)
      : out(out_stream), err(err_stream), data_dir_flag(std::move(data_dir)),
        executable(std::move(executable_path)), verbose(be_verbose) {}

  std::ostream& out;
  std::ostream& err;
  std::optional<std::string> data_dir_flag;
  std::string executable;
  bool verbose;

  const DataDirCandidate& data_dir();
  // Loaded on first use: commands that need no data (help, units) never pay for it.
  const catalog::Catalog& catalog();

 private:
  std::optional<DataDirCandidate> data_dir_;
  std::optional<catalog::Catalog> catalog_;
};

struct Command {
  const char* name;
  const char* summary;
  std::function<int(Context&, const std::vector<std::string>&)> handler;
};

// The command table, in the order `sparkfit --help` lists it.
const std::vector<Command>& commands();

int run_explain(Context& context, const std::vector<std::string>& args);
int run_catalog(Context& context, const std::vector<std::string>& args);
int run_predict(Context& context, const std::vector<std::string>& args);
int run_recommend(Context& context, const std::vector<std::string>& args);
int run_review(Context& context, const std::vector<std::string>& args);
int run_rules(Context& context, const std::vector<std::string>& args);
int run_paths(Context& context, const std::vector<std::string>& args);
int run_analyze(Context& context, const std::vector<std::string>& args);
int run_version(Context& context, const std::vector<std::string>& args);

}  // namespace sparkfit::cli
