// The event-log reader: JSON lines in, a compact RunLog out.
//
// Parser: simdjson (Debian's libsimdjson-dev 3.0.1), its DOM API over one reused parser. Each
// line is validated and indexed by SIMD kernels that libsimdjson.so picks at run time (AVX-512,
// AVX2, SSE4.2 or scalar), so one portable binary gets the fast path on any x86-64 or ARM
// machine; the reader then looks up the ~25 values it needs out of the ~150 of a TaskEnd line
// and never copies the rest. simdjson's On-Demand API would skip building the tape, but it is
// header-only and compiled for the build's target ISA: with Debian's baseline x86-64 flags it is
// its scalar fallback kernel. RapidJSON (rapidjson-dev) tokenizes every byte with scalar code and
// is several times slower than simdjson's kernels. Full validation also means every malformed
// line is reported, whatever the event.
//
// Lines are read into one reusable buffer (with simdjson's padding after it), so memory stays
// constant except for the longest line and the per-task records.
#include <simdjson.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <unordered_map>

#include "sparkfit/eventlog/eventlog.hpp"
#include "sparkfit/eventlog/fleet.hpp"
#include "sparkfit/util/error.hpp"

namespace sparkfit::eventlog {

double RunLog::duration_s() const {
  std::optional<std::int64_t> start = app_start_ms ? app_start_ms : first_event_ms;
  std::optional<std::int64_t> end = app_end_ms ? app_end_ms : last_event_ms;
  if (!start || !end || *end < *start) return 0;
  return static_cast<double>(*end - *start) / 1000.0;
}

namespace {

namespace dom = simdjson::dom;

constexpr std::size_t kMaxLine = std::size_t{512} << 20;  // a longer line is skipped as a fault
constexpr std::size_t kPreferredBuffer = std::size_t{4} << 20;

enum class EventType {
  other,
  log_start,
  environment_update,
  application_start,
  application_end,
  executor_added,
  executor_removed,
  resource_profile_added,
  job_start,
  job_end,
  stage_submitted,
  stage_completed,
  task_end,
  sql_start,
  sql_end,
};

EventType event_type(std::string_view name) {
  constexpr std::string_view kPrefix = "SparkListener";
  std::string_view rest = name;
  if (rest.rfind("org.apache.spark.sql.execution.ui.", 0) == 0) rest.remove_prefix(34);
  if (rest.rfind(kPrefix, 0) != 0) return EventType::other;
  rest.remove_prefix(kPrefix.size());
  if (rest == "TaskEnd") return EventType::task_end;
  if (rest == "StageSubmitted") return EventType::stage_submitted;
  if (rest == "StageCompleted") return EventType::stage_completed;
  if (rest == "JobStart") return EventType::job_start;
  if (rest == "JobEnd") return EventType::job_end;
  if (rest == "ExecutorAdded") return EventType::executor_added;
  if (rest == "ExecutorRemoved") return EventType::executor_removed;
  if (rest == "SQLExecutionStart") return EventType::sql_start;
  if (rest == "SQLExecutionEnd") return EventType::sql_end;
  if (rest == "LogStart") return EventType::log_start;
  if (rest == "EnvironmentUpdate") return EventType::environment_update;
  if (rest == "ApplicationStart") return EventType::application_start;
  if (rest == "ApplicationEnd") return EventType::application_end;
  if (rest == "ResourceProfileAdded") return EventType::resource_profile_added;
  return EventType::other;
}

// Values are read leniently: a field of an unexpected type is treated as absent.
bool get(dom::element value, std::int64_t& out) {
  std::int64_t n = 0;
  if (value.get_int64().get(n) != simdjson::SUCCESS) return false;
  out = n;
  return true;
}
bool get(dom::element value, std::string_view& out) { return value.get_string().get(out) == simdjson::SUCCESS; }
bool get(dom::element value, bool& out) { return value.get_bool().get(out) == simdjson::SUCCESS; }

std::int32_t clamp32(std::int64_t value) {
  return static_cast<std::int32_t>(std::clamp<std::int64_t>(value, INT32_MIN, INT32_MAX));
}

struct StageInfo {
  std::int64_t id = -1, attempt = 0, num_tasks = 0;
  std::string_view name;
  std::vector<int> parents;
  std::optional<std::int64_t> submission_ms, completion_ms;
  std::string_view failure_reason;
  bool has_failure = false;
};

class Reader {
 public:
  Reader(RunLog& log) : log_(log) {
    for (std::size_t i = 0; i < log_.stages.size(); ++i)
      stage_index_[key(log_.stages[i].id, log_.stages[i].attempt)] = static_cast<std::int32_t>(i);
    for (std::size_t i = 0; i < log_.executors.size(); ++i)
      executor_index_[log_.executors[i].id] = static_cast<std::int32_t>(i);
    for (std::size_t i = 0; i < log_.jobs.size(); ++i) job_index_[log_.jobs[i].id] = i;
  }

