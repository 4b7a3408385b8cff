// Every platform honours the layout a user gives (executor cores, memory, overhead, count, what a
// node keeps back) and refuses a choice outside the platform's limits, naming the flag, the limit
// and its source (issue 13, point 2).
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "support/test_support.hpp"

using namespace sparkfit::testing;

namespace {

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

const std::vector<std::string> kServerless{"--platform", "emr-serverless", "--input", "500GB", "--workload", "join"};
const std::vector<std::string> kKubernetes{"--platform", "kubernetes", "--instance", "m5.4xlarge", "--nodes",
                                           "6",          "--input",    "500GB",      "--workload", "join"};
const std::vector<std::string> kEmr{"--input",    "500GB",      "--workload", "join",
                                    "--instance", "m5.4xlarge", "--nodes",    "10"};
const std::vector<std::string> kSmallYarn{"--platform", "yarn",          "--nodes", "4",       "--node-cores",
                                          "8",          "--node-memory", "8g",      "--input", "10GB"};

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const std::string kServerlessSource =
    "EMR Serverless User Guide, Supported worker configurations; instance_catalogs/aws/emr_serverless.yaml, as of "
    "2026-11-26";

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("EMR Serverless predict refuses an executor memory outside the 4 vCPU worker's 8-30 GB") {
    const std::vector<std::string> base =
        with({"predict"}, with(kServerless, {"--num-executors", "20", "--executor-cores", "4", "--executor-memory"}));
    const CommandRun large = run_sparkfit(with(base, {"40g"}));
    CHECK(large.code == 2);
    CHECK(large.err ==
          "sparkfit: error: --executor-memory 40g: heap 40960 MiB + overhead 4096 MiB = 45056 MiB fits no EMR "
          "Serverless worker it may run on (4 vCPU: 8-30 GB in 1 GB steps, a heap of 6518m to 27928m; " +
              kServerlessSource + ")\n");
    const CommandRun small = run_sparkfit(with(base, {"2g"}));
    CHECK(small.code == 2);
    CHECK(small.err ==
          "sparkfit: error: --executor-memory 2g: heap 2048 MiB + overhead 384 MiB = 2432 MiB fits no EMR Serverless "
          "worker it may run on (4 vCPU: 8-30 GB in 1 GB steps, a heap of 6518m to 27928m; " +
              kServerlessSource + ")\n");
  }

  TEST_CASE("EMR Serverless predict keeps the heap, overhead and count given, on the worker they round up to") {
    const std::vector<std::string> base = with(
        {"predict"}, with(kServerless, {"--num-executors", "20", "--executor-cores", "4", "--executor-memory", "20g"}));
    const CommandRun given = run_sparkfit(base);
    CHECK(given.code == 0);
    CHECK(contains(given.out, "  20 executors of 4 vCPU / 22 GB: 20 executors x 4 cores, heap 20g, 80 task slots\n"));
    const CommandRun overhead = run_sparkfit(with(base, {"--memory-overhead", "4g"}));
    CHECK(contains(overhead.out, "worker 4 vCPU / 24 GB = heap 20480 MiB + overhead 4096 MiB (factor 0.10)"));
  }

  TEST_CASE("EMR Serverless recommend searches only what the layout flags leave open") {
    const CommandRun cores = run_sparkfit(with({"recommend"}, with(kServerless, {"--executor-cores", "4"})));
    CHECK(cores.code == 0);
    CHECK(contains(cores.out, "\nRecommended\n  25 executors of 4 vCPU / 8 GB: 25 executors x 4 cores, heap 7448m"));
    const CommandRun all = run_sparkfit(
        with({"recommend"}, with(kServerless, {"--executor-cores", "4", "--num-executors", "20", "--executor-memory",
                                               "20g", "--memory-overhead", "3g", "--format", "serverless-json"})));
    CHECK(contains(all.out,
                   "--conf spark.executor.cores=4 --conf spark.executor.memory=20g --conf "
                   "spark.executor.memoryOverhead=3g --conf spark.emr-serverless.executor.disk=30G --conf "
                   "spark.dynamicAllocation.initialExecutors=20 "));
    const CommandRun odd = run_sparkfit(with({"recommend"}, with(kServerless, {"--executor-cores", "3"})));
    CHECK(odd.code == 2);
    CHECK(odd.err ==
          "sparkfit: error: --executor-cores 3: an EMR Serverless executor runs on a worker of 1, 2, 4, 8 "
          "or 16 vCPUs (" +
              kServerlessSource + ")\n");
  }

