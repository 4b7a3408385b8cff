#include "cli/options.hpp"

#include <algorithm>
#include <filesystem>
#include <memory>

#include "sparkfit/util/error.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::cli {
namespace {

po::typed_value<std::string>* text_value(std::optional<std::string>& target) {
  return po::value<std::string>()->notifier([&target](const std::string& v) { target = v; });
}

// The flags of `group` added to `options` in the table's order; their values are read back by
// name (given_inputs).
void add_flags(OptionGroup group, po::options_description& options) {
  for (const platform::InputHelp& input : platform::command_inputs()) {
    if (input.group != group) continue;
    const std::string name(input.name);
    if (input.is_switch)
      options.add_options()(name.c_str(), po::bool_switch(), input.help);
    else
      options.add_options()(name.c_str(), po::value<std::string>(), input.help);
  }
}

// The inputs `names` of any group, in the table's order.
void add_borrowed(const std::vector<std::string_view>& names, po::options_description& options) {
  for (const platform::InputHelp& input : platform::command_inputs())
    if (std::find(names.begin(), names.end(), input.name) != names.end())
      options.add_options()(std::string(input.name).c_str(), po::value<std::string>(), input.help);
}

void add_group(OptionGroup group, po::options_description& options) {
  po::options_description captioned(std::string(platform::caption(group)));
  add_flags(group, captioned);
  options.add(captioned);
}

// Every flag given, by name in the table's order: a switch when on, a value as typed.
units::Given given_inputs(const po::variables_map& variables) {
  units::Given given;
  for (const platform::InputHelp& input : platform::command_inputs()) {
    const std::string name(input.name);
    const auto found = variables.find(name);
    if (found == variables.end()) continue;
    if (!input.is_switch)
      given.add(name, found->second.as<std::string>());
    else if (found->second.as<bool>())
      given.add(name, "");
  }
  return given;
}

// `with_report`: the command also writes --report FILE.html.
void add_output_options(po::options_description& options, Flags& flags, const std::vector<std::string>& formats,
                        bool with_report) {
  po::options_description group("Output");
  std::string format_help = text::join(formats, " | ");
  group.add_options()("format", po::value<std::string>(&flags.format), format_help.c_str())(
      "output", text_value(flags.output), "write to FILE (whole or not at all) instead of stdout")(
      "help,h", po::bool_switch(&flags.help), "this help");
  if (with_report)
    group.add_options()("report", text_value(flags.report), "also write a self-contained HTML report to FILE.html");
  options.add(group);
}

// The options of `command`, bound to `flags`, in its --help order.
std::unique_ptr<po::options_description> options_for(const Command& command, Flags& flags) {
  std::size_t first = 0;
  std::unique_ptr<po::options_description> options;
  if (command.first_group_heads_help) {
    const OptionGroup heading = command.groups.at(first++);
    options = std::make_unique<po::options_description>(std::string(platform::caption(heading)));
    add_flags(heading, *options);
    add_borrowed(command.borrowed_inputs, *options);
  } else {
    options = std::make_unique<po::options_description>();
  }
  for (std::size_t i = first; i < command.groups.size(); ++i) add_group(command.groups[i], *options);
  add_output_options(*options, flags, command.formats, command.writes_report);
  return options;
}

// Two outputs written whole to one file: the second would replace the first, which would be lost.
void refuse_shared_output_paths(const Flags& flags) {
  const std::optional<std::string> emit_job = flags.given.text("emit-job");
  const std::pair<const char*, const std::optional<std::string>*> outputs[] = {
      {"--report", &flags.report}, {"--output", &flags.output}, {"--emit-job", &emit_job}};
  const auto same_file = [](const std::string& a, const std::string& b) {
    return std::filesystem::absolute(a).lexically_normal() == std::filesystem::absolute(b).lexically_normal();
  };
  for (std::size_t i = 0; i < std::size(outputs); ++i)
    for (std::size_t j = i + 1; j < std::size(outputs); ++j)
      if (*outputs[i].second && *outputs[j].second && same_file(**outputs[i].second, **outputs[j].second))
        throw UsageError(std::string(outputs[i].first) + " '" + **outputs[i].second + "' and " + outputs[j].first +
                         " '" + **outputs[j].second + "' are the same file; give each output a file of its own");
}

// Parses `args` against `options`; positional arguments land in flags.positional. Unknown flags
// become UsageError with a did-you-mean; --format is checked against `formats`.
void parse(const std::string& command, const std::vector<std::string>& args, po::options_description& options,
           Flags& flags, const std::vector<std::string>& formats, int max_positional) {
  flags.args = args;
  po::options_description all;
  all.add(options);
  all.add_options()("positional", po::value<std::vector<std::string>>(&flags.positional));
  po::positional_options_description positional;
  positional.add("positional", -1);
  po::variables_map variables;
  try {
    po::store(po::command_line_parser(args)
                  .options(all)
                  .positional(positional)
                  .style(po::command_line_style::default_style & ~po::command_line_style::allow_guessing)
                  .run(),
              variables);
    po::notify(variables);
    flags.given = given_inputs(variables);
  } catch (const po::unknown_option& error) {
    std::vector<std::string> names;
    for (const auto& option : options.options()) names.push_back("--" + option->long_name());
    std::string name = error.get_option_name();
    if (name == "--report")
      throw UsageError("'" + command +
                       "' does not write an HTML report; --report FILE.html is for explain, predict, "
                       "recommend, review and analyze");
    throw UsageError("unknown option '" + name + "' for '" + command + "'" + text::did_you_mean(name, names) +
                     "; see 'sparkfit " + command + " --help'");
  } catch (const po::error& error) {
    throw UsageError(std::string(error.what()) + " (command '" + command + "'; see 'sparkfit " + command + " --help')");
  }
  if (flags.help) return;
  if (std::find(formats.begin(), formats.end(), flags.format) == formats.end())
    throw UsageError("'" + command + "' does not write --format " + flags.format + "; it writes " +
                     text::join(formats));
  refuse_shared_output_paths(flags);
  if (static_cast<int>(flags.positional.size()) > max_positional)
    throw UsageError("unexpected argument '" + flags.positional[static_cast<std::size_t>(max_positional)] + "' for '" +
                     command + "'; see 'sparkfit " + command + " --help'");
}

}  // namespace