  void read(ByteSource& source, const std::string& name) {
    name_ = name;
    line_number_ = 0;
    std::vector<char> buffer((std::size_t{64} << 10) + simdjson::SIMDJSON_PADDING);
    std::size_t begin = 0, end = 0;  // unparsed data is buffer[begin, end)
    bool eof = false;
    bool skipping = false;  // inside a line too long to keep
    while (true) {
      // Parse every complete line in the buffer.
      while (begin < end) {
        const char* start = buffer.data() + begin;
        const char* newline = static_cast<const char*>(std::memchr(start, '\n', end - begin));
        if (!newline) break;
        std::size_t length = static_cast<std::size_t>(newline - start);
        if (skipping) {
          skipping = false;
        } else {
          ++line_number_;
          line(start, length, buffer.size() - begin);
        }
        begin += length + 1;
      }
      if (eof) {
        if (begin < end && !skipping) {
          ++line_number_;
          line(buffer.data() + begin, end - begin, buffer.size() - begin);
        }
        break;
      }
      // Move the partial line to the front, grow for a long line, and read more.
      if (begin > 0) {
        std::memmove(buffer.data(), buffer.data() + begin, end - begin);
        end -= begin;
        begin = 0;
      }
      std::size_t room = buffer.size() - simdjson::SIMDJSON_PADDING - end;
      if (room == 0) {
        if (buffer.size() >= kMaxLine) {
          ++line_number_;
          fault("line longer than " + std::to_string(kMaxLine >> 20) + " MiB skipped");
          skipping = true;
          end = 0;
        } else {
          buffer.resize((buffer.size() - simdjson::SIMDJSON_PADDING) * 2 + simdjson::SIMDJSON_PADDING);
        }
        room = buffer.size() - simdjson::SIMDJSON_PADDING - end;
      }
      std::size_t got = source.read(buffer.data() + end, room);
      log_.bytes += static_cast<std::int64_t>(got);
      // Start small (a short log costs little) and grow to 4 MiB reads while the source keeps
      // filling the buffer.
      if (got == room && buffer.size() - simdjson::SIMDJSON_PADDING < kPreferredBuffer)
        buffer.resize((buffer.size() - simdjson::SIMDJSON_PADDING) * 2 + simdjson::SIMDJSON_PADDING);
      if (got == 0) eof = true;
      end += got;
      if (skipping) {
        // Drop everything up to the next newline.
        const char* newline = static_cast<const char*>(std::memchr(buffer.data(), '\n', end));
        if (newline) {
          begin = static_cast<std::size_t>(newline - buffer.data()) + 1;
          skipping = false;
        } else {
          end = 0;
        }
      }
    }
    log_.lines += line_number_;
  }

 private:
  static std::int64_t key(std::int64_t stage, std::int64_t attempt) { return stage * 65536 + attempt; }

