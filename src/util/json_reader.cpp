#include "sparkfit/util/json_reader.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <string>

namespace sparkfit::json {

const Value* Value::find(std::string_view key) const {
  const Member* member = find_member(key);
  return member ? &member->value : nullptr;
}

const Member* Value::find_member(std::string_view key) const {
  for (const Member& member : members)
    if (member.key == key) return &member;
  return nullptr;
}

std::string describe(const Value& value) {
  switch (value.kind) {
    case Value::Kind::null: return "null";
    case Value::Kind::boolean: return value.boolean ? "true" : "false";
    case Value::Kind::number: return "a number";
    case Value::Kind::string: return "a string";
    case Value::Kind::array: return "a list";
    case Value::Kind::object: return "an object";
  }
  return "a value";
}

namespace {

class Parser {
 public:
  Parser(const Document& doc) : doc_(doc), text_(doc.text) {}

  Value parse_document() {
    // A UTF-8 byte order mark is allowed before the text (RFC 8259 section 8.1).
    if (text_.compare(0, 3, "\xEF\xBB\xBF") == 0) pos_ = line_start_ = 3;
    skip_space();
    if (at_end()) fail_here("empty document: expected a JSON value");
    Value root = parse_value(0);
    skip_space();
    if (!at_end()) fail_here("unexpected text after the JSON value");
    return root;
  }

 private:
  const Document& doc_;
  const std::string& text_;
  std::size_t pos_ = 0;
  std::size_t line_start_ = 0;
  int line_ = 1;

  bool at_end() const { return pos_ >= text_.size(); }
  char peek() const { return at_end() ? '\0' : text_[pos_]; }
  int column_at(std::size_t pos) const { return static_cast<int>(pos - line_start_) + 1; }

  [[noreturn]] void fail_at(std::size_t pos, const std::string& message) const {
    throw InputError(doc_.at(line_, column_at(pos)), message);
  }
  [[noreturn]] void fail_here(const std::string& message) const { fail_at(pos_, message); }

  // What stands at the current position, for "expected X, got Y" messages.
  std::string got() const {
    if (at_end()) return "the end of the input";
    unsigned char c = static_cast<unsigned char>(text_[pos_]);
    if (c < 0x20 || c >= 0x7f) return "a byte 0x" + hex2(c);
    return std::string("'") + static_cast<char>(c) + "'";
  }
  static std::string hex2(unsigned char c) {
    const char* digits = "0123456789ABCDEF";
    return std::string{digits[c >> 4], digits[c & 15]};
  }

  void skip_space() {
    while (!at_end()) {
      char c = text_[pos_];
      if (c == '\n') {
        ++pos_;
        ++line_;
        line_start_ = pos_;
      } else if (c == ' ' || c == '\t' || c == '\r') {
        ++pos_;
      } else {
        break;
      }
    }
  }

  Value start_value(Value::Kind kind) const {
    Value value;
    value.kind = kind;
    value.line = line_;
    value.column = column_at(pos_);
    return value;
  }

  Value parse_value(int depth) {
    if (at_end()) fail_here("unexpected end of input: expected a value");
    char c = peek();
    switch (c) {
      case '{': return parse_object(depth + 1);
      case '[': return parse_array(depth + 1);
      case '"': {
        Value value = start_value(Value::Kind::string);
        value.text = parse_string();
        return value;
      }
      case 't': return parse_literal("true", Value::Kind::boolean, true);
      case 'f': return parse_literal("false", Value::Kind::boolean, false);
      case 'n': return parse_literal("null", Value::Kind::null, false);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) return parse_number();
        if (c == '\'') fail_here("strings must be in double quotes");
        fail_here("expected a value, got " + got());
    }
  }

  Value parse_literal(std::string_view word, Value::Kind kind, bool flag) {
    Value value = start_value(kind);
    if (text_.compare(pos_, word.size(), word) != 0) fail_here("expected a value, got " + got());
    pos_ += word.size();
    // `trueish` is one bad word, not `true` followed by junk.
    if (!at_end() && std::isalnum(static_cast<unsigned char>(peek())))
      fail_at(pos_ - word.size(), "expected a value, got '" + std::string(word) + peek() + "...'");
    value.boolean = flag;
    return value;
  }

