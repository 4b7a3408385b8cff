// predict's and recommend's text: what a person reads at the terminal.
#include <cmath>
#include <cstdio>
#include <sstream>

#include "output/stage_table.hpp"
#include "output/suggested_runs.hpp"
#include "sparkfit/output/plan.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/round.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::output {
namespace {

void write_prediction_text(std::ostream& out, const platform::Cluster& cluster, const layout::Layout& l,
                           const model::Prediction& p, const model::JobPlan& plan) {
  out << "  " << cluster.description << ": " << text::plural(l.num_executors, "executor") << " x " << l.executor_cores
      << " cores, heap " << units::format_spark_memory(l.heap_mib) << " + overhead "
      << units::format_spark_memory(l.overhead_mib) << ", " << l.task_slots << " task slots\n";
  if (!p.feasible()) {
    out << "  infeasible: " << infeasible_text(l, p) << "\n";
    return;
  }
  out << "  " << forecast_text(p, cluster.platform != platform::Platform::yarn) << ", "
      << units::format_number(util::round_to(p.core_hours, 1)) << " core-hours\n";
  if (p.spot_nodes > 0)
    out << "  billing: " << cluster.nodes - p.spot_nodes << " core nodes on demand x $"
        << units::format_number(util::round_usd(p.node_usd_per_hour)) << "/h + " << p.spot_nodes
        << " spot task nodes x $" << units::format_number(util::round_usd(p.task_node_usd_per_hour))
        << "/h (EC2 at the spot discount + EMR fee); a spot reclaim loses that node's shuffle files, which Spark "
           "recomputes\n";
  else if (cluster.platform != platform::Platform::yarn)
    out << "  billing: " << cluster.nodes << " x $" << units::format_number(util::round_usd(p.node_usd_per_hour))
        << "/h" << (cluster.platform == platform::Platform::emr ? " (EC2 + EMR fee)" : " (EC2)")
        << (p.primary_usd_per_hour > 0
                ? " + primary $" + units::format_number(util::round_usd(p.primary_usd_per_hour)) + "/h"
                : "")
        << ", per second, 1-minute minimum\n";
  out << stage_table(plan, p);
  std::vector<std::string> risks = model::risk_names(p);
  out << "\n  risks: " << (risks.empty() ? "none found" : text::join(risks)) << "\n";
  for (const rules::Finding& risk : model::risk_findings(p)) out << "    " << risk.id << ": " << risk.message << "\n";
}

// `--suggest-runs`: the runs to measure, each with its forecast and why.
std::string suggested_runs_text(const search::Recommendation& recommendation) {
  if (!recommendation.suggested) return "";
  std::vector<SuggestedRunRow> rows;
  for (const search::SuggestedRun& run : recommendation.suggested->runs) {
    const search::Candidate& c = recommendation.result.candidates[run.candidate];
    rows.push_back({search::describe(c, recommendation.cluster), c.runtime_s, c.runtime_low_s, c.runtime_high_s,
                    c.cost_usd, c.cost_low_usd, c.cost_high_usd, run.why});
  }
  return suggested_runs_section(rows, recommendation.suggested->notes, recommendation.priced());
}

}  // namespace

std::string suggested_runs_section(const std::vector<SuggestedRunRow>& rows, const std::vector<std::string>& notes,
                                   bool priced) {
  std::string text = "\nSuggested runs (measure one, add it under observations:, ask again)\n";
  std::size_t number = 0;
  for (const SuggestedRunRow& row : rows) {
    text += "  " + std::to_string(++number) + ". " + row.configuration + ": " + units::format_duration(row.runtime_s) +
            " (80%: " + units::format_duration(row.runtime_low_s) + " to " +
            units::format_duration(row.runtime_high_s) + ")";
    if (priced)
      text += ", " + units::format_money(row.cost_usd) + " (" + units::format_money(row.cost_low_usd) + " to " +
              units::format_money(row.cost_high_usd) + ")";
    text += "\n     why: " + row.why + "\n";
  }
  for (const std::string& note : notes) text += "  " + note + "\n";
  return text;
}

std::string infeasible_text(const layout::Layout& l, const model::Prediction& p) {
  std::string why = model::describe(p, l.problem);
  if (p.infeasible == model::Infeasible::disk_full)
    why += " (" + units::format_number(std::round(p.disk_needed_gb_per_node)) + " GB of shuffle and spill per node, " +
           units::format_number(std::round(p.disk_gb_per_node)) + " GB of local disk)";
  return why;
}

