// EMR configurations JSON and cluster descriptions, as the AWS CLI takes and prints them.
// Key names are the API's (case-sensitive, as the API reads them); a misspelt key in a
// classification is an error rather than a silently dropped setting.
#include <cmath>
#include <string>

#include "sparkfit/spark_conf/spark_conf.hpp"
#include "sparkfit/util/json_reader.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::spark_conf {
namespace {

const std::vector<std::string> kClassificationKeys = {"Classification", "Properties", "Configurations"};

class EmrReader {
 public:
  explicit EmrReader(const json::Document& doc) : doc_(doc) {}

  std::vector<Classification> classifications(const json::Value& list) {
    if (!list.is_array()) doc_.fail(list, "expected a list of classifications, got " + json::describe(list));
    std::vector<Classification> result;
    for (const json::Value& item : list.items) result.push_back(classification(item));
    return result;
  }

  EmrConfig config(const json::Value& list) {
    EmrConfig config;
    config.classifications = classifications(list);
    for (const Classification& c : config.classifications) {
      if (c.name == "spark-defaults") {
        append(config.spark_defaults, c.properties);
      } else if (c.name == "yarn-site") {
        append(config.yarn_site, c.properties, "EMR yarn-site");
      } else if (c.name == "spark") {
        append(config.spark, c.properties, "EMR spark");
        for (const Setting& setting : c.properties)
          if (setting.key == "maximizeResourceAllocation") maximize(config, setting);
      } else if (c.name == "spark-env") {
        for (const Classification& nested : c.configurations)
          if (nested.name == "export") append(config.spark_env, nested.properties, "EMR spark-env");
      }
    }
    return config;
  }

  NodeGroup instance_group(const json::Value& group) {
    if (!group.is_object()) doc_.fail(group, "expected an instance group object, got " + json::describe(group));
    NodeGroup result;
    result.where = doc_.at(group);
    result.role = role(group, "InstanceGroupType");
    result.instance_type = required_string(group, "InstanceType", "an instance group");
    const char* count_keys[] = {"RequestedInstanceCount", "RunningInstanceCount", "InstanceCount"};
    bool found = false;
    for (const char* key : count_keys) {
      if (const json::Member* member = group.find_member(key)) {
        result.count = whole(*member);
        found = true;
        break;
      }
    }
    if (!found)
      doc_.fail(group,
                "instance group has no \"RequestedInstanceCount\", "
                "\"RunningInstanceCount\" or \"InstanceCount\"");
    result.market = optional_string(group, "Market");
    return result;
  }

  NodeGroup instance_fleet(const json::Value& fleet) {
    if (!fleet.is_object()) doc_.fail(fleet, "expected an instance fleet object, got " + json::describe(fleet));
    NodeGroup result;
    result.where = doc_.at(fleet);
    result.role = role(fleet, "InstanceFleetType");
    double on_demand = optional_number(fleet, "TargetOnDemandCapacity");
    double spot = optional_number(fleet, "TargetSpotCapacity");
    const json::Member* specs = fleet.find_member("InstanceTypeSpecifications");
    if (!specs) specs = fleet.find_member("InstanceTypeConfigs");
    if (!specs) doc_.fail(fleet, "instance fleet has no \"InstanceTypeSpecifications\" or \"InstanceTypeConfigs\"");
    if (!specs->value.is_array() || specs->value.items.empty())
      doc_.fail(specs->value, "\"" + specs->key + "\" must be a non-empty list of instance types, got " +
                                  json::describe(specs->value));
    double first_weight = 1;
    for (std::size_t i = 0; i < specs->value.items.size(); ++i) {
      const json::Value& spec = specs->value.items[i];
      if (!spec.is_object()) doc_.fail(spec, "expected an instance type object, got " + json::describe(spec));
      std::string type = required_string(spec, "InstanceType", "an instance type specification");
      if (i == 0) {
        result.instance_type = type;
        if (spec.find_member("WeightedCapacity")) {
          first_weight = optional_number(spec, "WeightedCapacity");
          if (first_weight <= 0) doc_.fail(*spec.find("WeightedCapacity"), "\"WeightedCapacity\" must be at least 1");
        }
      } else {
        result.other_instance_types.push_back(type);
      }
    }
    result.count = static_cast<int>(std::ceil((on_demand + spot) / first_weight - 1e-9));
    result.market = spot > 0 && on_demand > 0 ? "MIXED" : spot > 0 ? "SPOT" : "ON_DEMAND";
    return result;
  }

