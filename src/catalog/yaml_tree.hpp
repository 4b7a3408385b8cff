// A plain tree of YAML values with their positions, built from yaml-cpp's event parser.
// YAML::Load builds reference-counted nodes and costs about twice as much as the parse itself;
// the catalog loader runs on every command, so it reads into this simpler tree instead.
#pragma once

#include <string>
#include <vector>

namespace sparkfit::catalog {

struct YamlValue {
  enum class Kind { null, scalar, sequence, mapping };
  Kind kind = Kind::null;
  int line = -1;    // 0-based, as yaml-cpp reports it; -1 when unknown
  int column = -1;  // 0-based
  std::string scalar;
  // Sequence items; for a mapping, keys and values alternate (key, value, key, value, ...).
  std::vector<YamlValue> children;

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_map() const { return kind == Kind::mapping; }
};

// Parses one YAML document. Throws YAML::ParserException on a syntax error; anchors and aliases
// are rejected the same way (the catalogs do not use them).
YamlValue parse_yaml(const std::string& text);

}  // namespace sparkfit::catalog
