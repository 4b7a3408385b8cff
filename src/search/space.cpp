// The emr, ec2 or yarn search space from what the user asked and the job spec.
#include <algorithm>

#include "sparkfit/search/search.hpp"
#include "sparkfit/util/error.hpp"

namespace sparkfit::search {

Space space_for(const catalog::Catalog& catalog, const job::JobSpec& job, const SpaceRequest& request) {
  Space space;
  space.platform = request.platform;
  if (space.platform == platform::Platform::yarn) {
    space.yarn = request.yarn;
    if (!space.yarn)
      throw InputError("recommend --platform yarn needs --nodes, --node-cores and --node-memory or platform.yarn");
  } else if (space.platform == platform::Platform::emr || space.platform == platform::Platform::ec2) {
    const std::string label = request.emr_release.value_or(job.emr ? job.emr->release : "emr-7.1.0");
    if (space.platform == platform::Platform::emr) {
      space.release = catalog.find_release(label);
      if (!space.release) throw InputError("--emr-release: unknown EMR release '" + label + "'");
    }
    std::vector<std::string> names;
    std::vector<std::string> families;
    if (request.instances) {
      names = *request.instances;
    } else if (job.emr && space.platform == platform::Platform::emr) {
      names = job.emr->instance_types;
      families = job.emr->families;
    }
    if (space.platform == platform::Platform::ec2 && !request.instances && job.ec2) {
      for (const job::Ec2Cluster& c : job.ec2->clusters) {
        space.pairs.emplace_back(&catalog.require(c.instance_type, SourceLocation(c.where)), c.nodes);
      }
    }
    for (const std::string& name : names) space.instances.push_back(&catalog.require(name));
    for (const auto& type : catalog.instances) {
      bool in_family = std::find(families.begin(), families.end(), type.family) != families.end();
      if (in_family || (names.empty() && families.empty() && space.pairs.empty())) space.instances.push_back(&type);
    }
    if (space.platform == platform::Platform::emr) {
      std::vector<const catalog::InstanceType*> offered;
      for (const auto* type : space.instances)
        if (type->emr_available) offered.push_back(type);
      space.instances = offered;
    }
    if (request.nodes)
      space.nodes = *request.nodes;
    else if (job.emr && !job.emr->nodes.empty())
      space.nodes = job.emr->nodes;
    else
      for (int n = 1; n <= 100; ++n) space.nodes.push_back(n);
    if (space.instances.empty() && space.pairs.empty())
      throw InfeasibleError(
          "no instance type to consider: " +
          std::string(space.platform == platform::Platform::emr
                          ? "Amazon EMR offers none of the types given (see 'sparkfit catalog list --emr-only')"
                          : "none was given"));
  }
  if (job.layout.shuffle_partitions) space.shuffle_partitions = job.layout.shuffle_partitions;
  space.min_allocation_mib = request.min_allocation_mib;
  space.try_client_mode = request.try_client_mode;
  return space;
}

platform::Cluster instance_cluster(const Space& space, const catalog::InstanceType& instance, int nodes) {
  platform::Cluster cluster = platform::cluster_for_instance(space.platform, instance, nodes, space.release);
  if (space.min_allocation_mib) cluster.node.yarn_min_allocation_mib = *space.min_allocation_mib;
  return cluster;
}

platform::Cluster first_cluster(const Space& space) {
  if (space.platform == platform::Platform::yarn) return *space.yarn;
  const catalog::InstanceType& first = space.pairs.empty() ? *space.instances.front() : *space.pairs.front().first;
  return instance_cluster(space, first, 1);
}

}  // namespace sparkfit::search
