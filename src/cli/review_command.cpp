// `review` and `rules`: read the proposed settings from every input the user gives, describe the
// cluster, run the rules over the facts, print findings; list and show the rules themselves.
#include <charconv>
#include <filesystem>
#include <regex>
#include <fstream>
#include <sstream>

#include "cli/context.hpp"
#include "sparkfit/calibration/observations.hpp"
#include "cli/options.hpp"
#include "cli/report_data.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/json_writer.hpp"
#include "sparkfit/review/review.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/version.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::cli {
namespace {

namespace fs = std::filesystem;

std::string read_input(const std::string& path, const char* flag) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(std::string(flag) + ": cannot read '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<rules::Rule> load_rules(Context& context) {
  const fs::path dir = context.data_dir().path / "rules";
  return review::load_rules(dir.string());
}

std::vector<std::string> rule_ids(const std::vector<rules::Rule>& rules) {
  std::vector<std::string> ids;
  for (const rules::Rule& rule : rules) ids.push_back(rule.id);
  return ids;
}

rules::Severity fail_on_flag(const std::string& text) {
  static const std::vector<std::string> kWords = {"error", "warning", "info", "style"};
  if (std::find(kWords.begin(), kWords.end(), text) == kWords.end())
    throw UsageError("--fail-on: unknown severity '" + text + "'" + text::did_you_mean(text, kWords) +
                     "; expected error, warning, info or style");
  return rules::parse_severity(text);
}

// EMR's capacity-scheduler classification may switch YARN to the DominantResourceCalculator.
std::optional<job::ResourceCalculator> calculator_in(const std::vector<spark_conf::Classification>& list) {
  for (const spark_conf::Classification& c : list) {
    if (c.name == "capacity-scheduler")
      for (const spark_conf::Setting& s : c.properties)
        if (s.key == "yarn.scheduler.capacity.resource-calculator")
          return s.value.find("Dominant") != std::string::npos ? job::ResourceCalculator::dominant
                                                               : job::ResourceCalculator::memory;
    if (auto nested = calculator_in(c.configurations)) return nested;
  }
  return std::nullopt;
}

void add_emr_config(review::Input& input, const spark_conf::EmrConfig& config,
                    std::optional<job::ResourceCalculator>& calculator) {
  input.settings.insert(input.settings.end(), config.spark_defaults.begin(), config.spark_defaults.end());
  input.yarn_site.insert(input.yarn_site.end(), config.yarn_site.begin(), config.yarn_site.end());
  if (config.maximize_resource_allocation) {
    input.maximize_resource_allocation = config.maximize_resource_allocation;
    input.maximize_where = config.maximize_where;
  }
  if (auto c = calculator_in(config.classifications)) calculator = c;
}

// yarn-site settings in the EMR configurations change what a node offers YARN.
void apply_yarn_site(platform::Cluster& cluster, const std::vector<spark_conf::Setting>& yarn_site) {
  static const std::vector<std::string> kSizing = {"yarn.nodemanager.resource.memory-mb", "yarn.scheduler.maximum-allocation-mb",
                                                   "yarn.scheduler.minimum-allocation-mb", "yarn.nodemanager.resource.cpu-vcores"};
  for (const spark_conf::Setting& s : yarn_site) {
    if (std::find(kSizing.begin(), kSizing.end(), s.key) == kSizing.end()) continue;
    std::int64_t value = 0;
    auto [ptr, ec] = std::from_chars(s.value.data(), s.value.data() + s.value.size(), value);
    if (ec != std::errc() || ptr != s.value.data() + s.value.size() || value <= 0)
      throw InputError(s.where, s.key + " must be a positive whole number, got \"" + s.value + "\"");
    if (s.key == "yarn.nodemanager.resource.memory-mb") cluster.node.yarn_memory_mib = value;
    else if (s.key == "yarn.scheduler.maximum-allocation-mb") cluster.node.yarn_max_allocation_mib = value;
    else if (s.key == "yarn.scheduler.minimum-allocation-mb") cluster.node.yarn_min_allocation_mib = value;
    else if (s.key == "yarn.nodemanager.resource.cpu-vcores") cluster.node.yarn_vcores = static_cast<int>(std::min<std::int64_t>(value, 100000));
  }
}

}  // namespace

