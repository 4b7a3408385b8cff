// Spark event logs: read them (plain, zstd, gzip, Spark's lz4/snappy/lzf streams, rolling
// directories), keep a compact record of the run, profile it, and replay its tasks on other
// executor counts as Sparklens does.
//
// Reading streams the log through a decompressor and a JSON-lines parser in constant memory,
// apart from one compact TaskRecord per finished task. Unknown events and fields are skipped; a
// malformed line is a Fault with its line number and reading goes on; a corrupt compressed block
// is an InputError naming the file and the byte offset of the block.
#pragma once

#include <cstddef>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sparkfit/job/job.hpp"
#include "sparkfit/rules/finding.hpp"
#include "sparkfit/rules/rule_file.hpp"

namespace sparkfit::eventlog {

// ---------------------------------------------------------------------------------------------
// Decompression

enum class Codec { none, zstd, gzip, lz4, snappy, lzf };

std::string_view to_string(Codec codec);
// By file extension as Spark names its logs: .zstd/.zst, .gz, .lz4, .snappy, .lzf; else none.
Codec codec_for_path(std::string_view path);

// A source of bytes: a file, a memory buffer, or a decompressor over another source.
class ByteSource {
 public:
  virtual ~ByteSource() = default;
  // Fills up to `capacity` bytes; returns 0 only at the end of the stream. Throws InputError on
  // corrupt input.
  virtual std::size_t read(char* out, std::size_t capacity) = 0;
};

// `name` is the file name used in error messages.
std::unique_ptr<ByteSource> open_file(const std::string& path);
std::unique_ptr<ByteSource> memory_source(std::string_view bytes);
std::unique_ptr<ByteSource> decompressor(Codec codec, std::unique_ptr<ByteSource> compressed, const std::string& name);

// Decompresses a whole buffer (tests, fuzzing). Throws InputError like the streaming decoders.
std::string decompress(Codec codec, std::string_view compressed, const std::string& name);

// ---------------------------------------------------------------------------------------------
// What the reader keeps

// A problem in the log that did not stop reading: a malformed line, an event missing a field.
struct Fault {
  std::string file;
  std::int64_t line = 0;  // 1-based line in that file (for rolling logs: in that part)
  std::string message;
};

// One finished task, compact (48 bytes): what replay, skew and idle time need. Sums of bytes and
// times per stage are kept in StageRecord instead.
struct TaskRecord {
  std::int64_t launch_ms = 0;    // epoch ms
  std::int64_t read_bytes = 0;   // input + shuffle read: the data the task processed
  std::int32_t duration_ms = 0;  // finish - launch
  std::int32_t stage = 0;        // index into RunLog::stages
  std::int32_t executor = -1;    // index into RunLog::executors, -1 when unknown
  std::int32_t run_ms = 0;       // Executor Run Time
  std::int32_t cpu_ms = 0;       // Executor CPU Time (ns in the log)
  std::int32_t gc_ms = 0;        // JVM GC Time
  std::uint8_t failed = 0;       // Failed or Killed, or an end reason other than Success
};

struct StageRecord {
  int id = 0;
  int attempt = 0;
  std::string name;
  int num_tasks = 0;         // Number of Tasks announced by the stage
  std::vector<int> parents;  // parent stage ids
  int job = -1;              // the job that submitted it (-1 when not seen)
  std::optional<std::int64_t> submission_ms, completion_ms;
  std::string failure_reason;
  // Sums over the stage's finished tasks.
  std::int64_t tasks_ended = 0, tasks_failed = 0;
  std::int64_t input_bytes = 0, shuffle_read_bytes = 0, shuffle_write_bytes = 0, output_bytes = 0;
  std::int64_t memory_spill_bytes = 0, disk_spill_bytes = 0, result_bytes = 0;
  std::int64_t run_ms = 0, cpu_ns = 0, gc_ms = 0, fetch_wait_ms = 0, shuffle_write_ns = 0;
  std::int64_t task_ms = 0;  // sum of launch-to-finish durations
  std::int64_t max_peak_execution_memory = 0;
  std::int64_t max_task_read_bytes = 0;  // largest input + shuffle read of one task
  std::int64_t max_task_shuffle_read_bytes = 0;
  std::int64_t first_launch_ms = 0, last_finish_ms = 0;  // 0 until a task ends
};

struct ExecutorRecord {
  std::string id;
  std::string host;
  int cores = 0;
  std::optional<std::int64_t> added_ms, removed_ms;
  std::string removed_reason;
  std::int64_t busy_ms = 0;  // sum of its tasks' durations
};

struct JobRecord {
  int id = 0;
  std::optional<std::int64_t> submission_ms, completion_ms;
  std::vector<int> stage_ids;
  bool succeeded = true;
};

struct RunLog {
  std::string path;
  std::string spark_version;
  std::string app_name, app_id;
  std::map<std::string, std::string> spark_properties;  // from EnvironmentUpdate
  std::optional<std::int64_t> app_start_ms, app_end_ms;
  std::optional<std::int64_t> first_event_ms, last_event_ms;
  std::map<int, int> profile_executor_cores;  // resource profile id -> executor cores
  std::vector<ExecutorRecord> executors;      // in the order they were added
  std::vector<StageRecord> stages;            // stage attempts in the order first seen
  std::vector<JobRecord> jobs;
  std::vector<TaskRecord> tasks;  // in the order they ended
  std::int64_t sql_executions = 0;
  std::int64_t lines = 0, events = 0, bytes = 0;  // uncompressed bytes read
  std::vector<Fault> faults;
  std::vector<std::string> files;  // the files read (one, or the parts of a rolling log)

