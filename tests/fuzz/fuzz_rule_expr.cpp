// libFuzzer target: the rule condition language, parsed and then evaluated against a few
// facts (evaluation must never throw).
#include <cstddef>
#include <cstdint>
#include <string>

#include "sparkfit/rules/expr.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  using namespace sparkfit::rules;
  static const Facts facts = {{"a", Value::of(3)},     {"b", Value::of(0)},    {"c.d", Value::of(1.5)},
                              {"s", Value::of("emr")}, {"t", Value::of(true)}, {"executor.cores", Value::of(16)}};
  try {
    Expr expr = parse_expression(text);
    to_string(expr);
    referenced_facts(expr);
    EvalResult result = evaluate(expr, facts);
    format_value(result.value);
  } catch (const sparkfit::InputError&) {
  }
  return 0;
}
