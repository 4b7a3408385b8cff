// An EMR Serverless job run, as `sparkfit review --serverless-job` reads it: a StartJobRun request
// (what `sparkfit recommend --format serverless-json` writes, `aws emr-serverless start-job-run
// --cli-input-json`) or `aws emr-serverless get-job-run` output, whose jobRun carries the same
// jobDriver and configurationOverrides. Only the Spark settings and the entry point are read; the
// other fields are accepted and ignored, a key one typo away from one Serverless reads is an error.
#pragma once

#include <string>
#include <vector>

#include "sparkfit/spark_conf/spark_conf.hpp"
#include "sparkfit/util/error.hpp"

namespace sparkfit::review {

struct ServerlessJob {
  // applicationConfiguration's spark-defaults properties (source "Serverless spark-defaults",
  // precedence spark-defaults), then sparkSubmitParameters' options (--conf and flags, as
  // spark-submit ranks them), which EMR Serverless ranks above them.
  std::vector<spark_conf::Setting> settings;
  std::string entry_point;  // jobDriver.sparkSubmit.entryPoint, "" when not given
  SourceLocation where_entry_point;
  SourceLocation where_job;   // the request or jobRun object, where findings about unset settings point
  std::string release_label;  // get-job-run's releaseLabel ("emr-7.1.0"), "" when not given
};

// Throws InputError at file:line:col for bad JSON, a value of the wrong type, a misspelt key, a
// Hive job, or sparkSubmitParameters that spark-submit would refuse (their places are columns in
// the JSON string, exact as long as no escape sequence precedes them).
ServerlessJob parse_serverless_job(const std::string& json_text, const std::string& file_name);

}  // namespace sparkfit::review
