#include "sparkfit/util/json_writer.hpp"

#include <cmath>
#include <cstdio>

#include "sparkfit/util/text.hpp"

namespace sparkfit {

// Control characters (C0, DEL and the C1 controls U+0080..U+009F) as \u escapes, so that a
// reader that prints a value raw does not send them to a terminal; a byte that is not UTF-8
// cannot be in a JSON string, so it appears as the text `\xNN`, as the text output shows it.
std::string json_escape(std::string_view text) {
  std::string result;
  result.reserve(text.size() + 2);
  result += '"';
  for (std::size_t at = 0; at < text.size();) {
    const char c = text[at];
    const auto byte = static_cast<unsigned char>(c);
    char buffer[8];
    switch (c) {
      case '"': result += "\\\""; break;
      case '\\': result += "\\\\"; break;
      case '\n': result += "\\n"; break;
      case '\r': result += "\\r"; break;
      case '\t': result += "\\t"; break;
      default:
        if (byte < 0x20 || byte == 0x7F) {
          std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned>(byte));
          result += buffer;
        } else if (byte < 0x80) {
          result += c;
        } else {
          const text::Shown shown = text::shown_at(text, at);
          if (shown.text.front() != '\\') {
            result += shown.text;
          } else if (shown.end - at == 2) {  // a C1 control, C2 80..C2 9F
            std::snprintf(buffer, sizeof buffer, "\\u%04x", static_cast<unsigned char>(text[at + 1]));
            result += buffer;
          } else {
            result += "\\" + shown.text;
          }
          at = shown.end;
          continue;
        }
    }
    ++at;
  }
  result += '"';
  return result;
}

void JsonWriter::newline() {
  out_ += '\n';
  out_.append(stack_.size() * 2, ' ');
}

void JsonWriter::before_value() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!stack_.empty()) {
    if (!stack_.back().empty) out_ += ',';
    stack_.back().empty = false;
    newline();
  }
}

JsonWriter& JsonWriter::begin_object() {
  before_value();
  out_ += '{';
  stack_.push_back({true});
  return *this;
}

JsonWriter& JsonWriter::end_object() {
  bool was_empty = stack_.back().empty;
  stack_.pop_back();
  if (!was_empty) newline();
  out_ += '}';
  if (stack_.empty()) out_ += '\n';
  return *this;
}

JsonWriter& JsonWriter::begin_array() {
  before_value();
  out_ += '[';
  stack_.push_back({false});
  return *this;
}

JsonWriter& JsonWriter::end_array() {
  bool was_empty = stack_.back().empty;
  stack_.pop_back();
  if (!was_empty) newline();
  out_ += ']';
  if (stack_.empty()) out_ += '\n';
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  if (!stack_.back().empty) out_ += ',';
  stack_.back().empty = false;
  newline();
  out_ += json_escape(name);
  out_ += ": ";
  after_key_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  before_value();
  out_ += json_escape(text);
  return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
  before_value();
  out_ += flag ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
  before_value();
  out_ += std::to_string(number);
  return *this;
}

JsonWriter& JsonWriter::value(double number) {
  before_value();
  if (!std::isfinite(number)) {
    out_ += "null";
  } else if (number == std::floor(number) && std::fabs(number) < 1e15) {
    // Whole values print without an exponent so scripts see 98.0 as 98.
    out_ += std::to_string(static_cast<std::int64_t>(number));
  } else {
    out_ += text::shortest_number(number);
  }
  return *this;
}

JsonWriter& JsonWriter::null() {
  before_value();
  out_ += "null";
  return *this;
}

}  // namespace sparkfit
