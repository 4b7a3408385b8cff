// The work as a command line states it, laid over a job spec: each value given replaces the
// spec's. The values come from the inputs given (sparkfit/units/given.hpp), checked here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "sparkfit/job/job.hpp"
#include "sparkfit/units/given.hpp"

namespace sparkfit::job {

struct WorkOverrides {
  std::optional<std::int64_t> input_bytes;  // more than 0
  std::optional<int> files;
  std::optional<FileFormat> file_format;
  std::optional<std::string> compression;  // lower case
  std::optional<Workload> workload;
  std::optional<int> iterations;
  std::optional<Language> language;
  std::optional<int> partitions;
  std::optional<int> shuffle_partitions;
};

// The work inputs (--input, --files, --file-format, --compression, --workload, --iterations,
// --language, --partitions, --shuffle-partitions), each checked in that order; an error names its flag.
WorkOverrides work_overrides(const units::Given& given);

// Lays `overrides` over `job`; true when the job then has its work (an input size above 0).
bool apply_overrides(JobSpec& job, const WorkOverrides& overrides);

// Refuses (InputError) a job without its work, which `command` (predict, recommend) needs: without
// a spec, it asks for one or --input; with one, it points at the spec's `job:` section.
void require_work(const JobSpec& job, bool has_input, const std::string& command);

}  // namespace sparkfit::job