  TEST_CASE("Kubernetes refuses a pod above the node's allocatable memory and a count the nodes cannot hold") {
    const std::vector<std::string> base = with({"predict"}, with(kKubernetes, {"--executor-cores", "4"}));
    const CommandRun large = run_sparkfit(with(base, {"--executor-memory", "80g"}));
    CHECK(large.code == 2);
    CHECK(large.err ==
          "sparkfit: error: --executor-memory 80g: the executor pod (heap 81920 MiB + overhead 8192 MiB = 90112 MiB) "
          "is above the 63671 MiB each m5.4xlarge node leaves allocatable to pods (its 65536 MiB less the EKS AMI's "
          "kube-reserved 255 MiB + 11 MiB x 110 pods, the 100 MiB eviction threshold and 300 MiB of daemon sets; "
          "docs/domain.md#kubernetes-pods)\n");
    const CommandRun many = run_sparkfit(with(base, {"--num-executors", "100"}));
    CHECK(many.code == 4);
    CHECK(many.err ==
          "sparkfit: error: --num-executors 100: 6 x m5.4xlarge (Kubernetes) holds at most 17 executor pods of 4 "
          "cores and 21223 MiB beside the driver pod (3 per node); give more --nodes, or fewer or smaller executors\n");
    const CommandRun wide = run_sparkfit(with({"predict"}, with(kKubernetes, {"--executor-cores", "20"})));
    CHECK(wide.code == 4);
    CHECK(wide.err ==
          "sparkfit: error: 6 x m5.4xlarge (Kubernetes) cannot run this job: an executor asks for more "
          "cores than a node has; 'sparkfit recommend --platform kubernetes' finds a capacity that can\n");
  }

  TEST_CASE("Kubernetes predict and recommend keep the executor memory, overhead and count given") {
    const CommandRun given =
        run_sparkfit(with({"predict"}, with(kKubernetes, {"--executor-cores", "4", "--executor-memory", "8g",
                                                          "--memory-overhead", "2g", "--num-executors", "10"})));
    CHECK(given.code == 0);
    CHECK(contains(given.out, "  6 x m5.4xlarge (Kubernetes): 10 executors x 4 cores, heap 8g, 40 task slots\n"));
    CHECK(contains(given.out, "pod = heap 8192 + overhead 2048 MiB (factor 0.10)"));
    const CommandRun yaml = run_sparkfit({"recommend", "--platform", "kubernetes", "--instance", "m5.4xlarge",
                                          "--nodes", "2..10", "--input", "500GB", "--workload", "join",
                                          "--executor-memory", "8g", "--num-executors", "20", "--format", "k8s-yaml"});
    CHECK(yaml.code == 0);
    CHECK(contains(yaml.out, "  executor:\n    instances: 20\n"));
    CHECK(contains(yaml.out, "    memory: \"8g\"\n    memoryOverhead: \"819m\"\n"));
  }

  TEST_CASE("EMR recommend keeps no core back unless --reserve-cores says so") {
    // EMR's YARN offers every vCPU (yarn.nodemanager.resource.cpu-vcores), so 0 is the default.
    const CommandRun one = run_sparkfit(with({"recommend"}, with(kEmr, {"--reserve-cores", "1"})));
    CHECK(one.code == 0);
    CHECK(contains(one.out, "m5.4xlarge: 16 vCPU - 1 reserved = 15"));
    CHECK(contains(run_sparkfit(with({"recommend"}, kEmr)).out, "m5.4xlarge: 16 vCPU - 0 reserved = 16"));
  }

  TEST_CASE("sizes of 0 or below Spark's floor are errors naming the flag, not 'not given'") {
    for (const char* size : {"0", "0g", "4k"}) {
      CAPTURE(size);
      const CommandRun run = run_sparkfit(with({"predict"}, with(kEmr, {"--executor-memory", size})));
      CHECK(run.code == 2);
      CHECK(run.err == "sparkfit: error: --executor-memory: '" + std::string(size) +
                           "' is 0 MiB; Spark needs a heap of at least 450m (1.5 x the 300 MiB it reserves, "
                           "UnifiedMemoryManager; docs/domain.md#executor-memory)\n");
    }
    const CommandRun overhead = run_sparkfit(with({"predict"}, with(kEmr, {"--memory-overhead", "0"})));
    CHECK(overhead.err ==
          "sparkfit: error: --memory-overhead: '0' is 0 MiB; give a size above 0, or leave the flag "
          "out for Spark's max(factor x heap, 384m)\n");
  }

