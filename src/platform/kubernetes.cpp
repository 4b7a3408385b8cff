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
std::vector<Setting> kubernetes_settings(const KubernetesNodes& k, const layout::Layout& l) {
  const platform::Cluster& c = k.cluster;
  const std::string cores = std::to_string(l.executor_cores);
  const std::string factor = units::format_number(k.choices.overhead_factor);
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
      {"spark.executor.memory", units::format_spark_memory(l.heap_mib),
       std::to_string(k.allocatable_mib) + " MiB allocatable / " + std::to_string(l.policy_executors_per_node) + " = " +
           std::to_string(l.container_target_mib) + " MiB per pod; heap = largest h with h + max(" + factor + " h, " +
           std::to_string(layout::kMinOverheadMiB) + ") <= " + std::to_string(l.container_mib) + " -> " +
           std::to_string(l.heap_mib) + "m"},
      {"spark.executor.memoryOverhead", units::format_spark_memory(l.overhead_mib),
       "max(" + factor + " x " + std::to_string(l.heap_mib) + ", " + std::to_string(layout::kMinOverheadMiB) + ") = " +
           std::to_string(l.overhead_mib) + " MiB (" + c.overhead_source + "); the pod requests heap + overhead"},
      {"spark.kubernetes.executor.request.cores", cores,
       "the pod requests the executor's " + cores +
           " cores, so the scheduler places pods as sized (docs/domain.md#kubernetes-pods)"},
      {"spark.kubernetes.executor.limit.cores", cores,
       "a limit equal to the request: an executor never takes the CPU its neighbours requested"},
  };
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
}

}  // namespace

std::vector<Option> evaluate_kubernetes(const model::JobPlan& plan, const KubernetesRequest& request,
                                        const model::Settings& settings, const model::Constants& constants) {
  std::vector<Option> options;
  for (const catalog::InstanceType* instance : request.instances) {
    for (int nodes : request.nodes) {
      const KubernetesNodes k = kubernetes_nodes(*instance, nodes, request.jvm);
      platform::Cluster cluster = k.cluster;
      cluster.description += request.emr_on_eks ? " (EMR on EKS)" : " (Kubernetes)";
      const double factor = k.choices.overhead_factor;
      const double cores = k.allocatable_cores;
      const std::int64_t memory = k.allocatable_mib;
      const int whole_cores = cluster.node.vcpus;
      std::vector<int> core_choices;
      for (int c = 1; c <= std::min(8, whole_cores); ++c) core_choices.push_back(c);
      if (whole_cores > 8) core_choices.push_back(whole_cores);
      for (int executor_cores : core_choices) {
        layout::Choices choices = k.choices;
        choices.executor_cores = executor_cores;
        Option o;
        o.platform = platform::Platform::kubernetes;
        o.cluster = cluster;
        o.layout = layout::compute(cluster.node, nodes, choices);
        KubernetesDetail pods{o.layout.container_mib, cores, memory, request.emr_on_eks, 0, 0};
        o.label = cluster.description;
        model::Settings chosen = settings;
        o.prediction = predict_tuned(plan, cluster, o.layout, chosen, constants);
        price_kubernetes(o, pods, *instance, nodes, settings, constants);
        o.detail = pods;
        o.spark_conf = kubernetes_settings(k, o.layout);
        o.spark_conf.push_back(shuffle_partitions_setting(settings, chosen, o.layout.task_slots, constants));
        char note[320];
        std::snprintf(
            note, sizeof note,
            "%s: %d vCPU / %lld MiB, minus kubelet reservations (EKS AMI formula), eviction threshold and daemon "
            "sets = %.2f cores / %lld MiB allocatable; pod = heap %lld + overhead %lld MiB (factor %.2f)",
            instance->name.c_str(), instance->vcpus, static_cast<long long>(instance->memory_mib), cores,
            static_cast<long long>(memory), static_cast<long long>(o.layout.heap_mib),
            static_cast<long long>(o.layout.overhead_mib), factor);
        o.notes.push_back(note);
        options.push_back(std::move(o));
      }
    }
  }
  return options;
}

namespace {

std::vector<Option> kubernetes_options(const PlanRequest& request) {
  return evaluate_kubernetes(request.plan, request.managed.kubernetes, request.settings, request.constants);
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
