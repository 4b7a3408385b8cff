// Failures that reach the user. Every error carries the exit code docs/interface.md#exit-codes assigns to it and,
// for input errors, the place in the input (file, 1-based line and column, the source line) so
// the CLI can print `file:line:col: error: ...` with a caret, as compilers do.
#pragma once

#include <stdexcept>
#include <string>

namespace sparkfit {

enum class ExitCode : int {
  ok = 0,
  findings = 1,    // review only: findings at or above --fail-on
  bad_input = 2,   // a file, value or syntax the user gave is wrong
  bad_usage = 3,   // unknown command or flag
  infeasible = 4,  // nothing fits (recommend, predict)
};

// Where in an input a problem is. `line` and `column` are 1-based; 0 means unknown.
struct SourceLocation {
  std::string file;
  int line = 0;
  int column = 0;
  std::string source_line;  // the text of `line`, for the caret display
};

// Renders `file:line:col: <severity>: message`, then the source line and a caret under the
// column when the source line is known. Used for errors and for review findings alike. Input is
// untrusted: control characters in the file name, the message and the source line are escaped
// (text::printable), and a long source line is cut to about 200 columns around the caret, with
// "..." where text is left out.
std::string format_diagnostic(const SourceLocation& where, const std::string& severity, const std::string& message);

// `message` with its control characters escaped (text::printable) and its newlines kept: every
// error's text is safe to print, whatever input it quotes.
std::string printable_message(const std::string& message);

class Error : public std::runtime_error {
 public:
  Error(ExitCode code, const std::string& message) : std::runtime_error(printable_message(message)), code_(code) {}
  ExitCode code() const { return code_; }

 private:
  ExitCode code_;
};

// Bad input: a value, a file or its syntax. what() is the fully rendered diagnostic.
class InputError : public Error {
 public:
  explicit InputError(const std::string& message)
      : Error(ExitCode::bad_input, message), message_(printable_message(message)) {}
  InputError(SourceLocation where, const std::string& message)
      : Error(ExitCode::bad_input, format_diagnostic(where, "error", message)),
        where_(std::move(where)),
        message_(printable_message(message)) {}
  const SourceLocation& where() const { return where_; }
  // The message without the location prefix and caret.
  const std::string& message() const { return message_; }

 private:
  SourceLocation where_;
  std::string message_;
};

// Bad usage of the command line: unknown command or flag, a flag the command does not take.
class UsageError : public Error {
 public:
  explicit UsageError(const std::string& message) : Error(ExitCode::bad_usage, message) {}
};

// A well-formed request that no configuration can satisfy; the message says why and what
// would make it feasible.
class InfeasibleError : public Error {
 public:
  explicit InfeasibleError(const std::string& message) : Error(ExitCode::infeasible, message) {}
};

// Reads one line (1-based) of a text, for diagnostics; empty when out of range.
std::string line_of(const std::string& text, int line);

}  // namespace sparkfit
