#include "sparkfit/output/rules_list.hpp"

#include <algorithm>

#include "sparkfit/util/json_writer.hpp"
#include "sparkfit/util/version.hpp"

namespace sparkfit::output {

std::string rules_list_text(const std::vector<rules::Rule>& rules) {
  std::size_t width = 0;
  for (const rules::Rule& rule : rules) width = std::max(width, rule.name.size() + 2);
  std::string text;
  for (const rules::Rule& rule : rules) {
    std::string name = rule.name;
    std::string severity(rules::severity_name(rule.severity));
    name.resize(width, ' ');
    severity.resize(8, ' ');
    text += rule.id + "  " + severity + name + rule.summary + "\n";
  }
  return text;
}

std::string rules_list_json(const std::vector<rules::Rule>& rules) {
  JsonWriter json;
  json.begin_object().field("schema_version", 1).field("sparkfit_version", std::string(kVersion));
  json.key("rules").begin_array();
  for (const rules::Rule& rule : rules)
    json.begin_object()
        .field("id", rule.id)
        .field("name", rule.name)
        .field("severity", std::string(rules::severity_name(rule.severity)))
        .field("category", rule.category)
        .field("summary", rule.summary)
        .end_object();
  json.end_array().end_object();
  return json.str();
}

}  // namespace sparkfit::output
