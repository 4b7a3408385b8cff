#include "sparkfit/review/request.hpp"

#include <algorithm>
#include <filesystem>

#include "sparkfit/platform/requests.hpp"
#include "sparkfit/search/planning.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/file.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::review {
namespace {

Documents documents_of(const units::Given& given, const std::optional<std::vector<std::string>>& submit_args) {
  return {given.text("emr-cluster"),
          given.text("emr-config"),
          given.text("conf-file"),
          given.text("submit-file"),
          given.text("glue-job"),
          given.text("k8s-app"),
          submit_args};
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

}  // namespace

Asked asked_of(const units::Given& given, const std::optional<std::vector<std::string>>& submit_args,
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
  else if (!given.has("glue-job"))
    request.cluster = platform::cluster_request(given);
  if (const std::optional<std::string> calculator = given.text("yarn-resource-calculator"))
    request.calculator = job::parse_resource_calculator(*calculator);
  return asked;
}

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
