#include "support/test_support.hpp"

#include <doctest/doctest.h>
#include <unistd.h>

#include <fstream>
#include <sstream>
#include <system_error>
#include <vector>

#include "sparkfit/cli/cli.hpp"
#include "sparkfit/units/units.hpp"

namespace fs = std::filesystem;

namespace sparkfit::testing {

namespace {

// Enters a directory for one command and leaves it again, also when the command throws.
class WorkingDirectory {
 public:
  explicit WorkingDirectory(const fs::path& dir) : previous_(fs::current_path()) { fs::current_path(dir); }
  ~WorkingDirectory() { fs::current_path(previous_); }
  WorkingDirectory(const WorkingDirectory&) = delete;
  WorkingDirectory& operator=(const WorkingDirectory&) = delete;

 private:
  fs::path previous_;
};

}  // namespace

const catalog::Catalog& shipped_catalog() {
  static const catalog::Catalog catalog = catalog::load_catalog(kSourceDir + "/instance_catalogs");
  return catalog;
}

const model::Constants& shipped_constants() {
  static const model::Constants constants = model::load_constants(kSourceDir + "/instance_catalogs/model/model.yaml");
  return constants;
}

platform::Cluster emr_cluster(const char* instance_type, int nodes) {
  return platform::cluster_for_instance(platform::Platform::emr, shipped_catalog().require(instance_type), nodes,
                                        shipped_catalog().find_release("emr-7.1.0"));
}

model::Calibration pinned_calibration(const model::Prediction& raw, int nodes, double measured_s,
                                      platform::Platform platform) {
  model::RuntimeFit fit = shipped_constants().runtime_fit;
  fit.covariance = {};
  fit.covariance[model::f_level][model::f_level] = 1e6;
  fit.noise_sd = 1e-7;
  return model::calibrate({{raw.runtime_s, nodes, measured_s, raw.runtime_features, platform}}, fit);
}

units::Given given_of(std::initializer_list<std::pair<const char*, const char*>> values) {
  units::Given given;
  for (const auto& [name, value] : values) given.add(name, value);
  return given;
}

job::JobSpec job_of(const char* size, job::Workload workload) {
  job::JobSpec job;
  job.input.size_bytes = units::parse_data_size(size);
  job.workload = workload;
  job.workload_given = true;
  return job;
}

CommandRun run_sparkfit(std::vector<std::string> args, const fs::path& dir) {
  args.insert(args.begin(), {"--data-dir", kSourceDir});
  WorkingDirectory in(dir);
  std::ostringstream out, err;
  CommandRun run;
  run.code = cli::run(args, out, err);
  run.out = out.str();
  run.err = err.str();
  return run;
}

std::vector<std::string> read_args(const fs::path& file) {
  std::vector<std::string> args;
  std::istringstream lines(read_file(file));
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) args.push_back(line);
  return args;
}

std::string read_file(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

void write_file(const fs::path& path, std::string_view text) { std::ofstream(path, std::ios::binary) << text; }

namespace {

// Every scratch path handed out, removed when the test process ends: ctest runs each case in a
// process of its own, so a run leaves nothing behind in the temporary directory.
struct ScratchPaths {
  std::vector<fs::path> paths;
  ScratchPaths() = default;
  ScratchPaths(const ScratchPaths&) = delete;
  ScratchPaths& operator=(const ScratchPaths&) = delete;
  ~ScratchPaths() {
    for (const fs::path& path : paths) {
      std::error_code ignored;
      fs::remove_all(path, ignored);
    }
  }
};

ScratchPaths& scratch_paths() {
  static ScratchPaths registry;
  return registry;
}

}  // namespace

fs::path scratch_path(const std::string& name) {
  fs::path path = fs::temp_directory_path() / ("sparkfit-test-" + std::to_string(::getpid()) + "-" + name);
  fs::remove_all(path);
  scratch_paths().paths.push_back(path);
  return path;
}

fs::path scratch_dir(const std::string& name) {
  fs::path dir = scratch_path(name);
  fs::create_directories(dir);
  return dir;
}

const json::Value& at(const json::Value& value, std::string_view key) {
  const json::Value* found = value.find(key);
  INFO("key " << key);
  REQUIRE(found != nullptr);
  return *found;
}

}  // namespace sparkfit::testing