  TEST_CASE("a YARN node's reservations and minimum allocation must leave it room") {
    const CommandRun step = run_sparkfit(with({"predict"}, with(kSmallYarn, {"--yarn-min-allocation", "16g"})));
    CHECK(step.code == 2);
    CHECK(step.err ==
          "sparkfit: error: --yarn-min-allocation 16384 MiB is above the 7168 MiB YARN offers on a node "
          "(yarn.nodemanager.resource.memory-mb): YARN rounds every container up to it, so none would fit "
          "(docs/domain.md#yarn-node-resources)\n");
    const CommandRun negative = run_sparkfit(with({"predict"}, with(kSmallYarn, {"--reserve-cores", "-1"})));
    CHECK(negative.err ==
          "sparkfit: error: --reserve-cores: invalid value '-1': expected a whole number of cores, 0 or more\n");
    CHECK(run_sparkfit(with({"predict"}, with(kSmallYarn, {"--reserve-cores", "0"}))).code == 0);
    const CommandRun memory = run_sparkfit(
        {"predict", "--input", "500GB", "--instance", "r5.4xlarge", "--nodes", "4", "--reserve-memory", "200g"});
    CHECK(memory.code == 2);
    CHECK(memory.err ==
          "sparkfit: error: --reserve-memory 204800 MiB is not below the node's 131072 MiB (r5.4xlarge's "
          "memory): it would leave no memory for YARN containers\n");
  }

  TEST_CASE("--region is refused unless it is an AWS Region code, with a did-you-mean") {
    const CommandRun mars = run_sparkfit(with({"predict"}, with(kEmr, {"--region", "mars-1"})));
    CHECK(mars.code == 2);
    CHECK(mars.err.rfind("sparkfit: error: --region: unknown AWS region 'mars-1'; expected one of us-east-1, "
                         "us-east-2, ",
                         0) == 0);
    CHECK(contains(mars.err, ", cn-northwest-1 (docs/domain.md#aws-regions)\n"));
    const CommandRun typo = run_sparkfit(with({"recommend"}, with(kEmr, {"--region", "us-est-1"})));
    CHECK(typo.err.rfind("sparkfit: error: --region: unknown AWS region 'us-est-1' (did you mean 'us-east-1'?); ", 0) ==
          0);
    // A real Region whose prices the catalog does not have is refused too, pointing to --price-factor.
    const CommandRun elsewhere = run_sparkfit(with({"predict"}, with(kEmr, {"--region", "eu-west-1"})));
    CHECK(elsewhere.code == 2);
    CHECK(elsewhere.err ==
          "sparkfit: error: --region: the catalog's prices are us-east-1's (instance_catalogs/aws/), so sparkfit "
          "cannot price eu-west-1; leave out --region and give --price-factor F, eu-west-1's price relative to "
          "us-east-1\n");
    CHECK(run_sparkfit(with({"predict"}, with(kEmr, {"--region", "us-east-1"}))).code == 0);
  }

  TEST_CASE("Glue refuses one worker, and Flex and Auto Scaling on Glue 2.0, in sentences") {
    const CommandRun one =
        run_sparkfit({"predict", "--platform", "glue", "--worker-type", "G.1X", "--workers", "1", "--input", "10GB"});
    CHECK(one.code == 2);
    CHECK(one.err ==
          "sparkfit: error: --workers 1: a Glue job needs at least 2 workers, since one of them runs the "
          "driver and the others the executors (docs/domain.md#glue-workers)\n");
    const std::vector<std::string> glue2{"recommend", "--platform", "glue", "--glue-version", "2.0", "--input", "10GB"};
    const CommandRun flex = run_sparkfit(with(glue2, {"--execution-class", "flex"}));
    CHECK(flex.code == 2);
    CHECK(flex.err ==
          "sparkfit: error: flex execution (--execution-class flex, or execution_class: flex in the job "
          "spec): Glue 2.0 has no Flex execution class; Flex came with Glue 3.0 "
          "(docs/domain.md#glue-flex)\n");
    const CommandRun scaling = run_sparkfit(with(glue2, {"--auto-scaling"}));
    CHECK(scaling.code == 2);
    CHECK(scaling.err ==
          "sparkfit: error: Auto Scaling (--auto-scaling, or auto_scaling in the job spec): Glue 2.0 has "
          "no Auto Scaling; it came with Glue 3.0 (docs/domain.md#glue-auto-scaling)\n");
    CHECK(run_sparkfit(with({"recommend", "--platform", "glue", "--glue-version", "3.0", "--input", "10GB"},
                            {"--execution-class", "flex", "--auto-scaling", "--workers", "2..4"}))
              .code == 0);
  }
}
