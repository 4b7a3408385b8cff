// The rule condition language (see rule_expr.hpp for the grammar and the null rules).
// Recursive descent with an explicit depth bound, so a hostile or broken rule file cannot
// exhaust the stack; evaluation reports type errors as data.
#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdio>

#include "sparkfit/rules/expr.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::rules {
namespace {

const std::vector<std::string> kFunctions = {"min", "max", "abs"};

enum class Tok { number, string, ident, op, end };

struct Token {
  Tok kind = Tok::end;
  std::string text;  // as written (identifier, operator, number with its unit)
  double number = 0;
  std::string str;  // decoded string literal
  std::size_t offset = 0;
};

bool ident_start(char c) { return std::isalpha(static_cast<unsigned char>(c)) || c == '_'; }
bool ident_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

double unit_multiplier(const std::string& unit) {
  std::string u = text::to_lower(unit);
  if (u.empty() || u == "b") return 1;
  const std::string letters = "kmgtp";
  std::size_t power = letters.find(u[0]);
  if (power == std::string::npos) return 0;
  std::string rest = u.substr(1);
  if (!rest.empty() && rest != "b" && rest != "ib") return 0;
  return std::pow(1024.0, static_cast<double>(power + 1));
}

class Parser {
 public:
  Parser(std::string_view text, const OffsetLocator& locate) : text_(text), locate_(locate) {}

  Expr parse() {
    if (text_.size() > kMaxExprLength)
      fail(kMaxExprLength, "condition is longer than " + std::to_string(kMaxExprLength) + " characters");
    tokenize();
    if (tokens_[0].kind == Tok::end) fail(0, "empty condition: expected an expression");
    Expr expr = parse_or(0);
    if (current().kind != Tok::end)
      fail(current().offset, "unexpected " + describe_token(current()) + " after the expression");
    return expr;
  }

 private:
  std::string_view text_;
  const OffsetLocator& locate_;
  std::vector<Token> tokens_;
  std::size_t at_ = 0;

  [[noreturn]] void fail(std::size_t offset, const std::string& message) const {
    throw InputError(locate_(offset), message);
  }

  static std::string describe_token(const Token& token) {
    if (token.kind == Tok::end) return "the end of the condition";
    return "'" + token.text + "'";
  }

  // ---- lexer ----

  void tokenize() {
    std::size_t i = 0;
    while (true) {
      while (i < text_.size() && std::isspace(static_cast<unsigned char>(text_[i]))) ++i;
      Token token;
      token.offset = i;
      if (i >= text_.size()) {
        tokens_.push_back(token);
        return;
      }
      char c = text_[i];
      if (std::isdigit(static_cast<unsigned char>(c)) ||
          (c == '.' && i + 1 < text_.size() && std::isdigit(static_cast<unsigned char>(text_[i + 1])))) {
        i = lex_number(i, token);
      } else if (ident_start(c)) {
        std::size_t start = i;
        while (true) {
          while (i < text_.size() && ident_char(text_[i])) ++i;
          if (i + 1 < text_.size() && text_[i] == '.' && ident_start(text_[i + 1])) {
            ++i;
            continue;
          }
          if (i < text_.size() && text_[i] == '.')
            fail(i, "expected a name after '.' in '" + std::string(text_.substr(start, i - start + 1)) + "'");
          break;
        }
        token.kind = Tok::ident;
        token.text = std::string(text_.substr(start, i - start));
      } else if (c == '"') {
        i = lex_string(i, token);
      } else if (c == '\'') {
        fail(i, "strings are written in double quotes");
      } else {
        i = lex_operator(i, token);
      }
      tokens_.push_back(std::move(token));
    }
  }

