// Handlers for explain, catalog, paths and version: flags to a request, one library call, one
// writer. None holds sizing logic of its own.
#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <sstream>

#include "cli/context.hpp"
#include "cli/options.hpp"
#include "cli/requests.hpp"
#include "sparkfit/explain/explain.hpp"
#include "sparkfit/output/catalog.hpp"
#include "sparkfit/output/explain.hpp"
#include "sparkfit/output/report.hpp"
#include "sparkfit/report/pages.hpp"
#include "sparkfit/review/review.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/text.hpp"
#include "sparkfit/util/version.hpp"

namespace sparkfit::cli {
namespace {

explain::Request explain_request(Context& context, const Flags& flags) {
  explain::Request request;
  request.job = job_from(flags, &request.has_input);
  const platform::ClusterRequest asked = cluster_request(flags);
  request.cluster = platform::cluster_for(context.lazy_catalog(), asked, request.job);
  refuse_inapplicable(flags, request.job, platform::PlanCommand::explain,
                      request.cluster ? std::optional(request.cluster->platform) : std::nullopt);
  const platform::LayoutRequest layout = layout_request(flags);
  request.choices = platform::choices_for(layout, request.job, request.cluster ? &*request.cluster : nullptr);
  if (request.cluster) {
    request.assumed = platform::assumed_choices(layout, request.job, *request.cluster, request.choices);
    for (std::string& sentence : platform::assumed_cluster(asked, request.job, *request.cluster))
      request.assumed.push_back(std::move(sentence));
  }
  if (request.has_input)
    for (std::string& sentence : job::assumed_work(request.job)) request.assumed.push_back(std::move(sentence));
  request.partitions = request.job.layout.partitions;
  request.shuffle_partitions = request.job.layout.shuffle_partitions;
  return request;
}

// What `catalog list` keeps: each filter given is checked against the catalog before it is used.
struct CatalogQuery {
  std::optional<std::string> family, arch;
  std::int64_t min_memory_mib = 0;
  bool emr_only = false;

  bool keeps(const catalog::InstanceType& type) const {
    return (!family || type.family == *family) && type.memory_mib >= min_memory_mib &&
           (!emr_only || type.emr_available) && (!arch || catalog::to_string(type.arch) == *arch);
  }
};

CatalogQuery catalog_query(const Flags& filters, const catalog::Catalog& catalog) {
  CatalogQuery query{filters.family, filters.arch,
                     convert(filters, &Flags::min_memory, units::parse_memory_mib).value_or(0), filters.emr_only};
  if (query.family) {
    std::vector<std::string> families;
    for (const catalog::InstanceType& type : catalog.instances)
      if (families.empty() || families.back() != type.family) families.push_back(type.family);
    if (std::find(families.begin(), families.end(), *query.family) == families.end())
      throw InputError("--family: unknown family '" + *query.family + "'" +
                       text::did_you_mean(*query.family, families) + "; the catalog has " + text::join(families));
  }
  word_flag(filters, &Flags::arch, "x86_64", "arm64");
  return query;
}

}  // namespace

int run_explain(Context& context, const Flags& flags) {
  explain::Request request = explain_request(context, flags);
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
  const CatalogQuery query = catalog_query(flags, catalog);
  std::vector<const catalog::InstanceType*> rows;
  for (const catalog::InstanceType& type : catalog.instances)
    if (query.keeps(type)) rows.push_back(&type);
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
  std::ostringstream out;
  out << "data directory search order:\n" << std::left;
  for (const DataDirCandidate& candidate : data_dir_candidates(context.data_dir_flag, context.executable)) {
    std::error_code ignored;
    bool present = std::filesystem::is_directory(candidate.path / "instance_catalogs", ignored);
    out << "  " << std::setw(24) << candidate.origin << candidate.path.string() << (present ? "" : "  (no data)")
        << "\n";
  }
  const DataDirCandidate& used = context.data_dir();
  out << "using: " << used.path.string() << " (" << used.origin << ")\nloaded:\n";
  for (const catalog::LoadedFile& file : context.catalog().files)
    out << "  " << file.path << " (as of " << file.as_of << ")\n";
  emit(context, flags, out.str());
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
