// Handlers for explain, catalog, paths and version. Each parses its flags, asks the library,
// and prints; none holds sizing logic of its own.
#include <cstdio>
#include <sstream>

#include "cli/context.hpp"
#include "cli/options.hpp"
#include "cli/report_data.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/explain/explain.hpp"
#include "sparkfit/util/json_writer.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/version.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::cli {

int run_explain(Context& context, const std::vector<std::string>& args) {
  Flags flags;
  po::options_description options;
  const std::vector<std::string> formats = {"text", "json"};
  add_cluster_options(options, flags);
  add_layout_options(options, flags);
  add_work_options(options, flags);
  add_output_options(options, flags, formats, true);
  parse("explain", args, options, flags, formats, 1);
  if (flags.help) {
    print_help(context, "sparkfit explain [JOB.yaml] [options]", options,
               "sparkfit explain --instance m5.4xlarge --nodes 6 --executor-cores 5 --input 500GB --files 4000");
    return 0;
  }
  bool has_input = false;
  explain::Request request;
  request.job = job_from(flags, &has_input);
  request.has_input = has_input;
  request.cluster = cluster_from(context, flags, request.job);
  request.choices = choices_from(flags, request.job, request.cluster ? &*request.cluster : nullptr);
  request.partitions = request.job.layout.partitions;
  request.shuffle_partitions = request.job.layout.shuffle_partitions;
  explain::Explanation explanation = explain::build(request);
  if (flags.report) {
    report::ReportData page = explain_page(explanation, command_line("explain", args));
    if (!flags.positional.empty()) page.title = request.job.name + ": explained";
    write_whole_file(*flags.report, report::render_html(page), "--report");
  }
  emit(context, flags, flags.format == "json" ? explain::render_json(explanation) : explain::render_text(explanation));
  return 0;
}

namespace {

// "$1.0080": built by appending because GCC 12 warns falsely on "$" + std::string (PR 105329).
std::string dollars(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "$%.4f", value);
  return buffer;
}

