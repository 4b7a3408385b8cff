#include "cli/options.hpp"

#include <algorithm>
#include <charconv>
#include <filesystem>
#include <iostream>
#include <memory>
#include <stdexcept>

#include "sparkfit/eventlog/eventlog.hpp"
#include "sparkfit/job/overrides.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::cli {
namespace {

po::typed_value<std::string>* text_value(std::optional<std::string>& target) {
  return po::value<std::string>()->notifier([&target](const std::string& v) { target = v; });
}

// Converts a flag's value, prefixing any error with the flag's name.
template <typename Function>
auto convert(const char* flag, const std::string& value, Function function) -> decltype(function(value)) {
  try {
    return function(value);
  } catch (const InputError& error) {
    throw InputError(std::string(flag) + ": " + error.message());
  }
}

int count_flag(const char* flag, const std::optional<std::string>& value, int fallback) {
  if (!value) return fallback;
  return static_cast<int>(convert(flag, *value, [&](const std::string& v) {
    std::int64_t n = units::parse_count(v, flag + 2);
    if (n > 1000000) throw InputError("invalid value '" + v + "': at most 1000000");
    return n;
  }));
}

void fill_cluster(po::options_description& group, Flags& flags) {
  group.add_options()
      ("platform", text_value(flags.platform),
       "emr | ec2 | yarn | glue | emr-serverless | kubernetes; recommend also all; review --k8s-app: kubernetes")
      ("instance", text_value(flags.instance), "EC2 instance type of the worker nodes, e.g. r5.4xlarge")
      ("nodes", text_value(flags.nodes), "worker nodes that run executors (EMR core + task nodes)")
      ("primary-instance", text_value(flags.primary_instance), "EMR primary node type (priced separately)")
      ("node-cores", text_value(flags.node_cores), "yarn: cores per node")
      ("node-memory", text_value(flags.node_memory), "yarn: memory per node, e.g. 64g")
      ("reserve-cores", text_value(flags.reserve_cores), "cores per node kept for the OS and daemons (default 1)")
      ("reserve-memory", text_value(flags.reserve_memory), "yarn: memory per node kept back (default 1g)")
      ("yarn-resource-calculator", text_value(flags.yarn_resource_calculator),
       "memory (EMR/Hadoop default: cores oversubscribe) | dominant (vcores enforced)")
      ("yarn-min-allocation", text_value(flags.yarn_min_allocation),
       "YARN's container rounding step (default: the catalog's EMR value, 1024m for yarn)")
      ("region", text_value(flags.region), "AWS region (prices are us-east-1; see --price-factor)")
      ("market", text_value(flags.market), "on-demand | spot")
      ("emr-release", text_value(flags.emr_release), "EMR release label, e.g. emr-7.1.0");
}

void fill_layout(po::options_description& group, Flags& flags) {
  group.add_options()
      ("num-executors", text_value(flags.num_executors), "executors to request (default: as many as fit)")
      ("executor-cores", text_value(flags.executor_cores), "cores per executor (default: 3-5, heap < 32 GiB, fewest idle)")
      ("executor-memory", text_value(flags.executor_memory), "executor heap; bare number = MiB (default: fill the node)")
      ("memory-overhead", text_value(flags.memory_overhead), "spark.executor.memoryOverhead; bare number = MiB")
      ("overhead-factor", text_value(flags.overhead_factor), "overhead / heap (default: 0.1875 on EMR, else 0.10)")
      ("heap-from-container", text_value(flags.heap_from_container),
       "divide (heap = container / (1 + f), default) | subtract (heap = container x (1 - f))")
      ("deploy-mode", text_value(flags.deploy_mode), "cluster (default) | client")
      ("driver-memory", text_value(flags.driver_memory), "driver heap (default 1g)")
      ("driver-cores", text_value(flags.driver_cores), "driver cores (default 1)");
}

void fill_work(po::options_description& group, Flags& flags) {
  group.add_options()
      ("input", text_value(flags.input), "input size, binary units: 500GB = 500 GiB; bare number = bytes")
      ("files", text_value(flags.files), "number of input files")
      ("file-format", text_value(flags.file_format), "parquet | orc | csv | json | avro | text")
      ("compression", text_value(flags.compression), "snappy | gzip | zstd | lz4 | bzip2 | none")
      ("workload", text_value(flags.workload), "etl | aggregation | join | sort | iterative-ml | graph | sql-analytics")
      ("iterations", text_value(flags.iterations), "iterations of iterative-ml and graph jobs")
      ("language", text_value(flags.language), "scala | java | python | sql")
      ("partitions", text_value(flags.partitions), "tasks of the stage being explained (default: the split rule)")
      ("shuffle-partitions", text_value(flags.shuffle_partitions), "spark.sql.shuffle.partitions (default 200)")
      ("from-eventlog", text_value(flags.from_eventlog),
       "the work, derived from the Spark event log of a run of it");
}

void fill_glue(po::options_description& group, Flags& flags) {
  group.add_options()
      ("worker-type", text_value(flags.worker_type), "Glue worker types to consider, e.g. G.1X or G.1X,G.2X")
      ("workers", text_value(flags.workers), "Glue workers: N, a range 2..100 or a list")
      ("glue-version", text_value(flags.glue_version), "Glue version (default 4.0)")
      ("execution-class", text_value(flags.execution_class), "standard (default) | flex (cheaper, start-delayed)")
      ("auto-scaling", po::bool_switch(&flags.auto_scaling), "Glue Auto Scaling: --workers is the maximum")
      ("glue-reader", text_value(flags.glue_reader),
       "dynamicframe (default: one partition per S3 file below 50,000 files) | dataframe (Spark's split rule)");
}

void fill_objective(po::options_description& group, Flags& flags) {
  group.add_options()
      ("minimize", text_value(flags.minimize), "cost (default) | runtime")
      ("deadline", text_value(flags.deadline), "longest acceptable runtime, e.g. 45m")
      ("budget", text_value(flags.budget), "most you will pay for a run, e.g. $50")
      ("spot-discount", text_value(flags.spot_discount), "spot price = on-demand x (1 - F) with --market spot (default 0.6)")
      ("price-factor", text_value(flags.price_factor), "region price relative to us-east-1 (default 1)")
      ("savings-plan-discount", text_value(flags.savings_plan_discount), "committed-use discount on EC2, 0..1 (default 0)")
      ("all-candidates", po::bool_switch(&flags.all_candidates), "json: list every evaluated candidate");
}

void fill_emr_output(po::options_description& group, Flags& flags) {
  group.add_options()
      ("dynamic-allocation", po::bool_switch(&flags.dynamic_allocation),
       "keep dynamic allocation (EMR's default) with min/max executors and a Managed Scaling policy")
      ("emr-fleets", po::bool_switch(&flags.emr_fleets), "emr-json: instance fleets instead of instance groups");
}

void fill_review(po::options_description& group, Flags& flags) {
  Flags::Review& review = flags.review;
  group.add_options()
      ("fail-on", text_value(review.fail_on), "exit 1 on findings at or above: error | warning (default) | info | style")
      ("submit-file", text_value(review.submit_file), "a file holding a spark-submit command, as pasted")
      ("conf-file", text_value(review.conf_file), "a spark-defaults.conf file")
      ("emr-config", text_value(review.emr_config), "EMR configurations JSON (classifications)")
      ("emr-cluster", text_value(review.emr_cluster), "EMR cluster description (aws emr describe-cluster, or instance groups/fleets)")
      ("glue-job", text_value(review.glue_job), "Glue job definition JSON (aws glue get-job output); reviewed on its own")
      ("k8s-app", text_value(review.k8s_app),
       "Spark Operator SparkApplication YAML, on the Kubernetes nodes of --instance and --nodes; reviewed on its own")
      ("config", text_value(review.config), "settings file (default: ./.sparkfit.yaml when present)")
      ("spark-version", text_value(review.spark_version), "Spark version the job runs on, e.g. 3.5.1 (default: the EMR release's)")
      ("java-version", text_value(review.java_version), "Java major version of the executors, e.g. 17 (default: the EMR release's)");
}

void fill_analyze(po::options_description& group, Flags& flags) {
  group.add_options()
      ("what-if-executors", text_value(flags.what_if_executors),
       "replay the run on N executors (or a list 4,8,16, or a range 2..10) of the same cores")
      ("emit-job", text_value(flags.emit_job), "write a job spec derived from the run to FILE");
}

void fill_catalog_filters(po::options_description& group, Flags& flags) {
  Flags::CatalogFilters& filters = flags.catalog;
  group.add_options()
      ("family", text_value(filters.family), "only this family, e.g. r5")
      ("min-memory", text_value(filters.min_memory), "at least this much RAM, e.g. 64g")
      ("arch", text_value(filters.arch), "x86_64 | arm64")
      ("emr-only", po::bool_switch(&filters.emr_only), "only types Amazon EMR offers");
}

struct GroupSpec {
  const char* caption;
  void (*fill)(po::options_description&, Flags&);
};

GroupSpec group_spec(OptionGroup group) {
  switch (group) {
    case OptionGroup::cluster: return {"Cluster", fill_cluster};
    case OptionGroup::layout: return {"Layout", fill_layout};
    case OptionGroup::work: return {"Work", fill_work};
    case OptionGroup::glue: return {"AWS Glue", fill_glue};
    case OptionGroup::objective: return {"Objective and prices", fill_objective};
    case OptionGroup::emr_output: return {"EMR output", fill_emr_output};
    case OptionGroup::review: return {"Review", fill_review};
    case OptionGroup::analyze: return {"Analyze", fill_analyze};
    case OptionGroup::catalog_filters: return {"Filters", fill_catalog_filters};
  }
  throw std::logic_error("unknown option group");
}

void add_group(OptionGroup group, po::options_description& options, Flags& flags) {
  GroupSpec spec = group_spec(group);
  po::options_description captioned(spec.caption);
  spec.fill(captioned, flags);
  options.add(captioned);
}

void add_output_options(po::options_description& options, Flags& flags, const std::vector<std::string>& formats,
                        bool with_report);

// The options of `command`, bound to `flags`, in its --help order.
std::unique_ptr<po::options_description> options_for(const Command& command, Flags& flags) {
  std::size_t first = 0;
  std::unique_ptr<po::options_description> options;
  if (command.first_group_heads_help) {
    const GroupSpec heading = group_spec(command.groups.at(first++));
    options = std::make_unique<po::options_description>(heading.caption);
    heading.fill(*options, flags);
  } else {
    options = std::make_unique<po::options_description>();
  }
  for (std::size_t i = first; i < command.groups.size(); ++i) add_group(command.groups[i], *options, flags);
  add_output_options(*options, flags, command.formats, command.writes_report);
  return options;
}

}  // namespace

