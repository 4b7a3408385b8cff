#include "sparkfit/util/error.hpp"

#include <sstream>

namespace sparkfit {

std::string format_diagnostic(const SourceLocation& where, const std::string& severity, const std::string& message) {
  std::ostringstream out;
  if (!where.file.empty()) {
    out << where.file << ':';
    if (where.line > 0) {
      out << where.line << ':';
      if (where.column > 0) out << where.column << ':';
    }
    out << ' ';
  }
  out << severity << ": " << message;
  if (where.line > 0 && !where.source_line.empty()) {
    out << '\n' << where.source_line;
    if (where.column > 0) {
      out << '\n';
      // Keep tabs in the caret line so the caret sits under the column in any terminal.
      for (int i = 0; i + 1 < where.column && i < static_cast<int>(where.source_line.size()); ++i)
        out << (where.source_line[static_cast<std::size_t>(i)] == '\t' ? '\t' : ' ');
      out << '^';
    }
  }
  return out.str();
}

std::string line_of(const std::string& text, int line) {
  if (line <= 0) return {};
  std::size_t start = 0;
  for (int current = 1; current < line; ++current) {
    start = text.find('\n', start);
    if (start == std::string::npos) return {};
    ++start;
  }
  std::size_t end = text.find('\n', start);
  std::string result = text.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (!result.empty() && result.back() == '\r') result.pop_back();
  return result;
}

}  // namespace sparkfit
