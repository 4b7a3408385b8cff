// Shared between plan_commands.cpp and platform_commands.cpp: the managed platforms' part of
// `recommend` (Glue, EMR Serverless, Kubernetes) and the cross-platform comparison.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sparkfit/util/json_writer.hpp"
#include "sparkfit/platform/managed.hpp"

namespace sparkfit::cli {

struct ManagedRequest {
  const model::JobPlan* plan = nullptr;
  platforms::GlueRequest glue;
  std::optional<platforms::GlueCapacity> capacity;  // Glue: Glue's own capacity view of the pick
  std::optional<platforms::Option> one_wave;         // Glue: the pick's worker type at one-wave capacity
  bool all_candidates = false;
  std::string command = "recommend";  // or "predict": one configuration the user pinned
};

using platforms::pick;

// text, json or the platform's native format (glue-args, serverless-json, k8s-yaml).
std::string render_managed(const ManagedRequest& request, const std::vector<platforms::Option>& options, std::size_t best,
                           const std::string& format);

void write_option_json(JsonWriter& json, const platforms::Option& option);

}  // namespace sparkfit::cli
