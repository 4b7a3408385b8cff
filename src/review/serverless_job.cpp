// EMR Serverless job runs: the StartJobRun request and get-job-run's jobRun (EMR Serverless API
// reference, "StartJobRun" and "JobRun"). The Spark settings come from
// jobDriver.sparkSubmit.sparkSubmitParameters, read by the spark-submit parser, and from the
// spark-defaults classification of configurationOverrides.applicationConfiguration.
#include "sparkfit/review/serverless_job.hpp"

#include <algorithm>

#include "sparkfit/util/json_reader.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::review {
namespace {

// StartJobRun's request fields and JobRun's fields, for did-you-mean on a misspelt key.
const std::vector<std::string> kJobKeys = {"applicationId",
                                           "clientToken",
                                           "executionRoleArn",
                                           "executionRole",
                                           "jobDriver",
                                           "configurationOverrides",
                                           "tags",
                                           "executionTimeoutMinutes",
                                           "name",
                                           "mode",
                                           "retryPolicy",
                                           "executionIamPolicy",
                                           "jobRunId",
                                           "arn",
                                           "createdBy",
                                           "createdAt",
                                           "updatedAt",
                                           "state",
                                           "stateDetails",
                                           "releaseLabel",
                                           "networkConfiguration",
                                           "totalResourceUtilization",
                                           "totalExecutionDurationSeconds",
                                           "billedResourceUtilization",
                                           "attempt",
                                           "attemptCreatedAt",
                                           "attemptUpdatedAt",
                                           "startedAt",
                                           "endedAt",
                                           "queuedDurationMilliseconds"};
const std::vector<std::string> kSparkSubmitKeys = {"entryPoint", "entryPointArguments", "sparkSubmitParameters"};
const std::vector<std::string> kOverrideKeys = {"applicationConfiguration", "monitoringConfiguration"};
const std::vector<std::string> kClassificationKeys = {"classification", "properties", "configurations"};

class ServerlessReader {
 public:
  explicit ServerlessReader(const json::Document& doc) : doc_(doc) {}

  ServerlessJob read() {
    const json::Value* job = &doc_.root;
    if (!job->is_object())
      doc_.fail(*job,
                "expected an EMR Serverless job run object (a StartJobRun request, as recommend --format "
                "serverless-json writes it, or aws emr-serverless get-job-run output), got " +
                    json::describe(*job));
    if (const json::Value* wrapped = job->find("jobRun")) {
      if (!wrapped->is_object()) doc_.fail(*wrapped, "\"jobRun\" must be an object, got " + json::describe(*wrapped));
      job = wrapped;
    }
    ServerlessJob result;
    result.where_job = doc_.at(*job);
    check_keys(*job, kJobKeys, "an EMR Serverless job run");
    result.release_label = string_field(*job, "releaseLabel");
    // The application's spark-defaults first: sparkSubmitParameters outrank them.
    if (const json::Value* overrides = job->find("configurationOverrides")) read_overrides(*overrides, result);
    read_driver(*job, result);
    return result;
  }

 private:
  const json::Document& doc_;

  // A key one typo away from a field EMR Serverless reads is a mistake; any other is a field of a
  // newer API version and is left alone, as for a Glue job.
  void check_keys(const json::Value& object, const std::vector<std::string>& known, const std::string& what) {
    for (const json::Member& member : object.members) {
      if (std::find(known.begin(), known.end(), member.key) != known.end()) continue;
      const std::string hint = text::did_you_mean(member.key, known);
      if (!hint.empty()) doc_.fail(member, "unknown key '" + member.key + "' in " + what + hint);
    }
  }

  const json::Value& object_field(const json::Value& parent, const std::string& key, const std::string& path) {
    const json::Value* value = parent.find(key);
    if (!value)
      doc_.fail(parent, "missing \"" + key + "\": expected " + path +
                            " (EMR Serverless StartJobRun: jobDriver.sparkSubmit with entryPoint and "
                            "sparkSubmitParameters)");
    if (!value->is_object()) doc_.fail(*value, "\"" + key + "\" must be an object, got " + json::describe(*value));
    return *value;
  }

  std::string string_field(const json::Value& object, const std::string& key, SourceLocation* where = nullptr) {
    const json::Value* value = object.find(key);
    if (!value || value->is_null()) return "";
    if (!value->is_string()) doc_.fail(*value, "\"" + key + "\" must be a string, got " + json::describe(*value));
    if (where) *where = doc_.at(*value);
    return value->text;
  }

