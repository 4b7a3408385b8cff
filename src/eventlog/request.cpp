#include "sparkfit/eventlog/request.hpp"

#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"

namespace sparkfit::eventlog {

AnalyzeRequest analyze_request(const units::Given& given, const std::optional<std::string>& path) {
  if (!path)
    throw UsageError(
        "'analyze' needs an event log: a file (plain, .zstd, .lz4, .snappy, .lzf, .gz) or a rolling "
        "eventlog_v2_* directory; see 'sparkfit analyze --help'");
  AnalyzeRequest request{*path, {}, given.text("emit-job")};
  if (const auto counts = given.convert("what-if-executors",
                                        [](const std::string& v) { return units::parse_count_set(v, "executors"); }))
    request.options.what_if_executors = *counts;
  return request;
}

}  // namespace sparkfit::eventlog
