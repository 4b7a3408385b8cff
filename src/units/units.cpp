#include "sparkfit/units/units.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <limits>
#include <set>

#include "sparkfit/util/error.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::units {
namespace {

constexpr std::string_view kSizeForms =
    "expected a size such as 512m, 4g, 1.5TiB, 500GB (binary: k, m, g, t, p with optional b, or "
    "KiB, MiB, GiB, TiB, PiB)";

// Splits "1.5 TiB" into the number and the unit, skipping spaces between them.
struct NumberAndUnit {
  double number = 0;
  std::string unit;  // lower-cased
  bool has_fraction = false;
  bool ok = false;
};

NumberAndUnit split_number(std::string_view text) {
  NumberAndUnit result;
  std::string_view trimmed = text::trim(text);
  if (trimmed.empty()) return result;
  std::size_t end = 0;
  while (end < trimmed.size() &&
         (std::isdigit(static_cast<unsigned char>(trimmed[end])) || trimmed[end] == '.' || trimmed[end] == '-' ||
          trimmed[end] == '+' ||
          ((trimmed[end] == 'e' || trimmed[end] == 'E') && end > 0 && end + 1 < trimmed.size() &&
           (std::isdigit(static_cast<unsigned char>(trimmed[end + 1])) || trimmed[end + 1] == '+' ||
            trimmed[end + 1] == '-'))))
    ++end;
  std::string_view number = trimmed.substr(0, end);
  if (number.empty()) return result;
  auto [ptr, ec] = std::from_chars(number.data(), number.data() + number.size(), result.number);
  if (ec != std::errc() || ptr != number.data() + number.size() || !std::isfinite(result.number)) return result;
  result.has_fraction = number.find_first_of(".eE") != std::string_view::npos;
  result.unit = text::to_lower(text::trim(trimmed.substr(end)));
  result.ok = true;
  return result;
}

// Binary multiplier of a size unit, or 0 when the unit is not one.
std::int64_t size_multiplier(const std::string& unit) {
  static const std::pair<std::string_view, std::int64_t> kUnits[] = {
      {"b", 1},      {"k", kKiB},        {"kb", kKiB},        {"kib", kKiB},       {"m", kMiB}, {"mb", kMiB},
      {"mib", kMiB}, {"g", kGiB},        {"gb", kGiB},        {"gib", kGiB},       {"t", kTiB}, {"tb", kTiB},
      {"tib", kTiB}, {"p", kTiB * 1024}, {"pb", kTiB * 1024}, {"pib", kTiB * 1024}};
  for (const auto& [name, multiplier] : kUnits)
    if (unit == name) return multiplier;
  return 0;
}

[[noreturn]] void bad(std::string_view text, std::string_view expected) {
  throw InputError("invalid value '" + std::string(text) + "': " + std::string(expected));
}

double parse_size_value(std::string_view text, std::int64_t bare_multiplier) {
  NumberAndUnit parsed = split_number(text);
  if (!parsed.ok) bad(text, kSizeForms);
  std::int64_t multiplier = parsed.unit.empty() ? bare_multiplier : size_multiplier(parsed.unit);
  if (multiplier == 0) bad(text, kSizeForms);
  if (parsed.number < 0) bad(text, "a size cannot be negative");
  double bytes = parsed.number * static_cast<double>(multiplier);
  if (bytes > 9.0e18) bad(text, "the size is too large (at most 8 EiB)");
  return bytes;
}

}  // namespace

std::int64_t parse_data_size(std::string_view text) {
  return static_cast<std::int64_t>(std::llround(parse_size_value(text, 1)));
}

std::int64_t parse_memory_mib(std::string_view text) {
  double bytes = parse_size_value(text, kMiB);
  return static_cast<std::int64_t>(std::floor(bytes / static_cast<double>(kMiB) + 1e-9));
}

std::int64_t parse_spark_size(std::string_view text, std::int64_t bare_unit_bytes) {
  std::string_view trimmed = text::trim(text);
  std::size_t digits = 0;
  while (digits < trimmed.size() && std::isdigit(static_cast<unsigned char>(trimmed[digits]))) ++digits;
  std::string unit = text::to_lower(trimmed.substr(digits));
  std::int64_t multiplier = unit.empty() ? bare_unit_bytes : size_multiplier(unit);
  if (digits == 0 || multiplier == 0 || unit.find('i') != std::string::npos) {
    throw InputError("invalid value '" + std::string(text) +
                     "': Spark reads sizes as a whole number with an optional suffix b, k, kb, "
                     "m, mb, g, gb, t, tb, p or pb (e.g. 4g, 4096m); fractions and KiB-style "
                     "suffixes are rejected by Spark");
  }
  std::int64_t number = 0;
  auto [ptr, ec] = std::from_chars(trimmed.data(), trimmed.data() + digits, number);
  if (ec != std::errc() || number > std::numeric_limits<std::int64_t>::max() / multiplier)
    bad(text, "the size is too large");
  return number * multiplier;
}

