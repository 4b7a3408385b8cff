// `predict` and `recommend`: the model and the search, with every emitted setting explained.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "cli/context.hpp"
#include "cli/managed.hpp"
#include "cli/observations.hpp"
#include "sparkfit/report/pages.hpp"
#include "sparkfit/output/layout_json.hpp"
#include "sparkfit/report/report.hpp"
#include "cli/options.hpp"
#include "sparkfit/util/error.hpp"
#include "sparkfit/util/json_writer.hpp"
#include "sparkfit/platform/managed.hpp"
#include "sparkfit/search/search.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/version.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::cli {
using report::drawing_of, report::stage_bars, report::risk_findings;  // the page parts moved to src/report/
namespace {

double fraction_flag(const char* flag, const std::optional<std::string>& value, double fallback, bool allow_above_one) {
  if (!value) return fallback;
  double f = 0;
  auto [ptr, ec] = std::from_chars(value->data(), value->data() + value->size(), f);
  if (ec != std::errc() || ptr != value->data() + value->size() || f < 0 || (!allow_above_one && f >= 1) ||
      (allow_above_one && f <= 0))
    throw InputError(std::string(flag) + ": invalid value '" + *value + "': expected " +
                     (allow_above_one ? "a positive factor such as 1.08" : "a fraction from 0 to below 1, such as 0.6"));
  return f;
}

job::Objective objective_from(const Flags& flags, const job::JobSpec& job) {
  job::Objective objective = job.objective;
  try {
    if (flags.minimize) objective.minimize = job::parse_minimize(*flags.minimize);
    if (flags.deadline) objective.deadline_s = units::parse_duration_s(*flags.deadline);
    if (flags.budget) objective.budget_usd = units::parse_money_usd(*flags.budget);
  } catch (const InputError& error) {
    throw InputError(std::string(flags.minimize && !flags.deadline ? "--minimize" : flags.deadline ? "--deadline" : "--budget") +
                     ": " + error.message());
  }
  return objective;
}

model::Settings settings_from(Context& context, const Flags& flags, const job::JobSpec& job) {
  model::Settings settings;
  if (job.layout.shuffle_partitions) {
    settings.shuffle_partitions = *job.layout.shuffle_partitions;
    settings.shuffle_partitions_given = true;
  }
  if (job.emr) {
    settings.market = job.emr->market;
    settings.spot_discount = job.emr->spot_discount;
    if (job.emr->primary_instance) settings.primary = context.catalog().find(*job.emr->primary_instance);
  }
  if (flags.market) settings.market = job::parse_market(*flags.market);
  settings.spot_discount = fraction_flag("--spot-discount", flags.spot_discount, settings.spot_discount, false);
  settings.price_factor = fraction_flag("--price-factor", flags.price_factor, 1.0, true);
  settings.savings_plan_discount = fraction_flag("--savings-plan-discount", flags.savings_plan_discount, 0.0, false);
  if (flags.primary_instance) {
    settings.primary = &context.catalog().require(*flags.primary_instance, "--primary-instance");
  }
  return settings;
}

model::Constants load_model(Context& context) {
  return model::load_constants(context.data_dir().path / "instance_catalogs" / "model" / "model.yaml");
}

std::string money_or_null(const platform::Cluster& cluster, double usd) {
  return cluster.platform == platform::Platform::yarn ? "n/a (yarn: core-hours only)" : units::format_money(usd);
}

void write_prediction_json(JsonWriter& json, const platform::Cluster& cluster, const layout::Layout& l,
                           const model::Prediction& p, const model::JobPlan& plan) {
  output::write_layout_fields(json, cluster, l);
  json.field("feasible", p.feasible());
  json.key("infeasible_reason");
  if (p.feasible()) json.null();
  else json.value(p.infeasible == model::Infeasible::layout ? std::string(layout::to_string(l.problem))
                                                            : std::string(model::to_string(p.infeasible)));
  json.field("runtime_s", std::round(p.runtime_s * 10) / 10);
  json.key("cost_usd");
  if (cluster.platform == platform::Platform::yarn) json.null(); else json.value(std::round(p.cost_usd * 10000) / 10000);
  json.field("core_hours", std::round(p.core_hours * 1000) / 1000);
  json.key("risks").begin_array();
  for (const std::string& risk : model::risk_names(p.risks)) json.value(risk);
  json.end_array();
  json.key("stages").begin_array();
  for (int i = 0; i < p.stage_count; ++i) {
    const model::StageResult& r = p.stages[static_cast<std::size_t>(i)];
    json.begin_object();
    json.field("name", plan.stages[static_cast<std::size_t>(i)].name)
        .field("tasks", r.tasks)
        .field("waves", r.waves)
        .field("bytes_per_task", static_cast<std::int64_t>(r.bytes_per_task))
        .field("spill_bytes", static_cast<std::int64_t>(r.spill_bytes))
        .field("runs", r.runs)
        .field("time_s", std::round(r.time_s * 10) / 10);
    json.end_object();
  }
  json.end_array();
}

void write_prediction_text(std::ostringstream& out, const platform::Cluster& cluster, const layout::Layout& l,
                           const model::Prediction& p, const model::JobPlan& plan) {
  out << "  " << cluster.description << ": " << l.num_executors << (l.num_executors == 1 ? " executor x " : " executors x ") << l.executor_cores << " cores, heap "
      << units::format_spark_memory(l.heap_mib) << " + overhead " << units::format_spark_memory(l.overhead_mib) << ", "
      << l.task_slots << " task slots\n";
  if (!p.feasible()) {
    out << "  infeasible: "
        << (p.infeasible == model::Infeasible::layout ? std::string(layout::to_string(l.problem))
                                                      : std::string(model::to_string(p.infeasible)));
    if (p.infeasible == model::Infeasible::disk_full)
      out << " (" << units::format_number(std::round(p.disk_needed_gb_per_node)) << " GB of shuffle and spill per node, "
          << units::format_number(std::round(p.disk_gb_per_node)) << " GB of local disk)";
    out << "\n";
    return;
  }
  out << "  predicted runtime " << units::format_duration(p.runtime_s) << ", cost " << money_or_null(cluster, p.cost_usd)
      << ", " << units::format_number(std::round(p.core_hours * 10) / 10) << " core-hours\n";
  if (p.spot_nodes > 0)
    out << "  billing: " << cluster.nodes - p.spot_nodes << " core nodes on demand x $"
        << units::format_number(std::round(p.node_usd_per_hour * 10000) / 10000) << "/h + " << p.spot_nodes
        << " spot task nodes x $" << units::format_number(std::round(p.task_node_usd_per_hour * 10000) / 10000)
        << "/h (EC2 at the spot discount + EMR fee); a spot reclaim loses that node's shuffle files, which Spark recomputes\n";
  else if (cluster.platform != platform::Platform::yarn)
    out << "  billing: " << cluster.nodes << " x $" << units::format_number(std::round(p.node_usd_per_hour * 10000) / 10000)
        << "/h" << (cluster.platform == platform::Platform::emr ? " (EC2 + EMR fee)" : " (EC2)")
        << (p.primary_usd_per_hour > 0 ? " + primary $" + units::format_number(std::round(p.primary_usd_per_hour * 10000) / 10000) + "/h" : "")
        << ", per second, 1-minute minimum\n";
  out << "\n  stage                     runs   tasks   waves  bytes/task     spill        time\n";
  for (int i = 0; i < p.stage_count; ++i) {
    const model::StageResult& r = p.stages[static_cast<std::size_t>(i)];
    char line[256];
    std::string name = plan.stages[static_cast<std::size_t>(i)].name;
    std::snprintf(line, sizeof line, "  %-24s %5d %7lld %7lld %11s %9s %11s\n", name.c_str(), r.runs,
                  static_cast<long long>(r.tasks), static_cast<long long>(r.waves),
                  units::format_size(static_cast<std::int64_t>(r.bytes_per_task)).c_str(),
                  r.spill_bytes > 0 ? units::format_size(static_cast<std::int64_t>(r.spill_bytes)).c_str() : "-",
                  units::format_duration(r.time_s * r.runs).c_str());
    out << line;
  }
  std::vector<std::string> risks = model::risk_names(p.risks);
  out << "\n  risks: " << (risks.empty() ? "none found" : text::join(risks)) << "\n";
  if (p.risks & model::risk_spill)
    out << "    spill: a task's working set exceeds its share of execution memory; more partitions, fewer cores per "
           "executor or more memory per core remove it\n";
  if (p.risks & model::risk_cache_miss)
    out << "    cache-does-not-fit: " << units::format_number(std::round((1 - p.cache_fit) * 100))
        << "% of the cached data is recomputed every iteration\n";
  if (p.risks & model::risk_emr_fee_estimated)
    out << "    emr-fee-estimated: no EMR fee is cited for this type; 25% of EC2 (capped at $0.27) is assumed\n";
}

// The Spark settings a recommendation sets, each with the arithmetic behind it.
struct Setting {
  std::string key, value, why;
};

std::vector<Setting> settings_for(const platform::Cluster& cluster, const layout::Layout& l, const layout::Choices& choices,
                                  std::int64_t shuffle_partitions, bool tuned, bool dynamic_allocation) {
  std::vector<Setting> s;
  const std::string node = cluster.instance ? cluster.instance->name : std::string("node");
  std::string per_node = node + ": " + std::to_string(cluster.node.vcpus) + " vCPU - " +
                         std::to_string(cluster.node.vcpus - l.usable_cores_per_node) + " reserved = " +
                         std::to_string(l.usable_cores_per_node) + ", / " + std::to_string(l.executor_cores) + " cores = " +
                         std::to_string(l.policy_executors_per_node) + " executors per node";
  s.push_back({"spark.executor.instances", std::to_string(l.num_executors),
               std::to_string(cluster.nodes) + " nodes x " + std::to_string(l.executors_per_node) + " per node, " +
                   std::to_string(l.executors_per_node - l.executors_on_am_node) + " fewer on the node hosting the AM (" +
                   std::to_string(l.am_container_mib) + " MiB)"});
  s.push_back({"spark.executor.cores", std::to_string(l.executor_cores), per_node});
  s.push_back({"spark.executor.memory", units::format_spark_memory(l.heap_mib),
               std::to_string(cluster.node.yarn_memory_mib) + " MiB YARN / " + std::to_string(l.policy_executors_per_node) +
                   " = " + std::to_string(l.container_target_mib) + " MiB, down to YARN's " +
                   std::to_string(cluster.node.yarn_min_allocation_mib) + " MiB step = " + std::to_string(l.container_mib) +
                   " MiB per container; heap = largest h with h + max(" + units::format_number(choices.overhead_factor) +
                   " h, 384) <= " + std::to_string(l.container_mib) + " -> " + std::to_string(l.heap_mib) + "m"});
  s.push_back({"spark.executor.memoryOverhead", units::format_spark_memory(l.overhead_mib),
               "max(" + units::format_number(choices.overhead_factor) + " x " + std::to_string(l.heap_mib) + ", 384) = " +
                   std::to_string(l.overhead_mib) + " MiB; set explicitly so the container is exactly " +
                   std::to_string(l.container_mib) + " MiB on any Spark version"});
  s.push_back({"spark.driver.memory", units::format_spark_memory(choices.driver_heap_mib),
               "the driver's heap; raise it for collect-heavy jobs or large broadcasts"});
  s.push_back({"spark.sql.shuffle.partitions", std::to_string(shuffle_partitions),
               tuned ? "the largest shuffle / 128 MiB target, rounded up to whole waves of " + std::to_string(l.task_slots) +
                           " slots (model term: spill and per-task overhead)"
                     : "the default 200 predicted as good as a tuned count for this job"});
  s.push_back({"spark.default.parallelism", std::to_string(l.task_slots * 2),
               "2 tasks per core for RDD operations (tuning guide: 2-3 per core)"});
  s.push_back({"spark.sql.adaptive.enabled", "true", "AQE coalesces small shuffle partitions and splits skewed ones (Spark 3.2+ default)"});
  if (!dynamic_allocation) {
    s.push_back({"spark.dynamicAllocation.enabled", "false",
                 "a sized batch job: with dynamic allocation (on by default on EMR) --num-executors is only the starting "
                 "count; --dynamic-allocation keeps it, with limits"});
    return s;
  }
  const std::string n = std::to_string(l.num_executors);
  s.push_back({"spark.dynamicAllocation.enabled", "true", "--dynamic-allocation: executors come and go with the backlog"});
  s.push_back({"spark.dynamicAllocation.initialExecutors", n, "start at the recommended layout instead of EMR's default 3"});
  s.push_back({"spark.dynamicAllocation.maxExecutors", n,
               "never more than the layout the cluster was sized for (unset, it is unlimited: one job can take a shared cluster)"});
  s.push_back({"spark.dynamicAllocation.minExecutors", "0", "idle executors are released after executorIdleTimeout (60 s)"});
  s.push_back({"spark.shuffle.service.enabled", "true",
               "released executors' shuffle files stay readable through the node's shuffle service (on by default on EMR)"});
  return s;
}

}  // namespace

