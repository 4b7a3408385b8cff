// The artefact formats (what a platform takes as it is) and the platform each is written for, in
// one table: recommend plans on the platform a format names (--format glue-args plans on Glue), and
// tells a managed platform's own format when another is asked for.
#pragma once

#include <optional>
#include <string_view>

#include "sparkfit/job/job.hpp"
#include "sparkfit/platform/platform.hpp"

namespace sparkfit::output {

struct ArtefactFormat {
  std::string_view word;                       // the --format word
  std::optional<platform::Platform> platform;  // a managed platform; none: the YARN family's (emr, ec2, yarn)
};

// The artefact a --format word names; null for the reports (text, json, markdown).
const ArtefactFormat* artefact_format(std::string_view word);
// A managed platform's own artefact format ("glue-args" for glue); "" for the YARN family.
std::string_view native_format(platform::Platform managed);

// The platform recommend and predict plan on when no --platform is given: the artefact format's
// platform (a YARN-family artefact's: the spec's cluster platform), else the spec's; nullopt
// compares every priced platform (a spec that lists several).
std::optional<platform::Platform> platform_for_format(std::string_view format, const job::JobSpec& job);

// Refuses (UsageError) an artefact format not written on `chosen`: a managed platform writes text,
// json and its own artefact; emr, ec2 and yarn write spark-submit and spark-defaults, and emr
// emr-json too.
void check_format_on(std::string_view format, platform::Platform chosen);

}  // namespace sparkfit::output
