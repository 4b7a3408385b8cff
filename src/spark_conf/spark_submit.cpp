// The spark-submit command line as people paste it. Quoting follows the POSIX shell closely
// enough for pasted commands (no expansions: `$VAR` stays as written), and option handling
// follows SparkSubmitOptionParser: `--opt value` and `--opt=value`, the first non-option
// argument is the application and everything after it belongs to the application. pyspark,
// spark-shell and spark-sql hand their arguments to spark-submit (bin/pyspark, bin/spark-shell,
// bin/spark-sql): the same options, and what spark-submit does not know belongs to the shell
// (SparkSubmitCommandBuilder's OptionParser.handleUnknown for the shells' special classes).
#include <algorithm>
#include <map>

#include "sparkfit/spark_conf/spark_conf.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::spark_conf {
namespace {

struct Option {
  std::string_view name;
  bool takes_value;
  std::string_view key;  // the Spark setting it sets, "" for none
};

// SparkSubmitArguments / SparkSubmit's OptionAssigner (Spark 3.5).
constexpr Option kOptions[] = {
    {"--master", true, "spark.master"},
    {"--deploy-mode", true, "spark.submit.deployMode"},
    {"--class", true, ""},
    {"--name", true, "spark.app.name"},
    {"--jars", true, "spark.jars"},
    {"--packages", true, "spark.jars.packages"},
    {"--exclude-packages", true, "spark.jars.excludes"},
    {"--repositories", true, "spark.jars.repositories"},
    {"--py-files", true, "spark.submit.pyFiles"},
    {"--files", true, "spark.files"},
    {"--archives", true, "spark.archives"},
    {"--conf", true, ""},
    {"--properties-file", true, ""},
    {"--driver-memory", true, "spark.driver.memory"},
    {"--driver-java-options", true, "spark.driver.extraJavaOptions"},
    {"--driver-library-path", true, "spark.driver.extraLibraryPath"},
    {"--driver-class-path", true, "spark.driver.extraClassPath"},
    {"--driver-cores", true, "spark.driver.cores"},
    {"--executor-memory", true, "spark.executor.memory"},
    {"--executor-cores", true, "spark.executor.cores"},
    {"--num-executors", true, "spark.executor.instances"},
    {"--total-executor-cores", true, "spark.cores.max"},
    {"--queue", true, "spark.yarn.queue"},
    {"--principal", true, "spark.kerberos.principal"},
    {"--keytab", true, "spark.kerberos.keytab"},
    {"--proxy-user", true, ""},
    {"--kill", true, ""},
    {"--status", true, ""},
    {"--supervise", false, "spark.driver.supervise"},
    {"--verbose", false, ""},
    {"--help", false, ""},
    {"--version", false, ""},
};

const Option* find_option(std::string_view name) {
  if (name == "-c") name = "--conf";
  if (name == "-v") name = "--verbose";
  if (name == "-h") name = "--help";
  for (const Option& option : kOptions)
    if (option.name == name) return &option;
  return nullptr;
}

struct Pos {
  int line;
  int column;
};

// One shell word: its text after quote removal and, for each character, where it came from.
struct Word {
  std::string text;
  std::vector<Pos> pos;
  Pos start{0, 0};  // the word's first source character (a quote, for a quoted word)
};

class Tokenizer {
 public:
  Tokenizer(const std::string& text, const std::string& file) : text_(text), file_(file) {}

  std::vector<Word> run() {
    std::vector<Word> words;
    while (true) {
      skip_blanks();
      if (at_end()) break;
      if (peek() == '#') {  // a comment runs to the end of the line
        while (!at_end() && peek() != '\n') advance();
        continue;
      }
      words.push_back(word());
    }
    return words;
  }

 private:
  const std::string& text_;
  const std::string& file_;
  std::size_t i_ = 0;
  int line_ = 1;
  int column_ = 1;

