// Limits on the YAML a user hands sparkfit, checked before a loader builds anything. yaml-cpp
// recurses once per nesting level and copies every scalar, so a file of 100,000 `[` or one
// string of megabytes gets one short message here instead of a crash, yaml-cpp's "bad file" or the
// file echoed back.
#pragma once

#include <cstddef>
#include <string>

namespace sparkfit::yaml {

// No sparkfit input (job spec, SparkApplication, .sparkfit.yaml) nests anywhere near this deep.
inline constexpr int kMaxNesting = 64;
// Longer than any Spark setting, path or name a person writes (a long classpath included).
inline constexpr std::size_t kMaxScalarLength = 16384;

// Throws InputError at file:line:col of the first sequence or mapping nested deeper than
// kMaxNesting, or of the first scalar longer than kMaxScalarLength. Syntax errors are left to the
// loader, which reports them in its own words.
void check_limits(const std::string& text, const std::string& file);

}  // namespace sparkfit::yaml
