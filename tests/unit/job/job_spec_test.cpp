#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <set>
#include <string>

#include "sparkfit/job/job.hpp"
#include "sparkfit/units/units.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using namespace sparkfit::job;

namespace {

// The full rendered diagnostic of a spec that must fail, or "(no error)".
std::string spec_error(const std::string& yaml) {
  return testing::error_of([&] { parse_job_spec(yaml, "job.yaml"); });
}

std::string load_error(const std::string& path) {
  return testing::error_of([&] { load_job_spec(path); });
}

const std::string kData = testing::kTestData + "/job/";

}  // namespace

TEST_SUITE("job") {
  TEST_CASE("every example job spec loads, and together they cover every workload kind") {
    const std::filesystem::path dir = std::filesystem::path(testing::kSourceDir) / "examples" / "jobs";
    std::set<Workload> kinds;
    int count = 0;
    for (const auto& file : std::filesystem::directory_iterator(dir)) {
      if (file.path().extension() != ".yaml") continue;
      CAPTURE(file.path().string());
      JobSpec spec;
      CHECK_NOTHROW(spec = load_job_spec(file.path().string()));
      CHECK(spec.input.size_bytes > 0);
      kinds.insert(spec.workload);
      ++count;
    }
    CHECK(count >= 7);
    CHECK(kinds.size() == 7);
  }

  TEST_CASE("the nightly-orders example reads as docs/interface.md describes it") {
    const std::string path = testing::kSourceDir + "/examples/jobs/nightly-orders.yaml";
    JobSpec spec = load_job_spec(path);
    CHECK(spec.name == "nightly-orders");
    CHECK(spec.source_file == path);
    CHECK(spec.input.size_bytes == 500 * units::kGiB);
    CHECK(spec.input.files == 4000);
    CHECK(spec.input.file_count() == 4000);
    CHECK(spec.input.file_format == FileFormat::parquet);
    CHECK(spec.input.compression == "snappy");
    CHECK(spec.input.splittable());
    CHECK(spec.workload == Workload::join);
    CHECK(spec.iterations == 1);
    CHECK(spec.language == Language::python);
    REQUIRE(spec.stages.size() == 4);
    CHECK(spec.stages[2].name == "join-customers");
    CHECK(spec.stages[2].kind == "join");
    CHECK(spec.stages[2].broadcast_bytes == 256 * units::kMiB);
    CHECK(spec.stages[1].shuffle_ratio == 1.0);
    CHECK(spec.stages[1].skew == 3);
    CHECK(spec.stages[0].output_ratio == doctest::Approx(0.8));
    CHECK(spec.stages[0].where.line == 12);

    CHECK(spec.objective.minimize == Minimize::cost);
    CHECK(spec.objective.deadline_s == 45 * 60);
    CHECK(spec.objective.budget_usd == 50);

    REQUIRE(spec.emr);
    CHECK(spec.emr->release == "emr-7.1.0");
    CHECK(spec.emr->instance_types == std::vector<std::string>{"r5.4xlarge", "m5.4xlarge"});
    CHECK(spec.emr->families == std::vector<std::string>{"m6g"});
    REQUIRE(spec.emr->nodes.size() == 49);
    CHECK(spec.emr->nodes.front() == 2);
    CHECK(spec.emr->nodes.back() == 50);
    CHECK(spec.emr->market == Market::on_demand);
    CHECK(spec.emr->primary_instance == "m5.xlarge");
    CHECK(spec.emr->spot_discount == 0.6);
    CHECK(spec.emr->where.line == 18);
    CHECK(spec.emr->where.column == 3);

    REQUIRE(spec.ec2);
    REQUIRE(spec.ec2->clusters.size() == 1);
    CHECK(spec.ec2->clusters[0].instance_type == "m5.xlarge");
    CHECK(spec.ec2->clusters[0].nodes == 16);

    REQUIRE(spec.yarn);
    CHECK(spec.yarn->nodes == 6);
    CHECK(spec.yarn->node_cores == 16);
    CHECK(spec.yarn->node_memory_mib == 65536);
    CHECK(spec.yarn->reserve_cores == 1);
    CHECK(spec.yarn->reserve_memory_mib == 1024);

    REQUIRE(spec.glue);
    CHECK(spec.glue->glue_version == "4.0");
    CHECK(spec.glue->worker_types == std::vector<std::string>{"G.1X", "G.2X"});
    CHECK(spec.glue->workers.size() == 99);
    CHECK(spec.glue->execution_class == "standard");

    // docs/interface.md#job-specs' third observation, an event log, is a comment here: no log of this job ships.
    REQUIRE(spec.observations.size() == 2);
    CHECK(spec.observations[0].platform == "ec2");
    CHECK(spec.observations[0].runtime_s == 25 * 60);
    CHECK(spec.observations[1].worker_type == "G.2X");
    CHECK(spec.observations[1].workers == 10);
    CHECK(spec.observations[1].dpu_seconds == 43200);
    CHECK(spec.observations[1].where.line == 25);
  }

  TEST_CASE("the process-large-dataset example names its shipped event log, from the spec's directory") {
    const std::string dir = testing::kSourceDir + "/examples/jobs/";
    JobSpec spec = load_job_spec(dir + "process-large-dataset.yaml");
    REQUIRE(spec.observations.size() == 1);
    CHECK(spec.observations[0].platform == "emr");
    CHECK(!spec.observations[0].instance_type);
    CHECK(!spec.observations[0].runtime_s);
    CHECK(spec.observations[0].event_log == dir + "runs/process-large-dataset-attempt-1.zstd");
    CHECK(std::filesystem::is_regular_file(*spec.observations[0].event_log));
    CHECK(spec.key_locations.at("observations[0].event_log").line == 22);
    CHECK(spec.key_locations.at("observations[0].event_log").column == 32);
  }

  TEST_CASE("a minimal spec takes the documented defaults") {
    JobSpec spec = parse_job_spec("job:\n  name: tiny\n", "job.yaml");
    CHECK(spec.name == "tiny");
    CHECK(spec.input.size_bytes == 0);
    CHECK(spec.input.file_format == FileFormat::parquet);
    CHECK(spec.input.compression == "snappy");
    CHECK(spec.workload == Workload::etl);
    CHECK(spec.iterations == 1);
    CHECK(spec.language == Language::scala);
    CHECK(spec.stages.empty());
    CHECK(spec.objective.minimize == Minimize::cost);
    CHECK_FALSE(spec.objective.deadline_s);
    CHECK_FALSE(spec.objective.budget_usd);
    CHECK_FALSE(spec.layout.num_executors);
    CHECK_FALSE(spec.emr);
    CHECK_FALSE(spec.yarn);
    CHECK(spec.observations.empty());
  }

  TEST_CASE("iterative-ml and graph jobs default to 10 iterations, others to 1") {
    CHECK(parse_job_spec("job: {workload: iterative-ml}", "j").iterations == 10);
    CHECK(parse_job_spec("job: {workload: graph}", "j").iterations == 10);
    CHECK(parse_job_spec("job: {workload: graph, iterations: 3}", "j").iterations == 3);
    CHECK(parse_job_spec("job: {workload: sort}", "j").iterations == 1);
  }

  TEST_CASE("text formats default to no compression and split unless gzip-like") {
    JobSpec csv = parse_job_spec("job: {input: {size: 1GB, file_format: csv}}", "j");
    CHECK(csv.input.compression == "none");
    CHECK(csv.input.splittable());
    CHECK(csv.input.file_count() == 8);  // one file per 128 MiB when neither files nor avg are given
    JobSpec gz = parse_job_spec("job: {input: {size: 1GB, file_format: json, compression: gzip}}", "j");
    CHECK_FALSE(gz.input.splittable());
    JobSpec avg = parse_job_spec("job: {input: {size: 1GB, avg_file_size: 300MB}}", "j");
    CHECK(avg.input.file_count() == 4);
    CHECK(parse_job_spec("job: {input: {size: 1GB, compression: uncompressed}}", "j").input.compression == "none");
  }

  TEST_CASE("layout, yarn and glue values read with their units") {
    JobSpec spec = parse_job_spec(
        "job: {name: x}\n"
        "layout:\n"
        "  num_executors: 20\n"
        "  executor_cores: 5\n"
        "  executor_memory: 4096\n"  // bare number = MiB
        "  memory_overhead: 1g\n"
        "  overhead_factor: 0.1875\n"
        "  heap_from_container: subtract\n"
        "  deploy_mode: client\n"
        "  driver_memory: 2.5g\n"
        "  driver_cores: 2\n"
        "  partitions: 800\n"
        "  shuffle_partitions: 400\n"
        "platform:\n"
        "  yarn: {nodes: 4, node_cores: 8, node_memory: 32g, reserve_cores: 0, min_allocation: "
        "512, "
        "resource_calculator: dominant}\n"
        "  glue: {glue_version: 4, workers: [2, 10, 5], auto_scaling: true}\n"
        "  emr: {nodes: \"4,8,16\"}\n"
        "  emr-serverless: {}\n"
        "  kubernetes:\n",
        "job.yaml");
    CHECK(spec.layout.num_executors == 20);
    CHECK(spec.layout.executor_cores == 5);
    CHECK(spec.layout.executor_memory_mib == 4096);
    CHECK(spec.layout.memory_overhead_mib == 1024);
    CHECK(spec.layout.overhead_factor == 0.1875);
    CHECK(spec.layout.heap_from_container == HeapConvention::subtract);
    CHECK(spec.layout.deploy_mode == DeployMode::client);
    CHECK(spec.layout.driver_memory_mib == 2560);
    CHECK(spec.layout.driver_cores == 2);
    CHECK(spec.layout.partitions == 800);
    CHECK(spec.layout.shuffle_partitions == 400);
    CHECK(spec.yarn->reserve_cores == 0);
    CHECK(spec.yarn->reserve_memory_mib == 1024);
    CHECK(spec.yarn->min_allocation_mib == 512);
    CHECK(spec.yarn->resource_calculator == ResourceCalculator::dominant);
    CHECK(spec.glue->glue_version == "4.0");
    CHECK(spec.glue->workers == std::vector<int>{2, 5, 10});
    CHECK(spec.glue->auto_scaling);
    CHECK(spec.emr->nodes == std::vector<int>{4, 8, 16});
    CHECK(spec.emr->release == "emr-7.1.0");
    CHECK(spec.emr_serverless);
    CHECK(spec.kubernetes);
    const SourceLocation& where = spec.key_locations.at("layout.executor_cores");
    CHECK(where.line == 4);
    CHECK(where.column == 19);
    CHECK(where.source_line == "  executor_cores: 5");
  }

  TEST_CASE("enum words print as the spec writes them") {
    CHECK(to_string(Workload::iterative_ml) == "iterative-ml");
    CHECK(to_string(Workload::sql_analytics) == "sql-analytics");
    CHECK(to_string(Market::on_demand) == "on-demand");
    CHECK(to_string(HeapConvention::divide) == "divide");
    CHECK(parse_workload("Iterative_ML") == Workload::iterative_ml);
    CHECK(parse_market("on_demand") == Market::on_demand);
  }

  TEST_CASE("an unknown key names its section and suggests the close one") {
    CHECK(spec_error("job: {name: x}\n"
                     "layout:\n"
                     "  exectuor_cores: 4\n") ==
          "job.yaml:3:3: error: unknown key 'exectuor_cores' in layout (did you mean "
          "'executor_cores'?)\n"
          "  exectuor_cores: 4\n"
          "  ^");
    CHECK(spec_error("jobs: {name: x}\n") ==
          "job.yaml:1:1: error: unknown key 'jobs' at the top level (did you mean 'job'?)\n"
          "jobs: {name: x}\n"
          "^");
  }

  TEST_CASE("an unknown key with no close match lists the keys the section takes") {
    CHECK(spec_error("job: {name: x}\nobjective: {speed: fast}\n") ==
          "job.yaml:2:13: error: unknown key 'speed' in objective; expected one of minimize, "
          "deadline, budget\n"
          "objective: {speed: fast}\n"
          "            ^");
  }

  TEST_CASE("a fixture file with a typo reports its path, line and column") {
    const std::string path = kData + "layout-typo.yaml";
    CHECK(load_error(path) == path +
                                  ":7:3: error: unknown key 'exectuor_cores' in layout (did you mean "
                                  "'executor_cores'?)\n"
                                  "  exectuor_cores: 4\n"
                                  "  ^");
  }

  TEST_CASE("a value of the wrong type is reported at the value") {
    CHECK(spec_error("job: {name: x}\n"
                     "platform:\n"
                     "  yarn: {nodes: many, node_cores: 16, node_memory: 64g}\n") ==
          "job.yaml:3:17: error: expected a count for 'nodes', got 'many'\n"
          "  yarn: {nodes: many, node_cores: 16, node_memory: 64g}\n"
          "                ^");
    CHECK(spec_error("job:\n  name: {first: a}\n") ==
          "job.yaml:2:9: error: expected a string for 'name', got a map\n"
          "  name: {first: a}\n"
          "        ^");
    CHECK(spec_error("job:\n  input: 500GB\n") ==
          "job.yaml:2:10: error: expected a map for 'input', got '500GB'\n"
          "  input: 500GB\n"
          "         ^");
    CHECK(spec_error("job: {name: x, stages: [{kind: scan, cache: maybe}]}\n") ==
          "job.yaml:1:45: error: expected true or false for 'cache', got 'maybe'\n"
          "job: {name: x, stages: [{kind: scan, cache: maybe}]}\n"
          "                                            ^");
    CHECK(spec_error("job: {name: x}\nplatform: {emr: {nodes: lots}}\n") ==
          "job.yaml:2:25: error: expected a count, a range such as 2..50 or a list such as 4,8,16 "
          "for 'nodes', got 'lots'\n"
          "platform: {emr: {nodes: lots}}\n"
          "                        ^");
  }

  TEST_CASE("zero nodes is rejected") {
    CHECK(spec_error("job: {name: x}\nplatform:\n  emr: {nodes: 0}\n") ==
          "job.yaml:3:16: error: invalid value '0': nodes must be at least 1\n"
          "  emr: {nodes: 0}\n"
          "               ^");
    CHECK(spec_error("job: {name: x}\nplatform:\n  ec2: {clusters: [{instance_type: m5.xlarge, "
                     "nodes: 0}]}\n") ==
          "job.yaml:3:54: error: invalid value '0': nodes must be at least 1\n"
          "  ec2: {clusters: [{instance_type: m5.xlarge, nodes: 0}]}\n"
          "                                                     ^");
  }

  TEST_CASE("a negative size keeps the units parser's words and points at the value") {
    CHECK(spec_error("job:\n  input: {size: -5GB}\n") ==
          "job.yaml:2:17: error: invalid value '-5GB': a size cannot be negative\n"
          "  input: {size: -5GB}\n"
          "                ^");
    CHECK(spec_error("job:\n  input: {size: 0}\n") ==
          "job.yaml:2:17: error: invalid value '0': the input size must be greater than 0\n"
          "  input: {size: 0}\n"
          "                ^");
  }

  TEST_CASE("job.collect is a data size above 0: the largest result one action brings to the driver") {
    CHECK(parse_job_spec("job: {collect: 2.5GB}\n", "job.yaml").collect_bytes == 2560 * units::kMiB);
    CHECK(!parse_job_spec("job: {name: x}\n", "job.yaml").collect_bytes);
    CHECK(spec_error("job: {collect: 0}\n") ==
          "job.yaml:1:16: error: invalid value '0': the collected result must be greater than 0\n"
          "job: {collect: 0}\n"
          "               ^");
  }

  TEST_CASE("a range from high to low is rejected") {
    CHECK(spec_error("job: {name: x}\nplatform:\n  emr:\n    nodes: 50..2\n") ==
          "job.yaml:4:12: error: invalid value '50..2': a range goes from low to high, as in 2..50\n"
          "    nodes: 50..2\n"
          "           ^");
  }

  TEST_CASE("an unknown word lists the accepted ones with a suggestion") {
    CHECK(spec_error("job:\n  workload: joins\n") ==
          "job.yaml:2:13: error: unknown workload 'joins' (did you mean 'join'?); expected one of "
          "etl, aggregation, join, sort, iterative-ml, graph, sql-analytics\n"
          "  workload: joins\n"
          "            ^");
    CHECK(spec_error("job: {name: x}\nplatform:\n  emr: {market: spott}\n") ==
          "job.yaml:3:17: error: unknown market 'spott' (did you mean 'spot'?); expected one of "
          "on-demand, spot\n"
          "  emr: {market: spott}\n"
          "                ^");
    CHECK(spec_error("job: {name: x}\nplatform:\n  aws: {}\n") ==
          "job.yaml:3:3: error: unknown platform 'aws'; expected one of emr, ec2, yarn, glue, "
          "emr-serverless, kubernetes\n"
          "  aws: {}\n"
          "  ^");
  }

  TEST_CASE("a YAML syntax error carries yaml-cpp's message at a 1-based place") {
    CHECK(spec_error("job:\n  name: a\n bad: indent\n") ==
          "job.yaml:3:2: error: end of map not found\n"
          " bad: indent\n"
          " ^");
    const std::string path = kData + "syntax-error.yaml";
    CHECK(load_error(path) == path +
                                  ":3:35: error: illegal flow end\n"
                                  "  input: {size: 10GB, files: [1, 2}\n"
                                  "                                  ^");
  }

  TEST_CASE("an empty spec says what it expected, without a line") {
    CHECK(spec_error("") == "job.yaml: error: the job spec is empty; expected at least a 'job:' section");
    CHECK(spec_error("# just a comment\n\n") ==
          "job.yaml: error: the job spec is empty; expected at least a 'job:' section");
    const std::string path = kData + "empty.yaml";
    CHECK(load_error(path) == path + ": error: the job spec is empty; expected at least a 'job:' section");
  }

  TEST_CASE("a spec without a job section is rejected") {
    CHECK(spec_error("objective: {minimize: cost}\n") ==
          "job.yaml:1:1: error: the job spec has no 'job:' section\n"
          "objective: {minimize: cost}\n"
          "^");
  }

  TEST_CASE("a duplicate key is reported at its second occurrence") {
    CHECK(spec_error("job:\n  name: a\n  workload: join\n  name: b\n") ==
          "job.yaml:4:3: error: duplicate key 'name' in job (first given on line 2)\n"
          "  name: b\n"
          "  ^");
    CHECK(spec_error("job: {name: a}\nlayout: {executor_cores: 4}\nlayout: {executor_cores: 5}\n") ==
          "job.yaml:3:1: error: duplicate key 'layout' at the top level (first given on line 2)\n"
          "layout: {executor_cores: 5}\n"
          "^");
  }

  TEST_CASE("a missing file names the path and the system's reason") {
    CHECK(load_error("/nonexistent/dir/job.yaml") ==
          "cannot read job spec '/nonexistent/dir/job.yaml': No such file or directory");
    CHECK(load_error(kData) == "cannot read job spec '" + kData + "': Is a directory");
  }

  TEST_CASE("a yarn platform needs its size and keeps reservations below it") {
    CHECK(spec_error("job: {name: x}\nplatform:\n  yarn: {nodes: 4, node_memory: 64g}\n") ==
          "job.yaml:3:3: error: missing key 'node_cores' in platform.yarn (a yarn platform needs "
          "nodes, node_cores and node_memory)\n"
          "  yarn: {nodes: 4, node_memory: 64g}\n"
          "  ^");
    CHECK(spec_error("job: {name: x}\nplatform:\n"
                     "  yarn: {nodes: 4, node_cores: 8, node_memory: 64g, reserve_cores: 8}\n") ==
          "job.yaml:3:68: error: reserve_cores (8) must be less than node_cores (8)\n"
          "  yarn: {nodes: 4, node_cores: 8, node_memory: 64g, reserve_cores: 8}\n"
          "                                                                   ^");
    CHECK(spec_error("job: {name: x}\nplatform:\n"
                     "  yarn: {nodes: 4, node_cores: 8, node_memory: 8g, reserve_memory: 8192}\n") ==
          "job.yaml:3:68: error: reserve_memory (8 GiB) must be less than node_memory (8 GiB)\n"
          "  yarn: {nodes: 4, node_cores: 8, node_memory: 8g, reserve_memory: 8192}\n"
          "                                                                   ^");
  }

  TEST_CASE("input needs a size and at least one file") {
    CHECK(spec_error("job:\n  input: {files: 10}\n") ==
          "job.yaml:2:3: error: missing key 'size' in job.input\n"
          "  input: {files: 10}\n"
          "  ^");
    CHECK(spec_error("job:\n  input: {size: 1GB, files: 0}\n") ==
          "job.yaml:2:29: error: invalid value '0': files must be at least 1\n"
          "  input: {size: 1GB, files: 0}\n"
          "                            ^");
  }

  TEST_CASE("a heap below Spark's 450m floor and an overhead of 0 are errors at their value") {
    CHECK(spec_error("job: {name: x}\nlayout: {executor_memory: 100m}\n") ==
          "job.yaml:2:27: error: invalid value '100m': executor_memory is 100 MiB; Spark needs a heap of at least "
          "450m (1.5 x the 300 MiB it reserves, UnifiedMemoryManager; docs/domain.md#executor-memory)\n"
          "layout: {executor_memory: 100m}\n"
          "                          ^");
    CHECK(spec_error("job: {name: x}\nlayout: {memory_overhead: 0}\n")
              .find("invalid value '0': memory_overhead must be greater than 0") != std::string::npos);
  }

  TEST_CASE("out-of-range numbers name their bounds") {
    CHECK(spec_error("job: {name: x}\nlayout: {overhead_factor: 1.5}\n") ==
          "job.yaml:2:27: error: invalid value '1.5': overhead_factor must be greater than 0 and "
          "less than 1\n"
          "layout: {overhead_factor: 1.5}\n"
          "                          ^");
    CHECK(spec_error("job:\n  stages:\n    - {kind: join, skew: 0.5}\n") ==
          "job.yaml:3:26: error: invalid value '0.5': skew must be at least 1 (the largest task "
          "over the median task)\n"
          "    - {kind: join, skew: 0.5}\n"
          "                         ^");
    CHECK(spec_error("job: {name: x}\nplatform: {emr: {spot_discount: 1}}\n") ==
          "job.yaml:2:33: error: invalid value '1': spot_discount must be at least 0 and less than "
          "1\n"
          "platform: {emr: {spot_discount: 1}}\n"
          "                                ^");
  }

  TEST_CASE("stages need a known kind") {
    CHECK(spec_error("job:\n  stages:\n    - {name: a}\n") ==
          "job.yaml:3:7: error: missing key 'kind' in job.stages[0]\n"
          "    - {name: a}\n"
          "      ^");
    CHECK(spec_error("job:\n  stages:\n    - {kind: shuffle}\n") ==
          "job.yaml:3:14: error: unknown stage kind 'shuffle'; expected one of scan, transform, "
          "shuffle-write, shuffle-read, aggregate, join, sort, write\n"
          "    - {kind: shuffle}\n"
          "             ^");
  }

  TEST_CASE("observations need a platform and a measurement that fits it") {
    CHECK(spec_error("job: {name: x}\nobservations:\n  - {platform: emr, nodes: 4}\n") ==
          "job.yaml:3:5: error: an observation needs a runtime, dpu_seconds or an event_log\n"
          "  - {platform: emr, nodes: 4}\n"
          "    ^");
    CHECK(spec_error("job: {name: x}\nobservations:\n  - {runtime: 10m}\n") ==
          "job.yaml:3:5: error: missing key 'platform' in observations[0]\n"
          "  - {runtime: 10m}\n"
          "    ^");
    CHECK(spec_error("job: {name: x}\nobservations:\n  - {platform: glue, nodes: 4, runtime: 10m}\n") ==
          "job.yaml:3:22: error: 'nodes' does not apply to a glue observation; a glue run has "
          "worker_type and workers\n"
          "  - {platform: glue, nodes: 4, runtime: 10m}\n"
          "                     ^");
  }

  TEST_CASE("event logs are resolved from the spec's directory unless absolute") {
    JobSpec spec = load_job_spec(kData + "observations.yaml");
    REQUIRE(spec.observations.size() == 2);
    CHECK(spec.observations[0].event_log == kData + "runs/app-1.zstd");
    CHECK(spec.observations[1].event_log == "/var/log/spark/app-2");
  }

  TEST_CASE("a second YAML document is rejected") {
    CHECK(spec_error("job: {name: a}\n---\njob: {name: b}\n") ==
          "job.yaml:3:1: error: a job spec is one YAML document; this is a second one (after '---')\n"
          "job: {name: b}\n"
          "^");
  }

}  // TEST_SUITE
