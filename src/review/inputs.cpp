#include "sparkfit/review/inputs.hpp"

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <initializer_list>
#include <regex>

#include "sparkfit/spark_conf/spark_conf.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/file.hpp"
#include "sparkfit/util/text.hpp"

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

void add_serverless_job(Input& input, ServerlessJob job, const catalog::Catalog& catalog) {
  input.serverless_job = std::move(job);
  input.serverless_catalog = &catalog.serverless;
  input.settings = input.serverless_job->settings;
  const std::string& label = input.serverless_job->release_label;
  if (const catalog::EmrRelease* release = label.empty() ? nullptr : catalog.find_release(label))
    input.spark_version = release->spark_version;
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

namespace {

// What each flag takes, for the message that refuses something else.
constexpr std::string_view kSubmitExpected = "a spark-submit, pyspark, spark-shell or spark-sql command";
constexpr std::string_view kDefaultsExpected =
    "spark-defaults lines: 'spark.key value', 'spark.key=value' or # comments";

// The bytes of a document the user names, refused when they cannot be one: a directory, or a
// file with nothing in it but blanks.
std::string read_document(const std::string& path, const std::string& flag, std::string_view expected) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    throw InputError(flag + ": '" + path + "' is a directory; expected a file holding " + std::string(expected));
  std::string text = read_whole_file(path, flag);
  if (text::trim(text).empty()) throw InputError(flag + ": '" + path + "' is empty; expected " + std::string(expected));
  return text;
}

// A text document holds no NUL or other control character but tabs, line breaks and form feeds:
// the first one is refused at its place.
void require_text(const std::string& text, const std::string& path, const std::string& flag,
                  std::string_view expected) {
  int line = 1, column = 1;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((byte < 0x20 && c != '\t' && c != '\n' && c != '\r' && c != '\f') || byte == 0x7F) {
      char hex[8];
      std::snprintf(hex, sizeof hex, "\\x%02x", static_cast<unsigned>(byte));
      throw InputError(SourceLocation{path, line, column, line_of(text, line)},
                       flag + ": binary data (byte " + hex + "), not a text file; expected " + std::string(expected));
    }
    if (c == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
}

// spark-defaults as Spark reads it accepts any text as `key value` lines; a file that sets no
// Spark key is some other file.
std::vector<spark_conf::Setting> read_spark_defaults(const std::string& path) {
  const std::string text = read_document(path, "--conf-file", kDefaultsExpected);
  require_text(text, path, "--conf-file", kDefaultsExpected);
  std::vector<spark_conf::Setting> settings = spark_conf::parse_spark_defaults(text, path);
  const auto is_spark = [](const spark_conf::Setting& s) { return text::starts_with(s.key, "spark."); };
  if (std::none_of(settings.begin(), settings.end(), is_spark)) {
    if (settings.empty())
      throw InputError("--conf-file: '" + path + "' holds only comments; expected " + std::string(kDefaultsExpected));
    throw InputError(settings.front().where, "--conf-file: not a spark-defaults file: '" + settings.front().key +
                                                 "' is no Spark setting, and no line sets one; expected " +
                                                 std::string(kDefaultsExpected));
  }
  return settings;
}

// recommend --format serverless-json writes the request after a '#' comment line saying how to run
// it: leading comment lines are blanked, so the JSON's lines and columns stay those of the file.
std::string without_leading_comments(std::string text) {
  std::size_t at = 0;
  while (at < text.size()) {
    const std::size_t start = text.find_first_not_of(" \t\r\n", at);
    if (start == std::string::npos || text[start] != '#') break;
    const std::size_t end = std::min(text.find('\n', start), text.size());
    std::fill(text.begin() + static_cast<std::ptrdiff_t>(start), text.begin() + static_cast<std::ptrdiff_t>(end), ' ');
    at = end;
  }
  return text;
}

spark_conf::SubmitCommand read_submit_file(const std::string& path) {
  const std::string text = read_document(path, "--submit-file", kSubmitExpected);
  require_text(text, path, "--submit-file", kSubmitExpected);
  return spark_conf::parse_spark_submit(text, path);
}

// Every document the request names, into `input`; the EMR cluster description, when given, also
// describes the cluster.
std::optional<spark_conf::EmrCluster> read_documents(const Documents& d, const platform::CatalogSource& catalog,
                                                     Input& input, std::optional<job::ResourceCalculator>& calculator) {
  std::optional<spark_conf::EmrCluster> cluster_file;
  if (d.emr_cluster) {
    cluster_file = spark_conf::parse_emr_cluster(
        read_document(*d.emr_cluster, "--emr-cluster", "an EMR cluster description (JSON)"), *d.emr_cluster);
    add_emr_config(input, cluster_file->configurations, calculator);
  }
  if (d.emr_config)
    add_emr_config(input,
                   spark_conf::parse_emr_configurations(
                       read_document(*d.emr_config, "--emr-config", "EMR configurations (JSON)"), *d.emr_config),
                   calculator);
  if (d.conf_file) {
    std::vector<spark_conf::Setting> defaults = read_spark_defaults(*d.conf_file);
    input.settings.insert(input.settings.end(), defaults.begin(), defaults.end());
  }
  if (d.submit_file) add_submit(input, read_submit_file(*d.submit_file));
  if (d.submit_args && d.submit_args->empty())
    throw UsageError("review --: expected " + std::string(kSubmitExpected) + " after '--'");
  if (d.submit_args) add_submit(input, spark_conf::parse_spark_submit_args(*d.submit_args));
  if (d.glue_job)
    add_glue_job(input,
                 spark_conf::parse_glue_job(read_document(*d.glue_job, "--glue-job", "a Glue job (JSON)"), *d.glue_job),
                 catalog().glue);
  if (d.k8s_app)
    add_k8s_app(input, spark_conf::parse_spark_application(
                           read_document(*d.k8s_app, "--k8s-app", "a SparkApplication (YAML)"), *d.k8s_app));
  if (d.serverless_job) {
    const std::string text =
        read_document(*d.serverless_job, "--serverless-job", "an EMR Serverless job run (StartJobRun JSON)");
    add_serverless_job(input, parse_serverless_job(without_leading_comments(text), *d.serverless_job), catalog());
  }
  return cluster_file;
}

// An EMR cluster description names the cluster the request leaves open: its core (else task)
// instance type, its worker nodes and its release.
platform::ClusterRequest with_cluster_file(platform::ClusterRequest request, const spark_conf::EmrCluster& file) {
  if (request.instance || request.node_cores || request.node_memory_mib) return request;
  std::string type = file.core_instance_type();
  if (type.empty()) type = file.task_instance_type();
  if (type.empty()) return request;
  request.instance = type;
  if (!request.nodes) request.nodes = std::max(1, file.core_count() + file.task_count());
  if (!request.emr_release && !file.release_label.empty()) request.emr_release = file.release_label;
  if (!request.platform) request.platform = platform::Platform::emr;
  return request;
}

// The cluster: the request first, then the EMR cluster description, then the job spec.
std::optional<platform::Cluster> review_cluster(const Request& request, const platform::CatalogSource& catalog,
                                                const std::optional<spark_conf::EmrCluster>& cluster_file,
                                                const Input& input,
                                                std::optional<job::ResourceCalculator>& calculator) {
  if (request.documents.k8s_app) {
    // The pods' overhead factor depends on the application's language, so the nodes do too.
    std::optional<platform::KubernetesNodes> nodes =
        platform::kubernetes_nodes_for(catalog, request.cluster, !input.k8s_app->non_jvm());
    if (!nodes) return std::nullopt;
    calculator = nodes->choices.calculator;
    return nodes->cluster;
  }
  if (request.documents.glue_job || request.documents.serverless_job) return std::nullopt;
  return platform::cluster_for(
      catalog, cluster_file ? with_cluster_file(request.cluster, *cluster_file) : request.cluster, request.job);
}

void add_work(const Request& request, const platform::CatalogSource& catalog, const std::filesystem::path& model_file,
              Input& input, WorkModel& model) {
  if (!input.cluster && !input.glue_job && !input.serverless_job)
    throw InputError(
        "a job spec needs a cluster to review against: --instance/--nodes, --emr-cluster or the spec's platform");
  const job::JobSpec& job = request.job;
  model.constants = model::load_constants(model_file);
  input.job = job;
  input.constants = &*model.constants;
  if (job.observations.empty()) return;
  // The spec's observed runs calibrate the model here as they do for predict and recommend.
  model.calibration = calibration::from_observations(catalog(), job, model::plan_job(job, *model.constants),
                                                     model::Settings{}, *model.constants, input.model_notes);
  if (model.calibration->fit.active || !model.calibration->fit.failed_runs.empty())
    input.calibration = &model.calibration->fit;
}

}  // namespace

void assemble(const Request& request, const platform::CatalogSource& catalog, const std::filesystem::path& model_file,
              Input& input, WorkModel& model) {
  std::optional<job::ResourceCalculator> calculator;
  const std::optional<spark_conf::EmrCluster> cluster_file =
      read_documents(request.documents, catalog, input, calculator);
  input.cluster = review_cluster(request, catalog, cluster_file, input, calculator);
  if (input.cluster) apply_yarn_site(*input.cluster, input.yarn_site);
  const job::JobSpec& job = request.job;
  if (request.calculator)
    calculator = request.calculator;
  else if (!calculator && job.yarn && job.yarn->resource_calculator)
    calculator = job.yarn->resource_calculator;
  input.calculator = calculator.value_or(job::ResourceCalculator::memory);
  if (request.has_work) add_work(request, catalog, model_file, input, model);
  if (request.spark_version) input.spark_version = *request.spark_version;
  if (request.java_version) input.java_version = request.java_version;
}

std::string parse_spark_version(const std::string& text) {
  static const std::regex kVersion("[0-9]+\\.[0-9]+(\\.[0-9]+)?");
  if (!std::regex_match(text, kVersion))
    throw InputError("invalid value '" + text + "': expected a version such as 3.5 or 3.5.1");
  return text;
}

int parse_java_version(const std::string& text) {
  const std::int64_t major = units::parse_count(text, "Java version");
  if (major < 5 || major > 100) throw InputError("invalid value '" + text + "': expected 8, 11, 17, 21");
  return static_cast<int>(major);
}

namespace {

bool any_given(const GivenInputs& given, std::initializer_list<const char*> names) {
  return std::any_of(names.begin(), names.end(), [&](const char* name) {
    return std::find(given.cluster_flags.begin(), given.cluster_flags.end(), name) != given.cluster_flags.end();
  });
}

// A Glue job and a SparkApplication carry their own settings and cluster: nothing may be added.
void check_self_contained(const GivenInputs& given, bool spark_inputs) {
  const Documents& d = given.documents;
  if (d.glue_job && spark_inputs)
    throw UsageError(
        "--glue-job is reviewed on its own: Glue takes its Spark settings from the job's --conf argument, "
        "not from spark-submit, spark-defaults or EMR configurations");
  if (d.glue_job && (any_given(given, {"--instance", "--nodes", "--node-cores", "--node-memory"}) ||
                     (given.platform && *given.platform != "glue")))
    throw UsageError(
        "--glue-job: the job's WorkerType and NumberOfWorkers are the cluster; drop --platform, --instance, "
        "--nodes, --node-cores and --node-memory");
  if (d.serverless_job && (spark_inputs || d.glue_job || d.k8s_app))
    throw UsageError(
        "--serverless-job is reviewed on its own: EMR Serverless takes the Spark settings from the job's "
        "sparkSubmitParameters and spark-defaults classification, not from spark-submit, spark-defaults, EMR "
        "configurations, a Glue job or a SparkApplication");
  if (d.serverless_job && (any_given(given, {"--instance", "--nodes", "--node-cores", "--node-memory"}) ||
                           (given.platform && *given.platform != "emr-serverless")))
    throw UsageError(
        "--serverless-job: each executor and the driver run on a worker sized from their settings; drop "
        "--platform, --instance, --nodes, --node-cores and --node-memory");
  if (d.k8s_app && (spark_inputs || d.glue_job))
    throw UsageError(
        "--k8s-app is reviewed on its own: the Spark Operator takes the Spark settings from the "
        "SparkApplication's spec and sparkConf, not from spark-submit, spark-defaults, EMR configurations or a Glue "
        "job");
  if (d.k8s_app && given.platform && *given.platform != "kubernetes")
    throw UsageError("--k8s-app runs on Kubernetes: drop --platform " + *given.platform);
  if (d.k8s_app &&
      any_given(given, {"--node-cores", "--node-memory", "--reserve-cores", "--reserve-memory",
                        "--yarn-resource-calculator", "--yarn-min-allocation", "--emr-release", "--primary-instance"}))
    throw UsageError(
        "--k8s-app: the Kubernetes nodes are --instance TYPE and --nodes N, each offering what the kubelet leaves "
        "allocatable; drop --node-cores, --node-memory, --reserve-cores, --reserve-memory, --yarn-resource-calculator, "
        "--yarn-min-allocation, --emr-release and --primary-instance");
}

}  // namespace

void check_inputs(const GivenInputs& given) {
  // Review judges settings against the cluster's resources, never its price: the price flags of the
  // cluster group would change nothing.
  for (const char* price : {"--market", "--region", "--primary-instance"})
    if (any_given(given, {price}))
      throw UsageError(std::string(price) +
                       " does not apply to review: review checks the settings against the cluster's cores and "
                       "memory, not its price (sparkfit predict prices a layout)");
  const Documents& d = given.documents;
  const bool spark_inputs = d.submit_file || d.submit_args || d.conf_file || d.emr_config || d.emr_cluster;
  check_self_contained(given, spark_inputs);
  if (!d.k8s_app && given.platform && *given.platform == "kubernetes")
    throw UsageError(
        "review --platform kubernetes reviews a Spark Operator SparkApplication: give it with --k8s-app FILE");
  if (!d.serverless_job && given.platform && *given.platform == "emr-serverless")
    throw UsageError(
        "review --platform emr-serverless reviews an EMR Serverless job run: give it with --serverless-job FILE");
  if (!spark_inputs && !d.glue_job && !d.k8s_app && !d.serverless_job)
    throw UsageError(
        "review needs settings to review: -- spark-submit ARGS..., --submit-file, --conf-file, --emr-config, "
        "--emr-cluster, --glue-job, --k8s-app or --serverless-job; see 'sparkfit review --help'");
}

}  // namespace sparkfit::review
