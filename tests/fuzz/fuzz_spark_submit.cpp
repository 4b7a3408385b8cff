// libFuzzer target: the spark-submit command-line parser. An InputError is the expected
// rejection of bad input; anything else escaping, or a sanitizer report, is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sparkfit/spark_conf/spark_conf.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    sparkfit::spark_conf::SubmitCommand command = sparkfit::spark_conf::parse_spark_submit(text, "fuzz.sh");
    sparkfit::spark_conf::effective_settings(command.settings);
  } catch (const sparkfit::InputError&) {
  }
  // The same bytes as already-split arguments, one per line.
  std::vector<std::string> args;
  std::string current;
  for (char c : text) {
    if (c == '\n') {
      args.push_back(current);
      current.clear();
    } else {
      current += c;
    }
  }
  args.push_back(current);
  try {
    sparkfit::spark_conf::parse_spark_submit_args(args);
  } catch (const sparkfit::InputError&) {
  }
  return 0;
}
