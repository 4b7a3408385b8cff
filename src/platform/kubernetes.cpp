// Spark on Kubernetes (EMR on EKS or plain): executor pods on EC2 nodes. The kubelet keeps part of
// each node; pods request cores and memory (heap + overhead, 0.10 for JVM jobs, 0.40 for
// non-JVM ones), and the scheduler enforces both, so placement is "dominant" in YARN's terms.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <tuple>

#include "platform/planners.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::platform {
namespace {

// Estimates for the daemon sets every EKS node runs (aws-node, kube-proxy, a log agent).
constexpr double kDaemonSetCores = 0.2;
constexpr std::int64_t kDaemonSetMiB = 300;
constexpr int kMaxPods = 110;  // kubelet's default pod limit

}  // namespace

std::pair<double, std::int64_t> kubernetes_allocatable(const catalog::InstanceType& instance) {
  // kube-reserved as the EKS-optimised AMI computes it: CPU 6% of the first core, 1% of the
  // second, 0.5% of the third and fourth, 0.25% of the rest; memory 255 MiB + 11 MiB per pod;
  // plus the 100 MiB hard eviction threshold.
  double cores = instance.vcpus;
  double reserved = 0.06 * std::min(cores, 1.0) + 0.01 * std::clamp(cores - 1, 0.0, 1.0) +
                    0.005 * std::clamp(cores - 2, 0.0, 2.0) + 0.0025 * std::max(cores - 4, 0.0);
  std::int64_t memory = instance.memory_mib - (255 + 11 * kMaxPods) - 100 - kDaemonSetMiB;
  return {cores - reserved - kDaemonSetCores, memory};
}

KubernetesNodes kubernetes_nodes(const catalog::InstanceType& instance, int nodes, bool jvm) {
  KubernetesNodes k;
  std::tie(k.allocatable_cores, k.allocatable_mib) = kubernetes_allocatable(instance);
  // A pod asks for whole cores here (spark.executor.cores), so a fraction of a core is never used.
  const int whole_cores = static_cast<int>(std::floor(k.allocatable_cores));
  const double factor = jvm ? 0.10 : 0.40;
  platform::Cluster& cluster = k.cluster;
  cluster = platform::cluster_for_instance(platform::Platform::ec2, instance, nodes, nullptr);
  cluster.platform = platform::Platform::kubernetes;
  cluster.node.vcpus = whole_cores;
  cluster.node.yarn_vcores = whole_cores;
  cluster.node.yarn_memory_mib = k.allocatable_mib;
  cluster.node.yarn_max_allocation_mib = k.allocatable_mib;
  cluster.node.yarn_min_allocation_mib = 1;
  cluster.overhead_factor = factor;
  cluster.overhead_source = jvm ? "Spark on Kubernetes: spark.executor.memoryOverheadFactor default 0.10"
                                : "Spark on Kubernetes: 0.40 for non-JVM (Python, R) applications";
  cluster.reserve_cores = 0;
  cluster.yarn_source = "what the kubelet leaves allocatable on " + instance.name +
                        " (EKS AMI reservations, eviction threshold, daemon sets)";
  cluster.description = std::to_string(nodes) + " x " + instance.name;
  k.choices.overhead_factor = factor;
  k.choices.reserve_cores = 0;
  k.choices.calculator = job::ResourceCalculator::dominant;
  return k;
}