std::vector<std::string> given_flags(const Flags& flags, OptionGroup group) {
  std::vector<std::string> names;
  for (const platform::InputHelp& input : platform::command_inputs())
    if (input.group == group && flags.given.has(input.name)) names.push_back("--" + std::string(input.name));
  return names;
}

void emit(Context& context, const Flags& flags, const std::string& text) {
  if (!flags.output) {
    context.out << text;
    return;
  }
  write_whole_file(*flags.output, text, "--output");
}

namespace {

// "explain --help" style text: usage line, options, example.
void print_help(Context& context, const std::string& usage, const po::options_description& options,
                const std::string& example) {
  context.out << "usage: " << usage << "\n\n" << options << "\nExample:\n  " << example << "\n";
}

}  // namespace

Flags parse_command(Context& context, const Command& command, const std::string& name,
                    const std::vector<std::string>& args) {
  Flags flags;
  std::vector<std::string> own_args = args;
  const bool takes_submit_args =
      std::find(command.groups.begin(), command.groups.end(), OptionGroup::review) != command.groups.end();
  if (auto dashes = std::find(args.begin(), args.end(), "--"); takes_submit_args && dashes != args.end()) {
    own_args.assign(args.begin(), dashes);
    flags.has_submit_args = true;
    flags.submit_args.assign(dashes + 1, args.end());
  }
  std::unique_ptr<po::options_description> options = options_for(command, flags);
  parse(name, own_args, *options, flags, command.formats, command.max_positional);
  flags.args = args;
  if (flags.help) print_help(context, command.usage, *options, command.example);
  return flags;
}

void print_command_help(Context& context, const Command& command) {
  Flags unused;
  print_help(context, command.usage, *options_for(command, unused), command.example);
}

std::string command_line(const std::string& command, const std::vector<std::string>& args) {
  std::string line = "sparkfit " + command;
  for (const std::string& arg : args) line += " " + arg;
  return line;
}

}  // namespace sparkfit::cli