  static bool is_digit(char c) { return c >= '0' && c <= '9'; }

  Value parse_number() {
    Value value = start_value(Value::Kind::number);
    std::size_t start = pos_;
    if (peek() == '-') ++pos_;
    if (!is_digit(peek())) fail_at(start, "invalid number: expected a digit after '-'");
    if (peek() == '0') {
      ++pos_;
      if (is_digit(peek())) fail_at(start, "invalid number: leading zeros are not allowed");
    } else {
      while (is_digit(peek())) ++pos_;
    }
    if (peek() == '.') {
      ++pos_;
      if (!is_digit(peek())) fail_at(start, "invalid number: expected a digit after '.'");
      while (is_digit(peek())) ++pos_;
    }
    if (peek() == 'e' || peek() == 'E') {
      ++pos_;
      if (peek() == '+' || peek() == '-') ++pos_;
      if (!is_digit(peek())) fail_at(start, "invalid number: expected a digit in the exponent");
      while (is_digit(peek())) ++pos_;
    }
    value.text = text_.substr(start, pos_ - start);
    auto [ptr, ec] = std::from_chars(text_.data() + start, text_.data() + pos_, value.number);
    if (ec != std::errc() || !std::isfinite(value.number)) fail_at(start, "number out of range: " + value.text);
    return value;
  }

  unsigned parse_hex4() {
    unsigned code = 0;
    for (int i = 0; i < 4; ++i) {
      char c = peek();
      unsigned digit = 0;
      if (c >= '0' && c <= '9')
        digit = static_cast<unsigned>(c - '0');
      else if (c >= 'a' && c <= 'f')
        digit = static_cast<unsigned>(c - 'a' + 10);
      else if (c >= 'A' && c <= 'F')
        digit = static_cast<unsigned>(c - 'A' + 10);
      else
        fail_here("invalid \\u escape: expected 4 hex digits");
      code = code * 16 + digit;
      ++pos_;
    }
    return code;
  }

  static void append_utf8(std::string& out, unsigned code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else if (code < 0x10000) {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xF0 | (code >> 18));
      out += static_cast<char>(0x80 | ((code >> 12) & 0x3F));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  // Length of a valid UTF-8 sequence at pos_, or 0.
  std::size_t utf8_length() const {
    auto byte = [&](std::size_t i) {
      return pos_ + i < text_.size() ? static_cast<unsigned char>(text_[pos_ + i]) : 0u;
    };
    unsigned b0 = byte(0);
    auto cont = [&](std::size_t i) { return (byte(i) & 0xC0u) == 0x80u; };
    if (b0 >= 0xC2 && b0 <= 0xDF) return cont(1) ? 2 : 0;
    if (b0 >= 0xE0 && b0 <= 0xEF) {
      unsigned b1 = byte(1);
      if (b0 == 0xE0 && b1 < 0xA0) return 0;  // overlong
      if (b0 == 0xED && b1 > 0x9F) return 0;  // surrogates
      return cont(1) && cont(2) ? 3 : 0;
    }
    if (b0 >= 0xF0 && b0 <= 0xF4) {
      unsigned b1 = byte(1);
      if (b0 == 0xF0 && b1 < 0x90) return 0;
      if (b0 == 0xF4 && b1 > 0x8F) return 0;
      return cont(1) && cont(2) && cont(3) ? 4 : 0;
    }
    return 0;
  }

  std::string parse_string() {
    std::size_t open = pos_;
    ++pos_;  // the opening quote
    std::string out;
    while (true) {
      if (at_end()) fail_at(open, "unterminated string");
      unsigned char c = static_cast<unsigned char>(text_[pos_]);
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c == '\n') fail_at(open, "unterminated string");
      if (c < 0x20) fail_here("control character 0x" + hex2(c) + " in a string must be escaped");
      if (c == '\\') {
        std::size_t escape = pos_;
        ++pos_;
        char e = peek();
        ++pos_;
        switch (e) {
          case '"': out += '"'; break;
          case '\\': out += '\\'; break;
          case '/': out += '/'; break;
          case 'b': out += '\b'; break;
          case 'f': out += '\f'; break;
          case 'n': out += '\n'; break;
          case 'r': out += '\r'; break;
          case 't': out += '\t'; break;
          case 'u': {
            unsigned code = parse_hex4();
            if (code >= 0xD800 && code <= 0xDBFF) {
              if (text_.compare(pos_, 2, "\\u") != 0)
                fail_at(escape, "invalid \\u escape: a high surrogate must be followed by a low one");
              pos_ += 2;
              unsigned low = parse_hex4();
              if (low < 0xDC00 || low > 0xDFFF)
                fail_at(escape, "invalid \\u escape: a high surrogate must be followed by a low one");
              code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00);
            } else if (code >= 0xDC00 && code <= 0xDFFF) {
              fail_at(escape, "invalid \\u escape: a low surrogate without a high one");
            }
            append_utf8(out, code);
            break;
          }
          default:
            if (escape + 1 >= text_.size()) fail_at(open, "unterminated string");
            fail_at(escape, std::string("invalid escape '\\") +
                                (static_cast<unsigned char>(e) < 0x20 || static_cast<unsigned char>(e) >= 0x7f
                                     ? "?"
                                     : std::string(1, e)) +
                                "' in a string");
        }
        continue;
      }
      if (c >= 0x80) {
        std::size_t length = utf8_length();
        if (length == 0) fail_here("invalid UTF-8 in a string");
        out.append(text_, pos_, length);
        pos_ += length;
        continue;
      }
      out += static_cast<char>(c);
      ++pos_;
    }
  }

