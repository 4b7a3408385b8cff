// The words a job spec and the flags accept for each choice, the small derived facts of Input, what
// the job's defaults stood in for, and whether a run meets the objective.
#include <algorithm>
#include <string>
#include <vector>

#include "sparkfit/job/job.hpp"
#include "sparkfit/units/units.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::job {
namespace {

template <typename E>
struct Word {
  std::string_view text;
  E value;
};

constexpr Word<Workload> kWorkloads[] = {{"etl", Workload::etl},
                                         {"aggregation", Workload::aggregation},
                                         {"join", Workload::join},
                                         {"sort", Workload::sort},
                                         {"iterative-ml", Workload::iterative_ml},
                                         {"graph", Workload::graph},
                                         {"sql-analytics", Workload::sql_analytics}};
constexpr Word<FileFormat> kFileFormats[] = {{"parquet", FileFormat::parquet}, {"orc", FileFormat::orc},
                                             {"csv", FileFormat::csv},         {"json", FileFormat::json},
                                             {"avro", FileFormat::avro},       {"text", FileFormat::text}};
constexpr Word<Language> kLanguages[] = {
    {"scala", Language::scala}, {"java", Language::java}, {"python", Language::python}, {"sql", Language::sql}};
constexpr Word<Minimize> kMinimize[] = {{"cost", Minimize::cost}, {"runtime", Minimize::runtime}};
constexpr Word<Market> kMarkets[] = {{"on-demand", Market::on_demand}, {"spot", Market::spot}};
constexpr Word<DeployMode> kDeployModes[] = {{"cluster", DeployMode::cluster}, {"client", DeployMode::client}};
constexpr Word<HeapConvention> kHeapConventions[] = {{"subtract", HeapConvention::subtract},
                                                     {"divide", HeapConvention::divide}};
constexpr Word<ResourceCalculator> kCalculators[] = {{"memory", ResourceCalculator::memory},
                                                     {"dominant", ResourceCalculator::dominant}};

// Case and `_` vs `-` are forgiven (`Iterative_ML`, `on_demand`): the flags use hyphens and YAML
// users often reach for underscores.
std::string normalize(std::string_view text) {
  std::string result = text::to_lower(text::trim(text));
  for (char& c : result)
    if (c == '_') c = '-';
  return result;
}

template <typename E, std::size_t N>
E parse_word(std::string_view text, std::string_view what, const Word<E> (&words)[N]) {
  const std::string wanted = normalize(text);
  for (const auto& word : words)
    if (word.text == wanted) return word.value;
  std::vector<std::string> names;
  for (const auto& word : words) names.emplace_back(word.text);
  const std::string given(text::trim(text));
  throw InputError("unknown " + std::string(what) + " '" + given + "'" + text::did_you_mean(given, names) +
                   "; expected one of " + text::join(names));
}

template <typename E, std::size_t N>
std::string_view word_of(E value, const Word<E> (&words)[N]) {
  for (const auto& word : words)
    if (word.value == value) return word.text;
  return "?";
}

}  // namespace

std::string_view to_string(Workload value) { return word_of(value, kWorkloads); }
std::string_view to_string(FileFormat value) { return word_of(value, kFileFormats); }
std::string_view to_string(Language value) { return word_of(value, kLanguages); }
std::string_view to_string(Minimize value) { return word_of(value, kMinimize); }
std::string_view to_string(Market value) { return word_of(value, kMarkets); }
std::string_view to_string(DeployMode value) { return word_of(value, kDeployModes); }
std::string_view to_string(HeapConvention value) { return word_of(value, kHeapConventions); }
std::string_view to_string(ResourceCalculator value) { return word_of(value, kCalculators); }

Workload parse_workload(std::string_view text) { return parse_word(text, "workload", kWorkloads); }
FileFormat parse_file_format(std::string_view text) { return parse_word(text, "file format", kFileFormats); }
Language parse_language(std::string_view text) { return parse_word(text, "language", kLanguages); }
Minimize parse_minimize(std::string_view text) { return parse_word(text, "objective", kMinimize); }
Market parse_market(std::string_view text) { return parse_word(text, "market", kMarkets); }
DeployMode parse_deploy_mode(std::string_view text) { return parse_word(text, "deploy mode", kDeployModes); }
HeapConvention parse_heap_convention(std::string_view text) {
  return parse_word(text, "heap convention", kHeapConventions);
}
ResourceCalculator parse_resource_calculator(std::string_view text) {
  return parse_word(text, "resource calculator", kCalculators);
}

std::string_view default_compression(FileFormat format) {
  switch (format) {
    case FileFormat::csv:
    case FileFormat::json:
    case FileFormat::text: return "none";
    default: return "snappy";
  }
}

std::int64_t Input::file_count() const {
  if (files) return *files;
  auto ceil_div = [](std::int64_t a, std::int64_t b) { return (a + b - 1) / b; };
  const std::int64_t per_file =
      avg_file_size_bytes && *avg_file_size_bytes > 0 ? *avg_file_size_bytes : 128 * units::kMiB;
  return std::max<std::int64_t>(1, ceil_div(size_bytes, per_file));
}

ObjectiveMet objective_met(const Objective& objective, double runtime_s, double cost_usd) {
  ObjectiveMet met;
  if (objective.deadline_s) met.deadline = runtime_s <= *objective.deadline_s;
  if (objective.budget_usd) met.budget = cost_usd <= *objective.budget_usd;
  return met;
}

std::vector<std::string> assumed_work(const JobSpec& job) {
  std::vector<std::string> assumed;
  const Input& input = job.input;
  if (!input.files && !input.avg_file_size_bytes)
    assumed.push_back(std::to_string(input.file_count()) +
                      " input files, one per 128 MiB of input: --files N (or input.files) gives the count");
  const std::string format(to_string(input.file_format));
  if (!input.file_format_given) assumed.push_back("file format " + format + ": --file-format sets it");
  if (!input.compression_given)
    assumed.push_back("compression " + input.compression + ", the default for " + format + ": --compression sets it");
  if (!job.workload_given && job.stages.empty())
    assumed.push_back("workload " + std::string(to_string(job.workload)) +
                      ", whose stages sparkfit assumes: --workload sets it (or job.stages lists them)");
  if (!job.language_given)
    assumed.push_back("language " + std::string(to_string(job.language)) +
                      ", no Python workers beside the executors: --language sets it");
  return assumed;
}

bool Input::splittable() const {
  // Parquet, ORC and Avro compress inside their blocks, so any codec splits. The text formats
  // split only uncompressed or with bzip2, Hadoop's one SplittableCompressionCodec.
  switch (file_format) {
    case FileFormat::parquet:
    case FileFormat::orc:
    case FileFormat::avro: return true;
    default: {
      const std::string codec = text::to_lower(compression);
      return codec.empty() || codec == "none" || codec == "uncompressed" || codec == "bzip2";
    }
  }
}

}  // namespace sparkfit::job
