#include "sparkfit/output/error.hpp"
#include "sparkfit/util/json_writer.hpp"
#include "sparkfit/util/version.hpp"

namespace sparkfit::output {

std::string error_json(const Error& error) {
  const auto* input = dynamic_cast<const InputError*>(&error);
  JsonWriter json;
  json.begin_object().field("schema_version", 1).field("sparkfit_version", std::string(kVersion));
  json.key("error").begin_object().field("exit_code", static_cast<int>(error.code()));
  json.field("message", input ? input->message() : std::string(error.what()));
  json.key("location");
  if (input && !input->where().file.empty()) {
    const SourceLocation& where = input->where();
    json.begin_object().field("file", where.file).field("line", where.line).field("column", where.column);
    json.end_object();
  } else {
    json.null();
  }
  json.end_object().end_object();
  return json.str();
}

}  // namespace sparkfit::output
