// `predict` and `recommend`: flags into a request, one engine call (the model, the search or a
// managed planner), one writer.
#include <algorithm>
#include <charconv>

#include "cli/context.hpp"
#include "cli/options.hpp"
#include "sparkfit/report/pages.hpp"
#include "sparkfit/calibration/observations.hpp"
#include "sparkfit/output/plan.hpp"
#include "sparkfit/output/report.hpp"
#include "sparkfit/platform/managed.hpp"
#include "sparkfit/platform/planner.hpp"
#include "sparkfit/report/report.hpp"
#include "sparkfit/search/search.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/text.hpp"
#include "sparkfit/util/version.hpp"

namespace sparkfit::cli {

using report::drawing_of, report::stage_bars, model::risk_findings;
namespace {

double fraction_flag(const char* flag, const std::optional<std::string>& value, double fallback, bool allow_above_one) {
  if (!value) return fallback;
  double f = 0;
  auto [ptr, ec] = std::from_chars(value->data(), value->data() + value->size(), f);
  if (ec != std::errc() || ptr != value->data() + value->size() || f < 0 || (!allow_above_one && f >= 1) ||
      (allow_above_one && f <= 0))
    throw InputError(std::string(flag) + ": invalid value '" + *value + "': expected " +
                     (allow_above_one ? "a positive factor such as 1.08" : "a fraction from 0 to below 1, such as 0.6"));
  return f;
}

job::Objective objective_from(const Flags& flags, const job::JobSpec& job) {
  job::Objective objective = job.objective;
  try {
    if (flags.minimize) objective.minimize = job::parse_minimize(*flags.minimize);
    if (flags.deadline) objective.deadline_s = units::parse_duration_s(*flags.deadline);
    if (flags.budget) objective.budget_usd = units::parse_money_usd(*flags.budget);
  } catch (const InputError& error) {
    throw InputError(std::string(flags.minimize && !flags.deadline ? "--minimize" : flags.deadline ? "--deadline" : "--budget") +
                     ": " + error.message());
  }
  return objective;
}

model::Settings settings_from(Context& context, const Flags& flags, const job::JobSpec& job) {
  model::Settings settings;
  if (job.layout.shuffle_partitions) {
    settings.shuffle_partitions = *job.layout.shuffle_partitions;
    settings.shuffle_partitions_given = true;
  }
  if (job.emr) {
    settings.market = job.emr->market;
    settings.spot_discount = job.emr->spot_discount;
    if (job.emr->primary_instance) settings.primary = context.catalog().find(*job.emr->primary_instance);
  }
  if (flags.market) settings.market = job::parse_market(*flags.market);
  settings.spot_discount = fraction_flag("--spot-discount", flags.spot_discount, settings.spot_discount, false);
  settings.price_factor = fraction_flag("--price-factor", flags.price_factor, 1.0, true);
  settings.savings_plan_discount = fraction_flag("--savings-plan-discount", flags.savings_plan_discount, 0.0, false);
  if (flags.primary_instance) {
    settings.primary = &context.catalog().require(*flags.primary_instance, "--primary-instance");
  }
  return settings;
}

model::Constants load_model(Context& context) {
  return model::load_constants(context.data_dir().path / "instance_catalogs" / "model" / "model.yaml");
}

std::vector<std::string> list_flag(const std::string& value) {
  std::vector<std::string> items;
  for (std::string_view part : text::split(value, ',')) items.emplace_back(part);
  return items;
}

// What every plan starts from: the model, the job's plan, the price settings, the calibration from
// the spec's observations (whose notes the output carries) and, where the command picks, the
// objective.
struct Planning {
  model::Constants constants;
  model::Settings settings;
  job::Objective objective;
  model::JobPlan plan;
  calibration::JobCalibration calibrated;
  std::vector<std::string> notes;
};

// Built in place: `settings.calibration` points into it.
void start_planning(Planning& p, Context& context, const Flags& flags, const job::JobSpec& job) {
  p.constants = load_model(context);
  p.settings = settings_from(context, flags, job);
  p.plan = model::plan_job(job, p.constants);
  p.calibrated = calibration::from_observations(context.catalog(), job, p.plan, p.settings, p.constants, p.notes);
  p.settings.calibration = &p.calibrated.fit;
}

// The platform a command plans: --platform, else the format's platform, else the spec's; nullopt
// compares every priced platform (--platform all, or a spec that lists several).
std::optional<platform::Platform> platform_of(const Flags& flags, const job::JobSpec& job) {
  using platform::Platform;
  if (flags.platform) {
    if (*flags.platform == "all") return std::nullopt;
    return platform::parse_platform(*flags.platform);
  }
  if (flags.format == "glue-args") return Platform::glue;
  if (flags.format == "serverless-json") return Platform::emr_serverless;
  if (flags.format == "k8s-yaml") return Platform::kubernetes;
  if (flags.format == "spark-submit" || flags.format == "spark-defaults" || flags.format == "emr-json")
    return job.emr || !job.ec2 ? (job.emr || !job.yarn ? Platform::emr : Platform::yarn) : Platform::ec2;
  int priced = (job.emr ? 1 : 0) + (job.glue ? 1 : 0) + (job.emr_serverless ? 1 : 0) + (job.kubernetes ? 1 : 0);
  if (priced > 1) return std::nullopt;
  if (job.emr) return Platform::emr;
  if (job.glue) return Platform::glue;
  if (job.emr_serverless) return Platform::emr_serverless;
  if (job.kubernetes) return Platform::kubernetes;
  if (job.ec2) return Platform::ec2;
  if (job.yarn) return Platform::yarn;
  return Platform::emr;
}

std::optional<std::vector<std::string>> instances_flag(const Flags& flags) {
  if (!flags.instance) return std::nullopt;
  return list_flag(*flags.instance);
}

std::optional<std::vector<int>> nodes_flag(const Flags& flags) {
  if (!flags.nodes) return std::nullopt;
  return units::parse_count_set(*flags.nodes, "nodes");
}

search::SpaceRequest space_request(Context& context, const Flags& flags, const job::JobSpec& job,
                                   platform::Platform chosen) {
  search::SpaceRequest request;
  request.platform = chosen;
  if (chosen == platform::Platform::yarn) request.yarn = cluster_from(context, flags, job);
  request.emr_release = flags.emr_release;
  request.instances = instances_flag(flags);
  request.nodes = nodes_flag(flags);
  return request;
}

platform::GlueRequest glue_request(const Flags& flags, const job::JobSpec& job) {
  platform::GlueRequest r;
  if (job.glue) {
    r.glue_version = job.glue->glue_version;
    r.worker_types = job.glue->worker_types;
    r.workers = job.glue->workers;
    r.flex = job.glue->execution_class == "flex";
    r.auto_scaling = job.glue->auto_scaling;
  }
  if (flags.glue_version) r.glue_version = *flags.glue_version;
  if (flags.worker_type) r.worker_types = list_flag(*flags.worker_type);
  if (flags.workers) {
    try {
      r.workers = units::parse_count_set(*flags.workers, "workers");
    } catch (const InputError& error) {
      throw InputError("--workers: " + error.message());
    }
  }
  if (flags.execution_class) {
    if (*flags.execution_class != "standard" && *flags.execution_class != "flex")
      throw InputError("--execution-class: expected standard or flex, got '" + *flags.execution_class + "'");
    r.flex = *flags.execution_class == "flex";
  }
  if (flags.auto_scaling) r.auto_scaling = true;
  if (flags.glue_reader) {
    if (*flags.glue_reader != "dynamicframe" && *flags.glue_reader != "dataframe")
      throw InputError("--glue-reader: expected dynamicframe or dataframe, got '" + *flags.glue_reader + "'");
    r.dynamicframe_reader = *flags.glue_reader == "dynamicframe";
  }
  return r;
}

platform::ManagedRequest managed_request(Context& context, const Flags& flags, const job::JobSpec& job,
                                         platform::Platform chosen, bool emr_on_eks) {
  platform::ManagedRequest request;
  request.glue = glue_request(flags, job);
  if (chosen == platform::Platform::kubernetes) {
    request.kubernetes =
        platform::kubernetes_request(context.catalog(), job, instances_flag(flags), nodes_flag(flags), emr_on_eks);
  }
  return request;
}

// The calibration notes go under text output; JSON and the native formats have no place for them.
void emit_with_notes(Context& context, const Flags& flags, std::string text, const std::vector<std::string>& notes) {
  if (flags.format == "text")
    for (const std::string& note : notes) text += "  " + note + "\n";
  emit(context, flags, text);
}

void write_report(const Flags& flags, const report::ReportData& page) {
  if (flags.report) write_whole_file(*flags.report, output::report_html(page), "--report");
}

// The page header every plan's report shares.
report::ReportData plan_page(const std::string& command, const Flags& flags, const job::JobSpec& job,
                             const std::string& where) {
  report::ReportData page;
  page.title = job.name;
  page.subtitle = command + ": " + std::string(job::to_string(job.workload)) + ", " + units::format_size(job.input.size_bytes) +
                  " on " + where;
  page.command = command_line(command, flags.args);
  page.sparkfit_version = kVersion;
  if (flags.report) page.html_report_name = *flags.report;
  return page;
}

void set_objective(report::ReportData& page, const job::Objective& objective, std::size_t evaluated) {
  page.minimize_runtime = objective.minimize == job::Minimize::runtime;
  page.deadline_s = objective.deadline_s;
  page.budget_usd = objective.budget_usd;
  page.evaluated = static_cast<std::int64_t>(evaluated);
}

// ---- recommend ----

int recommend_everywhere(Context& context, const Flags& flags, const Planning& p) {
  const job::JobSpec& job = p.plan.job;
  platform::PlanRequest request{p.plan, context.catalog(), p.settings, p.constants, p.objective};
  request.managed.glue = glue_request(flags, job);
  if (flags.format != "text" && flags.format != "json")
    throw UsageError("--platform all compares platforms: --format text or json");
  if (flags.report) throw UsageError("--report draws one platform's candidates; give --platform emr, glue, ...");
  request.space = search::space_for(context.catalog(), job, space_request(context, flags, job, platform::Platform::emr));
  const platform::Cluster sample = search::first_cluster(*request.space);
  request.base = choices_from(flags, job, &sample);
  request.managed.kubernetes =
      platform::kubernetes_request(context.catalog(), job, instances_flag(flags), nodes_flag(flags), true);
  const platform::Comparison comparison = platform::compare_platforms(request);
  emit_with_notes(context, flags,
                  flags.format == "json" ? output::comparison_json(comparison)
                                         : output::comparison_text(comparison, job, p.objective),
                  p.notes);
  return 0;
}

report::ReportData managed_page(const Flags& flags, const Planning& p, const platform::ManagedPlan& managed,
                                platform::Platform chosen) {
  const std::string word(platform::to_string(chosen));
  report::ReportData page = plan_page("recommend", flags, p.plan.job, word);
  set_objective(page, p.objective, managed.options.size());
  for (std::size_t i = 0; i < managed.options.size(); ++i) {
    const platform::Option& x = managed.options[i];
    if (!x.feasible()) continue;
    std::string group = x.glue() ? x.glue()->worker->name
                        : x.serverless() ? std::to_string(x.serverless()->executor_vcpus) + " vCPU workers"
                        : x.cluster.instance ? x.cluster.instance->family : word;
    page.points.push_back({x.label, group, x.runtime_s(), x.cost_usd(), false, i == managed.best, false, true});
  }
  const platform::Option& o = managed.pick();
  page.layout = drawing_of(o.cluster, o.layout);
  page.stages = stage_bars(p.plan, o.prediction, o.layout.task_slots);
  for (const platform::Setting& s : o.spark_conf) page.settings.push_back({s.key, s.value, s.why});
  page.findings = risk_findings(o.prediction);
  page.notes = o.notes;
  page.notes.insert(page.notes.end(), p.notes.begin(), p.notes.end());
  return page;
}

// The native format of each managed platform.
const char* native_format(platform::Platform chosen) {
  switch (chosen) {
    case platform::Platform::glue: return "glue-args";
    case platform::Platform::emr_serverless: return "serverless-json";
    default: return "k8s-yaml";
  }
}

std::string managed_output(const Flags& flags, const Planning& p, const platform::ManagedPlan& managed,
                           const platform::ManagedRequest& request, bool predict) {
  const std::string& name = p.plan.job.name;
  if (flags.format == "glue-args") return output::glue_args(managed.pick(), request.glue, name);
  if (flags.format == "serverless-json") return output::serverless_json(managed.pick(), name);
  if (flags.format == "k8s-yaml") return output::spark_application(managed.pick(), name);
  const output::ManagedContext about{&p.plan, predict, request.glue.auto_scaling, flags.all_candidates};
  return flags.format == "json" ? output::managed_json(managed, about) : output::managed_text(managed, about);
}

int recommend_on_managed(Context& context, const Flags& flags, const Planning& p, platform::Platform chosen) {
  const platform::ManagedRequest request = managed_request(context, flags, p.plan.job, chosen, false);
  const bool native = flags.format != "text" && flags.format != "json" && flags.format != "markdown";
  const std::string format = native_format(chosen);
  if (native && flags.format != format)
    throw UsageError("--format " + flags.format + " is not a format of " + std::string(platform::to_string(chosen)) +
                     "; it writes text, json, " + format);
  const platform::ManagedPlan managed = std::get<platform::ManagedPlan>(
      platform::recommend(chosen, {p.plan, context.catalog(), p.settings, p.constants, p.objective, request}));
  std::string text;
  if (flags.report || flags.format == "markdown") {
    report::ReportData page = managed_page(flags, p, managed, chosen);
    write_report(flags, page);
    if (flags.format == "markdown") text = output::report_markdown(page);
  }
  if (flags.format != "markdown") text = managed_output(flags, p, managed, request, false);
  emit_with_notes(context, flags, text, p.notes);
  return 0;
}

report::ReportData recommend_page(const Flags& flags, const Planning& p, const search::Recommendation& r) {
  const std::string where = std::string(platform::to_string(r.space.platform)) + "; minimize " +
                            std::string(job::to_string(p.objective.minimize));
  report::ReportData page = plan_page("recommend", flags, p.plan.job, where);
  page.priced = r.priced();
  set_objective(page, p.objective, r.result.candidates.size());
  for (std::size_t i : search::drawn_candidates(r, p.objective, page.max_points)) {
    const search::Candidate& c = r.result.candidates[i];
    bool on_front = std::find(r.result.pareto.begin(), r.result.pareto.end(), i) != r.result.pareto.end();
    page.points.push_back({search::describe(c, r.cluster),
                           c.instance ? c.instance->family : std::string(platform::to_string(r.space.platform)),
                           c.runtime_s, r.priced() ? c.cost_usd : c.core_hours, on_front, i == r.best, false, true});
  }
  page.layout = drawing_of(r.cluster, r.layout);
  page.stages = stage_bars(p.plan, r.prediction, r.layout.task_slots);
  for (const platform::Setting& s : r.settings) page.settings.push_back({s.key, s.value, s.why});
  page.findings = risk_findings(r.prediction);
  page.notes = p.notes;
  return page;
}

std::string recommend_output(const Flags& flags, const Planning& p, const search::Recommendation& r) {
  if (flags.format == "json") return output::recommend_json(p.plan, r, p.calibrated, flags.all_candidates);
  if (flags.format == "spark-submit") return output::spark_submit(r);
  if (flags.format == "spark-defaults") return output::spark_defaults(r);
  if (flags.format == "emr-json") {
    if (r.space.platform != platform::Platform::emr) throw InputError("--format emr-json is for --platform emr");
    return output::emr_create_cluster_json(r, {p.plan.job.name, p.settings.primary, flags.emr_fleets, flags.dynamic_allocation});
  }
  return output::recommend_text(p.plan, r, p.objective, p.notes);
}

int recommend_on_yarn(Context& context, const Flags& flags, const Planning& p, platform::Platform chosen) {
  const job::JobSpec& job = p.plan.job;
  search::Space space = search::space_for(context.catalog(), job, space_request(context, flags, job, chosen));
  const platform::Cluster sample = search::first_cluster(space);
  const layout::Choices base = choices_from(flags, job, &sample);
  const search::Recommendation r = std::get<search::Recommendation>(
      platform::recommend(chosen, {.plan = p.plan, .catalog = context.catalog(), .settings = p.settings,
                                   .constants = p.constants, .objective = p.objective, .space = std::move(space),
                                   .base = base, .dynamic_allocation = flags.dynamic_allocation}));
  report::ReportData page;
  if (flags.report || flags.format == "markdown") page = recommend_page(flags, p, r);
  const std::string text = flags.format == "markdown" ? output::report_markdown(page) : recommend_output(flags, p, r);
  write_report(flags, page);
  emit(context, flags, text);
  return 0;
}

// ---- predict ----

int predict_on_managed(Context& context, const Flags& flags, const Planning& p, platform::Platform chosen) {
  const std::string word(platform::to_string(chosen));
  if (flags.format == "markdown" || flags.report)
    throw UsageError("predict --platform " + word + " writes text or json; --report and markdown draw EMR and YARN clusters");
  platform::ManagedRequest request = managed_request(context, flags, p.plan.job, chosen, false);
  const std::optional<int> cores = executor_cores_flag(flags);
  if (chosen == platform::Platform::emr_serverless && flags.num_executors)
    request.serverless.executors = {static_cast<int>(units::parse_count(*flags.num_executors, "--num-executors"))};
  const platform::ManagedPlan managed =
      platform::predict(chosen, {.plan = p.plan, .catalog = context.catalog(), .settings = p.settings,
                                 .constants = p.constants, .objective = p.objective, .managed = request,
                                 .executor_cores = cores});
  emit_with_notes(context, flags, managed_output(flags, p, managed, request, true), p.notes);
  return 0;
}

report::ReportData predict_page(const Flags& flags, const Planning& p, const platform::Cluster& cluster,
                                const layout::Layout& l, const model::Prediction& prediction) {
  report::ReportData page = plan_page("predict", flags, p.plan.job, cluster.description);
  page.priced = cluster.platform != platform::Platform::yarn;
  if (prediction.feasible())
    page.points.push_back({cluster.description, std::string(platform::to_string(cluster.platform)), prediction.runtime_s,
                           page.priced ? prediction.cost_usd : prediction.core_hours, false, false, true, true});
  if (l.problem == layout::Problem::none) page.layout = drawing_of(cluster, l);
  page.stages = stage_bars(p.plan, prediction, l.task_slots);
  page.findings = risk_findings(prediction);
  page.notes = p.notes;
  return page;
}

int predict_on_cluster(Context& context, const Flags& flags, const job::JobSpec& job) {
  std::optional<platform::Cluster> cluster = cluster_from(context, flags, job);
  if (!cluster) throw InputError("predict needs a cluster: --instance TYPE --nodes N, or --platform yarn with --nodes, --node-cores, --node-memory");
  const layout::Choices choices = choices_from(flags, job, &*cluster);
  Planning p;
  start_planning(p, context, flags, job);
  const layout::Layout l = layout::compute(cluster->node, cluster->nodes, choices);
  const model::Prediction prediction = model::predict(p.plan, *cluster, l, p.settings, p.constants);
  report::ReportData page;
  if (flags.report || flags.format == "markdown") page = predict_page(flags, p, *cluster, l, prediction);
  std::string text;
  if (flags.format == "markdown") text = output::report_markdown(page);
  else if (flags.format == "json") text = output::predict_json(p.plan, *cluster, l, prediction, p.calibrated);
  else text = output::predict_text(p.plan, *cluster, l, prediction, p.calibrated.fit, p.notes);
  write_report(flags, page);
  emit(context, flags, text);
  return prediction.feasible() ? 0 : static_cast<int>(ExitCode::infeasible);
}

job::JobSpec job_with_work(const Flags& flags, const char* command) {
  bool has_input = false;
  job::JobSpec job = job_from(flags, &has_input);
  if (!has_input) throw InputError(std::string(command) + " needs the work: a job spec or --input SIZE (with --workload)");
  return job;
}

}  // namespace

int run_predict(Context& context, const Flags& flags) {
  const job::JobSpec job = job_with_work(flags, "predict");
  // An unknown --platform word is cluster_from's to report, with the flag's name.
  const std::optional<platform::Platform> chosen =
      flags.platform ? platform::find_platform(*flags.platform) : platform_of(flags, job);
  if (!chosen || !platform::is_managed(*chosen)) return predict_on_cluster(context, flags, job);
  Planning p;
  start_planning(p, context, flags, job);
  p.objective = objective_from(flags, job);
  return predict_on_managed(context, flags, p, *chosen);
}

int run_recommend(Context& context, const Flags& flags) {
  const job::JobSpec job = job_with_work(flags, "recommend");
  Planning p;
  start_planning(p, context, flags, job);
  p.objective = objective_from(flags, job);
  const std::optional<platform::Platform> chosen = platform_of(flags, job);
  if (!chosen) return recommend_everywhere(context, flags, p);
  if (platform::is_managed(*chosen)) return recommend_on_managed(context, flags, p, *chosen);
  return recommend_on_yarn(context, flags, p, *chosen);
}

}  // namespace sparkfit::cli
