// review --serverless-job: EMR Serverless job runs read from their JSON, with every bad input named
// at file:line:col, and judged against the worker sizes EMR Serverless offers.
#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "sparkfit/review/serverless_job.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace sparkfit;
using namespace sparkfit::testing;

namespace {

// `sparkfit review --serverless-job run.json` on `text`, from the file's own folder.
CommandRun review_of(const std::string& name, const std::string& text, const std::string& format = "text") {
  const fs::path dir = scratch_dir("serverless-" + name);
  write_file(dir / "run.json", text);
  return run_sparkfit({"review", "--format", format, "--serverless-job", "run.json"}, dir);
}

std::string run_with(const std::string& parameters) {
  return "{\n  \"name\": \"nightly\",\n  \"jobDriver\": {\n    \"sparkSubmit\": {\n      \"entryPoint\": "
         "\"s3://bucket/app.py\",\n      \"sparkSubmitParameters\": \"" +
         parameters + "\"\n    }\n  }\n}\n";
}

}  // namespace

TEST_SUITE("review") {
  TEST_CASE("a Serverless job run's settings come from sparkSubmitParameters over its spark-defaults") {
    const review::ServerlessJob job = review::parse_serverless_job(
        R"({"jobRun": {"releaseLabel": "emr-7.1.0", "state": "SUCCESS", "jobDriver": {"sparkSubmit": {)"
        R"("entryPoint": "s3://b/a.jar", "sparkSubmitParameters": "--class Main --conf spark.executor.cores=8"}},)"
        "\n"
        R"("configurationOverrides": {"applicationConfiguration": [{"classification": "spark-defaults",)"
        R"( "properties": {"spark.executor.cores": "2"}}, {"classification": "spark-driver-log4j2", "properties": {}}]}}})",
        "run.json");
    CHECK(job.release_label == "emr-7.1.0");
    CHECK(job.entry_point == "s3://b/a.jar");
    REQUIRE(job.settings.size() == 2);
    CHECK(job.settings[0].key == "spark.executor.cores");
    CHECK(job.settings[0].value == "2");
    CHECK(job.settings[0].source == "Serverless spark-defaults");
    CHECK(job.settings[0].where.line == 2);
    CHECK(job.settings[1].value == "8");
    CHECK(job.settings[1].where.line == 1);
    CHECK(job.settings[1].where.column == 168);  // the key's column in the JSON string
    CHECK(spark_conf::effective_settings(job.settings).front().value == "8");
  }

  TEST_CASE("bad Serverless job files are named at file, line and column with what was expected") {
    CHECK(review_of("bad-json", "{\n  \"jobDriver\": {\n    \"sparkSubmit\": {}\n").err ==
          "run.json:4:1: error: unexpected end of input: expected ',' or '}' after an object member\n");
    CHECK(review_of("wrong-type", run_with("x").replace(run_with("x").find("\"x\""), 3, "[\"--conf\"]")).err ==
          "run.json:6:32: error: \"sparkSubmitParameters\" must be a string of spark-submit options, got a list\n"
          "      \"sparkSubmitParameters\": [\"--conf\"]\n"
          "                               ^\n");
    CHECK(review_of("no-equals", run_with("--conf spark.executor.cores=4 --conf spark.executor.memory")).err ==
          "run.json:6:70: error: sparkSubmitParameters: --conf value 'spark.executor.memory' has no '=' (expected "
          "--conf key=value)\n"
          "      \"sparkSubmitParameters\": \"--conf spark.executor.cores=4 --conf spark.executor.memory\"\n"
          "                                                                     ^\n");
    CHECK(review_of("stray-word", run_with("--conf spark.executor.cores=4 app.py")).err ==
          "run.json:6:63: error: sparkSubmitParameters holds spark-submit options only, and 'app.py' is none: EMR "
          "Serverless takes the application from entryPoint and its arguments from entryPointArguments\n"
          "      \"sparkSubmitParameters\": \"--conf spark.executor.cores=4 app.py\"\n"
          "                                                              ^\n");
    CHECK(review_of("typo", "{\n  \"jobDrivr\": {}\n}\n").err ==
          "run.json:2:3: error: unknown key 'jobDrivr' in an EMR Serverless job run (did you mean 'jobDriver'?)\n"
          "  \"jobDrivr\": {}\n"
          "  ^\n");
    CHECK(review_of("not-object", "[1]\n")
              .err.rfind("run.json:1:1: error: expected an EMR Serverless job run object", 0) == 0);
    CHECK(review_of("hive", "{\"jobDriver\": {\"hive\": {\"query\": \"s3://q.sql\"}}}\n")
              .err.rfind("run.json:1:15: error: this is a Hive job (jobDriver.hive), not a Spark job", 0) == 0);
    CHECK(
        review_of("property-number",
                  "{\"jobDriver\": {\"sparkSubmit\": {}},\n\"configurationOverrides\": {\"applicationConfiguration\": "
                  "[{\"classification\": \"spark-defaults\", \"properties\": {\"spark.executor.memory\": 16}}]}}\n")
            .err.rfind("run.json:2:134: error: spark-defaults property \"spark.executor.memory\" must be a string",
                       0) == 0);
    const CommandRun empty = review_of("empty", "  \n");
    CHECK(empty.code == 2);
    CHECK(empty.err ==
          "sparkfit: error: --serverless-job: 'run.json' is empty; expected an EMR Serverless job run (StartJobRun "
          "JSON)\n");
    const fs::path dir = scratch_dir("serverless-directory");
    fs::create_directories(dir / "run.json");
    CHECK(run_sparkfit({"review", "--serverless-job", "run.json"}, dir).err ==
          "sparkfit: error: --serverless-job: 'run.json' is a directory; expected a file holding an EMR Serverless "
          "job run (StartJobRun JSON)\n");
  }

  TEST_CASE("a key of a newer Serverless API is left alone, as for a Glue job") {
    const CommandRun r = review_of("new-key", "{\"somethingNew\": 1, \"jobDriver\": {\"sparkSubmit\": {}}}\n");
    CHECK(r.code == 0);
    CHECK(r.err.empty());
  }

  TEST_CASE("recommend's serverless-json, its comment line included, is what review reads") {
    const CommandRun planned = run_sparkfit({"recommend", kSourceDir + "/examples/jobs/nightly-orders.yaml",
                                             "--platform", "emr-serverless", "--format", "serverless-json"});
    REQUIRE(planned.code == 0);
    CHECK(planned.out.rfind("# aws emr-serverless start-job-run", 0) == 0);
    const CommandRun r = review_of("recommended", planned.out);
    CHECK(r.code == 0);
    CHECK(r.out.find("spark.dynamicAllocation.initialExecutors=") != std::string::npos);
    CHECK(r.out.find("(--conf, run.json:") != std::string::npos);
  }

  TEST_CASE("a Serverless executor outside the worker sizes is an error naming the sizes allowed") {
    const CommandRun cores = review_of("three-cores", run_with("--conf spark.executor.cores=3"));
    CHECK(cores.code == 1);
    CHECK(cores.out.rfind("run.json:6:40: error: spark.executor.cores=3: each executor runs on an EMR Serverless "
                          "worker of its own, and a worker has 1, 2, 4, 8 or 16 vCPUs [SF4029]\n",
                          0) == 0);
    const CommandRun memory =
        review_of("one-vcpu-32g", run_with("--conf spark.executor.cores=1 --conf spark.executor.memory=32g"));
    CHECK(memory.code == 1);
    CHECK(memory.out.rfind(
              "run.json:6:70: error: each executor needs a worker of 36 GB (heap 32768 MiB + overhead 3276 MiB = "
              "36044 MiB), and a 1-vCPU worker has 2-8 GB in 1 GB steps: a heap of 641m to 7448m fits it [SF4030]\n",
              0) == 0);
    // The driver is a worker too: 14g by default, too much for 2 vCPUs' 16 GB? 14336 + 1433 MiB = 16 GB: it fits.
    CHECK(review_of("driver-two", run_with("--conf spark.driver.cores=2")).code == 0);
    const CommandRun driver = review_of("driver-one", run_with("--conf spark.driver.cores=1"));
    CHECK(driver.out.rfind("run.json:6:40: error: the driver needs a worker of 16 GB (heap 14336 MiB + overhead 1433 "
                           "MiB = 15769 MiB), and a 1-vCPU worker has 2-8 GB in 1 GB steps",
                           0) == 0);
  }

  TEST_CASE("a Serverless job is reviewed on its own") {
    const fs::path dir = scratch_dir("serverless-alone");
    write_file(dir / "run.json", run_with("--conf spark.executor.cores=4"));
    CHECK(run_sparkfit({"review", "--serverless-job", "run.json", "--nodes", "4"}, dir)
              .err.rfind("sparkfit: error: --serverless-job: each executor and the driver run on a worker", 0) == 0);
    CHECK(run_sparkfit({"review", "--serverless-job", "run.json", "--", "spark-submit", "app.jar"}, dir)
              .err.rfind("sparkfit: error: --serverless-job is reviewed on its own", 0) == 0);
    CHECK(run_sparkfit({"review", "--platform", "emr-serverless", "--", "spark-submit", "app.jar"}, dir)
              .err.rfind("sparkfit: error: review --platform emr-serverless reviews an EMR Serverless job run", 0) ==
          0);
    CHECK(run_sparkfit({"review", "--platform", "emr-serverless", "--serverless-job", "run.json"}, dir).code == 0);
  }
}
