// Whole files in and out, with errors that name the flag or input they came from.
#pragma once

#include <string>

namespace sparkfit {

// The bytes of `path`, or an InputError "<flag>: cannot read '<path>'".
std::string read_whole_file(const std::string& path, const std::string& flag);

// Writes `text` to `path` whole or not at all (a temporary file beside it, then rename); `flag`
// names the option in errors.
void write_whole_file(const std::string& path, const std::string& text, const std::string& flag);

}  // namespace sparkfit