int run_review(Context& context, const std::vector<std::string>& all_args) {
  // Everything after `--` is a spark-submit command line; Boost never sees it.
  std::vector<std::string> args;
  std::vector<std::string> submit_args;
  bool has_submit_args = false;
  for (std::size_t i = 0; i < all_args.size(); ++i) {
    if (all_args[i] == "--") {
      submit_args.assign(all_args.begin() + static_cast<std::ptrdiff_t>(i) + 1, all_args.end());
      has_submit_args = true;
      break;
    }
    args.push_back(all_args[i]);
  }

  Flags flags;
  std::optional<std::string> fail_on, conf_file, submit_file, emr_config, emr_cluster, glue_job, k8s_app, config_file,
      spark_version, java_version;
  auto text_value = [](std::optional<std::string>& target) {
    return po::value<std::string>()->notifier([&target](const std::string& v) { target = v; });
  };
  po::options_description options;
  po::options_description inputs("Review");
  inputs.add_options()
      ("fail-on", text_value(fail_on), "exit 1 on findings at or above: error | warning (default) | info | style")
      ("submit-file", text_value(submit_file), "a file holding a spark-submit command, as pasted")
      ("conf-file", text_value(conf_file), "a spark-defaults.conf file")
      ("emr-config", text_value(emr_config), "EMR configurations JSON (classifications)")
      ("emr-cluster", text_value(emr_cluster), "EMR cluster description (aws emr describe-cluster, or instance groups/fleets)")
      ("glue-job", text_value(glue_job), "Glue job definition JSON (aws glue get-job output); reviewed on its own")
      ("k8s-app", text_value(k8s_app),
       "Spark Operator SparkApplication YAML, on the Kubernetes nodes of --instance and --nodes; reviewed on its own")
      ("config", text_value(config_file), "settings file (default: ./.sparkfit.yaml when present)")
      ("spark-version", text_value(spark_version), "Spark version the job runs on, e.g. 3.5.1 (default: the EMR release's)")
      ("java-version", text_value(java_version), "Java major version of the executors, e.g. 17 (default: the EMR release's)");
  options.add(inputs);
  add_cluster_options(options, flags);
  const std::vector<std::string> formats = {"text", "json", "sarif", "markdown"};
  add_output_options(options, flags, formats, true);
  parse("review", args, options, flags, formats, 1);
  if (flags.help) {
    print_help(context, "sparkfit review [JOB.yaml] [cluster options] [inputs] [-- spark-submit ARGS...]", options,
               "sparkfit review --platform yarn --nodes 6 --node-cores 16 --node-memory 64g --reserve-cores 1 "
               "--reserve-memory 1g -- spark-submit --num-executors 6 --executor-cores 15 --executor-memory 63G app.jar");
    return 0;
  }
  if (glue_job && (submit_file || has_submit_args || conf_file || emr_config || emr_cluster))
    throw UsageError("--glue-job is reviewed on its own: Glue takes its Spark settings from the job's --conf argument, "
                     "not from spark-submit, spark-defaults or EMR configurations");
  if (glue_job && (flags.instance || flags.nodes || flags.node_cores || flags.node_memory || (flags.platform && *flags.platform != "glue")))
    throw UsageError("--glue-job: the job's WorkerType and NumberOfWorkers are the cluster; drop --platform, --instance, "
                     "--nodes, --node-cores and --node-memory");
  if (k8s_app && (submit_file || has_submit_args || conf_file || emr_config || emr_cluster || glue_job))
    throw UsageError("--k8s-app is reviewed on its own: the Spark Operator takes the Spark settings from the "
                     "SparkApplication's spec and sparkConf, not from spark-submit, spark-defaults, EMR configurations or a Glue job");
  if (k8s_app && flags.platform && *flags.platform != "kubernetes")
    throw UsageError("--k8s-app runs on Kubernetes: drop --platform " + *flags.platform);
  if (k8s_app && (flags.node_cores || flags.node_memory || flags.reserve_cores || flags.reserve_memory ||
                  flags.yarn_resource_calculator || flags.yarn_min_allocation || flags.emr_release || flags.primary_instance))
    throw UsageError("--k8s-app: the Kubernetes nodes are --instance TYPE and --nodes N, each offering what the kubelet leaves "
                     "allocatable; drop --node-cores, --node-memory, --reserve-cores, --reserve-memory, --yarn-resource-calculator, "
                     "--yarn-min-allocation, --emr-release and --primary-instance");
  if (!k8s_app && flags.platform && *flags.platform == "kubernetes")
    throw UsageError("review --platform kubernetes reviews a Spark Operator SparkApplication: give it with --k8s-app FILE");

  const std::vector<rules::Rule> rules = load_rules(context);
  review::Config config;
  if (config_file) {
    config = review::parse_config(read_input(*config_file, "--config"), *config_file, rule_ids(rules));
  } else if (fs::exists(".sparkfit.yaml")) {
    config = review::parse_config(read_input(".sparkfit.yaml", "--config"), ".sparkfit.yaml", rule_ids(rules));
  }
  rules::Severity threshold = config.fail_on.value_or(rules::Severity::warning);
  if (fail_on) threshold = fail_on_flag(*fail_on);

  review::Input input;
  std::optional<job::ResourceCalculator> calculator;
  std::optional<spark_conf::EmrCluster> cluster_file;
  if (emr_cluster) {
    cluster_file = spark_conf::parse_emr_cluster(read_input(*emr_cluster, "--emr-cluster"), *emr_cluster);
    add_emr_config(input, cluster_file->configurations, calculator);
  }
  if (emr_config)
    add_emr_config(input, spark_conf::parse_emr_configurations(read_input(*emr_config, "--emr-config"), *emr_config), calculator);
  if (conf_file) {
    std::vector<spark_conf::Setting> s = spark_conf::parse_spark_defaults(read_input(*conf_file, "--conf-file"), *conf_file);
    input.settings.insert(input.settings.end(), s.begin(), s.end());
  }
  auto add_submit = [&](const spark_conf::SubmitCommand& command) {
    input.settings.insert(input.settings.end(), command.settings.begin(), command.settings.end());
    if (!command.application.empty()) {
      input.application = command.application;
      input.application_where = command.application_where;
    }
  };
  if (submit_file) add_submit(spark_conf::parse_spark_submit(read_input(*submit_file, "--submit-file"), *submit_file));
  if (has_submit_args) add_submit(spark_conf::parse_spark_submit_args(submit_args));
  if (glue_job) {
    input.glue_job = spark_conf::parse_glue_job(read_input(*glue_job, "--glue-job"), *glue_job);
    input.glue_catalog = &context.catalog().glue;
    input.settings = input.glue_job->settings;
    // Spark's version decides defaults such as AQE; the Glue version fixes it.
    const std::string version = input.glue_job->glue_version.empty() ? "0.9" : input.glue_job->glue_version;
    for (const catalog::GlueVersion& v : context.catalog().glue.versions)
      if (v.version == version && !v.spark_version.empty()) input.spark_version = v.spark_version;
  }
  if (k8s_app) {
    input.k8s_app = spark_conf::parse_spark_application(read_input(*k8s_app, "--k8s-app"), *k8s_app);
    // The operator's defaults first: every setting the application makes outranks them.
    input.settings = input.k8s_app->defaults;
    input.settings.insert(input.settings.end(), input.k8s_app->settings.begin(), input.k8s_app->settings.end());
    input.application = input.k8s_app->application;
    input.application_where = input.k8s_app->where_application;
    input.spark_version = input.k8s_app->spark_version;
  }
  if (!submit_file && !has_submit_args && !conf_file && !emr_config && !emr_cluster && !glue_job && !k8s_app)
    throw UsageError("review needs settings to review: -- spark-submit ARGS..., --submit-file, --conf-file, --emr-config, "
                     "--emr-cluster, --glue-job or --k8s-app; see 'sparkfit review --help'");

  // The cluster: flags first, then the EMR cluster description, then the job spec.
  bool has_work = false;
  job::JobSpec job = job_from(flags, &has_work);
  Flags cluster_flags = flags;
  if (cluster_file && !flags.instance && !flags.node_cores && !flags.node_memory) {
    std::string type = cluster_file->core_instance_type();
    if (type.empty()) type = cluster_file->task_instance_type();
    if (!type.empty()) {
      cluster_flags.instance = type;
      if (!flags.nodes) cluster_flags.nodes = std::to_string(std::max(1, cluster_file->core_count() + cluster_file->task_count()));
      if (!flags.emr_release && !cluster_file->release_label.empty()) cluster_flags.emr_release = cluster_file->release_label;
      if (!flags.platform) cluster_flags.platform = "emr";
    }
  }
  if (k8s_app) {
    // The pods' overhead factor depends on the application's language, so the nodes do too.
    if (auto nodes = kubernetes_nodes_from(context, flags, !input.k8s_app->non_jvm())) {
      input.cluster = nodes->cluster;
      calculator = nodes->choices.calculator;
    }
  } else if (!glue_job) {
    input.cluster = cluster_from(context, cluster_flags, job);
  }
  if (input.cluster) apply_yarn_site(*input.cluster, input.yarn_site);
  if (flags.yarn_resource_calculator)
    calculator = job::parse_resource_calculator(*flags.yarn_resource_calculator);
  else if (!calculator && job.yarn && job.yarn->resource_calculator)
    calculator = job.yarn->resource_calculator;
  input.calculator = calculator.value_or(job::ResourceCalculator::memory);
  std::optional<model::Constants> constants;
  std::optional<calibration::JobCalibration> calibration;
  if (has_work) {
    if (!input.cluster && !glue_job)
      throw InputError("a job spec needs a cluster to review against: --instance/--nodes, --emr-cluster or the spec's platform");
    constants = model::load_constants(context.data_dir().path / "instance_catalogs" / "model" / "model.yaml");
    input.job = job;
    input.constants = &*constants;
    // The spec's observed runs calibrate the model here as they do for predict and recommend.
    if (!job.observations.empty()) {
      calibration = calibration::from_observations(context.catalog(), job, model::plan_job(job, *constants),
                                                   model::Settings{}, *constants, input.model_notes);
      if (calibration->fit.active) input.calibration = &calibration->fit;
    }
  }

  if (spark_version) {
    static const std::regex kVersion("[0-9]+\\.[0-9]+(\\.[0-9]+)?");
    if (!std::regex_match(*spark_version, kVersion))
      throw InputError("--spark-version: invalid value '" + *spark_version + "': expected a version such as 3.5 or 3.5.1");
    input.spark_version = *spark_version;
  }
  if (java_version) {
    std::int64_t major = 0;
    try {
      major = units::parse_count(*java_version, "Java version");
    } catch (const InputError& error) {
      throw InputError("--java-version: " + error.message());
    }
    if (major < 5 || major > 100) throw InputError("--java-version: invalid value '" + *java_version + "': expected 8, 11, 17, 21");
    input.java_version = static_cast<int>(major);
  }
  review::FactSet facts = review::compute_facts(input);
  std::vector<review::Finding> findings = review::evaluate(rules, facts, config);
  std::string text;
  if (flags.format == "json") text = review::render_json(findings, facts, input);
  else if (flags.format == "sarif") text = review::render_sarif(findings, rules);
  else if (flags.format == "markdown") text = review::render_markdown(findings, facts, input);
  else text = review::render_text(findings, facts, input);
  if (flags.report) {
    write_whole_file(*flags.report, report::render_html(review_page(findings, facts, input, command_line("review", all_args))),
                     "--report");
    if (flags.format == "markdown") text += review_report_pointer(*flags.report);
  }
  emit(context, flags, text);
  for (const review::Finding& finding : findings)
    if (review::at_or_above(finding.severity, threshold)) return static_cast<int>(ExitCode::findings);
  return 0;
}