  void fault(std::string message) { log_.faults.push_back(Fault{name_, line_number_, std::move(message)}); }

  void seen_time(std::int64_t ms) {
    if (ms <= 0) return;
    if (!log_.first_event_ms || ms < *log_.first_event_ms) log_.first_event_ms = ms;
    if (!log_.last_event_ms || ms > *log_.last_event_ms) log_.last_event_ms = ms;
  }

  void line(const char* text, std::size_t length, std::size_t capacity) {
    while (length > 0 && (text[length - 1] == '\r' || text[length - 1] == ' ' || text[length - 1] == '\t')) --length;
    std::size_t skip = 0;
    while (skip < length && (text[skip] == ' ' || text[skip] == '\t')) ++skip;
    if (skip == length) return;  // blank line
    simdjson::error_code error = event(text + skip, length - skip, capacity - skip);
    if (error != simdjson::SUCCESS)
      fault(std::string("malformed JSON (") + simdjson::error_message(error) + "), line skipped");
  }

  simdjson::error_code event(const char* text, std::size_t length, std::size_t capacity) {
    (void)capacity;  // the buffer always has SIMDJSON_PADDING bytes after the line
    dom::element doc;
    if (auto error = parser_.parse(text, length, false).get(doc)) return error;
    dom::object object;
    if (auto error = doc.get_object().get(object)) return error;
    std::string_view name;
    if (auto error = object.at_key("Event").get_string().get(name)) {
      if (error == simdjson::NO_SUCH_FIELD) {
        fault("an event without an \"Event\" field, skipped");
        return simdjson::SUCCESS;
      }
      return error;
    }
    ++log_.events;
    EventType type = event_type(name);
    simdjson::error_code error = simdjson::SUCCESS;
    switch (type) {
      case EventType::task_end: error = task_end(object); break;
      case EventType::stage_submitted: error = stage_event(object, false); break;
      case EventType::stage_completed: error = stage_event(object, true); break;
      case EventType::job_start: error = job_start(object); break;
      case EventType::job_end: error = job_end(object); break;
      case EventType::executor_added: error = executor_added(object); break;
      case EventType::executor_removed: error = executor_removed(object); break;
      case EventType::log_start: error = log_start(object); break;
      case EventType::environment_update: error = environment(object); break;
      case EventType::application_start: error = application(object, false); break;
      case EventType::application_end: error = application(object, true); break;
      case EventType::resource_profile_added: error = resource_profile(object); break;
      case EventType::sql_start: error = sql(object, false); break;
      case EventType::sql_end: error = sql(object, true); break;
      case EventType::other: break;
    }
    return error;
  }

  // Walks the fields of an object, calling `use(key, value)` for each; unknown ones are simply
  // not looked at. A value that is not an object is ignored.
  template <typename Use>
  static simdjson::error_code fields(dom::object object, Use use) {
    for (dom::key_value_pair field : object)
      if (auto error = use(field.key, field.value)) return error;
    return simdjson::SUCCESS;
  }
  template <typename Use>
  static simdjson::error_code fields(dom::element value, Use use) {
    dom::object object;
    if (value.get_object().get(object) != simdjson::SUCCESS) return simdjson::SUCCESS;
    return fields(object, use);
  }

  simdjson::error_code log_start(dom::object object) {
    return fields(object, [&](std::string_view key, dom::element value) {
      std::string_view text;
      if (key == "Spark Version" && get(value, text)) log_.spark_version = text;
      return simdjson::SUCCESS;
    });
  }

