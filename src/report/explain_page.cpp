// The page of `sparkfit explain --report`: the layout drawn, tasks and waves per stage, the notes.
#include "sparkfit/report/pages.hpp"

#include "sparkfit/units/units.hpp"
#include "sparkfit/util/version.hpp"

namespace sparkfit::report {

report::ReportData explain_page(const explain::Explanation& e, const std::string& command) {
  report::ReportData page;
  const explain::Request& request = e.request;
  page.title = "sparkfit explain";  // run_explain names the job when a spec was given
  page.command = command;
  page.sparkfit_version = kVersion;
  if (e.has_layout && request.cluster) {
    const platform::Cluster& cluster = *request.cluster;
    page.subtitle = "explain: " + cluster.description + " on " + std::string(platform::to_string(cluster.platform));
    if (cluster.release)
      page.subtitle += " (" + cluster.release->label + ", Spark " + cluster.release->spark_version + ")";
    if (e.layout.problem == layout::Problem::none) page.layout = drawing_of(cluster, e.layout);
  } else {
    page.subtitle = "explain: " + std::to_string(e.task_slots) + " task slots";
  }
  if (request.has_input)
    page.subtitle += "; " + std::string(job::to_string(request.job.workload)) + ", " +
                     units::format_size(request.job.input.size_bytes);
  for (const explain::Stage& s : e.stages) page.stages.push_back({s.name, s.tasks, e.task_slots, s.waves, 0, 0, false});
  page.findings.insert(page.findings.end(), e.notes.begin(), e.notes.end());
  for (const std::string& a : e.assumptions) page.notes.push_back("Assumed: " + a);
  return page;
}

}  // namespace sparkfit::report