  std::size_t lex_number(std::size_t i, Token& token) {
    std::size_t start = i;
    auto digits = [&] {
      while (i < text_.size() && std::isdigit(static_cast<unsigned char>(text_[i]))) ++i;
    };
    digits();
    if (i < text_.size() && text_[i] == '.') {
      ++i;
      if (i >= text_.size() || !std::isdigit(static_cast<unsigned char>(text_[i])))
        fail(i, "expected a digit after '.' in a number");
      digits();
    }
    // An exponent only when digits follow: `1e3`; `1e` is a (bad) unit.
    if (i < text_.size() && (text_[i] == 'e' || text_[i] == 'E')) {
      std::size_t j = i + 1;
      if (j < text_.size() && (text_[j] == '+' || text_[j] == '-')) ++j;
      if (j < text_.size() && std::isdigit(static_cast<unsigned char>(text_[j]))) {
        i = j;
        digits();
      }
    }
    std::size_t number_end = i;
    while (i < text_.size() && ident_char(text_[i])) ++i;
    std::string unit(text_.substr(number_end, i - number_end));
    double value = 0;
    auto [ptr, ec] = std::from_chars(text_.data() + start, text_.data() + number_end, value);
    if (ec != std::errc() || !std::isfinite(value))
      fail(start, "number out of range: " + std::string(text_.substr(start, i - start)));
    double multiplier = unit_multiplier(unit);
    if (multiplier == 0)
      fail(number_end, "unknown size unit '" + unit + "' (expected k, m, g, t or p, optionally " +
                           "followed by b or ib, e.g. 128m, 1g, 4GiB)");
    token.kind = Tok::number;
    token.number = value * multiplier;
    if (!std::isfinite(token.number))
      fail(start, "number out of range: " + std::string(text_.substr(start, i - start)));
    token.text = std::string(text_.substr(start, i - start));
    return i;
  }

  std::size_t lex_string(std::size_t i, Token& token) {
    std::size_t open = i++;
    while (true) {
      if (i >= text_.size()) fail(open, "unterminated string");
      char c = text_[i];
      if (c == '"') break;
      if (c == '\\') {
        if (i + 1 >= text_.size()) fail(open, "unterminated string");
        char e = text_[i + 1];
        if (e == '"' || e == '\\')
          token.str += e;
        else if (e == 'n')
          token.str += '\n';
        else if (e == 't')
          token.str += '\t';
        else
          fail(i, "invalid escape in a string (use \\\" \\\\ \\n or \\t)");
        i += 2;
        continue;
      }
      token.str += c;
      ++i;
    }
    ++i;
    token.kind = Tok::string;
    token.text = std::string(text_.substr(open, i - open));
    return i;
  }

  std::size_t lex_operator(std::size_t i, Token& token) {
    static const char* const kTwo[] = {"==", "!=", "<=", ">=", "&&", "||"};
    token.kind = Tok::op;
    for (const char* op : kTwo) {
      if (text_.substr(i, 2) == op) {
        token.text = op;
        return i + 2;
      }
    }
    char c = text_[i];
    if (c == '=') fail(i, "'=' is not an operator; compare with '=='");
    if (c == '&') fail(i, "'&' is not an operator; use 'and' or '&&'");
    if (c == '|') fail(i, "'|' is not an operator; use 'or' or '||'");
    if (std::string_view("<>+-*/()!,").find(c) == std::string_view::npos) {
      unsigned char u = static_cast<unsigned char>(c);
      if (u < 0x20 || u >= 0x7f) {
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "0x%02X", u);
        fail(i, std::string("unexpected byte ") + buffer);
      }
      fail(i, std::string("unexpected character '") + c + "'");
    }
    token.text = std::string(1, c);
    return i + 1;
  }

  // ---- parser ----

  const Token& current() const { return tokens_[at_]; }
  bool is_op(std::string_view op) const { return current().kind == Tok::op && current().text == op; }
  bool is_word(std::string_view word) const { return current().kind == Tok::ident && current().text == word; }

  void enter(int depth) const {
    if (depth > kMaxExprDepth)
      fail(current().offset, "condition nests deeper than " + std::to_string(kMaxExprDepth) + " levels");
  }

  static Expr binary(std::string op, Expr left, Expr right) {
    Expr expr;
    expr.kind = Expr::Kind::binary;
    expr.op = std::move(op);
    expr.offset = left.offset;
    expr.args.push_back(std::move(left));
    expr.args.push_back(std::move(right));
    return expr;
  }

  // `depth` counts parentheses, call arguments, `not` and unary minus around this point.
  Expr parse_or(int depth) {
    enter(depth);
    Expr left = parse_and(depth);
    while (is_word("or") || is_op("||")) {
      ++at_;
      left = binary("or", std::move(left), parse_and(depth));
    }
    return left;
  }

  Expr parse_and(int depth) {
    Expr left = parse_not(depth);
    while (is_word("and") || is_op("&&")) {
      ++at_;
      left = binary("and", std::move(left), parse_not(depth));
    }
    return left;
  }

