// Filling review::Input from the parsed documents a review reads (spark-submit, spark-defaults,
// EMR configurations and cluster descriptions, a Glue job, a SparkApplication): which document
// contributes which settings, and what EMR's classifications change about the cluster.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "sparkfit/calibration/observations.hpp"
#include "sparkfit/catalog/catalog.hpp"
#include "sparkfit/platform/requests.hpp"
#include "sparkfit/review/review.hpp"

namespace sparkfit::review {

// EMR's capacity-scheduler classification may switch YARN to the DominantResourceCalculator.
std::optional<job::ResourceCalculator> calculator_in(const std::vector<spark_conf::Classification>& classifications);

// An EMR configurations list: its spark-defaults and yarn-site settings, maximizeResourceAllocation,
// and the capacity scheduler's calculator (into `calculator`, when it names one).
void add_emr_config(Input& input, const spark_conf::EmrConfig& config,
                    std::optional<job::ResourceCalculator>& calculator);

// A spark-submit command: its settings, and its application, where findings about unset settings point.
void add_submit(Input& input, const spark_conf::SubmitCommand& command);

// A Glue job is reviewed on its own: its --conf settings only, and the Spark its Glue version runs.
void add_glue_job(Input& input, spark_conf::GlueJob job, const catalog::GlueFacts& glue);

// A SparkApplication is reviewed on its own: the operator's defaults, then every setting the
// application makes, which outranks them.
void add_k8s_app(Input& input, spark_conf::SparkApplication app);

// An EMR Serverless job run is reviewed on its own: its spark-defaults and sparkSubmitParameters
// settings, and the Spark of its releaseLabel when it names one.
void add_serverless_job(Input& input, ServerlessJob job, const catalog::Catalog& catalog);

// yarn-site settings in the EMR configurations change what a node offers YARN.
void apply_yarn_site(platform::Cluster& cluster, const std::vector<spark_conf::Setting>& yarn_site);

// The documents a review reads, by file name; `submit_args` is a spark-submit command line as given.
struct Documents {
  std::optional<std::string> emr_cluster{}, emr_config{}, conf_file{}, submit_file{}, glue_job{}, k8s_app{},
      serverless_job{};
  std::optional<std::vector<std::string>> submit_args{};
};

// Which inputs a review was given: its documents, --platform's word, and the name of every cluster
// flag given ("--instance", "--market", ...), for check_inputs.
struct GivenInputs {
  Documents documents;
  std::optional<std::string> platform;
  std::vector<std::string> cluster_flags;
};

// Refuses (UsageError) inputs that do not go together: price flags (review never prices), anything
// added to a Glue job, an EMR Serverless job or a SparkApplication (each carries its own settings
// and cluster), a
// Kubernetes review without its SparkApplication, and a review with no settings to judge.
void check_inputs(const GivenInputs& given);

// The Spark version a review judges for ("3.5", "3.5.1"), and the executors' Java major version
// (5 to 100); anything else is an InputError saying what was expected.
std::string parse_spark_version(const std::string& text);
int parse_java_version(const std::string& text);

// What a review is asked to judge: the documents, the cluster they run on, and with a job spec
// the work, so that the model's facts join the review.
struct Request {
  Documents documents;
  // The cluster as the command line gives it; with a SparkApplication only its instance and
  // nodes (the Kubernetes nodes), with a Glue job nothing (the job names its workers).
  platform::ClusterRequest cluster;
  std::optional<job::ResourceCalculator> calculator;  // over the documents' and the spec's
  job::JobSpec job;
  bool has_work = false;
  std::optional<std::string> spark_version;
  std::optional<int> java_version;
};

// What `input` points into when the review has work: the model's constants and the calibration
// from the spec's observed runs, as for predict and recommend.
struct WorkModel {
  std::optional<model::Constants> constants;
  std::optional<calibration::JobCalibration> calibration;
};

// Reads every document in a fixed order (the EMR cluster description, the EMR configurations,
// spark-defaults, spark-submit, the Glue job, the SparkApplication, the EMR Serverless job), then describes the
// cluster: the request first, then the EMR cluster description, then the job spec. `model_file` is the model's
// constants, loaded only with work; the catalog is read only when a document or the cluster needs it.
void assemble(const Request& request, const platform::CatalogSource& catalog, const std::filesystem::path& model_file,
              Input& input, WorkModel& model);

}  // namespace sparkfit::review
