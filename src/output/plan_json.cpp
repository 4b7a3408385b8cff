// predict's and recommend's JSON: the fields and their rounding are part of the interface.
#include <cstdio>
#include <cstdlib>
#include <ostream>
#include <sstream>

#include "sparkfit/output/layout_json.hpp"
#include "sparkfit/output/plan.hpp"
#include "sparkfit/util/round.hpp"
#include "sparkfit/util/version.hpp"

namespace sparkfit::output {
namespace {

// Fitted figures to 6 significant digits: what the fit can claim, and the same text on any machine
// (the last bits of a least-squares solution are not).
double significant(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.6g", value);
  return std::strtod(text, nullptr);
}

void write_calibration_json(JsonWriter& json, const calibration::JobCalibration& calibration,
                            const model::Prediction& p) {
  json.key("calibration");
  const model::Calibration& fit = calibration.fit;
  if (!fit.active) {
    json.null();
    return;
  }
  json.begin_object();
  json.field("formula", fit.formula);
  json.field("runtime_factor", significant(fit.runtime_factor));
  json.field("rms_relative_error", util::round_share(fit.rms_relative_error))
      .field("uncalibrated_rms_relative_error", util::round_share(fit.uncalibrated_rms_relative_error))
      .field("observed_min_nodes", fit.min_nodes)
      .field("observed_max_nodes", fit.max_nodes)
      .field("uncalibrated_runtime_s", util::round_seconds(p.uncalibrated_runtime_s));
  json.key("observations").begin_array();
  for (const calibration::UsedObservation& used : calibration.used) {
    json.begin_object();
    json.field("line", used.line).field("platform", used.platform).field("measured_by", used.measured_by);
    json.key("event_log");
    if (used.event_log.empty())
      json.null();
    else
      json.value(used.event_log);
    json.field("nodes", used.nodes)
        .field("measured_s", util::round_seconds(used.measured_s))
        .field("predicted_s", util::round_seconds(used.predicted_s));
    json.end_object();
  }
  json.end_array();
  json.end_object();
}

void write_prediction_json(JsonWriter& json, const platform::Cluster& cluster, const layout::Layout& l,
                           const model::Prediction& p, const model::JobPlan& plan) {
  write_layout_fields(json, cluster, l);
  json.field("feasible", p.feasible());
  json.key("infeasible_reason");
  if (p.feasible())
    json.null();
  else
    json.value(p.infeasible == model::Infeasible::layout ? std::string(layout::to_string(l.problem))
                                                         : std::string(model::to_string(p.infeasible)));
  json.field("runtime_s", util::round_seconds(p.runtime_s));
  json.key("cost_usd");
  if (cluster.platform == platform::Platform::yarn)
    json.null();
  else
    json.value(util::round_usd(p.cost_usd));
  write_intervals(json, p.runtime_low_s, p.runtime_high_s, p.cost_low_usd, p.cost_high_usd,
                  cluster.platform != platform::Platform::yarn);
  json.field("core_hours", util::round_hours(p.core_hours));
  json.key("risks").begin_array();
  for (const std::string& risk : model::risk_names(p)) json.value(risk);
  json.end_array();
  json.key("stages").begin_array();
  for (int i = 0; i < p.stage_count; ++i) {
    const model::StageResult& r = p.stages[static_cast<std::size_t>(i)];
    json.begin_object();
    json.field("name", plan.stages[static_cast<std::size_t>(i)].name)
        .field("tasks", r.tasks)
        .field("waves", r.waves)
        .field("bytes_per_task", static_cast<std::int64_t>(r.bytes_per_task))
        .field("spill_bytes", static_cast<std::int64_t>(r.spill_bytes))
        .field("runs", r.runs)
        .field("time_s", util::round_seconds(r.time_s));
    json.end_object();
  }
  json.end_array();
}

// A candidate: its instance type, nodes, executor cores and shuffle partitions ...
void write_candidate_fields(JsonWriter& json, const search::Candidate& c) {
  json.key("instance_type");
  if (c.instance)
    json.value(c.instance->name);
  else
    json.null();
  json.field("nodes", c.nodes)
      .field("executor_cores", c.executor_cores)
      .field("shuffle_partitions", c.shuffle_partitions)
      .field("deploy_mode", std::string(job::to_string(c.deploy_mode)));
}

// ... and its runtime and cost.
void write_candidate_figures(JsonWriter& json, const search::Candidate& c, bool priced) {
  json.field("runtime_s", util::round_seconds(c.runtime_s));
  json.key("cost_usd");
  if (priced)
    json.value(util::round_usd(c.cost_usd));
  else
    json.null();
  write_intervals(json, c.runtime_low_s, c.runtime_high_s, c.cost_low_usd, c.cost_high_usd, priced);
}

// `--suggest-runs`: each run to measure as a candidate, with why; the notes when fewer than asked.
void write_suggested_runs(JsonWriter& json, const search::Recommendation& recommendation) {
  if (!recommendation.suggested) return;
  json.key("suggested_runs").begin_array();
  for (const search::SuggestedRun& run : recommendation.suggested->runs) {
    const search::Candidate& c = recommendation.result.candidates[run.candidate];
    json.begin_object();
    write_candidate_fields(json, c);
    write_candidate_figures(json, c, recommendation.priced());
    json.field("why", run.why).end_object();
  }
  json.end_array();
  json.key("suggested_runs_notes").begin_array();
  for (const std::string& note : recommendation.suggested->notes) json.value(note);
  json.end_array();
}

}  // namespace

void write_answer_json(JsonWriter& json, const PredictAnswer& answer, const model::Prediction& prediction) {
  json.key("assumed").begin_array();
  for (const std::string& sentence : answer.assumed) json.value(sentence);
  json.end_array();
  // A run that cannot start meets no deadline and no budget.
  const job::ObjectiveMet met = job::objective_met(answer.objective, prediction.runtime_s, prediction.cost_usd);
  if (met.deadline) json.field("deadline_met", *met.deadline && prediction.feasible());
  if (met.budget) json.field("budget_met", *met.budget && prediction.feasible());
}

// The document's shape is the managed platforms' (docs/interface.md#json): the platform at the top,
// the layout and the figures under `predicted`.
std::string predict_json(const model::JobPlan& plan, const platform::Cluster& cluster, const layout::Layout& layout,
                         const model::Prediction& prediction, const calibration::JobCalibration& calibration,
                         const PredictAnswer& answer) {
  JsonWriter json;
  json.begin_object().field("schema_version", 1).field("sparkfit_version", std::string(kVersion));
  json.field("platform", std::string(platform::to_string(cluster.platform)));
  json.key("predicted").begin_object();
  write_prediction_json(json, cluster, layout, prediction, plan);
  write_answer_json(json, answer, prediction);
  json.end_object();
  write_calibration_json(json, calibration, prediction);
  json.field("model", std::string("sparkfit analytic model v1 (rough: throughputs are estimates; see README)"));
  json.end_object();
  return json.str();
}

void write_explanations(JsonWriter& json, const std::vector<platform::Setting>& settings) {
  json.key("explanations").begin_array();
  for (const platform::Setting& s : settings)
    json.begin_object().field("setting", s.key).field("value", s.value).field("why", s.why).end_object();
  json.end_array();
}

void write_recommend_json(std::ostream& out, const model::JobPlan& plan, const search::Recommendation& recommendation,
                          const calibration::JobCalibration& calibration, bool all_candidates) {
  const search::Result& result = recommendation.result;
  const bool priced = recommendation.priced();
  JsonWriter json;
  json.begin_object().field("schema_version", 1).field("sparkfit_version", std::string(kVersion));
  json.field("evaluated", result.evaluated).field("feasible", result.feasible);
  json.key("infeasible_reasons").begin_object();
  for (const auto& [reason, count] : result.infeasible_reasons) json.field(reason, count);
  json.end_object();
  write_calibration_json(json, calibration, recommendation.prediction);
  json.key("recommended").begin_object();
  write_prediction_json(json, recommendation.cluster, recommendation.layout, recommendation.prediction, plan);
  json.key("spark_conf").begin_object();
  for (const platform::Setting& s : recommendation.settings) json.field(s.key, s.value);
  json.end_object();
  json.end_object();
  json.key("pareto").begin_array();
  for (std::size_t index : result.pareto) {
    json.begin_object();
    write_candidate_fields(json, result.candidates[index]);
    write_candidate_figures(json, result.candidates[index], priced);
    json.end_object();
  }
  json.end_array();
  write_explanations(json, recommendation.settings);
  write_suggested_runs(json, recommendation);
  if (all_candidates) {
    json.key("candidates").begin_array();
    std::int64_t written = 0;
    search::for_each_candidate(plan, recommendation, [&](const search::Candidate& c) {
      json.begin_object();
      write_candidate_fields(json, c);
      json.field("feasible", c.infeasible == model::Infeasible::none);
      write_candidate_figures(json, c, priced);
      json.end_object();
      if (++written % 4096 == 0) out << json.take();
    });
    json.end_array();
  }
  json.end_object();
  out << json.take();
}

std::string recommend_json(const model::JobPlan& plan, const search::Recommendation& recommendation,
                           const calibration::JobCalibration& calibration, bool all_candidates) {
  std::ostringstream out;
  write_recommend_json(out, plan, recommendation, calibration, all_candidates);
  return out.str();
}

std::string comparison_json(const platform::Comparison& comparison) {
  JsonWriter json;
  json.begin_object().field("schema_version", 1).field("sparkfit_version", std::string(kVersion));
  json.key("platforms").begin_array();
  for (const platform::PlatformPick& pick : comparison.platforms) {
    json.begin_object().field("platform", std::string(platform::to_string(pick.platform)));
    json.field("found", pick.found);
    if (pick.found) {
      json.field("configuration", pick.label)
          .field("runtime_s", util::round_seconds(pick.runtime_s))
          .field("cost_usd", util::round_usd(pick.cost_usd));
    } else {
      json.field("why_none", pick.why_none);
    }
    json.field("price_driver", pick.price_driver);
    json.end_object();
  }
  json.end_array();
  json.field("recommended_platform",
             std::string(platform::to_string(comparison.platforms[comparison.winner].platform)));
  json.end_object();
  return json.str();
}

}  // namespace sparkfit::output
