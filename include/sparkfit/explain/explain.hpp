// `explain`: what Spark will do with a configuration, drawn the way a teacher draws it (nodes,
// executor JVMs, task slots, memory regions) followed by the parallelism arithmetic and the
// places where performance suffers.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sparkfit/job/job.hpp"
#include "sparkfit/layout/layout.hpp"
#include "sparkfit/platform/platform.hpp"
#include "sparkfit/platform/requests.hpp"
#include "sparkfit/rules/finding.hpp"
#include "sparkfit/rules/rule_file.hpp"

namespace sparkfit::explain {

struct Request {
  std::optional<platform::Cluster> cluster;  // absent: only executors x cores are known
  layout::Choices choices;
  job::JobSpec job;
  bool has_input = false;
  // Explicitly given; absent values are defaulted and the defaulting is reported.
  std::optional<std::int64_t> partitions;          // tasks of the stage being explained
  std::optional<std::int64_t> shuffle_partitions;  // spark.sql.shuffle.partitions
  // What the cluster, layout-choice and work defaults stood in for (platform::assumed_cluster,
  // assumed_choices, job::assumed_work), as the caller applied them; build adds what it fills in.
  std::vector<std::string> assumed;
  // The rules review runs (review::load_rules), which judge this layout; none: the notes are
  // explain's wave arithmetic only.
  const std::vector<rules::Rule>* rules = nullptr;
};

struct Stage {
  std::string name;
  std::string kind;  // scan, shuffle
  std::int64_t tasks = 0;
  std::int64_t waves = 0;
  std::int64_t last_wave_tasks = 0;
  std::optional<std::int64_t> total_bytes;
  std::optional<std::int64_t> bytes_per_task;
  std::string tasks_reason;  // how the task count was found
};

struct Explanation {
  Request request;
  bool has_layout = false;
  layout::Layout layout;
  int task_slots = 0;
  std::vector<Stage> stages;
  std::size_t focus = 0;                 // index of the stage being explained (--partitions) or the widest
  std::vector<std::string> assumptions;  // what was filled in, and from where
  // Where performance suffers, with the numbers that show it: the review rules' findings (SF2003,
  // ...) and explain's own notes of wave arithmetic with a kebab id ("long-wave-sequence").
  std::vector<rules::Finding> notes;
};

// Builds the explanation; throws InputError when the request cannot be explained (no slots).
Explanation build(const Request& request);

// The layout of `request`'s job on its cluster from what the user asked: `layout` over the spec's
// `layout:` with the cluster's defaults, and what each default stood in for (the layout choices,
// the cluster `asked` became, the work when `request.has_input`), into `request.choices` and
// `request.assumed`; the spec's partitions are the ones explained.
void lay_out(Request& request, const platform::ClusterRequest& asked, const platform::LayoutRequest& layout);
// Its writers are in output/explain.hpp.

}  // namespace sparkfit::explain
