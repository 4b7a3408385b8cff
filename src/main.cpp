// The sparkfit executable is a forwarder: all behaviour lives in the library so tests can run
// whole commands in-process.
#include <unistd.h>

#include <iostream>

#include "sparkfit/cli/cli.hpp"
#include "sparkfit/util/standard_output.hpp"

int main(int argc, char** argv) {
  sparkfit::hold_standard_descriptors();
  // stdout through a buffer that keeps the reason a write failed: cli::run reports it (exit 2).
  sparkfit::DescriptorBuffer standard_output(STDOUT_FILENO);
  std::ostream out(&standard_output);
  // Tied as std::cerr is to std::cout, so a message on stderr follows the output written before it.
  std::cerr.tie(&out);
  const int code = sparkfit::cli::run(argc, argv, out, std::cerr);
  std::cerr.tie(nullptr);
  return code;
}
