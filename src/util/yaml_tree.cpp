#include "util/yaml_tree.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <map>
#include <sstream>

#include "util/yaml_limits.hpp"

namespace sparkfit::yaml {

namespace {

// Appends each event's value to the innermost open sequence or mapping. Only the last child of
// each open container is on the stack, and children are appended only to the innermost one, so
// the pointers stay valid while the vectors grow.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(YamlValue& root, Aliases aliases) : root_(root), aliases_(aliases) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    remember(anchor, *add(mark, anchor, YamlValue::Kind::null, {}));
  }
  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    if (aliases_ == Aliases::refuse) throw YAML::ParserException(mark, "aliases are not supported here");
    // Copied before the slot is made: the anchor may be an open container the alias sits in.
    YamlValue copy = anchored(anchor);
    *next_slot() = std::move(copy);
  }
  void OnScalar(const YAML::Mark& mark, const std::string& tag, YAML::anchor_t anchor,
                const std::string& value) override {
    YamlValue* scalar = add(mark, anchor, YamlValue::Kind::scalar, value);
    scalar->tag = tag;
    remember(anchor, *scalar);
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open_.push_back({add(mark, anchor, YamlValue::Kind::sequence, {}), anchor});
  }
  void OnSequenceEnd() override { close(); }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open_.push_back({add(mark, anchor, YamlValue::Kind::mapping, {}), anchor});
  }
  void OnMapEnd() override { close(); }

 private:
  struct Open {
    YamlValue* value;
    YAML::anchor_t anchor;
  };

  YamlValue* next_slot() {
    if (open_.empty()) return &root_;
    open_.back().value->children.emplace_back();
    return &open_.back().value->children.back();
  }

  YamlValue* add(const YAML::Mark& mark, YAML::anchor_t anchor, YamlValue::Kind kind, const std::string& scalar) {
    if (anchor != YAML::NullAnchor && aliases_ == Aliases::refuse)
      throw YAML::ParserException(mark, "anchors are not supported here");
    YamlValue* value = next_slot();
    value->kind = kind;
    value->line = mark.line;
    value->column = mark.column;
    value->pos = mark.pos;
    value->scalar = scalar;
    return value;
  }

  void close() {
    remember(open_.back().anchor, *open_.back().value);
    open_.pop_back();
  }

  void remember(YAML::anchor_t anchor, const YamlValue& value) {
    if (anchor != YAML::NullAnchor) anchored_[anchor] = value;
  }

  // The anchor's value; an alias inside its own anchor (`&a [*a]`) sees the container as far as
  // it is read.
  YamlValue anchored(YAML::anchor_t anchor) const {
    if (auto found = anchored_.find(anchor); found != anchored_.end()) return found->second;
    for (const Open& open : open_)
      if (open.anchor == anchor) return *open.value;
    return {};  // the parser refuses an alias to an undefined anchor before this
  }

  YamlValue& root_;
  Aliases aliases_;
  std::vector<Open> open_;
  std::map<YAML::anchor_t, YamlValue> anchored_;
};

// Syntax errors read the same in every loader.
[[noreturn]] void fail_syntax(const std::string& file, const std::string& text, const YAML::ParserException& e) {
  throw InputError(yaml_location(file, text, e.mark.line, e.mark.column), "invalid YAML: " + e.msg);
}

}  // namespace

YamlValue parse_yaml(const std::string& text, Aliases aliases) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  YamlValue root;
  TreeBuilder builder(root, aliases);
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
      TreeBuilder builder(root, Aliases::refuse);
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
