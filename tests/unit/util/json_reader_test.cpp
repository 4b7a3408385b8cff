// The JSON reader behind EMR configurations, cluster descriptions and Glue jobs: key order and
// places kept, and every syntax error exact and located.
#include <doctest/doctest.h>

#include <string>

#include "sparkfit/util/json_reader.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;

namespace {

std::string json_error(const std::string& text) {
  return testing::error_of([&] { json::parse(text, "x.json"); });
}

}  // namespace

TEST_SUITE("util") {
  TEST_CASE("the JSON reader keeps key order and places, and decodes escapes") {
    json::Document doc =
        json::parse("{\"b\": 1, \"a\": [true, null, -0.5e1],\n \"s\": \"x\\u00e9\\ud83d\\ude00\\n\"}", "x.json");
    REQUIRE(doc.root.members.size() == 3);
    CHECK(doc.root.members[0].key == "b");
    CHECK(doc.root.members[1].key == "a");
    const json::Value* a = doc.root.find("a");
    REQUIRE(a);
    CHECK(a->items[2].number == -5.0);
    CHECK(a->items[2].column == 28);
    const json::Member* s = doc.root.find_member("s");
    REQUIRE(s);
    CHECK(s->line == 2);
    CHECK(s->column == 2);
    CHECK(s->value.text == "x\xC3\xA9\xF0\x9F\x98\x80\n");
  }

  TEST_CASE("JSON syntax errors are exact and located") {
    CHECK(json_error("{\"a\": 1 \"b\": 2}") ==
          "x.json:1:9: error: expected ',' or '}' after an object member, got '\"'\n"
          "{\"a\": 1 \"b\": 2}\n"
          "        ^");
    CHECK(json_error("[1, 2,]") ==
          "x.json:1:7: error: trailing comma before ']'\n"
          "[1, 2,]\n"
          "      ^");
    CHECK(json_error("{\"a\": 1,}") ==
          "x.json:1:9: error: trailing comma before '}'\n"
          "{\"a\": 1,}\n"
          "        ^");
    CHECK(json_error("{\"a\" 1}") ==
          "x.json:1:6: error: expected ':' after an object key, got '1'\n"
          "{\"a\" 1}\n"
          "     ^");
    CHECK(json_error("{a: 1}") ==
          "x.json:1:2: error: expected a key in double quotes, got 'a'\n"
          "{a: 1}\n"
          " ^");
    CHECK(json_error("[\"abc") ==
          "x.json:1:2: error: unterminated string\n"
          "[\"abc\n"
          " ^");
    CHECK(json_error("[01]") ==
          "x.json:1:2: error: invalid number: leading zeros are not allowed\n"
          "[01]\n"
          " ^");
    CHECK(json_error("[1e999]") ==
          "x.json:1:2: error: number out of range: 1e999\n"
          "[1e999]\n"
          " ^");
    CHECK(json_error("[\"a\\x\"]") ==
          "x.json:1:4: error: invalid escape '\\x' in a string\n"
          "[\"a\\x\"]\n"
          "   ^");
    CHECK(json_error("[\"\\ud800\"]") ==
          "x.json:1:3: error: invalid \\u escape: a high surrogate must be followed by a low one\n"
          "[\"\\ud800\"]\n"
          "  ^");
    CHECK(json_error("[\"a\tb\"]") ==
          "x.json:1:4: error: control character 0x09 in a string must be escaped\n"
          "[\"a\tb\"]\n"
          "   ^");
    CHECK(json_error("[\"\xC3\x28\"]") ==
          "x.json:1:3: error: invalid UTF-8 in a string\n"
          "[\"\\xc3(\"]\n"
          "  ^");
    CHECK(json_error("{\"a\": 1, \"a\": 2}") ==
          "x.json:1:10: error: duplicate key 'a' (first given on line 1)\n"
          "{\"a\": 1, \"a\": 2}\n"
          "         ^");
    CHECK(json_error("[tru]") ==
          "x.json:1:2: error: expected a value, got 't'\n"
          "[tru]\n"
          " ^");
    CHECK(json_error("{} x") ==
          "x.json:1:4: error: unexpected text after the JSON value\n"
          "{} x\n"
          "   ^");
    CHECK(json_error("") == "x.json:1:1: error: empty document: expected a JSON value");
    CHECK(json_error("{\"a\": [1,\n 2") ==
          "x.json:2:3: error: unexpected end of input: expected ',' or ']' after a list element\n"
          " 2\n"
          "  ^");
    CHECK(json_error("['a']") ==
          "x.json:1:2: error: strings must be in double quotes\n"
          "['a']\n"
          " ^");
  }

  TEST_CASE("the JSON reader refuses nesting deeper than 256 levels") {
    CHECK_NOTHROW(json::parse(std::string(256, '[') + std::string(256, ']'), "x.json"));
    std::string deep = std::string(257, '[') + std::string(257, ']');
    CHECK(json_error(deep).rfind("x.json:1:257: error: nesting deeper than 256 levels\n", 0) == 0);
  }

}  // TEST_SUITE
