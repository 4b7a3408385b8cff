// Flags into typed requests: each value converted by sparkfit's own parsers, so that every bad
// value gets the same message naming the flag and the accepted forms. The engine lays the requests
// over the job spec (sparkfit/job/overrides.hpp, sparkfit/platform/requests.hpp, sparkfit/search/planning.hpp).
#include "cli/requests.hpp"

#include <algorithm>
#include <charconv>

#include "sparkfit/catalog/regions.hpp"
#include "sparkfit/eventlog/eventlog.hpp"
#include "sparkfit/job/overrides.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::cli {
namespace {

// A count from 1 to 1,000,000.
std::optional<int> count_flag(const Flags& flags, FlagField field) {
  const std::string what = flag_name(field).substr(2);
  return convert(flags, field, [&](const std::string& v) {
    std::int64_t n = units::parse_count(v, what);
    if (n > 1000000) throw InputError("invalid value '" + v + "': at most 1000000");
    return static_cast<int>(n);
  });
}

// A size of at least `floor_mib`: 0 or a size that rounds to 0 MiB is an input, not "not given".
std::optional<std::int64_t> memory_flag(const Flags& flags, FlagField field, std::int64_t floor_mib = 1,
                                        const char* why = "give a size above 0, such as 512m or 4g") {
  return convert(flags, field, [&](const std::string& v) {
    const std::int64_t mib = units::parse_memory_mib(v);
    if (mib < floor_mib) throw InputError("'" + v + "' is " + std::to_string(mib) + " MiB; " + why);
    return mib;
  });
}

// Spark refuses a JVM whose heap is below 1.5 x the 300 MiB it reserves (UnifiedMemoryManager).
std::optional<std::int64_t> heap_flag(const Flags& flags, FlagField field) {
  return memory_flag(flags, field, layout::kMinHeapMiB,
                     "Spark needs a heap of at least 450m (1.5 x the 300 MiB it reserves, UnifiedMemoryManager; "
                     "docs/domain.md#executor-memory)");
}

// A whole number of cores, 0 or more.
int reserve_cores_of(const std::string& value) {
  int cores = -1;
  auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), cores);
  if (ec != std::errc() || ptr != value.data() + value.size() || cores < 0)
    throw InputError("invalid value '" + value + "': expected a whole number of cores, 0 or more");
  return cores;
}

// A number in `range`, else `expected` names the accepted values.
template <typename InRange>
std::optional<double> number_flag(const Flags& flags, FlagField field, InRange in_range, const char* expected) {
  return convert(flags, field, [&](const std::string& v) {
    double f = 0;
    auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), f);
    if (ec != std::errc() || ptr != v.data() + v.size() || !in_range(f))
      throw InputError("invalid value '" + v + "': expected " + expected);
    return f;
  });
}

// --region: a Region code, and the one whose prices the catalog has.
void check_region(const Flags& flags) { convert(flags, &Flags::region, catalog::require_priced_region); }

std::optional<double> discount_flag(const Flags& flags, FlagField field) {
  return number_flag(
      flags, field, [](double f) { return f >= 0 && f < 1; }, "a fraction from 0 to below 1, such as 0.6");
}

}  // namespace

const std::optional<std::string>& word_flag(const Flags& flags, FlagField field, const char* first,
                                            const char* second) {
  const std::optional<std::string>& value = flags.*field;
  if (value && *value != first && *value != second)
    throw InputError(flag_name(field) + ": expected " + first + " or " + second + ", got '" + *value + "'");
  return value;
}

namespace {

std::vector<int> parse_node_counts(const std::string& value) { return units::parse_count_set(value, "nodes"); }

}  // namespace

job::JobSpec job_from(const Flags& flags, bool* has_input) {
  job::JobSpec job;
  if (flags.from_eventlog) {
    if (!flags.positional.empty())
      throw UsageError(
          "give a job spec or --from-eventlog, not both (sparkfit analyze --emit-job writes a spec to edit)");
    job = eventlog::job_from_event_log(*flags.from_eventlog);
  } else if (!flags.positional.empty()) {
    job = job::load_job_spec(flags.positional.front());
  }
  job::WorkOverrides work;
  work.input_bytes = convert(flags, &Flags::input, units::parse_data_size);
  if (work.input_bytes && *work.input_bytes <= 0) throw InputError("--input: the input size must be more than 0 bytes");
  work.files = count_flag(flags, &Flags::files);
  work.file_format = convert(flags, &Flags::file_format, job::parse_file_format);
  if (flags.compression) work.compression = text::to_lower(*flags.compression);
  work.workload = convert(flags, &Flags::workload, job::parse_workload);
  work.iterations = count_flag(flags, &Flags::iterations);
  work.language = convert(flags, &Flags::language, job::parse_language);
  work.partitions = count_flag(flags, &Flags::partitions);
  work.shuffle_partitions = count_flag(flags, &Flags::shuffle_partitions);
  *has_input = job::apply_overrides(job, work);
  return job;
}

platform::ClusterRequest node_request(const Flags& flags) {
  platform::ClusterRequest request;
  check_region(flags);
  request.instance = flags.instance;
  if (const std::optional<std::vector<int>> counts = convert(flags, &Flags::nodes, parse_node_counts)) {
    if (counts->size() != 1)
      throw InputError("--nodes: this command works on one cluster; give one node count, not '" + *flags.nodes + "'");
    request.nodes = counts->front();
  }
  return request;
}