namespace {

// The settings of executor pods in `l` on the nodes `k`, with the arithmetic.
std::vector<Setting> kubernetes_settings(const KubernetesNodes& k, const layout::Choices& choices,
                                         const layout::Layout& l) {
  const platform::Cluster& c = k.cluster;
  const std::string cores = std::to_string(l.executor_cores);
  const std::string factor = units::format_number(choices.overhead_factor);
  const std::string heap_why =
      l.heap_chosen
          ? std::to_string(k.allocatable_mib) + " MiB allocatable / " + std::to_string(l.policy_executors_per_node) +
                " = " + std::to_string(l.container_target_mib) + " MiB per pod; heap = largest h with h + max(" +
                factor + " h, " + std::to_string(layout::kMinOverheadMiB) + ") <= " + std::to_string(l.container_mib) +
                " -> " + std::to_string(l.heap_mib) + "m"
          : "the heap asked for; the pod (heap + overhead, " + std::to_string(l.container_mib) + " MiB) fits the " +
                std::to_string(k.allocatable_mib) + " MiB a node leaves allocatable";
  const std::string overhead_why =
      choices.overhead_mib > 0 ? "the overhead asked for; the pod requests heap + overhead"
                               : "max(" + factor + " x " + std::to_string(l.heap_mib) + ", " +
                                     std::to_string(layout::kMinOverheadMiB) + ") = " + std::to_string(l.overhead_mib) +
                                     " MiB (" + c.overhead_source + "); the pod requests heap + overhead";
  char allocatable[32];
  std::snprintf(allocatable, sizeof allocatable, "%.2f", k.allocatable_cores);
  return {
      {"spark.executor.instances", std::to_string(l.num_executors),
       std::to_string(c.nodes) + " nodes x " + std::to_string(l.executors_per_node) + " pods per node, " +
           std::to_string(l.executors_per_node - l.executors_on_am_node) +
           " fewer on the node hosting the driver pod (" + std::to_string(l.am_container_mib) + " MiB)"},
      {"spark.executor.cores", cores,
       c.instance->name + ": " + allocatable + " allocatable cores, " + std::to_string(c.node.vcpus) + " whole, / " +
           cores + " cores = " + std::to_string(l.policy_executors_per_node) + " pods per node"},
      {"spark.executor.memory", units::format_spark_memory(l.heap_mib), heap_why},
      {"spark.executor.memoryOverhead", units::format_spark_memory(l.overhead_mib), overhead_why},
      {"spark.kubernetes.executor.request.cores", cores,
       "the pod requests the executor's " + cores +
           " cores, so the scheduler places pods as sized (docs/domain.md#kubernetes-pods)"},
      {"spark.kubernetes.executor.limit.cores", cores,
       "a limit equal to the request: an executor never takes the CPU its neighbours requested"},
  };
}

// The nodes hold fewer executor pods than the fixed count: Spark would leave the rest pending.
bool short_of_count(const layout::Layout& l) {
  return l.problem == layout::Problem::none && l.requested_executors > l.capacity_executors;
}

// The node's choices with what the user fixed laid over them.
layout::Choices with_fixed(layout::Choices choices, const FixedLayout& fixed) {
  choices.heap_mib = fixed.heap_mib.value_or(0);
  choices.overhead_mib = fixed.overhead_mib.value_or(0);
  choices.overhead_factor = fixed.overhead_factor.value_or(choices.overhead_factor);
  choices.num_executors = fixed.num_executors.value_or(0);
  return choices;
}

// The executor cores to try: the fixed count, else 1 to 8 and the node's whole cores.
std::vector<int> core_choices(int whole_cores, const FixedLayout& fixed) {
  if (fixed.executor_cores) return {*fixed.executor_cores};
  std::vector<int> cores;
  for (int c = 1; c <= std::min(8, whole_cores); ++c) cores.push_back(c);
  if (whole_cores > 8) cores.push_back(whole_cores);
  return cores;
}

// What the kubelet keeps of a node, for messages (the arithmetic of kubernetes_allocatable).
std::string allocatable_why(const catalog::InstanceType& instance, std::int64_t allocatable_mib) {
  return std::to_string(allocatable_mib) + " MiB each " + instance.name + " node leaves allocatable to pods (its " +
         std::to_string(instance.memory_mib) + " MiB less the EKS AMI's kube-reserved 255 MiB + 11 MiB x " +
         std::to_string(kMaxPods) + " pods, the 100 MiB eviction threshold and " + std::to_string(kDaemonSetMiB) +
         " MiB of daemon sets; docs/domain.md#kubernetes-pods)";
}

// A fixed pod that no node considered can hold is the user's input to change, not a plan.
void refuse_pods_above_allocatable(const std::vector<Option>& options, const KubernetesRequest& request,
                                   const FixedLayout& fixed) {
  const bool any_placed = std::any_of(options.begin(), options.end(), [](const Option& o) {
    return o.layout.problem != layout::Problem::container_above_max_allocation;
  });
  if (options.empty() || any_placed) return;
  const catalog::InstanceType* largest = request.instances.front();
  for (const catalog::InstanceType* instance : request.instances)
    if (instance->memory_mib > largest->memory_mib) largest = instance;
  const layout::Layout& l = options.front().layout;
  const std::string flag = fixed.heap_mib
                               ? fixed_input(fixed.heap_from_spec, "--executor-memory", "executor_memory") + " " +
                                     units::format_spark_memory(*fixed.heap_mib)
                               : fixed_input(fixed.overhead_from_spec, "--memory-overhead", "memory_overhead") + " " +
                                     units::format_spark_memory(*fixed.overhead_mib);
  throw InputError(flag + ": the executor pod (heap " + std::to_string(l.heap_mib) + " MiB + overhead " +
                   std::to_string(l.overhead_mib) + " MiB = " + std::to_string(l.container_mib) +
                   " MiB) is above the " + allocatable_why(*largest, kubernetes_allocatable(*largest).second));
}

[[noreturn]] void refuse_executor_count(const Option& largest, const FixedLayout& fixed) {
  const layout::Layout& l = largest.layout;
  throw InfeasibleError(fixed_input(fixed.count_from_spec, "--num-executors", "num_executors") + " " +
                        std::to_string(*fixed.num_executors) + ": " + largest.cluster.description + " holds at most " +
                        text::plural(l.capacity_executors, "executor pod") + " of " + std::to_string(l.executor_cores) +
                        " cores and " + std::to_string(l.container_mib) + " MiB beside the driver pod (" +
                        std::to_string(l.executors_per_node) +
                        " per node); give more --nodes, or fewer or smaller executors");
}

// The nodes' EC2 price over the billed time; EMR on EKS bills the pods' requested vCPU and memory
// on top (driver included).
void price_kubernetes(Option& o, KubernetesDetail& pods, const catalog::InstanceType& instance, int nodes,
                      const model::Settings& settings, const model::Constants& constants) {
  const double billed_h = std::max(constants.billing_minimum_s, o.prediction.runtime_s) / 3600.0;
  const double ec2 = nodes * instance.price_usd_per_hour * settings.price_factor * (1 - settings.savings_plan_discount);
  double cost = ec2 * billed_h;
  if (pods.emr_on_eks) {
    const layout::Layout& l = o.layout;
    const double pod_vcpus = l.num_executors * l.executor_cores + 1;
    const double pod_gb =
        (static_cast<double>(l.num_executors * l.container_mib) + static_cast<double>(l.am_container_mib)) / 1024.0;
    pods.vcpu_hours = pod_vcpus * billed_h;
    pods.gb_hours = pod_gb * billed_h;
    cost += pods.vcpu_hours * kEmrOnEksUsdPerVcpuHour + pods.gb_hours * kEmrOnEksUsdPerGbHour;
  }
  o.prediction.cost_usd = cost;
  model::set_cost_interval(o.prediction, constants.billing_minimum_s);
}

// One executor size on `k`'s nodes: laid out, predicted, priced, with its settings and note.
Option kubernetes_option(const model::JobPlan& plan, const KubernetesNodes& k, const platform::Cluster& cluster,
                         const layout::Choices& choices, const KubernetesRequest& request,
                         const model::Settings& settings, const model::Constants& constants) {
  const catalog::InstanceType& instance = *cluster.instance;
  Option o;
  o.platform = platform::Platform::kubernetes;
  o.cluster = cluster;
  o.layout = layout::compute(cluster.node, cluster.nodes, choices);
  o.label = cluster.description;
  if (short_of_count(o.layout)) return o;  // does not run as asked: not worth predicting
  KubernetesDetail pods{o.layout.container_mib, k.allocatable_cores, k.allocatable_mib, request.emr_on_eks, 0, 0};
  model::Settings chosen = settings;
  o.prediction = predict_tuned(plan, cluster, o.layout, chosen, constants);
  price_kubernetes(o, pods, instance, cluster.nodes, settings, constants);
  o.detail = pods;
  o.spark_conf = kubernetes_settings(k, choices, o.layout);
  for (Setting& driver : driver_settings(choices, driver_heap_why(plan.job, choices)))
    o.spark_conf.push_back(std::move(driver));
  o.spark_conf.push_back(shuffle_partitions_setting(settings, chosen, o.layout.task_slots, constants));
  char note[320];
  std::snprintf(note, sizeof note,
                "%s: %d vCPU / %lld MiB, minus kubelet reservations (EKS AMI formula), eviction threshold and daemon "
                "sets = %.2f cores / %lld MiB allocatable; pod = heap %lld + overhead %lld MiB (factor %.2f)",
                instance.name.c_str(), instance.vcpus, static_cast<long long>(instance.memory_mib), k.allocatable_cores,
                static_cast<long long>(k.allocatable_mib), static_cast<long long>(o.layout.heap_mib),
                static_cast<long long>(o.layout.overhead_mib), choices.overhead_factor);
  o.notes.push_back(note);
  return o;
}

}  // namespace

