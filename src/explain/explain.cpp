#include "sparkfit/explain/explain.hpp"

#include <algorithm>

#include "sparkfit/layout/input_splits.hpp"
#include "sparkfit/platform/requests.hpp"
#include "sparkfit/review/review.hpp"
#include "sparkfit/units/units.hpp"

namespace sparkfit::explain {
namespace {

using units::format_size;

// Judgements a rule makes (fat executors, small files, shuffle partitions left at 200, ...) come
// from the rule files through review's facts and evaluator; the notes here are the arithmetic of
// waves that no rule judges. The long-wave threshold is sparkfit's own, stated in the note.
constexpr std::int64_t kLongWaveSequence = 10;
constexpr std::int64_t kDefaultShufflePartitions = 200;
// spark.sql.files.maxPartitionBytes' default, the split size Spark aims for.
const std::int64_t kMaxSplitBytes = layout::splits::Settings{}.max_partition_bytes;

std::string mib(std::int64_t value) { return std::to_string(value) + " MiB"; }

std::string plural(std::int64_t count, const std::string& word) {
  return std::to_string(count) + " " + word + (count == 1 ? "" : "s");
}

std::int64_t ceil_div(std::int64_t a, std::int64_t b) { return (a + b - 1) / b; }

using rules::Severity;

void add_note(Explanation& e, const char* id, Severity severity, std::string text) {
  e.notes.push_back(rules::note(id, severity, std::move(text)));
}

void fill_stage_waves(Stage& stage, int slots) {
  if (slots <= 0 || stage.tasks <= 0) return;
  stage.waves = ceil_div(stage.tasks, slots);
  stage.last_wave_tasks = stage.tasks - (stage.waves - 1) * slots;
}

// The layout problems no rule words: the other problems (heap below Spark's floor, a container
// above YARN's maximum or a node's memory, cores above a node's vcores) are rule findings.
void add_layout_notes(Explanation& e) {
  const layout::Layout& l = e.layout;
  if (l.problem == layout::Problem::overhead_too_small)
    add_note(
        e, "overhead-leaves-no-heap", Severity::warning,
        "the memory overhead " + mib(l.overhead_mib) + " leaves no heap in a " + mib(l.container_mib) + " container");
  else if (l.problem == layout::Problem::no_executor_fits)
    add_note(e, "no-executor-fits", Severity::warning,
             "the AM/driver container (" + mib(l.am_container_mib) + ") leaves no room for an executor");
  else if (l.problem == layout::Problem::bad_choice)
    add_note(e, "bad-choice", Severity::warning, "the layout choices are out of range");
}

void add_parallelism_notes(Explanation& e) {
  if (e.stages.empty() || e.task_slots <= 0) return;
  const Stage& focus = e.stages[e.focus];
  const std::int64_t slots = e.task_slots;
  // A shuffle stage with fewer tasks than slots is SF3002's to say. A scan whose splits are
  // already below maxPartitionBytes was cut that fine by default parallelism: more partitions
  // only make smaller tasks, so the data is small for the cluster.
  const bool small_splits = focus.kind == "scan" && focus.bytes_per_task && *focus.bytes_per_task < kMaxSplitBytes;
  if (focus.tasks < slots && small_splits) {
    add_note(e, "tasks-already-small", Severity::info,
             focus.name + " has " + plural(focus.tasks, "task") + " for " + std::to_string(slots) +
                 " slots, each reading " + format_size(*focus.bytes_per_task) + ", already below maxPartitionBytes " +
                 format_size(kMaxSplitBytes) + ": more partitions would only make smaller tasks. The input is small " +
                 "for this cluster; fewer, larger tasks (fewer executors, or a smaller spark.default.parallelism) " +
                 "cost less scheduling and driver memory");
  } else if (focus.tasks < slots && focus.kind != "shuffle") {
    add_note(e, "fewer-tasks-than-slots", Severity::warning,
             focus.name + " has " + plural(focus.tasks, "task") + " for " + std::to_string(slots) +
                 " slots: " + std::to_string(slots - focus.tasks) +
                 " cores sit idle for the whole stage; raise the partition count to at least " + std::to_string(slots) +
                 " (2-3 per core is the tuning guide's advice)");
  } else if (focus.waves >= kLongWaveSequence) {
    std::string per_task = focus.bytes_per_task ? ", each task reading " + format_size(*focus.bytes_per_task) : "";
    add_note(e, "long-wave-sequence", Severity::info,
             std::to_string(slots) + " tasks run in parallel; " + plural(focus.tasks, "partition") + " make " +
                 plural(focus.waves, "wave") + " of " + std::to_string(slots) + " tasks" + per_task +
                 ". The stage runs as a long sequence of waves and lasts about " + std::to_string(focus.waves) +
                 " task-times: more executors or cores shorten it (twice the slots, half the waves); more "
                 "partitions do not, they only make more, smaller tasks (a threshold of " +
                 std::to_string(kLongWaveSequence) + " waves is sparkfit's judgement)");
  } else if (focus.waves > 1 && focus.last_wave_tasks * 2 < slots) {
    add_note(e, "idle-tail", Severity::info,
             "the last of " + std::to_string(focus.waves) + " waves runs " + std::to_string(focus.last_wave_tasks) +
                 " tasks on " + std::to_string(slots) + " slots: " + std::to_string(slots - focus.last_wave_tasks) +
                 " cores idle while it finishes; a partition count that is a multiple of " + std::to_string(slots) +
                 " avoids the tail");
  }
}

void add_input_notes(Explanation& e) {
  if (!e.request.has_input) return;
  const job::Input& input = e.request.job.input;
  if (input.file_count() <= 0) return;
  if (!input.splittable()) {
    add_note(e, "unsplittable-input", Severity::warning,
             std::string(job::to_string(input.file_format)) + " compressed with " + input.compression +
                 " cannot be split: each file is one task however large");
  }
}

// What explain knows of the work: the input, the scan's tasks and the shuffle's size.
review::Work work_of(const Explanation& e) {
  const job::Input& input = e.request.job.input;
  review::Work work;
  work.input_bytes = static_cast<double>(input.size_bytes);
  work.files = input.file_count();
  for (const Stage& stage : e.stages) {
    if (stage.kind == "scan") work.input_tasks = stage.tasks;
    if (stage.kind == "shuffle" && stage.total_bytes) work.shuffle_bytes = static_cast<double>(*stage.total_bytes);
  }
  return work;
}

// The review rules over review's facts of this layout, so that explain and review judge one
// configuration alike: the same ids, thresholds and words.
void add_rule_findings(Explanation& e) {
  const Request& request = e.request;
  if (!request.rules) return;
  review::Input input;
  input.cluster = request.cluster;
  input.calculator = request.choices.calculator;
  input.job = request.job;
  if (request.shuffle_partitions)
    input.settings.push_back({"spark.sql.shuffle.partitions",
                              std::to_string(*request.shuffle_partitions),
                              "flag --shuffle-partitions",
                              {},
                              spark_conf::kPrecedenceFlag});
  std::optional<review::Work> work;
  if (request.has_input) work = work_of(e);
  const review::FactSet facts = review::layout_facts(input, request.choices, work);
  for (rules::Finding& finding : review::evaluate(*request.rules, facts, review::Config{}))
    e.notes.push_back(std::move(finding));
}

// The layout on the cluster, or the slots alone without one, and what was filled in.
void lay_out(Explanation& e) {
  const Request& request = e.request;
  const layout::Choices& choices = request.choices;
  if (!request.cluster) {
    if (choices.num_executors <= 0 || choices.executor_cores <= 0)
      throw InputError(
          "explain needs a cluster (--instance and --nodes, --node-cores/--node-memory/--nodes, or a job spec "
          "with a platform) or at least --num-executors and --executor-cores");
    e.task_slots = choices.num_executors * (choices.executor_cores / choices.task_cpus);
    e.assumptions.push_back("no cluster given: only slots and waves are explained, not memory");
    return;
  }
  e.has_layout = true;
  e.layout = layout::compute(request.cluster->node, request.cluster->nodes, choices);
  e.task_slots = e.layout.problem == layout::Problem::none ? e.layout.task_slots : 0;
  e.assumptions = platform::assumed_fill(*request.cluster, e.layout, choices);
}

// The input stage: its tasks come from --partitions or from Spark's split rule.
Stage scan_stage(const Explanation& e) {
  const Request& request = e.request;
  const job::Input& input = request.job.input;
  Stage scan;
  scan.name = "stage 0 (scan)";
  scan.kind = "scan";
  if (request.partitions) {
    scan.tasks = *request.partitions;
    scan.tasks_reason = "--partitions";
  } else {
    layout::splits::Settings settings;
    int total_cores = e.task_slots * request.choices.task_cpus;
    settings.min_partition_num = std::max(total_cores, 2);
    std::int64_t files = input.file_count();
    layout::splits::Plan plan =
        layout::splits::plan_uniform(files, input.size_bytes / files, input.splittable(), settings);
    scan.tasks = plan.partitions;
    scan.tasks_reason = "Spark's split rule: " + plural(files, "file") + ", max split " +
                        format_size(plan.max_split_bytes) + " (maxPartitionBytes 128 MiB, default parallelism " +
                        std::to_string(settings.min_partition_num) + ")";
  }
  if (request.has_input) {
    scan.total_bytes = input.size_bytes;
    scan.bytes_per_task = input.size_bytes / std::max<std::int64_t>(1, scan.tasks);
  }
  fill_stage_waves(scan, e.task_slots);
  return scan;
}

// The shuffle stage that follows, when the job shuffles.
std::optional<Stage> shuffle_stage(const Explanation& e) {
  const Request& request = e.request;
  std::optional<double> shuffle_ratio;
  for (const job::Stage& stage : request.job.stages)
    if (stage.shuffle_ratio > 0) shuffle_ratio = shuffle_ratio.value_or(0) + stage.shuffle_ratio;
  const bool shuffles =
      request.shuffle_partitions || shuffle_ratio || (request.has_input && request.job.workload != job::Workload::etl);
  if (!shuffles) return std::nullopt;
  Stage shuffle;
  shuffle.name = "stage 1 (shuffle)";
  shuffle.kind = "shuffle";
  shuffle.tasks = request.shuffle_partitions.value_or(kDefaultShufflePartitions);
  shuffle.tasks_reason =
      request.shuffle_partitions ? "spark.sql.shuffle.partitions" : "spark.sql.shuffle.partitions default 200";
  if (shuffle_ratio && request.has_input) {
    shuffle.total_bytes = static_cast<std::int64_t>(static_cast<double>(request.job.input.size_bytes) * *shuffle_ratio);
    shuffle.bytes_per_task = *shuffle.total_bytes / shuffle.tasks;
  }
  fill_stage_waves(shuffle, e.task_slots);
  return shuffle;
}

}  // namespace

Explanation build(const Request& request) {
  Explanation e;
  e.request = request;
  lay_out(e);
  if (request.partitions || request.has_input) e.stages.push_back(scan_stage(e));
  e.assumptions.insert(e.assumptions.end(), request.assumed.begin(), request.assumed.end());
  if (std::optional<Stage> shuffle = shuffle_stage(e)) {
    e.stages.push_back(*shuffle);
    if (!request.shuffle_partitions)
      e.assumptions.push_back(platform::shuffle_partitions_assumed(kDefaultShufflePartitions));
  }
  // The stage explained: the one --partitions sizes, else the widest.
  if (!request.partitions) {
    for (std::size_t i = 1; i < e.stages.size(); ++i)
      if (e.stages[i].tasks > e.stages[e.focus].tasks) e.focus = i;
  }
  if (e.has_layout) add_layout_notes(e);
  add_rule_findings(e);
  add_parallelism_notes(e);
  add_input_notes(e);
  return e;
}

void lay_out(Request& request, const platform::ClusterRequest& asked, const platform::LayoutRequest& layout) {
  request.choices = platform::choices_for(layout, request.job, request.cluster ? &*request.cluster : nullptr);
  if (request.cluster) {
    request.assumed = platform::assumed_choices(layout, request.job, *request.cluster, request.choices);
    for (std::string& sentence : platform::assumed_cluster(asked, request.job, *request.cluster))
      request.assumed.push_back(std::move(sentence));
  }
  if (request.has_input)
    for (std::string& sentence : job::assumed_work(request.job)) request.assumed.push_back(std::move(sentence));
  request.partitions = request.job.layout.partitions;
  request.shuffle_partitions = request.job.layout.shuffle_partitions;
}

}  // namespace sparkfit::explain
