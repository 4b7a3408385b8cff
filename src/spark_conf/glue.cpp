// AWS Glue job definitions (the Job structure of Glue's API), as `aws glue get-job` prints them.
// Only the fields that size or configure the Spark application are read; the rest (Role, Tags,
// timestamps, ...) are accepted and ignored, since get-job output carries them all.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <string>

#include "sparkfit/spark_conf/spark_conf.hpp"
#include "sparkfit/util/json_reader.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::spark_conf {
namespace {

// The Job structure's fields (Glue API reference, "Jobs"), for did-you-mean on a misspelt key.
const std::vector<std::string> kJobKeys = {"Name",
                                           "JobMode",
                                           "JobRunQueuingEnabled",
                                           "Description",
                                           "LogUri",
                                           "Role",
                                           "CreatedOn",
                                           "LastModifiedOn",
                                           "ExecutionProperty",
                                           "Command",
                                           "DefaultArguments",
                                           "NonOverridableArguments",
                                           "Connections",
                                           "MaxRetries",
                                           "AllocatedCapacity",
                                           "Timeout",
                                           "MaxCapacity",
                                           "WorkerType",
                                           "NumberOfWorkers",
                                           "SecurityConfiguration",
                                           "NotificationProperty",
                                           "GlueVersion",
                                           "CodeGenConfigurationNodes",
                                           "ExecutionClass",
                                           "SourceControlDetails",
                                           "MaintenanceWindow",
                                           "ProfileName",
                                           "Tags"};

class GlueReader {
 public:
  explicit GlueReader(const json::Document& doc) : doc_(doc) {}

  GlueJob read() {
    const json::Value* job = &doc_.root;
    if (!job->is_object())
      doc_.fail(*job, "expected a Glue job object (aws glue get-job output), got " + json::describe(*job));
    if (const json::Value* wrapped = job->find("Job")) {
      if (!wrapped->is_object()) doc_.fail(*wrapped, "\"Job\" must be an object, got " + json::describe(*wrapped));
      job = wrapped;
    }
    GlueJob result;
    result.where_job = doc_.at(*job);
    for (const json::Member& member : job->members) {
      bool known = std::find(kJobKeys.begin(), kJobKeys.end(), member.key) != kJobKeys.end();
      if (known) continue;
      // A key one typo away from a field Glue reads is a mistake; anything else is a field of a
      // newer API version and is left alone.
      std::string hint = text::did_you_mean(member.key, kJobKeys);
      if (!hint.empty()) doc_.fail(member, "unknown key '" + member.key + "' in a Glue job" + hint);
    }
    result.name = string_field(*job, "Name");
    result.glue_version = string_field(*job, "GlueVersion", &result.where_version);
    result.worker_type = string_field(*job, "WorkerType", &result.where_worker_type);
    result.execution_class = string_field(*job, "ExecutionClass");
    if (!result.execution_class.empty() && result.execution_class != "STANDARD" && result.execution_class != "FLEX")
      doc_.fail(*job->find("ExecutionClass"),
                "\"ExecutionClass\" must be STANDARD or FLEX, got \"" + result.execution_class + "\"");
    if (const json::Member* m = job->find_member("NumberOfWorkers")) {
      result.workers = whole(*m, 1, 100000);
      result.where_workers = doc_.at(m->value);
    }
    for (const char* key : {"MaxCapacity", "AllocatedCapacity"}) {
      const json::Member* m = job->find_member(key);
      if (!m || result.max_capacity) continue;
      if (!m->value.is_number() || m->value.number < 0 || m->value.number > 100000)
        doc_.fail(m->value, "\"" + m->key + "\" must be a number of DPUs, got " +
                                (m->value.is_number() ? m->value.text : json::describe(m->value)));
      result.max_capacity = m->value.number;
      result.where_max_capacity = doc_.at(m->value);
    }
    if (const json::Value* command = job->find("Command")) {
      if (!command->is_object()) doc_.fail(*command, "\"Command\" must be an object, got " + json::describe(*command));
      result.command = string_field(*command, "Name", &result.where_command);
      std::string script = string_field(*command, "ScriptLocation");
      if (script.size() > 3 && script.compare(script.size() - 3, 3, ".py") == 0) result.language = "python";
    }
    // Arguments set at job level; the non-overridable ones are applied last, so they win.
    for (const char* key : {"DefaultArguments", "NonOverridableArguments"})
      if (const json::Value* arguments = job->find(key)) read_arguments(*arguments, key, result);
    return result;
  }

 private:
  const json::Document& doc_;

