#include "sparkfit/search/planning.hpp"

#include "sparkfit/catalog/regions.hpp"
#include "sparkfit/eventlog/eventlog.hpp"
#include "sparkfit/job/overrides.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/error.hpp"

namespace sparkfit::search {
namespace {

std::optional<double> discount_of(const units::Given& given, std::string_view name) {
  return given.number(
      name, [](double f) { return f >= 0 && f < 1; }, "a fraction from 0 to below 1, such as 0.6");
}

}  // namespace

job::JobSpec job_from(const units::Given& given, const std::optional<std::string>& spec_file, bool* has_input) {
  job::JobSpec job;
  if (const std::optional<std::string> event_log = given.text("from-eventlog")) {
    if (spec_file)
      throw UsageError(
          "give a job spec or --from-eventlog, not both (sparkfit analyze --emit-job writes a spec to edit)");
    job = eventlog::job_from_event_log(*event_log);
  } else if (spec_file) {
    job = job::load_job_spec(*spec_file);
  }
  *has_input = job::apply_overrides(job, job::work_overrides(given));
  return job;
}

job::JobSpec job_with_work(const units::Given& given, const std::optional<std::string>& spec_file,
                           const std::string& command) {
  bool has_input = false;
  job::JobSpec job = job_from(given, spec_file, &has_input);
  job::require_work(job, has_input, command);
  return job;
}

PriceRequest price_request(const units::Given& given) {
  PriceRequest request;
  given.convert("region", catalog::require_priced_region);
  if (const std::optional<std::string> market = given.text("market")) request.market = job::parse_market(*market);
  request.spot_discount = discount_of(given, "spot-discount");
  request.price_factor = given.number(
      "price-factor", [](double f) { return f > 0; }, "a positive factor such as 1.08");
  request.savings_plan_discount = discount_of(given, "savings-plan-discount");
  request.primary_instance = given.text("primary-instance");
  return request;
}

job::Objective objective_from(const units::Given& given, const job::JobSpec& job) {
  job::Objective objective = job.objective;
  if (const auto minimize = given.convert("minimize", job::parse_minimize)) objective.minimize = *minimize;
  if (given.has("deadline")) objective.deadline_s = given.convert("deadline", units::parse_duration_s);
  if (given.has("budget")) objective.budget_usd = given.convert("budget", units::parse_money_usd);
  return objective;
}

SpaceRequest space_request(const platform::CatalogSource& catalog, const units::Given& given, const job::JobSpec& job,
                           platform::Platform chosen) {
  SpaceRequest request;
  request.platform = chosen;
  if (chosen == platform::Platform::yarn)
    request.yarn = platform::cluster_for(catalog, platform::cluster_request(given), job);
  request.emr_release = given.text("emr-release");
  request.min_allocation_mib = given.memory("yarn-min-allocation");
  request.instances = platform::instances_of(given);
  request.nodes = platform::node_counts_of(given);
  // Only EMR has a node for a client-mode driver that its price already includes: the primary node.
  request.try_client_mode = chosen == platform::Platform::emr && !given.has("deploy-mode") && !job.layout.deploy_mode;
  return request;
}

model::Settings price_settings(const catalog::Catalog& catalog, const PriceRequest& request, const job::JobSpec& job) {
  model::Settings settings;
  if (job.layout.shuffle_partitions) {
    settings.shuffle_partitions = *job.layout.shuffle_partitions;
    settings.shuffle_partitions_given = true;
  }
  if (job.emr) {
    settings.market = job.emr->market;
    settings.spot_discount = job.emr->spot_discount;
    if (job.emr->primary_instance) settings.primary = catalog.find(*job.emr->primary_instance);
  }
  settings.market = request.market.value_or(settings.market);
  if (request.spot_discount && settings.market != job::Market::spot)
    throw UsageError("--spot-discount prices spot nodes: give it with --market spot (or market: spot in the spec)");
  settings.spot_discount = request.spot_discount.value_or(settings.spot_discount);
  settings.price_factor = request.price_factor.value_or(1.0);
  settings.savings_plan_discount = request.savings_plan_discount.value_or(0.0);
  if (request.primary_instance) settings.primary = &catalog.require(*request.primary_instance, "--primary-instance");
  return settings;
}

std::vector<std::string> assumed_plan(const PriceRequest& request, const job::JobSpec& job,
                                      platform::Platform platform) {
  std::vector<std::string> assumed = job::assumed_work(job);
  if (!job.layout.shuffle_partitions)
    assumed.push_back(platform::shuffle_partitions_assumed(model::Settings{}.shuffle_partitions));
  if (platform == platform::Platform::yarn) return assumed;  // no price: core-hours only
  const bool on_ec2 = platform == platform::Platform::emr || platform == platform::Platform::ec2;
  if (on_ec2 && !request.market && !job.key_locations.count("platform.emr.market"))
    assumed.push_back("on-demand prices for every node: --market spot prices the task nodes at the spot discount");
  const job::Market market = request.market.value_or(job.emr ? job.emr->market : job::Market::on_demand);
  if (on_ec2 && market == job::Market::spot && !request.spot_discount &&
      !job.key_locations.count("platform.emr.spot_discount"))
    assumed.push_back("spot at " + units::format_number(model::Settings{}.spot_discount) +
                      " off the on-demand price: --spot-discount F sets it");
  if (!request.price_factor)
    assumed.push_back("us-east-1 prices, the catalog's: --price-factor F scales them to another region");
  if (on_ec2 && !request.savings_plan_discount)
    assumed.push_back("no savings plan on EC2: --savings-plan-discount F takes it off");
  if (platform == platform::Platform::emr && !request.primary_instance &&
      !job.key_locations.count("platform.emr.primary_instance"))
    assumed.push_back("the EMR primary node is of the worker type: --primary-instance sets it");
  return assumed;
}

void start_planning(Planning& planning, const catalog::Catalog& catalog, const std::filesystem::path& model_file,
                    const PriceRequest& prices, const job::JobSpec& job) {
  planning.constants = model::load_constants(model_file);
  planning.settings = price_settings(catalog, prices, job);
  planning.objective = job.objective;
  planning.plan = model::plan_job(job, planning.constants);
  planning.calibrated = calibration::from_observations(catalog, job, planning.plan, planning.settings,
                                                       planning.constants, planning.notes);
  planning.settings.calibration = &planning.calibrated.fit;
}

layout::Choices base_choices(const Space& space, const platform::LayoutRequest& request, const job::JobSpec& job) {
  const platform::Cluster sample = first_cluster(space);
  return platform::choices_for(request, job, &sample);
}

std::vector<std::string> assumed_on_cluster(const platform::LayoutRequest& layout, const PriceRequest& prices,
                                            const job::JobSpec& job, const platform::ClusterRequest& asked,
                                            const platform::Cluster& cluster, const layout::Choices& choices,
                                            const layout::Layout& l) {
  std::vector<std::string> assumed = platform::assumed_fill(cluster, l, choices);
  for (std::vector<std::string> more :
       {platform::assumed_choices(layout, job, cluster, choices), platform::assumed_cluster(asked, job, cluster),
        assumed_plan(prices, job, cluster.platform)})
    assumed.insert(assumed.end(), more.begin(), more.end());
  return assumed;
}

void drop_unpriced_budget(Planning& p, platform::Platform platform) {
  if (platform != platform::Platform::yarn || !p.objective.budget_usd) return;
  p.notes.push_back("the spec's budget of " + units::format_money(*p.objective.budget_usd) +
                    " is not checked: a yarn cluster has no price (its cost is in core-hours)");
  p.objective.budget_usd.reset();
}

}  // namespace sparkfit::search

