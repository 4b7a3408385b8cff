#include "sparkfit/util/text.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <map>

namespace sparkfit::text {

std::string_view trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

std::string trimmed(std::string_view text) { return std::string(trim(text)); }

std::string to_lower(std::string_view text) {
  std::string result(text);
  for (char& c : result) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return result;
}

std::vector<std::string_view> split(std::string_view text, char separator) {
  std::vector<std::string_view> parts;
  std::size_t start = 0;
  while (true) {
    std::size_t end = text.find(separator, start);
    parts.push_back(trim(text.substr(start, end == std::string_view::npos ? end : end - start)));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

bool starts_with(std::string_view text, std::string_view prefix) { return text.substr(0, prefix.size()) == prefix; }

std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> row(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    std::size_t diagonal = row[0];
    row[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      std::size_t above = row[j];
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0u : 1u)});
      diagonal = above;
    }
  }
  return row[b.size()];
}

std::string closest_match(std::string_view word, const std::vector<std::string>& candidates) {
  std::size_t limit = std::max<std::size_t>(1, word.size() / 3);
  std::size_t best_distance = limit + 1;
  std::string best;
  std::string lowered = to_lower(word);
  for (const std::string& candidate : candidates) {
    std::size_t distance = edit_distance(lowered, to_lower(candidate));
    if (distance < best_distance) {
      best_distance = distance;
      best = candidate;
    }
  }
  return best;
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
  std::string match = closest_match(word, candidates);
  return match.empty() ? std::string() : " (did you mean '" + match + "'?)";
}

std::string join(const std::vector<std::string>& parts, std::string_view separator) {
  std::string result;
  for (std::size_t i = 0; i < parts.size(); ++i) {
    if (i) result += separator;
    result += parts[i];
  }
  return result;
}

std::string fixed(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

// Written by snprintf because GCC 12 warns falsely on "$" + std::string (PR 105329).
std::string dollars(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "$%.4f", value);
  return buffer;
}

std::string align_left(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

std::string align_right(const std::string& text, std::size_t width) {
  return text.size() >= width ? text : std::string(width - text.size(), ' ') + text;
}

std::string plural(std::int64_t count, std::string_view word) {
  std::string out = std::to_string(count);
  out.append(" ").append(word);
  if (count != 1) out += 's';
  return out;
}

namespace {

// The length of the UTF-8 sequence at `at`, or 0 when the bytes there are not one (a stray
// continuation byte, a truncated sequence, an overlong form or a surrogate).
std::size_t utf8_length(std::string_view text, std::size_t at) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned lead = byte(at);
  std::size_t length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
  if (lead >= 0xF5 || at + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k)
    if ((byte(at + k) & 0xC0) != 0x80) return 0;
  if (length == 3 && ((lead == 0xE0 && byte(at + 1) < 0xA0) || (lead == 0xED && byte(at + 1) >= 0xA0))) return 0;
  if (length == 4 && ((lead == 0xF0 && byte(at + 1) < 0x90) || (lead == 0xF4 && byte(at + 1) >= 0x90))) return 0;
  return length;
}

std::string hex_escape(std::string_view bytes) {
  std::string out;
  for (char c : bytes) {
    char buffer[8];
    std::snprintf(buffer, sizeof buffer, "\\x%02x", static_cast<unsigned>(static_cast<unsigned char>(c)));
    out += buffer;
  }
  return out;
}

}  // namespace

Shown shown_at(std::string_view text, std::size_t at, Newlines newlines) {
  const unsigned char c = static_cast<unsigned char>(text[at]);
  if (c == '\t' || (c == '\n' && newlines == Newlines::keep)) return {at + 1, std::string(1, static_cast<char>(c)), 1};
  if (c == '\n') return {at + 1, "\\n", 2};
  if (c == '\r') return {at + 1, "\\r", 2};
  if (c < 0x20 || c == 0x7F) return {at + 1, hex_escape(text.substr(at, 1)), 4};
  if (c < 0x80) return {at + 1, std::string(1, static_cast<char>(c)), 1};
  const std::size_t length = utf8_length(text, at);
  if (length == 0) return {at + 1, hex_escape(text.substr(at, 1)), 4};
  // U+0080..U+009F, the C1 controls (CSI among them), are C2 80..C2 9F in UTF-8.
  if (c == 0xC2 && static_cast<unsigned char>(text[at + 1]) < 0xA0) return {at + 2, hex_escape(text.substr(at, 2)), 8};
  return {at + length, std::string(text.substr(at, length)), 1};
}

std::string printable(std::string_view text, Newlines newlines) {
  const bool clean = std::all_of(text.begin(), text.end(), [&](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte >= 0x20 && byte < 0x7F) || byte == '\t' || (byte == '\n' && newlines == Newlines::keep);
  });
  if (clean) return std::string(text);
  std::string out;
  out.reserve(text.size());
  for (std::size_t at = 0; at < text.size();) {
    Shown shown = shown_at(text, at, newlines);
    out += shown.text;
    at = shown.end;
  }
  return out;
}

std::vector<std::string> collapse_repeats(const std::vector<std::string>& lines) {
  std::vector<std::string> distinct;
  std::vector<std::int64_t> counts;
  std::map<std::string_view, std::size_t> index;  // views into `lines`, which outlives the map
  for (const std::string& line : lines) {
    auto [it, added] = index.emplace(line, distinct.size());
    if (added) {
      distinct.push_back(line);
      counts.push_back(0);
    }
    ++counts[it->second];
  }
  for (std::size_t i = 0; i < distinct.size(); ++i)
    if (counts[i] > 1) distinct[i] += " (and " + thousands(counts[i] - 1) + " more like it)";
  return distinct;
}

std::string thousands(std::int64_t number) {
  std::string digits = std::to_string(number < 0 ? -number : number);
  for (std::size_t at = digits.size(); at > 3; at -= 3) digits.insert(at - 3, ",");
  return number < 0 ? "-" + digits : digits;
}

std::string shortest_number(double value) {
  char buffer[64];
  auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
  return error == std::errc() ? std::string(buffer, end) : std::string("0");
}

}  // namespace sparkfit::text