  Expr parse_not(int depth) {
    if (is_word("not") || is_op("!")) {
      enter(depth + 1);
      Expr expr;
      expr.kind = Expr::Kind::unary;
      expr.op = "not";
      expr.offset = current().offset;
      ++at_;
      expr.args.push_back(parse_not(depth + 1));
      return expr;
    }
    return parse_comparison(depth);
  }

  bool at_comparison() const {
    return current().kind == Tok::op && (current().text == "==" || current().text == "!=" || current().text == "<" ||
                                         current().text == "<=" || current().text == ">" || current().text == ">=");
  }

  Expr parse_comparison(int depth) {
    Expr left = parse_additive(depth);
    if (!at_comparison()) return left;
    std::string op = current().text;
    ++at_;
    Expr result = binary(op, std::move(left), parse_additive(depth));
    if (at_comparison()) fail(current().offset, "comparisons do not chain; join them with 'and' (a < b and b < c)");
    return result;
  }

  Expr parse_additive(int depth) {
    Expr left = parse_term(depth);
    while (is_op("+") || is_op("-")) {
      std::string op = current().text;
      ++at_;
      left = binary(op, std::move(left), parse_term(depth));
    }
    return left;
  }

  Expr parse_term(int depth) {
    Expr left = parse_unary(depth);
    while (is_op("*") || is_op("/")) {
      std::string op = current().text;
      ++at_;
      left = binary(op, std::move(left), parse_unary(depth));
    }
    return left;
  }

  Expr parse_unary(int depth) {
    if (is_op("-")) {
      enter(depth + 1);
      Expr expr;
      expr.kind = Expr::Kind::unary;
      expr.op = "-";
      expr.offset = current().offset;
      ++at_;
      expr.args.push_back(parse_unary(depth + 1));
      return expr;
    }
    return parse_primary(depth);
  }

  Expr parse_primary(int depth) {
    const Token& token = current();
    Expr expr;
    expr.offset = token.offset;
    switch (token.kind) {
      case Tok::number:
        expr.literal = Value::of(token.number);
        ++at_;
        return expr;
      case Tok::string:
        expr.literal = Value::of(token.str);
        ++at_;
        return expr;
      case Tok::ident: {
        if (token.text == "true" || token.text == "false") {
          expr.literal = Value::of(token.text == "true");
          ++at_;
          return expr;
        }
        if (token.text == "null") {
          ++at_;
          return expr;
        }
        if (token.text == "and" || token.text == "or" || token.text == "not")
          fail(token.offset, "expected an expression, got '" + token.text + "'");
        std::string name = token.text;
        ++at_;
        if (!is_op("(")) {
          expr.kind = Expr::Kind::fact;
          expr.name = name;
          return expr;
        }
        return parse_call(depth, std::move(expr), name);
      }
      case Tok::op:
        if (token.text == "(") {
          enter(depth + 1);  // report the '(' that goes too deep
          ++at_;
          Expr inner = parse_or(depth + 1);
          if (!is_op(")")) fail(current().offset, "expected ')', got " + describe_token(current()));
          ++at_;
          return inner;
        }
        break;
      case Tok::end: break;
    }
    fail(token.offset, "expected an expression, got " + describe_token(token));
  }

  Expr parse_call(int depth, Expr expr, const std::string& name) {
    if (std::find(kFunctions.begin(), kFunctions.end(), name) == kFunctions.end())
      fail(expr.offset, "unknown function '" + name + "'" + text::did_you_mean(name, kFunctions) +
                            "; the functions are min, max and abs");
    expr.kind = Expr::Kind::call;
    expr.name = name;
    ++at_;  // (
    if (!is_op(")")) {
      while (true) {
        expr.args.push_back(parse_or(depth + 1));
        if (is_op(",")) {
          ++at_;
          continue;
        }
        if (is_op(")")) break;
        fail(current().offset,
             "expected ',' or ')' in the arguments of " + name + "(), got " + describe_token(current()));
      }
    }
    ++at_;  // )
    if (name == "abs" && expr.args.size() != 1)
      fail(expr.offset, "abs() takes 1 argument, got " + std::to_string(expr.args.size()));
    if (expr.args.empty()) fail(expr.offset, name + "() needs at least 1 argument");
    return expr;
  }
};

// ---- evaluation ----

