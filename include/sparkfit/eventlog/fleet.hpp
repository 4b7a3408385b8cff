// `sparkfit analyze PATH...` over a fleet of event logs: find the logs under the paths given, read
// and profile each (in parallel, each streamed as a single analyze streams it), and keep one row per
// application with what it held, used and wasted. A log that cannot be read is a row with its error.
//
// Determinism: the logs are found in sorted order and the rows are collected by index, so the same
// logs give the same rows whatever the number of threads.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sparkfit/catalog/catalog.hpp"
#include "sparkfit/eventlog/eventlog.hpp"
#include "sparkfit/units/given.hpp"

namespace sparkfit::eventlog {

// Whether `name` is a part of a rolling event log ("events_N_<app id>[.codec]").
bool is_rolling_part(const std::string& name);

// Whether `path` is one event log as the single-log analyze reads it: a file, a rolling-log folder
// (a directory with events_N_* parts), or a path that does not exist (its error is the single
// analyze's). Anything else (a directory of logs) is a fleet.
bool is_single_log(const std::string& path);

// The logs under `paths`, in the order of the paths given and, under a directory, sorted by path.
// A directory is walked recursively; a rolling-log folder is one log. Symbolic links met while
// walking are not followed (each is a note); files whose names say they are not event logs
// (README*, LICENSE*, NOTICE*, hidden files, .md .csv .txt .json .yaml .yml .conf .html .xml
// .properties .output .crc .sh .py) are skipped with one note. A path given that holds no log is
// kept as a "log" whose reading fails, so that it becomes a row with its error.
struct FoundLogs {
  std::vector<std::string> logs;
  std::vector<std::string> notes;
};
FoundLogs find_logs(const std::vector<std::string>& paths);

// What an hour of one executor core costs, where the cluster is known.
struct CorePrice {
  std::string instance;  // the instance type priced
  double usd_per_core_hour = 0;
};

struct TopFinding {
  std::string id, message, fix;
  rules::Severity severity = rules::Severity::warning;
};

struct FleetRow {
  std::string path;
  std::optional<std::string> error;  // the message with its place ("file:line: ..."); the rest is then empty
  std::string app_id, app_name, spark_version;
  double duration_s = 0;
  int executors = 0;       // the most alive at once
  int executor_cores = 0;  // the most common cores per executor
  double core_hours_held = 0, core_hours_used = 0, core_hours_wasted = 0;
  double idle_share = 0, gc_share = 0, skew = 0;
  std::int64_t memory_spill_bytes = 0, disk_spill_bytes = 0;
  std::optional<double> wasted_usd;
  std::optional<std::string> priced_instance;
  std::optional<TopFinding> top_finding;
  // The findings of review's rules over the run's own Spark properties (the single analyze's
  // config_findings); none when the fleet was read without that review.
  std::optional<int> config_findings;
  std::int64_t bytes = 0;  // uncompressed bytes read
};

struct FleetTotals {
  int applications = 0, failed = 0;
  double duration_s = 0, core_hours_held = 0, core_hours_used = 0, core_hours_wasted = 0;
  std::int64_t memory_spill_bytes = 0, disk_spill_bytes = 0;
  std::optional<double> wasted_usd;    // when every application read is priced
  std::optional<int> config_findings;  // when every application read was reviewed
  std::int64_t bytes = 0;
};

struct Fleet {
  std::vector<FleetRow> rows;  // by waste, most first; ties and unread logs (last) by path
  FleetTotals totals;
  bool priced = false;  // every application read has a price: rows are ranked by dollars
};

struct FleetOptions {
  int jobs = 1;
  const std::vector<rules::Rule>* rules = nullptr;
  // The price of a core-hour of the run, when known (called from the worker threads: must be safe
  // to call concurrently).
  std::function<std::optional<CorePrice>(const RunLog&)> price;
  // How many findings review's rules make over the run's own Spark properties, when set (called
  // from the worker threads: must be safe to call concurrently). Review sits above eventlog, so
  // the caller passes it in.
  std::function<int(const RunLog&)> config_findings;
  // Called (under a lock, from the worker threads) after each log with the logs done and the bytes
  // on disk read so far and in all.
  std::function<void(std::size_t done, std::size_t total, std::int64_t bytes_done, std::int64_t bytes_total)> progress;
};

// analyze of several logs: the threads (--jobs, default the machine's cores) and how a core-hour
// is priced (--platform, --instance).
struct FleetRequest {
  std::vector<std::string> paths;
  int jobs = 1;
  std::optional<std::string> platform;  // emr | ec2 | kubernetes | yarn
  std::optional<std::string> instance;
};
// Refuses (UsageError) what applies to one log only (--what-if-executors, --emit-job), a platform
// analyze cannot price and --instance on yarn; --jobs a count from 1.
FleetRequest fleet_request(const units::Given& given, const std::vector<std::string>& paths);

// The price of a core-hour: --instance's hourly price (EC2 on-demand, plus the EMR fee on emr,
// the default) over its vCPUs for every log; without --instance, the worker type a log's own
// properties name (Databricks: spark.databricks.clusterUsageTags.clusterNodeType) at its EC2 price
// when the catalog has it; none on yarn. The function keeps a reference to `catalog`.
std::function<std::optional<CorePrice>(const RunLog&)> fleet_pricing(const catalog::Catalog& catalog,
                                                                     const FleetRequest& request);

// One row from one profile (a readable log).
FleetRow fleet_row(const Profile& profile, const RunLog& log, const std::optional<CorePrice>& price);

// Reads and profiles every log with `options.jobs` threads; ranks the rows and sums the totals.
Fleet analyze_fleet(const std::vector<std::string>& logs, const FleetOptions& options);

// Ranks rows (by dollars when every readable row is priced, else by core-hours wasted) and sums them.
Fleet rank_fleet(std::vector<FleetRow> rows);

}  // namespace sparkfit::eventlog
