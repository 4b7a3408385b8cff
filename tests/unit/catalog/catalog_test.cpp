// The checked-in catalogs load and hold the figures docs/domain.md and their primary sources give; bad
// catalogs fail with exact diagnostics (file:line:col, the source line and a caret).
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "sparkfit/catalog/catalog.hpp"
#include "support/test_support.hpp"

using sparkfit::catalog::Arch;
using sparkfit::catalog::Catalog;
using sparkfit::catalog::InstanceType;
using sparkfit::catalog::load_catalog;
using sparkfit::catalog::YarnProvenance;
using sparkfit::testing::error_of;
using sparkfit::testing::kTestData;
using sparkfit::testing::shipped_catalog;

namespace {

const InstanceType& type(const char* name) {
  const InstanceType* found = shipped_catalog().find(name);
  REQUIRE_MESSAGE(found != nullptr, name);
  return *found;
}

const std::string kBad = kTestData + "/catalog/";

// The message load_catalog throws for a bad fixture directory.
std::string load_error(const std::string& fixture) {
  return error_of([&] { load_catalog(kBad + fixture); });
}

std::string m5_file(const std::string& fixture) { return kBad + fixture + "/aws/ec2/m5.yaml"; }

}  // namespace

TEST_SUITE("catalog") {
  TEST_CASE("the checked-in catalog loads every instance type of the shared CSV") {
    const Catalog& catalog = shipped_catalog();
    CHECK(catalog.instances.size() == 293);
    CHECK(catalog.files.size() == 35 + 3);
    CHECK(catalog.as_of() == "2026-11-26");
  }

  TEST_CASE("instances are sorted by family, then vCPUs, then name") {
    const auto& instances = shipped_catalog().instances;
    CHECK(std::is_sorted(instances.begin(), instances.end(), [](const InstanceType& a, const InstanceType& b) {
      if (a.family != b.family) return a.family < b.family;
      if (a.vcpus != b.vcpus) return a.vcpus < b.vcpus;
      return a.name < b.name;
    }));
    CHECK(instances.front().name == "c4.large");
  }

  TEST_CASE("m5.4xlarge has the figures EMR's guide and price list give") {
    const InstanceType& m5 = type("m5.4xlarge");
    CHECK(m5.family == "m5");
    CHECK(m5.size == "4xlarge");
    CHECK(m5.vcpus == 16);
    CHECK(m5.memory_mib == 65536);
    CHECK(m5.arch == Arch::x86_64);
    CHECK(m5.yarn.nodemanager_mib == 57344);
    CHECK(m5.yarn.max_allocation_mib == 57344);
    CHECK(m5.yarn.min_allocation_mib == 32);
    CHECK(m5.yarn.provenance == YarnProvenance::cited);
    CHECK(m5.price_usd_per_hour == doctest::Approx(0.768));
    REQUIRE(m5.emr_fee_usd_per_hour.has_value());
    CHECK(*m5.emr_fee_usd_per_hour == doctest::Approx(0.192));
    CHECK(m5.emr_available);
    CHECK(m5.local_disk_kind == "none");
    CHECK(m5.default_ebs_gb == 256);
    CHECK(m5.core_speed == doctest::Approx(1.0));
    CHECK_FALSE(m5.core_speed_source.empty());
    CHECK(m5.price_source.find("karpenter") != std::string::npos);
  }

  TEST_CASE("memory keeps fractional GiB exactly") {
    CHECK(type("i3.large").memory_mib == 15616);  // 15.25 GiB
    CHECK(type("c5n.large").memory_mib == 5376);  // 5.25 GiB
  }

  TEST_CASE("r4.8xlarge has the YARN memory of EMR's worked example") {
    CHECK(type("r4.8xlarge").yarn.nodemanager_mib == 241664);
    CHECK(type("r4.8xlarge").yarn.provenance == YarnProvenance::cited);
  }

  TEST_CASE("r5.4xlarge carries its cited EMR fee with the citation") {
    const InstanceType& r5 = type("r5.4xlarge");
    REQUIRE(r5.emr_fee_usd_per_hour.has_value());
    CHECK(*r5.emr_fee_usd_per_hour == doctest::Approx(0.252));
    CHECK_FALSE(r5.emr_fee_derived);
    CHECK(r5.emr_fee_source.find("aws-emr-best-practices") != std::string::npos);
  }

  TEST_CASE("a type newer than EMR's 2023 table follows the documented pattern") {
    const InstanceType& m7g = type("m7g.4xlarge");
    CHECK(m7g.arch == Arch::arm64);
    CHECK(m7g.yarn.provenance == YarnProvenance::pattern);
    CHECK(m7g.yarn.nodemanager_mib == 54272);  // the newer column's 64 GiB row
    CHECK(m7g.emr_available);
    CHECK_FALSE(m7g.emr_fee_usd_per_hour.has_value());
  }

  TEST_CASE("a size between pattern rows is interpolated and says so") {
    const InstanceType& c6i = type("c6i.12xlarge");  // 96 GiB, between the 64 and 128 rows
    CHECK(c6i.yarn.provenance == YarnProvenance::interpolated);
    CHECK(c6i.yarn.nodemanager_mib == 85504);
  }

  TEST_CASE("EMR does not offer large and metal sizes outside its table") {
    CHECK_FALSE(type("m5.large").emr_available);
    CHECK_FALSE(type("m5.metal").emr_available);
    CHECK(type("m4.large").emr_available);
    CHECK(std::count_if(shipped_catalog().instances.begin(), shipped_catalog().instances.end(),
                        [](const InstanceType& t) { return t.emr_available; }) == 230);
  }

  TEST_CASE("instance-store types get no default EBS and keep their disk kind") {
    CHECK(type("i3.2xlarge").default_ebs_gb == 0);
    CHECK(type("i3.2xlarge").local_disk_kind == "nvme");
    CHECK(type("r3.xlarge").local_disk_kind == "ssd");
    CHECK(type("m7i.48xlarge").default_ebs_derived);
    CHECK(type("m7i.48xlarge").default_ebs_gb == 3072);
  }

  TEST_CASE("find returns nullptr for an unknown type and instance_names lists every type") {
    CHECK(shipped_catalog().find("m5.4xlarg") == nullptr);
    CHECK(shipped_catalog().instance_names().size() == 293);
  }

  TEST_CASE("find_release matches a label exactly or the newest release of a prefix") {
    const auto* release = shipped_catalog().find_release("emr-7.1.0");
    REQUIRE(release != nullptr);
    CHECK(release->spark_version.rfind("3.5.", 0) == 0);
    CHECK(release->java_version == "17");
    CHECK(release->executor_overhead_factor == doctest::Approx(0.1875));
    CHECK(release->heterogeneous_executors);
    CHECK(release->dynamic_executor_sizing);
    CHECK(shipped_catalog().find_release("emr-5.36.0")->java_version == "8");
    CHECK(shipped_catalog().find_release("emr-5.36.0")->gc == "parallel");
    CHECK(shipped_catalog().find_release("emr-7")->label == "emr-7.13.0");
    CHECK(shipped_catalog().find_release("emr-6.1") == nullptr);
    CHECK(shipped_catalog().find_release("emr-9.0.0") == nullptr);
  }

  TEST_CASE("Glue worker types and versions are those of docs/domain.md") {
    const auto& glue = shipped_catalog().glue;
    auto g1x = std::find_if(glue.worker_types.begin(), glue.worker_types.end(),
                            [](const auto& worker) { return worker.name == "G.1X"; });
    REQUIRE(g1x != glue.worker_types.end());
    CHECK(g1x->vcpus == 4);
    CHECK(g1x->memory_gib == 16);
    CHECK(g1x->disk_gb == 94);
    CHECK(g1x->dpus == doctest::Approx(1.0));
    REQUIRE(g1x->executor_heap_mib.has_value());
    CHECK(*g1x->executor_heap_mib == 10240);
    CHECK(g1x->executor_heap_estimated);
    CHECK(glue.usd_per_dpu_hour == doctest::Approx(0.44));
    CHECK(glue.file_grouping_threshold == 50000);
    auto v1 = std::find_if(glue.versions.begin(), glue.versions.end(),
                           [](const auto& version) { return version.version == "1.0"; });
    REQUIRE(v1 != glue.versions.end());
    CHECK(v1->minimum_billed_s == doctest::Approx(600));
  }

  TEST_CASE("EMR Serverless prices and worker sizes are those of docs/domain.md") {
    const auto& serverless = shipped_catalog().serverless;
    CHECK(serverless.usd_per_vcpu_hour == doctest::Approx(0.052624));
    CHECK(serverless.usd_per_gb_hour == doctest::Approx(0.0057785));
    CHECK(serverless.usd_per_disk_gb_hour == doctest::Approx(0.000111));
    CHECK(serverless.minimum_billed_s == doctest::Approx(60));
    CHECK(serverless.worker_sizes.size() == 5);
    CHECK(serverless.worker_sizes.back().max_memory_gib == 120);
    CHECK(serverless.default_executor_cores == 4);
    CHECK(serverless.default_executor_memory_gib == 14);
    CHECK(serverless.overhead_factor == doctest::Approx(0.1));
  }

  TEST_CASE("to_string names the enum values as the catalog writes them") {
    CHECK(sparkfit::catalog::to_string(Arch::arm64) == "arm64");
    CHECK(sparkfit::catalog::to_string(YarnProvenance::interpolated) == "interpolated");
  }

  TEST_CASE("EBS-optimized baselines are the EC2 User Guide's, not its burst maximum") {
    // Baseline column of "Amazon EBS-optimized instances" (2023-05-11); m5.xlarge's maximum is 4750.
    CHECK(type("m5.xlarge").ebs_baseline_mbps == 1150);
    CHECK(type("m5.4xlarge").ebs_baseline_mbps == 4750);
    CHECK(type("c5.large").ebs_baseline_mbps == 650);
    CHECK(type("m6g.xlarge").ebs_baseline_mbps == 1188);
    // The Scout runs' hardware: no burst, one dedicated figure.
    CHECK(type("c4.large").ebs_baseline_mbps == 500);
    CHECK(type("m4.xlarge").ebs_baseline_mbps == 750);
    CHECK(type("r4.2xlarge").ebs_baseline_mbps == 1700);
    CHECK(type("m5.4xlarge").ebs_as_of == "2023-05-11");
    CHECK(type("m5.4xlarge").ebs_source.find("ebs-optimized") != std::string::npos);
    // Newer than the table: no figure, and the family's source says so.
    CHECK_FALSE(type("m7i.4xlarge").ebs_baseline_mbps.has_value());
    CHECK(type("m7i.4xlarge").ebs_source.starts_with("no figure"));
  }

  TEST_CASE("within a family a larger size never has a smaller EBS baseline, and a type without one is named") {
    std::map<std::string, std::vector<const InstanceType*>> families;
    for (const InstanceType& t : shipped_catalog().instances) families[t.family].push_back(&t);
    for (auto& entry : families) {
      const std::string& family = entry.first;  // not a structured binding: CAPTURE is a lambda
      std::vector<const InstanceType*>& types = entry.second;
      CAPTURE(family);
      std::stable_sort(types.begin(), types.end(),
                       [](const InstanceType* a, const InstanceType* b) { return a->vcpus < b->vcpus; });
      std::int64_t last = 0;
      for (const InstanceType* t : types) {
        CAPTURE(t->name);
        if (t->ebs_baseline_mbps) {
          CHECK(*t->ebs_baseline_mbps >= last);
          last = *t->ebs_baseline_mbps;
        } else {
          CHECK((t->ebs_source.starts_with("no figure") || t->ebs_source.find(" " + t->name) != std::string::npos));
        }
      }
    }
  }

  TEST_CASE("an EBS baseline of 0 is an error at its value") {
    CHECK(load_error("bad_ebs") == m5_file("bad_ebs") +
                                       ":16:24: error: 'ebs_baseline_mbps' must be greater than 0, got 0\n"
                                       "    ebs_baseline_mbps: 0\n"
                                       "                       ^");
  }

  TEST_CASE("the EBS table's date must be a date") {
    CHECK(load_error("bad_ebs_as_of") == m5_file("bad_ebs_as_of") +
                                             ":9:12: error: 'ebs_as_of' must be a date YYYY-MM-DD, got 'May 2023'\n"
                                             "ebs_as_of: \"May 2023\"\n"
                                             "           ^");
  }

  TEST_CASE("a negative memory size is an error at its value") {
    CHECK(load_error("negative_memory") == m5_file("negative_memory") +
                                               ":14:17: error: 'memory_gib' must be greater than 0, got -8\n"
                                               "    memory_gib: -8\n"
                                               "                ^");
  }

  TEST_CASE("an unknown key suggests the closest known key") {
    CHECK(load_error("unknown_key") == m5_file("unknown_key") +
                                           ":14:5: error: unknown key 'memori_gib' (did you mean 'memory_gib'?)\n"
                                           "    memori_gib: 8\n"
                                           "    ^");
  }

  TEST_CASE("a duplicate instance type names the first definition") {
    CHECK(load_error("duplicate_type") == m5_file("duplicate_type") +
                                              ":22:11: error: duplicate instance type 'm5.large' (first defined at " +
                                              m5_file("duplicate_type") +
                                              ":12:11)\n"
                                              "  - name: m5.large\n"
                                              "          ^");
  }

  TEST_CASE("a missing required key points at the entry that lacks it") {
    CHECK(load_error("missing_key") == m5_file("missing_key") +
                                           ":12:5: error: missing required key 'arch'\n"
                                           "  - name: m5.large\n"
                                           "    ^");
  }

  TEST_CASE("a YAML syntax error keeps yaml-cpp's position, 1-based") {
    CHECK(load_error("syntax_error") == m5_file("syntax_error") +
                                            ":14:15: error: invalid YAML: end of sequence flow not found\n"
                                            "    memory_gib: 8\n"
                                            "              ^");
  }

  TEST_CASE("a bad enum value lists the accepted values") {
    CHECK(load_error("bad_arch") == m5_file("bad_arch") +
                                        ":15:11: error: 'arch' must be one of x86_64, arm64, got 'amd64'\n"
                                        "    arch: amd64\n"
                                        "          ^");
  }

  TEST_CASE("a missing catalog directory is an input error that names it") {
    CHECK(load_error("no_such_dir") == kBad +
                                           "no_such_dir/aws/ec2: error: cannot read the instance catalog "
                                           "directory: No such file or directory");
  }

  TEST_CASE("an instance query keeps what every filter given allows, and names an unknown family or arch") {
    using sparkfit::catalog::find_instances;
    using sparkfit::catalog::InstanceQuery;
    const Catalog& catalog = shipped_catalog();
    const auto kept = find_instances(catalog, {.family = "r5", .arch = "x86_64", .min_memory_mib = 64 * 1024});
    REQUIRE(!kept.empty());
    for (const InstanceType* type : kept) CHECK((type->family == "r5" && type->memory_mib >= 64 * 1024));
    CHECK(std::none_of(kept.begin(), kept.end(), [](const InstanceType* type) { return type->name == "r5.xlarge"; }));
    CHECK(find_instances(catalog, {}).size() == catalog.instances.size());
    for (const InstanceType* type : find_instances(catalog, {.emr_only = true})) CHECK(type->emr_available);
    CHECK(error_of([&] { find_instances(catalog, {.family = "r55"}); }).starts_with("--family: unknown family 'r55'"));
    CHECK(error_of([&] { find_instances(catalog, {.arch = "arm"}); }) == "--arch: expected x86_64 or arm64, got 'arm'");
  }
}
