// Flags into typed requests for the engine, parsed once; every error names its flag.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "cli/options.hpp"
#include "sparkfit/job/job.hpp"
#include "sparkfit/platform/requests.hpp"
#include "sparkfit/search/planning.hpp"
#include "sparkfit/util/error.hpp"

namespace sparkfit::cli {

using FlagField = std::optional<std::string> Flags::*;

// The flag that fills `field`, converted by `function`; nullopt when it is not given. Any error
// is prefixed with the flag's name from the flag table.
template <typename Function>
auto convert(const Flags& flags, FlagField field, Function function)
    -> std::optional<decltype(function(std::string()))> {
  const std::optional<std::string>& value = flags.*field;
  if (!value) return std::nullopt;
  try {
    return function(*value);
  } catch (const InputError& error) {
    throw InputError(flag_name(field) + ": " + error.message());
  }
}

// The flag's word, `first` or `second`; nullopt when it is not given.
const std::optional<std::string>& word_flag(const Flags& flags, FlagField field, const char* first, const char* second);

// The job: the spec named by the first positional argument, if any, with flags laid over it.
job::JobSpec job_from(const Flags& flags, bool* has_input);

// The cluster flags: --platform (emr, ec2 or yarn), --instance, one --nodes count, the YARN node
// sizes and reserves, --emr-release. Each error names its flag.
platform::ClusterRequest cluster_request(const Flags& flags);
// Only --instance and one --nodes count (the Kubernetes nodes of review --k8s-app).
platform::ClusterRequest node_request(const Flags& flags);

// --yarn-min-allocation; nullopt when not given.
std::optional<std::int64_t> min_allocation_flag(const Flags& flags);

// --executor-cores, parsed once for every command that takes it; nullopt when not given.
std::optional<int> executor_cores_flag(const Flags& flags);

// The layout flags (--num-executors ... --driver-cores, --yarn-resource-calculator).
platform::LayoutRequest layout_request(const Flags& flags);

// The Glue flags (--glue-version, --worker-type, --workers, --execution-class, --auto-scaling, --glue-reader).
platform::GlueOverrides glue_overrides(const Flags& flags);

// A comma-separated list flag (--instance r5.2xlarge,m5.2xlarge).
std::vector<std::string> list_flag(const std::string& value);

// The objective flags (--minimize, --deadline, --budget) over the spec's objective.
job::Objective objective_from(const Flags& flags, const job::JobSpec& job);

// The price flags (--market, --spot-discount, --price-factor, --savings-plan-discount, --primary-instance).
search::PriceRequest price_request(const Flags& flags);

// --instance as a list of types and --nodes as a set of counts, for a search; nullopt when not given.
std::optional<std::vector<std::string>> instances_flag(const Flags& flags);
std::optional<std::vector<int>> nodes_flag(const Flags& flags);

}  // namespace sparkfit::cli