  void read_driver(const json::Value& job, ServerlessJob& result) {
    const json::Value& driver = object_field(job, "jobDriver", "jobDriver.sparkSubmit");
    if (!driver.find("sparkSubmit") && driver.find("hive"))
      doc_.fail(driver, "this is a Hive job (jobDriver.hive), not a Spark job: sparkfit reviews jobDriver.sparkSubmit");
    const json::Value& submit = object_field(driver, "sparkSubmit", "jobDriver.sparkSubmit");
    check_keys(submit, kSparkSubmitKeys, "jobDriver.sparkSubmit");
    result.entry_point = string_field(submit, "entryPoint", &result.where_entry_point);
    if (const json::Value* arguments = submit.find("entryPointArguments")) {
      if (!arguments->is_array())
        doc_.fail(*arguments, "\"entryPointArguments\" must be a list of strings, got " + json::describe(*arguments));
      for (const json::Value& argument : arguments->items)
        if (!argument.is_string())
          doc_.fail(argument, "each of \"entryPointArguments\" must be a string, got " + json::describe(argument));
    }
    if (const json::Value* parameters = submit.find("sparkSubmitParameters")) {
      if (!parameters->is_string())
        doc_.fail(*parameters, "\"sparkSubmitParameters\" must be a string of spark-submit options, got " +
                                   json::describe(*parameters));
      read_parameters(*parameters, result.settings);
    }
  }

  // The place in the JSON file of a place in the parameters' text: columns after the opening quote.
  SourceLocation in_file(const json::Value& value, const SourceLocation& inner) const {
    if (inner.line != 1) return doc_.at(value);  // an escaped line break: the string's start stands in
    return doc_.at(value.line, value.column + std::max(1, inner.column));
  }

  // "--conf k=v --class Main ...": spark-submit's options, read by the spark-submit parser.
  void read_parameters(const json::Value& value, std::vector<spark_conf::Setting>& settings) {
    spark_conf::SubmitCommand command;
    try {
      command = spark_conf::parse_spark_submit(value.text, doc_.file);
    } catch (const InputError& error) {
      if (error.where().file.empty()) throw InputError(doc_.at(value), "sparkSubmitParameters: " + error.message());
      throw InputError(in_file(value, error.where()), "sparkSubmitParameters: " + error.message());
    }
    if (!command.application.empty())
      throw InputError(in_file(value, command.application_where),
                       "sparkSubmitParameters holds spark-submit options only, and '" + command.application +
                           "' is none: EMR Serverless takes the application from entryPoint and its arguments from "
                           "entryPointArguments");
    for (spark_conf::Setting setting : command.settings) {
      setting.where = in_file(value, setting.where);
      settings.push_back(std::move(setting));
    }
  }

  void read_overrides(const json::Value& overrides, ServerlessJob& result) {
    if (!overrides.is_object())
      doc_.fail(overrides, "\"configurationOverrides\" must be an object, got " + json::describe(overrides));
    check_keys(overrides, kOverrideKeys, "configurationOverrides");
    const json::Value* configurations = overrides.find("applicationConfiguration");
    if (!configurations) return;
    if (!configurations->is_array())
      doc_.fail(*configurations, "\"applicationConfiguration\" must be a list of classifications, got " +
                                     json::describe(*configurations));
    for (const json::Value& classification : configurations->items) read_classification(classification, result);
  }

  // {"classification": "spark-defaults", "properties": {...}}; other classifications (log4j2,
  // spark-env, hive-site) size nothing and are left alone.
  void read_classification(const json::Value& classification, ServerlessJob& result) {
    if (!classification.is_object())
      doc_.fail(classification, "each of \"applicationConfiguration\" must be a classification object, got " +
                                    json::describe(classification));
    check_keys(classification, kClassificationKeys, "a classification");
    const std::string name = string_field(classification, "classification");
    if (name.empty()) doc_.fail(classification, "a classification needs \"classification\", e.g. \"spark-defaults\"");
    const json::Value* properties = classification.find("properties");
    if (name != "spark-defaults" || !properties) return;
    if (!properties->is_object())
      doc_.fail(*properties, "\"properties\" must be an object of strings, got " + json::describe(*properties));
    for (const json::Member& member : properties->members) {
      if (!member.value.is_string())
        doc_.fail(member.value, "spark-defaults property \"" + member.key +
                                    "\" must be a string (EMR Serverless passes properties as strings), got " +
                                    json::describe(member.value));
      result.settings.push_back(spark_conf::Setting{member.key, member.value.text, "Serverless spark-defaults",
                                                    doc_.at(member), spark_conf::kPrecedenceSparkDefaults});
    }
  }
};

}  // namespace

ServerlessJob parse_serverless_job(const std::string& json_text, const std::string& file_name) {
  const json::Document doc = json::parse(json_text, file_name);
  return ServerlessReader(doc).read();
}

}  // namespace sparkfit::review