 private:
  const json::Document& doc_;

  static void append(std::vector<Setting>& into, const std::vector<Setting>& settings, const std::string& source = "") {
    for (Setting setting : settings) {
      if (!source.empty()) setting.source = source;
      into.push_back(std::move(setting));
    }
  }

  void maximize(EmrConfig& config, const Setting& setting) {
    std::string value = text::to_lower(setting.value);
    if (value != "true" && value != "false")
      throw InputError(setting.where,
                       "maximizeResourceAllocation must be \"true\" or \"false\", got \"" + setting.value + "\"");
    config.maximize_resource_allocation = value == "true";
    config.maximize_where = setting.where;
  }

  Classification classification(const json::Value& item) {
    if (!item.is_object()) doc_.fail(item, "expected a classification object, got " + json::describe(item));
    Classification result;
    for (const json::Member& member : item.members) {
      bool known = false;
      for (const std::string& key : kClassificationKeys) known = known || key == member.key;
      if (!known)
        doc_.fail(member, "unknown key '" + member.key + "' in a classification" +
                              text::did_you_mean(member.key, kClassificationKeys) +
                              "; expected Classification, Properties, Configurations");
    }
    const json::Member* name = item.find_member("Classification");
    if (!name) doc_.fail(item, "classification has no \"Classification\" name");
    if (!name->value.is_string())
      doc_.fail(name->value, "\"Classification\" must be a string, got " + json::describe(name->value));
    result.name = name->value.text;
    result.where = doc_.at(name->value);
    if (const json::Member* properties = item.find_member("Properties")) {
      const json::Value& map = properties->value;
      if (!map.is_object())
        doc_.fail(map, "\"Properties\" must be an object of string values, got " + json::describe(map));
      for (const json::Member& property : map.members) {
        if (!property.value.is_string())
          doc_.fail(property.value, "property '" + property.key + "' must be a string, got " +
                                        json::describe(property.value) + " (EMR takes every value as a string)");
        result.properties.push_back(Setting{property.key, property.value.text, "EMR configurations", doc_.at(property),
                                            kPrecedenceEmrConfigurations});
      }
    }
    if (const json::Member* nested = item.find_member("Configurations"))
      result.configurations = classifications(nested->value);
    return result;
  }

  std::string role(const json::Value& object, const std::string& key) {
    std::string value =
        required_string(object, key, key == "InstanceGroupType" ? "an instance group" : "an instance fleet");
    if (value != "MASTER" && value != "CORE" && value != "TASK")
      doc_.fail(*object.find(key), "\"" + key + "\" must be MASTER, CORE or TASK, got \"" + value + "\"");
    return value;
  }

  std::string required_string(const json::Value& object, const std::string& key, const std::string& what) {
    const json::Value* value = object.find(key);
    if (!value) doc_.fail(object, what + " has no \"" + key + "\"");
    if (!value->is_string()) doc_.fail(*value, "\"" + key + "\" must be a string, got " + json::describe(*value));
    return value->text;
  }

  std::string optional_string(const json::Value& object, const std::string& key) {
    const json::Value* value = object.find(key);
    if (!value) return "";
    if (!value->is_string()) doc_.fail(*value, "\"" + key + "\" must be a string, got " + json::describe(*value));
    return value->text;
  }

  double optional_number(const json::Value& object, const std::string& key) {
    const json::Value* value = object.find(key);
    if (!value) return 0;
    if (!value->is_number() || value->number < 0 || value->number > 1e6)
      doc_.fail(*value, "\"" + key + "\" must be a number from 0 to 1000000, got " +
                            (value->is_number() ? value->text : json::describe(*value)));
    return value->number;
  }

