// Findings as text (compiler style), JSON (docs/interface.md#json), SARIF 2.1.0, GitLab Code Quality
// and Markdown.
#include <cinttypes>
#include <cmath>
#include <cstdio>
#include <map>
#include <sstream>
#include <utility>

#include "sparkfit/output/layout_json.hpp"
#include "sparkfit/output/review.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/json_writer.hpp"
#include "sparkfit/util/round.hpp"
#include "sparkfit/util/text.hpp"
#include "sparkfit/util/version.hpp"

namespace sparkfit::output {
namespace {

using review::cannot_place_text;
using review::count_text;
using review::FactSet;
using review::fix_settings;
using review::fix_settings_text;
using review::GlueReview;
using review::Input;
using review::Layouts;
using review::on_kubernetes;
using review::runs_in_review;
using rules::Finding;

using rules::Severity;

const char* sarif_level(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    default: return "note";
  }
}

// GitLab's severities (docs.gitlab.com/ci/testing/code_quality, "Code Quality report format"):
// info, minor, major, critical, blocker. An error is what Spark or YARN refuses, so it blocks a
// merge request's widget as critical; a style note is GitLab's info.
const char* gitlab_severity(Severity severity) {
  switch (severity) {
    case Severity::error: return "critical";
    case Severity::warning: return "major";
    case Severity::info: return "minor";
    default: return "info";
  }
}

// 64-bit FNV-1a: a stable fingerprint that needs no crypto library.
std::uint64_t fnv1a(const std::string& text, std::uint64_t hash = 14695981039346656037ULL) {
  for (char c : text) hash = (hash ^ static_cast<std::uint8_t>(c)) * 1099511628211ULL;
  return hash;
}

// Where a finding is shown: its own file and line, else line 1 of the first file the review read,
// else the command line (GitLab then lists it without a link).
std::pair<std::string, int> gitlab_location(const Finding& f, const Input& input) {
  auto is_file = [](const std::string& file) { return !file.empty() && file.front() != '<'; };
  if (is_file(f.place.file)) return {f.place.file, std::max(1, f.place.line)};
  for (const spark_conf::Setting& setting : input.settings)
    if (is_file(setting.where.file)) return {setting.where.file, 1};
  return {f.place.file.empty() ? "<command line>" : f.place.file, 1};
}

std::string mem(std::int64_t mib) { return units::format_spark_memory(mib); }

// On Kubernetes an executor is a pod and the driver's pod takes the AM's room.
std::string describe_layout(const layout::Layout& l, bool pods) {
  std::ostringstream out;
  out << l.num_executors << " executors x " << l.executor_cores << " cores (" << l.executors_per_node << " per node";
  if (l.executors_on_am_node != l.executors_per_node)
    out << ", " << l.executors_on_am_node << (pods ? " on the driver's node" : " on the AM's node");
  out << "), heap " << mem(l.heap_mib) << " + overhead " << mem(l.overhead_mib);
  if (l.offheap_mib + l.pyspark_mib > 0) out << " + off-heap/pyspark " << mem(l.offheap_mib + l.pyspark_mib);
  out << " = " << l.container_mib << " MiB per " << (pods ? "pod" : "container") << ", " << l.task_slots
      << " task slots; idle per node: " << l.idle_cores_per_node
      << (l.idle_cores_per_node == 1 ? " core, " : " cores, ") << l.idle_memory_mib_per_node << " MiB";
  return out.str();
}

std::string money_or_hours(const platform::Cluster& cluster, const model::Prediction& p) {
  if (cluster.platform == platform::Platform::yarn)
    return units::format_number(util::round_to(p.core_hours, 1)) + " core-hours";
  return units::format_money(p.cost_usd);
}

void write_layout_json(JsonWriter& json, const platform::Cluster& cluster, const layout::Layout& l) {
  output::write_layout_fields(json, cluster, l);
  json.key("problem");
  if (l.problem == layout::Problem::none)
    json.null();
  else
    json.value(std::string(layout::to_string(l.problem)));
}

void write_location(JsonWriter& json, const SourceLocation& where) {
  json.key("location");
  if (where.file.empty()) {
    json.null();
    return;
  }
  json.begin_object().field("file", where.file).field("line", where.line).field("column", where.column).end_object();
}

std::string glue_capacity_line(const GlueReview& g) {
  const platform::Option& o = *g.current;
  std::ostringstream out;
  out << text::plural(o.layout.num_executors, "executor") << " x " << o.layout.executor_cores << " cores, heap "
      << mem(o.layout.heap_mib) << ", " << o.layout.task_slots << " task slots; "
      << units::format_number(o.glue()->dpus) << " DPU";
  if (g.auto_scaling) out << " at most (Auto Scaling)";
  if (g.flex) out << ", Flex";
  return out.str();
}

// The Glue part of the text summary: the job's capacity, the model's view, sparkfit's pick.
void write_glue_text(std::ostringstream& out, const GlueReview& g) {
  const platform::Option& o = *g.current;
  out << "  as defined: " << glue_capacity_line(g) << "\n";
  for (const std::string& note : o.notes) out << "    " << note << "\n";
  for (const std::string& note : g.notes) out << "    " << note << "\n";
  if (o.prediction.feasible() && o.prediction.runtime_s > 0)
    out << "    predicted: runtime " << units::format_duration(o.runtime_s()) << ", "
        << units::format_money(o.cost_usd()) << " (" << units::format_number(util::round_hours(o.glue()->dpu_hours))
        << " DPU-hours)\n";
  else if (!o.prediction.feasible())
    out << "    predicted: cannot run: " << model::describe(o.prediction, o.layout.problem) << "\n";
  if (g.capacity && g.worker)
    out << "  Glue's capacity view: the widest stage runs " << g.capacity->widest_tasks << " tasks; "
        << g.capacity->max_needed_executors << " executors of " << g.worker->vcpus << " run them in one wave ("
        << g.capacity->one_wave_workers << " workers with the driver's)\n";
  if (g.best) {
    const platform::Option& b = *g.best;
    out << "  sparkfit would use: " << b.label << " (" << units::format_number(b.glue()->dpus) << " DPU): runtime "
        << units::format_duration(b.runtime_s()) << ", " << units::format_money(b.cost_usd());
    if (o.prediction.feasible() && o.cost_usd() > 0) {
      double saving = o.cost_usd() - b.cost_usd();
      out << " (" << (saving >= 0 ? "saves " : "costs ") << units::format_money(std::abs(saving)) << ", "
          << units::format_number(util::round_percent(std::abs(saving) / o.cost_usd())) << "%"
          << (saving >= 0 ? "" : " more") << ")";
    }
    out << "\n    WorkerType " << b.glue()->worker->name << ", NumberOfWorkers " << b.glue()->workers;
    for (const platform::Setting& s : b.spark_conf) out << ", --conf " << s.key << "=" << s.value;
    out << "\n";
  }
}

void write_glue_json(JsonWriter& json, const GlueReview& g) {
  const platform::Option& o = *g.current;
  auto money = [&](const platform::Option& option, bool cost) {
    if (!option.prediction.feasible() || option.prediction.runtime_s <= 0)
      json.null();
    else if (cost)
      json.value(util::round_usd(option.cost_usd()));
    else
      json.value(util::round_seconds(option.runtime_s()));
  };
  json.key("layout").begin_object();
  output::write_layout_fields(json, o.cluster, o.layout);
  json.field("worker_type", g.worker ? g.worker->name : std::string())
      .field("workers", g.workers)
      .field("dpus", o.glue()->dpus);
  json.field("glue_version", g.version);
  json.key("runtime_s");
  money(o, false);
  json.key("cost_usd");
  money(o, true);
  json.end_object();
  json.key("max_needed_executors");
  if (g.capacity)
    json.value(g.capacity->max_needed_executors);
  else
    json.null();
  json.key("recommended");
  if (!g.best) {
    json.null();
    return;
  }
  const platform::Option& b = *g.best;
  json.begin_object();
  output::write_layout_fields(json, b.cluster, b.layout);
  json.field("worker_type", b.glue()->worker->name).field("workers", b.glue()->workers).field("dpus", b.glue()->dpus);
  json.key("runtime_s");
  money(b, false);
  json.key("cost_usd");
  money(b, true);
  json.key("saving_usd");
  if (o.prediction.feasible() && o.prediction.runtime_s > 0)
    json.value(util::round_usd(o.cost_usd() - b.cost_usd()));
  else
    json.null();
  json.key("spark_conf").begin_object();
  for (const platform::Setting& s : b.spark_conf) json.field(s.key, s.value);
  json.end_object();
  json.end_object();
}

}  // namespace