namespace sparkfit::search {

void start_planning(Planning& planning, const DataSource& data, const units::Given& given, const job::JobSpec& job) {
  // The prices are checked before the data directory is looked for, and the catalog read last.
  const PriceRequest prices = price_request(given);
  const std::filesystem::path model_file = data.model_file();
  start_planning(planning, data.catalog(), model_file, prices, job);
  planning.objective = objective_from(given, job);
}

OnCluster predict_on_cluster(Planning& planning, const DataSource& data, const platform::PlanInputs& inputs) {
  const job::JobSpec& job = inputs.job;
  const platform::ClusterRequest asked = platform::cluster_request(inputs.given);
  std::optional<platform::Cluster> cluster = platform::cluster_for(data.catalog, asked, job);
  if (!cluster)
    throw InputError(
        "predict needs a cluster: --instance TYPE --nodes N, or --platform yarn with --nodes, --node-cores, "
        "--node-memory");
  platform::refuse_inapplicable(inputs, platform::PlanCommand::predict, cluster->platform);
  const platform::LayoutRequest layout = platform::layout_request(inputs.given);
  const layout::Choices choices = platform::choices_for(layout, job, &*cluster);
  start_planning(planning, data, inputs.given, job);
  // --budget itself was refused by the inputs table; a spec's budget on yarn goes unchecked, said so.
  drop_unpriced_budget(planning, cluster->platform);
  const layout::Layout l = layout::compute(cluster->node, cluster->nodes, choices);
  const model::Prediction prediction =
      model::predict(planning.plan, *cluster, l, planning.settings, planning.constants);
  std::vector<std::string> assumed =
      assumed_on_cluster(layout, price_request(inputs.given), job, asked, *cluster, choices, l);
  return {std::move(*cluster), l, prediction, std::move(assumed)};
}

}  // namespace sparkfit::search

namespace sparkfit::search {

platform::PlanRequest search_request(const Planning& planning, const catalog::Catalog& catalog,
                                     const units::Given& given, platform::Platform chosen) {
  const job::JobSpec& job = planning.plan.job;
  const auto loaded = [&catalog]() -> const catalog::Catalog& { return catalog; };
  Space space = space_for(catalog, job, space_request(loaded, given, job, chosen));
  const layout::Choices base = base_choices(space, platform::layout_request(given), job);
  return {.plan = planning.plan,
          .catalog = catalog,
          .settings = planning.settings,
          .constants = planning.constants,
          .objective = planning.objective,
          .space = std::move(space),
          .base = base,
          .dynamic_allocation = given.has("dynamic-allocation")};
}

}  // namespace sparkfit::search
