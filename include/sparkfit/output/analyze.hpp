// `sparkfit analyze`'s writers: a run's profile as JSON (docs/interface.md#json, the "analyze" fields
// first, then the rest of the profile) and as text.
#pragma once

#include <string>

#include "sparkfit/eventlog/eventlog.hpp"
#include "sparkfit/review/from_eventlog.hpp"

namespace sparkfit::output {

// `config`: the review rules over the run's own Spark properties (review::review_run), written as
// a section of their own after the run's findings; none: no such section.
std::string analyze_json(const eventlog::Profile& profile, const review::RunReview* config = nullptr);
std::string analyze_text(const eventlog::Profile& profile, const review::RunReview* config = nullptr);

}  // namespace sparkfit::output
