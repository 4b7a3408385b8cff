// A plain tree of YAML values with their positions, built from yaml-cpp's event parser.
// YAML::Load builds reference-counted nodes and costs about twice as much as the parse itself;
// the catalog and rule loaders run on every command, so they read into this simpler tree instead.
// Other loaders of user files (Kubernetes SparkApplications) read the same tree, so positions are
// converted to places in one way everywhere.
#pragma once

#include <string>
#include <vector>

#include "sparkfit/util/error.hpp"

namespace sparkfit::yaml {

struct YamlValue {
  enum class Kind { null, scalar, sequence, mapping };
  Kind kind = Kind::null;
  int line = -1;    // 0-based, as yaml-cpp reports it; -1 when unknown
  int column = -1;  // 0-based
  int pos = -1;     // 0-based offset of the value's first character in the text, as yaml-cpp counts it
  std::string scalar;
  // yaml-cpp's tag of a scalar: "?" when written plain, so that YAML reads its type from the text
  // (4 is a number, true a boolean); "!" when quoted or a block (always a string); else the
  // explicit tag. Schemas with typed fields (Kubernetes') need the difference.
  std::string tag;
  // Sequence items; for a mapping, keys and values alternate (key, value, key, value, ...).
  std::vector<YamlValue> children;

  bool is_null() const { return kind == Kind::null; }
  bool is_scalar() const { return kind == Kind::scalar; }
  bool is_sequence() const { return kind == Kind::sequence; }
  bool is_map() const { return kind == Kind::mapping; }
  bool is_plain() const { return kind == Kind::scalar && tag == "?"; }
};

// What an alias (`*name`) does: the catalogs and manifests refuse anchors and aliases; the rule
// files accept them, as yaml-cpp's node API did, and an alias becomes a copy of its anchor's value
// with the anchor's positions.
enum class Aliases { refuse, expand };

// Parses one YAML document. Throws YAML::ParserException on a syntax error, and on an anchor or
// alias when `aliases` is refuse.
YamlValue parse_yaml(const std::string& text, Aliases aliases = Aliases::refuse);

// A 0-based yaml-cpp position in `file` as a 1-based place with its source line, for errors; a
// negative line (unknown) gives the file alone.
SourceLocation yaml_location(const std::string& file, const std::string& text, int line0, int column0);

// parse_yaml for a file the user names: a syntax error is an InputError at its place
// ("invalid YAML: ...").
YamlValue load_yaml(const std::string& text, const std::string& file);

// Every document of a stream (`---` separates them), in order; none for an empty file. Syntax
// errors as load_yaml.
std::vector<YamlValue> load_yaml_documents(const std::string& text, const std::string& file);

}  // namespace sparkfit::yaml
