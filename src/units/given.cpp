#include "sparkfit/units/given.hpp"

#include "sparkfit/units/units.hpp"

namespace sparkfit::units {

void Given::add(std::string name, std::string value) { values_.emplace_back(std::move(name), std::move(value)); }

std::optional<std::string> Given::text(std::string_view name) const {
  for (const auto& [given, value] : values_)
    if (given == name) return value;
  return std::nullopt;
}

std::vector<std::string> Given::names() const {
  std::vector<std::string> names;
  for (const auto& given : values_) names.push_back(given.first);
  return names;
}

std::optional<std::string> Given::word(std::string_view name, const char* first, const char* second) const {
  std::optional<std::string> value = text(name);
  if (value && *value != first && *value != second)
    throw InputError("--" + std::string(name) + ": expected " + first + " or " + second + ", got '" + *value + "'");
  return value;
}

std::optional<int> Given::count(std::string_view name) const {
  return convert(name, [&](const std::string& v) {
    std::int64_t n = parse_count(v, name);
    if (n > 1000000) throw InputError("invalid value '" + v + "': at most 1000000");
    return static_cast<int>(n);
  });
}

std::optional<std::int64_t> Given::memory(std::string_view name, std::int64_t floor_mib, const char* why) const {
  return convert(name, [&](const std::string& v) {
    const std::int64_t mib = parse_memory_mib(v);
    if (mib < floor_mib) throw InputError("'" + v + "' is " + std::to_string(mib) + " MiB; " + why);
    return mib;
  });
}

}  // namespace sparkfit::units
