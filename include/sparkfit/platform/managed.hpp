// Managed platforms: AWS Glue, EMR Serverless and Spark on Kubernetes (EMR on EKS or plain). Each
// planner turns the platform's own units (Glue workers and DPUs, Serverless worker sizes, pods on
// nodes) into a cluster and layout the model can evaluate, and prices the result the platform's way.
#pragma once

#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "sparkfit/catalog/catalog.hpp"
#include "sparkfit/model/model.hpp"

namespace sparkfit::platform {

// What a Glue option is in Glue's own units.
struct GlueDetail {
  const catalog::GlueWorkerType* worker = nullptr;
  int workers = 0;
  double dpus = 0;
  double dpu_hours = 0;
  bool flex = false;
};

// What an EMR Serverless option is in its own units: one executor per worker.
struct ServerlessDetail {
  int executor_vcpus = 0;
  std::int64_t worker_memory_gib = 0;
  std::int64_t disk_gb = 0;
  double vcpu_hours = 0, gb_hours = 0;
};

// What a Kubernetes option's nodes leave to pods, and what EMR on EKS bills on top of EC2.
struct KubernetesDetail {
  std::int64_t pod_memory_mib = 0;
  double allocatable_cores = 0;
  std::int64_t allocatable_mib = 0;
  bool emr_on_eks = false;
  double vcpu_hours = 0, gb_hours = 0;
};

// One evaluated configuration on a platform: what every platform has, and the platform's own detail.
struct Option {
  platform::Platform platform = platform::Platform::glue;
  std::string label;  // "20 x G.2X", "30 executors of 4 vCPU / 16 GB", "10 x r5.4xlarge (EKS)"
  platform::Cluster cluster;
  layout::Layout layout;
  model::Prediction prediction;     // runtime and risks from the model; cost_usd priced by the platform
  std::vector<Setting> spark_conf;  // the settings to emit
  std::vector<std::string> notes;   // the arithmetic and caveats
  std::variant<GlueDetail, ServerlessDetail, KubernetesDetail> detail;

