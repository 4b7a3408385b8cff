// analyze of a fleet: find the logs, read them in parallel, one row per application, ranked by waste.
#include "sparkfit/eventlog/fleet.hpp"

#include <algorithm>
#include <array>
#include <atomic>
#include <filesystem>
#include <mutex>
#include <thread>

#include "sparkfit/util/error.hpp"

namespace sparkfit::eventlog {
namespace {

namespace fs = std::filesystem;

bool is_rolling_folder(const fs::path& dir) {
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(dir, error))
    if (is_rolling_part(entry.path().filename().string())) return true;
  return false;
}

bool starts_with_any(const std::string& name, std::initializer_list<std::string_view> prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(), [&](std::string_view p) { return name.rfind(p, 0) == 0; });
}

// Files a History Server directory or a copied test tree holds beside the logs.
bool named_as_not_a_log(const std::string& name) {
  static constexpr std::array<std::string_view, 14> kExtensions = {".md",     ".csv",  ".txt",  ".json", ".yaml",
                                                                   ".yml",    ".conf", ".html", ".xml",  ".properties",
                                                                   ".output", ".crc",  ".sh",   ".py"};
  if (name.empty() || name.front() == '.') return true;
  if (starts_with_any(name, {"README", "LICENSE", "NOTICE"})) return true;
  const std::string extension = fs::path(name).extension().string();
  return std::find(kExtensions.begin(), kExtensions.end(), extension) != kExtensions.end();
}

struct Walk {
  FoundLogs& found;
  std::vector<std::string> skipped;

  // The logs under `dir`, sorted by path; rolling-log folders are one log each.
  void directory(const fs::path& dir) {
    std::vector<fs::directory_entry> entries;
    std::error_code error;
    for (const auto& entry : fs::directory_iterator(dir, error)) entries.push_back(entry);
    if (error) {
      // Kept as a log: reading it fails with the reason, and it is a row.
      found.logs.push_back(dir.string());
      return;
    }
    std::sort(entries.begin(), entries.end(),
              [](const fs::directory_entry& a, const fs::directory_entry& b) { return a.path() < b.path(); });
    for (const fs::directory_entry& entry : entries) {
      std::error_code status_error;
      if (entry.is_symlink(status_error)) {
        found.notes.push_back(entry.path().string() + ": a symbolic link, not followed (name its target to read it)");
      } else if (entry.is_directory(status_error)) {
        if (is_rolling_folder(entry.path()) || entry.path().filename().string().rfind("eventlog_v2_", 0) == 0)
          found.logs.push_back(entry.path().string());
        else
          directory(entry.path());
      } else if (named_as_not_a_log(entry.path().filename().string())) {
        skipped.push_back(entry.path().filename().string());
      } else {
        found.logs.push_back(entry.path().string());
      }
    }
  }
};

std::string skipped_note(std::vector<std::string> names) {
  const std::size_t files = names.size();
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  std::string note = "skipped " + std::to_string(files) +
                     (files == 1 ? " file whose name says it is not an event log ("
                                 : " files whose names say they are not event logs (");
  for (std::size_t i = 0; i < names.size() && i < 8; ++i) note += (i ? ", " : "") + names[i];
  if (names.size() > 8) note += ", ...";
  return note + ")";
}

}  // namespace

bool is_single_log(const std::string& path) {
  std::error_code error;
  if (!fs::is_directory(path, error)) return true;
  return is_rolling_folder(path);
}

FoundLogs find_logs(const std::vector<std::string>& paths) {
  FoundLogs found;
  Walk walk{found, {}};
  for (const std::string& path : paths) {
    if (is_single_log(path)) {
      found.logs.push_back(path);
      continue;
    }
    const std::size_t before = found.logs.size();
    walk.directory(path);
    // A directory given that holds no log is a row that says so.
    if (found.logs.size() == before) found.logs.push_back(path);
  }
  if (!walk.skipped.empty()) found.notes.push_back(skipped_note(walk.skipped));
  return found;
}

namespace {

constexpr double kSecondsPerHour = 3600;

// The run's skew: the largest max/median task time among the stages that took at least 5% of the
// run, so that a two-task stage of a second does not stand for the whole application.
double run_skew(const Profile& profile) {
  double skew = 0;
  for (const StageProfile& s : profile.stages)
    if (s.tasks >= 2 && s.duration_s >= 0.05 * profile.duration_s) skew = std::max(skew, s.skew);
  return skew;
}

// The most severe finding, the first of its severity in the rules' order.
std::optional<TopFinding> top_finding(const Profile& profile) {
  const rules::Finding* top = nullptr;
  for (const rules::Finding& f : profile.findings)
    if (!top || f.severity < top->severity) top = &f;
  if (!top) return std::nullopt;
  return TopFinding{top->id, top->message, top->fix, top->severity};
}

std::string error_text(const InputError& error) {
  const SourceLocation& where = error.where();
  if (where.file.empty()) return error.message();
  return where.file + (where.line > 0 ? ":" + std::to_string(where.line) : "") + ": " + error.message();
}

// A log without events: its first problem (the bad line, when there is one) says why.
std::string no_events_error(const RunLog& log) {
  if (log.faults.empty()) return log.path + ": no Spark events in it (" + std::to_string(log.lines) + " lines read)";
  const Fault& f = log.faults.front();
  return f.file + ":" + std::to_string(f.line) + ": " + f.message + "; no Spark events in it";
}

FleetRow read_row(const std::string& path, const FleetOptions& options) {
  FleetRow row;
  row.path = path;
  try {
    if (!is_single_log(path)) {
      row.error = path + ": no event log in this directory or under it";
      return row;
    }
    RunLog log = read_event_log(path);
    row.bytes = log.bytes;
    if (log.events == 0) {
      row.error = no_events_error(log);
      return row;
    }
    AnalyzeOptions analyze_options;
    analyze_options.rules = options.rules;
    const Profile profile = analyze(log, analyze_options);
    std::optional<CorePrice> price;
    if (options.price) price = options.price(log);
    row = fleet_row(profile, log, price);
    if (options.config_findings) row.config_findings = options.config_findings(log);
  } catch (const InputError& error) {
    row.error = error_text(error);
  } catch (const std::exception& error) {
    row.error = path + ": " + error.what();
  }
  return row;
}

std::int64_t size_on_disk(const std::string& path) {
  std::error_code error;
  if (!fs::is_directory(path, error)) {
    const auto size = fs::file_size(path, error);
    return error ? 0 : static_cast<std::int64_t>(size);
  }
  std::int64_t total = 0;
  for (const auto& entry : fs::directory_iterator(path, error)) {
    const auto size = entry.is_regular_file(error) ? entry.file_size(error) : 0;
    if (!error) total += static_cast<std::int64_t>(size);
  }
  return total;
}

}  // namespace

