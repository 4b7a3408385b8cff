// Glue's job definition for `aws glue create-job` and the start-job-run line of the pick.
#include <sstream>

#include "sparkfit/output/plan.hpp"

namespace sparkfit::output {

std::string glue_args(const platform::Option& option, const platform::GlueRequest& request,
                      const std::string& job_name) {
  const platform::GlueDetail& glue = *option.glue();
  std::ostringstream out;
  out << "# Create the job: aws glue create-job --cli-input-json file://job.json, with job.json:\n";
  JsonWriter json;
  json.begin_object();
  json.field("Name", job_name).field("Role", "YOUR_GLUE_ROLE");
  json.key("Command")
      .begin_object()
      .field("Name", "glueetl")
      .field("ScriptLocation", "s3://YOUR_BUCKET/YOUR_SCRIPT.py")
      .field("PythonVersion", "3")
      .end_object();
  json.field("GlueVersion", request.glue_version)
      .field("WorkerType", glue.worker->name)
      .field("NumberOfWorkers", glue.workers)
      .field("ExecutionClass", glue.flex ? "FLEX" : "STANDARD");
  json.key("DefaultArguments").begin_object();
  if (request.auto_scaling) json.field("--enable-auto-scaling", "true");
  std::string conf;
  for (std::size_t i = 0; i < option.spark_conf.size(); ++i) {
    if (i) conf += " --conf ";
    conf.append(option.spark_conf[i].key).append("=").append(option.spark_conf[i].value);
  }
  if (!conf.empty()) json.field("--conf", conf);
  json.end_object();
  json.end_object();
  out << json.str();
  out << "# Run it (start-job-run takes the capacity, not the Glue version):\n"
      << "aws glue start-job-run --job-name " << job_name << " --worker-type " << glue.worker->name
      << " --number-of-workers " << glue.workers << " --execution-class " << (glue.flex ? "FLEX" : "STANDARD") << "\n"
      << "# Glue sizes executors itself: spark.executor.memory, spark.executor.cores, spark.executor.instances and\n"
      << "# spark.driver.memory are ignored or overridden; spark.sql.* settings passed with --conf are honoured.\n";
  return out.str();
}

}  // namespace sparkfit::output
