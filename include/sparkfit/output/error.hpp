// A failure as JSON: what `--format json` prints on stdout when a command fails with exit 2, 3 or 4
// (docs/interface.md#json), beside the text on stderr.
#pragma once

#include <string>

#include "sparkfit/util/error.hpp"

namespace sparkfit::output {

// {"schema_version", "sparkfit_version", "error": {"exit_code", "message", "location"}}: the message
// without its place, and the place (file, line, column) where the input has one, else null.
std::string error_json(const Error& error);

}  // namespace sparkfit::output
