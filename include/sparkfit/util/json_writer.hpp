// A small streaming JSON writer: keys come out in the order the caller writes them, numbers in
// the shortest form that reads back exactly, two-space indentation. Same input, same bytes.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sparkfit {

class JsonWriter {
 public:
  JsonWriter& begin_object();
  JsonWriter& end_object();
  JsonWriter& begin_array();
  JsonWriter& end_array();
  JsonWriter& key(std::string_view name);

  JsonWriter& value(std::string_view text);
  JsonWriter& value(const char* text) { return value(std::string_view(text)); }
  JsonWriter& value(const std::string& text) { return value(std::string_view(text)); }
  JsonWriter& value(bool flag);
  JsonWriter& value(std::int64_t number);
  JsonWriter& value(int number) { return value(static_cast<std::int64_t>(number)); }
  JsonWriter& value(double number);  // non-finite numbers are written as null
  JsonWriter& null();

  // key + value in one call.
  template <typename T>
  JsonWriter& field(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }
  template <typename T>
  JsonWriter& field(std::string_view name, const std::optional<T>& v) {
    key(name);
    return v ? value(*v) : null();
  }

  // The document so far, with a trailing newline once the top level is closed.
  const std::string& str() const { return out_; }
  // Hands over the text written so far and forgets it, the nesting kept: a long document streams.
  std::string take() { return std::exchange(out_, {}); }

 private:
  void before_value();
  void newline();

  std::string out_;
  struct Level {
    bool is_object;
    bool empty = true;
  };
  std::vector<Level> stack_;
  bool after_key_ = false;
};

std::string json_escape(std::string_view text);

}  // namespace sparkfit
