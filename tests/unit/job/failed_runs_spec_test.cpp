// Observations of runs that did not finish (`completed: false`, `reason`): what the loader takes and
// where it points when it refuses one.
#include <doctest/doctest.h>

#include <string>

#include "sparkfit/job/job.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using namespace sparkfit::job;

namespace {

const std::string kHead = "job: {name: x, input: {size: 10GB}}\nobservations:\n";

std::string spec_error(const std::string& observation) {
  return testing::error_of([&] { parse_job_spec(kHead + observation + "\n", "job.yaml"); });
}

Observation only(const std::string& observation) {
  JobSpec spec = parse_job_spec(kHead + observation + "\n", "job.yaml");
  REQUIRE(spec.observations.size() == 1);
  return spec.observations.front();
}

}  // namespace

TEST_SUITE("job") {
  TEST_CASE("a failed run loads with its reason, and a completed run stays the default") {
    Observation oom = only("  - {platform: ec2, instance_type: m5.large, nodes: 4, completed: false, reason: oom}");
    CHECK(!oom.completed);
    CHECK(oom.reason == "oom");
    CHECK(!oom.runtime_s);
    CHECK(oom.where.line == 3);
    Observation disk = only("  - {platform: emr, instance_type: m5.large, nodes: 4, completed: no, reason: disk_full}");
    CHECK(disk.reason == "disk-full");
    Observation timeout =
        only("  - {platform: emr, instance_type: m5.large, nodes: 4, completed: false, reason: timeout, runtime: 2h}");
    CHECK(timeout.reason == "timeout");
    CHECK(timeout.runtime_s == 7200);
    Observation glue = only("  - {platform: glue, worker_type: G.1X, workers: 10, completed: false, reason: other}");
    CHECK(glue.reason == "other");
    Observation done = only("  - {platform: ec2, instance_type: m5.large, nodes: 4, completed: true, runtime: 5m}");
    CHECK(done.completed);
    CHECK(done.reason.empty());
  }

  TEST_CASE("an unknown reason is an error at its value that lists the four") {
    CHECK(spec_error("  - {platform: ec2, instance_type: m5.large, nodes: 4, completed: false, reason: ooom}") ==
          "job.yaml:3:82: error: unknown reason 'ooom' (did you mean 'oom'?); expected one of oom, disk-full, "
          "timeout, other\n"
          "  - {platform: ec2, instance_type: m5.large, nodes: 4, completed: false, reason: ooom}\n"
          "                                                                                 ^");
  }

  TEST_CASE("a failed run needs a reason, and a reason needs a failed run") {
    CHECK(spec_error("  - {platform: ec2, instance_type: m5.large, nodes: 4, completed: false}") ==
          "job.yaml:3:56: error: a run that did not finish needs a 'reason': one of oom, disk-full, timeout, other\n"
          "  - {platform: ec2, instance_type: m5.large, nodes: 4, completed: false}\n"
          "                                                       ^");
    CHECK(spec_error("  - {platform: ec2, instance_type: m5.large, nodes: 4, runtime: 5m, reason: oom}") ==
          "job.yaml:3:69: error: 'reason' is for a run that did not finish; add 'completed: false' to say so\n"
          "  - {platform: ec2, instance_type: m5.large, nodes: 4, runtime: 5m, reason: oom}\n"
          "                                                                    ^");
    CHECK(spec_error("  - {platform: ec2, instance_type: m5.large, nodes: 4, completed: maybe, reason: oom}") ==
          "job.yaml:3:67: error: expected true or false for 'completed', got 'maybe'\n"
          "  - {platform: ec2, instance_type: m5.large, nodes: 4, completed: maybe, reason: oom}\n"
          "                                                                  ^");
  }

  TEST_CASE("a failed run has no measured time, but a timeout may say how long it ran") {
    CHECK(
        spec_error("  - {platform: ec2, instance_type: m5.large, nodes: 4, completed: false, reason: oom, runtime: 5m}")
            .rfind("job.yaml:3:87: error: 'runtime' does not apply to a run that failed (oom): it has no measured "
                   "time; only a timeout takes 'runtime', how long it ran before it was killed\n",
                   0) == 0);
    CHECK(spec_error("  - {platform: glue, worker_type: G.1X, workers: 4, completed: false, reason: timeout, "
                     "dpu_seconds: 60}")
              .rfind("job.yaml:3:88: error: 'dpu_seconds' does not apply to a run that failed (timeout)", 0) == 0);
    CHECK(spec_error("  - {platform: ec2, instance_type: m5.large, nodes: 4, completed: false, reason: timeout, "
                     "runtime: 0s}")
              .rfind("job.yaml:3:100: error: invalid value '0s': a runtime must be longer than 0", 0) == 0);
  }

  TEST_CASE("a failed run names the machines it ran on") {
    CHECK(spec_error("  - {platform: ec2, instance_type: m5.large, completed: false, reason: oom}") ==
          "job.yaml:3:5: error: a run that did not finish needs the machines it ran on: instance_type and nodes\n"
          "  - {platform: ec2, instance_type: m5.large, completed: false, reason: oom}\n"
          "    ^");
    CHECK(spec_error("  - {platform: glue, workers: 4, completed: false, reason: oom}")
              .rfind("job.yaml:3:5: error: a run that did not finish needs the machines it ran on: worker_type and "
                     "workers\n",
                     0) == 0);
    // A yarn run's nodes default to platform.yarn's.
    CHECK(only("  - {platform: yarn, completed: false, reason: other}").reason == "other");
  }
}