double parse_duration_s(std::string_view text) {
  constexpr std::string_view kForms = "expected a duration such as 90s, 45m, 2h, 1h30m or a number of seconds";
  std::string_view rest = text::trim(text);
  if (rest.empty()) bad(text, kForms);
  double total = 0;
  bool any = false;
  while (!rest.empty()) {
    std::size_t end = 0;
    while (end < rest.size() && (std::isdigit(static_cast<unsigned char>(rest[end])) || rest[end] == '.')) ++end;
    if (end == 0) bad(text, kForms);
    double value = 0;
    auto [ptr, ec] = std::from_chars(rest.data(), rest.data() + end, value);
    if (ec != std::errc() || ptr != rest.data() + end) bad(text, kForms);
    rest.remove_prefix(end);
    std::size_t unit_end = 0;
    while (unit_end < rest.size() && std::isalpha(static_cast<unsigned char>(rest[unit_end]))) ++unit_end;
    std::string unit = text::to_lower(rest.substr(0, unit_end));
    rest = text::trim(rest.substr(unit_end));
    double scale = 0;
    if (unit.empty() || unit == "s" || unit == "sec" || unit == "secs")
      scale = 1;
    else if (unit == "m" || unit == "min" || unit == "mins")
      scale = 60;
    else if (unit == "h" || unit == "hr" || unit == "hrs")
      scale = 3600;
    else if (unit == "d")
      scale = 86400;
    else
      bad(text, kForms);
    if (unit.empty() && !rest.empty()) bad(text, kForms);
    total += value * scale;
    any = true;
  }
  if (!any) bad(text, kForms);
  return total;
}

double parse_money_usd(std::string_view text) {
  std::string_view trimmed = text::trim(text);
  if (!trimmed.empty() && trimmed.front() == '$') trimmed.remove_prefix(1);
  double value = 0;
  auto [ptr, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
  if (trimmed.empty() || ec != std::errc() || ptr != trimmed.data() + trimmed.size() || !std::isfinite(value))
    bad(text, "expected an amount in US dollars such as $50 or 12.5");
  if (value < 0) bad(text, "an amount of money cannot be negative");
  return value;
}

std::int64_t parse_count(std::string_view text, std::string_view what) {
  std::string_view trimmed = text::trim(text);
  std::int64_t value = 0;
  auto [ptr, ec] = std::from_chars(trimmed.data(), trimmed.data() + trimmed.size(), value);
  if (trimmed.empty() || ec != std::errc() || ptr != trimmed.data() + trimmed.size())
    bad(text, "expected a whole number of " + std::string(what));
  if (value < 1) bad(text, std::string(what) + " must be at least 1");
  return value;
}

std::vector<int> parse_count_set(std::string_view text, std::string_view what) {
  constexpr std::int64_t kMax = 100000;
  std::set<int> values;
  auto checked = [&](std::string_view part) {
    std::int64_t value = parse_count(part, what);
    if (value > kMax) bad(text, std::string(what) + " must be at most " + std::to_string(kMax));
    return static_cast<int>(value);
  };
  std::string_view trimmed = text::trim(text);
  if (auto dots = trimmed.find(".."); dots != std::string_view::npos) {
    int low = checked(trimmed.substr(0, dots));
    int high = checked(trimmed.substr(dots + 2));
    if (low > high)
      bad(text, "a range goes from low to high, as in " + std::to_string(high) + ".." + std::to_string(low));
    for (int value = low; value <= high; ++value) values.insert(value);
  } else {
    for (std::string_view part : text::split(trimmed, ',')) values.insert(checked(part));
  }
  return {values.begin(), values.end()};
}

std::string format_number(double value) { return text::shortest_number(value); }

std::string format_size(std::int64_t bytes) {
  static const std::pair<std::int64_t, const char*> kSteps[] = {
      {kTiB * 1024, "PiB"}, {kTiB, "TiB"}, {kGiB, "GiB"}, {kMiB, "MiB"}, {kKiB, "KiB"}};
  for (const auto& [step, name] : kSteps) {
    if (bytes >= step) {
      if (bytes % step == 0) return std::to_string(bytes / step) + " " + name;
      char buffer[64];
      double value = static_cast<double>(bytes) / static_cast<double>(step);
      std::snprintf(buffer, sizeof buffer, value < 10 ? "%.2f %s" : "%.1f %s", value, name);
      return buffer;
    }
  }
  return std::to_string(bytes) + " B";
}

std::string format_spark_memory(std::int64_t mib) {
  if (mib > 0 && mib % 1024 == 0) return std::to_string(mib / 1024) + "g";
  return std::to_string(mib) + "m";
}

std::string format_duration(double seconds) {
  char buffer[64];
  if (seconds < 1) {
    std::snprintf(buffer, sizeof buffer, "%.2f s", seconds);
  } else if (seconds < 60) {
    std::snprintf(buffer, sizeof buffer, "%.0f s", seconds);
  } else if (seconds < 3600) {
    long total = std::lround(seconds);
    std::snprintf(buffer, sizeof buffer, "%ld min %02ld s", total / 60, total % 60);
  } else {
    long minutes = std::lround(seconds / 60);
    std::snprintf(buffer, sizeof buffer, "%ld h %02ld min", minutes / 60, minutes % 60);
  }
  return buffer;
}

std::string format_percent(double share) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.0f%%", share * 100.0);
  return buffer;
}

std::string format_money(double usd) {
  char buffer[64];
  if (usd != 0 && std::fabs(usd) < 0.01) {
    std::snprintf(buffer, sizeof buffer, "$%.4f", usd);
    return buffer;
  }
  std::snprintf(buffer, sizeof buffer, "%.2f", std::fabs(usd));
  // Thousands separators for readability of large totals, built left to right (appending only:
  // GCC 12 warns falsely on std::string::insert here, PR 105329).
  std::string digits = buffer;
  std::size_t whole = digits.find('.');
  std::string result = usd < 0 ? "-$" : "$";
  for (std::size_t i = 0; i < whole; ++i) {
    if (i > 0 && (whole - i) % 3 == 0) result += ',';
    result += digits[i];
  }
  return result.append(digits, whole, std::string::npos);
}

}  // namespace sparkfit::units
