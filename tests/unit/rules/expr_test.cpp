#include <doctest/doctest.h>

#include <string>

#include "sparkfit/rules/expr.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using namespace sparkfit::rules;

namespace {

std::string parsed(const std::string& text) { return to_string(parse_expression(text)); }

std::string parse_error(const std::string& text, const SourceLocation& base = {}) {
  return testing::error_of([&] { parse_expression(text, base); });
}

EvalResult eval(const std::string& text, const Facts& facts = {}) { return evaluate(parse_expression(text), facts); }

const Facts kFacts = {
    {"executor.cores", Value::of(15)},
    {"executor.memory_mib", Value::of(64512)},
    {"container.mib", Value::of(76608)},
    {"node.yarn_max_mib", Value::of(57344)},
    {"shuffle.bytes_per_partition", Value::of(2.5 * 1073741824.0)},
    {"aqe.enabled", Value::of(false)},
    {"platform", Value::of("emr")},
    {"conf.spark_sql_shuffle_partitions", Value::of(200)},
};

}  // namespace

TEST_SUITE("rules") {
  TEST_CASE("operators bind as usual: not over comparison over arithmetic, and over or") {
    CHECK(parsed("a + b * c > 5") == "((a + (b * c)) > 5)");
    CHECK(parsed("a - b - c") == "((a - b) - c)");
    CHECK(parsed("a / b * c") == "((a / b) * c)");
    CHECK(parsed("-a * b") == "((-a) * b)");
    CHECK(parsed("a or b and c") == "(a or (b and c))");
    CHECK(parsed("a || b && !c") == "(a or (b and (not c)))");
    CHECK(parsed("not a == b") == "(not (a == b))");
    CHECK(parsed("(a or b) and c") == "((a or b) and c)");
    CHECK(parsed("max(a, b) >= 2 * c") == "(max(a, b) >= (2 * c))");
    CHECK(parsed("platform == \"emr\"") == "(platform == \"emr\")");
  }

  TEST_CASE("number literals take binary size units and mean bytes") {
    CHECK(parsed("1g") == "1073741824");
    CHECK(parsed("128m") == "134217728");
    CHECK(parsed("512k") == "524288");
    CHECK(parsed("2tb") == "2199023255552");
    CHECK(parsed("4GiB") == "4294967296");
    CHECK(parsed("1.5g") == "1610612736");
    CHECK(parsed("10b") == "10");
    CHECK(parsed("1e3") == "1000");
    CHECK(parsed("0.25") == "0.25");
    CHECK(eval("1g == 1073741824").fires());
  }

  TEST_CASE("conditions fire on the facts they name") {
    CHECK(eval("executor.cores > 5", kFacts).fires());
    CHECK(eval("container.mib > node.yarn_max_mib", kFacts).fires());
    CHECK(eval("shuffle.bytes_per_partition > 1g and not aqe.enabled", kFacts).fires());
    CHECK(eval("max(executor.cores, 3) >= 2 * 7", kFacts).fires());
    CHECK(eval("conf.spark_sql_shuffle_partitions == 200", kFacts).fires());
    CHECK(eval("platform == \"emr\"", kFacts).fires());
    CHECK_FALSE(eval("platform != \"emr\"", kFacts).fires());
    CHECK(eval("min(4, 2, 9) == 2 and abs(-3) == 3", kFacts).fires());
    CHECK(eval("executor.memory_mib / 1024 > 62.9 and executor.memory_mib / 1024 < 63.1", kFacts).fires());
    CHECK(eval("true && !false").fires());
  }

  TEST_CASE("a missing fact is null and a comparison with null is false, so the rule does not fire") {
    EvalResult missing = eval("executor.coers > 5", kFacts);
    CHECK(missing.ok());
    CHECK(missing.value.kind == Value::Kind::boolean);
    CHECK_FALSE(missing.fires());
    CHECK_FALSE(eval("missing == 5", kFacts).fires());
    CHECK_FALSE(eval("missing != 5", kFacts).fires());
    CHECK_FALSE(eval("missing + 1 > 0", kFacts).fires());
    CHECK(eval("missing + 1", kFacts).value.is_null());
    CHECK(eval("max(missing, 1)", kFacts).value.is_null());
    // not, and, or use three-valued logic.
    CHECK(eval("not missing", kFacts).value.is_null());
    CHECK_FALSE(eval("not missing", kFacts).fires());
    CHECK(eval("executor.cores > 5 or missing", kFacts).fires());
    CHECK(eval("executor.cores > 99 or missing", kFacts).value.is_null());
    CHECK(eval("executor.cores > 99 and missing", kFacts).value == Value::of(false));
    CHECK(eval("executor.cores > 5 and missing", kFacts).value.is_null());
    // Comparing with the literal null tests presence.
    CHECK(eval("missing == null", kFacts).fires());
    CHECK(eval("executor.cores != null", kFacts).fires());
    CHECK_FALSE(eval("executor.cores == null", kFacts).fires());
    // Division by zero reads as unknown.
    CHECK(eval("1 / 0").value.is_null());
    CHECK_FALSE(eval("1 / 0 > 0").fires());
  }

  TEST_CASE("type errors come back as a result, never as an exception") {
    EvalResult r = eval("platform > 5", kFacts);
    CHECK_FALSE(r.ok());
    CHECK_FALSE(r.fires());
    CHECK(r.error == "'>' needs numbers, got a string and a number");
    CHECK(eval("platform == 5", kFacts).error == "'==' compares a string with a number");
    CHECK(eval("executor.cores and true", kFacts).error == "'and' needs true/false operands, got a number");
    CHECK(eval("not 1").error == "'not' needs true/false operands, got a number");
    CHECK(eval("-\"x\"").error == "'-' needs a number, got a string");
    CHECK(eval("max(1, \"a\")").error == "max() needs numbers, got a string");
    // Short-circuit: the right side is not looked at when the left decides.
    CHECK(eval("false and platform > 5", kFacts).ok());
  }

  TEST_CASE("evaluation also works through a lookup callback") {
    FactLookup lookup = [](std::string_view name) -> std::optional<Value> {
      if (name == "executor.cores") return Value::of(16);
      return std::nullopt;
    };
    CHECK(evaluate(parse_expression("executor.cores > 5"), lookup).fires());
    CHECK_FALSE(evaluate(parse_expression("other > 5"), lookup).fires());
  }

  TEST_CASE("referenced facts are listed once, sorted, with their offsets available") {
    Expr expr = parse_expression("b.x > a.y and max(b.x, c) < 1g");
    CHECK(referenced_facts(expr) == std::vector<std::string>{"a.y", "b.x", "c"});
    std::vector<FactRef> refs = fact_references(expr);
    REQUIRE(refs.size() == 4);
    CHECK(refs[0].name == "b.x");
    CHECK(refs[0].offset == 0);
    CHECK(refs[1].offset == 6);
    CHECK(refs[3].name == "c");
    CHECK(refs[3].offset == 23);
  }

  TEST_CASE("parse errors name the column, offset by where the condition sits in its file") {
    CHECK(parse_error("executor.cores >") ==
          "<expression>:1:17: error: expected an expression, got the end of the condition\n"
          "executor.cores >\n"
          "                ^");
    SourceLocation base{"rules/x.yaml", 6, 12, "condition: executor.cores >> 5"};
    CHECK(parse_error("executor.cores >> 5", base) ==
          "rules/x.yaml:6:28: error: expected an expression, got '>'\n"
          "condition: executor.cores >> 5\n"
          "                           ^");
    CHECK(parse_error("a = 5") ==
          "<expression>:1:3: error: '=' is not an operator; compare with '=='\n"
          "a = 5\n"
          "  ^");
    CHECK(parse_error("a > 5gx") ==
          "<expression>:1:6: error: unknown size unit 'gx' (expected k, m, g, t or p, optionally "
          "followed by b or ib, e.g. 128m, 1g, 4GiB)\n"
          "a > 5gx\n"
          "     ^");
    CHECK(parse_error("a < b < c") ==
          "<expression>:1:7: error: comparisons do not chain; join them with 'and' (a < b and b < c)\n"
          "a < b < c\n"
          "      ^");
    CHECK(parse_error("mx(a, b) > 1") ==
          "<expression>:1:1: error: unknown function 'mx' (did you mean 'max'?); the functions are "
          "min, max and abs\n"
          "mx(a, b) > 1\n"
          "^");
    CHECK(parse_error("abs(a, b)") ==
          "<expression>:1:1: error: abs() takes 1 argument, got 2\n"
          "abs(a, b)\n"
          "^");
    CHECK(parse_error("max()") ==
          "<expression>:1:1: error: max() needs at least 1 argument\n"
          "max()\n"
          "^");
    CHECK(parse_error("(a > 1") ==
          "<expression>:1:7: error: expected ')', got the end of the condition\n"
          "(a > 1\n"
          "      ^");
    CHECK(parse_error("a > 1)") ==
          "<expression>:1:6: error: unexpected ')' after the expression\n"
          "a > 1)\n"
          "     ^");
    CHECK(parse_error("a == \"emr") ==
          "<expression>:1:6: error: unterminated string\n"
          "a == \"emr\n"
          "     ^");
    CHECK(parse_error("a == 'emr'") ==
          "<expression>:1:6: error: strings are written in double quotes\n"
          "a == 'emr'\n"
          "     ^");
    CHECK(parse_error("a. > 1") ==
          "<expression>:1:2: error: expected a name after '.' in 'a.'\n"
          "a. > 1\n"
          " ^");
    CHECK(parse_error("a & b") ==
          "<expression>:1:3: error: '&' is not an operator; use 'and' or '&&'\n"
          "a & b\n"
          "  ^");
    CHECK(parse_error("a > 1 and") ==
          "<expression>:1:10: error: expected an expression, got the end of the condition\n"
          "a > 1 and\n"
          "         ^");
    CHECK(parse_error("") == "<expression>:1:1: error: empty condition: expected an expression");
    CHECK(parse_error("a\n  > > 1") ==
          "<expression>:2:5: error: expected an expression, got '>'\n"
          "  > > 1\n"
          "    ^");
  }

  TEST_CASE("nesting is bounded at 64 levels and the length at 4096 characters") {
    std::string ok = std::string(64, '(') + "1" + std::string(64, ')');
    CHECK_NOTHROW(parse_expression(ok));
    std::string deep = std::string(65, '(') + "1" + std::string(65, ')');
    CHECK(parse_error(deep).rfind("<expression>:1:65: error: condition nests deeper than 64 levels\n", 0) == 0);
    std::string nots;
    for (int i = 0; i < 70; ++i) nots += "not ";
    CHECK(parse_error(nots + "a").rfind("<expression>:1:257: error: condition nests deeper than 64 levels", 0) == 0);
    std::string minus(70, '-');
    CHECK(parse_error(minus + "1").rfind("<expression>:1:65: error: condition nests deeper than 64 levels", 0) == 0);
    std::string long_text(4097, ' ');
    CHECK(parse_error(long_text).rfind("<expression>:1:4097: error: condition is longer than 4096 characters", 0) == 0);
  }

  TEST_CASE("values format as messages show them") {
    CHECK(format_value(Value::of(16)) == "16");
    CHECK(format_value(Value::of(0.1875)) == "0.1875");
    CHECK(format_value(Value::of(4.0 / 3.0)) == "1.3333");
    CHECK(format_value(Value::of(-2.5)) == "-2.5");
    CHECK(format_value(Value::of(true)) == "true");
    CHECK(format_value(Value{}) == "unknown");
    CHECK(format_value(Value::of("emr")) == "emr");
  }

}  // TEST_SUITE