std::string forecast_text(const model::Prediction& p, bool priced) {
  std::string text = "predicted runtime " + units::format_duration(p.runtime_s) +
                     " (80%: " + units::format_duration(p.runtime_low_s) + " to " +
                     units::format_duration(p.runtime_high_s) + "), cost ";
  if (!priced) return text + "n/a (yarn: core-hours only)";
  return text + units::format_money(p.cost_usd) + " (" + units::format_money(p.cost_low_usd) + " to " +
         units::format_money(p.cost_high_usd) + ")";
}

std::string stage_table(const model::JobPlan& plan, const model::Prediction& p) {
  std::string table = "\n  stage                     runs   tasks   waves  bytes/task     spill        time\n";
  for (int i = 0; i < p.stage_count; ++i) {
    const model::StageResult& r = p.stages[static_cast<std::size_t>(i)];
    char line[256];
    std::snprintf(line, sizeof line, "  %-24s %5d %7lld %7lld %11s %9s %11s\n",
                  plan.stages[static_cast<std::size_t>(i)].name.c_str(), r.runs, static_cast<long long>(r.tasks),
                  static_cast<long long>(r.waves),
                  units::format_size(static_cast<std::int64_t>(r.bytes_per_task)).c_str(),
                  r.spill_bytes > 0 ? units::format_size(static_cast<std::int64_t>(r.spill_bytes)).c_str() : "-",
                  units::format_duration(r.time_s * r.runs).c_str());
    table += line;
  }
  return table;
}

std::string objective_lines(const job::Objective& objective, double runtime_s, double cost_usd) {
  const job::ObjectiveMet met = job::objective_met(objective, runtime_s, cost_usd);
  std::string lines;
  if (met.deadline)
    lines += "  deadline " + units::format_duration(*objective.deadline_s) + ": " + (*met.deadline ? "met" : "missed") +
             ", the predicted runtime is " + units::format_duration(runtime_s) + "\n";
  if (met.budget)
    lines += "  budget " + units::format_money(*objective.budget_usd) + ": " + (*met.budget ? "within it" : "over it") +
             ", the predicted cost is " + units::format_money(cost_usd) + "\n";
  return lines;
}

std::string assumed_section(const std::vector<std::string>& assumed) {
  if (assumed.empty()) return "";
  std::string section = "\nAssumed\n";
  for (const std::string& sentence : assumed) section += "  - " + sentence + "\n";
  return section;
}

std::string predict_text(const model::JobPlan& plan, const platform::Cluster& cluster, const layout::Layout& layout,
                         const model::Prediction& prediction, const model::Calibration& calibration,
                         const std::vector<std::string>& notes, const PredictAnswer& answer) {
  const job::JobSpec& job = plan.job;
  std::ostringstream out;
  out << "sparkfit predict: " << job.name << " (" << job::to_string(job.workload) << ", "
      << units::format_size(job.input.size_bytes) << ")\n";
  write_prediction_text(out, cluster, layout, prediction, plan);
  if (prediction.feasible()) out << objective_lines(answer.objective, prediction.runtime_s, prediction.cost_usd);
  for (const std::string& note : notes) out << "  " << note << "\n";
  if (calibration.active && calibration.extrapolation(cluster.nodes) > 0)
    out << "  " << cluster.nodes << " nodes lie outside the observed range: the calibrated figure extrapolates\n";
  out << assumed_section(answer.assumed);
  out << "\n  The runtime is the fitted model's median, with its 80% interval (README, \"How the model works\");\n"
         "  give measured runs as observations to narrow it.\n";
  return out.str();
}

std::string alternative_difference(double extra, bool money) {
  if (money) {
    // Below a hundredth of a cent format_money prints $0.0000: the same cost for the user.
    if (std::fabs(extra) < 0.00005) return "the same cost";
    return "costs " + units::format_money(std::fabs(extra)) + (extra > 0 ? " more" : " less");
  }
  if (std::fabs(extra) < 0.5) return "the same runtime";
  return units::format_duration(std::fabs(extra)) + (extra > 0 ? " slower" : " faster");
}

