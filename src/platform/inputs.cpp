// The table of inputs by command and platform. Each row was checked by walking it
// (tests/cli/flag_table_test.cpp): where a row says an input applies, giving it changes the answer;
// where it does not, the command refuses it with the row's words.
#include "sparkfit/platform/inputs.hpp"

#include <algorithm>
#include <utility>

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

struct InputRow {
  const char* name;
  // Where the input applies, for explain, predict and recommend.
  const char* explain;
  const char* predict;
  const char* recommend;
  // What the input is for, completing "--name ...": the refusal's reason.
  const char* purpose;
};

constexpr const char* kAll = "ECYGSK";
constexpr const char* kPriced = "ECGSK";  // a self-managed YARN cluster has no price

const InputRow kInputs[] = {
    // The cluster.
    {"instance", "EC", "ECK", "ECK", "names the EC2 type of the worker nodes"},
    {"nodes", "ECY", "ECYK", "ECYK", "counts the worker nodes"},
    {"primary-instance", "", "E", "E", "prices the EMR primary node"},
    {"node-cores", "Y", "Y", "Y", "describes a self-managed YARN node"},
    {"node-memory", "Y", "Y", "Y", "describes a self-managed YARN node"},
    {"reserve-cores", "ECY", "ECY", "ECY", "keeps cores of each YARN node back from YARN"},
    {"reserve-memory", "Y", "Y", "Y",
     "keeps memory of a self-managed YARN node back (on EMR the catalog has YARN's memory per instance type)"},
    {"yarn-resource-calculator", "ECY", "ECY", "ECY", "sets how YARN counts a container's resources"},
    {"yarn-min-allocation", "ECY", "ECY", "ECY", "sets YARN's container rounding step"},
    {"region", "", kPriced, kPriced, "names the AWS region whose prices apply"},
    {"market", "", "EC", "EC", "prices the EC2 nodes on demand or as spot"},
    {"emr-release", "E", "E", "E", "names the EMR release, whose YARN memory and defaults apply"},
    // The executors and the driver.
    {"num-executors", "ECY", "ECYSK", "ECYSK", "sets spark.executor.instances"},
    {"executor-cores", "ECY", "ECYSK", "ECYSK", "sets spark.executor.cores"},
    {"executor-memory", "ECY", "ECYSK", "ECYSK", "sets spark.executor.memory"},
    {"memory-overhead", "ECY", "ECYSK", "ECYSK", "sets spark.executor.memoryOverhead"},
    {"overhead-factor", "ECY", "ECYSK", "ECYSK", "sets spark.executor.memoryOverheadFactor"},
    {"heap-from-container", "ECY", "ECY", "ECY", "derives the heap from a YARN container"},
    {"deploy-mode", "ECY", "ECY", "ECY", "places the driver in a YARN container or on the submitting host"},
    {"driver-memory", "ECY", "ECY", "ECY", "sizes the driver's YARN container"},
    {"driver-cores", "ECY", "ECY", "ECY", "sizes the driver's YARN container"},
    // The work.
    {"input", "ECY", kAll, kAll, "sizes the input"},
    {"files", "ECY", kAll, kAll, "counts the input files"},
    {"file-format", "ECY", kAll, kAll, "names the input's format"},
    {"compression", "ECY", kAll, kAll, "names the input's codec"},
    {"workload", "ECY", kAll, kAll, "names the job's stages"},
    {"iterations", "", kAll, kAll, "repeats the job's iterative stages, which explain does not time (predict does)"},
    {"language", "ECY", "K", "K",
     "sets the executors' language, which the model's runtime does not depend on (it changes explain's memory "
     "notes and the Kubernetes pods' overhead)"},
    {"partitions", "ECY", "", "", "picks the stage explain describes; predict and recommend take --shuffle-partitions"},
    {"shuffle-partitions", "ECY", kAll, kAll, "sets spark.sql.shuffle.partitions"},
    {"from-eventlog", "ECY", kAll, kAll, "derives the work from a run's event log"},
    // AWS Glue.
    {"worker-type", "", "G", "G", "chooses AWS Glue worker types"},
    {"workers", "", "G", "G", "counts AWS Glue workers"},
    {"glue-version", "", "G", "G", "names the AWS Glue version"},
    {"execution-class", "", "G", "G", "sets the AWS Glue execution class"},
    {"auto-scaling", "", "G", "G", "turns on AWS Glue Auto Scaling"},
    {"glue-reader", "", "G", "G", "names how AWS Glue reads the input"},
    // The objective and the prices.
    {"minimize", "", "", kAll, "chooses what recommend's search minimizes; predict evaluates the one layout given"},
    {"deadline", "", kAll, kAll, "bounds the runtime, which explain does not predict"},
    {"budget", "", kPriced, kPriced, "bounds the cost (explain predicts none, and a yarn cluster has no price)"},
    {"spot-discount", "", "EC", "EC", "prices spot EC2 nodes"},
    {"price-factor", "", kPriced, kPriced, "scales the us-east-1 prices"},
    {"savings-plan-discount", "", "ECK", "ECK", "discounts EC2 prices"},
    {"all-candidates", "", "GSK", kAll, "lists every evaluated candidate"},
    {"dynamic-allocation", "", "", "ECY", "keeps YARN's dynamic allocation in the emitted settings"},
    {"emr-fleets", "", "", "E", "writes EMR instance fleets"},
};

const InputRow* find_row(std::string_view input) {
  for (const InputRow& row : kInputs)
    if (input == row.name) return &row;
  return nullptr;
}

const char* where(const InputRow& row, PlanCommand command) {
  switch (command) {
    case PlanCommand::explain: return row.explain;
    case PlanCommand::predict: return row.predict;
    case PlanCommand::recommend: return row.recommend;
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
  if (nowhere) return flag + " does not apply to " + verb + ": it " + row->purpose;
  return flag + " does not apply to " + verb + " on " + std::string(to_string(*platform)) + ": it " + row->purpose +
         ", and " + described_by(*platform);
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

bool is_platform_input(std::string_view input) { return find_row(input) != nullptr; }

std::vector<std::string_view> platform_inputs() {
  std::vector<std::string_view> names;
  for (const InputRow& row : kInputs) names.emplace_back(row.name);
  return names;
}

}  // namespace sparkfit::platform
