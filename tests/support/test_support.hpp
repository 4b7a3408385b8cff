// What the test files share: where the repository and the fixtures are, the shipped catalog and
// model, the text an input error renders, whole commands run in-process, and files read or
// written for one test.
#pragma once

#include <filesystem>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sparkfit/catalog/catalog.hpp"
#include "sparkfit/job/job.hpp"
#include "sparkfit/model/model.hpp"
#include "sparkfit/platform/platform.hpp"
#include "sparkfit/units/given.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/json_reader.hpp"

namespace sparkfit::testing {

// The repository (examples/, rules/, instance_catalogs/) and the test fixtures (tests/data/).
inline const std::string kSourceDir = SPARKFIT_SOURCE_DIR;
inline const std::string kTestData = SPARKFIT_TEST_DATA;

// The catalog and model constants shipped in the repository, loaded once per test binary.
const catalog::Catalog& shipped_catalog();
const model::Constants& shipped_constants();

// `nodes` x `instance_type` of the shipped catalog under EMR 7.1.0, the release the tests'
// expected figures were worked out for.
platform::Cluster emr_cluster(const char* instance_type, int nodes);

// A calibration that pins the model to one measured run of `raw`'s configuration: a prior so wide
// and a noise so small that the one observation decides the level (tests of prices at a known time).
model::Calibration pinned_calibration(const model::Prediction& raw, int nodes, double measured_s,
                                      platform::Platform platform);

// The inputs a user gave, by flag name without the dashes, as the CLI hands them to the engine.
units::Given given_of(std::initializer_list<std::pair<const char*, const char*>> values);

// A job that reads `size` of input (such as "500GB") and does `workload`, the rest as defaulted.
job::JobSpec job_of(const char* size, job::Workload workload);

// The diagnostic `action` throws as an InputError, or "(no error)" when it throws nothing.
template <typename Action>
std::string error_of(Action&& action) {
  try {
    std::forward<Action>(action)();
  } catch (const InputError& error) {
    return error.what();
  }
  return "(no error)";
}

// What one sparkfit command did: its exit code and what it wrote on stdout and stderr.
struct CommandRun {
  int code = 0;
  std::string out;
  std::string err;
};

// Runs `sparkfit --data-dir <repository> ARGS` in-process from `dir`, as a user types it there
// (the repository by default, so paths such as examples/jobs/... resolve), then returns to the
// directory the test was in.
CommandRun run_sparkfit(std::vector<std::string> args, const std::filesystem::path& dir = kSourceDir);

// The arguments of a command stored one a line (tests/cli/golden/*.args, tests/rules/*/case.args);
// blank lines are skipped.
std::vector<std::string> read_args(const std::filesystem::path& file);

std::string read_file(const std::filesystem::path& path);
void write_file(const std::filesystem::path& path, std::string_view text);

// A fresh path of this process's own under the temporary directory: ctest runs cases in parallel
// and other build trees share /tmp. Whatever was left there by an earlier run is removed.
std::filesystem::path scratch_path(const std::string& name);
// The same, created as an empty directory.
std::filesystem::path scratch_dir(const std::string& name);

// The member `key` of a JSON object; the test stops when it is missing.
const json::Value& at(const json::Value& value, std::string_view key);

}  // namespace sparkfit::testing
