// Flags into typed requests: each value converted by sparkfit's own parsers, so that every bad
// value gets the same message naming the flag and the accepted forms. The engine lays the requests
// over the job spec (sparkfit/job/overrides.hpp, sparkfit/platform/requests.hpp, sparkfit/search/planning.hpp).
#include "cli/requests.hpp"

#include <algorithm>
#include <charconv>

#include "sparkfit/eventlog/eventlog.hpp"
#include "sparkfit/job/overrides.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::cli {
namespace {

// Converts a flag's value, prefixing any error with the flag's name.
template <typename Function>
auto convert(const char* flag, const std::string& value, Function function) -> decltype(function(value)) {
  try {
    return function(value);
  } catch (const InputError& error) {
    throw InputError(std::string(flag) + ": " + error.message());
  }
}

int count_flag(const char* flag, const std::optional<std::string>& value, int fallback) {
  if (!value) return fallback;
  return static_cast<int>(convert(flag, *value, [&](const std::string& v) {
    std::int64_t n = units::parse_count(v, flag + 2);
    if (n > 1000000) throw InputError("invalid value '" + v + "': at most 1000000");
    return n;
  }));
}

double fraction_flag(const char* flag, const std::string& value, bool allow_above_one) {
  double f = 0;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), f);
  if (ec != std::errc() || ptr != value.data() + value.size() || f < 0 || (!allow_above_one && f >= 1) ||
      (allow_above_one && f <= 0))
    throw InputError(
        std::string(flag) + ": invalid value '" + value + "': expected " +
        (allow_above_one ? "a positive factor such as 1.08" : "a fraction from 0 to below 1, such as 0.6"));
  return f;
}

}  // namespace

job::JobSpec job_from(const Flags& flags, bool* has_input) {
  job::JobSpec job;
  if (flags.from_eventlog) {
    if (!flags.positional.empty())
      throw UsageError(
          "give a job spec or --from-eventlog, not both (sparkfit analyze --emit-job writes a spec to edit)");
    // The run's own description of the work: input, stages and ratios measured, its runtime an
    // observation. Its layout is kept as the observation's context, not imposed on the search.
    eventlog::RunLog log = eventlog::read_event_log(*flags.from_eventlog);
    eventlog::Profile profile = eventlog::analyze(log);
    job = job::parse_job_spec(eventlog::derive_job_spec(profile, log), *flags.from_eventlog + " (derived job spec)");
    job.observed_layout = job.layout;
    job.layout = job::LayoutChoices{};
  } else if (!flags.positional.empty()) {
    job = job::load_job_spec(flags.positional.front());
  }
  job::WorkOverrides work;
  if (flags.input) {
    work.input_bytes = convert("--input", *flags.input, units::parse_data_size);
    if (*work.input_bytes <= 0) throw InputError("--input: the input size must be more than 0 bytes");
  }
  if (flags.files) work.files = count_flag("--files", flags.files, 1);
  if (flags.file_format) work.file_format = convert("--file-format", *flags.file_format, job::parse_file_format);
  if (flags.compression) work.compression = text::to_lower(*flags.compression);
  if (flags.workload) work.workload = convert("--workload", *flags.workload, job::parse_workload);
  if (flags.iterations) work.iterations = count_flag("--iterations", flags.iterations, 1);
  if (flags.language) work.language = convert("--language", *flags.language, job::parse_language);
  if (flags.partitions) work.partitions = count_flag("--partitions", flags.partitions, 1);
  if (flags.shuffle_partitions)
    work.shuffle_partitions = count_flag("--shuffle-partitions", flags.shuffle_partitions, 1);
  *has_input = job::apply_overrides(job, work);
  return job;
}

platform::ClusterRequest node_request(const Flags& flags) {
  platform::ClusterRequest request;
  request.instance = flags.instance;
  if (flags.nodes) {
    std::vector<int> counts =
        convert("--nodes", *flags.nodes, [](const std::string& v) { return units::parse_count_set(v, "nodes"); });
    if (counts.size() != 1)
      throw InputError("--nodes: this command works on one cluster; give one node count, not '" + *flags.nodes + "'");
    request.nodes = counts.front();
  }
  return request;
}

platform::ClusterRequest cluster_request(const Flags& flags) {
  std::optional<platform::Platform> chosen;
  if (flags.platform) chosen = convert("--platform", *flags.platform, platform::parse_platform);
  if (chosen && *chosen != platform::Platform::emr && *chosen != platform::Platform::ec2 &&
      *chosen != platform::Platform::yarn)
    throw InputError("--platform " + *flags.platform +
                     ": explain and predict work on one emr, ec2 or yarn cluster; "
                     "plan " +
                     *flags.platform + " with 'sparkfit recommend --platform " + *flags.platform + "'");
  platform::ClusterRequest request = node_request(flags);
  request.platform = chosen;
  if (flags.node_cores) request.node_cores = count_flag("--node-cores", flags.node_cores, 0);
  if (flags.node_memory)
    request.node_memory_mib = convert("--node-memory", *flags.node_memory, units::parse_memory_mib);
  // --reserve-cores may keep no core back; every other count is at least 1.
  if (flags.reserve_cores)
    request.reserve_cores = convert("--reserve-cores", *flags.reserve_cores, [](const std::string& v) {
      return v == "0" ? 0 : static_cast<int>(units::parse_count(v, "reserved cores"));
    });
  if (flags.reserve_memory)
    request.reserve_memory_mib = convert("--reserve-memory", *flags.reserve_memory, units::parse_memory_mib);
  if (flags.yarn_min_allocation)
    request.min_allocation_mib = std::max<std::int64_t>(
        1, convert("--yarn-min-allocation", *flags.yarn_min_allocation, units::parse_memory_mib));
  request.emr_release = flags.emr_release;
  return request;
}

