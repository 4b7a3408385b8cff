#include "sparkfit/review/request.hpp"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "sparkfit/platform/requests.hpp"
#include "sparkfit/search/planning.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/file.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::review {
namespace {

Documents documents_of(const units::Given& given, const std::optional<std::vector<std::string>>& submit_args) {
  return {given.text("emr-cluster"), given.text("emr-config"), given.text("conf-file"),      given.text("submit-file"),
          given.text("glue-job"),    given.text("k8s-app"),    given.text("serverless-job"), submit_args};
}

std::optional<rules::Severity> fail_on_of(const units::Given& given) {
  const std::optional<std::string> word = given.text("fail-on");
  if (!word) return std::nullopt;
  static const std::vector<std::string> kWords = {"error", "warning", "info", "style"};
  if (std::find(kWords.begin(), kWords.end(), *word) == kWords.end())
    throw UsageError("--fail-on: unknown severity '" + *word + "'" + text::did_you_mean(*word, kWords) +
                     "; expected error, warning, info or style");
  return rules::parse_severity(*word);
}

// The settings file's inputs the review takes: none when the command line describes the cluster
// (a cluster flag, --emr-cluster or a job spec) or hands over one of its own (--glue-job,
// --serverless-job); only the nodes (--instance, --nodes) for a SparkApplication; never one the
// command line gives itself.
std::vector<ConfigInput> config_inputs_used(const units::Given& given, const std::optional<std::string>& spec_file,
                                            const std::vector<std::string>& cluster_flags, const Config& config) {
  if (given.has("glue-job") || given.has("serverless-job")) return {};
  const bool own_cluster = !cluster_flags.empty() || given.has("emr-cluster") || spec_file;
  const std::vector<std::string> versions = {"spark-version", "java-version"};
  std::vector<ConfigInput> used;
  for (const ConfigInput& input : config.cluster) {
    const bool is_version = std::find(versions.begin(), versions.end(), input.name) != versions.end();
    if (given.has(input.name) || (!is_version && own_cluster)) continue;
    if (given.has("k8s-app") && input.name != "instance" && input.name != "nodes") continue;
    used.push_back(input);
  }
  return used;
}

// An error in a value the settings file gave ("--nodes: ...") is reported at that value.
[[noreturn]] void rethrow_at_config(const Error& error, const std::vector<ConfigInput>& used) {
  const auto* input_error = dynamic_cast<const InputError*>(&error);
  const std::string message = input_error ? input_error->message() : std::string(error.what());
  for (const ConfigInput& input : used) {
    const std::string flag = "--" + input.name;
    const std::size_t at = message.find(flag);
    if (at == std::string::npos) continue;
    const std::size_t end = at + flag.size();
    if (end < message.size() && (std::isalnum(static_cast<unsigned char>(message[end])) || message[end] == '-'))
      continue;  // --nodes is not --nodes-file
    std::string key = input.name;
    std::replace(key.begin(), key.end(), '-', '_');
    throw InputError(input.where,
                     message.substr(0, at) + "cluster." + key + " (as " + flag + ")" + message.substr(end));
  }
  throw;
}

Asked asked_from(const units::Given& given, const std::optional<std::vector<std::string>>& submit_args,
                 const std::optional<std::string>& spec_file, const std::vector<std::string>& cluster_flags);

}  // namespace

Asked asked_of(const units::Given& given, const std::optional<std::vector<std::string>>& submit_args,
               const std::optional<std::string>& spec_file, const std::vector<std::string>& cluster_flags,
               const Config& config) {
  const std::vector<ConfigInput> used = config_inputs_used(given, spec_file, cluster_flags, config);
  if (used.empty()) return asked_from(given, submit_args, spec_file, cluster_flags);
  units::Given merged = given;
  std::vector<std::string> flags = cluster_flags;
  const std::vector<std::string>& cluster_names = config_cluster_inputs();
  for (const ConfigInput& input : used) {
    merged.add(input.name, input.value);
    // --spark-version and --java-version are not cluster flags, though the file's cluster gives them.
    if (input.name != "spark-version" && input.name != "java-version" &&
        std::find(cluster_names.begin(), cluster_names.end(), input.name) != cluster_names.end())
      flags.push_back("--" + input.name);
  }
  try {
    return asked_from(merged, submit_args, spec_file, flags);
  } catch (const Error& error) {
    rethrow_at_config(error, used);
  }
}

namespace {

Asked asked_from(const units::Given& given, const std::optional<std::vector<std::string>>& submit_args,
                 const std::optional<std::string>& spec_file, const std::vector<std::string>& cluster_flags) {
  Asked asked;
  Request& request = asked.request;
  request.documents = documents_of(given, submit_args);
  check_inputs({request.documents, given.text("platform"), cluster_flags});
  asked.fail_on = fail_on_of(given);
  request.spark_version = given.convert("spark-version", parse_spark_version);
  request.java_version = given.convert("java-version", parse_java_version);
  request.job = search::job_from(given, spec_file, &request.has_work);
  if (given.has("k8s-app"))
    request.cluster = platform::node_request(given);
  else if (!given.has("glue-job") && !given.has("serverless-job"))
    request.cluster = platform::cluster_request(given);
  if (const std::optional<std::string> calculator = given.text("yarn-resource-calculator"))
    request.calculator = job::parse_resource_calculator(*calculator);
  return asked;
}

}  // namespace

Config config_of(const units::Given& given, const std::vector<rules::Rule>& rules) {
  const std::optional<std::string> named = given.text("config");
  const std::string file = named.value_or(".sparkfit.yaml");
  if (!named && !std::filesystem::exists(file)) return {};
  return parse_config(read_whole_file(file, "--config"), file, rule_ids(rules));
}

rules::Severity fail_threshold(const Asked& asked, const Config& config) {
  return asked.fail_on.value_or(config.fail_on.value_or(rules::Severity::warning));
}

}  // namespace sparkfit::review
