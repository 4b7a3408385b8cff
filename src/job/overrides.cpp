#include "sparkfit/job/overrides.hpp"

namespace sparkfit::job {

bool apply_overrides(JobSpec& job, const WorkOverrides& overrides) {
  if (overrides.input_bytes) job.input.size_bytes = *overrides.input_bytes;
  if (overrides.files) job.input.files = *overrides.files;
  if (overrides.file_format && *overrides.file_format != job.input.file_format) {
    // A new format brings its own default codec (docs/job-spec.md#jobinput), none for CSV, JSON and
    // text, unless the spec chose one.
    const bool default_codec = job.input.compression == default_compression(job.input.file_format);
    job.input.file_format = *overrides.file_format;
    if (default_codec) job.input.compression = std::string(default_compression(job.input.file_format));
  }
  if (overrides.compression) job.input.compression = *overrides.compression;
  if (overrides.workload && *overrides.workload != job.workload) {
    // A new workload brings its own default passes (docs/job-spec.md#job): 10 for an iterative one.
    job.workload = *overrides.workload;
    const bool iterative = job.workload == Workload::iterative_ml || job.workload == Workload::graph;
    if (job.stages.empty()) job.iterations = iterative ? (job.iterations > 1 ? job.iterations : 10) : 1;
  }
  if (overrides.iterations) job.iterations = *overrides.iterations;
  if (overrides.language) job.language = *overrides.language;
  if (overrides.partitions) job.layout.partitions = *overrides.partitions;
  if (overrides.shuffle_partitions) job.layout.shuffle_partitions = *overrides.shuffle_partitions;
  return job.input.size_bytes > 0;
}

}  // namespace sparkfit::job
