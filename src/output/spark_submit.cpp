// The pick's settings ready to paste: a spark-submit command line, or spark-defaults.conf.
#include <algorithm>
#include <sstream>

#include "sparkfit/output/plan.hpp"
#include "sparkfit/util/version.hpp"

namespace sparkfit::output {
namespace {

// The settings spark-submit has a flag of its own for, in the order the command line gives them;
// every other setting goes through --conf.
struct SubmitFlag {
  const char* key;
  const char* flag;
};
constexpr SubmitFlag kSubmitFlags[] = {{"spark.submit.deployMode", "--deploy-mode"},
                                       {"spark.executor.instances", "--num-executors"},
                                       {"spark.executor.cores", "--executor-cores"},
                                       {"spark.executor.memory", "--executor-memory"},
                                       {"spark.driver.memory", "--driver-memory"}};

bool has_own_flag(const std::string& key) {
  return std::any_of(std::begin(kSubmitFlags), std::end(kSubmitFlags),
                     [&](const SubmitFlag& f) { return key == f.key; });
}

}  // namespace

std::string spark_submit(const search::Recommendation& recommendation) {
  const std::vector<platform::Setting>& settings = recommendation.settings;
  std::ostringstream out;
  out << "spark-submit \\\n";
  for (const SubmitFlag& flag : kSubmitFlags) {
    auto found =
        std::find_if(settings.begin(), settings.end(), [&](const platform::Setting& s) { return s.key == flag.key; });
    if (found != settings.end()) out << "  " << flag.flag << " " << found->value << " \\\n";
  }
  for (const platform::Setting& s : settings)
    if (!has_own_flag(s.key)) out << "  --conf " << s.key << "=" << s.value << " \\\n";
  out << "  YOUR_APP  # " << search::describe(recommendation.pick(), recommendation.cluster) << "\n";
  return out.str();
}

std::string spark_defaults(const search::Recommendation& recommendation) {
  std::ostringstream out;
  out << "# spark-defaults.conf written by sparkfit " << kVersion << " for "
      << search::describe(recommendation.pick(), recommendation.cluster) << "\n";
  for (const platform::Setting& s : recommendation.settings)
    out << "# " << s.why << "\n" << s.key << " " << s.value << "\n";
  return out.str();
}

}  // namespace sparkfit::output
