// What every plan (predict, recommend) starts from: the model's constants, the job's plan, the
// price settings over the spec's, and the calibration from the spec's observed runs.
#pragma once

#include <filesystem>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "sparkfit/calibration/observations.hpp"
#include "sparkfit/catalog/catalog.hpp"
#include "sparkfit/job/job.hpp"
#include "sparkfit/model/model.hpp"
#include "sparkfit/platform/inputs.hpp"
#include "sparkfit/platform/planner.hpp"
#include "sparkfit/platform/requests.hpp"
#include "sparkfit/search/search.hpp"
#include "sparkfit/units/given.hpp"

namespace sparkfit::search {

// The prices asked for; unset values come from the spec's platform.emr, else the defaults
// (on demand, spot discount 0.6, price factor 1, no savings plan, the worker type as primary).
struct PriceRequest {
  std::optional<job::Market> market;
  std::optional<double> spot_discount;
  std::optional<double> price_factor;
  std::optional<double> savings_plan_discount;
  std::optional<std::string> primary_instance;  // checked against the catalog (--primary-instance)
};

// The price inputs (--market, --spot-discount, --price-factor, --savings-plan-discount,
// --primary-instance), with --region checked; each error names its flag.
PriceRequest price_request(const units::Given& given);

// The job: the spec in `spec_file` or the one derived from --from-eventlog (not both), with the
// work inputs laid over it (job::work_overrides); `has_input` says whether it then has its work.
job::JobSpec job_from(const units::Given& given, const std::optional<std::string>& spec_file, bool* has_input);
// The same, refused (job::require_work) without the work `command` (predict, recommend) needs.
job::JobSpec job_with_work(const units::Given& given, const std::optional<std::string>& spec_file,
                           const std::string& command);

// The objective inputs (--minimize, --deadline, --budget) over the spec's objective.
job::Objective objective_from(const units::Given& given, const job::JobSpec& job);

// The emr, ec2 or yarn search space asked for: on yarn the one cluster of the cluster inputs,
// --emr-release, --yarn-min-allocation, --instance as a list and --nodes as a set.
SpaceRequest space_request(const platform::CatalogSource& catalog, const units::Given& given, const job::JobSpec& job,
                           platform::Platform chosen);

model::Settings price_settings(const catalog::Catalog& catalog, const PriceRequest& request, const job::JobSpec& job);

// What predict assumed of the work and the prices on `platform` because neither the flags nor the
// spec gave it, one sentence each naming the flag that sets it: the work's defaults
// (job::assumed_work), Spark's shuffle partitions, the market, the region's prices.
std::vector<std::string> assumed_plan(const PriceRequest& request, const job::JobSpec& job,
                                      platform::Platform platform);

// The calibration's notes go with the output; `settings.calibration` points into `calibrated`,
// so a Planning is built in place and not copied.
struct Planning {
  model::Constants constants;
  model::Settings settings;
  job::Objective objective;
  model::JobPlan plan;
  calibration::JobCalibration calibrated;
  std::vector<std::string> notes;
};

// Fills `planning` for `job` with the constants of `model_file`; the objective is the spec's.
void start_planning(Planning& planning, const catalog::Catalog& catalog, const std::filesystem::path& model_file,
                    const PriceRequest& prices, const job::JobSpec& job);

// The data directory's catalog and model constants, found and read on first use.
struct DataSource {
  platform::CatalogSource catalog;
  std::function<std::filesystem::path()> model_file;
};

// The same from the inputs given: the price inputs (price_request), then the objective inputs
// over the spec's objective (objective_from).
void start_planning(Planning& planning, const DataSource& data, const units::Given& given, const job::JobSpec& job);

// predict on one emr, ec2 or yarn cluster: the cluster, its layout, the prediction (feasible or
// not: the caller says why not) and what was assumed for each default.
struct OnCluster {
  platform::Cluster cluster;
  layout::Layout layout;
  model::Prediction prediction;
  std::vector<std::string> assumed;
};

// The cluster the inputs describe (an InputError without one), the inputs refused that do not
// apply to predict on it (platform::refuse_inapplicable), the layout, `planning` started, then
// the prediction. The catalog is read only when the cluster or the planning needs it.
OnCluster predict_on_cluster(Planning& planning, const DataSource& data, const platform::PlanInputs& inputs);

// recommend's request on emr, ec2 or yarn: the search space asked for (space_request), the layout
// inputs over the spec's with the space's defaults (base_choices), and --dynamic-allocation.
platform::PlanRequest search_request(const Planning& planning, const catalog::Catalog& catalog,
                                     const units::Given& given, platform::Platform chosen);

// What predict assumed on a cluster, as the engine applied each default: the layout it filled in,
// the layout choices, the cluster `asked` became, then the work and the prices.
std::vector<std::string> assumed_on_cluster(const platform::LayoutRequest& layout, const PriceRequest& prices,
                                            const job::JobSpec& job, const platform::ClusterRequest& asked,
                                            const platform::Cluster& cluster, const layout::Choices& choices,
                                            const layout::Layout& l);

// A yarn cluster has no price: a spec's budget there goes unchecked, and a note says so.
void drop_unpriced_budget(Planning& planning, platform::Platform platform);

// The layout a search starts from: the request over the spec's `layout:`, with the defaults of the
// space's first cluster (every cluster of a space shares its platform's defaults).
layout::Choices base_choices(const Space& space, const platform::LayoutRequest& request, const job::JobSpec& job);

}  // namespace sparkfit::search
