// The condition language of review rules: small, side-effect free and bounded.
//
//   executor.cores > 5
//   container.mib > node.yarn_max_mib
//   shuffle.bytes_per_partition > 1g and not aqe.enabled
//   max(a, b) >= 2 * c          platform == "emr"          executor.memory_overhead_mib == null
//
// Grammar, loosest first: `or`/`||`, `and`/`&&`, `not`/`!`, one comparison (== != < <= > >=;
// comparisons do not chain), + -, * /, unary -, then literals, facts, calls and parentheses.
// Literals: numbers with an optional binary size unit meaning bytes (`512k`, `128m`, `1g`,
// `2tb`, `4GiB`: 1g = 1073741824), "strings", true, false, null. Facts are dotted names
// (`executor.cores`). Functions: min(x, ...), max(x, ...), abs(x).
//
// Missing facts and null: a fact that is not known evaluates to null. Arithmetic and functions
// with a null operand give null; division by zero gives null; any comparison with a null operand
// is false (== and != included), except that comparing with the literal `null` tests presence
// (`x == null` is true exactly when x is missing). `not`, `and`, `or` follow three-valued logic
// (not null = null, false and null = false, true or null = true). A rule fires only when its
// condition is exactly true, so a rule whose facts are missing does not fire.
#pragma once

#include <cstddef>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sparkfit/util/error.hpp"

namespace sparkfit::rules {

inline constexpr int kMaxExprDepth = 64;
inline constexpr std::size_t kMaxExprLength = 4096;

struct Value {
  enum class Kind { null, number, boolean, string };
  Kind kind = Kind::null;
  double number = 0;
  bool boolean = false;
  std::string text;

  static Value null_value() { return {}; }
  static Value of(double n) { return {Kind::number, n, false, {}}; }
  static Value of(int n) { return of(static_cast<double>(n)); }
  static Value of(long long n) { return of(static_cast<double>(n)); }
  static Value of(long n) { return of(static_cast<double>(n)); }
  static Value of(bool b) { return {Kind::boolean, 0, b, {}}; }
  static Value of(std::string s) { return {Kind::string, 0, false, std::move(s)}; }
  static Value of(const char* s) { return of(std::string(s)); }

  bool is_null() const { return kind == Kind::null; }
  friend bool operator==(const Value&, const Value&) = default;
};

// "null", "a number", "true/false", "a string".
std::string describe(const Value& value);

using Facts = std::map<std::string, Value, std::less<>>;
// Looks a fact up by name; std::nullopt when it is unknown (it then reads as null).
using FactLookup = std::function<std::optional<Value>(std::string_view)>;

struct Expr {
  enum class Kind { literal, fact, unary, binary, call };
  Kind kind = Kind::literal;
  std::string op;    // unary: "-", "not"; binary: "or" "and" "==" "!=" "<" "<=" ">" ">=" "+" "-" "*" "/"
  std::string name;  // fact name or function name
  Value literal;
  std::vector<Expr> args;  // operands
  std::size_t offset = 0;  // byte offset of the node's first character in the condition text
};

// Maps a byte offset in the condition text to a place in its file, for errors.
using OffsetLocator = std::function<SourceLocation(std::size_t offset)>;

// Parses a condition. `base` is where the condition's first character is (file, line, column,
// source line); an error at offset k is reported at base.column + k on a one-line condition.
// Without a base, errors read `<expression>:1:col`. Throws InputError.
Expr parse_expression(std::string_view text, const SourceLocation& base = {});
Expr parse_expression(std::string_view text, const OffsetLocator& locate);

// Fully parenthesised form, for tests and `rules show`: ((a + (b * c)) > 5).
std::string to_string(const Expr& expr);

struct FactRef {
  std::string name;
  std::size_t offset;
};
// Every fact the expression names, in order of appearance (repeats included).
std::vector<FactRef> fact_references(const Expr& expr);
// The names alone, sorted and unique.
std::vector<std::string> referenced_facts(const Expr& expr);

struct EvalResult {
  Value value;
  std::string error;  // a type error ("'>' needs numbers, got a string and a number"); "" when fine

  bool ok() const { return error.empty(); }
  // The rule fires: evaluated without error to exactly true.
  bool fires() const { return ok() && value.kind == Value::Kind::boolean && value.boolean; }
};

// Never throws for missing facts or type errors: those come back in the result.
EvalResult evaluate(const Expr& expr, const Facts& facts);
EvalResult evaluate(const Expr& expr, const FactLookup& lookup);

// Formats a number as messages show it: whole numbers without a fraction, others with up to
// four decimals (`16`, `0.1875`, `1.3333`).
std::string format_value(const Value& value);

}  // namespace sparkfit::rules