  simdjson::error_code environment(dom::object object) {
    return fields(object, [&](std::string_view key, dom::element value) {
      if (key != "Spark Properties") return simdjson::SUCCESS;
      const dom::element_type type = value.type();
      if (type == dom::element_type::OBJECT) {
        return fields(value, [&](std::string_view name, dom::element setting) {
          std::string_view text;
          if (get(setting, text)) log_.spark_properties[std::string(name)] = std::string(text);
          return simdjson::SUCCESS;
        });
      }
      if (type == dom::element_type::ARRAY) {  // [[key, value], ...]
        dom::array pairs;
        if (value.get_array().get(pairs)) return simdjson::SUCCESS;
        for (auto pair : pairs) {
          dom::array items;
          if (pair.get_array().get(items)) continue;
          std::string name;
          int index = 0;
          for (auto item : items) {
            std::string_view text;
            if (item.get_string().get(text)) break;
            if (index == 0) name = std::string(text);
            if (index == 1) log_.spark_properties[name] = std::string(text);
            ++index;
          }
        }
      }
      return simdjson::SUCCESS;
    });
  }

  simdjson::error_code application(dom::object object, bool end) {
    return fields(object, [&](std::string_view key, dom::element value) {
      std::int64_t ms = 0;
      std::string_view text;
      if (key == "Timestamp" && get(value, ms)) {
        seen_time(ms);
        if (end)
          log_.app_end_ms = ms;
        else
          log_.app_start_ms = ms;
      } else if (!end && key == "App Name" && get(value, text)) {
        log_.app_name = text;
      } else if (!end && key == "App ID" && get(value, text)) {
        log_.app_id = text;
      }
      return simdjson::SUCCESS;
    });
  }

  std::int32_t executor(std::string_view id) {
    auto found = executor_index_.find(std::string(id));
    if (found != executor_index_.end()) return found->second;
    auto index = static_cast<std::int32_t>(log_.executors.size());
    ExecutorRecord record;
    record.id = std::string(id);
    log_.executors.push_back(std::move(record));
    executor_index_.emplace(std::string(id), index);
    return index;
  }

  simdjson::error_code executor_added(dom::object object) {
    std::optional<std::int64_t> time;
    std::string id, host;
    std::int64_t cores = 0;
    auto error = fields(object, [&](std::string_view key, dom::element value) {
      std::int64_t ms = 0;
      std::string_view text;
      if (key == "Timestamp" && get(value, ms))
        time = ms;
      else if (key == "Executor ID" && get(value, text))
        id = text;
      else if (key == "Executor Info") {
        return fields(value, [&](std::string_view name, dom::element item) {
          std::string_view h;
          if (name == "Host" && get(item, h))
            host = h;
          else if (name == "Total Cores")
            get(item, cores);
          return simdjson::SUCCESS;
        });
      }
      return simdjson::SUCCESS;
    });
    if (error) return error;
    if (id.empty()) {
      fault("ExecutorAdded without an Executor ID, skipped");
      return simdjson::SUCCESS;
    }
    ExecutorRecord& record = log_.executors[static_cast<std::size_t>(executor(id))];
    record.host = host;
    record.cores = static_cast<int>(cores);
    // Executor timestamps do not move the run's window: they come from the cluster manager's
    // clock and are the ones edited in hand-made logs.
    if (time) record.added_ms = *time;
    return simdjson::SUCCESS;
  }

  simdjson::error_code executor_removed(dom::object object) {
    std::optional<std::int64_t> time;
    std::string id, reason;
    auto error = fields(object, [&](std::string_view key, dom::element value) {
      std::int64_t ms = 0;
      std::string_view text;
      if (key == "Timestamp" && get(value, ms))
        time = ms;
      else if (key == "Executor ID" && get(value, text))
        id = text;
      else if (key == "Removed Reason" && get(value, text))
        reason = text;
      return simdjson::SUCCESS;
    });
    if (error || id.empty()) return error;
    ExecutorRecord& record = log_.executors[static_cast<std::size_t>(executor(id))];
    record.removed_reason = reason;
    if (time) record.removed_ms = *time;
    return simdjson::SUCCESS;
  }

