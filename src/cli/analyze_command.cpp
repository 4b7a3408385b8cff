// `sparkfit analyze PATH`: read a Spark event log, print its profile, findings and replay.
// `sparkfit analyze PATH...` (several paths, or a directory of logs): one row per application of a
// fleet, ranked by waste; the single-log analyze is its drill-down.
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <iostream>
#include <mutex>

#include "cli/context.hpp"
#include "cli/options.hpp"
#include "sparkfit/eventlog/eventlog.hpp"
#include "sparkfit/eventlog/fleet.hpp"
#include "sparkfit/eventlog/request.hpp"
#include "sparkfit/output/analyze.hpp"
#include "sparkfit/output/fleet.hpp"
#include "sparkfit/output/report.hpp"
#include "sparkfit/report/pages.hpp"
#include "sparkfit/review/from_eventlog.hpp"
#include "sparkfit/review/review.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::cli {
namespace {

// What only a fleet takes, refused with one log: the single analyze stays as it was.
void refuse_fleet_only(const Flags& flags) {
  for (const char* fleet_only : {"platform", "instance"})
    if (flags.given.has(fleet_only))
      throw UsageError(std::string("--") + fleet_only +
                       " applies to the analyze of several logs (it prices their waste); one log's analyze reports "
                       "its core time held and used");
  if (flags.format == "csv")
    throw UsageError(
        "'analyze' of one log does not write --format csv; it writes text, json, markdown (csv is for "
        "several logs or a directory of them)");
  (void)flags.given.count("jobs");  // checked, so that a bad --jobs is refused the same with one log
}

// The report's findings are the run's, then those of the review rules over its properties; a
// note says which are which and what was not checked.
void add_config_review(report::ReportData& page, const review::RunReview& config) {
  for (const review::ConfigFinding& c : config.findings) {
    page.findings.push_back(c.finding);
    page.findings.back().place = {};  // the log itself, line 0: no place a reader could open
  }
  std::string note = "Configuration review (the run's own Spark properties, by the rules of sparkfit review): ";
  note += config.findings.empty() ? std::string("no finding")
                                  : text::plural(static_cast<std::int64_t>(config.findings.size()), "finding") +
                                        ", listed under Findings after the run's own";
  if (!config.not_checked.empty())
    note += "; not checked (an event log does not name the cluster's nodes): " + text::join(config.not_checked, "; ");
  page.notes.push_back(note + ".");
}

int run_single(Context& context, const Flags& flags) {
  refuse_fleet_only(flags);
  const eventlog::AnalyzeRequest request = eventlog::analyze_request(flags.given, flags.argument());
  eventlog::RunLog log = eventlog::read_event_log(request.event_log);
  eventlog::require_events(log);
  // The findings are the eventlog rule files' (rules/eventlog/), judged over the run's profile.
  const std::vector<rules::Rule>& rules = context.rules();
  eventlog::AnalyzeOptions options = request.options;
  options.rules = &rules;
  eventlog::Profile profile = eventlog::analyze(log, options);
  // The settings the run had, judged by review's rules: what the run itself could not show.
  const review::RunReview config = review::review_run(log, rules);
  if (request.emit_job) write_whole_file(*request.emit_job, eventlog::derive_job_spec(profile, log), "--emit-job");
  std::string text;
  if (flags.report || flags.format == "markdown") {
    report::ReportData page = report::analyze_page(profile, log, command_line("analyze", flags.args));
    add_config_review(page, config);
    if (flags.report) {
      page.html_report_name = *flags.report;
      write_whole_file(*flags.report, output::report_html(page), "--report");
    }
    if (flags.format == "markdown") text = output::report_markdown(page);
  }
  if (flags.format == "json")
    text = output::analyze_json(profile, &config);
  else if (flags.format == "text")
    text = output::analyze_text(profile, &config);
  emit(context, flags, text);
  return 0;
}

// One line on a terminal's stderr, redrawn: logs done of all, MiB/s, ETA. Nothing when stderr is
// not a terminal (a pipe, a CI log, the tests).
class Progress {
 public:
  explicit Progress(Context& context) : shown_(&context.err == &std::cerr && isatty(STDERR_FILENO) == 1) {}
  bool shown() const { return shown_; }
  void update(std::size_t done, std::size_t total, std::int64_t bytes_done, std::int64_t bytes_total) {
    const auto now = std::chrono::steady_clock::now();
    if (done == total) {
      std::fprintf(stderr, "\r\033[K");  // the line goes: the output follows on a clean screen
      std::fflush(stderr);
      return;
    }
    if (now - last_ < std::chrono::milliseconds(100)) return;  // a terminal need not redraw faster
    last_ = now;
    const double elapsed = std::chrono::duration<double>(now - start_).count();
    const double mib_per_s = elapsed > 0 ? static_cast<double>(bytes_done) / (1024.0 * 1024.0) / elapsed : 0;
    const double rate = elapsed > 0 ? static_cast<double>(bytes_done) / elapsed : 0;
    const double eta = rate > 0 ? static_cast<double>(bytes_total - bytes_done) / rate : 0;
    std::fprintf(stderr, "\r\033[Kanalyze: %zu/%zu logs, %.1f MiB/s, ETA %.0f s", done, total, mib_per_s, eta);
    std::fflush(stderr);
  }

