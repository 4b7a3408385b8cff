#include <doctest/doctest.h>

#include <string>

#include "sparkfit/spark_conf/spark_conf.hpp"
#include "sparkfit/units/units.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using namespace sparkfit::spark_conf;
using namespace sparkfit::testing;

namespace {

const std::string kData = kTestData + "/review/";

std::string submit_error(const std::string& text) {
  return error_of([&] { parse_spark_submit(text, "submit.sh"); });
}
std::string emr_error(const std::string& text) {
  return error_of([&] { parse_emr_configurations(text, "emr.json"); });
}
std::string cluster_error(const std::string& text) {
  return error_of([&] { parse_emr_cluster(text, "cluster.json"); });
}

std::string glue_error(const std::string& text) {
  return error_of([&] { parse_glue_job(text, "job.json"); });
}
std::string app_error(const std::string& text) {
  return error_of([&] { parse_spark_application(text, "app.yaml"); });
}

std::string value_of(const std::vector<Setting>& settings, const std::string& key) {
  std::vector<Setting> effective = effective_settings(settings);
  const Setting* setting = find_setting(effective, key);
  return setting ? setting->value : "(unset)";
}

}  // namespace

TEST_SUITE("spark_conf") {
  TEST_CASE("a pasted spark-submit with continuations and quotes yields its settings and places") {
    SubmitCommand command = parse_spark_submit(read_file(kData + "submit-classic.sh"), "submit-classic.sh");
    CHECK(command.master == "yarn");
    CHECK(command.deploy_mode == "cluster");
    CHECK(command.main_class == "com.example.Orders");
    CHECK(command.application == "s3://bucket/jobs/orders.jar");
    CHECK(command.application_where.line == 10);
    CHECK(command.application_where.column == 3);
    REQUIRE(command.application_args.size() == 4);
    CHECK(command.application_args[2] == "--conf");
    CHECK(command.application_args[3] == "not.a.spark=setting");

    std::vector<Setting> effective = effective_settings(command.settings);
    CHECK(find_setting(effective, "not.a.spark") == nullptr);
    const Setting* memory = find_setting(effective, "spark.executor.memory");
    REQUIRE(memory);
    // The dedicated flag wins over the earlier --conf, whatever the order.
    CHECK(memory->value == "63G");
    CHECK(memory->source == "flag --executor-memory");
    CHECK(memory->where.line == 7);
    CHECK(memory->where.column == 41);
    CHECK(memory->where.source_line == "  --num-executors 6 --executor-cores 15 --executor-memory 63G \\");
    CHECK(value_of(command.settings, "spark.executor.instances") == "6");
    CHECK(value_of(command.settings, "spark.executor.cores") == "15");

    const Setting* partitions = find_setting(effective, "spark.sql.shuffle.partitions");
    REQUIRE(partitions);
    CHECK(partitions->value == "200");
    CHECK(partitions->source == "--conf");
    // The place of a quoted --conf is its key, inside the quotes.
    CHECK(partitions->where.line == 8);
    CHECK(partitions->where.column == 11);
    CHECK(value_of(command.settings, "spark.executor.extraJavaOptions") == "-XX:+UseG1GC -XX:+PrintGCDetails");
  }

  TEST_CASE("dedicated flags beat --conf even when the --conf comes later") {
    SubmitCommand command = parse_spark_submit(
        "spark-submit --executor-memory 4g --conf spark.executor.memory=8g --conf "
        "spark.executor.memory=9g app.py",
        "s");
    CHECK(value_of(command.settings, "spark.executor.memory") == "4g");
    // Among --conf settings the last one wins.
    std::vector<Setting> only_conf;
    for (const Setting& s : command.settings)
      if (s.source == "--conf") only_conf.push_back(s);
    CHECK(value_of(only_conf, "spark.executor.memory") == "9g");
  }

  TEST_CASE("spark-submit accepts --opt=value, --conf=k=v, -c, a path to spark-submit and no application") {
    SubmitCommand command = parse_spark_submit(
        "/usr/lib/spark/bin/spark-submit --num-executors=4 --conf=spark.task.cpus=2 -c "
        "spark.speculation=true --queue etl --name 'nightly orders' --supervise",
        "s");
    CHECK(value_of(command.settings, "spark.executor.instances") == "4");
    CHECK(value_of(command.settings, "spark.task.cpus") == "2");
    CHECK(value_of(command.settings, "spark.speculation") == "true");
    CHECK(value_of(command.settings, "spark.yarn.queue") == "etl");
    CHECK(value_of(command.settings, "spark.app.name") == "nightly orders");
    CHECK(value_of(command.settings, "spark.driver.supervise") == "true");
    CHECK(command.application.empty());
    const std::vector<Setting> effective_1 = effective_settings(command.settings);
    const Setting* cpus = find_setting(effective_1, "spark.task.cpus");
    REQUIRE(cpus);
    CHECK(cpus->where.column == 58);  // the key after `--conf=`
  }

  TEST_CASE("shell quoting: backslash escapes, double-quote escapes, adjacent quoted parts") {
    SubmitCommand command = parse_spark_submit(
        R"(spark-submit --conf spark.app.name=a\ b --conf "spark.x=\"q\" \$HOME" --conf spark.y='it'"s" app.jar "arg one" 'arg\two')",
        "s");
    CHECK(value_of(command.settings, "spark.app.name") == "a b");
    CHECK(value_of(command.settings, "spark.x") == "\"q\" $HOME");
    CHECK(value_of(command.settings, "spark.y") == "its");
    REQUIRE(command.application_args.size() == 2);
    CHECK(command.application_args[0] == "arg one");
    CHECK(command.application_args[1] == "arg\\two");
  }

  TEST_CASE("pyspark, spark-shell and spark-sql are read like spark-submit, and their own arguments are kept") {
    SubmitCommand shell =
        parse_spark_submit("/usr/lib/spark/bin/pyspark --executor-memory 4g --num-executors 3\n", "shell.sh");
    CHECK(shell.settings.size() == 2);
    CHECK(shell.application == "/usr/lib/spark/bin/pyspark");
    CHECK(shell.application_where.column == 1);
    SubmitCommand sql = parse_spark_submit_args(
        {"spark-sql", "--database", "sales", "-e", "SELECT 1", "--executor-cores", "4", "--conf", "spark.a=b"});
    CHECK(sql.application_args == std::vector<std::string>{"--database", "sales", "-e", "SELECT 1"});
    const std::vector<Setting> effective = effective_settings(sql.settings);
    REQUIRE(find_setting(effective, "spark.executor.cores"));
    CHECK(find_setting(effective, "spark.executor.cores")->value == "4");
    CHECK(find_setting(effective, "spark.a"));
    CHECK(parse_spark_submit("spark-shell.cmd --driver-memory 2g", "s").settings.size() == 1);
  }

  TEST_CASE("a command that runs another program is refused, naming it") {
    CHECK(submit_error("#!/bin/bash\npython3 job.py --executor-memory 4g\n") ==
          "submit.sh:2:1: error: 'python3' is not spark-submit, pyspark, spark-shell or spark-sql; expected the "
          "command that launches the Spark application, such as 'spark-submit --executor-memory 4g app.jar'\n"
          "python3 job.py --executor-memory 4g\n"
          "^");
    CHECK(parse_spark_submit("--executor-cores 4 app.jar", "fragment.txt").application == "app.jar");
  }

  TEST_CASE("spark-submit given as arguments places settings by column on one line") {
    SubmitCommand command = parse_spark_submit_args(
        {"spark-submit", "--executor-cores", "5", "--conf", "spark.sql.shuffle.partitions=400", "app.jar", "x"});
    const std::vector<Setting> effective_2 = effective_settings(command.settings);
    const Setting* cores = find_setting(effective_2, "spark.executor.cores");
    REQUIRE(cores);
    CHECK(cores->where.file == "<command line>");
    CHECK(cores->where.column == 14);
    const std::vector<Setting> effective_3 = effective_settings(command.settings);
    const Setting* partitions = find_setting(effective_3, "spark.sql.shuffle.partitions");
    REQUIRE(partitions);
    CHECK(partitions->where.column == 40);
    CHECK(command.application_args == std::vector<std::string>{"x"});
  }

  TEST_CASE("spark-submit errors name the place with a caret") {
    CHECK(submit_error("spark-submit --conf \"spark.a=b app.jar") ==
          "submit.sh:1:21: error: unterminated double quote\n"
          "spark-submit --conf \"spark.a=b app.jar\n"
          "                    ^");
    CHECK(submit_error("spark-submit \\\n  --conf 'x=1 app.jar") ==
          "submit.sh:2:10: error: unterminated single quote\n"
          "  --conf 'x=1 app.jar\n"
          "         ^");
    CHECK(submit_error("spark-submit --conf spark.executor.memory app.jar") ==
          "submit.sh:1:21: error: --conf value 'spark.executor.memory' has no '=' (expected --conf "
          "key=value)\n"
          "spark-submit --conf spark.executor.memory app.jar\n"
          "                    ^");
    CHECK(submit_error("spark-submit --conf =4g app.jar") ==
          "submit.sh:1:21: error: --conf value '=4g' has no key before '='\n"
          "spark-submit --conf =4g app.jar\n"
          "                    ^");
    CHECK(submit_error("spark-submit --num-executor 4 app.jar") ==
          "submit.sh:1:14: error: unknown spark-submit option '--num-executor' (did you mean "
          "'--num-executors'?)\n"
          "spark-submit --num-executor 4 app.jar\n"
          "             ^");
    CHECK(submit_error("spark-submit --executor-memory") ==
          "submit.sh:1:14: error: option '--executor-memory' needs a value\n"
          "spark-submit --executor-memory\n"
          "             ^");
    CHECK(submit_error("spark-submit --executor-memory --num-executors 4 app.jar") ==
          "submit.sh:1:14: error: option '--executor-memory' needs a value, got option "
          "'--num-executors'\n"
          "spark-submit --executor-memory --num-executors 4 app.jar\n"
          "             ^");
    CHECK(submit_error("spark-submit --verbose=yes app.jar") ==
          "submit.sh:1:24: error: option '--verbose' takes no value\n"
          "spark-submit --verbose=yes app.jar\n"
          "                       ^");
  }

  TEST_CASE("spark-defaults.conf reads as java.util.Properties does, values trimmed") {
    std::vector<Setting> settings =
        parse_spark_defaults(read_file(kData + "spark-defaults.conf"), "spark-defaults.conf");
    REQUIRE(settings.size() == 6);
    CHECK(settings[0].key == "spark.master");
    CHECK(settings[0].value == "yarn");
    CHECK(settings[0].where.line == 2);
    CHECK(settings[0].where.column == 1);
    CHECK(settings[0].source == "spark-defaults.conf");
    CHECK(settings[0].precedence == kPrecedenceSparkDefaults);
    CHECK(settings[1].value == "4g");
    CHECK(settings[2].key == "spark.executor.cores");
    CHECK(settings[2].value == "4");
    CHECK(settings[3].key == "spark.driver.extraJavaOptions");
    CHECK(settings[3].value == "-XX:+UseG1GC -XX:+PrintGCDetails");
    CHECK(settings[4].key == "spark.app.name");
    CHECK(settings[4].value == "My App!");
    // The later line wins.
    CHECK(value_of(settings, "spark.executor.memory") == "6g");
  }

  TEST_CASE("spark-defaults.conf edge cases: separators, escapes in keys, continued comments") {
    std::vector<Setting> settings = parse_spark_defaults(
        "  a=b\n"
        "c:d\n"
        "e   =   f  \n"
        "g\n"
        "h\\ i = j\n"
        "# comment \\\n"
        "k = l\\\n"
        "   # m\n"
        "n = = o\r\n"
        "p\\=q=r\n",
        "d.conf");
    REQUIRE(settings.size() == 8);
    CHECK(settings[0].key == "a");
    CHECK(settings[0].where.column == 3);
    CHECK(settings[1].value == "d");
    CHECK(settings[2].value == "f");
    CHECK(settings[3].key == "g");
    CHECK(settings[3].value == "");
    CHECK(settings[4].key == "h i");
    CHECK(settings[5].key == "k");
    CHECK(settings[5].value == "l# m");  // a continued line is never a comment
    CHECK(settings[6].value == "= o");
    CHECK(settings[7].key == "p=q");
    CHECK(settings[7].value == "r");
  }

  TEST_CASE("a malformed \\u escape in spark-defaults.conf is an error at the backslash") {
    CHECK(error_of([] { parse_spark_defaults("spark.app.name = x\\u00zz\n", "d.conf"); }) ==
          "d.conf:1:19: error: malformed \\uXXXX escape: expected 4 hex digits\n"
          "spark.app.name = x\\u00zz\n"
          "                  ^");
  }

  TEST_CASE("precedence: EMR configurations < spark-defaults.conf < --conf < flags") {
    std::vector<Setting> all;
    EmrConfig emr = parse_emr_configurations(read_file(kData + "emr-config.json"), "emr-config.json");
    all.insert(all.end(), emr.spark_defaults.begin(), emr.spark_defaults.end());
    std::vector<Setting> defaults = parse_spark_defaults("spark.executor.memory 6g\nspark.task.cpus 2\n", "d.conf");
    all.insert(all.end(), defaults.begin(), defaults.end());
    SubmitCommand command =
        parse_spark_submit("spark-submit --conf spark.task.cpus=3 --conf spark.executor.memory=7g app.jar", "s");
    all.insert(all.end(), command.settings.begin(), command.settings.end());
    CHECK(value_of(all, "spark.executor.memory") == "7g");
    CHECK(value_of(all, "spark.task.cpus") == "3");
    CHECK(value_of(all, "spark.dynamicAllocation.enabled") == "false");
    const std::vector<Setting> effective_all = effective_settings(all);
    // Inserted in another order the result is the same.
    std::vector<Setting> reversed(all.rbegin(), all.rend());
    CHECK(value_of(reversed, "spark.executor.memory") == "7g");
    CHECK(find_setting(effective_all, "spark.dynamicAllocation.enabled")->source == "EMR configurations");
  }

  TEST_CASE("EMR configurations: spark-defaults, yarn-site, maximizeResourceAllocation, spark-env export") {
    EmrConfig config = parse_emr_configurations(read_file(kData + "emr-config.json"), "emr-config.json");
    REQUIRE(config.classifications.size() == 5);
    CHECK(config.classifications[4].name == "hive-site");
    REQUIRE(config.maximize_resource_allocation.has_value());
    CHECK(*config.maximize_resource_allocation);
    CHECK(config.maximize_where.line == 4);
    REQUIRE(config.spark_defaults.size() == 2);
    CHECK(config.spark_defaults[0].key == "spark.executor.memory");
    CHECK(config.spark_defaults[0].value == "18g");
    CHECK(config.spark_defaults[0].where.line == 9);
    CHECK(config.spark_defaults[0].where.column == 7);
    CHECK(config.spark_defaults[0].precedence == kPrecedenceEmrConfigurations);
    REQUIRE(config.yarn_site.size() == 1);
    CHECK(config.yarn_site[0].key == "yarn.nodemanager.pmem-check-enabled");
    REQUIRE(config.spark_env.size() == 1);
    CHECK(config.spark_env[0].value == "/usr/bin/python3");
  }

  TEST_CASE("EMR configurations are also read from describe-cluster output") {
    EmrConfig config = parse_emr_configurations(read_file(kData + "emr-cluster-groups.json"), "c.json");
    REQUIRE(config.spark_defaults.size() == 1);
    CHECK(config.spark_defaults[0].key == "spark.executor.cores");
  }

  TEST_CASE("EMR configuration errors point at the wrong value") {
    CHECK(emr_error("[{\"Classification\": \"spark-defaults\", \"Properties\": {\"spark.executor.cores\": 4}}]") ==
          "emr.json:1:78: error: property 'spark.executor.cores' must be a string, got a number (EMR "
          "takes every value as a string)\n"
          "[{\"Classification\": \"spark-defaults\", \"Properties\": {\"spark.executor.cores\": 4}}]\n"
          "                                                                             ^");
    CHECK(emr_error("[{\"Classification\": \"spark\", \"Propertes\": {}}]") ==
          "emr.json:1:30: error: unknown key 'Propertes' in a classification (did you mean "
          "'Properties'?); expected Classification, Properties, Configurations\n"
          "[{\"Classification\": \"spark\", \"Propertes\": {}}]\n"
          "                             ^");
    CHECK(emr_error("{\"Classification\": \"spark\"}") ==
          "emr.json:1:1: error: expected a list of classifications, or an object with a "
          "\"Configurations\" list\n"
          "{\"Classification\": \"spark\"}\n"
          "^");
    CHECK(emr_error("[{\"Classification\": \"spark\", \"Properties\": {\"maximizeResourceAllocation\": \"yes\"}}]") ==
          "emr.json:1:45: error: maximizeResourceAllocation must be \"true\" or \"false\", got \"yes\"\n"
          "[{\"Classification\": \"spark\", \"Properties\": {\"maximizeResourceAllocation\": \"yes\"}}]\n"
          "                                            ^");
    CHECK(emr_error("[{\"Properties\": {}}]") ==
          "emr.json:1:2: error: classification has no \"Classification\" name\n"
          "[{\"Properties\": {}}]\n"
          " ^");
  }

  TEST_CASE("an EMR cluster with instance groups gives primary, core and task types and counts") {
    EmrCluster cluster = parse_emr_cluster(read_file(kData + "emr-cluster-groups.json"), "c.json");
    CHECK(cluster.release_label == "emr-7.1.0");
    CHECK_FALSE(cluster.fleets);
    CHECK(cluster.primary_instance_type() == "m5.xlarge");
    CHECK(cluster.core_instance_type() == "r5.4xlarge");
    CHECK(cluster.core_count() == 10);  // requested, not the 9 running
    CHECK(cluster.task_instance_type() == "r5.4xlarge");
    CHECK(cluster.task_count() == 4);
    CHECK(cluster.task[0].market == "SPOT");
    CHECK(cluster.configurations.spark_defaults.size() == 1);
  }

  TEST_CASE("an EMR cluster with instance fleets counts nodes by weighted capacity") {
    EmrCluster cluster = parse_emr_cluster(read_file(kData + "emr-cluster-fleets.json"), "f.json");
    CHECK(cluster.fleets);
    CHECK(cluster.release_label == "emr-6.15.0");
    CHECK(cluster.primary_instance_type() == "m5.xlarge");
    CHECK(cluster.core_instance_type() == "m5.4xlarge");
    CHECK(cluster.core_count() == 2);
    CHECK(cluster.core->other_instance_types == std::vector<std::string>{"m5.2xlarge"});
    CHECK(cluster.task.empty());
  }

  TEST_CASE("the create-cluster --instance-groups list form is read too") {
    EmrCluster cluster = parse_emr_cluster(read_file(kData + "emr-create-groups.json"), "g.json");
    CHECK(cluster.release_label.empty());
    CHECK(cluster.core_instance_type() == "m5.2xlarge");
    CHECK(cluster.core_count() == 5);
    CHECK(cluster.task_instance_type() == "c5.2xlarge");
    CHECK(cluster.task_count() == 5);
  }

  TEST_CASE("EMR cluster errors point at the wrong value") {
    CHECK(
        cluster_error("[{\"InstanceGroupType\": \"CORE\", \"InstanceType\": \"m5.xlarge\", \"InstanceCount\": 2.5}]") ==
        "cluster.json:1:78: error: \"InstanceCount\" must be a whole number of instances, got 2.5\n"
        "[{\"InstanceGroupType\": \"CORE\", \"InstanceType\": \"m5.xlarge\", \"InstanceCount\": 2.5}]\n"
        "                                                                             ^");
    CHECK(
        cluster_error("[{\"InstanceGroupType\": \"WORKER\", \"InstanceType\": \"m5.xlarge\", \"InstanceCount\": 2}]") ==
        "cluster.json:1:24: error: \"InstanceGroupType\" must be MASTER, CORE or TASK, got \"WORKER\"\n"
        "[{\"InstanceGroupType\": \"WORKER\", \"InstanceType\": \"m5.xlarge\", \"InstanceCount\": 2}]\n"
        "                       ^");
    CHECK(cluster_error("{\"Cluster\": {\"ReleaseLabel\": \"emr-7.1.0\"}}") ==
          "cluster.json:1:13: error: cluster description has neither \"InstanceGroups\" nor "
          "\"InstanceFleets\"\n"
          "{\"Cluster\": {\"ReleaseLabel\": \"emr-7.1.0\"}}\n"
          "            ^");
    CHECK(cluster_error("[{\"InstanceGroupType\": \"CORE\", \"InstanceCount\": 2}]") ==
          "cluster.json:1:2: error: an instance group has no \"InstanceType\"\n"
          "[{\"InstanceGroupType\": \"CORE\", \"InstanceCount\": 2}]\n"
          " ^");
  }

  TEST_CASE("the known-keys table has the sizing keys with Spark's types, units and defaults") {
    CHECK(known_key_names().size() >= 150);
    const KnownKey* memory = find_known_key("spark.executor.memory");
    REQUIRE(memory);
    CHECK(memory->type == KeyType::size);
    CHECK(memory->bare_unit_bytes == units::kMiB);
    CHECK(memory->default_value == "1g");
    const KnownKey* max_partition = find_known_key("spark.sql.files.maxPartitionBytes");
    REQUIRE(max_partition);
    CHECK(max_partition->bare_unit_bytes == 1);
    CHECK(units::parse_spark_size(max_partition->default_value, max_partition->bare_unit_bytes) == 128 * units::kMiB);
    CHECK(find_known_key("spark.kryoserializer.buffer.max")->bare_unit_bytes == units::kMiB);
    CHECK(find_known_key("spark.kryoserializer.buffer")->bare_unit_bytes == units::kKiB);
    CHECK(find_known_key("spark.sql.shuffle.partitions")->default_value == "200");
    CHECK(find_known_key("spark.network.timeout")->type == KeyType::duration);
    CHECK(find_known_key("spark.sql.adaptive.enabled")->type == KeyType::boolean);
    CHECK(find_known_key("spark.executor.memoryOverheadFactor")->type == KeyType::number);
    CHECK(find_known_key("spark.hadoop.fs.s3a.connection.maximum") == nullptr);
    CHECK(is_free_form_key("spark.hadoop.fs.s3a.connection.maximum"));
    CHECK(is_free_form_key("spark.executorEnv.JAVA_HOME"));
    CHECK(is_free_form_key("spark.sql.catalog.glue_catalog"));
    CHECK_FALSE(is_free_form_key("spark.executor.memory"));
  }

  TEST_CASE("every size default in the known-keys table reads with Spark's own size rules") {
    for (const std::string& name : known_key_names()) {
      const KnownKey* key = find_known_key(name);
      REQUIRE(key);
      CAPTURE(name);
      CHECK(name.rfind("spark.", 0) == 0);
      if (key->type == KeyType::size && !key->default_value.empty())
        CHECK_NOTHROW(units::parse_spark_size(key->default_value, key->bare_unit_bytes));
      if (key->type == KeyType::size) CHECK(key->bare_unit_bytes > 0);
      if (key->type == KeyType::duration) CHECK_FALSE(key->bare_time_unit.empty());
    }
  }

  TEST_CASE("a Glue job from get-job: capacity, arguments and the --conf settings with their places") {
    const std::string text =
        "{\"Job\": {\"Name\": \"orders\", \"Role\": \"r\", \"CreatedOn\": \"2026-01-01T00:00:00Z\",\n"
        " \"Command\": {\"Name\": \"glueetl\", \"ScriptLocation\": \"s3://b/orders.py\"},\n"
        " \"DefaultArguments\": {\"--conf\": \"spark.sql.shuffle.partitions=400 --conf spark.executor.memory=14g\",\n"
        "                      \"--enable-auto-scaling\": \"true\", \"--executor-cores\": \"8\"},\n"
        " \"GlueVersion\": \"4.0\", \"WorkerType\": \"G.2X\", \"NumberOfWorkers\": 10, \"ExecutionClass\": \"FLEX\",\n"
        " \"SomeFutureField\": {\"x\": 1}}}";
    GlueJob job = parse_glue_job(text, "job.json");
    CHECK(job.name == "orders");
    CHECK(job.command == "glueetl");
    CHECK(job.language == "python");
    CHECK(job.glue_version == "4.0");
    CHECK(job.worker_type == "G.2X");
    CHECK(job.workers == 10);
    CHECK(job.execution_class == "FLEX");
    CHECK(job.auto_scaling == true);
    CHECK(job.executor_cores == 8);
    REQUIRE(job.settings.size() == 2);
    CHECK(job.settings[0].key == "spark.sql.shuffle.partitions");
    CHECK(job.settings[0].value == "400");
    CHECK(job.settings[0].where.line == 3);
    CHECK(job.settings[0].where.column == 34);
    CHECK(job.settings[1].key == "spark.executor.memory");
    CHECK(job.settings[1].where.column == 74);
    CHECK(job.where_worker_type.line == 5);
    // The create-job input form (the job object itself) reads the same.
    GlueJob bare = parse_glue_job("{\"Name\": \"x\", \"GlueVersion\": \"1.0\", \"MaxCapacity\": 10.0}", "j.json");
    CHECK(bare.worker_type.empty());
    CHECK(bare.max_capacity == 10.0);
  }

  TEST_CASE("every Glue job field Glue would reject is an error at its value") {
    auto first_line = [](const std::string& text) {
      std::string error = glue_error(text);
      return error.substr(0, error.find('\n'));
    };
    CHECK(first_line("{\"Job\": {\"ExecutionClass\": \"flex\"}}") ==
          "job.json:1:28: error: \"ExecutionClass\" must be STANDARD or FLEX, got \"flex\"");
    CHECK(first_line("{\"Job\": {\"DefaultArguments\": {\"--executor-cores\": \"0\"}}}") ==
          "job.json:1:51: error: \"--executor-cores\" must be a whole number of tasks per executor, got \"0\"");
    CHECK(first_line("{\"Job\": {\"MaxCapacity\": \"10\"}}") ==
          "job.json:1:25: error: \"MaxCapacity\" must be a number of DPUs, got a string");
    CHECK(first_line("{\"Job\": {\"DefaultArguments\": [\"--conf\"]}}") ==
          "job.json:1:30: error: \"DefaultArguments\" must be an object of job arguments, got a list");
    CHECK(first_line("{\"Job\": 3}") == "job.json:1:9: error: \"Job\" must be an object, got a number");
    CHECK(first_line("{\"Job\": {\"Command\": \"glueetl\"}}") ==
          "job.json:1:21: error: \"Command\" must be an object, got a string");
    CHECK(first_line("{\"Job\": {\"DefaultArguments\": {\"--conf\": \"\"}}}") ==
          "job.json:1:42: error: \"--conf\" is empty: expected key=value");
    CHECK(first_line("{\"Job\": {\"DefaultArguments\": {\"--conf\": \"a=1 --conf\"}}}") ==
          "job.json:1:52: error: '--conf' at the end is missing its key=value");
    CHECK(first_line("{\"Job\": {\"DefaultArguments\": {\"--job-language\": \"java\"}}}") ==
          "job.json:1:49: error: \"--job-language\" must be python or scala, got \"java\"");
    CHECK(first_line("{\"Job\": {\"NumberOfWorkers\": 1e9}}") ==
          "job.json:1:29: error: \"NumberOfWorkers\" must be a whole number from 1 to 100000, got 1e9");
    CHECK(first_line("") == "job.json:1:1: error: empty document: expected a JSON value");
  }

  TEST_CASE("Glue job errors point at the wrong value") {
    CHECK(glue_error("{\"Job\": {\"WorkerTyp\": \"G.1X\"}}") ==
          "job.json:1:10: error: unknown key 'WorkerTyp' in a Glue job (did you mean 'WorkerType'?)\n"
          "{\"Job\": {\"WorkerTyp\": \"G.1X\"}}\n"
          "         ^");
    CHECK(glue_error("{\"Job\": {\"NumberOfWorkers\": \"ten\"}}") ==
          "job.json:1:29: error: \"NumberOfWorkers\" must be a whole number from 1 to 100000, got a string\n"
          "{\"Job\": {\"NumberOfWorkers\": \"ten\"}}\n"
          "                            ^");
    CHECK(glue_error("{\"DefaultArguments\": {\"--conf\": \"spark.sql.shuffle.partitions\"}}") ==
          "job.json:1:34: error: --conf entry 'spark.sql.shuffle.partitions' is not key=value\n"
          "{\"DefaultArguments\": {\"--conf\": \"spark.sql.shuffle.partitions\"}}\n"
          "                                 ^");
    CHECK(
        glue_error("{\"DefaultArguments\": {\"--conf\": \"a.b=1 c.d=2\"}}") ==
        "job.json:1:40: error: expected --conf before 'c.d=2': Glue hands the value to spark-submit as is, so settings "
        "are joined by ' --conf '\n"
        "{\"DefaultArguments\": {\"--conf\": \"a.b=1 c.d=2\"}}\n"
        "                                       ^");
    CHECK(glue_error("{\"DefaultArguments\": {\"--enable-auto-scaling\": \"yes\"}}") ==
          "job.json:1:48: error: \"--enable-auto-scaling\" must be \"true\" or \"false\", got \"yes\"\n"
          "{\"DefaultArguments\": {\"--enable-auto-scaling\": \"yes\"}}\n"
          "                                               ^");
    CHECK(glue_error("{\"DefaultArguments\": {\"--executor-cores\": 8}}") ==
          "job.json:1:43: error: job argument \"--executor-cores\" must be a string (Glue passes arguments as "
          "strings), got "
          "a number\n"
          "{\"DefaultArguments\": {\"--executor-cores\": 8}}\n"
          "                                          ^");
    CHECK(glue_error("[]") ==
          "job.json:1:1: error: expected a Glue job object (aws glue get-job output), got a list\n"
          "[]\n"
          "^");
  }

  // The head of every SparkApplication below: lines 1-7.
  const std::string kAppHead =
      "apiVersion: sparkoperator.k8s.io/v1beta2\n"
      "kind: SparkApplication\n"
      "metadata:\n"
      "  name: orders\n"
      "spec:\n"
      "  type: Scala\n"
      "  sparkVersion: \"3.5.1\"\n";

  const Setting* setting_of(const std::vector<Setting>& settings, const std::string& key) {
    for (const Setting& s : settings)
      if (s.key == key) return &s;
    return nullptr;
  }

  TEST_CASE("a SparkApplication becomes the settings the operator passes, in its order, with their places") {
    const std::string text =
        "# the operator's example, grown\n"
        "apiVersion: sparkoperator.k8s.io/v1beta2\n"
        "kind: SparkApplication\n"
        "metadata:\n"
        "  name: orders-enrich\n"
        "spec:\n"
        "  type: Python\n"
        "  mode: cluster\n"
        "  mainApplicationFile: local:///opt/jobs/enrich.py\n"
        "  sparkVersion: 3.5.1\n"
        "  memoryOverheadFactor: \"0.2\"\n"
        "  sparkConf:\n"
        "    spark.executor.memory: \"8g\"\n"
        "    \"spark.sql.shuffle.partitions\": '400'\n"
        "  volumes: [{name: scratch, emptyDir: {}}]\n"
        "  driver:\n"
        "    cores: 2\n"
        "    coreRequest: \"1500m\"\n"
        "    memory: 4g\n"
        "    labels: {team: data}\n"
        "  executor:\n"
        "    instances: 5\n"
        "    cores: 4\n"
        "    coreLimit: \"4\"\n"
        "    memory: \"16g\"\n"
        "    memoryOverhead: 4g\n"
        "    javaOptions: \"-XX:+UseG1GC\"\n"
        "    securityContext: {runAsUser: 185}\n"
        "  dynamicAllocation:\n"
        "    enabled: true\n"
        "    maxExecutors: 20\n";
    SparkApplication app = parse_spark_application(text, "app.yaml");
    CHECK(app.name == "orders-enrich");
    CHECK(app.type == "Python");
    CHECK(app.non_jvm());
    CHECK(app.spark_version == "3.5.1");  // plain 3.5.1 is a string to YAML: two dots are no number
    CHECK(app.application == "local:///opt/jobs/enrich.py");
    CHECK(app.where_application.line == 9);
    CHECK(app.where_application.column == 24);
    std::vector<std::string> order;
    for (const Setting& s : app.settings) order.push_back(s.key + "=" + s.value);
    CHECK(order ==
          std::vector<std::string>{"spark.submit.deployMode=cluster", "spark.kubernetes.memoryOverheadFactor=0.2",
                                   "spark.executor.memory=8g", "spark.sql.shuffle.partitions=400",
                                   "spark.driver.cores=2", "spark.kubernetes.driver.request.cores=1500m",
                                   "spark.driver.memory=4g", "spark.executor.instances=5", "spark.executor.cores=4",
                                   "spark.kubernetes.executor.limit.cores=4", "spark.executor.memory=16g",
                                   "spark.executor.memoryOverhead=4g", "spark.executor.extraJavaOptions=-XX:+UseG1GC",
                                   "spark.dynamicAllocation.enabled=true", "spark.dynamicAllocation.maxExecutors=20",
                                   "spark.dynamicAllocation.shuffleTracking.enabled=true"});
    for (const Setting& s : app.settings) {
      CHECK(s.source == "SparkApplication");
      CHECK(s.where.file == "app.yaml");
      CHECK(s.precedence == (s.key == "spark.submit.deployMode" ? kPrecedenceFlag : kPrecedenceConf));
    }
    // sparkConf entries are placed at their keys, spec fields at their values.
    const Setting& conf_memory = app.settings[2];
    CHECK(conf_memory.where.line == 13);
    CHECK(conf_memory.where.column == 5);
    CHECK(conf_memory.where.source_line == "    spark.executor.memory: \"8g\"");
    const Setting& executor_memory = app.settings[10];
    CHECK(executor_memory.where.line == 25);
    CHECK(executor_memory.where.column == 13);
    // The operator passes spec.executor.memory after sparkConf, so it wins.
    std::vector<Setting> all = app.defaults;
    all.insert(all.end(), app.settings.begin(), app.settings.end());
    std::vector<Setting> effective = effective_settings(all);
    CHECK(find_setting(effective, "spark.executor.memory")->value == "16g");
    // The webhook's defaults stand only where nothing else is set; with dynamic allocation on, no
    // default executor instance.
    CHECK(find_setting(effective, "spark.driver.memory")->value == "4g");
    CHECK(setting_of(app.defaults, "spark.executor.instances") == nullptr);
    for (const Setting& s : app.defaults) {
      CHECK(s.source == "Spark Operator default");
      CHECK(s.precedence == kPrecedencePlatformDefault);
      CHECK(s.where.file.empty());
    }
  }

  TEST_CASE("the operator's defaults and its dynamic allocation switches, as the operator applies them") {
    SparkApplication bare = parse_spark_application(kAppHead, "app.yaml");
    std::vector<std::string> defaults;
    for (const Setting& s : bare.defaults) defaults.push_back(s.key + "=" + s.value);
    CHECK(defaults == std::vector<std::string>{"spark.submit.deployMode=cluster", "spark.driver.cores=1",
                                               "spark.driver.memory=1g", "spark.executor.cores=1",
                                               "spark.executor.memory=1g", "spark.executor.instances=1"});
    CHECK(bare.settings.empty());
    CHECK_FALSE(bare.non_jvm());
    CHECK(bare.where_application.line == 5);  // no application file: the spec stands in

    // Tracking switched off explicitly (operator 2.1+), and a timeout in milliseconds.
    SparkApplication off = parse_spark_application(kAppHead +
                                                       "  dynamicAllocation:\n"
                                                       "    enabled: true\n"
                                                       "    shuffleTrackingEnabled: false\n"
                                                       "    shuffleTrackingTimeout: 600000\n",
                                                   "app.yaml");
    const Setting* tracking = setting_of(off.settings, "spark.dynamicAllocation.shuffleTracking.enabled");
    REQUIRE(tracking);
    CHECK(tracking->value == "false");
    CHECK(tracking->where.line == 10);
    CHECK(setting_of(off.settings, "spark.dynamicAllocation.shuffleTracking.timeout")->value == "600000");

    // Disabled: the operator passes nothing of it, and the executor instance default stands.
    SparkApplication disabled = parse_spark_application(kAppHead +
                                                            "  dynamicAllocation:\n"
                                                            "    enabled: false\n"
                                                            "    maxExecutors: 20\n",
                                                        "app.yaml");
    CHECK(disabled.settings.empty());
    CHECK(setting_of(disabled.defaults, "spark.executor.instances"));

    // The webhook looks sparkConf up under the lower-case key, so the real one keeps the default
    // executor instance; the lower-case one (which Spark itself ignores) drops it.
    SparkApplication conf = parse_spark_application(kAppHead +
                                                        "  sparkConf:\n"
                                                        "    spark.dynamicAllocation.enabled: \"true\"\n",
                                                    "app.yaml");
    CHECK(setting_of(conf.defaults, "spark.executor.instances"));
    SparkApplication lower = parse_spark_application(kAppHead +
                                                         "  sparkConf:\n"
                                                         "    spark.dynamicallocation.enabled: \"true\"\n",
                                                     "app.yaml");
    CHECK(setting_of(lower.defaults, "spark.executor.instances") == nullptr);
  }

  TEST_CASE("a manifest with other resources: the one SparkApplication in it is read") {
    const std::string text =
        "apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: spark}\n---\n" + kAppHead + "  executor: {cores: 3}\n";
    SparkApplication app = parse_spark_application(text, "app.yaml");
    CHECK(app.name == "orders");
    REQUIRE(app.settings.size() == 1);
    CHECK(app.settings[0].where.line == 12);
    CHECK(app_error("apiVersion: v1\nkind: ServiceAccount\n---\napiVersion: v1\nkind: Role\n") ==
          "app.yaml:1:1: error: none of the file's 2 documents is a SparkApplication\n"
          "apiVersion: v1\n"
          "^");
    CHECK(app_error(kAppHead + "---\n" + kAppHead) ==
          "app.yaml:9:1: error: a second SparkApplication (the first starts on line 1); review one at a time\n"
          "apiVersion: sparkoperator.k8s.io/v1beta2\n"
          "^");
    CHECK(app_error("") == "app.yaml: error: the file is empty; expected a SparkApplication");
  }

  TEST_CASE("SparkApplication errors name the place, as Kubernetes would reject the resource") {
    CHECK(app_error("- a\n- b\n") ==
          "app.yaml:1:1: error: expected a SparkApplication (a mapping with apiVersion, kind and spec), got a list\n"
          "- a\n"
          "^");
    CHECK(app_error("apiVersion: apps/v1\nkind: Deployment\nspec: {}\n") ==
          "app.yaml:2:7: error: kind is 'Deployment', expected SparkApplication (the Spark Operator's resource)\n"
          "kind: Deployment\n"
          "      ^");
    CHECK(app_error("apiVersion: sparkoperator.k8s.io/v1beta1\nkind: SparkApplication\nspec: {}\n") ==
          "app.yaml:1:13: error: apiVersion 'sparkoperator.k8s.io/v1beta1' is not the one sparkfit reads; expected "
          "sparkoperator.k8s.io/v1beta2\n"
          "apiVersion: sparkoperator.k8s.io/v1beta1\n"
          "            ^");
    CHECK(app_error("apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\n") ==
          "app.yaml:1:1: error: the SparkApplication has no spec\n"
          "apiVersion: sparkoperator.k8s.io/v1beta2\n"
          "^");
    CHECK(app_error("apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nspec:\n  type: Scala\n") ==
          "app.yaml:3:1: error: missing key 'sparkVersion' in spec (the SparkApplication CRD requires it)\n"
          "spec:\n"
          "^");
    // A key one typo away from a field the operator reads is a mistake; any other is left alone.
    CHECK(app_error(kAppHead + "  executor:\n    memroy: 4g\n") ==
          "app.yaml:9:5: error: unknown key 'memroy' in spec.executor (did you mean 'memory'?)\n"
          "    memroy: 4g\n"
          "    ^");
    CHECK(app_error(kAppHead + "  sparkConfg:\n    a: b\n") ==
          "app.yaml:8:3: error: unknown key 'sparkConfg' in spec (did you mean 'sparkConf'?)\n"
          "  sparkConfg:\n"
          "  ^");
    CHECK(app_error(kAppHead + "  dynamicAllocation:\n    maxExecutor: 4\n") ==
          "app.yaml:9:5: error: unknown key 'maxExecutor' in spec.dynamicAllocation (did you mean 'maxExecutors'?)\n"
          "    maxExecutor: 4\n"
          "    ^");
    CHECK_NOTHROW(parse_spark_application(kAppHead + "  executor:\n    someFutureField: {x: 1}\n", "app.yaml"));
    CHECK(app_error(kAppHead + "  executor:\n    cores: 2\n    cores: 3\n") ==
          "app.yaml:10:5: error: key 'cores' is given twice in spec.executor (first on line 9)\n"
          "    cores: 3\n"
          "    ^");
    // Types as the CRD has them: integers unquoted, strings quoted when they look like numbers.
    CHECK(app_error(kAppHead + "  executor:\n    cores: \"4\"\n") ==
          "app.yaml:9:12: error: spec.executor.cores must be a whole number, got the string \"4\"\n"
          "    cores: \"4\"\n"
          "           ^");
    CHECK(app_error(kAppHead + "  executor:\n    instances: 0\n") ==
          "app.yaml:9:16: error: spec.executor.instances must be a whole number from 1 to 2147483647, got 0\n"
          "    instances: 0\n"
          "               ^");
    CHECK(app_error(kAppHead + "  driver:\n    coreLimit: 1\n") ==
          "app.yaml:9:16: error: spec.driver.coreLimit must be a string, got the number 1: quote it (\"1\")\n"
          "    coreLimit: 1\n"
          "               ^");
    CHECK(
        app_error(kAppHead + "  sparkConf:\n    spark.dynamicAllocation.enabled: true\n") ==
        "app.yaml:9:38: error: sparkConf value of 'spark.dynamicAllocation.enabled' must be a string, got the boolean "
        "true: quote it (\"true\")\n"
        "    spark.dynamicAllocation.enabled: true\n"
        "                                     ^");
    CHECK(app_error(kAppHead + "  dynamicAllocation:\n    enabled: \"true\"\n") ==
          "app.yaml:9:14: error: spec.dynamicAllocation.enabled must be true or false, got the string \"true\"\n"
          "    enabled: \"true\"\n"
          "             ^");
    CHECK(app_error(kAppHead + "  executor: 4\n") ==
          "app.yaml:8:13: error: spec.executor must be a mapping, got the number 4\n"
          "  executor: 4\n"
          "            ^");
    CHECK(
        app_error(kAppHead + "  executor:\n    coreRequest: \"2 cores\"\n") ==
        "app.yaml:9:18: error: spec.executor.coreRequest must be a CPU quantity such as 2, 0.5 or 500m, got '2 cores'\n"
        "    coreRequest: \"2 cores\"\n"
        "                 ^");
    CHECK(app_error("apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nspec:\n  type: Scala\n"
                    "  sparkVersion: 3.5\n") ==
          "app.yaml:5:17: error: spec.sparkVersion must be a string, got the number 3.5: quote it (\"3.5\")\n"
          "  sparkVersion: 3.5\n"
          "                ^");
    CHECK(
        app_error("apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nspec:\n  type: Pyhton\n"
                  "  sparkVersion: \"3.5.1\"\n") ==
        "app.yaml:4:9: error: spec.type must be one of Java, Python, Scala, R, got 'Pyhton' (did you mean 'Python'?)\n"
        "  type: Pyhton\n"
        "        ^");
    CHECK(
        app_error(kAppHead + "  mode: client\n") ==
        "app.yaml:8:9: error: spec.mode 'client' is not implemented by the Spark Operator, whose driver always runs in "
        "a pod of its own; set mode: cluster\n"
        "  mode: client\n"
        "        ^");
    CHECK(app_error(kAppHead + "  executor: [a, b\n") ==
          "app.yaml:9:1: error: invalid YAML: end of sequence flow not found");
  }

  TEST_CASE("Kubernetes CPU quantities read as cores") {
    CHECK(parse_cpu_quantity("2") == 2.0);
    CHECK(parse_cpu_quantity("0.5") == 0.5);
    CHECK(parse_cpu_quantity(".5") == 0.5);
    CHECK(parse_cpu_quantity("1200m") == doctest::Approx(1.2));
    CHECK(parse_cpu_quantity(" 3500m ") == doctest::Approx(3.5));
    CHECK_FALSE(parse_cpu_quantity("0"));
    CHECK_FALSE(parse_cpu_quantity("2 cores"));
    CHECK_FALSE(parse_cpu_quantity("-1"));
    CHECK_FALSE(parse_cpu_quantity("1Gi"));
    CHECK_FALSE(parse_cpu_quantity(""));
  }

  TEST_CASE("a stream of endless YAML documents is an error, not a hang (found by fuzzing)") {
    std::string many;
    for (int i = 0; i < 1001; ++i) many += "---\n";
    CHECK(app_error(many) == "app.yaml: error: more than 1000 YAML documents; is this the right file?");
  }
}  // TEST_SUITE