std::string recommend_text(const model::JobPlan& plan, const search::Recommendation& recommendation,
                           const job::Objective& objective, const std::vector<std::string>& notes) {
  const job::JobSpec& job = plan.job;
  const search::Result& result = recommendation.result;
  const search::Candidate& best = recommendation.pick();
  const bool priced = recommendation.priced();
  std::ostringstream out;
  out << "sparkfit recommend: " << job.name << " (" << job::to_string(job.workload) << ", "
      << units::format_size(job.input.size_bytes) << ") on " << platform::to_string(recommendation.space.platform)
      << "\n";
  out << "objective: minimize " << job::to_string(objective.minimize);
  if (objective.deadline_s) out << ", deadline " << units::format_duration(*objective.deadline_s);
  if (objective.budget_usd) out << ", budget " << units::format_money(*objective.budget_usd);
  out << "\nevaluated " << result.evaluated << " candidates (" << result.feasible << " can run); Pareto front of "
      << result.pareto.size() << "\n";
  for (const auto& [reason, count] : result.infeasible_reasons)
    out << "  " << count << " cannot run: " << result.infeasible_descriptions.at(reason) << "\n";
  out << "\nRecommended\n";
  write_prediction_text(out, recommendation.cluster, recommendation.layout, recommendation.prediction, plan);
  for (const std::string& note : notes) out << "  " << note << "\n";
  out << "\nSettings, and why\n";
  for (const platform::Setting& s : recommendation.settings)
    out << "  " << s.key << "=" << s.value << "\n      " << s.why << "\n";
  const std::vector<std::size_t> shown = search::alternatives(recommendation, objective);
  if (!shown.empty()) out << "\nAlternatives, and why they lost\n";
  for (std::size_t index : shown) {
    const search::Candidate& c = result.candidates[index];
    out << "  " << search::describe(c, recommendation.cluster) << ": " << units::format_duration(c.runtime_s) << ", "
        << (priced ? units::format_money(c.cost_usd) : units::format_number(std::round(c.core_hours)) + " core-hours");
    const bool by_cost = objective.minimize == job::Minimize::cost && priced;
    out << "  (" << alternative_difference(by_cost ? c.cost_usd - best.cost_usd : c.runtime_s - best.runtime_s, by_cost)
        << ")\n";
  }
  out << suggested_runs_text(recommendation);
  out << "\nRuntimes are the fitted model's medians and 80% intervals (README, \"How the model works\"); `--format "
         "spark-submit`, "
         "`spark-defaults` or `emr-json` print the settings ready to paste.\n";
  return out.str();
}

std::string comparison_text(const platform::Comparison& comparison, const job::JobSpec& job,
                            const job::Objective& objective) {
  const std::vector<platform::PlatformPick>& picks = comparison.platforms;
  std::ostringstream out;
  out << "sparkfit recommend: " << job.name << " (" << job::to_string(job.workload) << ", "
      << units::format_size(job.input.size_bytes) << ") on every platform; objective: minimize "
      << job::to_string(objective.minimize) << "\n\n";
  char line[512];
  std::snprintf(line, sizeof line, "  %-15s %-48s %12s %10s\n", "platform", "configuration", "runtime", "cost");
  out << line;
  for (std::size_t i = 0; i < picks.size(); ++i) {
    const platform::PlatformPick& pick = picks[i];
    const std::string name(platform::to_string(pick.platform));
    if (pick.found)
      std::snprintf(line, sizeof line, "%s %-15s %-48s %12s %10s\n", i == comparison.winner ? "*" : " ", name.c_str(),
                    pick.label.c_str(), units::format_duration(pick.runtime_s).c_str(),
                    units::format_money(pick.cost_usd).c_str());
    else
      std::snprintf(line, sizeof line, "  %-15s none meets the objective: %s\n", name.c_str(), pick.why_none.c_str());
    out << line;
  }
  out << "\nWhat drives the difference\n";
  for (const platform::PlatformPick& pick : picks)
    out << "  " << platform::to_string(pick.platform) << ": " << pick.price_driver << "\n";
  out << "\n'sparkfit recommend --platform " << platform::to_string(picks[comparison.winner].platform)
      << "' shows the winner's settings and their arithmetic. Runtimes are forecasts: see each one's 80% interval.\n";
  return out.str();
}

}  // namespace sparkfit::output