 private:
  bool shown_;
  std::chrono::steady_clock::time_point start_ = std::chrono::steady_clock::now();
  std::chrono::steady_clock::time_point last_{};
};

// 0: every log read; 2: some could not be (each is a row with its error), as for bad input.
constexpr int kSomeLogsNotRead = 2;

int run_fleet(Context& context, const Flags& flags) {
  const eventlog::FleetRequest request = eventlog::fleet_request(flags.given, flags.positional);
  const eventlog::FoundLogs found = eventlog::find_logs(request.paths);
  for (const std::string& note : found.notes) context.err << "sparkfit: note: " << text::printable(note) << "\n";
  eventlog::FleetOptions options;
  options.jobs = request.jobs;
  options.rules = &context.rules();
  // Each run's own Spark properties, judged by review's rules as the single analyze judges them.
  options.config_findings = [&rules = context.rules()](const eventlog::RunLog& log) {
    return static_cast<int>(review::review_run(log, rules).findings.size());
  };
  // Loaded here, before the threads start: the catalog is read-only from then on.
  options.price = eventlog::fleet_pricing(context.catalog(), request);
  Progress progress(context);
  if (progress.shown())
    options.progress = [&progress](std::size_t done, std::size_t total, std::int64_t bytes, std::int64_t all) {
      progress.update(done, total, bytes, all);
    };
  const eventlog::Fleet fleet = eventlog::analyze_fleet(found.logs, options);
  if (flags.report) {
    report::ReportData page = report::fleet_page(fleet, command_line("analyze", flags.args));
    write_whole_file(*flags.report, output::report_html(page), "--report");
  }
  std::string text;
  if (flags.format == "json")
    text = output::fleet_json(fleet);
  else if (flags.format == "csv")
    text = output::fleet_csv(fleet);
  else if (flags.format == "markdown")
    text = output::fleet_markdown(fleet, flags.report.value_or(""));
  else
    text = output::fleet_text(fleet);
  emit(context, flags, text);
  return fleet.totals.failed > 0 ? kSomeLogsNotRead : 0;
}

}  // namespace

int run_analyze(Context& context, const Flags& flags) {
  // One log keeps the single analyze exactly; several paths, or a directory of logs, are a fleet.
  if (flags.positional.size() <= 1 && (flags.positional.empty() || eventlog::is_single_log(flags.positional.front())))
    return run_single(context, flags);
  return run_fleet(context, flags);
}

}  // namespace sparkfit::cli
