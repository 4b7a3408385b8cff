// The artefact formats (what a platform takes as it is) and the platform each is written for, in
// one table: recommend plans on the platform a format names (--format glue-args plans on Glue), and
// tells a managed platform's own format when another is asked for.
#pragma once

#include <optional>
#include <string_view>

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

}  // namespace sparkfit::output
