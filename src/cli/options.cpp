#include "cli/options.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>
#include <stdexcept>

#include "sparkfit/util/error.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::cli {
namespace {

// One flag, described once: its --help group, its name (the engine's name of the input it gives,
// sparkfit/units/given.hpp), whether it is a switch or takes a value, and its help. The table's
// order is the --help order, and the order the engine sees the inputs in.
struct FlagRow {
  OptionGroup group;
  const char* name;
  bool is_switch;
  const char* help;
};

constexpr bool kText = false;
constexpr bool kSwitch = true;

const FlagRow kFlags[] = {
    {OptionGroup::cluster, "platform", kText,
     "emr | ec2 | yarn | glue | emr-serverless | kubernetes; recommend also all; review --k8s-app: kubernetes"},
    {OptionGroup::cluster, "instance", kText, "EC2 instance type of the worker nodes, e.g. r5.4xlarge"},
    {OptionGroup::cluster, "nodes", kText, "worker nodes that run executors (EMR core + task nodes)"},
    {OptionGroup::cluster, "primary-instance", kText, "EMR primary node type (priced separately)"},
    {OptionGroup::cluster, "node-cores", kText, "yarn: cores per node"},
    {OptionGroup::cluster, "node-memory", kText, "yarn: memory per node, e.g. 64g"},
    {OptionGroup::cluster, "reserve-cores", kText,
     "cores per node kept for the OS and daemons (default 0 on EMR and EC2, 1 on yarn)"},
    {OptionGroup::cluster, "reserve-memory", kText, "yarn: memory per node kept back (default 1g)"},
    {OptionGroup::cluster, "yarn-resource-calculator", kText,
     "memory (EMR/Hadoop default: cores oversubscribe) | dominant (vcores enforced)"},
    {OptionGroup::cluster, "yarn-min-allocation", kText,
     "YARN's container rounding step (default: the catalog's EMR value, 1024m for yarn)"},
    {OptionGroup::cluster, "region", kText, "AWS region (prices are us-east-1; see --price-factor)"},
    {OptionGroup::cluster, "market", kText, "on-demand | spot"},
    {OptionGroup::cluster, "emr-release", kText, "EMR release label, e.g. emr-7.1.0"},
    {OptionGroup::layout, "num-executors", kText, "executors to request (default: as many as fit)"},
    {OptionGroup::layout, "executor-cores", kText, "cores per executor (default: 3-5, heap < 32 GiB, fewest idle)"},
    {OptionGroup::layout, "executor-memory", kText, "executor heap; bare number = MiB (default: fill the node)"},
    {OptionGroup::layout, "memory-overhead", kText, "spark.executor.memoryOverhead; bare number = MiB"},
    {OptionGroup::layout, "overhead-factor", kText, "overhead / heap (default: 0.1875 on EMR, else 0.10)"},
    {OptionGroup::layout, "heap-from-container", kText,
     "divide (heap = container / (1 + f), default) | subtract (heap = container x (1 - f))"},
    {OptionGroup::layout, "deploy-mode", kText, "cluster (default) | client"},
    {OptionGroup::layout, "driver-memory", kText, "driver heap (default 1g)"},
    {OptionGroup::layout, "driver-cores", kText, "driver cores (default 1)"},
    {OptionGroup::work, "input", kText, "input size, binary units: 500GB = 500 GiB; bare number = bytes"},
    {OptionGroup::work, "files", kText, "number of input files"},
    {OptionGroup::work, "file-format", kText, "parquet | orc | csv | json | avro | text"},
    {OptionGroup::work, "compression", kText, "snappy | gzip | zstd | lz4 | bzip2 | none"},
    {OptionGroup::work, "workload", kText, "etl | aggregation | join | sort | iterative-ml | graph | sql-analytics"},
    {OptionGroup::work, "iterations", kText, "iterations of iterative-ml and graph jobs"},
    {OptionGroup::work, "language", kText, "scala | java | python | sql"},
    {OptionGroup::work, "partitions", kText, "tasks of the stage being explained (default: the split rule)"},
    {OptionGroup::work, "shuffle-partitions", kText, "spark.sql.shuffle.partitions (default 200)"},
    {OptionGroup::work, "from-eventlog", kText, "the work, derived from the Spark event log of a run of it"},
    {OptionGroup::glue, "worker-type", kText, "Glue worker types to consider, e.g. G.1X or G.1X,G.2X"},
    {OptionGroup::glue, "workers", kText, "Glue workers: N, a range 2..100 or a list"},
    {OptionGroup::glue, "glue-version", kText, "Glue version (default 4.0)"},
    {OptionGroup::glue, "execution-class", kText, "standard (default) | flex (cheaper, start-delayed)"},
    {OptionGroup::glue, "auto-scaling", kSwitch, "Glue Auto Scaling: --workers is the maximum"},
    {OptionGroup::glue, "glue-reader", kText,
     "dynamicframe (default: one partition per S3 file below 50,000 files) | dataframe (Spark's split rule)"},
    {OptionGroup::objective, "minimize", kText, "cost (default) | runtime"},
    {OptionGroup::objective, "deadline", kText, "longest acceptable runtime, e.g. 45m"},
    {OptionGroup::objective, "budget", kText, "most you will pay for a run, e.g. $50"},
    {OptionGroup::objective, "spot-discount", kText,
     "spot price = on-demand x (1 - F) with --market spot (default 0.6)"},
    {OptionGroup::objective, "price-factor", kText, "region price relative to us-east-1 (default 1)"},
    {OptionGroup::objective, "savings-plan-discount", kText, "committed-use discount on EC2, 0..1 (default 0)"},
    {OptionGroup::objective, "all-candidates", kSwitch, "json: list every evaluated candidate"},
    {OptionGroup::emr_output, "dynamic-allocation", kSwitch,
     "keep dynamic allocation (EMR's default) with min/max executors and a Managed Scaling policy"},
    {OptionGroup::emr_output, "emr-fleets", kSwitch, "emr-json: instance fleets instead of instance groups"},
    {OptionGroup::review, "fail-on", kText, "exit 1 on findings at or above: error | warning (default) | info | style"},
    {OptionGroup::review, "submit-file", kText, "a file holding a spark-submit command, as pasted"},
    {OptionGroup::review, "conf-file", kText, "a spark-defaults.conf file"},
    {OptionGroup::review, "emr-config", kText, "EMR configurations JSON (classifications)"},
    {OptionGroup::review, "emr-cluster", kText,
     "EMR cluster description (aws emr describe-cluster, or instance groups/fleets)"},
    {OptionGroup::review, "glue-job", kText, "Glue job definition JSON (aws glue get-job output); reviewed on its own"},
    {OptionGroup::review, "k8s-app", kText,
     "Spark Operator SparkApplication YAML, on the Kubernetes nodes of --instance and --nodes; reviewed on its own"},
    {OptionGroup::review, "config", kText, "settings file (default: ./.sparkfit.yaml when present)"},
    {OptionGroup::review, "spark-version", kText,
     "Spark version the job runs on, e.g. 3.5.1 (default: the EMR release's)"},
    {OptionGroup::review, "java-version", kText,
     "Java major version of the executors, e.g. 17 (default: the EMR release's)"},
    {OptionGroup::analyze, "what-if-executors", kText,
     "replay the run on N executors (or a list 4,8,16, or a range 2..10) of the same cores"},
    {OptionGroup::analyze, "emit-job", kText, "write a job spec derived from the run to FILE"},
    {OptionGroup::catalog_filters, "family", kText, "only this family, e.g. r5"},
    {OptionGroup::catalog_filters, "min-memory", kText, "at least this much RAM, e.g. 64g"},
    {OptionGroup::catalog_filters, "arch", kText, "x86_64 | arm64"},
    {OptionGroup::catalog_filters, "emr-only", kSwitch, "only types Amazon EMR offers"},
};

const char* caption(OptionGroup group) {
  switch (group) {
    case OptionGroup::cluster: return "Cluster";
    case OptionGroup::layout: return "Layout";
    case OptionGroup::work: return "Work";
    case OptionGroup::glue: return "AWS Glue";
    case OptionGroup::objective: return "Objective and prices";
    case OptionGroup::emr_output: return "EMR output";
    case OptionGroup::review: return "Review";
    case OptionGroup::analyze: return "Analyze";
    case OptionGroup::catalog_filters: return "Filters";
  }
  throw std::logic_error("unknown option group");
}

po::typed_value<std::string>* text_value(std::optional<std::string>& target) {
  return po::value<std::string>()->notifier([&target](const std::string& v) { target = v; });
}

// The flags of `group` added to `options` in the table's order; their values are read back by
// name (given_inputs).
void add_flags(OptionGroup group, po::options_description& options) {
  for (const FlagRow& row : kFlags) {
    if (row.group != group) continue;
    if (row.is_switch)
      options.add_options()(row.name, po::bool_switch(), row.help);
    else
      options.add_options()(row.name, po::value<std::string>(), row.help);
  }
}

void add_group(OptionGroup group, po::options_description& options) {
  po::options_description captioned(caption(group));
  add_flags(group, captioned);
  options.add(captioned);
}

// Every flag given, by name in the table's order: a switch when on, a value as typed.
units::Given given_inputs(const po::variables_map& variables) {
  units::Given given;
  for (const FlagRow& row : kFlags) {
    const auto found = variables.find(row.name);
    if (found == variables.end()) continue;
    if (!row.is_switch)
      given.add(row.name, found->second.as<std::string>());
    else if (found->second.as<bool>())
      given.add(row.name, "");
  }
  return given;
}

// `with_report`: the command also writes --report FILE.html.
void add_output_options(po::options_description& options, Flags& flags, const std::vector<std::string>& formats,
                        bool with_report) {
  po::options_description group("Output");
  std::string format_help = text::join(formats, " | ");
  group.add_options()("format", po::value<std::string>(&flags.format), format_help.c_str())(
      "output", text_value(flags.output), "write to FILE (whole or not at all) instead of stdout")(
      "help,h", po::bool_switch(&flags.help), "this help");
  if (with_report)
    group.add_options()("report", text_value(flags.report), "also write a self-contained HTML report to FILE.html");
  options.add(group);
}

// The options of `command`, bound to `flags`, in its --help order.
std::unique_ptr<po::options_description> options_for(const Command& command, Flags& flags) {
  std::size_t first = 0;
  std::unique_ptr<po::options_description> options;
  if (command.first_group_heads_help) {
    const OptionGroup heading = command.groups.at(first++);
    options = std::make_unique<po::options_description>(caption(heading));
    add_flags(heading, *options);
  } else {
    options = std::make_unique<po::options_description>();
  }
  for (std::size_t i = first; i < command.groups.size(); ++i) add_group(command.groups[i], *options);
  add_output_options(*options, flags, command.formats, command.writes_report);
  return options;
}

// Two outputs written whole to one file: the second would replace the first, which would be lost.
void refuse_shared_output_paths(const Flags& flags) {
  const std::optional<std::string> emit_job = flags.given.text("emit-job");
  const std::pair<const char*, const std::optional<std::string>*> outputs[] = {
      {"--report", &flags.report}, {"--output", &flags.output}, {"--emit-job", &emit_job}};
  const auto same_file = [](const std::string& a, const std::string& b) {
    return std::filesystem::absolute(a).lexically_normal() == std::filesystem::absolute(b).lexically_normal();
  };
  for (std::size_t i = 0; i < std::size(outputs); ++i)
    for (std::size_t j = i + 1; j < std::size(outputs); ++j)
      if (*outputs[i].second && *outputs[j].second && same_file(**outputs[i].second, **outputs[j].second))
        throw UsageError(std::string(outputs[i].first) + " '" + **outputs[i].second + "' and " + outputs[j].first +
                         " '" + **outputs[j].second + "' are the same file; give each output a file of its own");
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
    flags.given = given_inputs(variables);
  } catch (const po::unknown_option& error) {
    std::vector<std::string> names;
    for (const auto& option : options.options()) names.push_back("--" + option->long_name());
    std::string name = error.get_option_name();
    if (name == "--report")
      throw UsageError("'" + command +
                       "' does not write an HTML report; --report FILE.html is for explain, predict, "
                       "recommend, review and analyze");
    throw UsageError("unknown option '" + name + "' for '" + command + "'" + text::did_you_mean(name, names) +
                     "; see 'sparkfit " + command + " --help'");
  } catch (const po::error& error) {
    throw UsageError(std::string(error.what()) + " (command '" + command + "'; see 'sparkfit " + command + " --help')");
  }
  if (flags.help) return;
  if (std::find(formats.begin(), formats.end(), flags.format) == formats.end())
    throw UsageError("'" + command + "' does not write --format " + flags.format + "; it writes " +
                     text::join(formats));
  refuse_shared_output_paths(flags);
  if (static_cast<int>(flags.positional.size()) > max_positional)
    throw UsageError("unexpected argument '" + flags.positional[static_cast<std::size_t>(max_positional)] + "' for '" +
                     command + "'; see 'sparkfit " + command + " --help'");
}

}  // namespace

std::vector<std::string> given_flags(const Flags& flags, OptionGroup group) {
  std::vector<std::string> names;
  for (const FlagRow& row : kFlags)
    if (row.group == group && flags.given.has(row.name)) names.push_back(std::string("--") + row.name);
  return names;
}

void refuse_inapplicable(const Flags& flags, const job::JobSpec& job, platform::PlanCommand command,
                         std::optional<platform::Platform> chosen) {
  for (const std::string& name : flags.given.names())
    if (std::optional<std::string> why = platform::refusal(name, command, chosen)) throw UsageError(*why);
  // Two switches shape one format's document only.
  if (flags.given.has("all-candidates") && flags.format != "json")
    throw UsageError("--all-candidates lists the candidates in --format json; give it with --format json");
  if (flags.given.has("emr-fleets") && flags.format != "emr-json")
    throw UsageError(
        "--emr-fleets writes instance fleets in --format emr-json's cluster; give it with --format "
        "emr-json");
  if (chosen && !flags.positional.empty())
    if (std::optional<std::string> why = platform::spec_layout_refusal(job, command, *chosen))
      throw UsageError(flags.positional.front() + ": " + *why);
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
    flags.has_submit_args = true;
    flags.submit_args.assign(dashes + 1, args.end());
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