  bool feasible() const { return prediction.feasible(); }
  double cost_usd() const { return prediction.cost_usd; }
  double runtime_s() const { return prediction.runtime_s; }
  // The platform's detail; null on another platform.
  const GlueDetail* glue() const { return std::get_if<GlueDetail>(&detail); }
  GlueDetail* glue() { return std::get_if<GlueDetail>(&detail); }
  const ServerlessDetail* serverless() const { return std::get_if<ServerlessDetail>(&detail); }
  const KubernetesDetail* kubernetes() const { return std::get_if<KubernetesDetail>(&detail); }
};

// The model's prediction for a cluster and layout with the better of the settings' shuffle
// partitions and a count tuned to the model's target partition size (unless the user set it, or
// the settings keep Spark's default as predict does);
// the count used is written back into `settings`.
model::Prediction predict_tuned(const model::JobPlan& plan, const platform::Cluster& cluster,
                                const layout::Layout& layout, model::Settings& settings,
                                const model::Constants& constants);
// spark.sql.shuffle.partitions as predict_tuned left it in `chosen`, from the `asked` settings, with
// its why: the job's count, the model's, or Spark's default kept.
Setting shuffle_partitions_setting(const model::Settings& asked, const model::Settings& chosen, int task_slots,
                                   const model::Constants& constants);

// The option the objective picks (feasible, within deadline and budget, then cheapest or
// fastest); none when nothing qualifies, with why in `why_none`.
std::optional<std::size_t> pick(const std::vector<Option>& options, const job::Objective& objective,
                                std::string* why_none);

// The executor layout the user fixed (flags, else the job spec's `layout:`). EMR Serverless and
// Kubernetes honour every value given and search only what is left; a value outside the platform's
// limits is an InputError naming the flag, the limit and its source.
struct FixedLayout {
  std::optional<int> executor_cores;
  std::optional<int> num_executors;
  std::optional<std::int64_t> heap_mib;
  std::optional<std::int64_t> overhead_mib;
  std::optional<double> overhead_factor;
  // Which values the job spec gave rather than a flag, so that an error names the right input.
  bool cores_from_spec = false, count_from_spec = false, heap_from_spec = false, overhead_from_spec = false;
};
// The input a fixed value came from: `flag`, or the spec's `layout.<field>`.
inline std::string fixed_input(bool from_spec, const std::string& flag, const std::string& field) {
  return from_spec ? "the job spec's layout." + field : flag;
}

// ---- AWS Glue ----
struct GlueRequest {
  std::string glue_version = "4.0";
  std::vector<std::string> worker_types;  // empty: every G/R type the version offers (not streaming-only)
  std::vector<int> workers;               // empty: 2..100
  bool flex = false;                      // Flex execution class (start-delayed, cheaper)
  bool auto_scaling = false;              // NumberOfWorkers becomes the maximum
  bool dynamicframe_reader = true;        // one partition per S3 file below the grouping threshold
};

// Glue's own capacity view of one worker type for a job: the widest stage's tasks over the tasks
// one executor runs at once, and the workers (plus the driver's) that run it in one wave.
struct GlueCapacity {
  std::int64_t widest_tasks = 0;
  int max_needed_executors = 0;
  int one_wave_workers = 0;
};

std::vector<Option> evaluate_glue(const model::JobPlan& plan, const catalog::GlueFacts& glue,
                                  const GlueRequest& request, const model::Settings& settings,
                                  const model::Constants& constants);
GlueCapacity glue_capacity(const model::JobPlan& plan, const catalog::GlueWorkerType& worker,
                           const GlueRequest& request, const catalog::GlueFacts& glue,
                           const model::Constants& constants);
// Whether a Glue version offers a worker type (the catalog's version list of the type).
bool glue_offers(const catalog::GlueWorkerType& worker, const std::string& version);
// `count` workers of one type, unpriced and unpredicted: the cluster (one node per executor),
// the layout and the notes that explain it. count < 2 leaves no executor (problem set).
Option glue_option(const catalog::GlueWorkerType& worker, int count, const catalog::GlueFacts& glue, bool flex);
// The heap of one Glue executor: the catalog's where known, else scaled from G.1X's ratio.
std::int64_t glue_executor_heap_mib(const catalog::GlueWorkerType& worker, const catalog::GlueFacts& glue,
                                    bool* estimated);

// ---- EMR Serverless ----
struct ServerlessRequest {
  std::vector<int> executors;  // empty: 1..200
};
// Every worker size, memory and count the request and the fixed layout leave open. InputError when
// a fixed value is not a worker configuration (the sizes and ranges of instance_catalogs/aws/emr_serverless.yaml).
std::vector<Option> evaluate_serverless(const model::JobPlan& plan, const catalog::ServerlessFacts& facts,
                                        const ServerlessRequest& request, const FixedLayout& fixed,
                                        const model::Settings& settings, const model::Constants& constants);
// The price of `vcpu_hours`, `gb_hours` and disk beyond the free 20 GB per worker.
double serverless_price(const catalog::ServerlessFacts& facts, double vcpu_hours, double gb_hours,
                        double extra_disk_gb_hours);

// ---- Kubernetes ----
struct KubernetesRequest {
  std::vector<const catalog::InstanceType*> instances;
  std::vector<int> nodes;
  bool emr_on_eks = false;
  bool jvm = true;  // false for PySpark/R: the 0.40 non-JVM overhead factor
};
// What the kubelet leaves to pods on a node (EKS AMI reservations, daemon sets): cores and MiB.
std::pair<double, std::int64_t> kubernetes_allocatable(const catalog::InstanceType& instance);
// `nodes` nodes of one instance type as Spark's pods see them, in the layout engine's terms: each
// node offers its allocatable memory and whole allocatable cores, with no YARN rounding and no
// core kept back (the kubelet's reservation is already off), and the scheduler enforces both
// (dominant placement). The pods' overhead factor is 0.10, 0.40 for non-JVM (Python, R) ones.
// recommend, predict and review all build their Kubernetes nodes here.
struct KubernetesNodes {
  platform::Cluster cluster;  // description "N x type"
  layout::Choices choices;    // the overhead factor, reserve_cores 0, the dominant calculator
  double allocatable_cores = 0;
  std::int64_t allocatable_mib = 0;
};
KubernetesNodes kubernetes_nodes(const catalog::InstanceType& instance, int nodes, bool jvm);
// EMR on EKS charges per vCPU-hour and GB-hour of the pods on top of EC2.
inline constexpr double kEmrOnEksUsdPerVcpuHour = 0.01012;
inline constexpr double kEmrOnEksUsdPerGbHour = 0.00111125;
// Every instance type, node count and executor size the request and the fixed layout leave open.
// InputError when a fixed pod is above every node's allocatable memory; InfeasibleError when no
// cluster holds a fixed executor count.
std::vector<Option> evaluate_kubernetes(const model::JobPlan& plan, const KubernetesRequest& request,
                                        const FixedLayout& fixed, const model::Settings& settings,
                                        const model::Constants& constants);

// ---- What the managed planners are asked and answer (planner.hpp dispatches to them) ----

// What each managed planner takes.
struct ManagedRequest {
  GlueRequest glue;
  ServerlessRequest serverless;
  KubernetesRequest kubernetes;
  FixedLayout fixed;
};

// A managed platform's options and the one picked, with Glue's own capacity view of a Glue pick.
struct ManagedPlan {
  std::vector<Option> options;
  std::size_t best = 0;
  std::optional<GlueCapacity> capacity;
  std::optional<Option> one_wave;  // recommend on Glue: the pick's worker type at one-wave capacity
  // predict: what the pick stood in for when the flags left several options, one sentence naming
  // the flags that pin the configuration.
  std::vector<std::string> assumed;

  const Option& pick() const { return options[best]; }
};

// The Kubernetes nodes to consider: the named instance types, else the spec's EMR types, else the
// 4xlarge of the common families; the given node counts, else the spec's, else 1..50.
KubernetesRequest kubernetes_request(const catalog::Catalog& catalog, const job::JobSpec& job,
                                     const std::optional<std::vector<std::string>>& instances,
                                     const std::optional<std::vector<int>>& nodes, bool emr_on_eks);

}  // namespace sparkfit::platform