struct TypeError {
  std::string message;
};

class Evaluator {
 public:
  explicit Evaluator(const FactLookup& lookup) : lookup_(lookup) {}

  Value eval(const Expr& expr) {
    switch (expr.kind) {
      case Expr::Kind::literal: return expr.literal;
      case Expr::Kind::fact: {
        std::optional<Value> value = lookup_(expr.name);
        return value ? *value : Value{};
      }
      case Expr::Kind::unary: return unary(expr);
      case Expr::Kind::binary: return binary(expr);
      case Expr::Kind::call: return call(expr);
    }
    return {};
  }

 private:
  const FactLookup& lookup_;

  static bool is_null_literal(const Expr& expr) { return expr.kind == Expr::Kind::literal && expr.literal.is_null(); }

  static Value logic_operand(const Value& value, const std::string& op) {
    if (value.is_null() || value.kind == Value::Kind::boolean) return value;
    throw TypeError{"'" + op + "' needs true/false operands, got " + describe(value)};
  }

  Value unary(const Expr& expr) {
    Value operand = eval(expr.args[0]);
    if (operand.is_null()) return operand;
    if (expr.op == "not") {
      logic_operand(operand, "not");
      return Value::of(!operand.boolean);
    }
    if (operand.kind != Value::Kind::number) throw TypeError{"'-' needs a number, got " + describe(operand)};
    return Value::of(-operand.number);
  }

  Value binary(const Expr& expr) {
    const std::string& op = expr.op;
    if (op == "and" || op == "or") {
      Value left = logic_operand(eval(expr.args[0]), op);
      bool is_and = op == "and";
      // Short circuit: false and _ = false, true or _ = true.
      if (!left.is_null() && left.boolean != is_and) return left;
      Value right = logic_operand(eval(expr.args[1]), op);
      if (!right.is_null() && right.boolean != is_and) return right;
      if (left.is_null() || right.is_null()) return {};
      return Value::of(is_and);
    }
    if (op == "==" || op == "!=") {
      // Comparing with the literal null tests whether a fact is there.
      if (is_null_literal(expr.args[0]) || is_null_literal(expr.args[1])) {
        bool both_null = eval(expr.args[0]).is_null() && eval(expr.args[1]).is_null();
        return Value::of(op == "==" ? both_null : !both_null);
      }
    }
    Value left = eval(expr.args[0]);
    Value right = eval(expr.args[1]);
    bool comparison = op == "==" || op == "!=" || op == "<" || op == "<=" || op == ">" || op == ">=";
    if (left.is_null() || right.is_null()) return comparison ? Value::of(false) : Value{};
    if (op == "==" || op == "!=") {
      if (left.kind != right.kind)
        throw TypeError{"'" + op + "' compares " + describe(left) + " with " + describe(right)};
      bool equal = left == right;
      return Value::of(op == "==" ? equal : !equal);
    }
    if (left.kind != Value::Kind::number || right.kind != Value::Kind::number)
      throw TypeError{"'" + op + "' needs numbers, got " + describe(left) + " and " + describe(right)};
    double a = left.number, b = right.number;
    if (op == "<") return Value::of(a < b);
    if (op == "<=") return Value::of(a <= b);
    if (op == ">") return Value::of(a > b);
    if (op == ">=") return Value::of(a >= b);
    if (op == "+") return number(a + b);
    if (op == "-") return number(a - b);
    if (op == "*") return number(a * b);
    if (b == 0) return {};  // division by zero reads as unknown, like a missing fact
    return number(a / b);
  }

  static Value number(double value) { return std::isfinite(value) ? Value::of(value) : Value{}; }

  Value call(const Expr& expr) {
    std::vector<double> numbers;
    bool any_null = false;
    for (const Expr& arg : expr.args) {
      Value value = eval(arg);
      if (value.is_null()) {
        any_null = true;
        continue;
      }
      if (value.kind != Value::Kind::number) throw TypeError{expr.name + "() needs numbers, got " + describe(value)};
      numbers.push_back(value.number);
    }
    if (any_null) return {};
    if (expr.name == "abs") return Value::of(std::fabs(numbers[0]));
    if (expr.name == "min") return Value::of(*std::min_element(numbers.begin(), numbers.end()));
    return Value::of(*std::max_element(numbers.begin(), numbers.end()));
  }
};