  bool complete() const { return app_end_ms.has_value(); }
  // Application end (or last event) - application start (or first event), seconds.
  double duration_s() const;
};

// Reads a log file or a rolling directory (eventlog_v2_*: events_N_* in order of N). Throws
// InputError when the file cannot be opened or a compressed block is corrupt.
RunLog read_event_log(const std::string& path);
// Refuses (InputError) a log with no Spark events, which analyze could say nothing about: a file
// that is not a Spark event log.
void require_events(const RunLog& log);
// Reads the (already decompressed) JSON lines of a log; `name` is used in faults.
void read_json_lines(ByteSource& source, const std::string& name, RunLog& log);

// ---------------------------------------------------------------------------------------------
// Profile, findings, replay

struct StageProfile {
  int id = 0;
  int attempt = 0;
  std::string name;
  std::int64_t tasks = 0;
  std::int64_t input_bytes = 0, shuffle_read_bytes = 0, shuffle_write_bytes = 0, output_bytes = 0;
  std::int64_t memory_spill_bytes = 0, disk_spill_bytes = 0;
  double duration_s = 0;
  double gc_share = 0;   // JVM GC time / executor run time
  double cpu_share = 0;  // executor CPU time / executor run time
  double median_task_s = 0, max_task_s = 0;
  double skew = 0;  // max / median task duration (0 without tasks)
  std::int64_t max_task_read_bytes = 0;
  std::int64_t max_task_shuffle_read_bytes = 0;
  std::int64_t max_peak_execution_memory = 0;
  bool critical = false;  // on the critical path
  std::string failure_reason;
};

struct WhatIf {
  int executors = 0;
  int executor_cores = 0;
  double replayed_s = 0;
};

struct TimelinePoint {
  double t_s = 0;  // since application start
  int executors = 0;
  int cores = 0;
};

struct Profile {
  std::string path;
  std::string spark_version, app_name;
  bool complete = false;
  double duration_s = 0;
  int executors_added = 0;
  int peak_executors = 0;
  int peak_cores = 0;
  int executor_cores = 0;                // the most common cores per executor
  std::map<int, int> executor_core_mix;  // cores per executor -> executors with that many (logged ones)
  int task_cpus = 1;
  std::int64_t tasks = 0, failed_tasks = 0, jobs = 0, sql_executions = 0;
  double driver_time_s = 0;         // wall time when no job ran
  double executor_time_s = 0;       // wall time when a job ran
  double task_time_s = 0;           // sum of task durations
  double executor_available_s = 0;  // sum over executors of cores x time alive
  double idle_share = 0;            // 1 - task time / available core time
  double gc_share = 0, cpu_share = 0;
  std::int64_t input_bytes = 0, shuffle_read_bytes = 0, shuffle_write_bytes = 0, output_bytes = 0;
  std::int64_t memory_spill_bytes = 0, disk_spill_bytes = 0;
  std::vector<TimelinePoint> timeline;
  std::vector<StageProfile> stages;
  std::vector<int> critical_path;        // stage ids, first to last
  std::vector<rules::Finding> findings;  // the eventlog rules that fired; item: the stage id
  double measured_s = 0;                 // replay: the wall time it should reproduce
  double replayed_s = 0;                 // replay on the original layout
  std::vector<WhatIf> what_if;
  std::vector<Fault> faults;
  std::int64_t lines = 0, bytes = 0;
};

// Replays the measured task durations on `executors` x `executor_cores` slots (divided by
// spark.task.cpus): stages start when their parents end plus the driver's measured delay, tasks
// go in their measured order to the earliest free slot; time outside jobs is kept as measured.
double replay(const RunLog& log, int executors, int executor_cores);

struct AnalyzeOptions {
  std::vector<int> what_if_executors;
  // The rules to judge the run by: those of category eventlog run over the run's facts
  // (eventlog.*) and its stages (`each: stage`). None: the profile has no findings.
  const std::vector<rules::Rule>* rules = nullptr;
};

Profile analyze(const RunLog& log, const AnalyzeOptions& options = {});

// The facts the eventlog rules may name: the run's (eventlog.*) and a stage's (eventlog.stage.*).
const std::vector<std::string>& fact_names();

// The executor layout and the settings the model reads, as the run had them: the most executors
// alive at once and the most common cores per executor (from the profile: ExecutorAdded events),
// and what its Spark properties (EnvironmentUpdate) set. An empty optional is a setting the run
// left to Spark's default.
struct RunLayout {
  int executors = 1;  // at least 1: a log without executors ran its tasks in the driver
  int executor_cores = 1;
  int task_cpus = 1;
  std::optional<std::int64_t> heap_mib;            // spark.executor.memory
  std::optional<std::int64_t> overhead_mib;        // spark.executor.memoryOverhead
  std::optional<double> overhead_factor;           // spark.executor.memoryOverheadFactor (or spark.yarn.)
  std::optional<std::int64_t> shuffle_partitions;  // spark.sql.shuffle.partitions
  std::optional<bool> adaptive;                    // spark.sql.adaptive.enabled, else the version's default
  bool client_mode = false;                        // spark.submit.deployMode client
};
RunLayout run_layout(const Profile& profile, const RunLog& log);

// A job spec (docs/interface.md#job-specs) derived from the run: input size, shuffle ratios and
// skew of the widest stages, the layout it ran with. Loadable by job::load_job_spec.
std::string derive_job_spec(const Profile& profile, const RunLog& log);

// The work of the run at `path` (--from-eventlog) as a job: input, stages and ratios measured, its
// runtime an observation. Its layout is kept as the observation's context (`observed_layout`), not
// imposed on the search.
job::JobSpec job_from_event_log(const std::string& path);

}  // namespace sparkfit::eventlog