int run_rules(Context& context, const std::vector<std::string>& args) {
  Flags flags;
  po::options_description options;
  const std::vector<std::string> formats = {"text", "json", "markdown"};
  add_output_options(options, flags, formats);
  parse("rules", args, options, flags, formats, 2);
  const std::string action = flags.positional.empty() ? "" : flags.positional.front();
  if (flags.help || action.empty()) {
    print_help(context, "sparkfit rules list [--format text|json|markdown] | sparkfit rules show ID", options,
               "sparkfit rules show SF2003");
    return flags.help ? 0 : static_cast<int>(ExitCode::bad_usage);
  }
  const std::vector<rules::Rule> rules = load_rules(context);
  std::ostringstream out;
  if (action == "list") {
    if (flags.positional.size() > 1) throw UsageError("'rules list' takes no argument; see 'sparkfit rules --help'");
    if (flags.format == "json") {
      JsonWriter json;
      json.begin_object().field("schema_version", 1).field("sparkfit_version", std::string(kVersion));
      json.key("rules").begin_array();
      for (const rules::Rule& rule : rules)
        json.begin_object()
            .field("id", rule.id)
            .field("name", rule.name)
            .field("severity", std::string(rules::severity_name(rule.severity)))
            .field("category", rule.category)
            .field("summary", rule.summary)
            .end_object();
      json.end_array().end_object();
      out << json.str();
    } else if (flags.format == "markdown") {
      out << review::rules_table_markdown(rules);
    } else {
      std::size_t width = 0;
      for (const rules::Rule& rule : rules) width = std::max(width, rule.name.size() + 2);
      for (const rules::Rule& rule : rules) {
        std::string name = rule.name;
        std::string severity(rules::severity_name(rule.severity));
        name.resize(width, ' ');
        severity.resize(8, ' ');
        out << rule.id << "  " << severity << name << rule.summary << "\n";
      }
    }
  } else if (action == "show") {
    if (flags.positional.size() != 2) throw UsageError("'rules show' needs one rule id, e.g. 'sparkfit rules show SF2003'");
    const std::string& id = flags.positional[1];
    const rules::Rule* found = nullptr;
    for (const rules::Rule& rule : rules)
      if (rule.id == id || rule.name == id) found = &rule;
    if (!found) throw InputError("unknown rule '" + id + "'" + text::did_you_mean(id, rule_ids(rules)) + "; 'sparkfit rules list' shows them");
    out << rules::render_rule_page(*found);
  } else {
    throw UsageError("unknown 'rules' action '" + action + "'" + text::did_you_mean(action, {"list", "show"}) +
                     "; expected list or show");
  }
  emit(context, flags, out.str());
  return 0;
}

}  // namespace sparkfit::cli
