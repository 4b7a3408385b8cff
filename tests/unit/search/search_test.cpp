// The search over instance types and node counts: what it says when nothing meets the objective.
#include <doctest/doctest.h>

#include <string>

#include "sparkfit/search/search.hpp"
#include "support/test_support.hpp"

using namespace sparkfit;
using testing::shipped_catalog;
using testing::shipped_constants;

TEST_SUITE("search") {
  TEST_CASE("recommend says why nothing fits a deadline") {
    job::JobSpec job = testing::job_of("2TB", job::Workload::sort);
    search::Space space;
    space.platform = platform::Platform::emr;
    space.release = shipped_catalog().find_release("emr-7.1.0");
    space.instances = {shipped_catalog().find("m5.4xlarge")};
    space.nodes = {20, 40};
    layout::Choices base;
    base.overhead_factor = 0.1875;
    job::Objective objective;
    objective.deadline_s = 60;
    search::Result result = search::run(model::plan_job(job, shipped_constants()), space, base, model::Settings{},
                                        shipped_constants(), objective);
    CHECK(!result.best);
    CHECK(result.why_none.find("against the deadline of 1 min 00 s") != std::string::npos);
  }
}
