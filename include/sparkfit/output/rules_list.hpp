// `sparkfit rules list`: one line per rule (id, severity, name, summary), or the same as JSON.
#pragma once

#include <string>
#include <vector>

#include "sparkfit/rules/rule_file.hpp"

namespace sparkfit::output {

std::string rules_list_text(const std::vector<rules::Rule>& rules);
std::string rules_list_json(const std::vector<rules::Rule>& rules);

}  // namespace sparkfit::output
