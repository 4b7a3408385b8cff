// How `sparkfit analyze PATH...` prints a fleet: a ranked table, JSON, CSV and Markdown.
#include "sparkfit/output/fleet.hpp"

#include <sstream>

#include "sparkfit/output/report.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/json_writer.hpp"
#include "sparkfit/util/text.hpp"
#include "sparkfit/util/version.hpp"

namespace sparkfit::output {

using eventlog::Fleet;
using eventlog::FleetRow;
using eventlog::FleetTotals;
using text::align_left;
using text::align_right;
using text::fixed;

namespace {

// "" is a field the log did not carry: null in JSON, empty in CSV.
void optional_text(JsonWriter& json, std::string_view name, const std::string& value) {
  json.key(name);
  if (value.empty())
    json.null();
  else
    json.value(value);
}

void row_json(JsonWriter& json, const FleetRow& r) {
  json.begin_object();
  json.field("path", r.path);
  if (r.error) {
    optional_text(json, "app_id", "");
    optional_text(json, "app_name", "");
    json.field("error", *r.error);
    for (const char* name : {"spark_version", "duration_s", "executors", "executor_cores", "core_hours_held",
                             "core_hours_used", "core_hours_wasted", "idle_share", "memory_spill_bytes",
                             "disk_spill_bytes", "gc_share", "skew", "wasted_usd", "top_finding", "config_findings"})
      json.key(name).null();
    json.end_object();
    return;
  }
  optional_text(json, "app_id", r.app_id);
  optional_text(json, "app_name", r.app_name);
  json.key("error").null();
  optional_text(json, "spark_version", r.spark_version);
  json.field("duration_s", r.duration_s).field("executors", r.executors).field("executor_cores", r.executor_cores);
  json.field("core_hours_held", r.core_hours_held).field("core_hours_used", r.core_hours_used);
  json.field("core_hours_wasted", r.core_hours_wasted).field("idle_share", r.idle_share);
  json.field("memory_spill_bytes", r.memory_spill_bytes).field("disk_spill_bytes", r.disk_spill_bytes);
  json.field("gc_share", r.gc_share).field("skew", r.skew);
  json.field("wasted_usd", r.wasted_usd);
  json.key("top_finding");
  if (r.top_finding) {
    json.begin_object();
    json.field("id", r.top_finding->id).field("message", r.top_finding->message).field("fix", r.top_finding->fix);
    json.end_object();
  } else {
    json.null();
  }
  json.field("config_findings", r.config_findings);
  json.end_object();
}

std::string waste_text(const FleetRow& r, bool priced) {
  return priced ? units::format_money(*r.wasted_usd) : fixed(r.core_hours_wasted, 2);
}

std::string spill_text(const FleetRow& r) {
  const std::int64_t spill = r.disk_spill_bytes;
  return spill == 0 ? "-" : units::format_size(spill);
}

std::string skew_text(double skew) { return skew > 0 ? fixed(skew, 1) : "-"; }

// The review rules' findings over the run's own settings: "-" when the fleet was not reviewed.
std::string config_text(const FleetRow& r) { return r.config_findings ? std::to_string(*r.config_findings) : "-"; }

std::string executors_text(const FleetRow& r) {
  return std::to_string(r.executors) + " x " + std::to_string(r.executor_cores);
}

// An application's name cut for the table (the JSON and CSV keep it whole).
std::string short_name(const std::string& name) {
  const std::size_t limit = 28;
  if (name.empty()) return "(no name)";
  if (name.size() <= limit) return name;
  std::size_t cut = limit - 3;
  while (cut > 0 && (static_cast<unsigned char>(name[cut]) & 0xC0U) == 0x80U) --cut;  // not inside a UTF-8 character
  return name.substr(0, cut) + "...";
}

std::string totals_text(const FleetTotals& t) {
  std::string text = std::to_string(t.applications) + " application" + (t.applications == 1 ? "" : "s") + " read";
  if (t.failed > 0) text += ", " + std::to_string(t.failed) + " not read";
  text += "; core-hours held " + fixed(t.core_hours_held, 2) + ", used " + fixed(t.core_hours_used, 2) + ", wasted " +
          fixed(t.core_hours_wasted, 2);
  if (t.wasted_usd) text += " (" + units::format_money(*t.wasted_usd) + ")";
  if (t.config_findings)
    text += "; " + text::plural(*t.config_findings, "configuration finding") +
            (*t.config_findings > 0 ? " (sparkfit analyze LOG lists a run's)" : "");
  text += "; spill " + (t.memory_spill_bytes ? units::format_size(t.memory_spill_bytes) : std::string("-")) +
          " memory / " + (t.disk_spill_bytes ? units::format_size(t.disk_spill_bytes) : std::string("-")) + " disk";
  return text;
}

std::string ranking_text(const Fleet& fleet) {
  return fleet.priced ? "ranked by dollars wasted (idle executor core-hours x the cluster's price per core-hour)"
                      : "ranked by core-hours wasted (executor core-hours held - task core-hours used)";
}

}  // namespace

std::string fleet_json(const Fleet& fleet) {
  JsonWriter json;
  json.begin_object();
  json.field("schema_version", 1).field("sparkfit_version", kVersion);
  json.key("applications").begin_array();
  for (const FleetRow& r : fleet.rows) row_json(json, r);
  json.end_array();
  const FleetTotals& t = fleet.totals;
  json.key("totals").begin_object();
  json.field("applications", t.applications).field("failed", t.failed).field("duration_s", t.duration_s);
  json.field("core_hours_held", t.core_hours_held).field("core_hours_used", t.core_hours_used);
  json.field("core_hours_wasted", t.core_hours_wasted);
  json.field("memory_spill_bytes", t.memory_spill_bytes).field("disk_spill_bytes", t.disk_spill_bytes);
  json.field("wasted_usd", t.wasted_usd);
  json.field("config_findings", t.config_findings);
  json.end_object();
  json.end_object();
  return json.str();
}

std::string fleet_text(const Fleet& fleet) {
  std::ostringstream out;
  const FleetTotals& t = fleet.totals;
  out << "sparkfit analyze: " << fleet.rows.size() << " event log" << (fleet.rows.size() == 1 ? "" : "s") << ", "
      << ranking_text(fleet) << "\n\n";
  const std::string waste_header = fleet.priced ? "wasted" : "wasted core-h";
  out << align_right("#", 3) << align_right(waste_header, 14) << align_right("held core-h", 12)
      << align_right("used", 7) << align_right("idle", 6) << align_right("GC", 5) << align_right("skew", 7)
      << align_right("spill", 11) << align_right("wall", 12) << align_right("executors", 11) << align_right("config", 8)
      << "  " << align_left("app", 30) << "path\n";
  int rank = 0;
  for (const FleetRow& r : fleet.rows) {
    if (r.error) continue;
    out << align_right(std::to_string(++rank), 3) << align_right(waste_text(r, fleet.priced), 14)
        << align_right(fixed(r.core_hours_held, 2), 12) << align_right(fixed(r.core_hours_used, 2), 7)
        << align_right(units::format_percent(r.idle_share), 6) << align_right(units::format_percent(r.gc_share), 5)
        << align_right(skew_text(r.skew), 7) << align_right(spill_text(r), 11)
        << align_right(units::format_duration(r.duration_s), 12) << align_right(executors_text(r), 11)
        << align_right(config_text(r), 8) << "  " << align_left(short_name(r.app_name), 30) << r.path << "\n";
  }
  if (rank == 0) out << "  (no log could be read)\n";
  out << "\nTop finding of each\n";
  rank = 0;
  for (const FleetRow& r : fleet.rows) {
    if (r.error) continue;
    ++rank;
    if (!r.top_finding) continue;
    out << align_right(std::to_string(rank), 3) << " " << r.path << ": " << r.top_finding->message << " ["
        << r.top_finding->id << "]\n";
    out << "      fix: " << r.top_finding->fix << "\n";
  }
  if (t.failed > 0) {
    out << "\nNot read (" << t.failed << ")\n";
    for (const FleetRow& r : fleet.rows)
      if (r.error) out << "  " << *r.error << "\n";
  }
  out << "\nTotal: " << totals_text(t) << "\n";
  // Names and paths come from whoever wrote the logs: they may hold terminal escapes.
  return text::printable(out.str(), text::Newlines::keep);
}

std::string csv_cell(std::string_view value) {
  std::string cell = text::printable(value);
  if (!cell.empty() && (cell.front() == '=' || cell.front() == '+' || cell.front() == '-' || cell.front() == '@' ||
                        cell.front() == '\t'))
    cell.insert(0, 1, '\'');
  if (cell.find_first_of(",\"\r\n") == std::string::npos) return cell;
  std::string quoted = "\"";
  for (char c : cell) quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
  return quoted + "\"";
}

std::string fleet_csv(const Fleet& fleet) {
  std::string out =
      "path,app_id,app_name,error,spark_version,duration_s,executors,executor_cores,core_hours_held,core_hours_used,"
      "core_hours_wasted,idle_share,memory_spill_bytes,disk_spill_bytes,gc_share,skew,wasted_usd,top_finding_id,"
      "top_finding_message,top_finding_fix,config_findings\r\n";
  const auto number = [](double v) { return units::format_number(v); };
  for (const FleetRow& r : fleet.rows) {
    std::vector<std::string> cells{csv_cell(r.path), csv_cell(r.app_id), csv_cell(r.app_name),
                                   csv_cell(r.error.value_or(""))};
    if (!r.error) {
      cells.insert(cells.end(),
                   {csv_cell(r.spark_version), number(r.duration_s), std::to_string(r.executors),
                    std::to_string(r.executor_cores), number(r.core_hours_held), number(r.core_hours_used),
                    number(r.core_hours_wasted), number(r.idle_share), std::to_string(r.memory_spill_bytes),
                    std::to_string(r.disk_spill_bytes), number(r.gc_share), number(r.skew),
                    r.wasted_usd ? number(*r.wasted_usd) : std::string()});
      if (r.top_finding)
        cells.insert(cells.end(),
                     {csv_cell(r.top_finding->id), csv_cell(r.top_finding->message), csv_cell(r.top_finding->fix)});
      cells.resize(20);
      if (r.config_findings) cells.push_back(std::to_string(*r.config_findings));
    }
    cells.resize(21);
    out += text::join(cells, ",") + "\r\n";
  }
  return out;
}

std::string fleet_markdown(const Fleet& fleet, const std::string& html_report_name) {
  const auto md = [](std::string_view text) { return escape_markdown(text::printable(text)); };
  std::ostringstream out;
  out << "# sparkfit analyze: " << fleet.rows.size() << " event logs\n\n";
  std::string ranking = ranking_text(fleet);
  ranking.front() = 'R';  // a sentence of its own here
  out << md(ranking) << ".\n\n";
  out << "| # | " << (fleet.priced ? "wasted" : "wasted core-h")
      << " | held core-h | used core-h | idle | GC | skew | disk spill | wall | executors | config findings "
         "| app | path | top finding |\n";
  out << "|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|---|\n";
  int rank = 0;
  for (const FleetRow& r : fleet.rows) {
    if (r.error) continue;
    out << "| " << ++rank << " | " << waste_text(r, fleet.priced) << " | " << fixed(r.core_hours_held, 2) << " | "
        << fixed(r.core_hours_used, 2) << " | " << units::format_percent(r.idle_share) << " | "
        << units::format_percent(r.gc_share) << " | " << skew_text(r.skew) << " | " << spill_text(r) << " | "
        << units::format_duration(r.duration_s) << " | " << executors_text(r) << " | " << config_text(r) << " | "
        << md(r.app_name.empty() ? "(no name)" : r.app_name) << " | " << md(r.path) << " | "
        << (r.top_finding ? md(r.top_finding->id + ": " + r.top_finding->message + "; fix: " + r.top_finding->fix)
                          : std::string("-"))
        << " |\n";
  }
  if (fleet.totals.failed > 0) {
    out << "\n## Not read (" << fleet.totals.failed << ")\n\n";
    for (const FleetRow& r : fleet.rows)
      if (r.error) out << "- " << md(*r.error) << "\n";
  }
  out << "\n**Total:** " << md(totals_text(fleet.totals)) << "\n";
  if (!html_report_name.empty()) out << "\nThe chart of waste by application is in `" << md(html_report_name) << "`.\n";
  return out.str();
}

}  // namespace sparkfit::output