namespace {

// `with_report`: the command also writes --report FILE.html.
void add_output_options(po::options_description& options, Flags& flags, const std::vector<std::string>& formats,
                        bool with_report) {
  po::options_description group("Output");
  std::string format_help = text::join(formats, " | ");
  group.add_options()
      ("format", po::value<std::string>(&flags.format), format_help.c_str())
      ("output", text_value(flags.output), "write to FILE (whole or not at all) instead of stdout")
      ("help,h", po::bool_switch(&flags.help), "this help");
  if (with_report)
    group.add_options()("report", text_value(flags.report), "also write a self-contained HTML report to FILE.html");
  options.add(group);
}

// Parses `args` against `options`; positional arguments land in flags.positional. Unknown flags
// become UsageError with a did-you-mean; --format is checked against `formats`.
void parse(const std::string& command, const std::vector<std::string>& args, po::options_description& options,
           Flags& flags, const std::vector<std::string>& formats, int max_positional) {
  flags.args = args;
  po::options_description all;
  all.add(options);
  all.add_options()("positional", po::value<std::vector<std::string>>(&flags.positional));
  po::positional_options_description positional;
  positional.add("positional", -1);
  po::variables_map variables;
  try {
    po::store(po::command_line_parser(args)
                  .options(all)
                  .positional(positional)
                  .style(po::command_line_style::default_style & ~po::command_line_style::allow_guessing)
                  .run(),
              variables);
    po::notify(variables);
  } catch (const po::unknown_option& error) {
    std::vector<std::string> names;
    for (const auto& option : options.options()) names.push_back("--" + option->long_name());
    std::string name = error.get_option_name();
    if (name == "--report")
      throw UsageError("'" + command + "' does not write an HTML report; --report FILE.html is for explain, predict, "
                       "recommend, review and analyze");
    throw UsageError("unknown option '" + name + "' for '" + command + "'" + text::did_you_mean(name, names) +
                     "; see 'sparkfit " + command + " --help'");
  } catch (const po::error& error) {
    throw UsageError(std::string(error.what()) + " (command '" + command + "'; see 'sparkfit " + command +
                     " --help')");
  }
  if (flags.help) return;
  if (std::find(formats.begin(), formats.end(), flags.format) == formats.end())
    throw UsageError("'" + command + "' does not write --format " + flags.format + "; it writes " +
                     text::join(formats));
  // Both would be written whole, the second over the first: one of them would be lost.
  if (flags.report && flags.output &&
      std::filesystem::path(*flags.report).lexically_normal() == std::filesystem::path(*flags.output).lexically_normal())
    throw UsageError("--report and --output both name '" + *flags.report + "'; give the HTML report a file of its own");
  if (static_cast<int>(flags.positional.size()) > max_positional)
    throw UsageError("unexpected argument '" + flags.positional[static_cast<std::size_t>(max_positional)] +
                     "' for '" + command + "'; see 'sparkfit " + command + " --help'");
}

}  // namespace

