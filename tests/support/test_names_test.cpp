// The test names themselves: ctest lists each doctest case by its name (doctest_discover_tests),
// and CMake splits a name at ';' into two tests that each select no case and pass without running.
#include <doctest/doctest.h>

#include <filesystem>
#include <regex>
#include <string>

#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace sparkfit::testing;

TEST_SUITE("tests") {
  TEST_CASE("no test name holds a semicolon, so ctest runs every case under its own name") {
    const std::regex test_case(R"re(TEST_CASE\("((?:[^"\\]|\\.)*)"\))re");
    int names = 0;
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(kSourceDir) / "tests")) {
      if (entry.path().extension() != ".cpp") continue;
      const std::string text = read_file(entry.path());
      for (std::sregex_iterator match(text.begin(), text.end(), test_case), end; match != end; ++match) {
        const std::string name = (*match)[1].str();
        CHECK_MESSAGE(name.find(';') == std::string::npos, entry.path().filename().string() << ": " << name);
        ++names;
      }
    }
    CHECK(names > 200);
  }
}
