// A small, strict (RFC 8259) JSON reader that keeps where every value came from, so loaders of
// EMR configurations, cluster descriptions and Glue jobs can point at the exact line and column
// of a bad value. Objects keep their key order; duplicate keys are an error (RFC 8259 leaves
// them undefined and AWS reads the last one, which would hide a typo-level mistake).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "sparkfit/util/error.hpp"

namespace sparkfit::json {

inline constexpr int kMaxDepth = 256;

struct Member;

struct Value {
  enum class Kind { null, boolean, number, string, array, object };

  Kind kind = Kind::null;
  bool boolean = false;
  double number = 0;
  std::string text;             // a string's decoded text, or a number's source text
  std::vector<Value> items;     // array elements
  std::vector<Member> members;  // object members, in document order
  int line = 0;                 // 1-based place of the value's first character
  int column = 0;

  bool is_null() const { return kind == Kind::null; }
  bool is_bool() const { return kind == Kind::boolean; }
  bool is_number() const { return kind == Kind::number; }
  bool is_string() const { return kind == Kind::string; }
  bool is_array() const { return kind == Kind::array; }
  bool is_object() const { return kind == Kind::object; }

  // The member named `key`, or nullptr (also for non-objects).
  const Value* find(std::string_view key) const;
  const Member* find_member(std::string_view key) const;
};

struct Member {
  std::string key;
  int line = 0;  // the key's place
  int column = 0;
  Value value;
};

// "an object", "a list", "a string", "a number", "true/false", "null": for "expected X, got Y".
std::string describe(const Value& value);

// A parsed document: the root value plus the text and file name, so callers can build located
// errors for any value without carrying the text around themselves.
struct Document {
  std::string file;
  std::string text;
  Value root;

  SourceLocation at(int line, int column) const { return SourceLocation{file, line, column, line_of(text, line)}; }
  SourceLocation at(const Value& value) const { return at(value.line, value.column); }
  SourceLocation at(const Member& member) const { return at(member.line, member.column); }
  [[noreturn]] void fail(const Value& value, const std::string& message) const { throw InputError(at(value), message); }
  [[noreturn]] void fail(const Member& member, const std::string& message) const {
    throw InputError(at(member), message);
  }
};

// Parses a whole document. Throws InputError `file:line:col: error: ...` on any syntax error,
// a nesting deeper than kMaxDepth, invalid UTF-8 in a string, or a duplicate key.
Document parse(std::string text, const std::string& file_name);

}  // namespace sparkfit::json
