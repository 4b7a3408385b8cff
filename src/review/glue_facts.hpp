// The facts of a Glue job review (glue.*, plus the shared executors/task/predicted facts), kept
// apart from facts.cpp because Glue sizes executors from the worker type, not from settings.
#pragma once

#include <cstdint>

#include "sparkfit/review/review.hpp"

namespace sparkfit::review {

struct GlueSettings {
  std::int64_t shuffle_partitions = 200;
  bool shuffle_partitions_set = false;
  bool aqe = true;
  bool parallelism_first = true;
};

// Adds the Glue facts and result.glue. Throws InputError at the job file's place for a Glue
// version or worker type the catalog does not know.
void add_glue_facts(const Input& input, const GlueSettings& settings, FactSet& result);

}  // namespace sparkfit::review