  simdjson::error_code resource_profile(dom::object object) {
    std::int64_t id = -1, cores = 0;
    auto error = fields(object, [&](std::string_view key, dom::element value) {
      if (key == "Resource Profile Id")
        get(value, id);
      else if (key == "Executor Resource Requests") {
        return fields(value, [&](std::string_view name, dom::element request) {
          if (name != "cores") return simdjson::SUCCESS;
          return fields(request, [&](std::string_view field, dom::element amount) {
            if (field == "Amount") get(amount, cores);
            return simdjson::SUCCESS;
          });
        });
      }
      return simdjson::SUCCESS;
    });
    if (!error && id >= 0 && cores > 0) log_.profile_executor_cores[static_cast<int>(id)] = static_cast<int>(cores);
    return error;
  }

  simdjson::error_code sql(dom::object object, bool end) {
    auto error = fields(object, [&](std::string_view key, dom::element value) {
      std::int64_t ms = 0;
      if (key == "time" && get(value, ms)) seen_time(ms);
      return simdjson::SUCCESS;
    });
    if (!error && !end) ++log_.sql_executions;
    return error;
  }

  JobRecord& job(std::int64_t id) {
    auto found = job_index_.find(id);
    if (found != job_index_.end()) return log_.jobs[found->second];
    job_index_[id] = log_.jobs.size();
    JobRecord record;
    record.id = static_cast<int>(id);
    log_.jobs.push_back(record);
    return log_.jobs.back();
  }

  simdjson::error_code job_start(dom::object object) {
    std::int64_t id = -1;
    std::optional<std::int64_t> time;
    std::vector<int> stage_ids;
    std::vector<StageInfo> infos;
    auto error = fields(object, [&](std::string_view key, dom::element value) {
      std::int64_t ms = 0;
      if (key == "Job ID")
        get(value, id);
      else if (key == "Submission Time" && get(value, ms))
        time = ms;
      else if (key == "Stage IDs") {
        dom::array ids;
        if (value.get_array().get(ids)) return simdjson::SUCCESS;
        for (auto item : ids) {
          std::int64_t stage = 0;
          if (item.get_int64().get(stage) == simdjson::SUCCESS) stage_ids.push_back(static_cast<int>(stage));
        }
      } else if (key == "Stage Infos") {
        dom::array array;
        if (value.get_array().get(array)) return simdjson::SUCCESS;
        for (dom::element info : array) {
          StageInfo parsed;
          if (auto e = stage_info(info, parsed)) return e;
          infos.push_back(std::move(parsed));
        }
      }
      return simdjson::SUCCESS;
    });
    if (error) return error;
    if (id < 0) {
      fault("JobStart without a Job ID, skipped");
      return simdjson::SUCCESS;
    }
    JobRecord& record = job(id);
    record.submission_ms = time;
    record.stage_ids = stage_ids;
    if (time) seen_time(*time);
    // Parents are known from the job's stage infos even for stages that are never submitted.
    for (const StageInfo& info : infos) {
      if (info.id < 0) continue;
      auto& parents = job_stage_parents_[static_cast<int>(info.id)];
      if (parents.empty()) parents = info.parents;
      stage_job_.emplace(static_cast<int>(info.id), static_cast<int>(id));
    }
    for (int stage : stage_ids) stage_job_.emplace(stage, static_cast<int>(id));
    return simdjson::SUCCESS;
  }

  simdjson::error_code job_end(dom::object object) {
    std::int64_t id = -1;
    std::optional<std::int64_t> time;
    bool succeeded = true;
    auto error = fields(object, [&](std::string_view key, dom::element value) {
      std::int64_t ms = 0;
      if (key == "Job ID")
        get(value, id);
      else if (key == "Completion Time" && get(value, ms))
        time = ms;
      else if (key == "Job Result") {
        return fields(value, [&](std::string_view name, dom::element result) {
          std::string_view text;
          if (name == "Result" && get(result, text)) succeeded = text == "JobSucceeded";
          return simdjson::SUCCESS;
        });
      }
      return simdjson::SUCCESS;
    });
    if (error || id < 0) return error;
    JobRecord& record = job(id);
    record.completion_ms = time;
    record.succeeded = succeeded;
    if (time) seen_time(*time);
    return simdjson::SUCCESS;
  }