std::string review_text(const std::vector<Finding>& findings, const FactSet& facts, const Input& input) {
  std::ostringstream out;
  for (const Finding& f : findings) {
    out << format_diagnostic(f.place, std::string(rules::severity_name(f.severity)), f.message + " [" + f.id + "]")
        << "\n";
    out << "  why: " << f.why << "\n";
    out << "  fix: " << f.fix << "\n";
    out << "  see: sparkfit rules show " << f.id << "\n\n";
  }
  const bool pods = on_kubernetes(input);
  out << "summary: " << count_text(findings);
  if (input.cluster) {
    out << " on " << input.cluster->description << " (" << platform::to_string(input.cluster->platform);
    if (pods && !input.spark_version.empty()) out << ", Spark " << input.spark_version;
    out << ")";
  }
  if (facts.glue && facts.glue->current)
    out << " on " << facts.glue->current->label << " (glue, Glue " << facts.glue->version << ")";
  out << "\n";
  if (facts.glue && facts.glue->current) write_glue_text(out, *facts.glue);
  if (input.cluster) {
    const Layouts& L = facts.layouts;
    const layout::Layout& r = L.reviewed;
    if (r.problem == layout::Problem::none) {
      out << "  as submitted: " << describe_layout(r, pods) << "\n";
      if (facts.facts.count("executors.requested") && r.requested_executors > r.num_executors)
        out << "    " << r.requested_executors << " requested, " << r.num_executors << " start\n";
    } else {
      const int asked = facts.layouts.choices.num_executors;
      out << "  as submitted: " << (asked ? std::to_string(asked) : std::string("as many")) << " executors x "
          << r.executor_cores << " cores, heap " << mem(r.heap_mib) << " + overhead " << mem(r.overhead_mib) << " = "
          << r.container_mib << " MiB per " << (pods ? "pod" : "container") << ": "
          << cannot_place_text(r.problem, pods) << "\n";
    }
    for (const std::string& note : L.notes) out << "    " << note << "\n";
    if (L.predicted) {
      if (L.predicted->feasible())
        out << "    predicted: runtime " << units::format_duration(L.predicted->runtime_s) << ", "
            << money_or_hours(*input.cluster, *L.predicted) << "\n";
      else
        out << "    predicted: cannot run: " << model::describe(*L.predicted, r.problem) << "\n";
    }
    const layout::Layout& x = L.fix;
    if (x.problem == layout::Problem::none) {
      out << "  sparkfit would use: " << describe_layout(x, pods) << "\n";
      out << "    " << fix_settings_text(facts, input) << "\n";
      if (x.heap_mib % 1024 != 0)
        out << "    (" << mem(x.heap_mib) << " is the largest heap that fits " << x.executors_per_node
            << " per node; rounded down to whole GiB it is " << x.heap_mib / 1024 << "G)\n";
      if (L.fix_predicted && L.fix_predicted->feasible()) {
        out << "    predicted: runtime " << units::format_duration(L.fix_predicted->runtime_s) << ", "
            << money_or_hours(*input.cluster, *L.fix_predicted);
        if (L.predicted && L.predicted->feasible()) {
          const bool priced = input.cluster->platform != platform::Platform::yarn;
          double before = priced ? L.predicted->cost_usd : L.predicted->core_hours;
          double after = priced ? L.fix_predicted->cost_usd : L.fix_predicted->core_hours;
          if (before > 0)
            out << " (" << (before >= after ? "saves " : "costs ")
                << (priced ? units::format_money(std::abs(before - after))
                           : units::format_number(util::round_to(std::abs(before - after), 1)) + " core-hours")
                << ", " << units::format_number(util::round_percent(std::abs(before - after) / before)) << "%"
                << (before >= after ? "" : " more") << ")";
        }
        out << "\n";
      }
    }
  }
  for (const std::string& note : input.model_notes) out << "  " << note << "\n";
  if (!facts.not_checked.empty())
    out << "  not checked without a cluster ("
        << (input.k8s_app ? "--instance and --nodes"
                          : "--instance and --nodes, --emr-cluster, or a job spec's platform")
        << "): " << text::join(facts.not_checked, "; ") << "\n";
  if (!facts.effective.empty()) {
    out << "  effective settings:\n";
    for (const spark_conf::Setting& s : facts.effective) {
      out << "    " << s.key << "=" << s.value << "  (" << s.source;
      if (!s.where.file.empty()) out << ", " << s.where.file << ":" << s.where.line << ":" << s.where.column;
      out << ")\n";
    }
  }
  // Keys, values, paths and messages come from the user's files: escape what a terminal would obey.
  return text::printable(out.str(), text::Newlines::keep);
}

