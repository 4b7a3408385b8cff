// analyze's request from the inputs given (sparkfit/units/given.hpp).
#pragma once

#include <optional>
#include <string>

#include "sparkfit/eventlog/eventlog.hpp"
#include "sparkfit/units/given.hpp"

namespace sparkfit::eventlog {

struct AnalyzeRequest {
  std::string event_log;
  AnalyzeOptions options;
  std::optional<std::string> emit_job;  // FILE for the derived job spec
};

// The event log `path` names (a UsageError without one), --what-if-executors as a set of counts,
// and --emit-job's file.
AnalyzeRequest analyze_request(const units::Given& given, const std::optional<std::string>& path);

}  // namespace sparkfit::eventlog