  simdjson::error_code stage_info(dom::element value, StageInfo& info) {
    return fields(value, [&](std::string_view key, dom::element item) {
      std::int64_t n = 0;
      std::string_view text;
      if (key == "Stage ID")
        get(item, info.id);
      else if (key == "Stage Attempt ID")
        get(item, info.attempt);
      else if (key == "Stage Name" && get(item, text))
        info.name = text;
      else if (key == "Number of Tasks")
        get(item, info.num_tasks);
      else if (key == "Submission Time" && get(item, n))
        info.submission_ms = n;
      else if (key == "Completion Time" && get(item, n))
        info.completion_ms = n;
      else if (key == "Failure Reason" && get(item, text)) {
        info.failure_reason = text;
        info.has_failure = true;
      } else if (key == "Parent IDs") {
        dom::array ids;
        if (item.get_array().get(ids)) return simdjson::SUCCESS;
        for (auto id : ids) {
          std::int64_t parent = 0;
          if (id.get_int64().get(parent) == simdjson::SUCCESS) info.parents.push_back(static_cast<int>(parent));
        }
      }
      return simdjson::SUCCESS;
    });
  }

  std::int32_t stage(std::int64_t id, std::int64_t attempt) {
    auto found = stage_index_.find(key(id, attempt));
    if (found != stage_index_.end()) return found->second;
    auto index = static_cast<std::int32_t>(log_.stages.size());
    StageRecord record;
    record.id = static_cast<int>(id);
    record.attempt = static_cast<int>(attempt);
    auto parents = job_stage_parents_.find(record.id);
    if (parents != job_stage_parents_.end()) record.parents = parents->second;
    auto job = stage_job_.find(record.id);
    if (job != stage_job_.end()) record.job = job->second;
    log_.stages.push_back(std::move(record));
    stage_index_.emplace(key(id, attempt), index);
    return index;
  }

  simdjson::error_code stage_event(dom::object object, bool completed) {
    StageInfo info;
    bool seen = false;
    auto error = fields(object, [&](std::string_view key, dom::element value) {
      if (key != "Stage Info") return simdjson::SUCCESS;
      seen = true;
      return stage_info(value, info);
    });
    if (error) return error;
    if (!seen || info.id < 0) {
      fault("a stage event without Stage Info, skipped");
      return simdjson::SUCCESS;
    }
    StageRecord& record = log_.stages[static_cast<std::size_t>(stage(info.id, info.attempt))];
    if (!info.name.empty()) record.name = info.name;
    if (info.num_tasks > 0) record.num_tasks = static_cast<int>(info.num_tasks);
    if (!info.parents.empty()) record.parents = info.parents;
    if (info.submission_ms) {
      record.submission_ms = info.submission_ms;
      seen_time(*info.submission_ms);
    }
    if (completed && info.completion_ms) {
      record.completion_ms = info.completion_ms;
      seen_time(*info.completion_ms);
    }
    if (info.has_failure) record.failure_reason = info.failure_reason;
    return simdjson::SUCCESS;
  }