std::vector<Option> evaluate_kubernetes(const model::JobPlan& plan, const KubernetesRequest& request,
                                        const FixedLayout& fixed, const model::Settings& settings,
                                        const model::Constants& constants) {
  std::vector<Option> options;
  std::optional<Option> short_of;  // the largest cluster too small for the fixed executor count
  for (const catalog::InstanceType* instance : request.instances) {
    for (int nodes : request.nodes) {
      const KubernetesNodes k = kubernetes_nodes(*instance, nodes, request.jvm);
      platform::Cluster cluster = k.cluster;
      cluster.description += request.emr_on_eks ? " (EMR on EKS)" : " (Kubernetes)";
      const layout::Choices base = with_fixed(k.choices, fixed);
      for (int executor_cores : core_choices(cluster.node.vcpus, fixed)) {
        layout::Choices choices = base;
        choices.executor_cores = executor_cores;
        choices = layout::keeping_compressed_oops(cluster.node, cluster.nodes, choices);
        Option o = kubernetes_option(plan, k, cluster, choices, request, settings, constants);
        if (short_of_count(o.layout)) {
          if (!short_of || o.layout.capacity_executors > short_of->layout.capacity_executors) short_of = std::move(o);
          continue;
        }
        options.push_back(std::move(o));
      }
    }
  }
  if (fixed.heap_mib || fixed.overhead_mib) refuse_pods_above_allocatable(options, request, fixed);
  if (options.empty() && short_of) refuse_executor_count(*short_of, fixed);
  return options;
}

