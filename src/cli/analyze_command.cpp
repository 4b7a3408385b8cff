// `sparkfit analyze PATH`: read a Spark event log, print its profile, findings and replay.
#include "cli/context.hpp"
#include "cli/options.hpp"
#include "cli/report_data.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/eventlog/eventlog.hpp"
#include "sparkfit/review/review.hpp"
#include "sparkfit/units/units.hpp"

namespace sparkfit::cli {

int run_analyze(Context& context, const std::vector<std::string>& args) {
  Flags flags;
  std::optional<std::string> what_if, emit_job;
  po::options_description options("Analyze");
  options.add_options()
      ("what-if-executors", po::value<std::string>()->notifier([&](const std::string& v) { what_if = v; }),
       "replay the run on N executors (or a list 4,8,16, or a range 2..10) of the same cores")
      ("emit-job", po::value<std::string>()->notifier([&](const std::string& v) { emit_job = v; }),
       "write a job spec derived from the run to FILE");
  const std::vector<std::string> formats = {"text", "json", "markdown"};
  add_output_options(options, flags, formats, true);
  parse("analyze", args, options, flags, formats, 1);
  if (flags.help) {
    print_help(context, "sparkfit analyze EVENT_LOG [--what-if-executors N] [--emit-job FILE] [--report FILE.html] [options]",
               options, "sparkfit analyze app-20240601.zstd --what-if-executors 4,8,16 --report run.html");
    return 0;
  }
  if (flags.positional.empty())
    throw UsageError("'analyze' needs an event log: a file (plain, .zstd, .lz4, .snappy, .lzf, .gz) or a rolling "
                     "eventlog_v2_* directory; see 'sparkfit analyze --help'");
  eventlog::AnalyzeOptions analyze_options;
  if (what_if) {
    try {
      analyze_options.what_if_executors = units::parse_count_set(*what_if, "executors");
    } catch (const InputError& error) {
      throw InputError("--what-if-executors: " + error.message());
    }
  }
  eventlog::RunLog log = eventlog::read_event_log(flags.positional.front());
  if (log.events == 0)
    throw InputError(flags.positional.front() + ": no Spark events in it (" + std::to_string(log.lines) +
                     " lines read); expected a Spark event log (JSON lines with \"Event\" fields)");
  const std::vector<rules::Rule> rules = review::load_rules((context.data_dir().path / "rules").string());
  analyze_options.rules = &rules;
  eventlog::Profile profile = eventlog::analyze(log, analyze_options);
  if (emit_job) {
    Flags job_flags;
    job_flags.output = *emit_job;
    emit(context, job_flags, eventlog::derive_job_spec(profile, log));
  }
  std::string text;
  if (flags.report || flags.format == "markdown") {
    report::ReportData page = analyze_page(profile, log, command_line("analyze", args));
    if (flags.report) {
      page.html_report_name = *flags.report;
      write_whole_file(*flags.report, report::render_html(page), "--report");
    }
    if (flags.format == "markdown") text = report::render_markdown(page);
  }
  if (flags.format == "json") text = eventlog::render_json(profile);
  else if (flags.format == "text") text = eventlog::render_text(profile);
  emit(context, flags, text);
  return 0;
}

}  // namespace sparkfit::cli
