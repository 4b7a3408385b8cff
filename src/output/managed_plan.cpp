// predict's and recommend's text and JSON on AWS Glue, EMR Serverless and Kubernetes: the pick,
// its arithmetic, and Glue's own capacity view of it.
#include <algorithm>
#include <sstream>

#include "output/stage_table.hpp"
#include "output/suggested_runs.hpp"
#include "sparkfit/output/layout_json.hpp"
#include "sparkfit/output/plan.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/round.hpp"
#include "sparkfit/util/text.hpp"
#include "sparkfit/util/version.hpp"

namespace sparkfit::output {
namespace {

std::int64_t feasible_count(const std::vector<platform::Option>& options) {
  return std::count_if(options.begin(), options.end(), [](const platform::Option& o) { return o.feasible(); });
}

std::string describe_risks(const model::Prediction& prediction) {
  std::vector<std::string> names = model::risk_names(prediction);
  return names.empty() ? "none found" : text::join(names);
}

// `answer`: predict's pick, which adds what was assumed and the deadline and budget checked.
void write_option_fields(JsonWriter& json, const platform::Option& o, const PredictAnswer* answer) {
  json.field("platform", std::string(platform::to_string(o.platform))).field("configuration", o.label);
  const platform::GlueDetail* glue = o.glue();
  const platform::ServerlessDetail* serverless = o.serverless();
  if (glue) json.field("worker_type", glue->worker->name).field("workers", glue->workers).field("dpus", glue->dpus);
  if (serverless)
    json.field("executor_vcpus", serverless->executor_vcpus)
        .field("worker_memory_gib", serverless->worker_memory_gib)
        .field("disk_gb", serverless->disk_gb);
  json.field("num_executors", o.layout.num_executors)
      .field("executor_cores", o.layout.executor_cores)
      .field("executor_memory_mib", o.layout.heap_mib)
      .field("memory_overhead_mib", o.layout.overhead_mib)
      .field("task_slots", o.layout.task_slots);
  json.field("feasible", o.feasible());
  json.key("infeasible_reason");
  if (o.feasible())
    json.null();
  else
    json.value(std::string(model::to_string(o.prediction.infeasible)));
  json.field("runtime_s", util::round_seconds(o.runtime_s())).field("cost_usd", util::round_usd(o.cost_usd()));
  write_intervals(json, o.prediction.runtime_low_s, o.prediction.runtime_high_s, o.prediction.cost_low_usd,
                  o.prediction.cost_high_usd, true);
  if (glue) json.field("dpu_hours", util::round_hours(glue->dpu_hours));
  json.key("risks").begin_array();
  for (const std::string& risk : model::risk_names(o.prediction)) json.value(risk);
  json.end_array();
  json.key("spark_conf").begin_object();
  for (const platform::Setting& s : o.spark_conf) json.field(s.key, s.value);
  json.end_object();
  write_explanations(json, o.spark_conf);
  json.key("notes").begin_array();
  for (const std::string& note : o.notes) json.value(note);
  json.end_array();
  if (answer) write_answer_json(json, *answer, o.prediction);
}

void write_option_json(JsonWriter& json, const platform::Option& o, const PredictAnswer* answer = nullptr) {
  json.begin_object();
  write_option_fields(json, o, answer);
  json.end_object();
}

std::string render_option_text(const platform::Option& o, const model::JobPlan& plan) {
  std::ostringstream out;
  out << "  " << o.label << ": " << text::plural(o.layout.num_executors, "executor") << " x " << o.layout.executor_cores
      << " cores, heap " << units::format_spark_memory(o.layout.heap_mib) << ", " << o.layout.task_slots
      << " task slots\n"
      << "  " << forecast_text(o.prediction, true) << "\n";
  for (const std::string& note : o.notes) out << "    " << note << "\n";
  out << stage_table(plan, o.prediction);
  out << "\n  risks: " << describe_risks(o.prediction) << "\n";
  return out.str();
}

// `--suggest-runs`: each run to measure as an option, with why; the notes when fewer than asked.
void write_suggested_runs(JsonWriter& json, const platform::ManagedPlan& managed,
                          const search::Suggestions* suggested) {
  if (!suggested) return;
  json.key("suggested_runs").begin_array();
  for (const search::SuggestedRun& run : suggested->runs) {
    json.begin_object();
    write_option_fields(json, managed.options[run.candidate], nullptr);
    json.field("why", run.why).end_object();
  }
  json.end_array();
  json.key("suggested_runs_notes").begin_array();
  for (const std::string& note : suggested->notes) json.value(note);
  json.end_array();
}

std::string suggested_runs_text(const platform::ManagedPlan& managed, const search::Suggestions* suggested) {
  if (!suggested) return "";
  std::vector<SuggestedRunRow> rows;
  for (const search::SuggestedRun& run : suggested->runs) {
    const platform::Option& o = managed.options[run.candidate];
    const model::Prediction& p = o.prediction;
    rows.push_back({o.label, p.runtime_s, p.runtime_low_s, p.runtime_high_s, p.cost_usd, p.cost_low_usd,
                    p.cost_high_usd, run.why});
  }
  return suggested_runs_section(rows, suggested->notes, true);
}

}  // namespace

std::string managed_json(const platform::ManagedPlan& managed, const ManagedContext& context) {
  const platform::Option& o = managed.pick();
  const std::vector<platform::Option>& options = managed.options;
  JsonWriter json;
  json.begin_object().field("schema_version", 1).field("sparkfit_version", std::string(kVersion));
  json.field("platform", std::string(platform::to_string(o.platform)));
  json.field("evaluated", static_cast<std::int64_t>(options.size())).field("feasible", feasible_count(options));
  json.key(context.predict ? "predicted" : "recommended");
  write_option_json(json, o, context.predict ? context.answer : nullptr);
  if (o.glue() && managed.capacity) {
    json.field("max_needed_executors", managed.capacity->max_needed_executors);
    json.key("one_wave");
    if (managed.one_wave) {
      json.begin_object()
          .field("workers", managed.one_wave->glue()->workers)
          .field("dpus", managed.one_wave->glue()->dpus)
          .field("runtime_s", util::round_seconds(managed.one_wave->runtime_s()))
          .field("cost_usd", util::round_usd(managed.one_wave->cost_usd()))
          .end_object();
    } else {
      json.null();
    }
  }
  if (context.all_candidates) {
    json.key("candidates").begin_array();
    for (const platform::Option& option : options) write_option_json(json, option);
    json.end_array();
  }
  write_suggested_runs(json, managed, context.suggested);
  json.end_object();
  return json.str();
}

std::string managed_text(const platform::ManagedPlan& managed, const ManagedContext& context) {
  const platform::Option& o = managed.pick();
  const std::vector<platform::Option>& options = managed.options;
  const job::JobSpec& job = context.plan->job;
  const bool predict = context.predict;
  std::ostringstream out;
  out << "sparkfit " << (predict ? "predict" : "recommend") << ": " << job.name << " (" << job::to_string(job.workload)
      << ", " << units::format_size(job.input.size_bytes) << ") on " << platform::to_string(o.platform) << "\n";
  if (!predict)
    out << "evaluated " << options.size() << " options (" << feasible_count(options) << " can run)\n\nRecommended\n";
  else if (options.size() > 1)
    out << "the given choices leave " << options.size() << " options; the objective picks\n\nPredicted\n";
  else
    out << "\nPredicted\n";
  out << render_option_text(o, *context.plan);
  if (predict && context.answer && o.feasible())
    out << objective_lines(context.answer->objective, o.runtime_s(), o.cost_usd());
  if (const platform::GlueDetail* glue = o.glue(); glue && managed.capacity) {
    out << "\nGlue's capacity view\n  the widest stage has " << managed.capacity->widest_tasks << " tasks; at "
        << glue->worker->vcpus << " tasks per executor that is " << managed.capacity->max_needed_executors
        << " executors (\"maximum needed executors\"), so " << managed.capacity->one_wave_workers
        << " workers run it in one wave";
    if (managed.one_wave && managed.one_wave->feasible())
      out << ": " << units::format_duration(managed.one_wave->runtime_s()) << " for "
          << units::format_money(managed.one_wave->cost_usd()) << " against " << units::format_money(o.cost_usd())
          << " for the " << (predict ? "given " : "recommended ") << glue->workers << " workers";
    out << "\n";
    if (context.auto_scaling)
      out << "  with Auto Scaling, set NumberOfWorkers to "
          << std::max(glue->workers, managed.capacity->one_wave_workers)
          << " (the maximum): Glue releases executors a stage does not need, so the idle ones stop costing\n";
  }
  if (predict && context.answer) out << assumed_section(context.answer->assumed);
  out << suggested_runs_text(managed, context.suggested);
  out << "\nRuntimes are the fitted model's medians and 80% intervals (README, \"How the model works\").\n";
  return out.str();
}

}  // namespace sparkfit::output
