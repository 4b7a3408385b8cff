// `sparkfit analyze`'s writers: a run's profile as JSON (docs/interface.md#json, the "analyze" fields
// first, then the rest of the profile) and as text.
#pragma once

#include <string>

#include "sparkfit/eventlog/eventlog.hpp"

namespace sparkfit::output {

std::string analyze_json(const eventlog::Profile& profile);
std::string analyze_text(const eventlog::Profile& profile);

}  // namespace sparkfit::output
