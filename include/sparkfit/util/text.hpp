// Small string helpers shared by the loaders and the CLI.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace sparkfit::text {

std::string_view trim(std::string_view text);
std::string to_lower(std::string_view text);
std::vector<std::string_view> split(std::string_view text, char separator);
bool starts_with(std::string_view text, std::string_view prefix);

// Damerau-free Levenshtein distance, for did-you-mean suggestions.
std::size_t edit_distance(std::string_view a, std::string_view b);

// The closest candidate within a distance that scales with the word's length, or "" when none
// is close enough to be a plausible typo.
std::string closest_match(std::string_view word, const std::vector<std::string>& candidates);

// " (did you mean 'x'?)" or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

// Joins with ", " (for "expected one of a, b, c").
std::string join(const std::vector<std::string>& parts, std::string_view separator = ", ");

}  // namespace sparkfit::text
