#include "cli/options.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "sparkfit/util/error.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::cli {
namespace {

po::typed_value<std::string>* text_value(std::optional<std::string>& target) {
  return po::value<std::string>()->notifier([&target](const std::string& v) { target = v; });
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