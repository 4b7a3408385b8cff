// How the documents a review reads fill its input: EMR classifications, spark-submit, yarn-site.
#include <doctest/doctest.h>

#include "sparkfit/review/inputs.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;

namespace {

spark_conf::Setting setting(const std::string& key, const std::string& value) {
  return {key, value, "EMR yarn-site", SourceLocation{}, 0};
}

spark_conf::Classification capacity_scheduler(const std::string& calculator) {
  return {"capacity-scheduler", {}, {setting("yarn.scheduler.capacity.resource-calculator", calculator)}, {}};
}

}  // namespace

TEST_SUITE("review") {
  TEST_CASE("the capacity scheduler's calculator is found, nested or not, and absent without it") {
    const std::string dominant = "org.apache.hadoop.yarn.util.resource.DominantResourceCalculator";
    CHECK(review::calculator_in({capacity_scheduler(dominant)}) == job::ResourceCalculator::dominant);
    CHECK(review::calculator_in({{"outer", {}, {}, {capacity_scheduler("DefaultResourceCalculator")}}}) ==
          job::ResourceCalculator::memory);
    CHECK(!review::calculator_in({{"spark-defaults", {}, {}, {}}}).has_value());
  }

  TEST_CASE("an EMR configuration adds its settings and yarn-site, and sets the calculator it names") {
    spark_conf::EmrConfig config;
    config.spark_defaults = {setting("spark.executor.cores", "4")};
    config.yarn_site = {setting("yarn.nodemanager.resource.memory-mb", "12288")};
    config.classifications = {capacity_scheduler("DominantResourceCalculator")};
    review::Input input;
    std::optional<job::ResourceCalculator> calculator;
    review::add_emr_config(input, config, calculator);
    CHECK(input.settings.size() == 1);
    CHECK(input.yarn_site.size() == 1);
    CHECK(calculator == job::ResourceCalculator::dominant);
  }

  TEST_CASE("a spark-submit command keeps the application it names for findings about unset settings") {
    spark_conf::SubmitCommand command;
    command.settings = {setting("spark.executor.memory", "8g")};
    command.application = "app.jar";
    review::Input input;
    review::add_submit(input, command);
    CHECK(input.application == "app.jar");
    review::add_submit(input, spark_conf::SubmitCommand{});
    CHECK(input.application == "app.jar");
    CHECK(input.settings.size() == 1);
  }

  TEST_CASE("yarn-site sizes what a node offers YARN, and a value that is not a positive number is an error") {
    platform::Cluster cluster;
    review::apply_yarn_site(cluster, {setting("yarn.nodemanager.resource.memory-mb", "12288"),
                                      setting("yarn.nodemanager.resource.cpu-vcores", "6"),
                                      setting("yarn.log-aggregation-enable", "true")});
    CHECK(cluster.node.yarn_memory_mib == 12288);
    CHECK(cluster.node.yarn_vcores == 6);
    std::string message;
    try {
      review::apply_yarn_site(cluster, {setting("yarn.scheduler.maximum-allocation-mb", "12g")});
    } catch (const InputError& error) {
      message = error.message();
    }
    CHECK(message == "yarn.scheduler.maximum-allocation-mb must be a positive whole number, got \"12g\"");
  }

  TEST_CASE("a review request reads its documents, describes the cluster and takes the calculator asked for") {
    review::Request request;
    request.documents.submit_args =
        std::vector<std::string>{"spark-submit", "--conf", "spark.executor.cores=4", "app.jar"};
    request.cluster.instance = "r5.4xlarge";
    request.cluster.nodes = 3;
    request.calculator = job::ResourceCalculator::dominant;
    review::Input input;
    review::WorkModel model;
    review::assemble(request, testing::shipped_catalog, testing::kSourceDir + "/instance_catalogs/model/model.yaml",
                     input, model);
    CHECK(input.application == "app.jar");
    REQUIRE(input.cluster);
    CHECK(input.cluster->nodes == 3);
    CHECK(input.calculator == job::ResourceCalculator::dominant);
    CHECK(!input.job);
  }

  TEST_CASE("a review with work but no cluster is an error that names the ways to give one") {
    review::Request request;
    request.documents.submit_args = std::vector<std::string>{"spark-submit", "app.jar"};
    request.job = testing::job_of("10GB", job::Workload::etl);
    request.has_work = true;
    review::Input input;
    review::WorkModel model;
    CHECK(testing::error_of([&] {
            review::assemble(request, testing::shipped_catalog,
                             testing::kSourceDir + "/instance_catalogs/model/model.yaml", input, model);
          }) ==
          "a job spec needs a cluster to review against: --instance/--nodes, --emr-cluster or the spec's platform");
  }
}