std::optional<int> executor_cores_flag(const Flags& flags) {
  if (!flags.executor_cores) return std::nullopt;
  return count_flag("--executor-cores", flags.executor_cores, 0);
}

platform::LayoutRequest layout_request(const Flags& flags) {
  platform::LayoutRequest request;
  if (flags.num_executors) request.num_executors = count_flag("--num-executors", flags.num_executors, 0);
  request.executor_cores = executor_cores_flag(flags);
  if (flags.executor_memory)
    request.heap_mib = convert("--executor-memory", *flags.executor_memory, units::parse_memory_mib);
  if (flags.memory_overhead)
    request.overhead_mib = convert("--memory-overhead", *flags.memory_overhead, units::parse_memory_mib);
  if (flags.overhead_factor) {
    request.overhead_factor = convert("--overhead-factor", *flags.overhead_factor, [](const std::string& v) {
      double f = 0;
      auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), f);
      if (ec != std::errc() || ptr != v.data() + v.size() || f <= 0 || f >= 1)
        throw InputError("invalid value '" + v + "': expected a fraction of the heap between 0 and 1, e.g. 0.1875");
      return f;
    });
  }
  if (flags.heap_from_container)
    request.convention = convert("--heap-from-container", *flags.heap_from_container, job::parse_heap_convention);
  if (flags.deploy_mode) request.deploy_mode = convert("--deploy-mode", *flags.deploy_mode, job::parse_deploy_mode);
  if (flags.driver_memory)
    request.driver_heap_mib = convert("--driver-memory", *flags.driver_memory, units::parse_memory_mib);
  if (flags.driver_cores) request.driver_cores = count_flag("--driver-cores", flags.driver_cores, 1);
  if (flags.yarn_resource_calculator)
    request.calculator =
        convert("--yarn-resource-calculator", *flags.yarn_resource_calculator, job::parse_resource_calculator);
  return request;
}

platform::GlueOverrides glue_overrides(const Flags& flags) {
  platform::GlueOverrides overrides;
  overrides.glue_version = flags.glue_version;
  if (flags.worker_type) overrides.worker_types = list_flag(*flags.worker_type);
  if (flags.workers)
    overrides.workers =
        convert("--workers", *flags.workers, [](const std::string& v) { return units::parse_count_set(v, "workers"); });
  if (flags.execution_class) {
    if (*flags.execution_class != "standard" && *flags.execution_class != "flex")
      throw InputError("--execution-class: expected standard or flex, got '" + *flags.execution_class + "'");
    overrides.flex = *flags.execution_class == "flex";
  }
  overrides.auto_scaling = flags.auto_scaling;
  if (flags.glue_reader) {
    if (*flags.glue_reader != "dynamicframe" && *flags.glue_reader != "dataframe")
      throw InputError("--glue-reader: expected dynamicframe or dataframe, got '" + *flags.glue_reader + "'");
    overrides.dynamicframe_reader = *flags.glue_reader == "dynamicframe";
  }
  return overrides;
}

std::vector<std::string> list_flag(const std::string& value) {
  std::vector<std::string> items;
  for (std::string_view part : text::split(value, ',')) items.emplace_back(part);
  return items;
}

job::Objective objective_from(const Flags& flags, const job::JobSpec& job) {
  job::Objective objective = job.objective;
  try {
    if (flags.minimize) objective.minimize = job::parse_minimize(*flags.minimize);
    if (flags.deadline) objective.deadline_s = units::parse_duration_s(*flags.deadline);
    if (flags.budget) objective.budget_usd = units::parse_money_usd(*flags.budget);
  } catch (const InputError& error) {
    throw InputError(std::string(flags.minimize && !flags.deadline ? "--minimize"
                                 : flags.deadline                  ? "--deadline"
                                                                   : "--budget") +
                     ": " + error.message());
  }
  return objective;
}

search::PriceRequest price_request(const Flags& flags) {
  search::PriceRequest request;
  if (flags.market) request.market = job::parse_market(*flags.market);
  if (flags.spot_discount) request.spot_discount = fraction_flag("--spot-discount", *flags.spot_discount, false);
  if (flags.price_factor) request.price_factor = fraction_flag("--price-factor", *flags.price_factor, true);
  if (flags.savings_plan_discount)
    request.savings_plan_discount = fraction_flag("--savings-plan-discount", *flags.savings_plan_discount, false);
  request.primary_instance = flags.primary_instance;
  return request;
}

std::optional<std::vector<std::string>> instances_flag(const Flags& flags) {
  if (!flags.instance) return std::nullopt;
  return list_flag(*flags.instance);
}

std::optional<std::vector<int>> nodes_flag(const Flags& flags) {
  if (!flags.nodes) return std::nullopt;
  return units::parse_count_set(*flags.nodes, "nodes");
}

}  // namespace sparkfit::cli
