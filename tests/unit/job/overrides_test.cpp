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

  TEST_CASE("a format given without a codec takes the format's codec, and is no longer assumed") {
    job::JobSpec job = testing::job_of("10GB", job::Workload::etl);
    job::WorkOverrides overrides;
    overrides.file_format = job::FileFormat::csv;
    job::apply_overrides(job, overrides);
    CHECK(job.input.compression == "none");
    CHECK(job.input.splittable());
    const std::vector<std::string> assumed = job::assumed_work(job);
    CHECK(assumed == std::vector<std::string>{
                         "80 input files, one per 128 MiB of input: --files N (or input.files) gives the count",
                         "compression none, the default for csv: --compression sets it",
                         "language scala, no Python workers beside the executors: --language sets it"});
  }

  TEST_CASE("what the work's defaults stood in for, and none of it once given") {
    job::JobSpec job;
    job.input.size_bytes = 500LL << 30;
    CHECK(job::assumed_work(job) ==
          std::vector<std::string>{
              "4000 input files, one per 128 MiB of input: --files N (or input.files) gives the count",
              "file format parquet: --file-format sets it",
              "compression snappy, the default for parquet: --compression sets it",
              "workload etl, whose stages sparkfit assumes: --workload sets it (or job.stages lists them)",
              "language scala, no Python workers beside the executors: --language sets it"});
    job::WorkOverrides all;
    all.files = 10;
    all.file_format = job::FileFormat::orc;
    all.compression = "zstd";
    all.workload = job::Workload::sort;
    all.language = job::Language::java;
    job::apply_overrides(job, all);
    CHECK(job::assumed_work(job).empty());
  }

  TEST_CASE("a run meets a deadline and a budget at or under them, and nothing is said of what is not given") {
    job::Objective objective;
    CHECK(!job::objective_met(objective, 100, 5).deadline);
    CHECK(!job::objective_met(objective, 100, 5).budget);
    objective.deadline_s = 100;
    objective.budget_usd = 5;
    CHECK(*job::objective_met(objective, 100, 5).deadline);
    CHECK(*job::objective_met(objective, 100, 5).budget);
    CHECK(!*job::objective_met(objective, 100.5, 5.01).deadline);
    CHECK(!*job::objective_met(objective, 100.5, 5.01).budget);
  }

  TEST_CASE("require_work passes a job with its work, and otherwise asks for a spec or points at its job section") {
    CHECK(testing::error_of([] { job::require_work(testing::job_of("10GB", job::Workload::etl), true, "predict"); }) ==
          "(no error)");
    CHECK(testing::error_of([] { job::require_work(job::JobSpec{}, false, "recommend"); }) ==
          "recommend needs the work: a job spec or --input SIZE (with --workload)");
    job::JobSpec spec;
    spec.source_file = "nightly.yaml";
    spec.key_locations["job"] = SourceLocation{"nightly.yaml", 3, 1, {}};
    const std::string error = testing::error_of([&] { job::require_work(spec, false, "predict"); });
    CHECK(error.starts_with("nightly.yaml:3:1: error: no `input` size"));
  }
}

TEST_SUITE("job") {
  TEST_CASE("the work inputs are read by their flags' names, each checked, the codec in lower case") {
    units::Given given;
    given.add("input", "500GB");
    given.add("file-format", "csv");
    given.add("compression", "GZIP");
    given.add("shuffle-partitions", "400");
    const job::WorkOverrides work = job::work_overrides(given);
    CHECK(work.input_bytes == std::int64_t{500} << 30);
    CHECK(work.file_format == job::FileFormat::csv);
    CHECK(work.compression == "gzip");
    CHECK(work.shuffle_partitions == 400);
    CHECK(!work.files);
  }

  TEST_CASE("an input of 0 bytes is refused, and so is a bad count, each naming its flag") {
    units::Given zero;
    zero.add("input", "0");
    CHECK(testing::error_of([&] { job::work_overrides(zero); }) == "--input: the input size must be more than 0 bytes");
    units::Given files;
    files.add("files", "2000000");
    CHECK(testing::error_of([&] { job::work_overrides(files); }) ==
          "--files: invalid value '2000000': at most 1000000");
  }
}
