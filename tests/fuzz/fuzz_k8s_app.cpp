// libFuzzer target: the SparkApplication reader (YAML from strangers, parsed by yaml-cpp) and the
// review of what it reads on Kubernetes nodes: settings -> pods -> layout facts -> every rule ->
// text and JSON. An InputError is the expected rejection; anything else escaping, a hang or a
// sanitizer report is a bug.
#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "sparkfit/output/review.hpp"
#include "sparkfit/review/review.hpp"

namespace {

const std::vector<sparkfit::rules::Rule>& shipped_rules() {
  static const std::vector<sparkfit::rules::Rule> rules = sparkfit::review::load_rules(SPARKFIT_SOURCE_DIR "/rules");
  return rules;
}

// An m5.4xlarge as the catalog has it, without loading the catalog for every input.
const sparkfit::catalog::InstanceType& node_type() {
  static const sparkfit::catalog::InstanceType type = [] {
    sparkfit::catalog::InstanceType t;
    t.name = "m5.4xlarge";
    t.vcpus = 16;
    t.memory_mib = 65536;
    t.price_usd_per_hour = 0.768;
    return t;
  }();
  return type;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  sparkfit::review::Input input;
  try {
    input.k8s_app = sparkfit::spark_conf::parse_spark_application(text, "fuzz.yaml");
  } catch (const sparkfit::InputError&) {
    return 0;
  }
  const sparkfit::spark_conf::SparkApplication& app = *input.k8s_app;
  input.settings = app.defaults;
  input.settings.insert(input.settings.end(), app.settings.begin(), app.settings.end());
  input.application = app.application;
  input.spark_version = app.spark_version;
  const sparkfit::platform::KubernetesNodes nodes =
      sparkfit::platform::kubernetes_nodes(node_type(), 6, !app.non_jvm());
  input.cluster = nodes.cluster;
  input.calculator = nodes.choices.calculator;
  sparkfit::review::FactSet facts = sparkfit::review::compute_facts(input);
  std::vector<sparkfit::rules::Finding> findings = sparkfit::review::evaluate(shipped_rules(), facts, {});
  sparkfit::output::review_text(findings, facts, input);
  sparkfit::output::review_json(findings, facts, input);
  // Without nodes the pods are still reviewed.
  input.cluster.reset();
  sparkfit::review::FactSet bare = sparkfit::review::compute_facts(input);
  sparkfit::review::evaluate(shipped_rules(), bare, {});
  return 0;
}
