// Golden CLI cases: tests/cli/golden/NAME.args holds one argument per line; NAME.out holds the
// exit code, stdout and stderr of `sparkfit <args>` run in-process. Set SPARKFIT_UPDATE_GOLDEN=1
// to rewrite the .out files, then review the diff.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "sparkfit/cli/cli.hpp"

namespace fs = std::filesystem;

namespace {
std::string read_file(const fs::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

std::string run_case(const fs::path& args_file) {
  std::vector<std::string> args{"--data-dir", SPARKFIT_SOURCE_DIR};
  std::istringstream lines(read_file(args_file));
  for (std::string line; std::getline(lines, line);)
    if (!line.empty()) args.push_back(line);
  std::ostringstream out, err;
  int code = sparkfit::cli::run(args, out, err);
  return "exit: " + std::to_string(code) + "\n--- stdout\n" + out.str() + "--- stderr\n" + err.str();
}
}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("golden command outputs match") {
    fs::current_path(SPARKFIT_SOURCE_DIR);  // cases name files relative to the repository
    fs::path dir = fs::path(SPARKFIT_SOURCE_DIR) / "tests" / "cli" / "golden";
    std::vector<fs::path> cases;
    for (const auto& entry : fs::directory_iterator(dir))
      if (entry.path().extension() == ".args") cases.push_back(entry.path());
    std::sort(cases.begin(), cases.end());
    REQUIRE(!cases.empty());
    const bool update = std::getenv("SPARKFIT_UPDATE_GOLDEN") != nullptr;
    for (const fs::path& args_file : cases) {
      fs::path expected_file = args_file;
      expected_file.replace_extension(".out");
      std::string actual = run_case(args_file);
      if (update) {
        std::ofstream(expected_file, std::ios::binary) << actual;
        continue;
      }
      INFO("case " << args_file.filename().string());
      CHECK(actual == read_file(expected_file));
    }
  }

  TEST_CASE("the same input gives byte-identical output") {
    std::vector<std::string> args{"--data-dir", SPARKFIT_SOURCE_DIR, "explain", "--instance", "r5.4xlarge",
                                  "--nodes", "10", "--input", "1TB", "--format", "json"};
    std::ostringstream first, second, err;
    CHECK(sparkfit::cli::run(args, first, err) == 0);
    CHECK(sparkfit::cli::run(args, second, err) == 0);
    CHECK(first.str() == second.str());
  }

  TEST_CASE("--output writes the whole file, and a failed write leaves nothing behind") {
    fs::path target = fs::temp_directory_path() / "sparkfit-output-test.json";
    fs::remove(target);
    std::ostringstream out, err;
    std::vector<std::string> args{"--data-dir", SPARKFIT_SOURCE_DIR, "explain", "--num-executors", "5",
                                  "--executor-cores", "2", "--partitions", "2000", "--format", "json",
                                  "--output", target.string()};
    CHECK(sparkfit::cli::run(args, out, err) == 0);
    CHECK(out.str().empty());
    CHECK(read_file(target).find("\"waves\": 200") != std::string::npos);
    args.back() = "/nonexistent-dir/x.json";
    CHECK(sparkfit::cli::run(args, out, err) == 2);
    CHECK(!fs::exists("/nonexistent-dir/x.json"));
    fs::remove(target);
  }
}