  bool at_end() const { return i_ >= text_.size(); }
  char peek(std::size_t ahead = 0) const { return i_ + ahead < text_.size() ? text_[i_ + ahead] : '\0'; }
  void advance() {
    if (text_[i_] == '\n') {
      ++line_;
      column_ = 1;
    } else {
      ++column_;
    }
    ++i_;
  }
  Pos here() const { return {line_, column_}; }
  // `\` + newline (or CRLF) is a line continuation: it vanishes.
  bool continuation() const { return peek() == '\\' && (peek(1) == '\n' || (peek(1) == '\r' && peek(2) == '\n')); }
  void skip_continuation() {
    advance();
    if (peek() == '\r') advance();
    advance();
  }
  static bool blank(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

  void skip_blanks() {
    while (!at_end()) {
      if (blank(peek()))
        advance();
      else if (continuation())
        skip_continuation();
      else
        break;
    }
  }

  [[noreturn]] void fail(Pos at, const std::string& message) const {
    throw InputError(SourceLocation{file_, at.line, at.column, line_of(text_, at.line)}, message);
  }

  void take(Word& word) {
    word.text += peek();
    word.pos.push_back(here());
    advance();
  }

  Word word() {
    Word word;
    word.start = here();
    while (!at_end() && !blank(peek())) {
      char c = peek();
      if (continuation()) {
        skip_continuation();
      } else if (c == '\\') {
        advance();
        if (!at_end()) take(word);  // a lone trailing backslash is dropped
      } else if (c == '\'') {
        Pos open = here();
        advance();
        while (!at_end() && peek() != '\'') take(word);
        if (at_end()) fail(open, "unterminated single quote");
        advance();
      } else if (c == '"') {
        Pos open = here();
        advance();
        while (!at_end() && peek() != '"') {
          if (continuation()) {
            skip_continuation();
          } else if (peek() == '\\' && (peek(1) == '"' || peek(1) == '\\' || peek(1) == '$' || peek(1) == '`')) {
            advance();  // inside double quotes a backslash escapes only these
            take(word);
          } else {
            take(word);
          }
        }
        if (at_end()) fail(open, "unterminated double quote");
        advance();
      } else {
        take(word);
      }
    }
    return word;
  }
};

class SubmitParser {
 public:
  SubmitParser(const std::string& text, const std::string& file) : text_(text), file_(file) {}

  SubmitCommand parse(const std::vector<Word>& words) {
    SubmitCommand command;
    bool have_application = false;
    std::size_t i = 0;
    const Launcher launcher = words.empty() ? Launcher::none : launcher_of(words[0].text);
    if (launcher == Launcher::shell) {
      // A shell has no application file: findings about unset settings point at the shell.
      command.application = words[0].text;
      command.application_where = at(words[0].start);
    }
    if (launcher != Launcher::none)
      i = 1;
    else if (!words.empty() && !is_option(words[0].text))
      fail(words[0].start, "'" + words[0].text +
                               "' is not spark-submit, pyspark, spark-shell or spark-sql; expected the command that "
                               "launches the Spark application, such as 'spark-submit --executor-memory 4g app.jar'");
    for (; i < words.size(); ++i) {
      const Word& word = words[i];
      if (have_application) {
        command.application_args.push_back(word.text);
        continue;
      }
      if (!is_option(word.text) && launcher == Launcher::shell) {
        command.application_args.push_back(word.text);
        continue;
      }
      if (!is_option(word.text)) {
        command.application = word.text;
        have_application = true;
        command.application_where = at(word.pos.empty() ? word.start : word.pos[0]);
        continue;
      }
      std::string name = word.text;
      std::optional<Word> inline_value;
      std::size_t eq = word.text.find('=');
      if (word.text.rfind("--", 0) == 0 && eq != std::string::npos) {
        name = word.text.substr(0, eq);
        Word value;
        value.text = word.text.substr(eq + 1);
        value.pos.assign(word.pos.begin() + static_cast<std::ptrdiff_t>(eq + 1), word.pos.end());
        value.start = value.pos.empty() ? word.pos[eq] : value.pos[0];
        inline_value = std::move(value);
      }
      const Option* option = find_option(name);
      if (!option && launcher == Launcher::shell) {
        command.application_args.push_back(word.text);  // the shell's own option, such as spark-sql's -e
        continue;
      }
      if (!option) {
        fail(word.start,
             "unknown spark-submit option '" + name + "'" + text::did_you_mean(name, spark_submit_option_names()));
      }
      if (!option->takes_value) {
        if (inline_value) fail(inline_value->start, "option '" + std::string(option->name) + "' takes no value");
        if (!option->key.empty())
          add(command, std::string(option->key), "true", "flag " + std::string(option->name), word.start);
        continue;
      }
      const Word* value = inline_value ? &*inline_value : nullptr;
      if (!value) {
        if (i + 1 >= words.size()) fail(word.start, "option '" + std::string(option->name) + "' needs a value");
        const Word& next = words[i + 1];
        std::string next_name = next.text.substr(0, next.text.find('='));
        if (next.text.rfind("--", 0) == 0 && find_option(next_name))
          fail(word.start, "option '" + std::string(option->name) + "' needs a value, got option '" + next_name + "'");
        value = &next;
        ++i;
      }
      handle(command, *option, word, *value);
    }
    finish(command);
    return command;
  }

