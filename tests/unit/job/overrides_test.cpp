// The work a command line states, laid over a job spec.
#include <doctest/doctest.h>

#include "sparkfit/job/overrides.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;

TEST_SUITE("job") {
  TEST_CASE("overrides replace only the values they give, and the job has its work with an input size") {
    job::JobSpec job = testing::job_of("10GB", job::Workload::join);
    job::WorkOverrides overrides;
    overrides.shuffle_partitions = 400;
    overrides.language = job::Language::python;
    CHECK(job::apply_overrides(job, overrides));
    CHECK(job.layout.shuffle_partitions == 400);
    CHECK(job.language == job::Language::python);
    CHECK(job.workload == job::Workload::join);
    job::JobSpec no_work;
    CHECK(!job::apply_overrides(no_work, {}));
  }
}