void collect(const Expr& expr, std::vector<FactRef>& out) {
  if (expr.kind == Expr::Kind::fact) out.push_back({expr.name, expr.offset});
  for (const Expr& arg : expr.args) collect(arg, out);
}

}  // namespace

std::string describe(const Value& value) {
  switch (value.kind) {
    case Value::Kind::null: return "null";
    case Value::Kind::number: return "a number";
    case Value::Kind::boolean: return "true/false";
    case Value::Kind::string: return "a string";
  }
  return "a value";
}

Expr parse_expression(std::string_view text, const OffsetLocator& locate) { return Parser(text, locate).parse(); }

Expr parse_expression(std::string_view text, const SourceLocation& base) {
  SourceLocation start = base;
  if (start.file.empty() && start.line == 0) {
    start = SourceLocation{"<expression>", 1, 1, std::string(text.substr(0, text.find('\n')))};
  }
  OffsetLocator locate = [&](std::size_t offset) {
    SourceLocation where = start;
    offset = std::min(offset, text.size());
    std::string_view before = text.substr(0, offset);
    std::size_t newlines = static_cast<std::size_t>(std::count(before.begin(), before.end(), '\n'));
    if (newlines == 0) {
      where.column = start.column + static_cast<int>(offset);
      return where;
    }
    // A multi-line condition: lines after the first start at column 1 of their own line.
    std::size_t line_start = before.rfind('\n') + 1;
    where.line = start.line + static_cast<int>(newlines);
    where.column = static_cast<int>(offset - line_start) + 1;
    std::size_t line_end = text.find('\n', line_start);
    where.source_line = std::string(
        text.substr(line_start, line_end == std::string_view::npos ? std::string_view::npos : line_end - line_start));
    return where;
  };
  return Parser(text, locate).parse();
}

std::string to_string(const Expr& expr) {
  switch (expr.kind) {
    case Expr::Kind::literal:
      if (expr.literal.kind == Value::Kind::string) return "\"" + expr.literal.text + "\"";
      if (expr.literal.kind == Value::Kind::number) return units::format_number(expr.literal.number);
      if (expr.literal.kind == Value::Kind::boolean) return expr.literal.boolean ? "true" : "false";
      return "null";
    case Expr::Kind::fact: return expr.name;
    case Expr::Kind::unary: return "(" + expr.op + (expr.op == "not" ? " " : "") + to_string(expr.args[0]) + ")";
    case Expr::Kind::binary: return "(" + to_string(expr.args[0]) + " " + expr.op + " " + to_string(expr.args[1]) + ")";
    case Expr::Kind::call: {
      std::vector<std::string> parts;
      for (const Expr& arg : expr.args) parts.push_back(to_string(arg));
      return expr.name + "(" + text::join(parts) + ")";
    }
  }
  return "";
}

std::vector<FactRef> fact_references(const Expr& expr) {
  std::vector<FactRef> refs;
  collect(expr, refs);
  return refs;
}

std::vector<std::string> referenced_facts(const Expr& expr) {
  std::vector<std::string> names;
  for (const FactRef& ref : fact_references(expr)) names.push_back(ref.name);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

EvalResult evaluate(const Expr& expr, const FactLookup& lookup) {
  try {
    return EvalResult{Evaluator(lookup).eval(expr), ""};
  } catch (const TypeError& error) {
    return EvalResult{Value{}, error.message};
  }
}

EvalResult evaluate(const Expr& expr, const Facts& facts) {
  FactLookup lookup = [&facts](std::string_view name) -> std::optional<Value> {
    auto it = facts.find(name);
    if (it == facts.end()) return std::nullopt;
    return it->second;
  };
  return evaluate(expr, lookup);
}

std::string format_value(const Value& value) {
  switch (value.kind) {
    case Value::Kind::null: return "unknown";
    case Value::Kind::boolean: return value.boolean ? "true" : "false";
    case Value::Kind::string: return value.text;
    case Value::Kind::number: break;
  }
  double n = value.number;
  if (std::fabs(n) < 1e15 && n == std::floor(n)) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%.0f", n);
    return buffer;
  }
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.4f", n);
  std::string out = buffer;
  while (!out.empty() && out.back() == '0') out.pop_back();
  if (!out.empty() && out.back() == '.') out.pop_back();
  if (out == "-0") out = "0";
  return out;
}

}  // namespace sparkfit::rules
