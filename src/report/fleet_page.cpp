// The page of `sparkfit analyze PATH... --report`: waste by application over a fleet of logs.
#include <filesystem>

#include "sparkfit/report/pages.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/text.hpp"
#include "sparkfit/util/version.hpp"

namespace sparkfit::report {
namespace {

// A fleet of hundreds reads best as the applications that wasted most; the text, JSON and CSV keep all.
constexpr std::size_t kMaxBars = 50;

}  // namespace

report::ReportData fleet_page(const eventlog::Fleet& fleet, const std::string& command) {
  ReportData page;
  page.title = "Spark applications: where the executors sat idle";
  page.subtitle = "analyze: " + std::to_string(fleet.totals.applications) + " applications read" +
                  (fleet.totals.failed > 0 ? ", " + std::to_string(fleet.totals.failed) + " logs not read" : "") +
                  "; " + text::fixed(fleet.totals.core_hours_wasted, 2) + " of " +
                  text::fixed(fleet.totals.core_hours_held, 2) + " executor core-hours idle" +
                  (fleet.totals.wasted_usd ? " (" + units::format_money(*fleet.totals.wasted_usd) + ")" : "");
  page.command = command;
  page.sparkfit_version = kVersion;
  page.priced = fleet.priced;
  for (const eventlog::FleetRow& r : fleet.rows) {
    if (r.error) {
      page.notes.push_back("not read: " + *r.error);
      continue;
    }
    const double per_core_hour = fleet.priced && r.core_hours_wasted > 0 ? *r.wasted_usd / r.core_hours_wasted : 0;
    const double held = fleet.priced ? r.core_hours_held * per_core_hour : r.core_hours_held;
    if (page.waste.size() < kMaxBars)
      page.waste.push_back({(r.app_name.empty() ? std::string("(no name)") : r.app_name) + " \xC2\xB7 " +
                                std::filesystem::path(r.path).filename().string(),
                            r.path, fleet.priced ? *r.wasted_usd : r.core_hours_wasted, held});
    if (r.top_finding) {
      rules::Finding f;
      f.id = r.top_finding->id;
      f.message = r.path + ": " + r.top_finding->message;
      f.fix = r.top_finding->fix;
      f.severity = r.top_finding->severity;
      page.findings.push_back(f);
    }
  }
  if (fleet.totals.applications > static_cast<int>(kMaxBars))
    page.notes.insert(page.notes.begin(), "The chart shows the " + std::to_string(kMaxBars) +
                                              " applications that wasted most, of " +
                                              std::to_string(fleet.totals.applications) + " read.");
  page.notes.insert(page.notes.begin(),
                    "Wasted: executor core-hours held (cores x time each executor was alive) less task core-hours "
                    "used (launch to finish of every task)" +
                        std::string(fleet.priced ? ", at the cluster's price of a core-hour (the instance's hourly "
                                                   "price / its vCPUs)."
                                                 : "."));
  return page;
}

}  // namespace sparkfit::report