platform::ClusterRequest cluster_request(const Flags& flags) {
  const std::optional<platform::Platform> chosen = convert(flags, &Flags::platform, platform::parse_platform);
  if (chosen && *chosen != platform::Platform::emr && *chosen != platform::Platform::ec2 &&
      *chosen != platform::Platform::yarn)
    throw InputError("--platform " + *flags.platform +
                     ": explain and predict work on one emr, ec2 or yarn cluster; "
                     "plan " +
                     *flags.platform + " with 'sparkfit recommend --platform " + *flags.platform + "'");
  if (flags.instance && (flags.node_cores || flags.node_memory))
    throw UsageError(std::string(flags.node_cores && flags.node_memory ? "--node-cores and --node-memory"
                                 : flags.node_cores                    ? "--node-cores"
                                                                       : "--node-memory") +
                     " with --instance: --instance takes the node's cores and memory from the catalog, while "
                     "--node-cores and --node-memory describe a yarn node (--platform yarn); give one or the other");
  platform::ClusterRequest request = node_request(flags);
  request.platform = chosen;
  request.node_cores = count_flag(flags, &Flags::node_cores);
  request.node_memory_mib = memory_flag(flags, &Flags::node_memory);
  // --reserve-cores and --reserve-memory may keep nothing back; every other count is at least 1.
  request.reserve_cores = convert(flags, &Flags::reserve_cores, reserve_cores_of);
  request.reserve_memory_mib = memory_flag(flags, &Flags::reserve_memory, 0, "expected a size, 0 or more");
  request.min_allocation_mib = min_allocation_flag(flags);
  request.emr_release = flags.emr_release;
  return request;
}

std::optional<std::int64_t> min_allocation_flag(const Flags& flags) {
  return memory_flag(flags, &Flags::yarn_min_allocation);
}

std::optional<int> executor_cores_flag(const Flags& flags) { return count_flag(flags, &Flags::executor_cores); }

platform::LayoutRequest layout_request(const Flags& flags) {
  platform::LayoutRequest request;
  request.num_executors = count_flag(flags, &Flags::num_executors);
  request.executor_cores = executor_cores_flag(flags);
  request.heap_mib = heap_flag(flags, &Flags::executor_memory);
  if (flags.memory_overhead && flags.overhead_factor)
    throw UsageError(
        "--overhead-factor with --memory-overhead: --memory-overhead sets the overhead and would override the "
        "factor; give one of them");
  request.overhead_mib = memory_flag(flags, &Flags::memory_overhead, 1,
                                     "give a size above 0, or leave the flag out for Spark's max(factor x heap, 384m)");
  request.overhead_factor = number_flag(
      flags, &Flags::overhead_factor, [](double f) { return f > 0 && f < 1; },
      "a fraction of the heap between 0 and 1, e.g. 0.1875");
  request.convention = convert(flags, &Flags::heap_from_container, job::parse_heap_convention);
  request.deploy_mode = convert(flags, &Flags::deploy_mode, job::parse_deploy_mode);
  request.driver_heap_mib = heap_flag(flags, &Flags::driver_memory);
  request.driver_cores = count_flag(flags, &Flags::driver_cores);
  request.calculator = convert(flags, &Flags::yarn_resource_calculator, job::parse_resource_calculator);
  request.reserve_cores = convert(flags, &Flags::reserve_cores, reserve_cores_of);
  return request;
}

platform::GlueOverrides glue_overrides(const Flags& flags) {
  platform::GlueOverrides overrides;
  overrides.glue_version = flags.glue_version;
  if (flags.worker_type) overrides.worker_types = list_flag(*flags.worker_type);
  overrides.workers =
      convert(flags, &Flags::workers, [](const std::string& v) { return units::parse_count_set(v, "workers"); });
  if (const auto& execution_class = word_flag(flags, &Flags::execution_class, "standard", "flex"))
    overrides.flex = *execution_class == "flex";
  overrides.auto_scaling = flags.auto_scaling;
  if (const auto& reader = word_flag(flags, &Flags::glue_reader, "dynamicframe", "dataframe"))
    overrides.dynamicframe_reader = *reader == "dynamicframe";
  return overrides;
}

std::vector<std::string> list_flag(const std::string& value) {
  std::vector<std::string> items;
  for (std::string_view part : text::split(value, ',')) items.emplace_back(part);
  return items;
}

job::Objective objective_from(const Flags& flags, const job::JobSpec& job) {
  job::Objective objective = job.objective;
  if (flags.minimize) objective.minimize = *convert(flags, &Flags::minimize, job::parse_minimize);
  if (flags.deadline) objective.deadline_s = convert(flags, &Flags::deadline, units::parse_duration_s);
  if (flags.budget) objective.budget_usd = convert(flags, &Flags::budget, units::parse_money_usd);
  return objective;
}

search::PriceRequest price_request(const Flags& flags) {
  search::PriceRequest request;
  check_region(flags);
  if (flags.market) request.market = job::parse_market(*flags.market);
  request.spot_discount = discount_flag(flags, &Flags::spot_discount);
  request.price_factor = number_flag(
      flags, &Flags::price_factor, [](double f) { return f > 0; }, "a positive factor such as 1.08");
  request.savings_plan_discount = discount_flag(flags, &Flags::savings_plan_discount);
  request.primary_instance = flags.primary_instance;
  return request;
}

std::optional<std::vector<std::string>> instances_flag(const Flags& flags) {
  if (!flags.instance) return std::nullopt;
  return list_flag(*flags.instance);
}

// A search's --nodes errors carry no flag prefix: parse_count_set names the nodes itself.
std::optional<std::vector<int>> nodes_flag(const Flags& flags) {
  if (!flags.nodes) return std::nullopt;
  return parse_node_counts(*flags.nodes);
}

}  // namespace sparkfit::cli