std::string fixed(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

std::string pad(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

void instance_json(JsonWriter& json, const catalog::InstanceType& t) {
  json.begin_object();
  json.field("instance_type", t.name).field("family", t.family).field("vcpus", t.vcpus);
  json.field("memory_mib", t.memory_mib).field("arch", std::string(catalog::to_string(t.arch)));
  json.field("processor", t.processor).field("network_gbps", t.network_gbps);
  json.field("local_disk_gb", t.local_disk_gb).field("local_disk_kind", t.local_disk_kind);
  json.field("default_ebs_gb", t.default_ebs_gb);
  json.field("price_usd_per_hour", t.price_usd_per_hour).field("price_source", t.price_source);
  json.field("emr_available", t.emr_available).field("emr_fee_usd_per_hour", t.emr_fee_usd_per_hour);
  json.field("emr_fee_derived", t.emr_fee_derived).field("emr_fee_source", t.emr_fee_source);
  json.field("yarn_memory_mib", t.yarn.nodemanager_mib)
      .field("yarn_max_allocation_mib", t.yarn.max_allocation_mib)
      .field("yarn_min_allocation_mib", t.yarn.min_allocation_mib)
      .field("yarn_provenance", std::string(catalog::to_string(t.yarn.provenance)));
  json.field("core_speed", t.core_speed).field("core_speed_source", t.core_speed_source);
  json.end_object();
}

int catalog_list(Context& context, const std::vector<std::string>& args) {
  Flags flags;
  std::optional<std::string> family, min_memory, arch;
  bool emr_only = false;
  po::options_description options("Filters");
  options.add_options()
      ("family", po::value<std::string>()->notifier([&](const std::string& v) { family = v; }), "only this family, e.g. r5")
      ("min-memory", po::value<std::string>()->notifier([&](const std::string& v) { min_memory = v; }), "at least this much RAM, e.g. 64g")
      ("arch", po::value<std::string>()->notifier([&](const std::string& v) { arch = v; }), "x86_64 | arm64")
      ("emr-only", po::bool_switch(&emr_only), "only types Amazon EMR offers");
  const std::vector<std::string> formats = {"text", "json"};
  add_output_options(options, flags, formats);
  parse("catalog list", args, options, flags, formats, 0);
  if (flags.help) {
    print_help(context, "sparkfit catalog list [--family F] [--min-memory SIZE] [--arch A] [--emr-only]", options,
               "sparkfit catalog list --family r5 --min-memory 64g --emr-only");
    return 0;
  }
  std::int64_t min_mib = 0;
  if (min_memory) {
    try {
      min_mib = units::parse_memory_mib(*min_memory);
    } catch (const InputError& error) {
      throw InputError("--min-memory: " + error.message());
    }
  }
  const catalog::Catalog& catalog = context.catalog();
  if (family) {
    std::vector<std::string> families;
    for (const auto& t : catalog.instances)
      if (families.empty() || families.back() != t.family) families.push_back(t.family);
    if (std::find(families.begin(), families.end(), *family) == families.end())
      throw InputError("--family: unknown family '" + *family + "'" + text::did_you_mean(*family, families) +
                       "; the catalog has " + text::join(families));
  }
  if (arch && *arch != "x86_64" && *arch != "arm64")
    throw InputError("--arch: expected x86_64 or arm64, got '" + *arch + "'");
  std::vector<const catalog::InstanceType*> rows;
  for (const auto& t : catalog.instances) {
    if (family && t.family != *family) continue;
    if (t.memory_mib < min_mib) continue;
    if (emr_only && !t.emr_available) continue;
    if (arch && catalog::to_string(t.arch) != *arch) continue;
    rows.push_back(&t);
  }
  std::ostringstream out;
  if (flags.format == "json") {
    JsonWriter json;
    json.begin_object().field("schema_version", 1).field("sparkfit_version", std::string(kVersion));
    json.field("as_of", catalog.as_of());
    json.key("instance_types").begin_array();
    for (const auto* t : rows) instance_json(json, *t);
    json.end_array().end_object();
    out << json.str();
  } else {
    out << pad("type", 16) << pad("vCPU", 6) << pad("memory", 10) << pad("arch", 8) << pad("net Gb/s", 10)
        << pad("disk GB", 9) << pad("$/h EC2", 10) << pad("$/h EMR", 10) << "YARN MiB\n";
    for (const auto* t : rows) {
      std::string fee = !t->emr_available ? "-" : t->emr_fee_usd_per_hour ? fixed(*t->emr_fee_usd_per_hour, 4) : "?";
      out << pad(t->name, 16) << pad(std::to_string(t->vcpus), 6)
          << pad(units::format_size(t->memory_mib * units::kMiB), 10) << pad(std::string(catalog::to_string(t->arch)), 8)
          << pad(t->network_gbps ? units::format_number(*t->network_gbps) : "-", 10)
          << pad(t->local_disk_gb ? std::to_string(t->local_disk_gb) : "EBS", 9) << pad(fixed(t->price_usd_per_hour, 4), 10)
          << pad(fee, 10) << t->yarn.nodemanager_mib
          << (t->yarn.provenance == catalog::YarnProvenance::cited ? "" : std::string(" (") +
                                                                          std::string(catalog::to_string(t->yarn.provenance)) + ")")
          << "\n";
    }
    out << rows.size() << " instance types; prices us-east-1 on-demand as of " << catalog.as_of()
        << "; EMR fee '?' = not cited, '-' = EMR does not offer the type\n";
  }
  emit(context, flags, out.str());
  return 0;
}

int catalog_show(Context& context, const std::vector<std::string>& args) {
  Flags flags;
  po::options_description options;
  const std::vector<std::string> formats = {"text", "json"};
  add_output_options(options, flags, formats);
  parse("catalog show", args, options, flags, formats, 1);
  if (flags.help || flags.positional.empty()) {
    if (!flags.help) throw UsageError("'catalog show' needs an instance type, e.g. 'sparkfit catalog show r5.4xlarge'");
    print_help(context, "sparkfit catalog show TYPE", options, "sparkfit catalog show r5.4xlarge");
    return 0;
  }
  const catalog::Catalog& catalog = context.catalog();
  const std::string& name = flags.positional.front();
  const catalog::InstanceType* t = &catalog.require(name);
  std::ostringstream out;
  if (flags.format == "json") {
    JsonWriter json;
    json.begin_object().field("schema_version", 1).field("sparkfit_version", std::string(kVersion));
    json.key("instance_type");
    instance_json(json, *t);
    json.end_object();
    out << json.str();
  } else {
    auto row = [&](const std::string& key, const std::string& value) { out << "  " << pad(key, 22) << value << "\n"; };
    out << t->name << "\n";
    row("vCPUs", std::to_string(t->vcpus));
    row("memory", units::format_size(t->memory_mib * units::kMiB) + " (" + std::to_string(t->memory_mib) + " MiB)");
    row("architecture", std::string(catalog::to_string(t->arch)) + ", " + t->processor);
    row("network (baseline)", t->network_gbps ? units::format_number(*t->network_gbps) + " Gbit/s" : "not published as a number");
    row("local disk", t->local_disk_gb ? std::to_string(t->local_disk_gb) + " GB " + t->local_disk_kind : "none (EBS only)");
    row("default EBS on EMR", std::to_string(t->default_ebs_gb) + " GiB");
    row("EC2 price", dollars(t->price_usd_per_hour) + "/h (" + t->price_source + ")");
    if (!t->emr_available) row("Amazon EMR", "not offered");
    else if (t->emr_fee_usd_per_hour)
      row("EMR fee", dollars(*t->emr_fee_usd_per_hour) + "/h" + (t->emr_fee_derived ? " (derived: " : " (") +
                         t->emr_fee_source + ")");
    else row("EMR fee", "offered; fee not cited");
    row("YARN memory", std::to_string(t->yarn.nodemanager_mib) + " MiB, max container " +
                           std::to_string(t->yarn.max_allocation_mib) + " MiB, step " +
                           std::to_string(t->yarn.min_allocation_mib) + " MiB (" +
                           std::string(catalog::to_string(t->yarn.provenance)) + ")");
    row("per-core speed", units::format_number(t->core_speed) + " x m5 (estimate: " + t->core_speed_source + ")");
  }
  emit(context, flags, out.str());
  return 0;
}

int catalog_releases(Context& context, const std::vector<std::string>& args) {
  Flags flags;
  po::options_description options;
  const std::vector<std::string> formats = {"text"};
  add_output_options(options, flags, formats);
  parse("catalog releases", args, options, flags, formats, 0);
  if (flags.help) {
    print_help(context, "sparkfit catalog releases", options, "sparkfit catalog releases");
    return 0;
  }
  std::ostringstream out;
  out << pad("release", 14) << pad("Spark", 14) << pad("Hadoop", 10) << pad("Java", 6) << pad("overhead", 10) << "GC\n";
  for (const auto& r : context.catalog().emr_releases)
    out << pad(r.label, 14) << pad(r.spark_version, 14) << pad(r.hadoop_version, 10) << pad(r.java_version, 6)
        << pad(units::format_number(r.executor_overhead_factor), 10) << r.gc << "\n";
  emit(context, flags, out.str());
  return 0;
}

}  // namespace

int run_catalog(Context& context, const std::vector<std::string>& args) {
  const std::string usage =
      "usage: sparkfit catalog list [--family F] [--min-memory SIZE] [--arch A] [--emr-only]\n"
      "       sparkfit catalog show TYPE\n"
      "       sparkfit catalog releases\n";
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    (args.empty() ? context.err : context.out) << usage;
    return args.empty() ? static_cast<int>(ExitCode::bad_usage) : 0;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "list") return catalog_list(context, rest);
  if (args[0] == "show") return catalog_show(context, rest);
  if (args[0] == "releases") return catalog_releases(context, rest);
  throw UsageError("unknown catalog command '" + args[0] + "'" +
                   text::did_you_mean(args[0], {"list", "show", "releases"}) + "\n" + usage);
}

