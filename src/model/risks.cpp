// The model's risks in one table: each risk's name, severity and words, read by every writer
// (predict's and recommend's text, the report pages' findings, the JSON writers' names).
#include <cmath>
#include <string>

#include "sparkfit/model/model.hpp"
#include "sparkfit/units/units.hpp"

namespace sparkfit::model {
namespace {

struct RiskWords {
  Risk risk;
  const char* name;
  rules::Severity severity;  // error: the job fails (a broadcast or the disks do not fit)
  const char* message;       // "{percent}" stands for the share of the cache that is recomputed
};

using rules::Severity;

constexpr RiskWords kRisks[] = {
    {risk_spill, "spill", Severity::warning,
     "a task's working set exceeds its share of execution memory: it spills to disk; more partitions, fewer "
     "cores per executor or more memory per core remove it"},
    {risk_oom, "oom", Severity::error, "a broadcast table is larger than an executor can hold"},
    {risk_disk_full, "disk-full", Severity::error, "shuffle and spill files do not fit the nodes' local disks"},
    {risk_cache_miss, "cache-does-not-fit", Severity::warning,
     "the cached data does not fit storage memory: {percent}% of it is recomputed every iteration"},
    {risk_cores_oversubscribed, "cores-oversubscribed", Severity::warning,
     "more task threads than vCPUs under YARN's memory-only placement"},
    {risk_compressed_oops, "compressed-oops-lost", Severity::warning,
     "heaps of 32 GiB or more lose compressed object pointers"},
    {risk_idle_slots, "idle-slots", Severity::warning, "the input stage has fewer tasks than slots"},
    {risk_skew, "skew", Severity::warning, "skewed stages last as long as their largest task"},
    {risk_emr_fee_estimated, "emr-fee-estimated", Severity::info,
     "no EMR fee is cited for this type: 25% of EC2 (capped at $0.27) is assumed"},
    // Its words are the failed run's (model::failure_text), naming the observation.
    {risk_observed_failure, "observed-failure", Severity::error, "a run in the observations that did not finish"},
};

}  // namespace

std::vector<std::string> risk_names(unsigned risks) {
  std::vector<std::string> names;
  for (const RiskWords& words : kRisks)
    if (risks & words.risk) names.emplace_back(words.name);
  return names;
}

std::vector<std::string> risk_names(const Prediction& prediction) {
  std::vector<std::string> names = risk_names(prediction.risks);
  if (prediction.failed_run)
    for (std::string& name : names)
      if (name == "observed-failure") name += ":" + prediction.failed_run->place;
  return names;
}

std::vector<rules::Finding> risk_findings(const Prediction& prediction) {
  std::vector<rules::Finding> findings;
  for (const RiskWords& words : kRisks) {
    if (!(prediction.risks & words.risk)) continue;
    if (words.risk == risk_observed_failure && prediction.failed_run) {
      // Ruled out is an error; a failure that only makes it risky, a warning.
      const FailureVerdict verdict = prediction.failure_verdict;
      findings.push_back(rules::note(words.name,
                                     verdict == FailureVerdict::infeasible ? Severity::error : Severity::warning,
                                     failure_text(*prediction.failed_run, verdict)));
      continue;
    }
    std::string message = words.message;
    if (const std::size_t at = message.find("{percent}"); at != std::string::npos)
      message.replace(at, 9, units::format_number(std::round((1 - prediction.cache_fit) * 100)));
    findings.push_back(rules::note(words.name, words.severity, std::move(message)));
  }
  return findings;
}

}  // namespace sparkfit::model
