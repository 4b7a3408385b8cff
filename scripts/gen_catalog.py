#!/usr/bin/env python3
"""Generates instance_catalogs/ from the shared research data.

Run from the repository root:

    python3 scripts/gen_catalog.py /work/shared/data

Reads <data>/ec2/ec2_instances_us_east_1.csv and <data>/emr/emr_yarn_task_defaults.csv and writes
instance_catalogs/aws/ec2/<family>.yaml, aws/emr_releases.yaml, aws/glue.yaml and
aws/emr_serverless.yaml. Standard library only. The output is checked in; the build never runs
this script. The derivation rules are documented in instance_catalogs/README.md.
"""

import csv
import os
import re
import sys

ROOT = os.path.join("instance_catalogs", "aws")
EC2_PRICE_SOURCE = "aws/karpenter-provider-aws:pkg/providers/pricing/zz_generated.pricing_aws.go@6fc13b5"
NO_FEE = "no EMR fee cited or derivable (no figure for the family on https://aws.amazon.com/emr/pricing/)"
EC2_AS_OF = "2026-07-20"      # the EC2 price snapshot every CSV row carries
LOOKUP_DATE = "2026-11-26"    # when the sources below were looked up

CSV_SOURCE = ("293 EC2 types: specs from "
              "aws/karpenter-provider-aws:website/content/en/docs/reference/instance-types.md@692ccdd, "
              "prices from aws/karpenter-provider-aws:pkg/providers/pricing/zz_generated.pricing_aws.go@6fc13b5")
CSV_SOURCE_SHORT = ("specs from "
                    "aws/karpenter-provider-aws:website/content/en/docs/reference/instance-types.md@692ccdd, prices "
                    "from aws/karpenter-provider-aws:pkg/providers/pricing/zz_generated.pricing_aws.go@6fc13b5")
YARN_SOURCE_SHORT = ("Amazon EMR Release Guide, 'Task configuration', "
                     "https://docs.aws.amazon.com/emr/latest/ReleaseGuide/emr-hadoop-task-config.html, 2023-06")
YARN_SOURCE = ("Amazon EMR Release Guide, 'Task configuration' "
               "(https://docs.aws.amazon.com/emr/latest/ReleaseGuide/emr-hadoop-task-config.html, 2023-06): its "
               "per-type rows and its pattern table")
EBS_SOURCE = ("Amazon EMR Management Guide, 'Default Amazon EBS storage for instances' "
              "(https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-plan-storage.html, looked up "
              + LOOKUP_DATE + "; same table in awsdocs/amazon-emr-management-guide:doc_source/emr-plan-storage.md): "
              "EMR 5.22.0+ attaches gp2/gp3 volumes to EBS-only types, 64 GiB per xlarge of size "
              "(large 32, xlarge 64, 2xlarge 128, 4xlarge 256, 8xlarge 512, 9xlarge 576, 10xlarge 640, "
              "12xlarge 768, 16xlarge 1024, 18xlarge 1152, 24xlarge 1536); instance-store types get 0. "
              "Sizes missing from that table (3xlarge, 6xlarge, 32xlarge, 48xlarge, metal) follow the same "
              "64 GiB per xlarge and are marked default_ebs_derived")
AVAILABILITY_RULE = ("EMR availability: the type is in the EMR task-configuration CSV; or its family is in that CSV "
                     "and the size is neither large nor metal; or the family is newer than that CSV "
                     "(m6i m6a m7g m7i m8g r6i r7g r8g c6i c7g c7i i4i) and the size is neither large nor metal "
                     "(the EMR Release Guide's 'Task configuration' list, 2023-06)")

# Per-vCPU throughput relative to m5 (Skylake-SP = 1.0). Measured values: Geekbench multi-core of
# the xlarge size (4 vCPU) divided by m5.xlarge's 2281.
GEEKBENCH = ("Atom-oh/aws-ec2-benchmark:legacy/geekbench.json@add1da4 (Geekbench multi-core score of the "
             "xlarge size, 4 vCPU, divided by m5.xlarge's 2281)")
GEEKBENCH_SCORES = {
    "m5": ("m5.xlarge", 2281), "m5d": ("m5d.xlarge", 2270), "m5a": ("m5a.xlarge", 1723),
    "r5": ("r5.xlarge", 2293), "r5d": ("r5d.xlarge", 2288), "r5a": ("r5a.xlarge", 1737),
    "r5b": ("r5b.xlarge", 2464), "c5": ("c5.xlarge", 2549), "c5d": ("c5d.xlarge", 2515),
    "c5n": ("c5n.xlarge", 2513), "c5a": ("c5a.xlarge", 2999), "m6i": ("m6i.xlarge", 3489),
    "r6i": ("r6i.xlarge", 3485), "c6i": ("c6i.xlarge", 3437), "m6g": ("m6g.xlarge", 3193),
    "m6gd": ("m6gd.xlarge", 3228), "r6g": ("r6g.xlarge", 3200), "c6g": ("c6g.xlarge", 3256),
    "m7g": ("m7g.xlarge", 4827), "r7g": ("r7g.xlarge", 4859), "c7g": ("c7g.xlarge", 4863),
    "m7i": ("m7i.xlarge", 4044), "c7i": ("c7i.xlarge", 4543), "m8g": ("m8g.xlarge", 5837),
    "r8g": ("r8g.xlarge", 5843),
}
M5_SCORE = 2281
OLD_GEN = ("https://dev.to/yaorenjie/benchmarks-of-aws-ec2-5-4-3-series-1kpl (CPU benchmark of the 5th, 4th "
           "and 3rd EC2 generations: 5th gen about 25% faster per vCPU than 4th gen)")
