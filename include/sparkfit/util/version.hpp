#pragma once

namespace sparkfit {
// The tool's version; data versions (catalog as_of) are reported by `sparkfit version`.
extern const char* const kVersion;
}  // namespace sparkfit
