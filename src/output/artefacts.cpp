#include "sparkfit/output/artefacts.hpp"

#include <array>

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

}  // namespace sparkfit::output