# Families with no measurement of their own: (value, how it was obtained).
CORE_SPEED_MAPPED = {
    "m4": (0.80, "Haswell/Broadwell: 1/1.25 of m5, from " + OLD_GEN),
    "r4": (0.80, "Broadwell E5-2686 v4: 1/1.25 of m5, from " + OLD_GEN),
    "i3": (0.80, "Broadwell E5-2686 v4, as r4: 1/1.25 of m5, from " + OLD_GEN),
    "c4": (0.90, "Haswell E5-2666 v3 at 2.9 GHz: 0.80 (" + OLD_GEN + ") times the measured c5/m5 ratio 1.12 ("
           + GEEKBENCH + ")"),
    "r3": (0.70, "Ivy Bridge E5-2670 v2: no measurement found; extrapolated one generation below Haswell's 0.80 "
           "(" + OLD_GEN + ")"),
    "i2": (0.70, "Ivy Bridge E5-2670 v2, as r3: no measurement found; extrapolated one generation below "
           "Haswell's 0.80 (" + OLD_GEN + ")"),
    "i3en": (1.00, "Skylake 8175M / Cascade Lake 8259CL, the m5 processors: m5's measured 1.00 (" + GEEKBENCH + ")"),
    "i4i": (1.53, "Ice Lake 8375C, the m6i processor: m6i's measured 1.53 (" + GEEKBENCH + ")"),
    "z1d": (1.29, "Skylake 8151 at 4.0 GHz all-core vs m5's 3.1 GHz: clock ratio 1.29; clock scaling checked "
            "against c5 (3.4-3.6 GHz), measured 1.12 (" + GEEKBENCH + ")"),
    "m6a": (1.45, "3rd gen EPYC 7R13 (Zen 3): no measurement found; c5a's measured 2nd gen EPYC 1.31 (" + GEEKBENCH
            + ") plus about 10% for Zen 3"),
}

# EMR's documented YARN pattern by RAM (EMR Release Guide, 'Task configuration').
PATTERN_OLDER = {8: 6144, 16: 12288, 32: 24576, 64: 57344, 128: 122880, 192: 188416, 256: 253952,
                 384: 385024, 512: 516096, 768: 778240}
PATTERN_NEWER = {8: 5632, 16: 11712, 32: 23424, 64: 54272, 128: 116736, 192: 181248, 256: 241664,
                 384: 366592, 512: 491520, 768: 741376}
NEWER_FAMILIES = {"m6i", "m6a", "m6g", "m6gd", "m7g", "m7i", "m8g", "r6i", "r6g", "r7g", "r8g",
                  "c6i", "c6g", "c7g", "c7i", "i4i"}
POST_CSV_FAMILIES = {"m6i", "m6a", "m7g", "m7i", "m8g", "r6i", "r7g", "r8g", "c6i", "c7g", "c7i", "i4i"}
EMR_MIN_ALLOCATION = 32  # the 2023 task-configuration table's yarn.scheduler.minimum-allocation-mb

EBS_BY_SIZE = {"large": 32, "xlarge": 64, "2xlarge": 128, "4xlarge": 256, "8xlarge": 512, "9xlarge": 576,
               "10xlarge": 640, "12xlarge": 768, "16xlarge": 1024, "18xlarge": 1152, "24xlarge": 1536}

# EBS-optimized baseline bandwidth in Mbps, per instance: the "Baseline bandwidth (Mbps)" column of the
# Amazon EC2 User Guide's "Amazon EBS-optimized instances" tables. A row with one figure (no burst) has
# baseline = maximum. Karpenter's karpenter.k8s.aws/instance-ebs-bandwidth label is not used: it carries
# EbsOptimizedInfo.MaximumBandwidthInMbps (aws/karpenter-provider-aws:pkg/providers/instancetype/types.go),
# the burst figure: 4750 for c5.large against a 650 baseline.
EBS_OPTIMIZED_SOURCE = ("Amazon EC2 User Guide, 'Amazon EBS-optimized instances', tables 'EBS optimized by default', "
                        "baseline bandwidth column (https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/ebs-optimized.html "
                        "as published in awsdocs/amazon-ec2-user-guide:doc_source/ebs-optimized.md@d289961, "
                        "2023-05-11, that repository's last version of the page, looked up 2026-12-07); a row with "
                        "one figure has baseline = maximum")
EBS_OPTIMIZED_AS_OF = "2023-05-11"
EBS_NOT_LISTED = ("no figure: the family is newer than the %s table of the Amazon EC2 User Guide, 'Amazon "
                  "EBS-optimized instances' (awsdocs/amazon-ec2-user-guide:doc_source/ebs-optimized.md@d289961), "
                  "and no other source of its baseline was found; an EBS-only node of it gets the model's flat "
                  "io.disk_mib_per_s.ebs (instance_catalogs/model/model.yaml)" % EBS_OPTIMIZED_AS_OF)