  void check_depth(int depth) const {
    if (depth > kMaxDepth) fail_here("nesting deeper than " + std::to_string(kMaxDepth) + " levels");
  }

  Value parse_array(int depth) {
    check_depth(depth);
    Value array = start_value(Value::Kind::array);
    ++pos_;
    skip_space();
    if (peek() == ']') {
      ++pos_;
      return array;
    }
    while (true) {
      skip_space();
      if (peek() == ']') fail_here("trailing comma before ']'");
      array.items.push_back(parse_value(depth));
      skip_space();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == ']') {
        ++pos_;
        return array;
      }
      if (at_end()) fail_here("unexpected end of input: expected ',' or ']' after a list element");
      fail_here("expected ',' or ']' after a list element, got " + got());
    }
  }

  Value parse_object(int depth) {
    check_depth(depth);
    Value object = start_value(Value::Kind::object);
    ++pos_;
    skip_space();
    if (peek() == '}') {
      ++pos_;
      return object;
    }
    while (true) {
      skip_space();
      if (peek() == '}') fail_here("trailing comma before '}'");
      if (peek() != '"') {
        if (at_end()) fail_here("unexpected end of input: expected a key in double quotes");
        fail_here("expected a key in double quotes, got " + got());
      }
      Member member;
      member.line = line_;
      member.column = column_at(pos_);
      member.key = parse_string();
      if (const Member* first = object.find_member(member.key))
        throw InputError(
            doc_.at(member.line, member.column),
            "duplicate key '" + member.key + "' (first given on line " + std::to_string(first->line) + ")");
      skip_space();
      if (peek() != ':') {
        if (at_end()) fail_here("unexpected end of input: expected ':' after an object key");
        fail_here("expected ':' after an object key, got " + got());
      }
      ++pos_;
      skip_space();
      member.value = parse_value(depth);
      object.members.push_back(std::move(member));
      skip_space();
      if (peek() == ',') {
        ++pos_;
        continue;
      }
      if (peek() == '}') {
        ++pos_;
        return object;
      }
      if (at_end()) fail_here("unexpected end of input: expected ',' or '}' after an object member");
      fail_here("expected ',' or '}' after an object member, got " + got());
    }
  }
};

}  // namespace

Document parse(std::string text, const std::string& file_name) {
  Document doc;
  doc.file = file_name;
  doc.text = std::move(text);
  Parser parser(doc);
  doc.root = parser.parse_document();
  return doc;
}

}  // namespace sparkfit::json
