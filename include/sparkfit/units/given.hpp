// What the user gave, as text, by each input's name: its flag without the dashes ("executor-memory",
// docs/interface.md#commands-and-flags), in the order the command line lists its flags. The engine
// turns these into its typed requests (sparkfit/job/overrides.hpp, sparkfit/platform/requests.hpp,
// sparkfit/search/planning.hpp), where the meaning of each value is known, and every error it finds
// in a value names the flag ("--nodes: ...").
#pragma once

#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "sparkfit/util/error.hpp"

namespace sparkfit::units {

class Given {
 public:
  // `value` of a switch (--auto-scaling) is "".
  void add(std::string name, std::string value);
  // The value given for `name`; nullopt when it was not given.
  std::optional<std::string> text(std::string_view name) const;
  bool has(std::string_view name) const { return text(name).has_value(); }
  // The names given, in the order they were added.
  std::vector<std::string> names() const;

  // The value of `name` converted by `function`; nullopt when it was not given. An InputError
  // from `function` gets the flag's name in front: "--name: message".
  template <typename Function>
  auto convert(std::string_view name, Function function) const -> std::optional<decltype(function(std::string()))> {
    const std::optional<std::string> value = text(name);
    if (!value) return std::nullopt;
    try {
      return function(*value);
    } catch (const InputError& error) {
      throw InputError("--" + std::string(name) + ": " + error.message());
    }
  }

  // `name`'s word, `first` or `second`.
  std::optional<std::string> word(std::string_view name, const char* first, const char* second) const;
  // A count from 1 to 1,000,000.
  std::optional<int> count(std::string_view name) const;
  // A size in MiB of at least `floor_mib`: 0, or a size that rounds to 0 MiB, is an input, not "not
  // given"; `why` follows the refusal of a smaller one.
  std::optional<std::int64_t> memory(std::string_view name, std::int64_t floor_mib = 1,
                                     const char* why = "give a size above 0, such as 512m or 4g") const;
  // A number for which `in_range` holds, else `expected` names the accepted values.
  template <typename InRange>
  std::optional<double> number(std::string_view name, InRange in_range, const char* expected) const {
    return convert(name, [&](const std::string& v) {
      double f = 0;
      auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), f);
      if (ec != std::errc() || ptr != v.data() + v.size() || !in_range(f))
        throw InputError("invalid value '" + v + "': expected " + expected);
      return f;
    });
  }

 private:
  std::vector<std::pair<std::string, std::string>> values_;
};

}  // namespace sparkfit::units