# r3 and i2 are only in the page's "EBS optimization supported" table: a maximum for an opt-in
# EBS optimization, no baseline. They have instance store, which is their disk in the model.
EBS_OPT_IN_ONLY = ("no figure: r3 and i2 are only in the 'EBS optimization supported' table of the Amazon EC2 User "
                   "Guide, 'Amazon EBS-optimized instances' (awsdocs/amazon-ec2-user-guide:doc_source/"
                   "ebs-optimized.md@d289961, 2023-05-11), which gives the maximum of an opt-in EBS optimization, "
                   "not a baseline; the instance store is the local disk the model uses for these types")
EBS_BASELINE_BY_FAMILY = {
    "m4": {"large": 450, "xlarge": 750, "2xlarge": 1000, "4xlarge": 2000, "10xlarge": 4000, "16xlarge": 10000},
    "m5": {"large": 650, "xlarge": 1150, "2xlarge": 2300, "4xlarge": 4750, "8xlarge": 6800, "12xlarge": 9500,
           "16xlarge": 13600, "24xlarge": 19000, "metal": 19000},
    "m5a": {"large": 650, "xlarge": 1085, "2xlarge": 1580, "4xlarge": 2880, "8xlarge": 4750, "12xlarge": 6780,
            "16xlarge": 9500, "24xlarge": 13750},
    "m5d": {"large": 650, "xlarge": 1150, "2xlarge": 2300, "4xlarge": 4750, "8xlarge": 6800, "12xlarge": 9500,
            "16xlarge": 13600, "24xlarge": 19000, "metal": 19000},
    "m6i": {"large": 650, "xlarge": 1250, "2xlarge": 2500, "4xlarge": 5000, "8xlarge": 10000, "12xlarge": 15000,
            "16xlarge": 20000, "24xlarge": 30000, "32xlarge": 40000, "metal": 40000},
    "m6a": {"large": 650, "xlarge": 1250, "2xlarge": 2500, "4xlarge": 5000, "8xlarge": 10000, "12xlarge": 15000,
            "16xlarge": 20000, "24xlarge": 30000, "32xlarge": 40000, "48xlarge": 40000, "metal": 40000},
    "m6g": {"large": 630, "xlarge": 1188, "2xlarge": 2375, "4xlarge": 4750, "8xlarge": 9500, "12xlarge": 14250,
            "16xlarge": 19000, "metal": 19000},
    "m6gd": {"large": 630, "xlarge": 1188, "2xlarge": 2375, "4xlarge": 4750, "8xlarge": 9500, "12xlarge": 14250,
             "16xlarge": 19000, "metal": 19000},
    "m7g": {"large": 630, "xlarge": 1250, "2xlarge": 2500, "4xlarge": 5000, "8xlarge": 10000, "12xlarge": 15000,
            "16xlarge": 20000, "metal": 20000},
    "r4": {"large": 425, "xlarge": 850, "2xlarge": 1700, "4xlarge": 3500, "8xlarge": 7000, "16xlarge": 14000},
    "r5": {"large": 650, "xlarge": 1150, "2xlarge": 2300, "4xlarge": 4750, "8xlarge": 6800, "12xlarge": 9500,
           "16xlarge": 13600, "24xlarge": 19000, "metal": 19000},
    "r5a": {"large": 650, "xlarge": 1085, "2xlarge": 1580, "4xlarge": 2880, "8xlarge": 4750, "12xlarge": 6780,
            "16xlarge": 9500, "24xlarge": 13570},
    "r5d": {"large": 650, "xlarge": 1150, "2xlarge": 2300, "4xlarge": 4750, "8xlarge": 6800, "12xlarge": 9500,
            "16xlarge": 13600, "24xlarge": 19000, "metal": 19000},
    "r5b": {"large": 1250, "xlarge": 2500, "2xlarge": 5000, "4xlarge": 10000, "8xlarge": 20000, "12xlarge": 30000,
            "16xlarge": 40000, "24xlarge": 60000, "metal": 60000},
    "r6i": {"large": 650, "xlarge": 1250, "2xlarge": 2500, "4xlarge": 5000, "8xlarge": 10000, "12xlarge": 15000,
            "16xlarge": 20000, "24xlarge": 30000, "32xlarge": 40000, "metal": 40000},
    "r6g": {"large": 630, "xlarge": 1188, "2xlarge": 2375, "4xlarge": 4750, "8xlarge": 9500, "12xlarge": 14250,
            "16xlarge": 19000, "metal": 19000},
    "r7g": {"large": 630, "xlarge": 1250, "2xlarge": 2500, "4xlarge": 5000, "8xlarge": 10000, "12xlarge": 15000,
            "16xlarge": 20000, "metal": 20000},
    "c4": {"large": 500, "xlarge": 750, "2xlarge": 1000, "4xlarge": 2000, "8xlarge": 4000},
    "c5": {"large": 650, "xlarge": 1150, "2xlarge": 2300, "4xlarge": 4750, "9xlarge": 9500, "12xlarge": 9500,
           "18xlarge": 19000, "24xlarge": 19000, "metal": 19000},
    "c5a": {"large": 200, "xlarge": 400, "2xlarge": 800, "4xlarge": 1580, "8xlarge": 3170, "12xlarge": 4750,
            "16xlarge": 6300, "24xlarge": 9500},
    "c5d": {"large": 650, "xlarge": 1150, "2xlarge": 2300, "4xlarge": 4750, "9xlarge": 9500, "12xlarge": 9500,
            "18xlarge": 19000, "24xlarge": 19000, "metal": 19000},
    "c5n": {"large": 650, "xlarge": 1150, "2xlarge": 2300, "4xlarge": 4750, "9xlarge": 9500, "18xlarge": 19000,
            "metal": 19000},
    "c6i": {"large": 650, "xlarge": 1250, "2xlarge": 2500, "4xlarge": 5000, "8xlarge": 10000, "12xlarge": 15000,
            "16xlarge": 20000, "24xlarge": 30000, "32xlarge": 40000, "metal": 40000},
    "c6g": {"large": 630, "xlarge": 1188, "2xlarge": 2375, "4xlarge": 4750, "8xlarge": 9500, "12xlarge": 14250,
            "16xlarge": 19000, "metal": 19000},
    "c7g": {"large": 630, "xlarge": 1250, "2xlarge": 2500, "4xlarge": 5000, "8xlarge": 10000, "12xlarge": 15000,
            "16xlarge": 20000, "metal": 20000},
    "i3": {"large": 425, "xlarge": 850, "2xlarge": 1700, "4xlarge": 3500, "8xlarge": 7000, "16xlarge": 14000,
           "metal": 19000},
    "i3en": {"large": 576, "xlarge": 1153, "2xlarge": 2307, "3xlarge": 3800, "6xlarge": 4750, "12xlarge": 9500,
             "24xlarge": 19000, "metal": 19000},
    "i4i": {"large": 625, "xlarge": 1250, "2xlarge": 2500, "4xlarge": 5000, "8xlarge": 10000, "16xlarge": 20000,
            "32xlarge": 40000, "metal": 40000},
    "z1d": {"large": 800, "xlarge": 1580, "2xlarge": 3170, "3xlarge": 4750, "6xlarge": 9500, "12xlarge": 19000,
            "metal": 19000},
}