// The emr, ec2 or yarn search space from flags over the spec.
search::Space yarn_space(Context& context, const Flags& flags, const job::JobSpec& job, platform::Platform chosen) {
  const catalog::Catalog& catalog = context.catalog();
  search::Space space;
  space.platform = chosen;
  if (space.platform == platform::Platform::yarn) {
    space.yarn = cluster_from(context, flags, job);
    if (!space.yarn) throw InputError("recommend --platform yarn needs --nodes, --node-cores and --node-memory or platform.yarn");
  } else if (space.platform == platform::Platform::emr || space.platform == platform::Platform::ec2) {
    std::string label = job.emr ? job.emr->release : "emr-7.1.0";
    if (flags.emr_release) label = *flags.emr_release;
    if (space.platform == platform::Platform::emr) {
      space.release = catalog.find_release(label);
      if (!space.release) throw InputError("--emr-release: unknown EMR release '" + label + "'");
    }
    std::vector<std::string> names;
    std::vector<std::string> families;
    if (flags.instance) {
      for (std::string_view part : text::split(*flags.instance, ',')) names.emplace_back(part);
    } else if (job.emr && space.platform == platform::Platform::emr) {
      names = job.emr->instance_types;
      families = job.emr->families;
    }
    if (space.platform == platform::Platform::ec2 && !flags.instance && job.ec2) {
      for (const job::Ec2Cluster& c : job.ec2->clusters) {
        space.pairs.emplace_back(&catalog.require(c.instance_type, SourceLocation(c.where)), c.nodes);
      }
    }
    for (const std::string& name : names) {
      space.instances.push_back(&catalog.require(name));
    }
    for (const auto& type : catalog.instances) {
      bool in_family = std::find(families.begin(), families.end(), type.family) != families.end();
      if (in_family || (names.empty() && families.empty() && space.pairs.empty()))
        space.instances.push_back(&type);
    }
    if (space.platform == platform::Platform::emr) {
      std::vector<const catalog::InstanceType*> offered;
      for (const auto* type : space.instances)
        if (type->emr_available) offered.push_back(type);
      space.instances = offered;
    }
    if (flags.nodes) space.nodes = units::parse_count_set(*flags.nodes, "nodes");
    else if (job.emr && !job.emr->nodes.empty()) space.nodes = job.emr->nodes;
    else for (int n = 1; n <= 100; ++n) space.nodes.push_back(n);
    if (space.instances.empty() && space.pairs.empty())
      throw InfeasibleError("no instance type to consider: " +
                            std::string(space.platform == platform::Platform::emr
                                            ? "Amazon EMR offers none of the types given (see 'sparkfit catalog list --emr-only')"
                                            : "none was given"));
  }
  if (flags.executor_cores || job.layout.executor_cores)
    space.executor_cores = {flags.executor_cores ? static_cast<int>(units::parse_count(*flags.executor_cores, "cores"))
                                                 : *job.layout.executor_cores};
  if (job.layout.shuffle_partitions) space.shuffle_partitions = job.layout.shuffle_partitions;
  return space;
}

