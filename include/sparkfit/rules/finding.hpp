// A finding: what a rule says when its condition holds. Review, analyze, explain and predict all
// report in this one shape, and every writer (text, JSON, SARIF, Markdown, HTML) reads it.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sparkfit/util/error.hpp"

namespace sparkfit::rules {

// Most severe first: findings sort by this order.
enum class Severity { error, warning, info, style };

std::string_view severity_name(Severity severity);
// Throws InputError (no location) for anything but error, warning, info, style.
Severity parse_severity(std::string_view text);
// True when `severity` is at or above `threshold` (error > warning > info > style).
bool at_or_above(Severity severity, Severity threshold);

struct Finding {
  std::string id;    // SF2003
  std::string name;  // too-many-executor-cores
  Severity severity = Severity::warning;
  std::string message;
  std::string why;
  std::string fix;
  std::vector<std::pair<std::string, std::string>> fix_conf;  // settings to change: key, value
  SourceLocation place;                                       // file empty when the finding has no place in the input
  std::string item;  // the collection item a rule with `each:` fired for ("" for the others)
};

// A finding no rule file words (the model's risks, explain's notes): an id, a severity and a
// message; the rest stays empty.
Finding note(std::string id, Severity severity, std::string message);

// "submit.sh:3:5"; "" for a finding without a place.
std::string place_text(const SourceLocation& place);

}  // namespace sparkfit::rules