job::JobSpec job_from(const Flags& flags, bool* has_input) {
  job::JobSpec job;
  if (flags.from_eventlog) {
    if (!flags.positional.empty())
      throw UsageError("give a job spec or --from-eventlog, not both (sparkfit analyze --emit-job writes a spec to edit)");
    // The run's own description of the work: input, stages and ratios measured, its runtime an
    // observation. Its layout is kept as the observation's context, not imposed on the search.
    eventlog::RunLog log = eventlog::read_event_log(*flags.from_eventlog);
    eventlog::Profile profile = eventlog::analyze(log);
    job = job::parse_job_spec(eventlog::derive_job_spec(profile, log), *flags.from_eventlog + " (derived job spec)");
    job.observed_layout = job.layout;
    job.layout = job::LayoutChoices{};
  } else if (!flags.positional.empty()) {
    job = job::load_job_spec(flags.positional.front());
  }
  job::WorkOverrides work;
  if (flags.input) {
    work.input_bytes = convert("--input", *flags.input, units::parse_data_size);
    if (*work.input_bytes <= 0) throw InputError("--input: the input size must be more than 0 bytes");
  }
  if (flags.files) work.files = count_flag("--files", flags.files, 1);
  if (flags.file_format) work.file_format = convert("--file-format", *flags.file_format, job::parse_file_format);
  if (flags.compression) work.compression = text::to_lower(*flags.compression);
  if (flags.workload) work.workload = convert("--workload", *flags.workload, job::parse_workload);
  if (flags.iterations) work.iterations = count_flag("--iterations", flags.iterations, 1);
  if (flags.language) work.language = convert("--language", *flags.language, job::parse_language);
  if (flags.partitions) work.partitions = count_flag("--partitions", flags.partitions, 1);
  if (flags.shuffle_partitions) work.shuffle_partitions = count_flag("--shuffle-partitions", flags.shuffle_partitions, 1);
  *has_input = job::apply_overrides(job, work);
  return job;
}

