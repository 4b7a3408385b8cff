// The sparkfit executable is a forwarder: all behaviour lives in the library so tests can run
// whole commands in-process.
#include <iostream>

#include "sparkfit/cli/cli.hpp"

int main(int argc, char** argv) { return sparkfit::cli::run(argc, argv, std::cout, std::cerr); }
