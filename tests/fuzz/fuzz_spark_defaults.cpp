// libFuzzer target: the spark-defaults.conf (java.util.Properties) parser.
#include <cstddef>
#include <cstdint>
#include <string>

#include "sparkfit/spark_conf/spark_conf.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    auto settings = sparkfit::spark_conf::parse_spark_defaults(text, "spark-defaults.conf");
    for (const auto& setting : settings)
      if (setting.where.line < 1 || setting.where.column < 1) __builtin_trap();
    sparkfit::spark_conf::effective_settings(settings);
  } catch (const sparkfit::InputError&) {
  }
  return 0;
}