FAMILY_ORDER = ("m4 m5 m5a m5d m6i m6a m6g m6gd m7g m7i m8g r3 r4 r5 r5a r5d r5b r6i r6g r7g r8g "
                "c4 c5 c5a c5d c5n c6i c6g c7g c7i i2 i3 i3en i4i z1d").split()


def q(text):
    """A YAML double-quoted scalar."""
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"') + '"'


def num(value):
    """The shortest decimal form that reads back exactly."""
    if isinstance(value, int):
        return str(value)
    text = repr(float(value))
    return text[:-2] if text.endswith(".0") else text


def xlarge_units(size, vcpus):
    if size == "large":
        return 0.5
    if size == "xlarge":
        return 1
    if size.endswith("xlarge"):
        return int(size[:-len("xlarge")])
    if size.startswith("metal-"):
        return int(size[len("metal-"):-len("xl")])
    return vcpus / 4  # plain metal: as the virtual size with the same vCPUs


def pattern_yarn(memory_gib, newer):
    table = PATTERN_NEWER if newer else PATTERN_OLDER
    keys = sorted(table)
    if memory_gib in table:
        return table[memory_gib], "pattern"
    if memory_gib < keys[0]:
        value = memory_gib * 1024 * 0.75
    elif memory_gib > keys[-1]:
        value = memory_gib * table[keys[-1]] / keys[-1]  # the top row's share of RAM
    else:
        lo = max(k for k in keys if k < memory_gib)
        hi = min(k for k in keys if k > memory_gib)
        value = table[lo] + (table[hi] - table[lo]) * (memory_gib - lo) / (hi - lo)
    return int(value) // 32 * 32, "interpolated"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: python3 scripts/gen_catalog.py <shared data dir>")
    data = sys.argv[1]
    rows = list(csv.DictReader(open(os.path.join(data, "ec2", "ec2_instances_us_east_1.csv"))))
    yarn_rows = {r["instance"]: r for r in csv.DictReader(open(os.path.join(data, "emr", "emr_yarn_task_defaults.csv")))}
    csv_families = {name.split(".")[0] for name in yarn_rows}

    families = {}
    for row in rows:
        families.setdefault(row["family"], []).append(row)
    assert sorted(families) == sorted(FAMILY_ORDER), sorted(families)

    os.makedirs(os.path.join(ROOT, "ec2"), exist_ok=True)
    stats = {"cited": 0, "pattern": 0, "interpolated": 0, "emr": 0, "fee": 0}
    for family in FAMILY_ORDER:
        write_family(family, families[family], yarn_rows, csv_families, stats)
    print("types:", len(rows), stats)
    write_releases()
    write_glue()
    write_serverless()


