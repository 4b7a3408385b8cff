// What sparkfit's fix sets and how the input would write it; the findings counted for a summary.
#include <sstream>

#include "sparkfit/review/review.hpp"
#include "sparkfit/units/units.hpp"

namespace sparkfit::review {
namespace {

std::string mem(std::int64_t mib) { return units::format_spark_memory(mib); }

}  // namespace

bool on_kubernetes(const Input& input) {
  return input.cluster && input.cluster->platform == platform::Platform::kubernetes;
}

std::string cannot_place_text(layout::Problem problem, bool pods, bool plural) {
  const std::string them = plural ? "them" : "it";
  if (!pods) return "YARN cannot place " + them + " (" + std::string(layout::to_string(problem)) + ")";
  // The layout engine's names are YARN's; on Kubernetes the same limits are a node's allocatable
  // memory and cores, and a pod that exceeds them stays Pending.
  std::string why(layout::to_string(problem));
  if (problem == layout::Problem::container_above_max_allocation ||
      problem == layout::Problem::container_above_node_memory)
    why = "pod-above-node-allocatable-memory";
  else if (problem == layout::Problem::cores_above_node_vcores)
    why = "cores-above-node-allocatable";
  return "Kubernetes cannot schedule " + them + " (" + why + ")";
}

std::vector<std::pair<std::string, std::string>> fix_settings(const FactSet& facts, const Input& input) {
  const layout::Layout& x = facts.layouts.fix;
  std::vector<std::pair<std::string, std::string>> conf = {
      {"spark.executor.instances", std::to_string(x.num_executors)},
      {"spark.executor.cores", std::to_string(x.executor_cores)},
      {"spark.executor.memory", mem(x.heap_mib)},
      {"spark.executor.memoryOverhead", mem(x.overhead_mib)}};
  if (on_kubernetes(input)) {
    // sparkfit's pods ask for their whole cores. A request or a limit the application sets would
    // otherwise keep its old value: the request is moved to the cores, a limit only when it is
    // below them (Kubernetes refuses a limit below the request).
    const std::string cores = std::to_string(x.executor_cores);
    if (spark_conf::find_setting(facts.effective, "spark.kubernetes.executor.request.cores"))
      conf.emplace_back("spark.kubernetes.executor.request.cores", cores);
    auto limit = facts.facts.find("executor.limit_cores");
    if (limit != facts.facts.end() && limit->second.number < x.executor_cores)
      conf.emplace_back("spark.kubernetes.executor.limit.cores", cores);
  }
  if (facts.layouts.fix_shuffle_partitions > 0)
    conf.emplace_back("spark.sql.shuffle.partitions", std::to_string(facts.layouts.fix_shuffle_partitions));
  return conf;
}

std::string fix_settings_text(const FactSet& facts, const Input& input) {
  const std::vector<std::pair<std::string, std::string>> conf = fix_settings(facts, input);
  std::ostringstream out;
  if (!on_kubernetes(input)) {
    const layout::Layout& x = facts.layouts.fix;
    out << "--num-executors " << x.num_executors << " --executor-cores " << x.executor_cores << " --executor-memory "
        << mem(x.heap_mib) << " --conf spark.executor.memoryOverhead=" << mem(x.overhead_mib);
    for (const auto& [key, value] : conf)
      if (key == "spark.sql.shuffle.partitions") out << " --conf " << key << "=" << value;
    return out.str();
  }
  // The SparkApplication's own fields, in YAML flow style, ready to paste under spec.
  static const std::vector<std::pair<std::string, std::string>> kFields = {
      {"spark.executor.instances", "instances"},
      {"spark.executor.cores", "cores"},
      {"spark.kubernetes.executor.request.cores", "coreRequest"},
      {"spark.kubernetes.executor.limit.cores", "coreLimit"},
      {"spark.executor.memory", "memory"},
      {"spark.executor.memoryOverhead", "memoryOverhead"}};
  out << "spec.executor: {";
  bool first = true;
  for (const auto& [key, field] : kFields)
    for (const auto& [k, value] : conf) {
      if (k != key) continue;
      const bool integer = field == "instances" || field == "cores";  // the CRD's integers; the rest are strings
      out << (first ? "" : ", ") << field << ": " << (integer ? value : "\"" + value + "\"");
      first = false;
    }
  out << "}";
  for (const auto& [key, value] : conf)
    if (key == "spark.sql.shuffle.partitions") out << "; spec.sparkConf: {\"" << key << "\": \"" << value << "\"}";
  return out.str();
}

std::string count_text(const std::vector<rules::Finding>& findings) {
  int n[4] = {0, 0, 0, 0};
  for (const rules::Finding& f : findings) ++n[static_cast<int>(f.severity)];
  const char* names[4][2] = {
      {"error", "errors"}, {"warning", "warnings"}, {"info", "infos"}, {"style note", "style notes"}};
  std::string out;
  for (int i = 0; i < 4; ++i) {
    if (n[i] == 0 && i > 1) continue;
    if (!out.empty()) out += ", ";
    out += std::to_string(n[i]) + " " + names[i][n[i] == 1 ? 0 : 1];
  }
  return out;
}

}  // namespace sparkfit::review
