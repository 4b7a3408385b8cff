#include "sparkfit/util/error.hpp"

#include <sstream>

#include "sparkfit/util/text.hpp"

namespace sparkfit {
namespace {

// Columns of the source line shown on each side of the caret: a line of a minified file or of
// random bytes is cut, not echoed whole.
constexpr std::size_t kContextColumns = 100;
constexpr std::string_view kCut = "...";

struct Context {
  std::string line;   // as shown: escaped and cut
  std::string caret;  // padding under the shown line, then '^'
};

// The source line around byte `caret_at`, escaped (text::printable), at most about
// 2 * kContextColumns columns with "..." where text is left out; the padding keeps the line's
// tabs so that the caret sits under its character in any terminal.
Context context_of(std::string_view line, std::size_t caret_at) {
  const std::string_view before = line.substr(0, caret_at);
  std::size_t width = 0;
  for (std::size_t at = 0; at < before.size();) {
    const text::Shown shown = text::shown_at(before, at);
    width += shown.width;
    at = shown.end;
  }
  Context context;
  std::size_t at = 0;
  const bool cut = width > kContextColumns;
  if (cut) {
    // Leave out whole characters from the front until what remains fits beside the marker.
    while (at < before.size() && width + kCut.size() > kContextColumns) {
      const text::Shown shown = text::shown_at(before, at);
      width -= shown.width;
      at = shown.end;
    }
    context.line = kCut;
    context.caret.assign(kCut.size(), ' ');
  }
  while (at < before.size()) {
    const text::Shown shown = text::shown_at(before, at);
    context.line += shown.text;
    if (shown.text == "\t")
      context.caret += '\t';
    else
      context.caret.append(shown.width, ' ');
    at = shown.end;
  }
  context.caret += '^';
  const std::string_view after = line.substr(before.size());
  const std::size_t shown_before = width + (cut ? kCut.size() : 0);
  const std::size_t budget = 2 * kContextColumns - std::min(shown_before, kContextColumns);
  std::size_t shown_after = 0;
  for (at = 0; at < after.size() && shown_after < budget;) {
    const text::Shown shown = text::shown_at(after, at);
    context.line += shown.text;
    shown_after += shown.width;
    at = shown.end;
  }
  if (at < after.size()) context.line += kCut;
  return context;
}

}  // namespace

std::string format_diagnostic(const SourceLocation& where, const std::string& severity, const std::string& message) {
  std::ostringstream out;
  if (!where.file.empty()) {
    out << text::printable(where.file) << ':';
    if (where.line > 0) {
      out << where.line << ':';
      if (where.column > 0) out << where.column << ':';
    }
    out << ' ';
  }
  out << severity << ": " << text::printable(message, text::Newlines::keep);
  if (where.line > 0 && !where.source_line.empty()) {
    const std::size_t caret_at = where.column > 0 ? static_cast<std::size_t>(where.column - 1) : 0;
    const Context context = context_of(where.source_line, std::min(caret_at, where.source_line.size()));
    out << '\n' << context.line;
    if (where.column > 0) out << '\n' << context.caret;
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

std::string printable_message(const std::string& message) { return text::printable(message, text::Newlines::keep); }

}  // namespace sparkfit