def ebs_source(family, rows):
    """The family's ebs_source: the table, and which of its sizes the table leaves out."""
    sizes = EBS_BASELINE_BY_FAMILY.get(family)
    if family in ("r3", "i2"):
        return EBS_OPT_IN_ONLY
    if not sizes:
        return EBS_NOT_LISTED
    assert set(sizes) <= {r["size"] for r in rows}, family
    missing = [r["instance_type"] for r in sorted(rows, key=lambda r: int(r["vcpu"])) if r["size"] not in sizes]
    if not missing:
        return EBS_OPTIMIZED_SOURCE
    return EBS_OPTIMIZED_SOURCE + "; not in the table, so without a figure: " + ", ".join(missing)


def write_family(family, rows, yarn_rows, csv_families, stats):
    newer = family in NEWER_FAMILIES or rows[0]["arch"] == "arm64"
    column = "newer" if newer else "older x86"
    processors = [r["processor"] for r in rows]
    processor = max(set(processors), key=processors.count)
    if family in GEEKBENCH_SCORES:
        name, score = GEEKBENCH_SCORES[family]
        speed = round(score / M5_SCORE, 2)
        speed_source = "measured: %s scores %d, %s" % (name, score, GEEKBENCH)
    else:
        speed, speed_source = CORE_SPEED_MAPPED[family]

    source = ("Specs, EC2 prices (us-east-1 on-demand) and EMR fees: %s. YARN: the EMR task-configuration row "
              "where there is one (%s), else EMR's '%s' pattern column by RAM (the same page). "
              "EMR availability rule, default EBS (Amazon EMR Management Guide, 'Default Amazon EBS storage for "
              "instances', https://docs.aws.amazon.com/emr/latest/ManagementGuide/emr-plan-storage.html, looked up "
              "%s) and the interpolation rules: instance_catalogs/README.md."
              % (CSV_SOURCE_SHORT, YARN_SOURCE_SHORT, column, LOOKUP_DATE))
    out = ["# Generated by scripts/gen_catalog.py; edit the script, not this file.",
           "schema_version: 1",
           "family: " + family,
           "processor: " + q(processor),
           "source: " + q(source),
           "as_of: " + q(EC2_AS_OF),
           "price_source: " + q(EC2_PRICE_SOURCE),
           "emr_fee_source: " + q(NO_FEE),
           "ebs_source: " + q(ebs_source(family, rows)),
           "ebs_as_of: " + q(EBS_OPTIMIZED_AS_OF),
           "core_speed:",
           "  value: " + num(speed),
           "  estimate: true",
           "  source: " + q(speed_source + "; looked up " + LOOKUP_DATE),
           "instances:"]
    rows = sorted(rows, key=lambda r: (int(r["vcpu"]), r["instance_type"]))
    for r in rows:
        name, size = r["instance_type"], r["size"]
        vcpus = int(r["vcpu"])
        memory = float(r["memory_gib"])
        memory_text = r["memory_gib"]
        local = int(r["local_nvme_gb"])
        kind = "none" if local == 0 else ("ssd" if family in ("r3", "i2") else "nvme")
        if local == 0:
            ebs_derived = size not in EBS_BY_SIZE
            ebs = EBS_BY_SIZE.get(size, int(64 * xlarge_units(size, vcpus)))
        else:
            ebs, ebs_derived = 0, False
        parts = [p.strip() for p in r["price_source"].split(" | ")]
        price_source = parts[0][len("ec2="):] if parts[0].startswith("ec2=") else parts[0]
        assert price_source == EC2_PRICE_SOURCE, price_source
        fee_source = parts[1][len("emr="):] if len(parts) > 1 else None
        assert (fee_source is None) == (not r["emr_fee_usd_per_hour"]), name
        is_metal = size.startswith("metal")
        if name in yarn_rows:
            available = True
        elif family in csv_families or family in POST_CSV_FAMILIES:
            available = size != "large" and not is_metal
        else:
            available = False

        if name in yarn_rows:
            y = yarn_rows[name]
            nm, mx, mn = (int(y["yarn.nodemanager.resource.memory-mb"]),
                          int(y["yarn.scheduler.maximum-allocation-mb"]),
                          int(y["yarn.scheduler.minimum-allocation-mb"]))
            provenance = "cited"
        else:
            key = int(memory) if memory == int(memory) else memory
            nm, provenance = pattern_yarn(key, newer)
            mx, mn = nm, EMR_MIN_ALLOCATION
        stats[provenance] += 1
        stats["emr"] += available
        stats["fee"] += bool(r["emr_fee_usd_per_hour"])

        out.append("  - name: " + name)
        out.append("    vcpus: %d" % vcpus)
        out.append("    memory_gib: " + memory_text)
        out.append("    arch: " + r["arch"])
        if r["processor"] != processor:
            out.append("    processor: " + q(r["processor"]))
        if r["network_gbps"]:
            out.append("    network_gbps: " + num(float(r["network_gbps"])))
        if size in EBS_BASELINE_BY_FAMILY.get(family, {}):
            out.append("    ebs_baseline_mbps: %d" % EBS_BASELINE_BY_FAMILY[family][size])
        out.append("    local_disk_gb: %d" % local)
        out.append("    local_disk_kind: " + kind)
        out.append("    default_ebs_gb: %d" % ebs)
        if ebs_derived:
            out.append("    default_ebs_derived: true")
        out.append("    price_usd_per_hour: " + num(float(r["price_usd_per_hour"])))
        emr = ["available: " + ("true" if available else "false")]
        if r["emr_fee_usd_per_hour"]:
            emr.append("fee_usd_per_hour: " + num(float(r["emr_fee_usd_per_hour"])))
        emr.append("fee_derived: " + r["derived"])
        if fee_source:
            emr.append("fee_source: " + q(fee_source))
        # Flow style: one line per block keeps the files short, which is what yaml-cpp's scan time follows.
        out.append("    emr: {" + ", ".join(emr) + "}")
        out.append("    yarn: {nodemanager_mib: %d, max_allocation_mib: %d, min_allocation_mib: %d, provenance: %s}"
                   % (nm, mx, mn, provenance))
    with open(os.path.join(ROOT, "ec2", family + ".yaml"), "w") as f:
        f.write("\n".join(out) + "\n")


