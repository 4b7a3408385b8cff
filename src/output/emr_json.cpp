// The input of `aws emr create-cluster --cli-input-json file://cluster.json` for the pick.
#include "sparkfit/output/plan.hpp"

namespace sparkfit::output {

std::string emr_create_cluster_json(const search::Recommendation& recommendation, const EmrClusterOptions& options) {
  const platform::Cluster& cluster = recommendation.cluster;
  const int spot_nodes = recommendation.prediction.spot_nodes;
  JsonWriter json;
  json.begin_object();
  json.field("Name", options.name).field("ReleaseLabel", recommendation.space.release->label);
  json.key("Applications").begin_array().begin_object().field("Name", "Spark").end_object().end_array();
  json.key("Instances").begin_object();
  const catalog::InstanceType* primary = options.primary ? options.primary : cluster.instance;
  const int core = cluster.nodes - spot_nodes;
  if (options.fleets) {
    // Instance fleets: capacity in units of one worker (WeightedCapacity 1).
    auto fleet = [&](const char* name, const char* role, const std::string& type, int on_demand, int spot) {
      json.begin_object()
          .field("Name", name)
          .field("InstanceFleetType", role)
          .field("TargetOnDemandCapacity", on_demand)
          .field("TargetSpotCapacity", spot);
      json.key("InstanceTypeConfigs")
          .begin_array()
          .begin_object()
          .field("InstanceType", type)
          .field("WeightedCapacity", 1)
          .end_object()
          .end_array();
      json.end_object();
    };
    json.key("InstanceFleets").begin_array();
    fleet("Primary", "MASTER", primary->name, 1, 0);
    fleet("Core", "CORE", cluster.instance->name, core, 0);
    if (spot_nodes > 0) fleet("Task", "TASK", cluster.instance->name, 0, spot_nodes);
    json.end_array();
  } else {
    json.key("InstanceGroups").begin_array();
    json.begin_object()
        .field("Name", "Primary")
        .field("InstanceRole", "MASTER")
        .field("InstanceType", primary->name)
        .field("InstanceCount", 1)
        .field("Market", "ON_DEMAND")
        .end_object();
    json.begin_object()
        .field("Name", "Core")
        .field("InstanceRole", "CORE")
        .field("InstanceType", cluster.instance->name)
        .field("InstanceCount", core)
        .field("Market", "ON_DEMAND")
        .end_object();
    if (spot_nodes > 0)
      json.begin_object()
          .field("Name", "Task")
          .field("InstanceRole", "TASK")
          .field("InstanceType", cluster.instance->name)
          .field("InstanceCount", spot_nodes)
          .field("Market", "SPOT")
          .end_object();
    json.end_array();
  }
  json.field("KeepJobFlowAliveWhenNoSteps", false);
  json.end_object();
  if (options.dynamic_allocation) {
    // Managed Scaling within the sized cluster: never below the core nodes, never above the layout.
    json.key("ManagedScalingPolicy").begin_object().key("ComputeLimits").begin_object();
    json.field("UnitType", options.fleets ? "InstanceFleetUnits" : "Instances")
        .field("MinimumCapacityUnits", core)
        .field("MaximumCapacityUnits", cluster.nodes)
        .field("MaximumCoreCapacityUnits", core)
        .field("MaximumOnDemandCapacityUnits", core);
    json.end_object().end_object();
  }
  json.key("Configurations").begin_array();
  json.begin_object()
      .field("Classification", "spark")
      .key("Properties")
      .begin_object()
      .field("maximizeResourceAllocation", "false")
      .end_object()
      .end_object();
  json.begin_object().field("Classification", "spark-defaults").key("Properties").begin_object();
  for (const platform::Setting& s : recommendation.settings) json.field(s.key, s.value);
  json.end_object().end_object();
  json.end_array();
  json.end_object();
  return json.str();
}

}  // namespace sparkfit::output