namespace {

// The inputs a review is given, as the command line would give them.
review::GivenInputs given(review::Documents documents, std::vector<std::string> cluster_flags = {},
                          std::optional<std::string> platform = std::nullopt) {
  return {std::move(documents), std::move(platform), std::move(cluster_flags)};
}

review::Documents submit_file() { return {.submit_file = "submit.txt"}; }

// check_inputs' refusal (a UsageError: exit 3), or "(no error)".
std::string refusal_of(const review::GivenInputs& inputs) {
  try {
    review::check_inputs(inputs);
  } catch (const UsageError& error) {
    return error.what();
  }
  return "(no error)";
}

}  // namespace

TEST_SUITE("review") {
  TEST_CASE("check_inputs takes spark-submit settings on a cluster, and a Glue job or a SparkApplication alone") {
    CHECK(refusal_of(given(submit_file(), {"--instance", "--nodes"})) == "(no error)");
    CHECK(refusal_of(given({.submit_args = std::vector<std::string>{"spark-submit"}})) == "(no error)");
    CHECK(refusal_of(given({.glue_job = "job.json"}, {"--platform"}, "glue")) == "(no error)");
    CHECK(refusal_of(given({.k8s_app = "app.yaml"}, {"--instance", "--nodes"}, "kubernetes")) == "(no error)");
  }

  TEST_CASE("check_inputs refuses the price flags, naming the first one given") {
    CHECK(refusal_of(given(submit_file(), {"--region", "--market"})).starts_with("--market does not apply to review"));
    CHECK(refusal_of(given(submit_file(), {"--primary-instance"}))
              .starts_with("--primary-instance does not apply to review"));
  }

  TEST_CASE("check_inputs refuses what is added to a Glue job or a SparkApplication") {
    CHECK(refusal_of(given({.conf_file = "d.conf", .glue_job = "job.json"}))
              .starts_with("--glue-job is reviewed on its own"));
    CHECK(refusal_of(given({.glue_job = "job.json"}, {"--nodes"})).starts_with("--glue-job: the job's WorkerType"));
    CHECK(refusal_of(given({.glue_job = "job.json"}, {"--platform"}, "emr"))
              .starts_with("--glue-job: the job's WorkerType"));
    CHECK(refusal_of(given({.glue_job = "job.json", .k8s_app = "app.yaml"}))
              .starts_with("--k8s-app is reviewed on its own"));
    CHECK(refusal_of(given({.k8s_app = "app.yaml"}, {"--platform"}, "yarn")) ==
          "--k8s-app runs on Kubernetes: drop --platform yarn");
    CHECK(refusal_of(given({.k8s_app = "app.yaml"}, {"--reserve-memory"}))
              .starts_with("--k8s-app: the Kubernetes nodes are --instance TYPE and --nodes N"));
  }

  TEST_CASE("check_inputs wants settings to review, and a SparkApplication on Kubernetes") {
    CHECK(refusal_of(given({}, {"--platform"}, "kubernetes"))
              .starts_with("review --platform kubernetes reviews a Spark Operator SparkApplication"));
    CHECK(refusal_of(given({}, {"--instance"})).starts_with("review needs settings to review"));
  }

  TEST_CASE("review judges for a Spark version of two or three numbers and a Java major version") {
    CHECK(review::parse_spark_version("3.5.1") == "3.5.1");
    CHECK(review::parse_java_version("17") == 17);
    CHECK(testing::error_of([] { review::parse_spark_version("3"); }) ==
          "invalid value '3': expected a version such as 3.5 or 3.5.1");
    CHECK(testing::error_of([] { review::parse_java_version("4"); }) == "invalid value '4': expected 8, 11, 17, 21");
  }

  TEST_CASE("a rule is found by its id or its kebab name, and an unknown one gets a did-you-mean") {
    const std::vector<rules::Rule> rules = review::load_rules(testing::kSourceDir + "/rules");
    REQUIRE(!rules.empty());
    const rules::Rule& first = rules.front();
    CHECK(&review::find_rule(rules, first.id) == &first);
    CHECK(&review::find_rule(rules, first.name) == &first);
    CHECK(review::rule_ids(rules).front() == first.id);
    CHECK(testing::error_of([&] {
            review::find_rule(rules, first.id + "9");
          }).starts_with("unknown rule '" + first.id + "9'"));
  }
}
