#include "sparkfit/review/inputs.hpp"

#include <algorithm>
#include <charconv>

namespace sparkfit::review {

std::optional<job::ResourceCalculator> calculator_in(const std::vector<spark_conf::Classification>& classifications) {
  for (const spark_conf::Classification& classification : classifications) {
    if (classification.name == "capacity-scheduler")
      for (const spark_conf::Setting& setting : classification.properties)
        if (setting.key == "yarn.scheduler.capacity.resource-calculator")
          return setting.value.find("Dominant") != std::string::npos ? job::ResourceCalculator::dominant
                                                                     : job::ResourceCalculator::memory;
    if (auto nested = calculator_in(classification.configurations)) return nested;
  }
  return std::nullopt;
}

void add_emr_config(Input& input, const spark_conf::EmrConfig& config,
                    std::optional<job::ResourceCalculator>& calculator) {
  input.settings.insert(input.settings.end(), config.spark_defaults.begin(), config.spark_defaults.end());
  input.yarn_site.insert(input.yarn_site.end(), config.yarn_site.begin(), config.yarn_site.end());
  if (config.maximize_resource_allocation) {
    input.maximize_resource_allocation = config.maximize_resource_allocation;
    input.maximize_where = config.maximize_where;
  }
  if (auto named = calculator_in(config.classifications)) calculator = named;
}

void add_submit(Input& input, const spark_conf::SubmitCommand& command) {
  input.settings.insert(input.settings.end(), command.settings.begin(), command.settings.end());
  if (!command.application.empty()) {
    input.application = command.application;
    input.application_where = command.application_where;
  }
}

void add_glue_job(Input& input, spark_conf::GlueJob job, const catalog::GlueFacts& glue) {
  input.glue_job = std::move(job);
  input.glue_catalog = &glue;
  input.settings = input.glue_job->settings;
  // Spark's version decides defaults such as AQE; the Glue version fixes it.
  const std::string version = input.glue_job->glue_version.empty() ? "0.9" : input.glue_job->glue_version;
  for (const catalog::GlueVersion& known : glue.versions)
    if (known.version == version && !known.spark_version.empty()) input.spark_version = known.spark_version;
}

void add_k8s_app(Input& input, spark_conf::SparkApplication app) {
  input.k8s_app = std::move(app);
  input.settings = input.k8s_app->defaults;
  input.settings.insert(input.settings.end(), input.k8s_app->settings.begin(), input.k8s_app->settings.end());
  input.application = input.k8s_app->application;
  input.application_where = input.k8s_app->where_application;
  input.spark_version = input.k8s_app->spark_version;
}

void apply_yarn_site(platform::Cluster& cluster, const std::vector<spark_conf::Setting>& yarn_site) {
  static const std::vector<std::string> kSizing = {
      "yarn.nodemanager.resource.memory-mb", "yarn.scheduler.maximum-allocation-mb",
      "yarn.scheduler.minimum-allocation-mb", "yarn.nodemanager.resource.cpu-vcores"};
  for (const spark_conf::Setting& setting : yarn_site) {
    if (std::find(kSizing.begin(), kSizing.end(), setting.key) == kSizing.end()) continue;
    const std::string& text = setting.value;
    std::int64_t value = 0;
    auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (error != std::errc() || end != text.data() + text.size() || value <= 0)
      throw InputError(setting.where, setting.key + " must be a positive whole number, got \"" + text + "\"");
    if (setting.key == "yarn.nodemanager.resource.memory-mb")
      cluster.node.yarn_memory_mib = value;
    else if (setting.key == "yarn.scheduler.maximum-allocation-mb")
      cluster.node.yarn_max_allocation_mib = value;
    else if (setting.key == "yarn.scheduler.minimum-allocation-mb")
      cluster.node.yarn_min_allocation_mib = value;
    else
      cluster.node.yarn_vcores = static_cast<int>(std::min<std::int64_t>(value, 100000));
  }
}

}  // namespace sparkfit::review