int run_paths(Context& context, const std::vector<std::string>& args) {
  Flags flags;
  po::options_description options;
  const std::vector<std::string> formats = {"text"};
  add_output_options(options, flags, formats);
  parse("paths", args, options, flags, formats, 0);
  if (flags.help) {
    print_help(context, "sparkfit paths", options, "sparkfit --data-dir ./my-data paths");
    return 0;
  }
  std::ostringstream out;
  out << "data directory search order:\n";
  for (const DataDirCandidate& candidate : data_dir_candidates(context.data_dir_flag, context.executable)) {
    std::error_code ignored;
    bool present = std::filesystem::is_directory(candidate.path / "instance_catalogs", ignored);
    out << "  " << pad(candidate.origin, 24) << candidate.path.string() << (present ? "" : "  (no data)") << "\n";
  }
  const DataDirCandidate& used = context.data_dir();
  out << "using: " << used.path.string() << " (" << used.origin << ")\nloaded:\n";
  for (const catalog::LoadedFile& file : context.catalog().files)
    out << "  " << file.path << " (as of " << file.as_of << ")\n";
  emit(context, flags, out.str());
  return 0;
}

int run_version(Context& context, const std::vector<std::string>& args) {
  if (!args.empty() && (args[0] == "--help" || args[0] == "-h")) {
    context.out << "usage: sparkfit version\n\nPrints the version and the as_of date of the data it loads.\n";
    return 0;
  }
  if (!args.empty()) throw UsageError("'version' takes no arguments");
  context.out << "sparkfit " << kVersion << "\n";
  const catalog::Catalog& catalog = context.catalog();
  context.out << "instance catalogs: " << catalog.instances.size() << " EC2 types, " << catalog.emr_releases.size()
              << " EMR releases, as of " << catalog.as_of() << "\n";
  return 0;
}

}  // namespace sparkfit::cli
