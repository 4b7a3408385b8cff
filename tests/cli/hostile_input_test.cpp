// Inputs that are not what a flag takes, and inputs built to hurt: each gets one clear, short
// message at its place, and nothing of it reaches the terminal raw.
#include <doctest/doctest.h>

#include "support/test_support.hpp"

using namespace sparkfit;
using namespace sparkfit::testing;

namespace {

CommandRun review_with(const std::string& flag, const std::filesystem::path& file) {
  return run_sparkfit({"review", flag, file.string()}, file.parent_path());
}

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("review refuses a directory or an empty file for every document flag, naming flag and file") {
    const std::filesystem::path dir = scratch_dir("review-dir");
    for (const std::string flag : {"--submit-file", "--conf-file", "--emr-config", "--glue-job", "--k8s-app"}) {
      CommandRun run = review_with(flag, dir);
      CHECK(run.code == 2);
      CHECK(run.err.find(flag + ": '" + dir.string() + "' is a directory; expected a file holding ") !=
            std::string::npos);
    }
    const std::filesystem::path empty = scratch_path("empty.conf");
    write_file(empty, "  \n");
    CommandRun run = review_with("--conf-file", empty);
    CHECK(run.code == 2);
    CHECK(run.err == "sparkfit: error: --conf-file: '" + empty.string() +
                         "' is empty; expected spark-defaults lines: 'spark.key value', 'spark.key=value' or # "
                         "comments\n");
  }

  TEST_CASE("binary data is refused at its first bad byte, escaped") {
    const std::filesystem::path file = scratch_path("binary.conf");
    write_file(file, std::string("spark.executor.memory 4g\nab\x1b[2J\0x\n", 35));
    CommandRun run = review_with("--conf-file", file);
    CHECK(run.code == 2);
    CHECK(run.err == file.string() +
                         ":2:3: error: --conf-file: binary data (byte \\x1b), not a text file; expected "
                         "spark-defaults lines: 'spark.key value', 'spark.key=value' or # comments\n"
                         "ab\\x1b[2J\\x00x\n"
                         "  ^\n");
    CHECK(run.err.find('\x1b') == std::string::npos);
  }

  TEST_CASE("a file that sets no Spark key is not spark-defaults, and a file of comments sets nothing") {
    const std::filesystem::path file = scratch_path("notes.conf");
    write_file(file, "# my notes\nhello world\n");
    CommandRun run = review_with("--conf-file", file);
    CHECK(run.code == 2);
    CHECK(run.err == file.string() +
                         ":2:1: error: --conf-file: not a spark-defaults file: 'hello' is no Spark setting, and no "
                         "line sets one; expected spark-defaults lines: 'spark.key value', 'spark.key=value' or # "
                         "comments\nhello world\n^\n");
    write_file(file, "# only a comment\n");
    CHECK(review_with("--conf-file", file).err ==
          "sparkfit: error: --conf-file: '" + file.string() +
              "' holds only comments; expected spark-defaults lines: 'spark.key value', 'spark.key=value' or # "
              "comments\n");
  }

  TEST_CASE("a command that is not spark-submit or a Spark shell is refused, naming the program") {
    CommandRun run = run_sparkfit({"review", "--", "/usr/bin/python3", "job.py"});
    CHECK(run.code == 2);
    CHECK(run.err ==
          "<command line>:1:1: error: '/usr/bin/python3' is not spark-submit, pyspark, spark-shell or spark-sql; "
          "expected the command that launches the Spark application, such as 'spark-submit --executor-memory 4g "
          "app.jar'\n/usr/bin/python3 job.py\n^\n");
    CHECK(run_sparkfit({"review", "--"}).code == 3);
  }

  TEST_CASE("pyspark, spark-shell and spark-sql take spark-submit's options, and the shell's own are its arguments") {
    CommandRun run = run_sparkfit({"review", "--format", "json", "--", "/opt/spark/bin/pyspark", "--executor-memory",
                                   "4g", "--num-executors", "3"});
    CHECK(run.code == 0);
    CHECK(run.out.find("\"spark.executor.memory\": {\n      \"value\": \"4g\"") != std::string::npos);
    CHECK(run.out.find("\"spark.executor.instances\": {\n      \"value\": \"3\"") != std::string::npos);
    CommandRun sql =
        run_sparkfit({"review", "--", "spark-sql", "-e", "SELECT 1", "--database", "db", "--executor-cores", "9"});
    CHECK(sql.code == 1);
    CHECK(sql.out.find("executor uses 9 cores") != std::string::npos);
  }