  std::string string_field(const json::Value& object, const std::string& key, SourceLocation* where = nullptr) {
    const json::Value* value = object.find(key);
    if (!value || value->is_null()) return "";
    if (!value->is_string()) doc_.fail(*value, "\"" + key + "\" must be a string, got " + json::describe(*value));
    if (where) *where = doc_.at(*value);
    return value->text;
  }

  int whole(const json::Member& member, int lo, int hi) {
    const json::Value& value = member.value;
    if (!value.is_number() || value.number < lo || value.number > hi || value.number != std::floor(value.number))
      doc_.fail(value, "\"" + member.key + "\" must be a whole number from " + std::to_string(lo) + " to " +
                           std::to_string(hi) + ", got " + (value.is_number() ? value.text : json::describe(value)));
    return static_cast<int>(value.number);
  }

  void read_arguments(const json::Value& arguments, const std::string& field, GlueJob& job) {
    if (!arguments.is_object())
      doc_.fail(arguments, "\"" + field + "\" must be an object of job arguments, got " + json::describe(arguments));
    for (const json::Member& member : arguments.members) {
      if (!member.value.is_string())
        doc_.fail(member.value, "job argument \"" + member.key +
                                    "\" must be a string (Glue passes arguments as strings), got " +
                                    json::describe(member.value));
      const std::string& value = member.value.text;
      const SourceLocation where = doc_.at(member.value);
      job.arguments.push_back(Setting{member.key, value, "Glue " + field, where, kPrecedenceConf});
      if (member.key == "--conf") {
        read_conf(member.value, job.settings);
      } else if (member.key == "--enable-auto-scaling") {
        std::string word = text::to_lower(text::trim(value));
        if (word != "true" && word != "false")
          doc_.fail(member.value, "\"--enable-auto-scaling\" must be \"true\" or \"false\", got \"" + value + "\"");
        job.auto_scaling = word == "true";
        job.where_auto_scaling = where;
      } else if (member.key == "--executor-cores") {
        std::string digits(text::trim(value));
        bool ok = !digits.empty() && digits.size() < 6 &&
                  std::all_of(digits.begin(), digits.end(), [](unsigned char c) { return std::isdigit(c); });
        if (!ok || std::stoi(digits) < 1)
          doc_.fail(member.value,
                    "\"--executor-cores\" must be a whole number of tasks per executor, got \"" + value + "\"");
        job.executor_cores = std::stoi(digits);
        job.where_executor_cores = where;
      } else if (member.key == "--job-language") {
        std::string word = text::to_lower(text::trim(value));
        if (word != "python" && word != "scala")
          doc_.fail(member.value, "\"--job-language\" must be python or scala, got \"" + value + "\"");
        job.language = word;
      }
    }
  }

  // "k1=v1 --conf k2=v2 ...": Glue appends the value to its own `--conf`, so every further
  // setting needs its own " --conf ". Places are columns inside the JSON string, exact as long
  // as no escape sequence precedes them.
  void read_conf(const json::Value& value, std::vector<Setting>& settings) {
    const std::string& text = value.text;
    std::size_t i = 0;
    bool expect_pair = true;
    while (i < text.size()) {
      if (std::isspace(static_cast<unsigned char>(text[i]))) {
        ++i;
        continue;
      }
      std::size_t end = i;
      while (end < text.size() && !std::isspace(static_cast<unsigned char>(text[end]))) ++end;
      const std::string token = text.substr(i, end - i);
      const SourceLocation where = doc_.at(value.line, value.column + 1 + static_cast<int>(i));
      if (expect_pair) {
        std::size_t eq = token.find('=');
        if (eq == std::string::npos || eq == 0)
          throw InputError(where, "--conf entry '" + token + "' is not key=value");
        settings.push_back(Setting{token.substr(0, eq), token.substr(eq + 1), "Glue --conf", where, kPrecedenceConf});
        expect_pair = false;
      } else {
        if (token != "--conf")
          throw InputError(where,
                           "expected --conf before '" + token +
                               "': Glue hands the value to spark-submit as is, so settings are joined by ' --conf '");
        expect_pair = true;
      }
      i = end;
    }
    if (expect_pair) {
      const SourceLocation where = doc_.at(value.line, value.column + 1 + static_cast<int>(text.size()));
      throw InputError(where, text.empty() ? "\"--conf\" is empty: expected key=value"
                                           : "'--conf' at the end is missing its key=value");
    }
  }
};

}  // namespace

GlueJob parse_glue_job(const std::string& json_text, const std::string& file_name) {
  json::Document doc = json::parse(json_text, file_name);
  return GlueReader(doc).read();
}

}  // namespace sparkfit::spark_conf
