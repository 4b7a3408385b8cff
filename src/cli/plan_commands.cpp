// `predict` and `recommend`: flags into a request, one engine call (the model, the search or a
// managed planner), one writer.
#include "cli/context.hpp"
#include "cli/options.hpp"
#include "sparkfit/job/overrides.hpp"
#include "sparkfit/output/artefacts.hpp"
#include "sparkfit/output/plan.hpp"
#include "sparkfit/output/report.hpp"
#include "sparkfit/platform/managed.hpp"
#include "sparkfit/platform/planner.hpp"
#include "sparkfit/platform/requests.hpp"
#include "sparkfit/report/pages.hpp"
#include "sparkfit/report/report.hpp"
#include "sparkfit/search/next_runs.hpp"
#include "sparkfit/search/planning.hpp"
#include "sparkfit/search/search.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"

namespace sparkfit::cli {
namespace {

void append(std::vector<std::string>& to, const std::vector<std::string>& more) {
  to.insert(to.end(), more.begin(), more.end());
}

// Built in place: `settings.calibration` points into it. The objective is the spec's with the flags'.
void start_planning(search::Planning& p, Context& context, const Flags& flags, const job::JobSpec& job) {
  search::start_planning(p, context.data(), flags.given, job);
}

report::PlanSummary summary(const search::Planning& p) { return {p.plan, p.objective, p.notes}; }

// The platform a command plans: --platform, else the format's platform, else the spec's; nullopt
// compares every priced platform (--platform all, or a spec that lists several).
std::optional<platform::Platform> platform_of(const Flags& flags, const job::JobSpec& job) {
  if (const std::optional<std::string> word = flags.given.text("platform")) {
    if (*word == "all") return std::nullopt;
    return platform::parse_platform(*word);
  }
  return output::platform_for_format(flags.format, job);
}

// The calibration notes go under text output; JSON and the native formats have no place for them.
void emit_with_notes(Context& context, const Flags& flags, std::string text, const std::vector<std::string>& notes) {
  if (flags.format == "text")
    for (const std::string& note : notes) text += "  " + note + "\n";
  emit(context, flags, text);
}

report::PageOrigin origin(const char* command, const Flags& flags) {
  return {command, command_line(command, flags.args), flags.report.value_or("")};
}

void write_report(const Flags& flags, const report::ReportData& page) {
  if (flags.report) write_whole_file(*flags.report, output::report_html(page), "--report");
}

// With --report or --format markdown the command's page is built once: written as HTML to
// --report, and returned as markdown for --format markdown ("" otherwise).
template <typename BuildPage>
std::string write_page(const Flags& flags, BuildPage build_page) {
  if (!flags.report && flags.format != "markdown") return "";
  const report::ReportData page = build_page();
  write_report(flags, page);
  return flags.format == "markdown" ? output::report_markdown(page) : "";
}

// ---- recommend ----

// --suggest-runs N: a whole number of runs, at least 1 (more than there are clusters lists them all).
std::optional<std::int64_t> suggested_runs_asked(const units::Given& given) {
  return given.convert("suggest-runs", [](const std::string& value) {
    const std::int64_t runs = units::parse_count(value, "runs");
    if (runs > 1000) throw InputError("invalid value '" + value + "': at most 1000 runs");
    return runs;
  });
}

int recommend_everywhere(Context& context, const Flags& flags, const search::Planning& p) {
  const job::JobSpec& job = p.plan.job;
  platform::PlanRequest request{p.plan, context.catalog(), p.settings, p.constants, p.objective};
  request.managed.glue = platform::glue_request(platform::glue_overrides(flags.given), job);
  request.managed.fixed = platform::fixed_layout(platform::layout_request(flags.given), job);
  if (flags.format != "text" && flags.format != "json")
    throw UsageError("--platform all compares platforms: --format text or json");
  if (flags.report) throw UsageError("--report draws one platform's candidates; give --platform emr, glue, ...");
  if (flags.given.has("suggest-runs"))
    throw UsageError(
        "--suggest-runs names runs among one platform's clusters; give --platform emr, ec2, yarn, glue or kubernetes");
  request.space = search::space_for(
      context.catalog(), job, search::space_request(context.lazy_catalog(), flags.given, job, platform::Platform::emr));
  request.base = search::base_choices(*request.space, platform::layout_request(flags.given), job);
  request.managed.kubernetes = platform::kubernetes_request(context.catalog(), job, platform::instances_of(flags.given),
                                                            platform::node_counts_of(flags.given), true);
  const platform::Comparison comparison = platform::compare_platforms(request);
  emit_with_notes(context, flags,
                  flags.format == "json" ? output::comparison_json(comparison)
                                         : output::comparison_text(comparison, job, p.objective),
                  p.notes);
  return 0;
}

// `answer`: predict's, null for recommend.
std::string managed_output(const Flags& flags, const search::Planning& p, const platform::ManagedPlan& managed,
                           const platform::ManagedRequest& request, const output::PredictAnswer* answer,
                           const search::Suggestions* suggested = nullptr) {
  const output::ManagedContext about{
      &p.plan, answer != nullptr, request.glue.auto_scaling, flags.given.has("all-candidates"), answer, suggested};
  return output::managed_document(flags.format, managed, about, request.glue);
}

// --suggest-runs on Glue and Kubernetes, billed at least the platform's minimum: the Glue
// version's, else EC2's.
search::Suggestions managed_runs(Context& context, const search::Planning& p, const platform::ManagedPlan& managed,
                                 const platform::ManagedRequest& request, std::size_t count) {
  if (!search::suggests_on(managed))
    throw UsageError(
        "--suggest-runs names runs among Glue's or Kubernetes' clusters; give --platform glue or kubernetes");
  double minimum_s = p.constants.billing_minimum_s;
  for (const catalog::GlueVersion& version : context.catalog().glue.versions)
    if (managed.pick().glue() && version.version == request.glue.glue_version) minimum_s = version.minimum_billed_s;
  return search::suggest_managed_runs(
      managed, {p.plan.job, p.objective, p.settings.calibration, p.constants, p.calibrated.used, minimum_s}, count);
}

int recommend_on_managed(Context& context, const Flags& flags, const search::Planning& p, platform::Platform chosen) {
  const platform::ManagedRequest request =
      platform::managed_request(context.catalog(), flags.given, p.plan.job, chosen, false);
  output::check_format_on(flags.format, chosen);
  const platform::ManagedPlan managed = std::get<platform::ManagedPlan>(
      platform::recommend(chosen, {p.plan, context.catalog(), p.settings, p.constants, p.objective, request}));
  std::optional<search::Suggestions> suggested;
  if (const std::optional<std::int64_t> runs = suggested_runs_asked(flags.given))
    suggested = managed_runs(context, p, managed, request, static_cast<std::size_t>(*runs));
  std::string text =
      write_page(flags, [&] { return report::managed_page(summary(p), managed, chosen, origin("recommend", flags)); });
  if (flags.format != "markdown")
    text = managed_output(flags, p, managed, request, nullptr, suggested ? &*suggested : nullptr);
  emit_with_notes(context, flags, text, p.notes);
  return 0;
}

int recommend_on_yarn(Context& context, const Flags& flags, const search::Planning& p, platform::Platform chosen) {
  // A managed platform's artefact is refused here as a managed platform refuses these, before the search.
  output::check_format_on(flags.format, chosen);
  const platform::PlanRequest request = search::search_request(p, context.catalog(), flags.given, chosen);
  const std::optional<std::int64_t> runs = suggested_runs_asked(flags.given);
  search::Recommendation r = std::get<search::Recommendation>(platform::recommend(chosen, request));
  if (runs) r.suggested = search::suggest_runs(p.plan, r, p.calibrated.used, static_cast<std::size_t>(*runs));
  if (flags.format == "json" && flags.given.has("all-candidates") && !flags.output && !flags.report) {
    output::write_recommend_json(context.out, p.plan, r, p.calibrated, true);  // every candidate, streamed
    return 0;
  }
  const std::string text = flags.format == "markdown"
                               ? ""
                               : output::recommend_document({flags.format, flags.given.has("all-candidates"),
                                                             flags.given.has("emr-fleets"), request.dynamic_allocation},
                                                            p, r);
  const std::string markdown =
      write_page(flags, [&] { return report::recommend_page(summary(p), r, origin("recommend", flags)); });
  emit(context, flags, flags.format == "markdown" ? markdown : text);
  return 0;
}

// ---- predict ----

int predict_on_managed(Context& context, const Flags& flags, const search::Planning& p, platform::Platform chosen) {
  const std::string word(platform::to_string(chosen));
  if (flags.format == "markdown" || flags.report)
    throw UsageError("predict --platform " + word +
                     " writes text or json; --report and markdown draw EMR and YARN clusters");
  platform::ManagedRequest request =
      platform::managed_request(context.catalog(), flags.given, p.plan.job, chosen, false);
  const std::optional<int> cores = flags.given.count("executor-cores");
  const platform::ManagedPlan managed = platform::predict(chosen, {.plan = p.plan,
                                                                   .catalog = context.catalog(),
                                                                   .settings = p.settings,
                                                                   .constants = p.constants,
                                                                   .objective = p.objective,
                                                                   .managed = request,
                                                                   .executor_cores = cores});
  output::PredictAnswer answer{managed.assumed, p.objective};
  append(answer.assumed, search::assumed_plan(search::price_request(flags.given), p.plan.job, chosen));
  if (chosen == platform::Platform::glue)
    append(answer.assumed, platform::assumed_glue(platform::glue_overrides(flags.given), p.plan.job));
  emit_with_notes(context, flags, managed_output(flags, p, managed, request, &answer), p.notes);
  return 0;
}

int predict_on_cluster(Context& context, const Flags& flags, const job::JobSpec& job) {
  search::Planning p;
  const search::OnCluster on = search::predict_on_cluster(p, context.data(), flags.plan_inputs(job));
  const platform::Cluster& cluster = on.cluster;
  // Exit 4 fails as recommend's does: the reason on stderr (and as JSON), no --output, no --report.
  if (!on.prediction.feasible()) throw InfeasibleError(output::predict_infeasible(cluster, on.layout, on.prediction));
  const output::PredictAnswer answer{on.assumed, p.objective};
  std::string text = write_page(flags, [&] {
    return report::predict_page(summary(p), cluster, on.layout, on.prediction, origin("predict", flags));
  });
  if (flags.format == "json")
    text = output::predict_json(p.plan, cluster, on.layout, on.prediction, p.calibrated, answer);
  else if (flags.format == "text")
    text = output::predict_text(p.plan, cluster, on.layout, on.prediction, p.calibrated.fit, p.notes, answer);
  emit(context, flags, text);
  return 0;
}

}  // namespace

int run_predict(Context& context, const Flags& flags) {
  const job::JobSpec job = search::job_with_work(flags.given, flags.argument(), "predict");
  // An unknown --platform word is cluster_request's to report, with the flag's name.
  const std::optional<platform::Platform> chosen =
      flags.given.has("platform") ? platform::find_platform(*flags.given.text("platform")) : platform_of(flags, job);
  if (!chosen || !platform::is_managed(*chosen)) return predict_on_cluster(context, flags, job);
  platform::refuse_inapplicable(flags.plan_inputs(job), platform::PlanCommand::predict, chosen);
  search::Planning p;
  start_planning(p, context, flags, job);
  p.settings.tune_shuffle_partitions = false;  // predict predicts what the user gave: Spark's 200 unless set
  return predict_on_managed(context, flags, p, *chosen);
}

int run_recommend(Context& context, const Flags& flags) {
  const job::JobSpec job = search::job_with_work(flags.given, flags.argument(), "recommend");
  const std::optional<platform::Platform> chosen = platform_of(flags, job);
  platform::refuse_inapplicable(flags.plan_inputs(job), platform::PlanCommand::recommend, chosen);
  search::Planning p;
  start_planning(p, context, flags, job);
  if (!chosen) return recommend_everywhere(context, flags, p);
  if (platform::is_managed(*chosen)) return recommend_on_managed(context, flags, p, *chosen);
  return recommend_on_yarn(context, flags, p, *chosen);
}

}  // namespace sparkfit::cli