std::string review_json(const std::vector<Finding>& findings, const FactSet& facts, const Input& input) {
  JsonWriter json;
  json.begin_object().field("schema_version", 1).field("sparkfit_version", std::string(kVersion));
  json.key("effective_conf").begin_object();
  for (const spark_conf::Setting& s : facts.effective) {
    json.key(s.key).begin_object().field("value", s.value).field("source", s.source);
    write_location(json, s.where);
    json.end_object();
  }
  json.end_object();
  json.key("findings").begin_array();
  for (const Finding& f : findings) {
    json.begin_object()
        .field("id", f.id)
        .field("name", f.name)
        .field("severity", std::string(rules::severity_name(f.severity)))
        .field("message", f.message)
        .field("why", f.why)
        .field("fix", f.fix);
    json.key("fix_conf").begin_object();
    for (const auto& [key, value] : f.fix_conf) json.field(key, value);
    json.end_object();
    write_location(json, f.place);
    json.end_object();
  }
  json.end_array();
  int n[4] = {0, 0, 0, 0};
  for (const Finding& f : findings) ++n[static_cast<int>(f.severity)];
  json.key("counts")
      .begin_object()
      .field("error", n[0])
      .field("warning", n[1])
      .field("info", n[2])
      .field("style", n[3])
      .end_object();
  json.key("not_checked").begin_array();
  for (const std::string& sentence : facts.not_checked) json.value(sentence);
  json.end_array();
  if (facts.glue && facts.glue->current) write_glue_json(json, *facts.glue);
  if (input.cluster) {
    const Layouts& L = facts.layouts;
    json.key("layout").begin_object();
    write_layout_json(json, *input.cluster, L.reviewed);
    json.key("runtime_s");
    if (L.predicted && L.predicted->feasible())
      json.value(util::round_seconds(L.predicted->runtime_s));
    else
      json.null();
    json.key("cost_usd");
    if (L.predicted && L.predicted->feasible() && input.cluster->platform != platform::Platform::yarn)
      json.value(util::round_usd(L.predicted->cost_usd));
    else
      json.null();
    json.end_object();
    json.key("recommended");
    if (L.fix.problem == layout::Problem::none) {
      json.begin_object();
      write_layout_json(json, *input.cluster, L.fix);
      json.key("shuffle_partitions");
      if (L.fix_shuffle_partitions > 0)
        json.value(L.fix_shuffle_partitions);
      else
        json.null();
      json.key("runtime_s");
      if (L.fix_predicted && L.fix_predicted->feasible())
        json.value(util::round_seconds(L.fix_predicted->runtime_s));
      else
        json.null();
      json.key("cost_usd");
      if (L.fix_predicted && L.fix_predicted->feasible() && input.cluster->platform != platform::Platform::yarn)
        json.value(util::round_usd(L.fix_predicted->cost_usd));
      else
        json.null();
      json.key("saving_usd");
      auto saving = facts.facts.find("fix.saving_usd");
      if (saving != facts.facts.end())
        json.value(util::round_usd(saving->second.number));
      else
        json.null();
      json.key("spark_conf").begin_object();
      for (const auto& [key, value] : fix_settings(facts, input)) json.field(key, value);
      json.end_object();
      json.end_object();
    } else {
      json.null();
    }
  }
  json.end_object();
  return json.str();
}

