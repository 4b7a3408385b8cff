// What the managed planners share: trying the model's shuffle partition count beside the one set,
// and the pick among their options that recommend and predict make.
#include <algorithm>
#include <cmath>

#include "platform/planners.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"

namespace sparkfit::platform {

model::Prediction predict_tuned(const model::JobPlan& plan, const platform::Cluster& cluster,
                                const layout::Layout& layout, model::Settings& settings,
                                const model::Constants& constants) {
  model::Prediction as_set = model::predict(plan, cluster, layout, settings, constants);
  if (settings.shuffle_partitions_given || !settings.tune_shuffle_partitions || layout.task_slots <= 0) return as_set;
  model::Settings tuned = settings;
  tuned.shuffle_partitions = search::tuned_shuffle_partitions(plan, layout.task_slots, constants);
  model::Prediction better = model::predict(plan, cluster, layout, tuned, constants);
  bool wins = better.feasible() && (!as_set.feasible() || better.runtime_s < as_set.runtime_s);
  if (!wins) return as_set;
  settings.shuffle_partitions = tuned.shuffle_partitions;
  return better;
}

Setting shuffle_partitions_setting(const model::Settings& asked, const model::Settings& chosen, int task_slots,
                                   const model::Constants& constants) {
  const ShufflePartitions source = asked.shuffle_partitions_given   ? ShufflePartitions::given
                                   : !asked.tune_shuffle_partitions ? ShufflePartitions::spark_default
                                   : chosen.shuffle_partitions != asked.shuffle_partitions
                                       ? ShufflePartitions::tuned
                                       : ShufflePartitions::default_kept;
  return {"spark.sql.shuffle.partitions", std::to_string(chosen.shuffle_partitions),
          shuffle_partitions_why(source, chosen.shuffle_partitions, task_slots, constants.target_partition_mib)};
}

std::optional<Plan> recommend_among(std::vector<Option> options, const job::Objective& objective,
                                    std::string& why_none) {
  const std::optional<std::size_t> best = pick(options, objective, &why_none);
  if (!best) return std::nullopt;
  std::string preferred = conventional_preference_note(options, *best, objective);
  if (!preferred.empty()) options[*best].notes.push_back(std::move(preferred));
  return Plan{ManagedPlan{std::move(options), *best, {}, {}, {}}};
}

ManagedPlan predict_among(Platform platform, std::vector<Option> options, const PlanRequest& request) {
  const std::string word(to_string(platform));
  const std::optional<int> executor_cores = request.executor_cores;
  if (executor_cores)
    options.erase(std::remove_if(options.begin(), options.end(),
                                 [&](const Option& o) { return o.layout.executor_cores != *executor_cores; }),
                  options.end());
  if (options.empty())
    throw InfeasibleError("no " + word + " configuration has " + std::to_string(executor_cores.value_or(0)) +
                          "-core executors; 'sparkfit recommend --platform " + word + "' lists what there is");
  if (options.size() == 1 && !options.front().feasible()) {
    const Option& o = options.front();
    std::string why = model::describe(o.prediction, o.layout.problem);
    if (o.prediction.infeasible == model::Infeasible::disk_full)
      why = "shuffle and spill need about " + units::format_number(std::round(o.prediction.disk_needed_gb_per_node)) +
            " GB of local disk per " + std::string(platform == Platform::glue ? "worker" : "node") + ", which has " +
            units::format_number(o.prediction.disk_gb_per_node) + " GB";
    throw InfeasibleError(o.label + " cannot run this job: " + why + "; 'sparkfit recommend --platform " + word +
                          "' finds a capacity that can");
  }
  std::string why_none;
  std::optional<std::size_t> best = pick(options, request.objective, &why_none);
  if (!best) {
    // Nothing meets the deadline or budget: predict still shows the fastest feasible option.
    for (std::size_t i = 0; i < options.size(); ++i)
      if (options[i].feasible() && (!best || options[i].runtime_s() < options[*best].runtime_s())) best = i;
    if (!best) throw InfeasibleError(why_none);
  }
  ManagedPlan plan{std::move(options), *best, {}, {}, {}};
  // Glue's predict takes one capacity; Serverless and Kubernetes leave the executor size open.
  if (plan.options.size() > 1)
    plan.assumed.push_back("the configuration not pinned: of " + std::to_string(plan.options.size()) +
                           " options the objective (minimize " +
                           std::string(job::to_string(request.objective.minimize)) + ") picks " + plan.pick().label +
                           ": " + std::to_string(plan.pick().layout.num_executors) + " executors x " +
                           std::to_string(plan.pick().layout.executor_cores) + " cores, heap " +
                           units::format_spark_memory(plan.pick().layout.heap_mib) +
                           "; --executor-cores, --executor-memory and --num-executors pin it");
  return plan;
}

}  // namespace sparkfit::platform