  simdjson::error_code task_end(dom::object object) {
    std::int64_t stage_id = -1, attempt = 0;
    std::int64_t launch = 0, finish = 0;
    bool failed = false, killed = false, success = true;
    std::string_view executor_id;
    bool has_executor = false;
    struct Metrics {
      std::int64_t run = 0, cpu = 0, gc = 0, peak = 0, memory_spill = 0, disk_spill = 0, result = 0;
      std::int64_t input = 0, output = 0, remote = 0, local = 0, fetch_wait = 0, written = 0, write_ns = 0;
    } m;
    auto sub = [&](dom::element value, std::string_view want, std::int64_t& out) {
      return fields(value, [&](std::string_view name, dom::element item) {
        if (name == want) get(item, out);
        return simdjson::SUCCESS;
      });
    };
    auto error = fields(object, [&](std::string_view key, dom::element value) -> simdjson::error_code {
      if (key == "Stage ID") {
        get(value, stage_id);
      } else if (key == "Stage Attempt ID") {
        get(value, attempt);
      } else if (key == "Task End Reason") {
        return fields(value, [&](std::string_view name, dom::element item) {
          std::string_view reason;
          if (name == "Reason" && get(item, reason)) success = reason == "Success";
          return simdjson::SUCCESS;
        });
      } else if (key == "Task Info") {
        return fields(value, [&](std::string_view name, dom::element item) {
          if (name == "Launch Time")
            get(item, launch);
          else if (name == "Finish Time")
            get(item, finish);
          else if (name == "Executor ID")
            has_executor = get(item, executor_id);
          else if (name == "Failed")
            get(item, failed);
          else if (name == "Killed")
            get(item, killed);
          return simdjson::SUCCESS;
        });
      } else if (key == "Task Metrics") {
        return fields(value, [&](std::string_view name, dom::element item) -> simdjson::error_code {
          if (name == "Executor Run Time")
            get(item, m.run);
          else if (name == "Executor CPU Time")
            get(item, m.cpu);
          else if (name == "JVM GC Time")
            get(item, m.gc);
          else if (name == "Peak Execution Memory")
            get(item, m.peak);
          else if (name == "Memory Bytes Spilled")
            get(item, m.memory_spill);
          else if (name == "Disk Bytes Spilled")
            get(item, m.disk_spill);
          else if (name == "Result Size")
            get(item, m.result);
          else if (name == "Input Metrics")
            return sub(item, "Bytes Read", m.input);
          else if (name == "Output Metrics")
            return sub(item, "Bytes Written", m.output);
          else if (name == "Shuffle Read Metrics") {
            return fields(item, [&](std::string_view field, dom::element number) {
              if (field == "Remote Bytes Read")
                get(number, m.remote);
              else if (field == "Local Bytes Read")
                get(number, m.local);
              else if (field == "Fetch Wait Time")
                get(number, m.fetch_wait);
              return simdjson::SUCCESS;
            });
          } else if (name == "Shuffle Write Metrics") {
            return fields(item, [&](std::string_view field, dom::element number) {
              if (field == "Shuffle Bytes Written")
                get(number, m.written);
              else if (field == "Shuffle Write Time")
                get(number, m.write_ns);
              return simdjson::SUCCESS;
            });
          }
          return simdjson::SUCCESS;
        });
      }
      return simdjson::SUCCESS;
    });
    if (error) return error;
    if (stage_id < 0) {
      fault("TaskEnd without a Stage ID, skipped");
      return simdjson::SUCCESS;
    }
    TaskRecord task;
    task.stage = stage(stage_id, attempt);
    task.executor = has_executor ? executor(executor_id) : -1;
    task.launch_ms = launch;
    task.duration_ms = clamp32(finish >= launch && launch > 0 ? finish - launch : m.run);
    task.run_ms = clamp32(m.run);
    task.cpu_ms = clamp32(m.cpu / 1000000);
    task.gc_ms = clamp32(m.gc);
    const std::int64_t shuffle_read = m.remote + m.local;
    task.read_bytes = m.input + shuffle_read;
    task.failed = (failed || killed || !success) ? 1 : 0;
    if (finish > 0) seen_time(finish);

    StageRecord& s = log_.stages[static_cast<std::size_t>(task.stage)];
    ++s.tasks_ended;
    s.tasks_failed += task.failed;
    s.input_bytes += m.input;
    s.shuffle_read_bytes += shuffle_read;
    s.shuffle_write_bytes += m.written;
    s.output_bytes += m.output;
    s.memory_spill_bytes += m.memory_spill;
    s.disk_spill_bytes += m.disk_spill;
    s.result_bytes += m.result;
    s.run_ms += m.run;
    s.cpu_ns += m.cpu;
    s.gc_ms += m.gc;
    s.fetch_wait_ms += m.fetch_wait;
    s.shuffle_write_ns += m.write_ns;
    s.task_ms += task.duration_ms;
    s.max_peak_execution_memory = std::max(s.max_peak_execution_memory, m.peak);
    s.max_task_read_bytes = std::max(s.max_task_read_bytes, task.read_bytes);
    s.max_task_shuffle_read_bytes = std::max(s.max_task_shuffle_read_bytes, shuffle_read);
    if (launch > 0 && (s.first_launch_ms == 0 || launch < s.first_launch_ms)) s.first_launch_ms = launch;
    if (finish > s.last_finish_ms) s.last_finish_ms = finish;
    if (task.executor >= 0) log_.executors[static_cast<std::size_t>(task.executor)].busy_ms += task.duration_ms;
    log_.tasks.push_back(task);
    return simdjson::SUCCESS;
  }