  TEST_CASE("review without a cluster says which rule families it did not check, in text and JSON") {
    CommandRun run = run_sparkfit({"review", "--", "spark-submit", "--executor-cores", "4", "app.jar"});
    CHECK(run.out.find("  not checked without a cluster (--instance and --nodes, --emr-cluster, or a job spec's "
                       "platform): executor sizing against the nodes (SF2008, SF2009, SF2010); tasks against the "
                       "cluster's slots (SF3002); fit on the nodes and YARN's limits (SF4001, SF4002, SF4004, "
                       "SF4005, SF4006); cost against sparkfit's layout (SF5001)\n") != std::string::npos);
    CommandRun json = run_sparkfit({"review", "--format", "json", "--", "spark-submit", "app.jar"});
    CHECK(json.out.find("\"not_checked\": [\n    \"executor sizing against the nodes") != std::string::npos);
    CommandRun with_cluster = run_sparkfit(
        {"review", "--format", "json", "--instance", "r5.4xlarge", "--nodes", "4", "--", "spark-submit", "app.jar"});
    CHECK(with_cluster.out.find("\"not_checked\": []") != std::string::npos);
  }

  TEST_CASE("sizes of 0 get SF1004: spark-submit refuses them") {
    CommandRun run = run_sparkfit({"review", "--", "spark-submit", "--executor-cores", "0", "--num-executors", "0",
                                   "--executor-memory", "4g", "app.jar"});
    CHECK(run.code == 1);
    CHECK(run.out.find("<command line>:1:14: error: spark.executor.cores=0 is not a positive number; spark-submit "
                       "refuses it before the job starts [SF1004]") != std::string::npos);
    CHECK(run.out.find("spark.executor.instances=0 is not a positive number") != std::string::npos);
    CommandRun dynamic = run_sparkfit({"review", "--", "spark-submit", "--num-executors", "0", "--conf",
                                       "spark.dynamicAllocation.enabled=true", "app.jar"});
    CHECK(dynamic.out.find("SF1004") == std::string::npos);
  }

  TEST_CASE("terminal escapes in a value are escaped in text, markdown, SARIF and GitLab alike") {
    const std::string value = "spark.app.name=\x1b]0;pwned\x07";
    for (const std::string format : {"text", "markdown", "sarif", "gitlab", "json"}) {
      CommandRun run = run_sparkfit({"review", "--format", format, "--", "spark-submit", "--conf", value, "app.jar"});
      CHECK(run.out.find('\x1b') == std::string::npos);
      CHECK(run.out.find('\x07') == std::string::npos);
    }
    CommandRun text = run_sparkfit({"review", "--", "spark-submit", "--conf", value, "app.jar"});
    CHECK(text.out.find("    spark.app.name=\\x1b]0;pwned\\x07  (--conf, <command line>:1:21)\n") != std::string::npos);
  }

  TEST_CASE("YAML nested 100,000 deep gets one short message at its place") {
    const std::filesystem::path file = scratch_path("deep.yaml");
    write_file(file, std::string(100000, '['));
    CommandRun run = run_sparkfit({"predict", file.string()});
    CHECK(run.code == 2);
    CHECK(run.err.size() < 1024);
    CHECK(run.err.rfind(file.string() + ":1:", 0) == 0);
    CHECK(run.err.find(": error: nesting deeper than 64 levels; no sparkfit input nests this deep\n[[[") !=
          std::string::npos);
  }

  TEST_CASE("a YAML string over the limit gets one message") {
    const std::filesystem::path file = scratch_path("long.yaml");
    write_file(file, "job:\n  name: " + std::string(20000, 'x') + "\n");
    CommandRun run = run_sparkfit({"predict", file.string()});
    CHECK(run.code == 2);
    CHECK(run.err.size() < 1024);
    CHECK(run.err.rfind(file.string() + ":2:9: error: a string of 20000 characters; the limit is 16384\n", 0) == 0);
  }

  TEST_CASE("20,000 aliased observations are noted once, with the model's reason for keeping them out") {
    const std::filesystem::path file = scratch_path("aliased.yaml");
    std::string spec =
        "job:\n  name: aliased\n  input: {size: 200GB, files: 4000, file_format: parquet}\n  workload: join\n"
        "observations:\n  - &run {platform: ec2, instance_type: m5.large, nodes: 1, runtime: 25m}\n";
    for (int i = 0; i < 19999; ++i) spec += "  - *run\n";
    write_file(file, spec);
    CommandRun run = run_sparkfit({"predict", file.string(), "--instance", "m5.xlarge", "--nodes", "4"});
    const std::string note =
        "observation at line 6: the model finds that its executors do not fit on the nodes, but this run "
        "completed: the observation is kept out of the fit (and 19,999 more like it)\n";
    CHECK((run.out + run.err).find(note) != std::string::npos);
    CHECK((run.out + run.err).find("observation at line 6", (run.out + run.err).find(note) + 10) == std::string::npos);
  }
}