SPARK_HISTORY = "https://docs.aws.amazon.com/emr/latest/ReleaseGuide/Spark-release-history.html"
HADOOP_HISTORY = "https://docs.aws.amazon.com/emr/latest/ReleaseGuide/Hadoop-release-history.html"
JAVA_PAGE = "https://docs.aws.amazon.com/emr/latest/ReleaseGuide/configuring-java8.html"
SPARK_CONFIGURE = "https://docs.aws.amazon.com/emr/latest/ReleaseGuide/emr-spark-configure.html"

# label, Spark (upstream part of EMR's x.y.z-amzn-n), Hadoop, default Java.
RELEASES = [
    ("emr-5.36.0", "2.4.8", "2.10.1", "8"),
    ("emr-6.5.0", "3.1.2", "3.2.1", "8"),
    ("emr-6.10.0", "3.3.1", "3.3.3", "8"),
    ("emr-6.15.0", "3.4.1", "3.3.6", "8"),
    ("emr-7.0.0", "3.5.0", "3.3.6", "17"),
    ("emr-7.1.0", "3.5.0", "3.3.6", "17"),
    ("emr-7.2.0", "3.5.1", "3.3.6", "17"),
    ("emr-7.5.0", "3.5.2", "3.4.0", "17"),
    ("emr-7.8.0", "3.5.4", "3.4.1", "17"),
    ("emr-7.9.0", "3.5.5", "3.4.1", "17"),
    ("emr-7.10.0", "3.5.5", "3.4.1", "17"),
    ("emr-7.12.0", "3.5.6", "3.4.1", "17"),
    ("emr-7.13.0", "3.5.6", "3.4.2", "17"),
]


def write_releases():
    out = ["# Generated by scripts/gen_catalog.py; edit the script, not this file.",
           "schema_version: 1",
           "source: " + q("Amazon EMR Release Guide, looked up %s: Spark release history (%s), Hadoop version "
                          "history (%s), default JVM (%s: Java 8 on 5.x and 6.x, Java 17 on 7.x), Spark defaults "
                          "set by EMR (%s). Overhead factor 0.1875 (spark.yarn.executor.memoryOverheadFactor, EMR "
                          "5.22+), heterogeneous executors on 5.32+/6.2+ and dynamic executor sizing on 5.34+/6.5+: "
                          "Configure Spark (%s); docs/domain.md#executor-memory-overhead." % (LOOKUP_DATE, SPARK_HISTORY, HADOOP_HISTORY, JAVA_PAGE,
                                                       SPARK_CONFIGURE, SPARK_CONFIGURE)),
           "as_of: " + q(LOOKUP_DATE),
           "releases:"]
    for label, spark, hadoop, java in RELEASES:
        gc_note = ("gc: EMR's spark-defaults set spark.executor.defaultJavaOptions with -XX:+UseParallelGC (%s)"
                   % SPARK_CONFIGURE)
        if java == "17":
            gc_note += ("; not confirmed for 7.x: a Java 17 JVM defaults to G1 if EMR ever drops that flag, "
                        "see apache/spark#51796")
        out += ["  - label: " + label,
                "    spark_version: " + q(spark),
                "    hadoop_version: " + q(hadoop),
                "    java_version: " + q(java),
                "    executor_overhead_factor: 0.1875",
                "    dynamic_allocation: true",
                "    heterogeneous_executors: true",
                "    dynamic_executor_sizing: true",
                "    gc: parallel",
                "    source: " + q("Spark %s and Hadoop %s: %s, %s (EMR appends -amzn-N; dropped here); Java %s: "
                                   "%s; %s" % (spark, hadoop, SPARK_HISTORY, HADOOP_HISTORY, java, JAVA_PAGE,
                                               gc_note))]
    with open(os.path.join(ROOT, "emr_releases.yaml"), "w") as f:
        f.write("\n".join(out) + "\n")


