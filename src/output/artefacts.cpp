#include "sparkfit/output/artefacts.hpp"

#include <array>
#include <string>

#include "sparkfit/platform/requests.hpp"
#include "sparkfit/util/error.hpp"

namespace sparkfit::output {
namespace {

using platform::Platform;

// One row per artefact writer in this folder.
constexpr std::array<ArtefactFormat, 6> kArtefacts{{
    {"spark-submit", std::nullopt},
    {"spark-defaults", std::nullopt},
    {"emr-json", std::nullopt},
    {"glue-args", Platform::glue},
    {"serverless-json", Platform::emr_serverless},
    {"k8s-yaml", Platform::kubernetes},
}};

}  // namespace

const ArtefactFormat* artefact_format(std::string_view word) {
  for (const ArtefactFormat& artefact : kArtefacts)
    if (artefact.word == word) return &artefact;
  return nullptr;
}

std::string_view native_format(Platform managed) {
  for (const ArtefactFormat& artefact : kArtefacts)
    if (artefact.platform == managed) return artefact.word;
  return "";
}

std::optional<Platform> platform_for_format(std::string_view format, const job::JobSpec& job) {
  if (const ArtefactFormat* artefact = artefact_format(format))
    return artefact->platform ? *artefact->platform : platform::spec_cluster_platform(job);
  return platform::spec_platform(job);
}

void check_format_on(std::string_view format, Platform chosen) {
  const ArtefactFormat* artefact = artefact_format(format);
  const std::string refused = "--format " + std::string(format) + " is not a format of " +
                              std::string(platform::to_string(chosen)) + "; it writes text, json, ";
  if (platform::is_managed(chosen)) {
    if (artefact && format != native_format(chosen)) throw UsageError(refused + std::string(native_format(chosen)));
  } else if (artefact && (artefact->platform || (format == "emr-json" && chosen != Platform::emr))) {
    throw UsageError(refused + "markdown, spark-submit, spark-defaults" +
                     (chosen == Platform::emr ? ", emr-json" : ""));
  }
}

}  // namespace sparkfit::output
