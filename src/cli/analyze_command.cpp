// `sparkfit analyze PATH`: read a Spark event log, print its profile, findings and replay.
#include "cli/context.hpp"
#include "cli/options.hpp"
#include "sparkfit/eventlog/eventlog.hpp"
#include "sparkfit/eventlog/request.hpp"
#include "sparkfit/output/analyze.hpp"
#include "sparkfit/output/report.hpp"
#include "sparkfit/report/pages.hpp"
#include "sparkfit/review/review.hpp"
#include "sparkfit/util/error.hpp"

namespace sparkfit::cli {

int run_analyze(Context& context, const Flags& flags) {
  const eventlog::AnalyzeRequest request = eventlog::analyze_request(flags.given, flags.argument());
  eventlog::RunLog log = eventlog::read_event_log(request.event_log);
  eventlog::require_events(log);
  // The findings are the eventlog rule files' (rules/eventlog/), judged over the run's profile.
  const std::vector<rules::Rule>& rules = context.rules();
  eventlog::AnalyzeOptions options = request.options;
  options.rules = &rules;
  eventlog::Profile profile = eventlog::analyze(log, options);
  if (request.emit_job) write_whole_file(*request.emit_job, eventlog::derive_job_spec(profile, log), "--emit-job");
  std::string text;
  if (flags.report || flags.format == "markdown") {
    report::ReportData page = report::analyze_page(profile, log, command_line("analyze", flags.args));
    if (flags.report) {
      page.html_report_name = *flags.report;
      write_whole_file(*flags.report, output::report_html(page), "--report");
    }
    if (flags.format == "markdown") text = output::report_markdown(page);
  }
  if (flags.format == "json")
    text = output::analyze_json(profile);
  else if (flags.format == "text")
    text = output::analyze_text(profile);
  emit(context, flags, text);
  return 0;
}

}  // namespace sparkfit::cli