FleetRow fleet_row(const Profile& profile, const RunLog& log, const std::optional<CorePrice>& price) {
  FleetRow row;
  row.path = profile.path;
  row.app_id = log.app_id;
  row.app_name = profile.app_name;
  row.spark_version = profile.spark_version;
  row.duration_s = profile.duration_s;
  row.executors = profile.peak_executors;
  row.executor_cores = profile.executor_cores;
  row.core_hours_held = profile.executor_available_s / kSecondsPerHour;
  row.core_hours_used = profile.task_time_s / kSecondsPerHour;
  row.core_hours_wasted = std::max(0.0, row.core_hours_held - row.core_hours_used);
  row.idle_share = profile.idle_share;
  row.gc_share = profile.gc_share;
  row.skew = run_skew(profile);
  row.memory_spill_bytes = profile.memory_spill_bytes;
  row.disk_spill_bytes = profile.disk_spill_bytes;
  if (price) {
    row.wasted_usd = row.core_hours_wasted * price->usd_per_core_hour;
    row.priced_instance = price->instance;
  }
  row.top_finding = top_finding(profile);
  row.bytes = profile.bytes;
  return row;
}

Fleet rank_fleet(std::vector<FleetRow> rows) {
  Fleet fleet;
  fleet.priced = std::any_of(rows.begin(), rows.end(), [](const FleetRow& r) { return !r.error; }) &&
                 std::all_of(rows.begin(), rows.end(), [](const FleetRow& r) { return r.error || r.wasted_usd; });
  const bool priced = fleet.priced;
  std::stable_sort(rows.begin(), rows.end(), [priced](const FleetRow& a, const FleetRow& b) {
    if (a.error.has_value() != b.error.has_value()) return !a.error;
    if (!a.error) {
      const double wa = priced ? *a.wasted_usd : a.core_hours_wasted;
      const double wb = priced ? *b.wasted_usd : b.core_hours_wasted;
      if (wa != wb) return wa > wb;
    }
    return a.path < b.path;
  });
  FleetTotals& t = fleet.totals;
  const bool reviewed =
      std::any_of(rows.begin(), rows.end(), [](const FleetRow& r) { return !r.error; }) &&
      std::all_of(rows.begin(), rows.end(), [](const FleetRow& r) { return r.error || r.config_findings.has_value(); });
  for (const FleetRow& r : rows) {
    t.bytes += r.bytes;
    if (r.error) {
      ++t.failed;
      continue;
    }
    ++t.applications;
    t.duration_s += r.duration_s;
    t.core_hours_held += r.core_hours_held;
    t.core_hours_used += r.core_hours_used;
    t.core_hours_wasted += r.core_hours_wasted;
    t.memory_spill_bytes += r.memory_spill_bytes;
    t.disk_spill_bytes += r.disk_spill_bytes;
    if (priced) t.wasted_usd = t.wasted_usd.value_or(0) + *r.wasted_usd;
    if (reviewed) t.config_findings = t.config_findings.value_or(0) + *r.config_findings;
  }
  fleet.rows = std::move(rows);
  return fleet;
}

Fleet analyze_fleet(const std::vector<std::string>& logs, const FleetOptions& options) {
  std::vector<FleetRow> rows(logs.size());
  std::int64_t total_bytes = 0;
  std::vector<std::int64_t> sizes;
  if (options.progress) {
    for (const std::string& log : logs) sizes.push_back(size_on_disk(log));
    for (std::int64_t s : sizes) total_bytes += s;
  }
  std::atomic<std::size_t> next{0};
  std::mutex progress_lock;
  std::size_t done = 0;
  std::int64_t done_bytes = 0;
  const auto work = [&] {
    for (std::size_t i = next++; i < logs.size(); i = next++) {
      rows[i] = read_row(logs[i], options);
      if (!options.progress) continue;
      const std::lock_guard<std::mutex> hold(progress_lock);
      ++done;
      done_bytes += sizes[i];
      options.progress(done, logs.size(), done_bytes, total_bytes);
    }
  };
  const std::size_t threads = std::min<std::size_t>(static_cast<std::size_t>(std::max(1, options.jobs)), logs.size());
  if (threads <= 1) {
    work();
  } else {
    std::vector<std::jthread> pool;
    for (std::size_t i = 0; i < threads; ++i) pool.emplace_back(work);
  }
  return rank_fleet(std::move(rows));
}

}  // namespace sparkfit::eventlog
