// `sparkfit analyze --emit-job`: a job spec derived from a run, which predict and recommend load
// like one written by hand.
#include <algorithm>
#include <cctype>
#include <cmath>
#include <sstream>

#include "sparkfit/eventlog/eventlog.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/text.hpp"
#include "sparkfit/util/version.hpp"

namespace sparkfit::eventlog {

using text::fixed;

std::string derive_job_spec(const Profile& p, const RunLog& log) {
  // A name the spec accepts: letters, digits and dashes.
  std::string name;
  for (char c : p.app_name.empty() ? std::string("spark-app") : p.app_name) {
    if (std::isalnum(static_cast<unsigned char>(c)))
      name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (!name.empty() && name.back() != '-')
      name += '-';
  }
  while (!name.empty() && name.back() == '-') name.pop_back();
  if (name.empty()) name = "spark-app";

  std::ostringstream out;
  out << "# Derived by sparkfit " << kVersion << " analyze from " << p.path << "\n";
  out << "# Spark " << (p.spark_version.empty() ? "?" : p.spark_version) << ", " << fixed(p.duration_s, 1) << " s, "
      << p.tasks << " tasks; input " << units::format_size(p.input_bytes) << ", shuffle written "
      << units::format_size(p.shuffle_write_bytes) << ", spill to disk " << units::format_size(p.disk_spill_bytes)
      << ".\n# Edit freely: the stages below are the run's widest stages, their ratios measured.\n";
  out << "job:\n  name: " << name << "\n";
  // The input size: what the scans read; a run that read nothing measurable gets 1 MiB.
  std::int64_t input = std::max<std::int64_t>(p.input_bytes, units::kMiB);
  out << "  input: {size: " << input << "}\n";
  const double shuffle_ratio =
      p.input_bytes > 0 ? static_cast<double>(p.shuffle_write_bytes) / static_cast<double>(p.input_bytes) : 0;
  out << "  workload: " << (shuffle_ratio > 0.3 ? "join" : shuffle_ratio > 0.01 ? "aggregation" : "etl") << "\n";

  // The widest stages by the data they moved, in stage order.
  std::vector<const StageProfile*> stages;
  for (const StageProfile& s : p.stages)
    if (s.input_bytes + s.shuffle_read_bytes > 0) stages.push_back(&s);
  std::sort(stages.begin(), stages.end(), [](const StageProfile* a, const StageProfile* b) {
    return a->input_bytes + a->shuffle_read_bytes > b->input_bytes + b->shuffle_read_bytes;
  });
  if (stages.size() > 8) stages.resize(8);
  std::sort(stages.begin(), stages.end(), [](const StageProfile* a, const StageProfile* b) { return a->id < b->id; });
  if (!stages.empty()) {
    out << "  stages:\n";
    for (const StageProfile* s : stages) {
      const std::int64_t in = s->input_bytes + s->shuffle_read_bytes;
      const char* kind = s->input_bytes >= s->shuffle_read_bytes ? "scan"
                         : s->shuffle_write_bytes > 0            ? "shuffle-write"
                                                                 : "shuffle-read";
      double ratio = static_cast<double>(s->shuffle_write_bytes) / static_cast<double>(in);
      double output = static_cast<double>(s->output_bytes) / static_cast<double>(in);
      out << "    - {name: stage-" << s->id << ", kind: " << kind << ", shuffle_ratio: " << fixed(ratio, 3)
          << ", skew: " << fixed(std::max(1.0, s->skew), 2) << ", output_ratio: " << fixed(output, 3) << "}\n";
    }
  }
  // The layout it ran with, as far as the log says.
  const RunLayout run = run_layout(p, log);
  out << "layout:\n";
  out << "  num_executors: " << run.executors << "\n";
  out << "  executor_cores: " << run.executor_cores << "\n";
  if (run.heap_mib) out << "  executor_memory: " << units::format_spark_memory(*run.heap_mib) << "\n";
  if (run.overhead_mib) out << "  memory_overhead: " << units::format_spark_memory(*run.overhead_mib) << "\n";
  if (run.shuffle_partitions) out << "  shuffle_partitions: " << *run.shuffle_partitions << "\n";
  if (p.duration_s > 0) {
    out << "observations:\n";
    std::string platform = p.spark_version.find("amzn") != std::string::npos ? "emr" : "yarn";
    out << "  - {platform: " << platform << ", runtime: " << fixed(std::ceil(p.duration_s), 0) << "s}\n";
  }
  return out.str();
}

job::JobSpec job_from_event_log(const std::string& path) {
  RunLog log = read_event_log(path);
  Profile profile = analyze(log);
  job::JobSpec job = job::parse_job_spec(derive_job_spec(profile, log), path + " (derived job spec)");
  job.observed_layout = job.layout;
  job.layout = job::LayoutChoices{};
  return job;
}

}  // namespace sparkfit::eventlog