 private:
  const std::string& text_;
  const std::string& file_;

  enum class Launcher { none, submit, shell };

  // spark-submit or one of the shells that take its options, by name or path (/usr/bin/spark-submit).
  static Launcher launcher_of(const std::string& word) {
    std::string base = word.substr(word.find_last_of('/') == std::string::npos ? 0 : word.find_last_of('/') + 1);
    for (std::string_view suffix : {".sh", ".cmd"})
      if (base.size() > suffix.size() && base.compare(base.size() - suffix.size(), suffix.size(), suffix) == 0)
        base.resize(base.size() - suffix.size());
    if (base == "spark-submit") return Launcher::submit;
    if (base == "pyspark" || base == "spark-shell" || base == "spark-sql") return Launcher::shell;
    return Launcher::none;
  }

  static bool is_option(const std::string& word) { return word.size() >= 2 && word[0] == '-'; }

  SourceLocation at(Pos pos) const { return SourceLocation{file_, pos.line, pos.column, line_of(text_, pos.line)}; }
  [[noreturn]] void fail(Pos pos, const std::string& message) const { throw InputError(at(pos), message); }

  void add(SubmitCommand& command, std::string key, std::string value, std::string source, Pos pos) const {
    int precedence = source == "--conf" ? kPrecedenceConf : kPrecedenceFlag;
    command.settings.push_back(Setting{std::move(key), std::move(value), std::move(source), at(pos), precedence});
  }

  void handle(SubmitCommand& command, const Option& option, const Word& flag, const Word& value) {
    std::string_view name = option.name;
    Pos value_start = value.pos.empty() ? value.start : value.pos[0];
    if (name == "--conf") {
      std::size_t eq = value.text.find('=');
      if (eq == std::string::npos)
        fail(value_start, "--conf value '" + value.text + "' has no '=' (expected --conf key=value)");
      if (eq == 0) fail(value_start, "--conf value '" + value.text + "' has no key before '='");
      add(command, value.text.substr(0, eq), value.text.substr(eq + 1), "--conf", value_start);
    } else if (name == "--class") {
      command.main_class = value.text;
    } else if (name == "--properties-file") {
      command.properties_file = value.text;
    } else if (!option.key.empty()) {
      add(command, std::string(option.key), value.text, "flag " + std::string(name), flag.start);
    }
  }

  static void finish(SubmitCommand& command) {
    std::vector<Setting> effective = effective_settings(command.settings);
    if (const Setting* master = find_setting(effective, "spark.master")) command.master = master->value;
    if (const Setting* mode = find_setting(effective, "spark.submit.deployMode")) command.deploy_mode = mode->value;
  }
};

}  // namespace

std::vector<Setting> effective_settings(const std::vector<Setting>& settings) {
  std::map<std::string, const Setting*> winners;
  for (const Setting& setting : settings) {
    const Setting*& winner = winners[setting.key];
    if (!winner || setting.precedence >= winner->precedence) winner = &setting;
  }
  std::vector<Setting> result;
  result.reserve(winners.size());
  for (const auto& [key, setting] : winners) result.push_back(*setting);
  return result;
}

const Setting* find_setting(const std::vector<Setting>& effective, std::string_view key) {
  for (const Setting& setting : effective)
    if (setting.key == key) return &setting;
  return nullptr;
}

std::vector<std::string> spark_submit_option_names() {
  std::vector<std::string> names;
  for (const Option& option : kOptions) names.emplace_back(option.name);
  return names;
}

SubmitCommand parse_spark_submit(const std::string& text, const std::string& file_name) {
  std::vector<Word> words = Tokenizer(text, file_name).run();
  return SubmitParser(text, file_name).parse(words);
}

SubmitCommand parse_spark_submit_args(const std::vector<std::string>& args, const std::string& file_name) {
  std::string line;
  std::vector<Word> words;
  for (const std::string& arg : args) {
    if (!line.empty()) line += ' ';
    Word word;
    word.text = arg;
    word.start = {1, static_cast<int>(line.size()) + 1};
    for (std::size_t k = 0; k < arg.size(); ++k) word.pos.push_back({1, static_cast<int>(line.size() + k) + 1});
    line += arg;
    words.push_back(std::move(word));
  }
  // Newlines inside an argument would break the one-line display; show them as spaces.
  std::replace(line.begin(), line.end(), '\n', ' ');
  return SubmitParser(line, file_name).parse(words);
}

}  // namespace sparkfit::spark_conf
