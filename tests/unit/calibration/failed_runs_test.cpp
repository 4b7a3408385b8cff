// Runs that did not finish: which configurations each reason rules out or marks risky, and how a
// timed-out run's time moves the calibrated level.
#include <doctest/doctest.h>

#include <cmath>
#include <string>
#include <vector>

#include "sparkfit/calibration/observations.hpp"
#include "sparkfit/units/units.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using testing::shipped_catalog;
using testing::shipped_constants;

namespace {

job::Observation failed_on(const char* instance, int nodes, const char* reason, int line) {
  job::Observation run;
  run.platform = "ec2";
  run.instance_type = instance;
  run.nodes = nodes;
  run.completed = false;
  run.reason = reason;
  run.where = SourceLocation{"job.yaml", line, 5, {}};
  return run;
}

job::JobSpec job_of(const std::vector<job::Observation>& observations) {
  job::JobSpec job;
  job.input.size_bytes = units::parse_data_size("200GB");
  job.workload = job::Workload::aggregation;
  job.observations = observations;
  return job;
}

// A job, its calibration and predictions on ec2 clusters under it.
struct Judged {
  job::JobSpec job;
  model::JobPlan plan;
  calibration::JobCalibration calibrated;
  std::vector<std::string> notes;

  explicit Judged(job::JobSpec spec) : job(std::move(spec)), plan(model::plan_job(job, shipped_constants())) {
    calibrated =
        calibration::from_observations(shipped_catalog(), job, plan, model::Settings{}, shipped_constants(), notes);
  }

  // `executor_cores` 0: sparkfit's default, as the failed run's own layout is taken.
  model::Prediction on(const char* instance, int nodes, int executor_cores = 0) const {
    const platform::Cluster cluster =
        platform::cluster_for_instance(platform::Platform::ec2, shipped_catalog().require(instance), nodes,
                                       shipped_catalog().find_release("emr-7.1.0"));
    layout::Choices choices;
    choices.overhead_factor = cluster.overhead_factor;
    choices.gc = cluster.gc;
    choices.reserve_cores = cluster.reserve_cores;
    choices.executor_cores = executor_cores;
    model::Settings settings;
    settings.calibration = &calibrated.fit;
    return model::predict(plan, cluster, layout::compute(cluster.node, nodes, choices), settings, shipped_constants());
  }
};

bool risky(const model::Prediction& p) { return p.feasible() && (p.risks & model::risk_observed_failure); }
bool ruled_out(const model::Prediction& p) { return p.infeasible == model::Infeasible::observed_failure; }

model::FailedRun failed_with(model::FailureReason reason, double task_mib, double total_mib, double disk_gb) {
  model::FailedRun failed;
  failed.reason = reason;
  failed.place = "job.yaml:9";
  failed.platform = platform::Platform::ec2;
  failed.configuration = "4 x m5.xlarge";
  failed.task_memory_mib = task_mib;
  failed.total_memory_mib = total_mib;
  failed.total_disk_gb = disk_gb;
  return failed;
}

}  // namespace

