// A strict reader for the model's own YAML files (model.yaml, runtime_fit.yaml): an unknown key or
// an out-of-range number is an error with file:line:col, so a typo cannot fall back to a default.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "sparkfit/util/error.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::model {

struct Reader {
  std::string file;
  std::string text;

  // Reads and parses `path`; `what` names the file in the error when it cannot be read.
  YAML::Node open(const std::filesystem::path& path, const std::string& what) {
    file = path.string();
    std::ifstream in(path, std::ios::binary);
    if (!in) throw InputError("cannot read " + what + " '" + file + "'");
    std::ostringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
    try {
      return YAML::Load(text);
    } catch (const YAML::ParserException& error) {
      int line = error.mark.line + 1;
      throw InputError(SourceLocation{file, line, error.mark.column + 1, line_of(text, line)}, error.msg);
    }
  }

  [[noreturn]] void fail(const YAML::Node& node, const std::string& message) const {
    YAML::Mark mark = node.Mark();
    int line = mark.line + 1;
    throw InputError(SourceLocation{file, line, mark.column + 1, line_of(text, line)}, message);
  }

  void check_keys(const YAML::Node& map, const std::vector<std::string>& allowed, const std::string& where) const {
    if (!map || !map.IsMap()) throw InputError(file + ": error: expected a map for '" + where + "'");
    for (const auto& entry : map) {
      std::string key = entry.first.as<std::string>();
      if (std::find(allowed.begin(), allowed.end(), key) == allowed.end())
        fail(entry.first, "unknown key '" + key + "' in " + where + text::did_you_mean(key, allowed));
    }
  }

  double number(const YAML::Node& map, const std::string& key, const std::string& where, bool allow_zero) const {
    YAML::Node node = map[key];
    if (!node) throw InputError(file + ": error: missing key '" + key + "' in " + where);
    double value = 0;
    try {
      value = node.as<double>();
    } catch (const YAML::Exception&) {
      fail(node, "expected a number for '" + key + "', got '" + node.Scalar() + "'");
    }
    if (value < 0 || (!allow_zero && value == 0))
      fail(node, "'" + key + "' must be " + std::string(allow_zero ? "0 or more" : "more than 0"));
    return value;
  }
  double positive(const YAML::Node& map, const std::string& key, const std::string& where) const {
    return number(map, key, where, false);
  }
  double non_negative(const YAML::Node& map, const std::string& key, const std::string& where) const {
    return number(map, key, where, true);
  }
};

}  // namespace sparkfit::model
