#include "util/yaml_limits.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <sstream>

#include "sparkfit/util/error.hpp"

namespace sparkfit::yaml {
namespace {

// Counts open sequences and mappings as yaml-cpp reports them, and measures every scalar.
class LimitChecker : public YAML::EventHandler {
 public:
  LimitChecker(const std::string& text, const std::string& file) : text_(text), file_(file) {}

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t, const std::string& value) override {
    if (value.size() > kMaxScalarLength)
      fail(mark, "a string of " + std::to_string(value.size()) + " characters; the limit is " +
                     std::to_string(kMaxScalarLength));
  }
  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    open(mark);
  }
  void OnSequenceEnd() override { --depth_; }
  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
    open(mark);
  }
  void OnMapEnd() override { --depth_; }

 private:
  void open(const YAML::Mark& mark) {
    if (++depth_ > kMaxNesting)
      fail(mark, "nesting deeper than " + std::to_string(kMaxNesting) + " levels; no sparkfit input nests this deep");
  }
  [[noreturn]] void fail(const YAML::Mark& mark, const std::string& message) const {
    throw InputError(SourceLocation{file_, mark.line + 1, mark.column + 1, line_of(text_, mark.line + 1)}, message);
  }

  const std::string& text_;
  const std::string& file_;
  int depth_ = 0;
};

// As many documents as load_yaml_documents reads before it gives up.
constexpr int kMaxDocuments = 1000;

}  // namespace

void check_limits(const std::string& text, const std::string& file) {
  std::istringstream in(text);
  YAML::Parser parser(in);
  LimitChecker checker(text, file);
  try {
    for (int document = 0; document < kMaxDocuments && parser.HandleNextDocument(checker); ++document) {
    }
  } catch (const YAML::Exception&) {
    // A syntax error: the loader reports it.
  }
}

}  // namespace sparkfit::yaml
