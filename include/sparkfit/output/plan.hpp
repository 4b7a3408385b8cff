// The writers of predict's and recommend's plans: text, JSON, and the artefacts a platform takes as
// they are (spark-submit, spark-defaults.conf, EMR create-cluster input, Glue job arguments, EMR
// Serverless job-run JSON, a Spark Operator SparkApplication).
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

#include "sparkfit/calibration/observations.hpp"
#include "sparkfit/model/model.hpp"
#include "sparkfit/platform/planner.hpp"
#include "sparkfit/search/planning.hpp"
#include "sparkfit/search/search.hpp"
#include "sparkfit/util/json_writer.hpp"

namespace sparkfit::output {

// ---- predict and recommend on EMR, EC2 and YARN ----

// Why `prediction` cannot run on the cluster: the layout problem or the model's reason, in the
// words the text output uses ("container-above-max-allocation", "disk-full (2199 GB of shuffle ...)").
std::string infeasible_text(const layout::Layout& layout, const model::Prediction& prediction);

// What predict answers beside the prediction on every platform: what sparkfit assumed (one sentence
// each, from the engine's assumed_* functions) and the objective whose deadline and budget it checks.
struct PredictAnswer {
  std::vector<std::string> assumed;
  job::Objective objective;
};

// `predict`: the job, the cluster's layout, the prediction and the calibration notes.
std::string predict_text(const model::JobPlan& plan, const platform::Cluster& cluster, const layout::Layout& layout,
                         const model::Prediction& prediction, const model::Calibration& calibration,
                         const std::vector<std::string>& notes, const PredictAnswer& answer);
std::string predict_json(const model::JobPlan& plan, const platform::Cluster& cluster, const layout::Layout& layout,
                         const model::Prediction& prediction, const calibration::JobCalibration& calibration,
                         const PredictAnswer& answer);
// Under `predicted`: `assumed`, then `deadline_met` and `budget_met` when the objective gives them.
void write_answer_json(JsonWriter& json, const PredictAnswer& answer, const model::Prediction& prediction);

// How an alternative compares with the pick: "costs $0.16 more", "costs $0.02 less", "the same cost"
// (money), or "2 min slower", "30 s faster", "the same runtime" (seconds).
std::string alternative_difference(double extra, bool money);

// `recommend`: the search, the pick and its settings with why, and the alternatives.
std::string recommend_text(const model::JobPlan& plan, const search::Recommendation& recommendation,
                           const job::Objective& objective, const std::vector<std::string>& notes);
// `all_candidates` lists every evaluated candidate, not only the Pareto front.
std::string recommend_json(const model::JobPlan& plan, const search::Recommendation& recommendation,
                           const calibration::JobCalibration& calibration, bool all_candidates);
// The same bytes written to `out` as they are made: with `all_candidates`, the search's candidates
// are enumerated again and streamed, none kept.
void write_recommend_json(std::ostream& out, const model::JobPlan& plan, const search::Recommendation& recommendation,
                          const calibration::JobCalibration& calibration, bool all_candidates);

// A spark-submit command line; spark-defaults.conf with each setting's why as a comment.
// The `explanations` array of a plan's JSON: each setting with its value and why.
void write_explanations(JsonWriter& json, const std::vector<platform::Setting>& settings);

std::string spark_submit(const search::Recommendation& recommendation);
std::string spark_defaults(const search::Recommendation& recommendation);

// The input of `aws emr create-cluster --cli-input-json`: instance groups (or fleets), Managed
// Scaling bounds when dynamic allocation stays on, and the settings as spark-defaults.
struct EmrClusterOptions {
  std::string name;
  const catalog::InstanceType* primary = nullptr;  // null: the core nodes' type
  bool fleets = false;
  bool dynamic_allocation = false;
};
std::string emr_create_cluster_json(const search::Recommendation& recommendation, const EmrClusterOptions& options);

// ---- the managed platforms (Glue, EMR Serverless, Kubernetes) ----

// What the managed writers say besides the plan.
struct ManagedContext {
  const model::JobPlan* plan = nullptr;
  bool predict = false;                            // predict's wording: the configuration was given, not searched
  bool auto_scaling = false;                       // Glue Auto Scaling
  bool all_candidates = false;                     // JSON: every option
  const PredictAnswer* answer = nullptr;           // predict: what it assumed, the deadline and budget it checks
  const search::Suggestions* suggested = nullptr;  // recommend --suggest-runs: runs index the options
};
std::string managed_text(const platform::ManagedPlan& managed, const ManagedContext& context);
std::string managed_json(const platform::ManagedPlan& managed, const ManagedContext& context);

// `aws glue create-job --cli-input-json` input, the start-job-run line, and what Glue ignores.
std::string glue_args(const platform::Option& option, const platform::GlueRequest& request,
                      const std::string& job_name);
// sparkSubmitParameters and the start-job-run jobDriver JSON.
std::string serverless_json(const platform::Option& option, const std::string& job_name);
// A Spark Operator SparkApplication.
std::string spark_application(const platform::Option& option, const std::string& job_name);

// ---- recommend --platform all ----
std::string comparison_text(const platform::Comparison& comparison, const job::JobSpec& job,
                            const job::Objective& objective);
std::string comparison_json(const platform::Comparison& comparison);

// ---- the document a --format word names ----

// What recommend on EMR, EC2 or YARN writes besides its format: every candidate (json), instance
// fleets (emr-json), dynamic allocation kept on (emr-json).
struct RecommendDocument {
  std::string format;
  bool all_candidates = false;
  bool emr_fleets = false;
  bool dynamic_allocation = false;
};
// The recommendation as `asked.format`: json, spark-submit, spark-defaults, emr-json, else text.
std::string recommend_document(const RecommendDocument& asked, const search::Planning& planning,
                               const search::Recommendation& recommendation);

// A managed plan as `format`: the platform's own artefact (glue-args, serverless-json, k8s-yaml),
// json, else text. `glue` is the Glue request the plan was made for (its job arguments).
std::string managed_document(const std::string& format, const platform::ManagedPlan& managed,
                             const ManagedContext& about, const platform::GlueRequest& glue);

// Predict's exit-4 reason: the cluster and layout, why they cannot run the job, and what can.
std::string predict_infeasible(const platform::Cluster& cluster, const layout::Layout& layout,
                               const model::Prediction& prediction);

}  // namespace sparkfit::output
