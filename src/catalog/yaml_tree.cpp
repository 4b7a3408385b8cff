#include "catalog/yaml_tree.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <sstream>

namespace sparkfit::catalog {

namespace {

// Appends each event's value to the innermost open sequence or mapping. Only the last child of
// each open container is on the stack, and children are appended only to the innermost one, so
// the pointers stay valid while the vectors grow.
class TreeBuilder : public YAML::EventHandler {
 public:
  explicit TreeBuilder(YamlValue& root) : root_(root) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    add(mark, anchor, YamlValue::Kind::null, {});
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    throw YAML::ParserException(mark, "aliases are not supported here");
  }
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string& value) override {
    add(mark, anchor, YamlValue::Kind::scalar, value);
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
  YamlValue* add(const YAML::Mark& mark, YAML::anchor_t anchor, YamlValue::Kind kind,
                 const std::string& scalar) {
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

}  // namespace

YamlValue parse_yaml(const std::string& text) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  YamlValue root;
  TreeBuilder builder(root);
  parser.HandleNextDocument(builder);
  return root;
}

}  // namespace sparkfit::catalog