GLUE_WORKERS = [
    # name, dpus, vcpus, memory GB, disk GB, versions, streaming only, heap MiB, notes
    ("Standard", 1, 4, 16, 50, ["0.9", "1.0"], False, None,
     "MaxCapacity 2-100 DPUs (default 10); one DPU is the master; every other DPU runs 2 executors of 4 cores, "
     "one of them the driver"),
    ("G.025X", 0.25, 2, 4, 84, ["3.0", "4.0", "5.0", "5.1"], True, None, "streaming jobs only, Glue 3.0+"),
    ("G.1X", 1, 4, 16, 94, ["2.0", "3.0", "4.0", "5.0", "5.1"], False, 10240,
     "one executor per worker; executor heap ~10 GiB measured on Glue 2.0 (docs/domain.md#glue-workers)"),
    ("G.2X", 2, 8, 32, 138, ["2.0", "3.0", "4.0", "5.0", "5.1"], False, None, ""),
    ("G.4X", 4, 16, 64, 256, ["3.0", "4.0", "5.0", "5.1"], False, None, "Glue 3.0+"),
    ("G.8X", 8, 32, 128, 512, ["3.0", "4.0", "5.0", "5.1"], False, None, "Glue 3.0+"),
    ("G.12X", 12, 48, 192, 768, ["4.0", "5.0", "5.1"], False, None, "higher start-up latency"),
    ("G.16X", 16, 64, 256, 1024, ["4.0", "5.0", "5.1"], False, None, "higher start-up latency"),
    ("R.1X", 1, 4, 32, 94, ["4.0", "5.0", "5.1"], False, None, "memory-optimised, 32 GB per M-DPU; disk as G.1X"),
    ("R.2X", 2, 8, 64, 138, ["4.0", "5.0", "5.1"], False, None, "memory-optimised, 32 GB per M-DPU; disk as G.2X"),
    ("R.4X", 4, 16, 128, 256, ["4.0", "5.0", "5.1"], False, None, "memory-optimised, 32 GB per M-DPU; disk as G.4X"),
    ("R.8X", 8, 32, 256, 512, ["4.0", "5.0", "5.1"], False, None, "memory-optimised, 32 GB per M-DPU; disk as G.8X"),
]
GLUE_VERSIONS = [
    # version, Spark, Python, minimum billed seconds
    ("0.9", "2.2.1", "2.7", 600),
    ("1.0", "2.4.3", "3.6", 600),
    ("2.0", "2.4.3", "3.7", 60),
    ("3.0", "3.1.1", "3.7", 60),
    ("4.0", "3.3.0", "3.10", 60),
    ("5.0", "3.5.4", "3.11", 60),
    ("5.1", "3.5.6", "3.11", 60),
]


# The EC2 instance each Glue worker type matches in vCPUs and memory (G: m5, 4 GB per vCPU; R: r5,
# 8 GB per vCPU; G.025X: c5.large, 2 GB per vCPU; Standard: as G.1X). AWS does not publish Glue's
# NIC or EBS speeds; the worker gets the baseline of this instance.
GLUE_EQUIVALENT = {"Standard": "m5.xlarge", "G.025X": "c5.large", "G.1X": "m5.xlarge", "G.2X": "m5.2xlarge",
                   "G.4X": "m5.4xlarge", "G.8X": "m5.8xlarge", "G.12X": "m5.12xlarge", "G.16X": "m5.16xlarge",
                   "R.1X": "r5.xlarge", "R.2X": "r5.2xlarge", "R.4X": "r5.4xlarge", "R.8X": "r5.8xlarge"}
BANDWIDTH_SOURCE = ("network_gbps is the baseline network bandwidth of the equivalent EC2 instance "
                    "(bandwidth_as) as instance_catalogs/aws/ec2/<family>.yaml records it (the 'up to' "
                    "figure's baseline); disk_mib_per_s is that instance's EBS-optimized baseline bandwidth "
                    "(Amazon EC2 User Guide, 'Amazon EBS-optimized instance types', baseline Mbps / 8 in MiB/s). "
                    "AWS does not publish either for Glue or EMR Serverless; both run on EC2, and the published "
                    "vCPU and memory of each worker match the instance named (derived " + "2026-12-07)")


def ec2_network_gbps(instance):
    family = instance.split(".")[0]
    text = open(os.path.join(ROOT, "ec2", family + ".yaml")).read()
    match = re.search(r"- name: " + re.escape(instance) + r"\n(?:    .*\n)*?    network_gbps: ([0-9.]+)", text)
    assert match, instance
    return float(match.group(1))


def ebs_mib_per_s(instance):
    family, size = instance.split(".")
    return round(EBS_BASELINE_BY_FAMILY[family][size] * 1e6 / 8 / 1048576, 1)


