// analyze of several logs: its request from the flags, and the price of a core-hour.
#include <thread>

#include "sparkfit/eventlog/fleet.hpp"
#include "sparkfit/util/error.hpp"

namespace sparkfit::eventlog {
namespace {

// Where a log says which worker type it ran on.
constexpr const char* kNodeTypeProperties[] = {"spark.databricks.clusterUsageTags.clusterNodeType"};

std::optional<CorePrice> price_of(const catalog::InstanceType& type, bool with_emr_fee) {
  if (type.vcpus <= 0) return std::nullopt;
  double hourly = type.price_usd_per_hour;
  if (with_emr_fee) {
    if (!type.emr_fee_usd_per_hour) return std::nullopt;
    hourly += *type.emr_fee_usd_per_hour;
  }
  return CorePrice{type.name, hourly / type.vcpus};
}

}  // namespace

FleetRequest fleet_request(const units::Given& given, const std::vector<std::string>& paths) {
  for (const char* one_log_only : {"what-if-executors", "emit-job"})
    if (given.has(one_log_only))
      throw UsageError(std::string("--") + one_log_only +
                       " applies to the analyze of one log; to drill down, run 'sparkfit analyze LOG " + "--" +
                       one_log_only + " ...' on one of them");
  FleetRequest request;
  request.paths = paths;
  request.jobs = given.count("jobs").value_or(static_cast<int>(std::max(1U, std::thread::hardware_concurrency())));
  request.platform = given.text("platform");
  request.instance = given.text("instance");
  if (request.platform && *request.platform != "emr" && *request.platform != "ec2" &&
      *request.platform != "kubernetes" && *request.platform != "yarn")
    throw UsageError("--platform " + *request.platform +
                     " does not apply to analyze: it prices the executors' nodes, so it takes emr, ec2 or kubernetes "
                     "(with --instance) or yarn (core-hours, no price)");
  if (request.platform == "yarn" && request.instance)
    throw UsageError(
        "--instance does not apply to analyze on yarn: a self-managed YARN cluster has no price, and "
        "waste is in core-hours; give --platform emr, ec2 or kubernetes to price it");
  return request;
}

std::function<std::optional<CorePrice>(const RunLog&)> fleet_pricing(const catalog::Catalog& catalog,
                                                                     const FleetRequest& request) {
  if (request.platform == "yarn") return {};
  const bool emr = request.platform.value_or("emr") == "emr";
  if (request.instance) {
    const catalog::InstanceType& type = catalog.require(*request.instance, "--instance");
    std::optional<CorePrice> price = price_of(type, emr);
    if (!price)
      throw InputError("--instance " + *request.instance +
                       ": the catalog has no EMR price for it (not offered on EMR); give --platform ec2 to price it "
                       "at EC2's");
    return [price](const RunLog&) { return price; };
  }
  // The log's own word: an EC2 type priced at EC2's on-demand price (a Databricks run's DBUs are not
  // in the catalog, so this is the floor of what it cost).
  return [&catalog](const RunLog& log) -> std::optional<CorePrice> {
    for (const char* property : kNodeTypeProperties) {
      const auto found = log.spark_properties.find(property);
      if (found == log.spark_properties.end()) continue;
      if (const catalog::InstanceType* type = catalog.find(found->second)) return price_of(*type, false);
    }
    return std::nullopt;
  };
}

}  // namespace sparkfit::eventlog