// Which platform recommend plans: --platform, else the format's platform, else the spec's: a spec
// that lists several priced platforms compares them all.
std::string platform_word(const Flags& flags, const job::JobSpec& job) {
  if (flags.platform) return *flags.platform;
  if (flags.format == "glue-args") return "glue";
  if (flags.format == "serverless-json") return "emr-serverless";
  if (flags.format == "k8s-yaml") return "kubernetes";
  if (flags.format == "spark-submit" || flags.format == "spark-defaults" || flags.format == "emr-json")
    return job.emr || !job.ec2 ? (job.emr || !job.yarn ? "emr" : "yarn") : "ec2";
  int priced = (job.emr ? 1 : 0) + (job.glue ? 1 : 0) + (job.emr_serverless ? 1 : 0) + (job.kubernetes ? 1 : 0);
  if (priced > 1) return "all";
  if (job.emr) return "emr";
  if (job.glue) return "glue";
  if (job.emr_serverless) return "emr-serverless";
  if (job.kubernetes) return "kubernetes";
  if (job.ec2) return "ec2";
  if (job.yarn) return "yarn";
  return "emr";
}


platforms::GlueRequest glue_request(const Flags& flags, const job::JobSpec& job) {
  platforms::GlueRequest r;
  if (job.glue) {
    r.glue_version = job.glue->glue_version;
    r.worker_types = job.glue->worker_types;
    r.workers = job.glue->workers;
    r.flex = job.glue->execution_class == "flex";
    r.auto_scaling = job.glue->auto_scaling;
  }
  if (flags.glue_version) r.glue_version = *flags.glue_version;
  if (flags.worker_type) {
    r.worker_types.clear();
    for (std::string_view part : text::split(*flags.worker_type, ',')) r.worker_types.emplace_back(part);
  }
  if (flags.workers) {
    try {
      r.workers = units::parse_count_set(*flags.workers, "workers");
    } catch (const InputError& error) {
      throw InputError("--workers: " + error.message());
    }
  }
  if (flags.execution_class) {
    if (*flags.execution_class != "standard" && *flags.execution_class != "flex")
      throw InputError("--execution-class: expected standard or flex, got '" + *flags.execution_class + "'");
    r.flex = *flags.execution_class == "flex";
  }
  if (flags.auto_scaling) r.auto_scaling = true;
  if (flags.glue_reader) {
    if (*flags.glue_reader != "dynamicframe" && *flags.glue_reader != "dataframe")
      throw InputError("--glue-reader: expected dynamicframe or dataframe, got '" + *flags.glue_reader + "'");
    r.dynamicframe_reader = *flags.glue_reader == "dynamicframe";
  }
  return r;
}

// Kubernetes nodes: the given or spec's instance types, else the 4xlarge of the common families.
platforms::KubernetesRequest kubernetes_request(Context& context, const Flags& flags, const job::JobSpec& job, bool emr_on_eks) {
  platforms::KubernetesRequest k;
  k.emr_on_eks = emr_on_eks;
  k.jvm = job.language != job::Language::python;
  std::vector<std::string> names;
  if (flags.instance) {
    for (std::string_view part : text::split(*flags.instance, ',')) names.emplace_back(part);
  } else if (job.emr && !job.emr->instance_types.empty()) {
    names = job.emr->instance_types;
  } else {
    names = {"m5.4xlarge", "r5.4xlarge", "c5.4xlarge", "m6i.4xlarge", "r6i.4xlarge", "m6g.4xlarge", "r6g.4xlarge",
             "m7g.4xlarge", "r7g.4xlarge"};
  }
  for (const std::string& name : names) {
    const catalog::InstanceType* type = &context.catalog().require(name);
    k.instances.push_back(type);
  }
  if (flags.nodes) k.nodes = units::parse_count_set(*flags.nodes, "nodes");
  else if (job.emr && !job.emr->nodes.empty()) k.nodes = job.emr->nodes;
  else for (int n = 1; n <= 50; ++n) k.nodes.push_back(n);
  return k;
}

