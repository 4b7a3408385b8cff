// The page of `sparkfit review --report`: what the review found, on the layout it reviewed, and
// with a job what the model predicts for the configuration as submitted and for sparkfit's fix.
#include <algorithm>

#include "sparkfit/report/pages.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/round.hpp"
#include "sparkfit/util/text.hpp"
#include "sparkfit/util/version.hpp"

namespace sparkfit::report {
namespace {

std::string executors_text(const layout::Layout& l) {
  return text::plural(l.num_executors, "executor") + " x " + text::plural(l.executor_cores, "core") + ", heap " +
         units::format_spark_memory(l.heap_mib);
}

// Executors run in containers on YARN and Glue, in pods on Kubernetes.
std::string layout_text(const layout::Layout& l, const std::string& container = "container") {
  return executors_text(l) + " + overhead " + units::format_spark_memory(l.overhead_mib) + " = " +
         std::to_string(l.container_mib) + " MiB " + container + "s (" + std::to_string(l.executors_per_node) +
         " per node), " + std::to_string(l.task_slots) + " task slots";
}

std::string predicted_text(const model::Prediction& p, bool priced, layout::Problem problem) {
  if (!p.feasible()) return "cannot run: " + model::describe(p, problem);
  return "runtime " + units::format_duration(p.runtime_s) + ", " +
         (priced ? units::format_money(p.cost_usd)
                 : units::format_number(util::round_to(p.core_hours, 1)) + " core-hours");
}

void add_job(report::ReportData& page, const job::JobSpec& job, bool priced) {
  page.title = job.name + ": review";
  page.subtitle += "; " + std::string(job::to_string(job.workload)) + ", " + units::format_size(job.input.size_bytes);
  page.deadline_s = job.objective.deadline_s;
  if (priced) page.budget_usd = job.objective.budget_usd;
  page.minimize_runtime = job.objective.minimize == job::Minimize::runtime;
}

// A Glue job: its capacity as defined (one executor per worker) against sparkfit's worker type and
// count, each with the model's runtime and cost when a job spec was given.
report::ReportData glue_review_page(report::ReportData page, const review::GlueReview& g, const review::Input& input,
                                    const std::optional<model::JobPlan>& plan) {
  if (g.current) page.subtitle += " on " + g.current->label + " (glue, Glue " + g.version + ")";
  if (g.current && g.current->layout.problem == layout::Problem::none) {
    page.layout = drawing_of(g.current->cluster, g.current->layout);
    if (g.worker) page.layout->instance = g.worker->name;  // a worker is named by its type, as Glue names it
    page.notes.push_back("As defined: " + g.current->label +
                         ", one executor per worker and the driver on one: " + layout_text(g.current->layout) + ".");
  }
  for (const std::string& note : g.notes) page.notes.push_back(note);
  for (const std::string& note : input.model_notes) page.notes.push_back(note);
  if (!input.job || !input.constants) return page;
  add_job(page, *input.job, true);
  if (g.current) {
    page.notes.push_back(
        "Predicted as defined: " + predicted_text(g.current->prediction, true, g.current->layout.problem) + ".");
    if (g.current->feasible())
      page.points.push_back({"as defined: " + g.current->label, "glue", g.current->runtime_s(), g.current->cost_usd(),
                             false, false, true, true});
    if (plan) page.stages = stage_bars(*plan, g.current->prediction, g.current->layout.task_slots);
  }
  if (g.best) {
    page.notes.push_back("Predicted with sparkfit's choice, " + g.best->label + ": " +
                         predicted_text(g.best->prediction, true, g.best->layout.problem) + ".");
    if (g.best->feasible())
      page.points.push_back({"sparkfit's choice: " + g.best->label, "glue", g.best->runtime_s(), g.best->cost_usd(),
                             false, true, false, true});
  }
  mark_pareto(page.points);
  page.notes.push_back(
      "Runtimes are the fitted model's medians, with 80% intervals (README, \"How the model works\").");
  return page;
}

}  // namespace

report::ReportData review_page(const std::vector<rules::Finding>& findings, const review::FactSet& facts,
                               const review::Input& input, const std::string& command) {
  report::ReportData page;
  page.title = "sparkfit review";
  page.subtitle = "review: " + review::count_text(findings);
  if (input.cluster)
    page.subtitle +=
        " on " + input.cluster->description + " (" + std::string(platform::to_string(input.cluster->platform)) + ")";
  page.command = command;
  page.sparkfit_version = kVersion;

  page.findings = findings;
  for (const spark_conf::Setting& s : facts.effective) {
    std::string from = s.source;
    if (!s.where.file.empty()) from += ", " + rules::place_text(s.where);
    page.settings.push_back({s.key, s.value, from});
  }

  if (facts.glue) return glue_review_page(std::move(page), *facts.glue, input, facts.plan);
  if (!input.cluster) {
    page.notes.push_back(
        "No cluster was given: only the settings were reviewed. --instance and --nodes, --emr-cluster or "
        "--platform yarn with --nodes, --node-cores and --node-memory add the layout and its rules.");
    return page;
  }
  const platform::Cluster& cluster = *input.cluster;
  const review::Layouts& L = facts.layouts;
  const layout::Layout& R = L.reviewed;
  const layout::Layout& X = L.fix;
  const bool priced = cluster.platform != platform::Platform::yarn;
  page.priced = priced;
  const bool pods = cluster.platform == platform::Platform::kubernetes;
  const std::string container = pods ? "pod" : "container";

  if (R.problem == layout::Problem::none) {
    page.layout = drawing_of(cluster, R);
    page.notes.push_back("As submitted: " + layout_text(R, container) + ".");
    // The settings' own request (not dynamic allocation's unbounded maximum, which the layout also sees).
    auto requested = facts.facts.find("executors.requested");
    if (requested != facts.facts.end() && requested->second.number > R.num_executors)
      page.notes.push_back(units::format_number(requested->second.number) + " executors are requested; " +
                           std::to_string(R.num_executors) + " start.");
  } else {
    page.notes.push_back("As submitted: " + std::to_string(R.executor_cores) + "-core executors, heap " +
                         units::format_spark_memory(R.heap_mib) + " + overhead " +
                         units::format_spark_memory(R.overhead_mib) + " = " + std::to_string(R.container_mib) +
                         " MiB " + container + "s: " + review::cannot_place_text(R.problem, pods, true) +
                         ", so no layout is drawn.");
  }
  for (const std::string& note : L.notes) page.notes.push_back(note);
  if (X.problem == layout::Problem::none) {
    page.notes.push_back("sparkfit would use: " + layout_text(X, container) + ": " +
                         review::fix_settings_text(facts, input) + ".");
  }

  // The model's view, with a job: the submitted configuration and the fix on one chart.
  if (!input.job || !input.constants) return page;
  const job::JobSpec& job = *input.job;
  add_job(page, job, priced);
  for (const std::string& note : input.model_notes) page.notes.push_back(note);
  const std::string group = cluster.description;
  auto measure = [&](const model::Prediction& p) { return priced ? p.cost_usd : p.core_hours; };
  if (L.predicted) {
    page.notes.push_back("Predicted as submitted: " + predicted_text(*L.predicted, priced, R.problem) + ".");
    if (L.predicted->feasible()) {
      report::Point current{"as submitted: " + executors_text(R),
                            group,
                            L.predicted->runtime_s,
                            measure(*L.predicted),
                            false,
                            false,
                            true,
                            true};
      page.points.push_back(current);
    }
    if (facts.plan) page.stages = stage_bars(*facts.plan, *L.predicted, R.task_slots);
  }
  if (L.fix_predicted) {
    page.notes.push_back("Predicted with sparkfit's fix: " + predicted_text(*L.fix_predicted, priced, X.problem) + ".");
    if (L.fix_predicted->feasible()) {
      std::string label = "sparkfit's fix: " + executors_text(X);
      if (L.fix_shuffle_partitions > 0)
        label += ", " + std::to_string(L.fix_shuffle_partitions) + " shuffle partitions";
      page.points.push_back(
          {label, group, L.fix_predicted->runtime_s, measure(*L.fix_predicted), false, true, false, true});
    }
  }
  mark_pareto(page.points);
  page.notes.push_back(
      "Runtimes are the fitted model's medians, with 80% intervals (README, \"How the model works\").");
  return page;
}

std::string review_report_pointer(const std::string& html_file) {
  std::string name;
  for (char c : html_file) name += c == '`' ? '\'' : c;  // inside inline code
  return "\n_The reviewed layout and, with a job, its predicted runtime and cost against sparkfit's fix are drawn in "
         "the HTML report `" +
         name + "`: GitHub does not show inline SVG._\n";
}

}  // namespace sparkfit::report
