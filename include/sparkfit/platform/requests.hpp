// What a command line asks of the platform, as plain values: the one cluster a command works on,
// the layout choices over the spec's, and the Glue runs to weigh. Each is read from the inputs
// given (sparkfit/units/given.hpp), every value checked, and each error names its flag; the
// functions here then lay them over the job spec and check what only the catalog and the spec can tell.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sparkfit/catalog/catalog.hpp"
#include "sparkfit/job/job.hpp"
#include "sparkfit/layout/layout.hpp"
#include "sparkfit/platform/managed.hpp"
#include "sparkfit/platform/platform.hpp"
#include "sparkfit/units/given.hpp"

namespace sparkfit::platform {

// The catalog, loaded on first use: a YARN cluster described by its node sizes, or no cluster at
// all, needs none (explain runs without the data directory).
using CatalogSource = std::function<const catalog::Catalog&()>;

// The one cluster: --platform (emr, ec2 or yarn), --instance and --nodes, the YARN node sizes and
// what each node keeps back. Unset values come from the job spec's platform section.
struct ClusterRequest {
  std::optional<Platform> platform;
  std::optional<std::string> instance;
  std::optional<int> nodes;
  std::optional<int> node_cores;
  std::optional<std::int64_t> node_memory_mib;
  std::optional<int> reserve_cores;  // may be 0
  std::optional<std::int64_t> reserve_memory_mib;
  std::optional<std::int64_t> min_allocation_mib;  // at least 1
  std::optional<std::string> emr_release;
};

// The cluster inputs: --platform (emr, ec2 or yarn), --instance, one --nodes count, the YARN node
// sizes and reserves, --yarn-min-allocation, --emr-release, and --region checked.
ClusterRequest cluster_request(const units::Given& given);
// Only --instance and one --nodes count (the Kubernetes nodes of review --k8s-app), and --region checked.
ClusterRequest node_request(const units::Given& given);

// A self-managed YARN cluster when the request or the spec describes one, else nodes of one EC2
// type under EMR or self-managed Spark; nullopt when neither names a cluster.
std::optional<Cluster> cluster_for(const CatalogSource& catalog, const ClusterRequest& request,
                                   const job::JobSpec& job);

// The Kubernetes nodes of the request's instance and nodes, as Spark's pods see them; nullopt when
// neither is given. `jvm` false gives non-JVM (Python, R) pods the 0.40 overhead factor.
std::optional<KubernetesNodes> kubernetes_nodes_for(const CatalogSource& catalog, const ClusterRequest& request,
                                                    bool jvm);

// The executor and driver layout asked for; unset values come from the spec's `layout:` section.
struct LayoutRequest {
  std::optional<int> num_executors;
  std::optional<int> executor_cores;
  std::optional<std::int64_t> heap_mib;
  std::optional<std::int64_t> overhead_mib;
  std::optional<double> overhead_factor;
  std::optional<job::HeapConvention> convention;
  std::optional<job::DeployMode> deploy_mode;
  std::optional<std::int64_t> driver_heap_mib;
  std::optional<int> driver_cores;
  std::optional<job::ResourceCalculator> calculator;
  std::optional<int> reserve_cores;  // cores per node kept back; may be 0
};

// The layout inputs (--num-executors ... --driver-cores, --yarn-resource-calculator, --reserve-cores).
LayoutRequest layout_request(const units::Given& given);

// The request over the spec's `layout:` section, with the cluster's defaults (overhead factor,
// garbage collector, reserved cores) when there is a cluster.
layout::Choices choices_for(const LayoutRequest& request, const job::JobSpec& job, const Cluster* cluster);

// The executor layout an EMR Serverless or Kubernetes plan must keep: the request over the spec's
// `layout:` section.
FixedLayout fixed_layout(const LayoutRequest& request, const job::JobSpec& job);

// What sparkfit assumed because neither the request nor the spec gave it, one sentence each naming
// the flag that sets it (text's "Assumed", JSON's `assumed`). Of the cluster: the cores and memory
// each node keeps back, YARN's rounding step, the EMR release.
std::vector<std::string> assumed_cluster(const ClusterRequest& request, const job::JobSpec& job,
                                         const Cluster& cluster);
// Of the layout choices: the overhead factor, the deploy mode, the driver's heap.
std::vector<std::string> assumed_choices(const LayoutRequest& request, const job::JobSpec& job, const Cluster& cluster,
                                         const layout::Choices& choices);
// Of the layout the engine filled in (layout::compute): the heap, the executor cores and count.
std::vector<std::string> assumed_fill(const Cluster& cluster, const layout::Layout& layout,
                                      const layout::Choices& choices);

// The Glue runs asked for, over the spec's platform.glue.
struct GlueOverrides {
  std::optional<std::string> glue_version;
  std::optional<std::vector<std::string>> worker_types;
  std::optional<std::vector<int>> workers;
  std::optional<bool> flex;  // execution class flex
  bool auto_scaling = false;
  std::optional<bool> dynamicframe_reader;
};

// The Glue inputs (--glue-version, --worker-type, --workers, --execution-class, --auto-scaling, --glue-reader).
GlueOverrides glue_overrides(const units::Given& given);

GlueRequest glue_request(const GlueOverrides& overrides, const job::JobSpec& job);
// What the Glue request assumed (the Glue version, the execution class, the reader), as
// assumed_cluster says it.
std::vector<std::string> assumed_glue(const GlueOverrides& overrides, const job::JobSpec& job);

// A comma-separated list ("r5.2xlarge,m5.2xlarge").
std::vector<std::string> list_of(const std::string& value);
// --instance as a list of types and --nodes as a set of counts, for a search; nullopt when not given.
std::optional<std::vector<std::string>> instances_of(const units::Given& given);
std::optional<std::vector<int>> node_counts_of(const units::Given& given);

// What a managed planner (Glue, EMR Serverless, Kubernetes) is asked: the Glue runs, the layout it
// must keep, and on Kubernetes the nodes to consider.
ManagedRequest managed_request(const catalog::Catalog& catalog, const units::Given& given, const job::JobSpec& job,
                               Platform chosen, bool emr_on_eks);

// The platform a spec plans for when the command names none: its one priced platform (emr, glue,
// emr-serverless, kubernetes), else ec2, else yarn, else emr; nullopt when it lists several priced
// platforms, which are then compared.
std::optional<Platform> spec_platform(const job::JobSpec& job);
// The cluster platform of a spark-submit, spark-defaults or EMR JSON output: emr unless the spec
// describes only ec2 or only yarn clusters.
Platform spec_cluster_platform(const job::JobSpec& job);

}  // namespace sparkfit::platform