def write_glue():
    out = ["# Generated by scripts/gen_catalog.py; edit the script, not this file.",
           "schema_version: 1",
           "source: " + q("Worker table, $0.44 per DPU-hour, billing minimums, the 50,000-file grouping threshold and "
                          "the G.1X heap on Glue 2.0: AWS Glue Developer Guide (job properties, "
                          "https://docs.aws.amazon.com/glue/latest/dg/add-job.html; grouping input files) and "
                          "https://aws.amazon.com/glue/pricing/; docs/domain.md#glue-workers. Spark and Python per version: 'AWS Glue "
                          "versions', https://docs.aws.amazon.com/glue/latest/dg/release-notes.html, looked up "
                          + LOOKUP_DATE + " (5.0 = Spark 3.5.4, 5.1 = Spark 3.5.6; 1.0 also ran Python 2.7; 0.9 "
                          "and 1.0 from https://endoflife.date/api/amazon-glue.json). Not re-checked: the version "
                          "lists of G.12X/G.16X and the R types (4.0+), and the R types' disk ('as G')."),
           "as_of: " + q(LOOKUP_DATE),
           "usd_per_dpu_hour: 0.44",
           "flex_usd_per_dpu_hour: 0.29",
           "flex_source: " + q("third-party figure (docs/domain.md#glue-billing); AWS lists Flex per region on "
                               "https://aws.amazon.com/glue/pricing/"),
           "file_grouping_threshold: 50000",
           "bandwidth_source: " + q(BANDWIDTH_SOURCE),
           "worker_types:"]
    for name, dpus, vcpus, mem, disk, versions, streaming, heap, notes in GLUE_WORKERS:
        out += ["  - name: " + q(name),
                "    dpus: " + num(dpus),
                "    vcpus: %d" % vcpus,
                "    memory_gib: %d" % mem,
                "    disk_gb: %d" % disk,
                "    glue_versions: [" + ", ".join(q(v) for v in versions) + "]",
                "    streaming_only: " + ("true" if streaming else "false")]
        if heap is not None:
            out.append("    executor_heap_mib: %d" % heap)
        out.append("    executor_heap_estimated: true")
        equivalent = GLUE_EQUIVALENT[name]
        out += ["    bandwidth_as: " + q(equivalent),
                "    network_gbps: " + num(ec2_network_gbps(equivalent)),
                "    disk_mib_per_s: " + num(ebs_mib_per_s(equivalent))]
        out.append("    notes: " + q(notes))
    out.append("versions:")
    for version, spark, python, billed in GLUE_VERSIONS:
        out += ["  - version: " + q(version),
                "    spark_version: " + q(spark),
                "    python_version: " + q(python),
                "    minimum_billed_s: %d" % billed]
    with open(os.path.join(ROOT, "glue.yaml"), "w") as f:
        f.write("\n".join(out) + "\n")


def write_serverless():
    out = ["# Generated by scripts/gen_catalog.py; edit the script, not this file.",
           "schema_version: 1",
           "source: " + q("docs/domain.md#emr-serverless-workers; worker sizes and disk re-checked against the EMR "
                          "Serverless User Guide, 'Supported worker configurations' "
                          "(https://docs.aws.amazon.com/emr/latest/EMR-Serverless-UserGuide/app-behavior.html, looked "
                          "up " + LOOKUP_DATE + "); prices us-east-1 x86 from https://aws.amazon.com/emr/pricing/ "
                          "(docs/domain.md#emr-serverless-billing); Spark defaults (4 cores / 14G, overhead 0.1) from the EMR "
                          "Serverless Spark defaults page, https://docs.aws.amazon.com/emr/latest/EMR-Serverless-UserGuide/jobs-spark.html "
                          "(docs/domain.md#emr-serverless-spark-defaults); the worker sizes, memory ranges and steps re-checked "
                          "2026-12-07 on the same 'Supported worker configurations' page, which also gives the executor "
                          "container as spark.executor.memory + spark.executor.memoryOverhead (default 10%, at least "
                          "384 MB) within the worker's memory"),
           "as_of: " + q(LOOKUP_DATE),
           "worker_sizes:",
           "  - {vcpus: 1, min_memory_gib: 2, max_memory_gib: 8, memory_step_gib: 1}",
           "  - {vcpus: 2, min_memory_gib: 4, max_memory_gib: 16, memory_step_gib: 1}",
           "  - {vcpus: 4, min_memory_gib: 8, max_memory_gib: 30, memory_step_gib: 1}",
           "  - {vcpus: 8, min_memory_gib: 16, max_memory_gib: 60, memory_step_gib: 4}",
           "  - {vcpus: 16, min_memory_gib: 32, max_memory_gib: 120, memory_step_gib: 8}",
           "min_disk_gb: 20",
           "max_disk_gb: 200",
           "usd_per_vcpu_hour: 0.052624",
           "usd_per_gb_hour: 0.0057785",
           "usd_per_disk_gb_hour: 0.000111",
           "minimum_billed_s: 60",
           "default_executor_cores: 4",
           "default_executor_memory_gib: 14",
           "overhead_factor: 0.1",
           # m5.xlarge to m5.8xlarge: 1.25 / 4 = 0.3125 Gbps and 1150 Mbps / 4 = 287.5 Mbps of EBS per vCPU.
           "network_gbps_per_vcpu: " + num(ec2_network_gbps("m5.xlarge") / 4),
           "disk_mib_per_s_per_vcpu: " + num(round(ebs_mib_per_s("m5.xlarge") / 4, 2)),
           "bandwidth_source: " + q("A worker of n vCPUs gets n times the per-vCPU share of m5.xlarge (4 vCPU, "
                                    "16 GiB; the same share as m5.2xlarge, m5.4xlarge and m5.8xlarge): " +
                                    BANDWIDTH_SOURCE + ". EMR Serverless worker memory ranges from 2 to 8 GB per "
                                    "vCPU (c to r families, whose bandwidth per vCPU is the same as m5's at these "
                                    "sizes), so the share does not depend on the worker's memory")]
    with open(os.path.join(ROOT, "emr_serverless.yaml"), "w") as f:
        f.write("\n".join(out) + "\n")


if __name__ == "__main__":
    main()
