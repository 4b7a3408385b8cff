// The Spark Operator SparkApplication of the pick.
#include <cctype>
#include <sstream>

#include "sparkfit/output/plan.hpp"
#include "sparkfit/units/units.hpp"

namespace sparkfit::output {

namespace {

// The job's name as a Kubernetes object name that is also a valid label value (the Spark Operator
// labels the pods with it): RFC 1123, lowercase letters, digits and single '-', starting and
// ending with a letter or digit, at most 63 characters.
std::string kubernetes_name(const std::string& job_name) {
  constexpr std::size_t kMaxLength = 63;
  std::string name;
  for (char c : job_name) {
    const bool alnum = std::isalnum(static_cast<unsigned char>(c)) && static_cast<unsigned char>(c) < 0x80;
    if (alnum)
      name += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    else if (!name.empty() && name.back() != '-')
      name += '-';
    if (name.size() == kMaxLength) break;
  }
  while (!name.empty() && name.back() == '-') name.pop_back();
  return name.empty() ? "sparkfit-job" : name;
}

}  // namespace

std::string spark_application(const platform::Option& option, const std::string& job_name) {
  const layout::Layout& l = option.layout;
  std::ostringstream out;
  const std::string name = kubernetes_name(job_name);
  out << "# kubectl apply -f " << name << ".yaml (Spark Operator)\n"
      << "apiVersion: sparkoperator.k8s.io/v1beta2\nkind: SparkApplication\nmetadata:\n  name: " << name << "\nspec:\n"
      << "  type: Scala  # or Python\n  mode: cluster\n  image: YOUR_SPARK_IMAGE\n  mainApplicationFile: YOUR_APP\n"
      << "  sparkVersion: \"3.5.0\"\n  driver:\n    cores: 1\n    memory: \"1g\"\n    memoryOverhead: \"384m\"\n"
      << "  executor:\n    instances: " << l.num_executors << "\n    cores: " << l.executor_cores << "\n    memory: \""
      << units::format_spark_memory(l.heap_mib) << "\"\n    memoryOverhead: \""
      << units::format_spark_memory(l.overhead_mib) << "\"\n  sparkConf:\n";
  for (const platform::Setting& setting : option.spark_conf)
    if (setting.key.rfind("spark.kubernetes.", 0) == 0 || setting.key.rfind("spark.sql.", 0) == 0)
      out << "    \"" << setting.key << "\": \"" << setting.value << "\"\n";
  return out.str();
}

}  // namespace sparkfit::output