platform::ClusterRequest node_request(const Flags& flags) {
  platform::ClusterRequest request;
  request.instance = flags.instance;
  if (flags.nodes) {
    std::vector<int> counts =
        convert("--nodes", *flags.nodes, [](const std::string& v) { return units::parse_count_set(v, "nodes"); });
    if (counts.size() != 1)
      throw InputError("--nodes: this command works on one cluster; give one node count, not '" + *flags.nodes + "'");
    request.nodes = counts.front();
  }
  return request;
}

platform::ClusterRequest cluster_request(const Flags& flags) {
  std::optional<platform::Platform> chosen;
  if (flags.platform) chosen = convert("--platform", *flags.platform, platform::parse_platform);
  if (chosen && *chosen != platform::Platform::emr && *chosen != platform::Platform::ec2 &&
      *chosen != platform::Platform::yarn)
    throw InputError("--platform " + *flags.platform + ": explain and predict work on one emr, ec2 or yarn cluster; "
                     "plan " + *flags.platform + " with 'sparkfit recommend --platform " + *flags.platform + "'");
  platform::ClusterRequest request = node_request(flags);
  request.platform = chosen;
  if (flags.node_cores) request.node_cores = count_flag("--node-cores", flags.node_cores, 0);
  if (flags.node_memory) request.node_memory_mib = convert("--node-memory", *flags.node_memory, units::parse_memory_mib);
  // --reserve-cores may keep no core back; every other count is at least 1.
  if (flags.reserve_cores)
    request.reserve_cores = convert("--reserve-cores", *flags.reserve_cores, [](const std::string& v) {
      return v == "0" ? 0 : static_cast<int>(units::parse_count(v, "reserved cores"));
    });
  if (flags.reserve_memory)
    request.reserve_memory_mib = convert("--reserve-memory", *flags.reserve_memory, units::parse_memory_mib);
  if (flags.yarn_min_allocation)
    request.min_allocation_mib = std::max<std::int64_t>(
        1, convert("--yarn-min-allocation", *flags.yarn_min_allocation, units::parse_memory_mib));
  request.emr_release = flags.emr_release;
  return request;
}

std::optional<int> executor_cores_flag(const Flags& flags) {
  if (!flags.executor_cores) return std::nullopt;
  return count_flag("--executor-cores", flags.executor_cores, 0);
}

