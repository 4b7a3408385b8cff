// `recommend` on AWS Glue, EMR Serverless and Kubernetes, and `--platform all`: each platform's
// options from its planner (src/platform/), the pick by the objective, and the native artefacts.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "cli/managed.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/json_writer.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/version.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::cli {
namespace {

std::string describe_risks(unsigned risks) {
  std::vector<std::string> names = model::risk_names(risks);
  return names.empty() ? "none found" : text::join(names);
}

}  // namespace

void write_option_json(JsonWriter& json, const platforms::Option& o) {
  json.begin_object();
  json.field("platform", std::string(platform::to_string(o.platform))).field("configuration", o.label);
  if (o.worker) json.field("worker_type", o.worker->name).field("workers", o.workers).field("dpus", o.dpus);
  if (o.executor_vcpus) json.field("executor_vcpus", o.executor_vcpus).field("worker_memory_gib", o.worker_memory_gib)
                            .field("disk_gb", o.disk_gb);
  json.field("num_executors", o.layout.num_executors)
      .field("executor_cores", o.layout.executor_cores)
      .field("executor_memory_mib", o.layout.heap_mib)
      .field("memory_overhead_mib", o.layout.overhead_mib)
      .field("task_slots", o.layout.task_slots);
  json.field("feasible", o.feasible());
  json.key("infeasible_reason");
  if (o.feasible()) json.null(); else json.value(std::string(model::to_string(o.prediction.infeasible)));
  json.field("runtime_s", std::round(o.runtime_s() * 10) / 10).field("cost_usd", std::round(o.cost_usd() * 10000) / 10000);
  if (o.worker) json.field("dpu_hours", std::round(o.dpu_hours * 1000) / 1000);
  json.key("risks").begin_array();
  for (const std::string& risk : model::risk_names(o.prediction.risks)) json.value(risk);
  json.end_array();
  json.key("spark_conf").begin_object();
  for (const auto& [key, value] : o.spark_conf) json.field(key, value);
  json.end_object();
  json.key("explanations").begin_array();
  for (const std::string& note : o.notes) json.value(note);
  json.end_array();
  json.end_object();
}

std::string render_option_text(const platforms::Option& o, const model::JobPlan& plan) {
  std::ostringstream out;
  out << "  " << o.label << ": " << o.layout.num_executors << (o.layout.num_executors == 1 ? " executor x " : " executors x ") << o.layout.executor_cores << " cores, heap "
      << units::format_spark_memory(o.layout.heap_mib) << ", " << o.layout.task_slots << " task slots\n"
      << "  predicted runtime " << units::format_duration(o.runtime_s()) << ", cost " << units::format_money(o.cost_usd())
      << "\n";
  for (const std::string& note : o.notes) out << "    " << note << "\n";
  out << "\n  stage                     runs   tasks   waves  bytes/task     spill        time\n";
  for (int i = 0; i < o.prediction.stage_count; ++i) {
    const model::StageResult& r = o.prediction.stages[static_cast<std::size_t>(i)];
    char line[256];
    std::snprintf(line, sizeof line, "  %-24s %5d %7lld %7lld %11s %9s %11s\n",
                  plan.stages[static_cast<std::size_t>(i)].name.c_str(), r.runs, static_cast<long long>(r.tasks),
                  static_cast<long long>(r.waves), units::format_size(static_cast<std::int64_t>(r.bytes_per_task)).c_str(),
                  r.spill_bytes > 0 ? units::format_size(static_cast<std::int64_t>(r.spill_bytes)).c_str() : "-",
                  units::format_duration(r.time_s * r.runs).c_str());
    out << line;
  }
  out << "\n  risks: " << describe_risks(o.prediction.risks) << "\n";
  return out.str();
}

std::string render_managed(const ManagedRequest& request, const std::vector<platforms::Option>& options, std::size_t best,
                           const std::string& format) {
  const platforms::Option& o = options[best];
  const job::JobSpec& job = request.plan->job;
  std::ostringstream out;
  if (format == "glue-args") return platforms::render_glue_args(o, request.glue, job.name);
  if (format == "serverless-json") return platforms::render_serverless_json(o, job.name);
  if (format == "k8s-yaml") return platforms::render_spark_application(o, job.name);
  std::size_t feasible = static_cast<std::size_t>(std::count_if(options.begin(), options.end(),
                                                                [](const platforms::Option& x) { return x.feasible(); }));
  const bool predict = request.command == "predict";
  if (format == "json") {
    JsonWriter json;
    json.begin_object().field("schema_version", 1).field("sparkfit_version", std::string(kVersion));
    json.field("platform", std::string(platform::to_string(o.platform)));
    json.field("evaluated", static_cast<std::int64_t>(options.size())).field("feasible", static_cast<std::int64_t>(feasible));
    json.key(predict ? "predicted" : "recommended");
    write_option_json(json, o);
    if (o.worker && request.capacity) {
      json.field("max_needed_executors", request.capacity->max_needed_executors);
      json.key("one_wave");
      if (request.one_wave) {
        json.begin_object().field("workers", request.one_wave->workers).field("dpus", request.one_wave->dpus)
            .field("runtime_s", std::round(request.one_wave->runtime_s() * 10) / 10)
            .field("cost_usd", std::round(request.one_wave->cost_usd() * 10000) / 10000).end_object();
      } else {
        json.null();
      }
    }
    if (request.all_candidates) {
      json.key("candidates").begin_array();
      for (const platforms::Option& option : options) write_option_json(json, option);
      json.end_array();
    }
    json.end_object();
    return json.str();
  }
  out << "sparkfit " << request.command << ": " << job.name << " (" << job::to_string(job.workload) << ", "
      << units::format_size(job.input.size_bytes) << ") on " << platform::to_string(o.platform) << "\n";
  if (!predict) out << "evaluated " << options.size() << " options (" << feasible << " can run)\n\nRecommended\n";
  else if (options.size() > 1) out << "the given choices leave " << options.size() << " options; the objective picks\n\nPredicted\n";
  else out << "\nPredicted\n";
  out << render_option_text(o, *request.plan);
  if (o.worker && request.capacity) {
    out << "\nGlue's capacity view\n  the widest stage has " << request.capacity->widest_tasks << " tasks; at "
        << o.worker->vcpus << " tasks per executor that is " << request.capacity->max_needed_executors
        << " executors (\"maximum needed executors\"), so " << request.capacity->one_wave_workers
        << " workers run it in one wave";
    if (request.one_wave && request.one_wave->feasible())
      out << ": " << units::format_duration(request.one_wave->runtime_s()) << " for "
          << units::format_money(request.one_wave->cost_usd()) << " against " << units::format_money(o.cost_usd())
          << " for the " << (predict ? "given " : "recommended ") << o.workers << " workers";
    out << "\n";
    if (request.glue.auto_scaling)
      out << "  with Auto Scaling, set NumberOfWorkers to " << std::max(o.workers, request.capacity->one_wave_workers)
          << " (the maximum): Glue releases executors a stage does not need, so the idle ones stop costing\n";
  }
  out << "\nThe model is analytic and rough (README, \"How the model works\").\n";
  return out.str();
}

}  // namespace sparkfit::cli
