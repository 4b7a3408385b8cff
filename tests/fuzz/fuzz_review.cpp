// libFuzzer target: the whole review pipeline over a pasted spark-submit line (and the same
// bytes as a spark-defaults.conf): settings -> facts (layout engine) -> every rule -> text, JSON
// and SARIF. An InputError from the parsers is the expected rejection; anything else escaping,
// a hang or a sanitizer report is a bug.
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

void review(std::vector<sparkfit::spark_conf::Setting> settings, const std::string& application) {
  sparkfit::review::Input input;
  input.settings = std::move(settings);
  input.application = application;
  // The classic cluster: 6 nodes x 16 cores x 64 GiB, 1 core and 1 GiB reserved.
  input.cluster = sparkfit::platform::cluster_for_yarn(6, 16, 65536, 1, 1024, 1024);
  sparkfit::review::FactSet facts = sparkfit::review::compute_facts(input);
  std::vector<sparkfit::rules::Finding> findings = sparkfit::review::evaluate(shipped_rules(), facts, {});
  sparkfit::output::review_text(findings, facts, input);
  sparkfit::output::review_json(findings, facts, input);
  sparkfit::output::review_sarif(findings, shipped_rules());
  sparkfit::output::review_gitlab(findings, input);
  // Without a cluster only the settings themselves are reviewed.
  input.cluster.reset();
  sparkfit::review::FactSet bare = sparkfit::review::compute_facts(input);
  sparkfit::review::evaluate(shipped_rules(), bare, {});
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    sparkfit::spark_conf::SubmitCommand command = sparkfit::spark_conf::parse_spark_submit(text, "fuzz.sh");
    review(command.settings, command.application);
  } catch (const sparkfit::InputError&) {
  }
  try {
    review(sparkfit::spark_conf::parse_spark_defaults(text, "spark-defaults.conf"), "");
  } catch (const sparkfit::InputError&) {
  }
  return 0;
}