namespace {

std::vector<Option> kubernetes_options(const PlanRequest& request) {
  return evaluate_kubernetes(request.plan, request.managed.kubernetes, request.managed.fixed, request.settings,
                             request.constants);
}

}  // namespace

std::optional<Plan> recommend_kubernetes(const PlanRequest& request, std::string& why_none) {
  return recommend_among(kubernetes_options(request), request.objective, why_none);
}

ManagedPlan predict_kubernetes(const PlanRequest& request) {
  const KubernetesRequest& kubernetes = request.managed.kubernetes;
  if (kubernetes.instances.size() != 1 || kubernetes.nodes.size() != 1)
    throw InputError(
        "predict --platform kubernetes evaluates one cluster: give one --instance and one --nodes count; "
        "recommend searches ranges");
  return predict_among(Platform::kubernetes, kubernetes_options(request), request);
}

std::string kubernetes_price_driver(const catalog::Catalog&) {
  char text[200];
  std::snprintf(text, sizeof text,
                "EC2 + $%.5f per vCPU-hour and $%.5f per GB-hour of pods (EMR on EKS), no primary node",
                kEmrOnEksUsdPerVcpuHour, kEmrOnEksUsdPerGbHour);
  return text;
}

KubernetesRequest kubernetes_request(const catalog::Catalog& catalog, const job::JobSpec& job,
                                     const std::optional<std::vector<std::string>>& instances,
                                     const std::optional<std::vector<int>>& nodes, bool emr_on_eks) {
  KubernetesRequest k;
  k.emr_on_eks = emr_on_eks;
  k.jvm = job.language != job::Language::python;
  std::vector<std::string> names;
  if (instances) {
    names = *instances;
  } else if (job.emr && !job.emr->instance_types.empty()) {
    names = job.emr->instance_types;
  } else {
    names = {"m5.4xlarge",  "r5.4xlarge",  "c5.4xlarge",  "m6i.4xlarge", "r6i.4xlarge",
             "m6g.4xlarge", "r6g.4xlarge", "m7g.4xlarge", "r7g.4xlarge"};
  }
  for (const std::string& name : names) k.instances.push_back(&catalog.require(name));
  if (nodes)
    k.nodes = *nodes;
  else if (job.emr && !job.emr->nodes.empty())
    k.nodes = job.emr->nodes;
  else
    for (int n = 1; n <= 50; ++n) k.nodes.push_back(n);
  return k;
}

}  // namespace sparkfit::platform