  RunLog& log_;
  std::string name_;
  std::int64_t line_number_ = 0;
  dom::parser parser_;
  std::unordered_map<std::int64_t, std::int32_t> stage_index_;
  std::unordered_map<std::string, std::int32_t> executor_index_;
  std::unordered_map<std::int64_t, std::size_t> job_index_;
  std::unordered_map<int, std::vector<int>> job_stage_parents_;
  std::unordered_map<int, int> stage_job_;
};

// The number N of a rolling part "events_N_<app id>[.codec]"; -1 when the name is not one.
long rolling_index(const std::string& name) {
  if (name.rfind("events_", 0) != 0) return -1;
  long n = 0;
  const char* begin = name.data() + 7;
  const char* end = name.data() + name.size();
  auto [ptr, ec] = std::from_chars(begin, end, n);
  if (ec != std::errc() || ptr == begin || ptr == end || *ptr != '_') return -1;
  return n;
}

void read_file_into(const std::string& path, RunLog& log, Reader& reader) {
  std::unique_ptr<ByteSource> source = decompressor(codec_for_path(path), open_file(path), path);
  reader.read(*source, path);
  log.files.push_back(path);
}

}  // namespace

bool is_rolling_part(const std::string& name) { return rolling_index(name) >= 0; }

void read_json_lines(ByteSource& source, const std::string& name, RunLog& log) {
  Reader reader(log);
  reader.read(source, name);
}

RunLog read_event_log(const std::string& path) {
  namespace fs = std::filesystem;
  RunLog log;
  log.path = path;
  std::error_code error;
  if (fs::is_directory(path, error)) {
    // A rolling event log: events_N_* parts continue each other; appstatus_* only marks state.
    std::vector<std::pair<long, std::string>> parts;
    for (const auto& entry : fs::directory_iterator(path, error)) {
      long n = rolling_index(entry.path().filename().string());
      if (n >= 0 && entry.is_regular_file()) parts.emplace_back(n, entry.path().string());
    }
    if (error) throw InputError(SourceLocation{path, 0, 0, {}}, "cannot list the directory: " + error.message());
    if (parts.empty())
      throw InputError(SourceLocation{path, 0, 0, {}},
                       "a directory, but not a rolling event log: no events_N_* files in it");
    std::sort(parts.begin(), parts.end());
    Reader reader(log);
    for (const auto& part : parts) read_file_into(part.second, log, reader);
    return log;
  }
  Reader reader(log);
  read_file_into(path, log, reader);
  return log;
}

void require_events(const RunLog& log) {
  if (log.events == 0)
    throw InputError(log.path + ": no Spark events in it (" + std::to_string(log.lines) +
                     " lines read); expected a Spark event log (JSON lines with \"Event\" fields)");
}

}  // namespace sparkfit::eventlog