  int whole(const json::Member& member) {
    const json::Value& value = member.value;
    if (!value.is_number() || value.number < 0 || value.number > 100000 || value.number != std::floor(value.number))
      doc_.fail(value, "\"" + member.key + "\" must be a whole number of instances, got " +
                           (value.is_number() ? value.text : json::describe(value)));
    return static_cast<int>(value.number);
  }
};

// The classification list of a document: a list, or {"Configurations": [...]}, optionally
// wrapped in {"Cluster": ...}.
const json::Value& configurations_list(const json::Document& doc) {
  const json::Value* root = &doc.root;
  if (root->is_object()) {
    if (const json::Value* cluster = root->find("Cluster"); cluster && cluster->is_object()) root = cluster;
    const json::Value* list = root->find("Configurations");
    if (!list) doc.fail(*root, "expected a list of classifications, or an object with a \"Configurations\" list");
    return *list;
  }
  if (!root->is_array())
    doc.fail(*root, "expected a list of classifications, or an object with a \"Configurations\" list");
  return *root;
}

}  // namespace

int EmrCluster::task_count() const {
  int total = 0;
  for (const NodeGroup& group : task) total += group.count;
  return total;
}

EmrConfig parse_emr_configurations(const std::string& json_text, const std::string& file_name) {
  json::Document doc = json::parse(json_text, file_name);
  EmrReader reader(doc);
  return reader.config(configurations_list(doc));
}

EmrCluster parse_emr_cluster(const std::string& json_text, const std::string& file_name) {
  json::Document doc = json::parse(json_text, file_name);
  EmrReader reader(doc);
  EmrCluster cluster;
  const json::Value* root = &doc.root;
  if (root->is_object())
    if (const json::Value* wrapped = root->find("Cluster"); wrapped && wrapped->is_object()) root = wrapped;

  const json::Value* groups = nullptr;
  const json::Value* fleets = nullptr;
  if (root->is_array()) {
    // create-cluster --instance-groups / --instance-fleets: tell them apart by their type key.
    bool any_fleet = false;
    for (const json::Value& item : root->items)
      any_fleet = any_fleet || (item.is_object() && item.find("InstanceFleetType"));
    (any_fleet ? fleets : groups) = root;
  } else if (root->is_object()) {
    if (const json::Value* release = root->find("ReleaseLabel")) {
      if (!release->is_string())
        doc.fail(*release, "\"ReleaseLabel\" must be a string, got " + json::describe(*release));
      cluster.release_label = release->text;
    }
    groups = root->find("InstanceGroups");
    fleets = root->find("InstanceFleets");
    if (groups && groups->is_array() && groups->items.empty() && fleets) groups = nullptr;
    if (fleets && fleets->is_array() && fleets->items.empty() && groups) fleets = nullptr;
    if (!groups && !fleets)
      doc.fail(*root, "cluster description has neither \"InstanceGroups\" nor \"InstanceFleets\"");
    if (const json::Value* configurations = root->find("Configurations"))
      cluster.configurations = reader.config(*configurations);
  } else {
    doc.fail(*root, "expected a cluster description object or a list of instance groups, got " + json::describe(*root));
  }

  const json::Value* list = groups ? groups : fleets;
  cluster.fleets = list == fleets;
  if (!list->is_array())
    doc.fail(*list, std::string("expected a list of instance ") + (cluster.fleets ? "fleets" : "groups") + ", got " +
                        json::describe(*list));
  for (const json::Value& item : list->items) {
    NodeGroup group = cluster.fleets ? reader.instance_fleet(item) : reader.instance_group(item);
    if (group.role == "TASK") {
      cluster.task.push_back(std::move(group));
      continue;
    }
    std::optional<NodeGroup>& slot = group.role == "MASTER" ? cluster.primary : cluster.core;
    if (slot)
      throw InputError(group.where, "a second " + group.role + " instance " + (cluster.fleets ? "fleet" : "group") +
                                        " (the first is on line " + std::to_string(slot->where.line) + ")");
    slot = std::move(group);
  }
  return cluster;
}

}  // namespace sparkfit::spark_conf
