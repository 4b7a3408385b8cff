// Whole files in and out, with errors that name the flag or input they came from and the OS reason.
#pragma once

#include <string>

namespace sparkfit {

// The bytes of `path`, or an InputError "<flag>: cannot read '<path>': <reason>"; a directory is refused.
std::string read_whole_file(const std::string& path, const std::string& flag);

// Writes `text` to `path` whole or not at all: a regular file (or a new one) is replaced by a
// temporary of a unique name beside it, synced and then renamed over it; a character device, FIFO
// or socket (/dev/null, /dev/stdout, a pipe) is written in place, never replaced. A symbolic link
// or a directory is refused. Every failure is an InputError naming `flag`, the path and the OS
// reason, and leaves the target as it was and no temporary behind.
void write_whole_file(const std::string& path, const std::string& text, const std::string& flag);

}  // namespace sparkfit
