// The page of `sparkfit analyze PATH... --report`: waste by application over a fleet of logs.
#include "sparkfit/report/pages.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/text.hpp"
#include "sparkfit/util/version.hpp"

namespace sparkfit::report {

report::ReportData fleet_page(const eventlog::Fleet& fleet, const std::string& command) {
  ReportData page;
  page.title = "Spark applications: where the executors sat idle";
  page.subtitle = "analyze: " + std::to_string(fleet.totals.applications) + " applications read" +
                  (fleet.totals.failed > 0 ? ", " + std::to_string(fleet.totals.failed) + " logs not read" : "") +
                  "; " + units::format_number(fleet.totals.core_hours_wasted) + " of " +
                  units::format_number(fleet.totals.core_hours_held) + " executor core-hours idle";
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
    page.waste.push_back({(r.app_name.empty() ? std::string("(no name)") : r.app_name) + " \xC2\xB7 " + r.path,
                          fleet.priced ? *r.wasted_usd : r.core_hours_wasted, held});
    if (r.top_finding) {
      rules::Finding f;
      f.id = r.top_finding->id;
      f.message = r.path + ": " + r.top_finding->message;
      f.fix = r.top_finding->fix;
      f.severity = rules::Severity::warning;
      page.findings.push_back(f);
    }
  }
  page.notes.insert(page.notes.begin(),
                    "Wasted: executor core-hours held (cores x time each executor was alive) less task core-hours "
                    "used (launch to finish of every task)" +
                        std::string(fleet.priced ? ", at the cluster's price of a core-hour (the instance's hourly "
                                                   "price / its vCPUs)."
                                                 : "."));
  return page;
}

}  // namespace sparkfit::report