// What drives a platform's price, in one line for the comparison table.
std::string price_driver(platform::Platform platform, const catalog::Catalog& catalog) {
  char text[200];
  switch (platform) {
    case platform::Platform::glue:
      std::snprintf(text, sizeof text, "$%.2f per DPU-hour (4 vCPU + 16 GB): $%.3f per vCPU-hour, driver on a worker",
                    catalog.glue.usd_per_dpu_hour, catalog.glue.usd_per_dpu_hour / 4);
      return text;
    case platform::Platform::emr_serverless:
      std::snprintf(text, sizeof text, "$%.4f per vCPU-hour + $%.5f per GB-hour, billed only while workers run",
                    catalog.serverless.usd_per_vcpu_hour, catalog.serverless.usd_per_gb_hour);
      return text;
    case platform::Platform::kubernetes:
      std::snprintf(text, sizeof text, "EC2 + $%.5f per vCPU-hour and $%.5f per GB-hour of pods (EMR on EKS), no primary node",
                    platforms::kEmrOnEksUsdPerVcpuHour, platforms::kEmrOnEksUsdPerGbHour);
      return text;
    default:
      return "EC2 + EMR fee per node, plus the primary node; idle cores and YARN memory are paid for";
  }
}

int recommend_managed(Context& context, const Flags& flags, const model::JobPlan& plan, const model::Constants& constants,
                      const model::Settings& settings, const job::Objective& objective, const std::string& word,
                      const std::vector<std::string>& notes) {
  const catalog::Catalog& catalog = context.catalog();
  const job::JobSpec& job = plan.job;
  ManagedRequest request;
  request.plan = &plan;
  request.glue = glue_request(flags, job);
  request.all_candidates = flags.all_candidates;
  const bool native = flags.format != "text" && flags.format != "json" && flags.format != "markdown";
  auto expect_format = [&](const char* format, const char* platform_name) {
    if (native && flags.format != format)
      throw UsageError("--format " + flags.format + " is not a format of " + platform_name + "; it writes text, json, " + format);
  };

  if (word == "all") {
    if (native || flags.format == "markdown")
      throw UsageError("--platform all compares platforms: --format text or json");
    if (flags.report) throw UsageError("--report draws one platform's candidates; give --platform emr, glue, ...");
    struct Row {
      platform::Platform platform;
      std::string label;
      double runtime_s = 0, cost_usd = 0;
      bool found = false;
      std::string why_none;
    };
    std::vector<Row> rows;
    {  // EMR on EC2: the search over instance types, nodes and cores.
      search::Space space = yarn_space(context, flags, job, platform::Platform::emr);
      platform::Cluster sample = platform::cluster_for_instance(space.platform, *space.instances.front(), 1, space.release);
      layout::Choices base = choices_from(flags, job, &sample);
      base.executor_cores = 0;
      search::Result result = search::run(plan, space, base, settings, constants, objective);
      Row row{platform::Platform::emr, "", 0, 0, false, result.why_none};
      if (result.best) {
        const search::Candidate& c = result.candidates[*result.best];
        row = {platform::Platform::emr,
               std::to_string(c.nodes) + " x " + c.instance->name + ", " + std::to_string(c.executor_cores) + "-core executors",
               c.runtime_s, c.cost_usd, true, ""};
      }
      rows.push_back(row);
    }
    auto add = [&](platform::Platform platform, std::vector<platforms::Option> options) {
      std::string why;
      std::optional<std::size_t> best = pick(options, objective, &why);
      Row row{platform, "", 0, 0, false, why};
      if (best) row = {platform, options[*best].label, options[*best].runtime_s(), options[*best].cost_usd(), true, ""};
      rows.push_back(row);
    };
    add(platform::Platform::glue, platforms::evaluate_glue(plan, catalog.glue, request.glue, settings, constants));
    add(platform::Platform::emr_serverless, platforms::evaluate_serverless(plan, catalog.serverless, {}, settings, constants));
    add(platform::Platform::kubernetes,
        platforms::evaluate_kubernetes(plan, kubernetes_request(context, flags, job, true), settings, constants));
    std::optional<std::size_t> winner;
    for (std::size_t i = 0; i < rows.size(); ++i) {
      if (!rows[i].found) continue;
      double key = objective.minimize == job::Minimize::cost ? rows[i].cost_usd : rows[i].runtime_s;
      double best_key = winner ? (objective.minimize == job::Minimize::cost ? rows[*winner].cost_usd : rows[*winner].runtime_s) : 0;
      if (!winner || key < best_key) winner = i;
    }
    if (!winner) throw InfeasibleError("no platform has a configuration that meets the objective: " + rows.front().why_none);
    std::ostringstream out;
    if (flags.format == "json") {
      JsonWriter json;
      json.begin_object().field("schema_version", 1).field("sparkfit_version", std::string(kVersion));
      json.key("platforms").begin_array();
      for (const Row& row : rows) {
        json.begin_object().field("platform", std::string(platform::to_string(row.platform)));
        json.field("found", row.found);
        if (row.found) {
          json.field("configuration", row.label).field("runtime_s", std::round(row.runtime_s * 10) / 10)
              .field("cost_usd", std::round(row.cost_usd * 10000) / 10000);
        } else {
          json.field("why_none", row.why_none);
        }
        json.field("price_driver", price_driver(row.platform, catalog));
        json.end_object();
      }
      json.end_array();
      json.field("recommended_platform", std::string(platform::to_string(rows[*winner].platform)));
      json.end_object();
      out << json.str();
    } else {
      out << "sparkfit recommend: " << job.name << " (" << job::to_string(job.workload) << ", "
          << units::format_size(job.input.size_bytes) << ") on every platform; objective: minimize "
          << job::to_string(objective.minimize) << "\n\n";
      char line[512];
      std::snprintf(line, sizeof line, "  %-15s %-48s %12s %10s\n", "platform", "configuration", "runtime", "cost");
      out << line;
      for (const Row& row : rows) {
        if (row.found)
          std::snprintf(line, sizeof line, "%s %-15s %-48s %12s %10s\n", &row == &rows[*winner] ? "*" : " ",
                        std::string(platform::to_string(row.platform)).c_str(), row.label.c_str(),
                        units::format_duration(row.runtime_s).c_str(), units::format_money(row.cost_usd).c_str());
        else
          std::snprintf(line, sizeof line, "  %-15s none meets the objective: %s\n",
                        std::string(platform::to_string(row.platform)).c_str(), row.why_none.c_str());
        out << line;
      }
      out << "\nWhat drives the difference\n";
      for (const Row& row : rows)
        out << "  " << platform::to_string(row.platform) << ": " << price_driver(row.platform, catalog) << "\n";
      out << "\n'sparkfit recommend --platform " << platform::to_string(rows[*winner].platform)
          << "' shows the winner's settings and their arithmetic. The model is analytic and rough.\n";
    }
    for (const std::string& note : notes)
      if (flags.format == "text") out << "  " << note << "\n";
    emit(context, flags, out.str());
    return 0;
  }

  std::vector<platforms::Option> options;
  if (word == "glue") {
    expect_format("glue-args", "glue");
    options = platforms::evaluate_glue(plan, catalog.glue, request.glue, settings, constants);
  } else if (word == "emr-serverless") {
    expect_format("serverless-json", "emr-serverless");
    options = platforms::evaluate_serverless(plan, catalog.serverless, {}, settings, constants);
  } else {
    expect_format("k8s-yaml", "kubernetes");
    options = platforms::evaluate_kubernetes(plan, kubernetes_request(context, flags, job, false), settings, constants);
  }
  std::string why;
  std::optional<std::size_t> best = pick(options, objective, &why);
  if (!best) throw InfeasibleError(why);
  if (options[*best].worker) {
    const catalog::GlueWorkerType& worker = *options[*best].worker;
    request.capacity = platforms::glue_capacity(plan, worker, request.glue, catalog.glue, constants);
    platforms::GlueRequest one_wave = request.glue;
    one_wave.worker_types = {worker.name};
    one_wave.workers = {std::max(2, request.capacity->one_wave_workers)};
    std::vector<platforms::Option> found = platforms::evaluate_glue(plan, catalog.glue, one_wave, settings, constants);
    if (!found.empty()) request.one_wave = found.front();
  }
  std::string text;
  if (flags.report || flags.format == "markdown") {
    const platforms::Option& o = options[*best];
    report::ReportData page;
    page.title = job.name;
    page.subtitle = "recommend: " + std::string(job::to_string(job.workload)) + ", " + units::format_size(job.input.size_bytes) +
                    " on " + word;
    page.command = command_line("recommend", flags.args);
    page.sparkfit_version = kVersion;
    page.minimize_runtime = objective.minimize == job::Minimize::runtime;
    page.deadline_s = objective.deadline_s;
    page.budget_usd = objective.budget_usd;
    page.evaluated = static_cast<std::int64_t>(options.size());
    for (std::size_t i = 0; i < options.size(); ++i) {
      const platforms::Option& x = options[i];
      if (!x.feasible()) continue;
      std::string group = x.worker ? x.worker->name
                          : x.executor_vcpus ? std::to_string(x.executor_vcpus) + " vCPU workers"
                          : x.cluster.instance ? x.cluster.instance->family : word;
      page.points.push_back({x.label, group, x.runtime_s(), x.cost_usd(), false, i == *best, false, true});
    }
    page.layout = drawing_of(o.cluster, o.layout);
    page.stages = stage_bars(plan, o.prediction, o.layout.task_slots);
    for (const auto& [key, value] : o.spark_conf) page.settings.push_back({key, value, ""});
    page.findings = risk_findings(o.prediction.risks);
    page.notes = o.notes;
    page.notes.insert(page.notes.end(), notes.begin(), notes.end());
    if (flags.report) {
      page.html_report_name = *flags.report;
      write_whole_file(*flags.report, report::render_html(page), "--report");
    }
    if (flags.format == "markdown") text = report::render_markdown(page);
  }
  if (flags.format != "markdown") text = render_managed(request, options, *best, flags.format);
  if (flags.format == "text")
    for (const std::string& note : notes) text += "  " + note + "\n";
  emit(context, flags, text);
  return 0;
}

