// Handlers for explain, catalog, paths and version: flags to a request, one library call, one
// writer. None holds sizing logic of its own.
#include "cli/context.hpp"
#include "cli/options.hpp"
#include "sparkfit/explain/explain.hpp"
#include "sparkfit/explain/request.hpp"
#include "sparkfit/output/catalog.hpp"
#include "sparkfit/output/explain.hpp"
#include "sparkfit/output/report.hpp"
#include "sparkfit/report/pages.hpp"
#include "sparkfit/review/review.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/version.hpp"

namespace sparkfit::cli {

int run_explain(Context& context, const Flags& flags) {
  explain::Request request = explain::request_from(context.lazy_catalog(), flags.given, flags.format, flags.argument());
  const std::vector<rules::Rule>& rules = context.rules();
  request.rules = &rules;
  const explain::Explanation explanation = explain::build(request);
  if (flags.report) {
    report::ReportData page = report::explain_page(explanation, command_line("explain", flags.args));
    if (!flags.positional.empty()) page.title = request.job.name + ": explained";
    write_whole_file(*flags.report, output::report_html(page), "--report");
  }
  emit(context, flags, flags.format == "json" ? output::explain_json(explanation) : output::explain_text(explanation));
  return 0;
}

int run_catalog_list(Context& context, const Flags& flags) {
  const catalog::Catalog& catalog = context.catalog();
  const catalog::InstanceQuery query{flags.given.text("family"), flags.given.text("arch"),
                                     flags.given.convert("min-memory", units::parse_memory_mib).value_or(0),
                                     flags.given.has("emr-only")};
  const std::vector<const catalog::InstanceType*> rows = catalog::find_instances(catalog, query);
  emit(context, flags,
       flags.format == "json" ? output::catalog_list_json(rows, catalog.as_of())
                              : output::catalog_list_text(rows, catalog.as_of()));
  return 0;
}

int run_catalog_show(Context& context, const Flags& flags) {
  if (flags.positional.empty())
    throw UsageError("'catalog show' needs an instance type, e.g. 'sparkfit catalog show r5.4xlarge'");
  const catalog::InstanceType& type = context.catalog().require(flags.positional.front());
  emit(context, flags, flags.format == "json" ? output::instance_json(type) : output::instance_text(type));
  return 0;
}

int run_catalog_releases(Context& context, const Flags& flags) {
  emit(context, flags, output::releases_text(context.catalog().emr_releases));
  return 0;
}

int run_paths(Context& context, const Flags& flags) {
  const std::vector<DataDirCandidate> candidates = data_dir_candidates(context.data_dir_flag, context.executable);
  const DataDirCandidate& used = context.data_dir();
  emit(context, flags, output::paths_text(candidates, used, context.catalog().files));
  return 0;
}

int run_version(Context& context, const Flags&) {
  context.out << "sparkfit " << kVersion << "\n";  // before the catalog loads, which may fail
  const catalog::Catalog& catalog = context.catalog();
  context.out << "instance catalogs: " << catalog.instances.size() << " EC2 types, " << catalog.emr_releases.size()
              << " EMR releases, as of " << catalog.as_of() << "\n";
  return 0;
}

}  // namespace sparkfit::cli
