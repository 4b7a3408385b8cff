// The command line: a thin layer over the library. main() forwards here; tests call run() with
// their own streams to exercise whole commands in-process.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace sparkfit::cli {

// Runs one sparkfit invocation and returns its exit code (docs/interface.md#exit-codes).
int run(int argc, char** argv, std::ostream& out, std::ostream& err);

// The same with the arguments after the program name. `executable` locates the data next to
// the binary (the search order of util/data_dir.hpp); empty in tests.
int run(const std::vector<std::string>& args, std::ostream& out, std::ostream& err, const std::string& executable = "");

}  // namespace sparkfit::cli
