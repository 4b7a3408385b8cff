// The managed planners behind one entry point, and what recommend and predict make of their
// options: the pick, and for Glue its capacity view.
#include <algorithm>
#include <cmath>

#include "sparkfit/platform/managed.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"

namespace sparkfit::platform {
namespace {

// Glue's capacity view of the pick's worker type.
void add_glue_capacity(ManagedPlan& managed, const model::JobPlan& plan, const catalog::Catalog& catalog,
                       const GlueRequest& request, const model::Constants& constants) {
  if (const GlueDetail* glue = managed.pick().glue())
    managed.capacity = glue_capacity(plan, *glue->worker, request, catalog.glue, constants);
}

}  // namespace

std::vector<Option> evaluate(Platform platform, const model::JobPlan& plan, const catalog::Catalog& catalog,
                             const ManagedRequest& request, const model::Settings& settings,
                             const model::Constants& constants) {
  switch (platform) {
    case Platform::glue: return evaluate_glue(plan, catalog.glue, request.glue, settings, constants);
    case Platform::emr_serverless:
      return evaluate_serverless(plan, catalog.serverless, request.serverless, settings, constants);
    case Platform::kubernetes: return evaluate_kubernetes(plan, request.kubernetes, settings, constants);
    case Platform::emr:
    case Platform::ec2:
    case Platform::yarn: break;
  }
  throw InputError(std::string(to_string(platform)) + " is planned by the search over YARN clusters, not a managed planner");
}

ManagedPlan recommend_managed(Platform platform, const model::JobPlan& plan, const catalog::Catalog& catalog,
                              const ManagedRequest& request, const model::Settings& settings,
                              const model::Constants& constants, const job::Objective& objective) {
  ManagedPlan managed;
  managed.options = evaluate(platform, plan, catalog, request, settings, constants);
  std::string why;
  std::optional<std::size_t> best = pick(managed.options, objective, &why);
  if (!best) throw InfeasibleError(why);
  managed.best = *best;
  add_glue_capacity(managed, plan, catalog, request.glue, constants);
  if (managed.capacity) {
    GlueRequest one_wave = request.glue;
    one_wave.worker_types = {managed.pick().glue()->worker->name};
    one_wave.workers = {std::max(2, managed.capacity->one_wave_workers)};
    std::vector<Option> found = evaluate_glue(plan, catalog.glue, one_wave, settings, constants);
    if (!found.empty()) managed.one_wave = found.front();
  }
  return managed;
}

ManagedPlan predict_managed(Platform platform, const model::JobPlan& plan, const catalog::Catalog& catalog,
                            const ManagedRequest& request, std::optional<int> executor_cores,
                            const model::Settings& settings, const model::Constants& constants,
                            const job::Objective& objective) {
  const std::string word(to_string(platform));
  if (platform == Platform::glue && (request.glue.worker_types.size() != 1 || request.glue.workers.size() != 1))
    throw InputError("predict --platform glue evaluates one capacity: give one --worker-type and one --workers count "
                     "(or a spec with one of each); recommend searches ranges");
  if (platform == Platform::kubernetes && (request.kubernetes.instances.size() != 1 || request.kubernetes.nodes.size() != 1))
    throw InputError("predict --platform kubernetes evaluates one cluster: give one --instance and one --nodes count; "
                     "recommend searches ranges");
  ManagedPlan managed;
  std::vector<Option>& options = managed.options;
  options = evaluate(platform, plan, catalog, request, settings, constants);
  if (executor_cores)
    options.erase(std::remove_if(options.begin(), options.end(),
                                 [&](const Option& o) { return o.layout.executor_cores != *executor_cores; }),
                  options.end());
  if (options.empty())
    throw InfeasibleError("no " + word + " configuration has " + std::to_string(executor_cores.value_or(0)) +
                          "-core executors; 'sparkfit recommend --platform " + word + "' lists what there is");
  if (options.size() == 1 && !options.front().feasible()) {
    const Option& o = options.front();
    std::string why(model::to_string(o.prediction.infeasible));
    if (o.prediction.infeasible == model::Infeasible::disk_full)
      why = "shuffle and spill need about " + units::format_number(std::round(o.prediction.disk_needed_gb_per_node)) +
            " GB of local disk per " + std::string(platform == Platform::glue ? "worker" : "node") + ", which has " +
            units::format_number(o.prediction.disk_gb_per_node) + " GB";
    throw InfeasibleError(o.label + " cannot run this job: " + why + "; 'sparkfit recommend --platform " + word +
                          "' finds a capacity that can");
  }
  std::string why_none;
  std::optional<std::size_t> best = pick(options, objective, &why_none);
  if (!best) {
    // Nothing meets the deadline or budget: predict still shows the fastest feasible option.
    for (std::size_t i = 0; i < options.size(); ++i)
      if (options[i].feasible() && (!best || options[i].runtime_s() < options[*best].runtime_s())) best = i;
    if (!best) throw InfeasibleError(why_none);
  }
  managed.best = *best;
  add_glue_capacity(managed, plan, catalog, request.glue, constants);
  return managed;
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
    names = {"m5.4xlarge", "r5.4xlarge", "c5.4xlarge", "m6i.4xlarge", "r6i.4xlarge", "m6g.4xlarge", "r6g.4xlarge",
             "m7g.4xlarge", "r7g.4xlarge"};
  }
  for (const std::string& name : names) k.instances.push_back(&catalog.require(name));
  if (nodes) k.nodes = *nodes;
  else if (job.emr && !job.emr->nodes.empty()) k.nodes = job.emr->nodes;
  else for (int n = 1; n <= 50; ++n) k.nodes.push_back(n);
  return k;
}

}  // namespace sparkfit::platform
