// The writer each --format word of predict and recommend names, chosen in one place.
#include "sparkfit/output/plan.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::output {

std::string recommend_document(const RecommendDocument& asked, const search::Planning& p,
                               const search::Recommendation& r) {
  if (asked.format == "json") return recommend_json(p.plan, r, p.calibrated, asked.all_candidates);
  if (asked.format == "spark-submit") return spark_submit(r);
  if (asked.format == "spark-defaults") return spark_defaults(r);
  if (asked.format == "emr-json")
    return emr_create_cluster_json(r,
                                   {p.plan.job.name, p.settings.primary, asked.emr_fleets, asked.dynamic_allocation});
  return recommend_text(p.plan, r, p.objective, p.notes);
}

std::string managed_document(const std::string& format, const platform::ManagedPlan& managed,
                             const ManagedContext& about, const platform::GlueRequest& glue) {
  const std::string& name = about.plan->job.name;
  if (format == "glue-args") return glue_args(managed.pick(), glue, name);
  if (format == "serverless-json") return serverless_json(managed.pick(), name);
  if (format == "k8s-yaml") return spark_application(managed.pick(), name);
  return format == "json" ? managed_json(managed, about) : managed_text(managed, about);
}

std::string predict_infeasible(const platform::Cluster& cluster, const layout::Layout& l,
                               const model::Prediction& prediction) {
  return cluster.description + " with " + text::plural(l.num_executors, "executor") + " x " +
         std::to_string(l.executor_cores) + " cores cannot run this job: " + infeasible_text(l, prediction) +
         "; 'sparkfit recommend' finds a layout that can";
}

}  // namespace sparkfit::output
