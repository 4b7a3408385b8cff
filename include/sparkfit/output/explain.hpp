// The writers of `explain`: text for a terminal, JSON for tools.
#pragma once

#include <string>

#include "sparkfit/explain/explain.hpp"

namespace sparkfit::output {

std::string explain_text(const explain::Explanation& explanation);
std::string explain_json(const explain::Explanation& explanation);

}  // namespace sparkfit::output
