// spark-defaults.conf as Spark reads it: java.util.Properties.load over UTF-8 text, then every
// value trimmed (Utils.getPropertiesFromFile). Duplicates are all kept in file order; the last
// one wins in effective_settings, as it does in a Properties table.
#include <vector>

#include "sparkfit/spark_conf/spark_conf.hpp"

namespace sparkfit::spark_conf {
namespace {

struct Char {
  char c;
  int line;
  int column;
};

bool java_space(char c) { return c == ' ' || c == '\t' || c == '\f'; }

class DefaultsParser {
 public:
  DefaultsParser(const std::string& text, const std::string& file, const std::string& source, int precedence)
      : text_(text), file_(file), source_(source), precedence_(precedence) {}

  std::vector<Setting> run() {
    std::vector<Setting> settings;
    std::vector<std::string> lines = natural_lines();
    std::size_t n = 0;
    while (n < lines.size()) {
      // A logical line: natural lines joined where one ends in an odd number of backslashes.
      std::vector<Char> logical;
      const std::string& first = lines[n];
      std::size_t k = 0;
      while (k < first.size() && java_space(first[k])) ++k;
      if (k == first.size() || first[k] == '#' || first[k] == '!') {
        ++n;  // blank or comment line; a comment never continues
        continue;
      }
      bool more = true;
      bool first_line = true;
      while (more && n < lines.size()) {
        const std::string& line = lines[n];
        std::size_t start = 0;
        if (!first_line)
          while (start < line.size() && java_space(line[start])) ++start;
        else
          start = k;
        std::size_t end = line.size();
        std::size_t backslashes = 0;
        while (backslashes < end - start && line[end - 1 - backslashes] == '\\') ++backslashes;
        more = backslashes % 2 == 1;
        if (more) --end;
        for (std::size_t c = start; c < end; ++c)
          logical.push_back(Char{line[c], static_cast<int>(n) + 1, static_cast<int>(c) + 1});
        first_line = false;
        ++n;
      }
      if (!logical.empty()) settings.push_back(entry(logical));
    }
    return settings;
  }

 private:
  const std::string& text_;
  const std::string& file_;
  const std::string& source_;
  int precedence_;

  // Lines split at \n; a \r before it belongs to the terminator.
  std::vector<std::string> natural_lines() const {
    std::vector<std::string> lines;
    std::size_t start = 0;
    while (start <= text_.size()) {
      std::size_t end = text_.find('\n', start);
      if (end == std::string::npos) end = text_.size();
      std::string line = text_.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      lines.push_back(std::move(line));
      start = end + 1;
    }
    return lines;
  }

  SourceLocation at(const Char& c) const { return SourceLocation{file_, c.line, c.column, line_of(text_, c.line)}; }

  static int hex(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  static void append_utf8(std::string& out, unsigned code) {
    if (code < 0x80) {
      out += static_cast<char>(code);
    } else if (code < 0x800) {
      out += static_cast<char>(0xC0 | (code >> 6));
      out += static_cast<char>(0x80 | (code & 0x3F));
    } else {
      out += static_cast<char>(0xE0 | (code >> 12));
      out += static_cast<char>(0x80 | ((code >> 6) & 0x3F));
      out += static_cast<char>(0x80 | (code & 0x3F));
    }
  }

  // Properties.loadConvert: \t \n \r \f, \uXXXX, and `\x` = x.
  std::string unescape(const std::vector<Char>& chars, std::size_t begin, std::size_t end) const {
    std::string out;
    std::size_t i = begin;
    while (i < end) {
      char c = chars[i].c;
      if (c != '\\' || i + 1 >= end) {
        if (c != '\\') out += c;  // a lone trailing backslash is dropped, as Java does
        ++i;
        continue;
      }
      char e = chars[i + 1].c;
      if (e == 'u') {
        unsigned code = 0;
        for (std::size_t d = 0; d < 4; ++d) {
          int digit = i + 2 + d < end ? hex(chars[i + 2 + d].c) : -1;
          if (digit < 0) throw InputError(at(chars[i]), "malformed \\uXXXX escape: expected 4 hex digits");
          code = code * 16 + static_cast<unsigned>(digit);
        }
        append_utf8(out, code);
        i += 6;
        continue;
      }
      out += e == 't' ? '\t' : e == 'n' ? '\n' : e == 'r' ? '\r' : e == 'f' ? '\f' : e;
      i += 2;
    }
    return out;
  }

  Setting entry(const std::vector<Char>& chars) const {
    std::size_t key_end = 0;
    bool has_separator = false;
    while (key_end < chars.size()) {
      char c = chars[key_end].c;
      if (c == '\\') {
        key_end += 2;
        continue;
      }
      if (c == '=' || c == ':') {
        has_separator = true;
        break;
      }
      if (java_space(c)) break;
      ++key_end;
    }
    if (key_end > chars.size()) key_end = chars.size();
    std::size_t value_start = key_end + (has_separator ? 1 : 0);
    while (value_start < chars.size()) {
      char c = chars[value_start].c;
      if (java_space(c)) {
        ++value_start;
      } else if (!has_separator && (c == '=' || c == ':')) {
        has_separator = true;
        ++value_start;
      } else {
        break;
      }
    }
    Setting setting;
    setting.key = unescape(chars, 0, key_end);
    std::string value = unescape(chars, value_start, chars.size());
    // Spark trims each value (String.trim: every char <= ' ').
    std::size_t b = 0, e = value.size();
    while (b < e && static_cast<unsigned char>(value[b]) <= ' ') ++b;
    while (e > b && static_cast<unsigned char>(value[e - 1]) <= ' ') --e;
    setting.value = value.substr(b, e - b);
    setting.source = source_;
    setting.where = at(chars[0]);
    setting.precedence = precedence_;
    return setting;
  }
};

}  // namespace

std::vector<Setting> parse_spark_defaults(const std::string& text, const std::string& file_name,
                                          const std::string& source, int precedence) {
  return DefaultsParser(text, file_name, source, precedence).run();
}

}  // namespace sparkfit::spark_conf
