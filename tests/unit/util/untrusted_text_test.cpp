// Untrusted text on its way out: control characters escaped in every format, long context lines
// cut around the caret, repeated lines said once with a count.
#include <doctest/doctest.h>

#include "sparkfit/util/error.hpp"
#include "sparkfit/util/json_writer.hpp"
#include "sparkfit/util/text.hpp"

using namespace sparkfit;

TEST_SUITE("util") {
  TEST_CASE("control characters, DEL, C1 controls and stray bytes are escaped, and text and backslashes are kept") {
    CHECK(text::printable("a\x1b[31mred\x07") == "a\\x1b[31mred\\x07");
    CHECK(text::printable("tab\there\nline\r") == "tab\there\\nline\\r");
    CHECK(text::printable("two\nlines", text::Newlines::keep) == "two\nlines");
    CHECK(text::printable("del\x7f c1\xc2\x9b caf\xc3\xa9 stray\xff") ==
          "del\\x7f c1\\xc2\\x9b caf\xc3\xa9 stray\\xff");
    CHECK(text::printable("C:\\path\\x1b") == "C:\\path\\x1b");
    const std::string once = text::printable("\x1b]0;title\x07");
    CHECK(text::printable(once) == once);
  }

  TEST_CASE("JSON escapes C0, DEL and C1 controls, and shows a byte that is not UTF-8 as \\xNN text") {
    CHECK(json_escape("a\x1b"
                      "b\x7f\xc2\x9b\xff\xc3\xa9") == "\"a\\u001bb\\u007f\\u009b\\\\xff\xc3\xa9\"");
  }

  TEST_CASE("a diagnostic escapes its file, message and source line, and keeps the caret under its character") {
    const SourceLocation where{"f\x1b.conf", 1, 6, "k\x1b[2J=v x"};
    CHECK(format_diagnostic(where, "error", "bad '\x1b[2J'") ==
          "f\\x1b.conf:1:6: error: bad '\\x1b[2J'\n"
          "k\\x1b[2J=v x\n"
          "        ^");
    CHECK(InputError("value '\x9b\x1b'").what() == std::string("value '\\x9b\\x1b'"));
  }

  TEST_CASE("a long source line is cut to about 200 columns around the caret, with the caret kept") {
    const std::string line = std::string(5000, 'a') + "X" + std::string(5000, 'b');
    const std::string shown = format_diagnostic(SourceLocation{"big.yaml", 1, 5001, line}, "error", "here");
    const std::string expected = "big.yaml:1:5001: error: here\n..." + std::string(97, 'a') + "X" +
                                 std::string(99, 'b') + "...\n" + std::string(100, ' ') + "^";
    CHECK(shown == expected);
    const std::string short_line = format_diagnostic(SourceLocation{"s", 1, 3, "\tab"}, "error", "m");
    CHECK(short_line == "s:1:3: error: m\n\tab\n\t ^");
  }

  TEST_CASE("repeated lines are said once, with how many more there were") {
    std::vector<std::string> lines(20000, "observation at line 4: kept out");
    lines.insert(lines.begin() + 1, "another");
    CHECK(text::collapse_repeats(lines) ==
          std::vector<std::string>{"observation at line 4: kept out (and 19,999 more like it)", "another"});
    CHECK(text::thousands(1234567) == "1,234,567");
    CHECK(text::thousands(999) == "999");
  }
}