// predict on Glue, EMR Serverless or Kubernetes: the configuration the flags (or the spec) pin,
// evaluated the way recommend evaluates it. Choices left open are filled by the objective's pick
// among what remains, and the output says how many options that was.
int predict_managed(Context& context, const Flags& flags, const model::JobPlan& plan, const model::Constants& constants,
                    const model::Settings& settings, const job::Objective& objective, const std::string& word,
                    const std::vector<std::string>& notes) {
  const catalog::Catalog& catalog = context.catalog();
  const job::JobSpec& job = plan.job;
  if (flags.format == "markdown" || flags.report)
    throw UsageError("predict --platform " + word + " writes text or json; --report and markdown draw EMR and YARN clusters");
  ManagedRequest request;
  request.plan = &plan;
  request.command = "predict";
  request.glue = glue_request(flags, job);
  std::optional<int> cores;
  if (flags.executor_cores) cores = static_cast<int>(units::parse_count(*flags.executor_cores, "--executor-cores"));
  std::vector<platforms::Option> options;
  if (word == "glue") {
    if (request.glue.worker_types.size() != 1 || request.glue.workers.size() != 1)
      throw InputError("predict --platform glue evaluates one capacity: give one --worker-type and one --workers count "
                       "(or a spec with one of each); recommend searches ranges");
    options = platforms::evaluate_glue(plan, catalog.glue, request.glue, settings, constants);
  } else if (word == "emr-serverless") {
    platforms::ServerlessRequest serverless;
    if (flags.num_executors) serverless.executors = {static_cast<int>(units::parse_count(*flags.num_executors, "--num-executors"))};
    options = platforms::evaluate_serverless(plan, catalog.serverless, serverless, settings, constants);
  } else {
    platforms::KubernetesRequest k = kubernetes_request(context, flags, job, false);
    if (k.instances.size() != 1 || k.nodes.size() != 1)
      throw InputError("predict --platform kubernetes evaluates one cluster: give one --instance and one --nodes count; "
                       "recommend searches ranges");
    options = platforms::evaluate_kubernetes(plan, k, settings, constants);
  }
  if (cores)
    options.erase(std::remove_if(options.begin(), options.end(),
                                 [&](const platforms::Option& o) { return o.layout.executor_cores != *cores; }),
                  options.end());
  if (options.empty())
    throw InfeasibleError("no " + word + " configuration has " + std::to_string(cores.value_or(0)) +
                          "-core executors; 'sparkfit recommend --platform " + word + "' lists what there is");
  if (options.size() == 1 && !options.front().feasible()) {
    const platforms::Option& o = options.front();
    std::string why(model::to_string(o.prediction.infeasible));
    if (o.prediction.infeasible == model::Infeasible::disk_full)
      why = "shuffle and spill need about " + units::format_number(std::round(o.prediction.disk_needed_gb_per_node)) +
            " GB of local disk per " + std::string(word == "glue" ? "worker" : "node") + ", which has " + units::format_number(o.prediction.disk_gb_per_node) + " GB";
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
  if (options[*best].worker) {
    const catalog::GlueWorkerType& worker = *options[*best].worker;
    request.capacity = platforms::glue_capacity(plan, worker, request.glue, catalog.glue, constants);
  }
  std::string text = render_managed(request, options, *best, flags.format);
  if (flags.format == "text")
    for (const std::string& note : notes) text += "  " + note + "\n";
  emit(context, flags, text);
  return 0;
}

int run_predict(Context& context, const std::vector<std::string>& args) {
  Flags flags;
  po::options_description options;
  const std::vector<std::string> formats = {"text", "json", "markdown"};
  add_cluster_options(options, flags);
  add_layout_options(options, flags);
  add_work_options(options, flags);
  add_glue_options(options, flags);
  add_objective_options(options, flags);
  add_output_options(options, flags, formats, true);
  parse("predict", args, options, flags, formats, 1);
  if (flags.help) {
    print_help(context, "sparkfit predict JOB.yaml --instance TYPE --nodes N [layout options]\n"
                        "       sparkfit predict JOB.yaml --platform glue --worker-type T --workers N", options,
               "sparkfit predict examples/jobs/nightly-orders.yaml --instance r5.4xlarge --nodes 10 --executor-cores 5");
    return 0;
  }
  bool has_input = false;
  job::JobSpec job = job_from(flags, &has_input);
  if (!has_input) throw InputError("predict needs the work: a job spec or --input SIZE (with --workload)");
  if (const std::string word = platform_word(flags, job); word == "glue" || word == "emr-serverless" || word == "kubernetes") {
    model::Constants constants = load_model(context);
    model::Settings settings = settings_from(context, flags, job);
    model::JobPlan plan = model::plan_job(job, constants);
    std::vector<std::string> notes;
    JobCalibration calibrated = calibrate_from_observations(context, job, plan, settings, constants, notes);
    settings.calibration = &calibrated.fit;
    return predict_managed(context, flags, plan, constants, settings, objective_from(flags, job), word, notes);
  }
  std::optional<platform::Cluster> cluster = cluster_from(context, flags, job);
  if (!cluster) throw InputError("predict needs a cluster: --instance TYPE --nodes N, or --platform yarn with --nodes, --node-cores, --node-memory");
  layout::Choices choices = choices_from(flags, job, &*cluster);
  model::Constants constants = load_model(context);
  model::Settings settings = settings_from(context, flags, job);
  model::JobPlan plan = model::plan_job(job, constants);
  std::vector<std::string> notes;
  JobCalibration calibrated = calibrate_from_observations(context, job, plan, settings, constants, notes);
  const model::Calibration& calibration = calibrated.fit;
  settings.calibration = &calibration;
  layout::Layout l = layout::compute(cluster->node, cluster->nodes, choices);
  model::Prediction p = model::predict(plan, *cluster, l, settings, constants);
  report::ReportData page;
  if (flags.report || flags.format == "markdown") {
    page.title = job.name;
    page.subtitle = "predict: " + std::string(job::to_string(job.workload)) + ", " + units::format_size(job.input.size_bytes) +
                    " on " + cluster->description;
    page.command = command_line("predict", args);
    page.sparkfit_version = kVersion;
    page.priced = cluster->platform != platform::Platform::yarn;
    if (p.feasible())
      page.points.push_back({cluster->description, std::string(platform::to_string(cluster->platform)), p.runtime_s,
                             page.priced ? p.cost_usd : p.core_hours, false, false, true, true});
    if (l.problem == layout::Problem::none) page.layout = drawing_of(*cluster, l);
    page.stages = stage_bars(plan, p, l.task_slots);
    page.findings = risk_findings(p.risks);
    page.notes = notes;
    if (flags.report) page.html_report_name = *flags.report;
  }
  std::ostringstream out;
  if (flags.format == "markdown") {
    out << report::render_markdown(page);
  } else if (flags.format == "json") {
    JsonWriter json;
    json.begin_object().field("schema_version", 1).field("sparkfit_version", std::string(kVersion));
    write_prediction_json(json, *cluster, l, p, plan);
    write_calibration_json(json, calibrated, p);
    json.field("model", std::string("sparkfit analytic model v1 (rough: throughputs are estimates; see README)"));
    json.end_object();
    out << json.str();
  } else {
    out << "sparkfit predict: " << job.name << " (" << job::to_string(job.workload) << ", "
        << units::format_size(job.input.size_bytes) << ")\n";
    write_prediction_text(out, *cluster, l, p, plan);
    for (const std::string& note : notes) out << "  " << note << "\n";
    if (calibration.active && calibration.extrapolation(cluster->nodes) > 0)
      out << "  " << cluster->nodes << " nodes lie outside the observed range: the calibrated figure extrapolates\n";
    out << "\n  The model is analytic and rough: its throughputs are estimates (README, \"How the model works\");\n"
           "  give measured runs as observations to calibrate it.\n";
  }
  if (flags.report) write_whole_file(*flags.report, report::render_html(page), "--report");
  emit(context, flags, out.str());
  return p.feasible() ? 0 : static_cast<int>(ExitCode::infeasible);
}

int run_recommend(Context& context, const std::vector<std::string>& args) {
  Flags flags;
  po::options_description options;
  const std::vector<std::string> formats = {"text",      "json",           "markdown", "spark-submit", "spark-defaults",
                                            "emr-json", "glue-args", "serverless-json", "k8s-yaml"};
  add_cluster_options(options, flags);
  add_layout_options(options, flags);
  add_work_options(options, flags);
  add_glue_options(options, flags);
  add_objective_options(options, flags);
  add_emr_output_options(options, flags);
  add_output_options(options, flags, formats, true);
  parse("recommend", args, options, flags, formats, 1);
  if (flags.help) {
    print_help(context, "sparkfit recommend JOB.yaml [options]", options,
               "sparkfit recommend examples/jobs/nightly-orders.yaml --format spark-submit");
    return 0;
  }
  bool has_input = false;
  job::JobSpec job = job_from(flags, &has_input);
  if (!has_input) throw InputError("recommend needs the work: a job spec or --input SIZE (with --workload)");
  model::Constants constants = load_model(context);
  model::Settings settings = settings_from(context, flags, job);
  job::Objective objective = objective_from(flags, job);

  model::JobPlan plan = model::plan_job(job, constants);
  std::vector<std::string> notes;
  JobCalibration calibrated = calibrate_from_observations(context, job, plan, settings, constants, notes);
  const model::Calibration& calibration = calibrated.fit;
  settings.calibration = &calibration;

  const std::string word = platform_word(flags, job);
  if (word == "glue" || word == "emr-serverless" || word == "kubernetes" || word == "all")
    return recommend_managed(context, flags, plan, constants, settings, objective, word, notes);
  search::Space space = yarn_space(context, flags, job, platform::parse_platform(word));

  // Base choices: the platform's defaults (the first candidate's cluster gives them).
  platform::Cluster sample = space.platform == platform::Platform::yarn
                                 ? *space.yarn
                                 : platform::cluster_for_instance(space.platform,
                                                                  space.pairs.empty() ? *space.instances.front() : *space.pairs.front().first,
                                                                  1, space.release);
  layout::Choices base = choices_from(flags, job, &sample);
  base.executor_cores = 0;
  search::Result result = search::run(plan, space, base, settings, constants, objective);
  if (!result.best) throw InfeasibleError(result.why_none);

  const search::Candidate& best = result.candidates[*result.best];
  platform::Cluster cluster = search::cluster_of(space, best);
  layout::Choices choices = search::choices_of(base, best);
  layout::Layout l = layout::compute(cluster.node, cluster.nodes, choices);
  model::Settings best_settings = settings;
  best_settings.shuffle_partitions = best.shuffle_partitions;
  model::Prediction p = model::predict(plan, cluster, l, best_settings, constants);
  bool tuned = best.shuffle_partitions != 200 && !job.layout.shuffle_partitions;
  std::vector<Setting> conf = settings_for(cluster, l, choices, best.shuffle_partitions, tuned, flags.dynamic_allocation);

  std::ostringstream out;
  const bool priced = space.platform != platform::Platform::yarn;
  auto describe = [&](const search::Candidate& c) {
    std::string name = c.instance ? std::to_string(c.nodes) + " x " + c.instance->name : cluster.description;
    return name + ", " + std::to_string(c.executor_cores) + "-core executors, " + std::to_string(c.shuffle_partitions) +
           " shuffle partitions";
  };
  report::ReportData page;
  if (flags.report || flags.format == "markdown") {
    page.title = job.name;
    page.subtitle = "recommend: " + std::string(job::to_string(job.workload)) + ", " + units::format_size(job.input.size_bytes) +
                    " on " + std::string(platform::to_string(space.platform)) + "; minimize " +
                    std::string(job::to_string(objective.minimize));
    page.command = command_line("recommend", args);
    page.sparkfit_version = kVersion;
    page.priced = priced;
    page.minimize_runtime = objective.minimize == job::Minimize::runtime;
    page.deadline_s = objective.deadline_s;
    page.budget_usd = objective.budget_usd;
    page.evaluated = static_cast<std::int64_t>(result.candidates.size());
    // Only what can be drawn: the Pareto front, the pick and the best by the objective.
    std::vector<std::size_t> chosen(result.pareto.begin(), result.pareto.end());
    std::vector<std::size_t> feasible;
    for (std::size_t i = 0; i < result.candidates.size(); ++i)
      if (result.candidates[i].infeasible == model::Infeasible::none) feasible.push_back(i);
    auto key = [&](std::size_t i) {
      const search::Candidate& c = result.candidates[i];
      return objective.minimize == job::Minimize::cost && priced ? c.cost_usd : c.runtime_s;
    };
    std::size_t keep = std::min<std::size_t>(page.max_points, feasible.size());
    std::partial_sort(feasible.begin(), feasible.begin() + static_cast<std::ptrdiff_t>(keep), feasible.end(),
                      [&](std::size_t a, std::size_t b) { return key(a) != key(b) ? key(a) < key(b) : a < b; });
    chosen.insert(chosen.end(), feasible.begin(), feasible.begin() + static_cast<std::ptrdiff_t>(keep));
    chosen.push_back(*result.best);
    std::sort(chosen.begin(), chosen.end());
    chosen.erase(std::unique(chosen.begin(), chosen.end()), chosen.end());
    for (std::size_t i : chosen) {
      const search::Candidate& c = result.candidates[i];
      bool on_front = std::find(result.pareto.begin(), result.pareto.end(), i) != result.pareto.end();
      page.points.push_back({describe(c), c.instance ? c.instance->family : std::string(platform::to_string(space.platform)),
                             c.runtime_s, priced ? c.cost_usd : c.core_hours, on_front, i == *result.best, false, true});
    }
    page.layout = drawing_of(cluster, l);
    page.stages = stage_bars(plan, p, l.task_slots);
    for (const Setting& setting : conf) page.settings.push_back({setting.key, setting.value, setting.why});
    page.findings = risk_findings(p.risks);
    page.notes = notes;
    if (flags.report) page.html_report_name = *flags.report;
  }
  if (flags.format == "markdown") {
    out << report::render_markdown(page);
  } else if (flags.format == "json") {
    JsonWriter json;
    json.begin_object().field("schema_version", 1).field("sparkfit_version", std::string(kVersion));
    json.field("evaluated", static_cast<std::int64_t>(result.candidates.size())).field("feasible", result.feasible);
    json.key("infeasible_reasons").begin_object();
    for (const auto& [reason, count] : result.infeasible_reasons) json.field(reason, count);
    json.end_object();
    write_calibration_json(json, calibrated, p);
    json.key("recommended").begin_object();
    write_prediction_json(json, cluster, l, p, plan);
    json.key("spark_conf").begin_object();
    for (const Setting& s : conf) json.field(s.key, s.value);
    json.end_object();
    json.end_object();
    json.key("pareto").begin_array();
    for (std::size_t index : result.pareto) {
      const search::Candidate& c = result.candidates[index];
      json.begin_object();
      json.key("instance_type");
      if (c.instance) json.value(c.instance->name); else json.null();
      json.field("nodes", c.nodes).field("executor_cores", c.executor_cores).field("shuffle_partitions", c.shuffle_partitions);
      json.field("runtime_s", std::round(c.runtime_s * 10) / 10);
      json.key("cost_usd");
      if (priced) json.value(std::round(c.cost_usd * 10000) / 10000); else json.null();
      json.end_object();
    }
    json.end_array();
    json.key("explanations").begin_array();
    for (const Setting& s : conf) {
      json.begin_object().field("setting", s.key).field("value", s.value).field("why", s.why).end_object();
    }
    json.end_array();
    if (flags.all_candidates) {
      json.key("candidates").begin_array();
      for (const search::Candidate& c : result.candidates) {
        json.begin_object();
        json.key("instance_type");
        if (c.instance) json.value(c.instance->name); else json.null();
        json.field("nodes", c.nodes).field("executor_cores", c.executor_cores).field("shuffle_partitions", c.shuffle_partitions);
        json.field("feasible", c.infeasible == model::Infeasible::none);
        json.field("runtime_s", std::round(c.runtime_s * 10) / 10);
        json.key("cost_usd");
        if (priced) json.value(std::round(c.cost_usd * 10000) / 10000); else json.null();
        json.end_object();
      }
      json.end_array();
    }
    json.end_object();
    out << json.str();
  } else if (flags.format == "spark-submit") {
    out << "spark-submit \\\n  --deploy-mode " << job::to_string(choices.deploy_mode) << " \\\n  --num-executors " << l.num_executors
        << " \\\n  --executor-cores " << l.executor_cores << " \\\n  --executor-memory " << units::format_spark_memory(l.heap_mib)
        << " \\\n  --driver-memory " << units::format_spark_memory(choices.driver_heap_mib) << " \\\n";
    for (std::size_t i = 3; i < conf.size(); ++i)
      if (conf[i].key != "spark.driver.memory") out << "  --conf " << conf[i].key << "=" << conf[i].value << " \\\n";
    out << "  YOUR_APP  # " << describe(best) << "\n";
  } else if (flags.format == "spark-defaults") {
    out << "# spark-defaults.conf written by sparkfit " << kVersion << " for " << describe(best) << "\n";
    for (const Setting& s : conf) out << "# " << s.why << "\n" << s.key << " " << s.value << "\n";
  } else if (flags.format == "emr-json") {
    if (space.platform != platform::Platform::emr) throw InputError("--format emr-json is for --platform emr");
    // The input of `aws emr create-cluster --cli-input-json file://cluster.json`.
    JsonWriter json;
    json.begin_object();
    json.field("Name", job.name).field("ReleaseLabel", space.release->label);
    json.key("Applications").begin_array().begin_object().field("Name", "Spark").end_object().end_array();
    json.key("Instances").begin_object();
    const catalog::InstanceType* primary = settings.primary ? settings.primary : cluster.instance;
    const int core = cluster.nodes - p.spot_nodes;
    if (flags.emr_fleets) {
      // Instance fleets: capacity in units of one worker (WeightedCapacity 1).
      auto fleet = [&](const char* name, const char* role, const std::string& type, int on_demand, int spot) {
        json.begin_object().field("Name", name).field("InstanceFleetType", role)
            .field("TargetOnDemandCapacity", on_demand).field("TargetSpotCapacity", spot);
        json.key("InstanceTypeConfigs").begin_array().begin_object().field("InstanceType", type)
            .field("WeightedCapacity", 1).end_object().end_array();
        json.end_object();
      };
      json.key("InstanceFleets").begin_array();
      fleet("Primary", "MASTER", primary->name, 1, 0);
      fleet("Core", "CORE", cluster.instance->name, core, 0);
      if (p.spot_nodes > 0) fleet("Task", "TASK", cluster.instance->name, 0, p.spot_nodes);
      json.end_array();
    } else {
      json.key("InstanceGroups").begin_array();
      json.begin_object().field("Name", "Primary").field("InstanceRole", "MASTER").field("InstanceType", primary->name)
          .field("InstanceCount", 1).field("Market", "ON_DEMAND").end_object();
      json.begin_object().field("Name", "Core").field("InstanceRole", "CORE").field("InstanceType", cluster.instance->name)
          .field("InstanceCount", core).field("Market", "ON_DEMAND").end_object();
      if (p.spot_nodes > 0)
        json.begin_object().field("Name", "Task").field("InstanceRole", "TASK").field("InstanceType", cluster.instance->name)
            .field("InstanceCount", p.spot_nodes).field("Market", "SPOT").end_object();
      json.end_array();
    }
    json.field("KeepJobFlowAliveWhenNoSteps", false);
    json.end_object();
    if (flags.dynamic_allocation) {
      // Managed Scaling within the sized cluster: never below the core nodes, never above the layout.
      json.key("ManagedScalingPolicy").begin_object().key("ComputeLimits").begin_object();
      json.field("UnitType", flags.emr_fleets ? "InstanceFleetUnits" : "Instances")
          .field("MinimumCapacityUnits", core)
          .field("MaximumCapacityUnits", cluster.nodes)
          .field("MaximumCoreCapacityUnits", core)
          .field("MaximumOnDemandCapacityUnits", core);
      json.end_object().end_object();
    }
    json.key("Configurations").begin_array();
    json.begin_object().field("Classification", "spark").key("Properties").begin_object()
        .field("maximizeResourceAllocation", "false").end_object().end_object();
    json.begin_object().field("Classification", "spark-defaults").key("Properties").begin_object();
    for (const Setting& s : conf) json.field(s.key, s.value);
    json.end_object().end_object();
    json.end_array();
    json.end_object();
    out << json.str();
  } else {
    out << "sparkfit recommend: " << job.name << " (" << job::to_string(job.workload) << ", "
        << units::format_size(job.input.size_bytes) << ") on " << platform::to_string(space.platform) << "\n";
    out << "objective: minimize " << job::to_string(objective.minimize);
    if (objective.deadline_s) out << ", deadline " << units::format_duration(*objective.deadline_s);
    if (objective.budget_usd) out << ", budget " << units::format_money(*objective.budget_usd);
    out << "\nevaluated " << result.candidates.size() << " candidates (" << result.feasible << " can run); Pareto front of "
        << result.pareto.size() << "\n";
    for (const auto& [reason, count] : result.infeasible_reasons)
      out << "  " << count << " cannot run: " << reason << "\n";
    out << "\nRecommended\n";
    write_prediction_text(out, cluster, l, p, plan);
    for (const std::string& note : notes) out << "  " << note << "\n";
    out << "\nSettings, and why\n";
    for (const Setting& s : conf) out << "  " << s.key << "=" << s.value << "\n      " << s.why << "\n";
    // The next best by the objective, and what they lose.
    std::vector<std::size_t> ranked;
    for (std::size_t i = 0; i < result.candidates.size(); ++i)
      if (result.candidates[i].meets_objective && i != *result.best) ranked.push_back(i);
    auto key = [&](const search::Candidate& c) {
      return objective.minimize == job::Minimize::cost && priced ? c.cost_usd : c.runtime_s;
    };
    std::sort(ranked.begin(), ranked.end(), [&](std::size_t a, std::size_t b) {
      return key(result.candidates[a]) != key(result.candidates[b]) ? key(result.candidates[a]) < key(result.candidates[b]) : a < b;
    });
    // One alternative per (instance type, executor cores): five node counts of the winner teach nothing.
    std::vector<std::size_t> shown;
    for (std::size_t index : ranked) {
      const search::Candidate& c = result.candidates[index];
      bool same = c.instance == best.instance && c.executor_cores == best.executor_cores;
      for (std::size_t s : shown)
        same = same || (result.candidates[s].instance == c.instance && result.candidates[s].executor_cores == c.executor_cores);
      if (!same) shown.push_back(index);
      if (shown.size() == 5) break;
    }
    if (!shown.empty()) out << "\nAlternatives, and why they lost\n";
    for (std::size_t index : shown) {
      const search::Candidate& c = result.candidates[index];
      out << "  " << describe(c) << ": " << units::format_duration(c.runtime_s) << ", "
          << (priced ? units::format_money(c.cost_usd) : units::format_number(std::round(c.core_hours)) + " core-hours");
      double extra = priced ? c.cost_usd - best.cost_usd : c.runtime_s - best.runtime_s;
      out << (objective.minimize == job::Minimize::cost && priced ? "  (costs " + units::format_money(extra) + " more)"
                                                                  : "  (" + units::format_duration(c.runtime_s - best.runtime_s) + " slower)")
          << "\n";
    }
    out << "\nThe model is analytic and rough (README, \"How the model works\"); `--format spark-submit`, "
           "`spark-defaults` or `emr-json` print the settings ready to paste.\n";
  }
  if (flags.report) write_whole_file(*flags.report, report::render_html(page), "--report");
  emit(context, flags, out.str());
  return 0;
}

}  // namespace sparkfit::cli
