// The EMR Serverless start-job-run input of the pick.
#include "sparkfit/output/plan.hpp"

namespace sparkfit::output {

std::string serverless_json(const platform::Option& option, const std::string& job_name) {
  std::string parameters;
  for (const platform::Setting& setting : option.spark_conf) {
    // Appending piece by piece: GCC 12 warns falsely on "literal" + std::string (PR 105329).
    if (!parameters.empty()) parameters += ' ';
    parameters.append("--conf ").append(setting.key).append("=").append(setting.value);
  }
  JsonWriter json;
  json.begin_object();
  json.field("name", job_name).field("applicationId", "YOUR_APPLICATION_ID").field("executionRoleArn", "YOUR_ROLE_ARN");
  json.key("jobDriver").begin_object().key("sparkSubmit").begin_object();
  json.field("entryPoint", "s3://YOUR_BUCKET/YOUR_APP");
  json.field("sparkSubmitParameters", parameters);
  json.end_object().end_object();
  json.end_object();
  return "# aws emr-serverless start-job-run --cli-input-json file://run.json, with run.json:\n" + json.str();
}

}  // namespace sparkfit::output
