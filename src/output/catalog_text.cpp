#include <filesystem>
#include <iomanip>
#include <sstream>

#include "sparkfit/output/catalog.hpp"
#include "sparkfit/platform/platform.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::output {

using text::align_left;
using text::dollars;
using text::fixed;

std::string catalog_list_text(const std::vector<const catalog::InstanceType*>& rows, const std::string& as_of) {
  std::ostringstream out;
  out << align_left("type", 16) << align_left("vCPU", 6) << align_left("memory", 10) << align_left("arch", 8)
      << align_left("net Gb/s", 10) << align_left("disk GB", 9) << align_left("$/h EC2", 10)
      << align_left("$/h EMR", 10) << "YARN MiB\n";
  for (const catalog::InstanceType* t : rows) {
    std::string fee = !t->emr_available ? "-" : t->emr_fee_usd_per_hour ? fixed(*t->emr_fee_usd_per_hour, 4) : "?";
    out << align_left(t->name, 16) << align_left(std::to_string(t->vcpus), 6)
        << align_left(units::format_size(t->memory_mib * units::kMiB), 10)
        << align_left(std::string(catalog::to_string(t->arch)), 8)
        << align_left(t->network_gbps ? units::format_number(*t->network_gbps) : "-", 10)
        << align_left(t->local_disk_gb ? std::to_string(t->local_disk_gb) : "EBS", 9)
        << align_left(fixed(t->price_usd_per_hour, 4), 10) << align_left(fee, 10) << t->yarn.nodemanager_mib
        << (t->yarn.provenance == catalog::YarnProvenance::cited
                ? ""
                : std::string(" (") + std::string(catalog::to_string(t->yarn.provenance)) + ")")
        << "\n";
  }
  out << rows.size() << " instance types; prices us-east-1 on-demand as of " << as_of
      << "; EMR fee '?' = not cited, '-' = EMR does not offer the type\n";
  return out.str();
}

std::string instance_text(const catalog::InstanceType& t) {
  std::ostringstream out;
  auto row = [&](const std::string& key, const std::string& value) {
    out << "  " << align_left(key, 22) << value << "\n";
  };
  out << t.name << "\n";
  row("vCPUs", std::to_string(t.vcpus));
  row("memory", units::format_size(t.memory_mib * units::kMiB) + " (" + std::to_string(t.memory_mib) + " MiB)");
  row("architecture", std::string(catalog::to_string(t.arch)) + ", " + t.processor);
  row("network (baseline)",
      t.network_gbps ? units::format_number(*t.network_gbps) + " Gbit/s" : "not published as a number");
  row("local disk", t.local_disk_gb ? std::to_string(t.local_disk_gb) + " GB " + t.local_disk_kind : "none (EBS only)");
  row("default EBS on EMR", std::to_string(t.default_ebs_gb) + " GiB");
  // The figure sparkfit's model gives an EBS-only node's disk (platform::cluster_for_instance).
  row("EBS baseline", t.ebs_baseline_mbps ? std::to_string(*t.ebs_baseline_mbps) +
                                                " Mbit/s = " + fixed(platform::ebs_mib_per_s(*t.ebs_baseline_mbps), 1) +
                                                " MiB/s (" + t.ebs_source + ")"
                                          : "none in the catalog (" + t.ebs_source + ")");
  row("EC2 price", dollars(t.price_usd_per_hour) + "/h (" + t.price_source + ")");
  if (!t.emr_available)
    row("Amazon EMR", "not offered");
  else if (t.emr_fee_usd_per_hour)
    row("EMR fee",
        dollars(*t.emr_fee_usd_per_hour) + "/h" + (t.emr_fee_derived ? " (derived: " : " (") + t.emr_fee_source + ")");
  else
    row("EMR fee", "offered; fee not cited");
  row("YARN memory", std::to_string(t.yarn.nodemanager_mib) + " MiB, max container " +
                         std::to_string(t.yarn.max_allocation_mib) + " MiB, step " +
                         std::to_string(t.yarn.min_allocation_mib) + " MiB (" +
                         std::string(catalog::to_string(t.yarn.provenance)) + ")");
  row("per-core speed", units::format_number(t.core_speed) + " x m5 (estimate: " + t.core_speed_source + ")");
  return out.str();
}

std::string releases_text(const std::vector<catalog::EmrRelease>& releases) {
  std::ostringstream out;
  out << align_left("release", 14) << align_left("Spark", 14) << align_left("Hadoop", 10) << align_left("Java", 6)
      << align_left("overhead", 10) << "GC\n";
  for (const catalog::EmrRelease& r : releases)
    out << align_left(r.label, 14) << align_left(r.spark_version, 14) << align_left(r.hadoop_version, 10)
        << align_left(r.java_version, 6) << align_left(units::format_number(r.executor_overhead_factor), 10) << r.gc
        << "\n";
  return out.str();
}

std::string paths_text(const std::vector<DataDirCandidate>& candidates, const DataDirCandidate& used,
                       const std::vector<catalog::LoadedFile>& loaded) {
  std::ostringstream out;
  out << "data directory search order:\n" << std::left;
  for (const DataDirCandidate& candidate : candidates) {
    std::error_code ignored;
    bool present = std::filesystem::is_directory(candidate.path / "instance_catalogs", ignored);
    out << "  " << std::setw(24) << candidate.origin << candidate.path.string() << (present ? "" : "  (no data)")
        << "\n";
  }
  out << "using: " << used.path.string() << " (" << used.origin << ")\nloaded:\n";
  for (const catalog::LoadedFile& file : loaded) out << "  " << file.path << " (as of " << file.as_of << ")\n";
  return out.str();
}

}  // namespace sparkfit::output
