// Small string helpers shared by the loaders, the writers and the CLI.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sparkfit::text {

std::string_view trim(std::string_view text);
std::string trimmed(std::string_view text);  // trim, as a string of its own
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

// printf's "%.*f": `value` with `digits` digits after the point ("-0.0" stays as printf writes it).
std::string fixed(double value, int digits);
// The shortest text that reads back as exactly `value` (std::to_chars): how JSON and units print numbers.
std::string shortest_number(double value);
// "$1.0080": dollars with four decimals, as price tables print them.
std::string dollars(double value);

// `text` padded with spaces to `width` for a table column: left-aligned, or right-aligned for
// numbers. A longer text is kept whole.
std::string align_left(std::string text, std::size_t width);
std::string align_right(const std::string& text, std::size_t width);

// Untrusted text made safe to print: C0 control characters, DEL, C1 controls (U+0080-U+009F) and
// bytes that are not UTF-8 become `\xNN` (`\n`, `\r` for line breaks), so a file's bytes cannot
// move the cursor, recolour or retitle a terminal. Tabs stay; newlines stay with
// `Newlines::keep`, for messages of several lines. Printable text, backslashes included, is
// unchanged, so printing the result again changes nothing.
enum class Newlines { escape, keep };
std::string printable(std::string_view text, Newlines newlines = Newlines::escape);

// One character of `text` from byte `at` as printable() shows it: the bytes it takes (`end`)
// and its columns on a terminal (1 for a UTF-8 character, 4 for `\x1b`).
struct Shown {
  std::size_t end = 0;
  std::string text;
  std::size_t width = 0;
};
Shown shown_at(std::string_view text, std::size_t at, Newlines newlines = Newlines::escape);

// Each distinct line once, in the order first seen; a line that came n > 1 times ends with
// " (and 19,999 more like it)", so 20,000 identical notes read as one.
std::vector<std::string> collapse_repeats(const std::vector<std::string>& lines);

// "19,999": a whole number with its thousands grouped.
std::string thousands(std::int64_t number);

// "1 executor", "8 executors": the count and the word, with an "s" unless the count is 1.
std::string plural(std::int64_t count, std::string_view word);

}  // namespace sparkfit::text
