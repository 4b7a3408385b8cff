#include "util/yaml_tree.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <sstream>

#include "util/yaml_limits.hpp"

namespace sparkfit::yaml {

namespace {

// Appends each event's value to the innermost open sequence or mapping. Only the last child of
// each open container is on the stack, and children are appended only to the innermost one, so
// the pointers stay valid while the vectors grow.
class TreeBuilder : public YAML::EventHandler {
 public:
  explicit TreeBuilder(YamlValue& root) : root_(root) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override { add(mark, anchor, YamlValue::Kind::null, {}); }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    throw YAML::ParserException(mark, "aliases are not supported here");
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    add(mark, anchor, YamlValue::Kind::scalar, value)->tag = tag;
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open_.push_back(add(mark, anchor, YamlValue::Kind::sequence, {}));
  }
  void OnSequenceEnd() override { open_.pop_back(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open_.push_back(add(mark, anchor, YamlValue::Kind::mapping, {}));
  }
  void OnMapEnd() override { open_.pop_back(); }

 private:
  YamlValue* add(const YAML::Mark& mark, YAML::anchor_t anchor, YamlValue::Kind kind, const std::string& scalar) {
    if (anchor != YAML::NullAnchor) throw YAML::ParserException(mark, "anchors are not supported here");
    YamlValue* value = nullptr;
    if (open_.empty()) {
      value = &root_;
    } else {
      open_.back()->children.emplace_back();
      value = &open_.back()->children.back();
    }
    value->kind = kind;
    value->line = mark.line;
    value->column = mark.column;
    value->scalar = scalar;
    return value;
  }

  YamlValue& root_;
  std::vector<YamlValue*> open_;
};

// Syntax errors read the same in every loader.
[[noreturn]] void fail_syntax(const std::string& file, const std::string& text, const YAML::ParserException& e) {
  throw InputError(yaml_location(file, text, e.mark.line, e.mark.column), "invalid YAML: " + e.msg);
}

}  // namespace

YamlValue parse_yaml(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  YamlValue root;
  TreeBuilder builder(root);
  parser.HandleNextDocument(builder);
  return root;
}

SourceLocation yaml_location(const std::string& file, const std::string& text, int line0, int column0) {
  if (line0 < 0) return SourceLocation{file, 0, 0, {}};
  const int line = line0 + 1;
  return SourceLocation{file, line, column0 + 1, line_of(text, line)};
}

YamlValue load_yaml(const std::string& text, const std::string& file) {
  check_limits(text, file);
  try {
    return parse_yaml(text);
  } catch (const YAML::ParserException& e) {
    fail_syntax(file, text, e);
  }
}

constexpr std::size_t kMaxYamlDocuments = 1000;

std::vector<YamlValue> load_yaml_documents(const std::string& text, const std::string& file) {
  check_limits(text, file);
  std::vector<YamlValue> documents;
  try {
    std::istringstream in(text);
    YAML::Parser parser(in);
    for (;;) {
      YamlValue root;
      TreeBuilder builder(root);
      if (!parser.HandleNextDocument(builder)) break;
      // yaml-cpp 0.7 can report a document forever on some malformed input (found by fuzzing);
      // no file a person writes holds this many.
      if (documents.size() >= kMaxYamlDocuments)
        throw InputError(SourceLocation{file, 0, 0, {}},
                         "more than " + std::to_string(kMaxYamlDocuments) + " YAML documents; is this the right file?");
      documents.push_back(std::move(root));
    }
  } catch (const YAML::ParserException& e) {
    fail_syntax(file, text, e);
  }
  return documents;
}

}  // namespace sparkfit::yaml
