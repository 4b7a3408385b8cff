#include <cstdio>
#include <sstream>

#include "sparkfit/output/catalog.hpp"
#include "sparkfit/units/units.hpp"

namespace sparkfit::output {
namespace {

// "$1.0080": built by appending because GCC 12 warns falsely on "$" + std::string (PR 105329).
std::string dollars(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "$%.4f", value);
  return buffer;
}

std::string fixed(double value, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, value);
  return buffer;
}

std::string pad(std::string text, std::size_t width) {
  if (text.size() < width) text.append(width - text.size(), ' ');
  return text;
}

}  // namespace

std::string catalog_list_text(const std::vector<const catalog::InstanceType*>& rows, const std::string& as_of) {
  std::ostringstream out;
  out << pad("type", 16) << pad("vCPU", 6) << pad("memory", 10) << pad("arch", 8) << pad("net Gb/s", 10)
      << pad("disk GB", 9) << pad("$/h EC2", 10) << pad("$/h EMR", 10) << "YARN MiB\n";
  for (const catalog::InstanceType* t : rows) {
    std::string fee = !t->emr_available ? "-" : t->emr_fee_usd_per_hour ? fixed(*t->emr_fee_usd_per_hour, 4) : "?";
    out << pad(t->name, 16) << pad(std::to_string(t->vcpus), 6)
        << pad(units::format_size(t->memory_mib * units::kMiB), 10) << pad(std::string(catalog::to_string(t->arch)), 8)
        << pad(t->network_gbps ? units::format_number(*t->network_gbps) : "-", 10)
        << pad(t->local_disk_gb ? std::to_string(t->local_disk_gb) : "EBS", 9)
        << pad(fixed(t->price_usd_per_hour, 4), 10) << pad(fee, 10) << t->yarn.nodemanager_mib
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
  auto row = [&](const std::string& key, const std::string& value) { out << "  " << pad(key, 22) << value << "\n"; };
  out << t.name << "\n";
  row("vCPUs", std::to_string(t.vcpus));
  row("memory", units::format_size(t.memory_mib * units::kMiB) + " (" + std::to_string(t.memory_mib) + " MiB)");
  row("architecture", std::string(catalog::to_string(t.arch)) + ", " + t.processor);
  row("network (baseline)",
      t.network_gbps ? units::format_number(*t.network_gbps) + " Gbit/s" : "not published as a number");
  row("local disk", t.local_disk_gb ? std::to_string(t.local_disk_gb) + " GB " + t.local_disk_kind : "none (EBS only)");
  row("default EBS on EMR", std::to_string(t.default_ebs_gb) + " GiB");
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
  out << pad("release", 14) << pad("Spark", 14) << pad("Hadoop", 10) << pad("Java", 6) << pad("overhead", 10) << "GC\n";
  for (const catalog::EmrRelease& r : releases)
    out << pad(r.label, 14) << pad(r.spark_version, 14) << pad(r.hadoop_version, 10) << pad(r.java_version, 6)
        << pad(units::format_number(r.executor_overhead_factor), 10) << r.gc << "\n";
  return out.str();
}

}  // namespace sparkfit::output