platform::LayoutRequest layout_request(const Flags& flags) {
  platform::LayoutRequest request;
  if (flags.num_executors) request.num_executors = count_flag("--num-executors", flags.num_executors, 0);
  request.executor_cores = executor_cores_flag(flags);
  if (flags.executor_memory)
    request.heap_mib = convert("--executor-memory", *flags.executor_memory, units::parse_memory_mib);
  if (flags.memory_overhead)
    request.overhead_mib = convert("--memory-overhead", *flags.memory_overhead, units::parse_memory_mib);
  if (flags.overhead_factor) {
    request.overhead_factor = convert("--overhead-factor", *flags.overhead_factor, [](const std::string& v) {
      double f = 0;
      auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), f);
      if (ec != std::errc() || ptr != v.data() + v.size() || f <= 0 || f >= 1)
        throw InputError("invalid value '" + v + "': expected a fraction of the heap between 0 and 1, e.g. 0.1875");
      return f;
    });
  }
  if (flags.heap_from_container)
    request.convention = convert("--heap-from-container", *flags.heap_from_container, job::parse_heap_convention);
  if (flags.deploy_mode) request.deploy_mode = convert("--deploy-mode", *flags.deploy_mode, job::parse_deploy_mode);
  if (flags.driver_memory)
    request.driver_heap_mib = convert("--driver-memory", *flags.driver_memory, units::parse_memory_mib);
  if (flags.driver_cores) request.driver_cores = count_flag("--driver-cores", flags.driver_cores, 1);
  if (flags.yarn_resource_calculator)
    request.calculator =
        convert("--yarn-resource-calculator", *flags.yarn_resource_calculator, job::parse_resource_calculator);
  return request;
}

platform::GlueOverrides glue_overrides(const Flags& flags) {
  platform::GlueOverrides overrides;
  overrides.glue_version = flags.glue_version;
  if (flags.worker_type) overrides.worker_types = list_flag(*flags.worker_type);
  if (flags.workers)
    overrides.workers = convert("--workers", *flags.workers,
                                [](const std::string& v) { return units::parse_count_set(v, "workers"); });
  if (flags.execution_class) {
    if (*flags.execution_class != "standard" && *flags.execution_class != "flex")
      throw InputError("--execution-class: expected standard or flex, got '" + *flags.execution_class + "'");
    overrides.flex = *flags.execution_class == "flex";
  }
  overrides.auto_scaling = flags.auto_scaling;
  if (flags.glue_reader) {
    if (*flags.glue_reader != "dynamicframe" && *flags.glue_reader != "dataframe")
      throw InputError("--glue-reader: expected dynamicframe or dataframe, got '" + *flags.glue_reader + "'");
    overrides.dynamicframe_reader = *flags.glue_reader == "dynamicframe";
  }
  return overrides;
}

std::vector<std::string> list_flag(const std::string& value) {
  std::vector<std::string> items;
  for (std::string_view part : text::split(value, ',')) items.emplace_back(part);
  return items;
}

void emit(Context& context, const Flags& flags, const std::string& text) {
  if (!flags.output) {
    context.out << text;
    return;
  }
  write_whole_file(*flags.output, text, "--output");
}

namespace {

// "explain --help" style text: usage line, options, example.
void print_help(Context& context, const std::string& usage, const po::options_description& options,
                const std::string& example) {
  context.out << "usage: " << usage << "\n\n" << options << "\nExample:\n  " << example << "\n";
}

}  // namespace

Flags parse_command(Context& context, const Command& command, const std::string& name,
                    const std::vector<std::string>& args) {
  Flags flags;
  std::vector<std::string> own_args = args;
  const bool takes_submit_args =
      std::find(command.groups.begin(), command.groups.end(), OptionGroup::review) != command.groups.end();
  if (auto dashes = std::find(args.begin(), args.end(), "--"); takes_submit_args && dashes != args.end()) {
    own_args.assign(args.begin(), dashes);
    flags.review.has_submit_args = true;
    flags.review.submit_args.assign(dashes + 1, args.end());
  }
  std::unique_ptr<po::options_description> options = options_for(command, flags);
  parse(name, own_args, *options, flags, command.formats, command.max_positional);
  flags.args = args;
  if (flags.help) print_help(context, command.usage, *options, command.example);
  return flags;
}

void print_command_help(Context& context, const Command& command) {
  Flags unused;
  print_help(context, command.usage, *options_for(command, unused), command.example);
}

std::string command_line(const std::string& command, const std::vector<std::string>& args) {
  std::string line = "sparkfit " + command;
  for (const std::string& arg : args) line += " " + arg;
  return line;
}

}  // namespace sparkfit::cli
