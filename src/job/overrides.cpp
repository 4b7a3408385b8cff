#include "sparkfit/job/overrides.hpp"

#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::job {

WorkOverrides work_overrides(const units::Given& given) {
  WorkOverrides work;
  work.input_bytes = given.convert("input", units::parse_data_size);
  if (work.input_bytes && *work.input_bytes <= 0) throw InputError("--input: the input size must be more than 0 bytes");
  work.files = given.count("files");
  work.file_format = given.convert("file-format", parse_file_format);
  if (const std::optional<std::string> compression = given.text("compression"))
    work.compression = text::to_lower(*compression);
  work.workload = given.convert("workload", parse_workload);
  work.iterations = given.count("iterations");
  work.language = given.convert("language", parse_language);
  work.partitions = given.count("partitions");
  work.shuffle_partitions = given.count("shuffle-partitions");
  return work;
}

bool apply_overrides(JobSpec& job, const WorkOverrides& overrides) {
  if (overrides.input_bytes) job.input.size_bytes = *overrides.input_bytes;
  if (overrides.files) job.input.files = *overrides.files;
  if (overrides.file_format) {
    job.input.file_format = *overrides.file_format;
    job.input.file_format_given = true;
  }
  if (overrides.compression) {
    job.input.compression = *overrides.compression;
    job.input.compression_given = true;
  } else if (overrides.file_format && !job.input.compression_given) {
    // The codec follows the format when neither spec nor flag names one (docs/job-spec.md).
    job.input.compression = std::string(default_compression(job.input.file_format));
  }
  if (overrides.workload) {
    // A new workload brings its own default passes (docs/job-spec.md#job): 10 for an iterative one.
    if (*overrides.workload != job.workload && job.stages.empty()) {
      const bool iterative = *overrides.workload == Workload::iterative_ml || *overrides.workload == Workload::graph;
      job.iterations = iterative ? (job.iterations > 1 ? job.iterations : 10) : 1;
    }
    job.workload = *overrides.workload;
    job.workload_given = true;
  }
  if (overrides.iterations) job.iterations = *overrides.iterations;
  if (overrides.language) {
    job.language = *overrides.language;
    job.language_given = true;
  }
  if (overrides.partitions) job.layout.partitions = *overrides.partitions;
  if (overrides.shuffle_partitions) job.layout.shuffle_partitions = *overrides.shuffle_partitions;
  return job.input.size_bytes > 0;
}

void require_work(const JobSpec& job, bool has_input, const std::string& command) {
  if (has_input) return;
  if (job.source_file.empty())
    throw InputError(command + " needs the work: a job spec or --input SIZE (with --workload)");
  // The spec's `job:` section is where the size belongs; point there, else at the file's start.
  const auto section = job.key_locations.find("job");
  const SourceLocation where =
      section != job.key_locations.end() ? section->second : SourceLocation{job.source_file, 1, 1, {}};
  throw InputError(where, "no `input` size: add `input: {size: 500GB}` under `job:`, or give --input SIZE");
}

}  // namespace sparkfit::job