std::string review_sarif(const std::vector<Finding>& findings, const std::vector<rules::Rule>& all_rules) {
  std::vector<const rules::Rule*> rules;
  for (const rules::Rule& rule : all_rules)
    if (runs_in_review(rule)) rules.push_back(&rule);
  JsonWriter json;
  json.begin_object().field("version", "2.1.0").field("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
  json.key("runs").begin_array().begin_object();
  json.key("tool").begin_object().key("driver").begin_object();
  json.field("name", "sparkfit").field("version", std::string(kVersion));
  json.key("rules").begin_array();
  for (const rules::Rule* rule : rules) {
    json.begin_object().field("id", rule->id).field("name", rule->name);
    json.key("shortDescription").begin_object().field("text", rule->summary).end_object();
    json.key("fullDescription").begin_object().field("text", rule->rationale).end_object();
    // The page `sparkfit rules show` prints, so code scanning shows the same documentation.
    json.key("help").begin_object().field("text", rules::render_rule_page(*rule)).end_object();
    json.key("defaultConfiguration").begin_object().field("level", sarif_level(rule->severity)).end_object();
    json.end_object();
  }
  json.end_array();
  json.end_object().end_object();
  json.key("results").begin_array();
  for (const Finding& f : findings) {
    json.begin_object().field("ruleId", f.id);
    for (std::size_t i = 0; i < rules.size(); ++i)
      if (rules[i]->id == f.id) json.field("ruleIndex", static_cast<std::int64_t>(i));
    json.field("level", sarif_level(f.severity));
    json.key("message").begin_object().field("text", f.message + "\nfix: " + f.fix).end_object();
    // Code scanning shows a result where its file is; the command line is not a file.
    if (!f.place.file.empty() && f.place.file.front() != '<') {
      json.key("locations").begin_array().begin_object().key("physicalLocation").begin_object();
      json.key("artifactLocation").begin_object().field("uri", f.place.file).end_object();
      json.key("region")
          .begin_object()
          .field("startLine", std::max(1, f.place.line))
          .field("startColumn", std::max(1, f.place.column))
          .end_object();
      json.end_object().end_object().end_array();
    }
    json.end_object();
  }
  json.end_array();
  json.end_object().end_array();
  json.end_object();
  return json.str();
}

std::string review_gitlab(const std::vector<Finding>& findings, const Input& input) {
  JsonWriter json;
  json.begin_array();
  // The fingerprint leaves the line out, so a finding keeps its identity when lines above it move
  // and GitLab does not report it as fixed and new; equal findings in one file are numbered.
  std::map<std::string, int> seen;
  for (const Finding& f : findings) {
    const auto [path, line] = gitlab_location(f, input);
    const std::string identity = f.id + '\n' + path + '\n' + f.message;
    const int occurrence = seen[identity]++;
    char fingerprint[17];
    std::snprintf(fingerprint, sizeof fingerprint, "%016" PRIx64, fnv1a(identity + '\n' + std::to_string(occurrence)));
    json.begin_object()
        .field("description", f.message + "; fix: " + f.fix)
        .field("check_name", f.id)
        .field("fingerprint", std::string(fingerprint))
        .field("severity", gitlab_severity(f.severity));
    json.key("location").begin_object().field("path", path);
    json.key("lines").begin_object().field("begin", line).end_object();
    json.end_object().end_object();
  }
  json.end_array();
  return json.str();
}

std::string review_markdown(const std::vector<Finding>& findings, const FactSet& facts, const Input& input) {
  std::ostringstream out;
  out << "## sparkfit review\n\n" << count_text(findings);
  if (input.cluster) out << " on " << input.cluster->description;
  if (facts.glue && facts.glue->current)
    out << " on " << facts.glue->current->label << " (Glue " << facts.glue->version << ")";
  out << "\n\n| | Rule | Where | Message | Fix |\n|---|---|---|---|---|\n";
  for (const Finding& f : findings) {
    std::string where = f.place.file.empty()
                            ? ""
                            : f.place.file + ":" + std::to_string(f.place.line) + ":" + std::to_string(f.place.column);
    auto cell = [](const std::string& text) {
      std::string escaped;
      for (char c : text) {
        if (c == '|') escaped += '\\';
        if (c == '<')
          escaped += "&lt;";
        else if (c == '>')
          escaped += "&gt;";
        else
          escaped += c == '\n' ? ' ' : c;
      }
      return escaped;
    };
    out << "| " << rules::severity_name(f.severity) << " | " << f.id << " " << f.name << " | " << cell(where) << " | "
        << cell(f.message) << " | " << cell(f.fix) << " |\n";
  }
  if (!facts.not_checked.empty())
    out << "\nNot checked without a cluster: " << text::join(facts.not_checked, "; ") << "\n";
  if (input.cluster && facts.layouts.fix.problem == layout::Problem::none)
    out << "\nsparkfit would use: " << describe_layout(facts.layouts.fix, on_kubernetes(input)) << "\n";
  if (facts.glue && facts.glue->best)
    out << "\nsparkfit would use: " << facts.glue->best->label << " ("
        << units::format_number(facts.glue->best->glue()->dpus) << " DPU), "
        << units::format_duration(facts.glue->best->runtime_s()) << ", "
        << units::format_money(facts.glue->best->cost_usd()) << "\n";
  return text::printable(out.str(), text::Newlines::keep);
}

std::string review_document(const std::string& format, const std::vector<rules::Finding>& findings,
                            const review::FactSet& facts, const review::Input& input,
                            const std::vector<rules::Rule>& rules) {
  if (format == "json") return review_json(findings, facts, input);
  if (format == "sarif") return review_sarif(findings, rules);
  if (format == "gitlab") return review_gitlab(findings, input);
  if (format == "markdown") return review_markdown(findings, facts, input);
  return review_text(findings, facts, input);
}

}  // namespace sparkfit::output
