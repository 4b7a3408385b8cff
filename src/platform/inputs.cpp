// The table of every command's inputs, with where each planning input applies by command and
// platform. Each planning row was checked by walking it (tests/cli/flag_table_test.cpp): where a row
// says an input applies, giving it changes the answer; where it does not, the command refuses it
// with the row's words.
#include "sparkfit/platform/inputs.hpp"

#include <algorithm>
#include <utility>

#include "sparkfit/util/error.hpp"

namespace sparkfit::platform {
namespace {

// The platforms an input applies to, one letter each: E emr, C ec2, Y yarn, G glue,
// S emr-serverless, K kubernetes. "" is none.
constexpr char letter(Platform platform) {
  switch (platform) {
    case Platform::emr: return 'E';
    case Platform::ec2: return 'C';
    case Platform::yarn: return 'Y';
    case Platform::glue: return 'G';
    case Platform::emr_serverless: return 'S';
    case Platform::kubernetes: return 'K';
  }
  return '?';
}

// Where a planning input applies, for explain, predict and recommend, and what it is for,
// completing "--name ...": the refusal's reason. Null for an input of another command.
struct Applies {
  const char* explain;
  const char* predict;
  const char* recommend;
  const char* purpose;
};

constexpr Applies kNotPlanning{nullptr, nullptr, nullptr, nullptr};

// One input of any command, described once: its --help group and name, whether it is a switch,
// its --help line, and where it applies.
struct InputRow {
  InputGroup group;
  const char* name;
  bool is_switch;
  const char* help;
  Applies applies;
};

constexpr bool kText = false;
constexpr bool kSwitch = true;

constexpr const char* kAll = "ECYGSK";
constexpr const char* kPriced = "ECGSK";  // a self-managed YARN cluster has no price

const InputRow kInputs[] = {
    // The cluster.
    {InputGroup::cluster, "platform", kText,
     "emr | ec2 | yarn | glue | emr-serverless | kubernetes; recommend also all; review --k8s-app: kubernetes",
     kNotPlanning},
    {InputGroup::cluster,
     "instance",
     kText,
     "EC2 instance type of the worker nodes, e.g. r5.4xlarge",
     {"EC", "ECK", "ECK", "names the EC2 type of the worker nodes"}},
    {InputGroup::cluster,
     "nodes",
     kText,
     "worker nodes that run executors (EMR core + task nodes)",
     {"ECY", "ECYK", "ECYK", "counts the worker nodes"}},
    {InputGroup::cluster,
     "primary-instance",
     kText,
     "EMR primary node type (priced separately)",
     {"", "E", "E", "prices the EMR primary node"}},
    {InputGroup::cluster,
     "node-cores",
     kText,
     "yarn: cores per node",
     {"Y", "Y", "Y", "describes a self-managed YARN node"}},
    {InputGroup::cluster,
     "node-memory",
     kText,
     "yarn: memory per node, e.g. 64g",
     {"Y", "Y", "Y", "describes a self-managed YARN node"}},
    {InputGroup::cluster,
     "reserve-cores",
     kText,
     "cores per node kept for the OS and daemons (default 0 on EMR and EC2, 1 on yarn)",
     {"ECY", "ECY", "ECY", "keeps cores of each YARN node back from YARN"}},
    {InputGroup::cluster,
     "reserve-memory",
     kText,
     "yarn: memory per node kept back (default 1g)",
     {"Y", "Y", "Y",
      "keeps memory of a self-managed YARN node back (on EMR the catalog has YARN's memory per instance type)"}},
    {InputGroup::cluster,
     "yarn-resource-calculator",
     kText,
     "memory (EMR/Hadoop default: cores oversubscribe) | dominant (vcores enforced)",
     {"ECY", "ECY", "ECY", "sets how YARN counts a container's resources"}},
    {InputGroup::cluster,
     "yarn-min-allocation",
     kText,
     "YARN's container rounding step (default: the catalog's EMR value, 1024m for yarn)",
     {"ECY", "ECY", "ECY", "sets YARN's container rounding step"}},
    {InputGroup::cluster,
     "region",
     kText,
     "AWS region (prices are us-east-1; see --price-factor)",
     {"", kPriced, kPriced, "names the AWS region whose prices apply"}},
    {InputGroup::cluster,
     "market",
     kText,
     "on-demand | spot",
     {"", "EC", "EC", "prices the EC2 nodes on demand or as spot"}},
    {InputGroup::cluster,
     "emr-release",
     kText,
     "EMR release label, e.g. emr-7.1.0",
     {"E", "E", "E", "names the EMR release, whose YARN memory and defaults apply"}},
    // The executors and the driver.
    {InputGroup::layout,
     "num-executors",
     kText,
     "executors to request (default: as many as fit)",
     {"ECY", "ECYSK", "ECYSK", "sets spark.executor.instances"}},
    {InputGroup::layout,
     "executor-cores",
     kText,
     "cores per executor (default: 3-5, heap < 32 GiB, fewest idle)",
     {"ECY", "ECYSK", "ECYSK", "sets spark.executor.cores"}},
    {InputGroup::layout,
     "executor-memory",
     kText,
     "executor heap; bare number = MiB (default: fill the node)",
     {"ECY", "ECYSK", "ECYSK", "sets spark.executor.memory"}},
    {InputGroup::layout,
     "memory-overhead",
     kText,
     "spark.executor.memoryOverhead; bare number = MiB",
     {"ECY", "ECYSK", "ECYSK", "sets spark.executor.memoryOverhead"}},
    {InputGroup::layout,
     "overhead-factor",
     kText,
     "overhead / heap (default: 0.1875 on EMR, else 0.10)",
     {"ECY", "ECYSK", "ECYSK", "sets spark.executor.memoryOverheadFactor"}},
    {InputGroup::layout,
     "heap-from-container",
     kText,
     "divide (heap = container / (1 + f), default) | subtract (heap = container x (1 - f))",
     {"ECY", "ECY", "ECY", "derives the heap from a YARN container"}},
    {InputGroup::layout,
     "deploy-mode",
     kText,
     "cluster (default) | client",
     {"ECY", "ECY", "ECY", "places the driver in a YARN container or on the submitting host"}},
    {InputGroup::layout,
     "driver-memory",
     kText,
     "driver heap (default 1g)",
     {"ECY", "ECY", "ECY", "sizes the driver's YARN container"}},
    {InputGroup::layout,
     "driver-cores",
     kText,
     "driver cores (default 1)",
     {"ECY", "ECY", "ECY", "sizes the driver's YARN container"}},
    // The work.
    {InputGroup::work,
     "input",
     kText,
     "input size, binary units: 500GB = 500 GiB; bare number = bytes",
     {"ECY", kAll, kAll, "sizes the input"}},
    {InputGroup::work, "files", kText, "number of input files", {"ECY", kAll, kAll, "counts the input files"}},
    {InputGroup::work,
     "file-format",
     kText,
     "parquet | orc | csv | json | avro | text",
     {"ECY", kAll, kAll, "names the input's format"}},
    {InputGroup::work,
     "compression",
     kText,
     "snappy | gzip | zstd | lz4 | bzip2 | none",
     {"ECY", kAll, kAll, "names the input's codec"}},
    {InputGroup::work,
     "workload",
     kText,
     "etl | aggregation | join | sort | iterative-ml | graph | sql-analytics",
     {"ECY", kAll, kAll, "names the job's stages"}},
    {InputGroup::work,
     "iterations",
     kText,
     "iterations of iterative-ml and graph jobs",
     {"", kAll, kAll, "repeats the job's iterative stages, which explain does not time (predict does)"}},
    {InputGroup::work,
     "language",
     kText,
     "scala | java | python | sql",
     {"ECY", "K", "K",
      "sets the executors' language, which the model's runtime does not depend on (it changes explain's memory notes "
      "and the Kubernetes pods' overhead)"}},
    {InputGroup::work,
     "partitions",
     kText,
     "tasks of the stage being explained (default: the split rule)",
     {"ECY", "", "", "picks the stage explain describes; predict and recommend take --shuffle-partitions"}},
    {InputGroup::work,
     "shuffle-partitions",
     kText,
     "spark.sql.shuffle.partitions (default 200)",
     {"ECY", kAll, kAll, "sets spark.sql.shuffle.partitions"}},
    {InputGroup::work,
     "from-eventlog",
     kText,
     "the work, derived from the Spark event log of a run of it",
     {"ECY", kAll, kAll, "derives the work from a run's event log"}},
    // AWS Glue.
    {InputGroup::glue,
     "worker-type",
     kText,
     "Glue worker types to consider, e.g. G.1X or G.1X,G.2X",
     {"", "G", "G", "chooses AWS Glue worker types"}},
    {InputGroup::glue,
     "workers",
     kText,
     "Glue workers: N, a range 2..100 or a list",
     {"", "G", "G", "counts AWS Glue workers"}},
    {InputGroup::glue,
     "glue-version",
     kText,
     "Glue version (default 4.0)",
     {"", "G", "G", "names the AWS Glue version"}},
    {InputGroup::glue,
     "execution-class",
     kText,
     "standard (default) | flex (cheaper, start-delayed)",
     {"", "G", "G", "sets the AWS Glue execution class"}},
    {InputGroup::glue,
     "auto-scaling",
     kSwitch,
     "Glue Auto Scaling: --workers is the maximum",
     {"", "G", "G", "turns on AWS Glue Auto Scaling"}},
    {InputGroup::glue,
     "glue-reader",
     kText,
     "dynamicframe (default: one partition per S3 file below 50,000 files) | dataframe (Spark's split rule)",
     {"", "G", "G", "names how AWS Glue reads the input"}},
    // The objective and the prices.
    {InputGroup::objective,
     "minimize",
     kText,
     "cost (default) | runtime",
     {"", "", kAll, "chooses what recommend's search minimizes; predict evaluates the one layout given"}},
    {InputGroup::objective,
     "deadline",
     kText,
     "longest acceptable runtime, e.g. 45m",
     {"", kAll, kAll, "bounds the runtime, which explain does not predict"}},
    {InputGroup::objective,
     "budget",
     kText,
     "most you will pay for a run, e.g. $50",
     {"", kPriced, kPriced, "bounds the cost (explain predicts none, and a yarn cluster has no price)"}},
    {InputGroup::objective,
     "spot-discount",
     kText,
     "spot price = on-demand x (1 - F) with --market spot (default 0.6)",
     {"", "EC", "EC", "prices spot EC2 nodes"}},
    {InputGroup::objective,
     "price-factor",
     kText,
     "region price relative to us-east-1 (default 1)",
     {"", kPriced, kPriced, "scales the us-east-1 prices"}},
    {InputGroup::objective,
     "savings-plan-discount",
     kText,
     "committed-use discount on EC2, 0..1 (default 0)",
     {"", "ECK", "ECK", "discounts EC2 prices"}},
    {InputGroup::objective,
     "all-candidates",
     kSwitch,
     "json: list every evaluated candidate",
     {"", "GSK", kAll, "lists every evaluated candidate"}},
    {InputGroup::objective,
     "suggest-runs",
     kText,
     "recommend on emr, ec2, yarn, glue or kubernetes: the N unmeasured clusters worth measuring next (text, json)",
     {"", "", "ECYGK", "names the next runs to measure among the searched clusters"}},
    // What recommend writes for EMR.
    {InputGroup::emr_output,
     "dynamic-allocation",
     kSwitch,
     "keep dynamic allocation (EMR's default) with min/max executors and a Managed Scaling policy",
     {"", "", "ECY", "keeps YARN's dynamic allocation in the emitted settings"}},
    {InputGroup::emr_output,
     "emr-fleets",
     kSwitch,
     "emr-json: instance fleets instead of instance groups",
     {"", "", "E", "writes EMR instance fleets"}},
    // review's documents and judgement; not planning inputs.
    {InputGroup::review, "fail-on", kText, "exit 1 on findings at or above: error | warning (default) | info | style",
     kNotPlanning},
    {InputGroup::review, "submit-file", kText, "a file holding a spark-submit command, as pasted", kNotPlanning},
    {InputGroup::review, "conf-file", kText, "a spark-defaults.conf file", kNotPlanning},
    {InputGroup::review, "emr-config", kText, "EMR configurations JSON (classifications)", kNotPlanning},
    {InputGroup::review, "emr-cluster", kText,
     "EMR cluster description (aws emr describe-cluster, or instance groups/fleets)", kNotPlanning},
    {InputGroup::review, "glue-job", kText, "Glue job definition JSON (aws glue get-job output); reviewed on its own",
     kNotPlanning},
    {InputGroup::review, "k8s-app", kText,
     "Spark Operator SparkApplication YAML, on the Kubernetes nodes of --instance and --nodes; reviewed on its own",
     kNotPlanning},
    {InputGroup::review, "serverless-job", kText,
     "EMR Serverless job run JSON (start-job-run input, or get-job-run output); reviewed on its own", kNotPlanning},
    {InputGroup::review, "config", kText, "settings file (default: ./.sparkfit.yaml when present)", kNotPlanning},
    {InputGroup::review, "spark-version", kText,
     "Spark version the job runs on, e.g. 3.5.1 (default: the EMR release's)", kNotPlanning},
    {InputGroup::review, "java-version", kText,
     "Java major version of the executors, e.g. 17 (default: the EMR release's)", kNotPlanning},
    // analyze's; not planning inputs.
    {InputGroup::analyze, "what-if-executors", kText,
     "replay the run on N executors (or a list 4,8,16, or a range 2..10) of the same cores", kNotPlanning},
    {InputGroup::analyze, "emit-job", kText, "write a job spec derived from the run to FILE", kNotPlanning},
    {InputGroup::analyze, "jobs", kText, "several logs: read N at a time (default: the machine's cores)", kNotPlanning},
    // catalog list's filters; not planning inputs.
    {InputGroup::catalog_filters, "family", kText, "only this family, e.g. r5", kNotPlanning},
    {InputGroup::catalog_filters, "min-memory", kText, "at least this much RAM, e.g. 64g", kNotPlanning},
    {InputGroup::catalog_filters, "arch", kText, "x86_64 | arm64", kNotPlanning},
    {InputGroup::catalog_filters, "emr-only", kSwitch, "only types Amazon EMR offers", kNotPlanning},
};

bool is_planning(const InputRow& row) { return row.applies.purpose != nullptr; }

// The planning input's row; null for another command's input, or a name the table lacks.
const InputRow* find_row(std::string_view input) {
  for (const InputRow& row : kInputs)
    if (input == row.name) return is_planning(row) ? &row : nullptr;
  return nullptr;
}

const char* where(const InputRow& row, PlanCommand command) {
  switch (command) {
    case PlanCommand::explain: return row.applies.explain;
    case PlanCommand::predict: return row.applies.predict;
    case PlanCommand::recommend: return row.applies.recommend;
  }
  return "";
}

// What `platform` is described by instead, for the refusal's second half.
const char* described_by(Platform platform) {
  switch (platform) {
    case Platform::emr: return "an EMR cluster is --instance and --nodes (its YARN memory comes from the catalog)";
    case Platform::ec2: return "a self-managed EC2 cluster is --instance and --nodes";
    case Platform::yarn: return "a self-managed YARN cluster is --nodes, --node-cores and --node-memory, unpriced";
    case Platform::glue: return "a Glue run is --worker-type and --workers";
    case Platform::emr_serverless:
      return "EMR Serverless workers are sized by --executor-cores and --executor-memory, and counted by "
             "--num-executors";
    case Platform::kubernetes: return "Kubernetes nodes are --instance and --nodes, and pods the executor flags";
  }
  return "";
}

}  // namespace

std::string_view to_string(PlanCommand command) {
  switch (command) {
    case PlanCommand::explain: return "explain";
    case PlanCommand::predict: return "predict";
    case PlanCommand::recommend: return "recommend";
  }
  return "";
}

bool applies(std::string_view input, PlanCommand command, Platform platform) {
  const InputRow* row = find_row(input);
  if (!row) return true;
  return std::string_view(where(*row, command)).find(letter(platform)) != std::string_view::npos;
}

std::optional<std::string> refusal(std::string_view input, PlanCommand command, std::optional<Platform> platform) {
  const InputRow* row = find_row(input);
  if (!row) return std::nullopt;
  const bool nowhere = *where(*row, command) == '\0';
  if (platform ? applies(input, command, *platform) : !nowhere) return std::nullopt;
  const std::string flag = "--" + std::string(input);
  const std::string verb(to_string(command));
  if (nowhere) return flag + " does not apply to " + verb + ": it " + row->applies.purpose;
  return flag + " does not apply to " + verb + " on " + std::string(to_string(*platform)) + ": it " +
         row->applies.purpose + ", and " + described_by(*platform);
}

std::optional<std::string> spec_layout_refusal(const job::JobSpec& job, PlanCommand command, Platform platform) {
  const job::LayoutChoices& l = job.layout;
  // The spec's keys, in the order docs/job-spec.md lists them, with their flags' names.
  const std::pair<bool, const char*> keys[] = {
      {l.num_executors.has_value(), "num-executors"},
      {l.executor_cores.has_value(), "executor-cores"},
      {l.executor_memory_mib.has_value(), "executor-memory"},
      {l.memory_overhead_mib.has_value(), "memory-overhead"},
      {l.overhead_factor.has_value(), "overhead-factor"},
      {l.heap_from_container.has_value(), "heap-from-container"},
      {l.deploy_mode.has_value(), "deploy-mode"},
      {l.driver_memory_mib.has_value(), "driver-memory"},
      {l.driver_cores.has_value(), "driver-cores"},
      {l.partitions.has_value(), "partitions"},
      {l.shuffle_partitions.has_value(), "shuffle-partitions"},
  };
  for (const auto& [given, name] : keys) {
    if (!given) continue;
    std::optional<std::string> why = refusal(name, command, platform);
    if (!why) continue;
    std::string key(name);
    std::replace(key.begin(), key.end(), '-', '_');
    // "--executor-cores does not apply ..." becomes "layout.executor_cores in the job spec does not apply ...".
    return "layout." + key + " in the job spec" + why->substr(2 + std::string_view(name).size());
  }
  return std::nullopt;
}

void refuse_inapplicable(const PlanInputs& inputs, PlanCommand command, std::optional<Platform> chosen) {
  for (const std::string& name : inputs.given.names())
    if (std::optional<std::string> why = refusal(name, command, chosen)) throw UsageError(*why);
  // Two switches shape one format's document only.
  if (inputs.given.has("all-candidates") && inputs.format != "json")
    throw UsageError("--all-candidates lists the candidates in --format json; give it with --format json");
  if (inputs.given.has("suggest-runs") && inputs.format != "text" && inputs.format != "json")
    throw UsageError("--suggest-runs lists the runs to measure in --format text or json; give it with one of those");
  if (inputs.given.has("emr-fleets") && inputs.format != "emr-json")
    throw UsageError(
        "--emr-fleets writes instance fleets in --format emr-json's cluster; give it with --format "
        "emr-json");
  if (chosen && inputs.spec_file)
    if (std::optional<std::string> why = spec_layout_refusal(inputs.job, command, *chosen))
      throw UsageError(*inputs.spec_file + ": " + *why);
}

bool is_platform_input(std::string_view input) { return find_row(input) != nullptr; }

std::vector<std::string_view> platform_inputs() {
  std::vector<std::string_view> names;
  for (const InputRow& row : kInputs)
    if (is_planning(row)) names.emplace_back(row.name);
  return names;
}

std::string_view caption(InputGroup group) {
  switch (group) {
    case InputGroup::cluster: return "Cluster";
    case InputGroup::layout: return "Layout";
    case InputGroup::work: return "Work";
    case InputGroup::glue: return "AWS Glue";
    case InputGroup::objective: return "Objective and prices";
    case InputGroup::emr_output: return "EMR output";
    case InputGroup::review: return "Review";
    case InputGroup::analyze: return "Analyze";
    case InputGroup::catalog_filters: return "Filters";
  }
  return "";
}

std::vector<InputHelp> command_inputs() {
  std::vector<InputHelp> inputs;
  for (const InputRow& row : kInputs) inputs.push_back({row.group, row.name, row.is_switch, row.help});
  return inputs;
}

}  // namespace sparkfit::platform