TEST_SUITE("calibration") {
  TEST_CASE("an oom rules out no more memory per task and in all, and marks more nodes risky") {
    const Judged judged(job_of({failed_on("m5.xlarge", 4, "oom", 9)}));
    REQUIRE(judged.calibrated.fit.failed_runs.size() == 1);
    const model::Prediction same = judged.on("m5.xlarge", 4);
    CHECK(ruled_out(same));
    REQUIRE(same.failed_run);
    CHECK(same.failed_run->place == "job.yaml:9");
    CHECK(model::describe(same, layout::Problem::none).find("job.yaml:9 on 4 x m5.xlarge ran out of memory (oom)") !=
          std::string::npos);
    CHECK(model::risk_names(same) == std::vector<std::string>{"observed-failure:job.yaml:9"});
    CHECK(ruled_out(judged.on("m5.xlarge", 2)));
    // The same memory per core on a type half the size: less memory per task and in all.
    CHECK(ruled_out(judged.on("c5.xlarge", 4)));
    // More nodes: more memory in all, the same per task.
    const model::Prediction more = judged.on("m5.xlarge", 8);
    CHECK(risky(more));
    CHECK(model::risk_findings(more).back().message.find("not a task that is itself too big") != std::string::npos);
    // Fewer cores per executor on nodes the executors fill: no more memory per core, and the smaller
    // containers waste less of the node, so a little more in all: risky, not ruled out.
    CHECK(risky(judged.on("m5.xlarge", 4, 1)));
    // The same memory per core on a type twice the size: as much per task, more in all.
    CHECK(risky(judged.on("m5.2xlarge", 4)));
    // More memory per task: a type with more memory per core.
    CHECK(!(judged.on("r5.xlarge", 4).risks & model::risk_observed_failure));
    CHECK(judged.on("r5.xlarge", 4).feasible());
    // The note says what it implies.
    bool noted = false;
    for (const std::string& note : judged.notes)
      noted = noted || note.rfind(
                           "observation at line 9 did not finish (oom) on 4 x m5.xlarge: configurations with at "
                           "most ",
                           0) == 0;
    CHECK(noted);
  }

  TEST_CASE("the rules at their bounds: disk-full within twice the disk is risky, unknown disk only the cluster") {
    using model::FailureReason;
    using model::FailureVerdict;
    const auto ec2 = platform::Platform::ec2;
    const model::FailedRun disk = failed_with(FailureReason::disk_full, 0, 0, 400);
    CHECK(model::judge(disk, ec2, "9 x r5.large", 0, 0, 400) == FailureVerdict::infeasible);
    CHECK(model::judge(disk, ec2, "9 x r5.large", 0, 0, 799) == FailureVerdict::risky);
    CHECK(model::judge(disk, ec2, "9 x r5.large", 0, 0, 801) == FailureVerdict::none);
    const model::FailedRun unknown = failed_with(FailureReason::disk_full, 0, 0, 0);
    CHECK(model::judge(unknown, ec2, "4 x m5.xlarge", 0, 0, 100) == FailureVerdict::infeasible);
    CHECK(model::judge(unknown, ec2, "2 x m5.xlarge", 0, 0, 50) == FailureVerdict::none);
    const model::FailedRun oom = failed_with(FailureReason::oom, 4000, 40000, 0);
    CHECK(model::judge(oom, ec2, "x", 4000, 40000, 0) == FailureVerdict::infeasible);
    CHECK(model::judge(oom, ec2, "x", 4000, 40001, 0) == FailureVerdict::risky);
    CHECK(model::judge(oom, ec2, "x", 4001, 30000, 0) == FailureVerdict::none);
    const model::FailedRun other = failed_with(FailureReason::other, 0, 0, 0);
    CHECK(model::judge(other, ec2, "4 x m5.xlarge", 1, 1, 1) == FailureVerdict::risky);
    CHECK(model::judge(other, platform::Platform::emr, "4 x m5.xlarge", 1, 1, 1) == FailureVerdict::none);
    CHECK(model::judge(other, ec2, "5 x m5.xlarge", 1, 1, 1) == FailureVerdict::none);
    CHECK(model::failure_text(other, FailureVerdict::risky) == "failed in an observed run: other (job.yaml:9)");
  }

  TEST_CASE("other and a timeout without a time mark only that cluster risky") {
    const Judged judged(job_of({failed_on("m5.xlarge", 4, "other", 9), failed_on("r5.xlarge", 6, "timeout", 10)}));
    const model::Prediction other = judged.on("m5.xlarge", 4);
    CHECK(risky(other));
    CHECK(model::risk_findings(other).back().message == "failed in an observed run: other (job.yaml:9)");
    CHECK(!(judged.on("m5.xlarge", 3).risks & model::risk_observed_failure));
    const model::Prediction timeout = judged.on("r5.xlarge", 6);
    CHECK(risky(timeout));
    CHECK(model::risk_findings(timeout).back().message == "timed out in an observed run (job.yaml:10)");
    // No time given: the calibration is not moved.
    CHECK(!judged.calibrated.fit.active);
  }

  TEST_CASE("a timeout's time is a lower bound: the median there is raised to it, and never lowered") {
    job::Observation completed;
    completed.platform = "ec2";
    completed.instance_type = "m5.xlarge";
    completed.nodes = 8;
    completed.runtime_s = 600;
    completed.where.line = 8;
    const Judged before(job_of({completed}));
    const double median_before = before.on("m5.xlarge", 2).runtime_s;
    job::Observation timeout = failed_on("m5.xlarge", 2, "timeout", 9);
    timeout.runtime_s = 4 * median_before;
    const Judged after(job_of({completed, timeout}));
    const model::Prediction raised = after.on("m5.xlarge", 2);
    CHECK(raised.runtime_s == doctest::Approx(4 * median_before).epsilon(1e-6));
    CHECK(risky(raised));
    CHECK(model::risk_findings(raised).back().message.rfind("timed out after ", 0) == 0);
    CHECK(after.on("m5.xlarge", 8).runtime_s > before.on("m5.xlarge", 8).runtime_s);
    // It joins the fit as a run of its time, and what the fit leaves short the level makes up.
    REQUIRE(after.calibrated.used.size() == 2);
    CHECK(after.calibrated.used[1].measured_by == "timeout");
    CHECK(after.calibrated.used[1].measured_s == *timeout.runtime_s);
    CHECK(after.calibrated.fit.formula.find(", raised up to x ") != std::string::npos);

    // A bound below the median already there changes nothing.
    timeout.runtime_s = median_before / 2;
    const Judged low(job_of({completed, timeout}));
    CHECK(low.on("m5.xlarge", 2).runtime_s == doctest::Approx(median_before));
    CHECK(low.calibrated.fit.formula == before.calibrated.fit.formula);
    CHECK(low.calibrated.used.size() == 1);

    // Alone, a timeout activates the calibration from the prior.
    timeout.runtime_s = 4 * Judged(job_of({})).on("m5.xlarge", 2).runtime_s;
    const Judged alone(job_of({timeout}));
    CHECK(alone.calibrated.fit.active);
    CHECK(alone.on("m5.xlarge", 2).runtime_s == doctest::Approx(*timeout.runtime_s).epsilon(1e-6));
  }
}
