// Walks the table of inputs by command and platform (sparkfit/platform/inputs.hpp): for every
// (command, platform, flag), a flag the table says applies changes the answer, and one it says does
// not is refused with exit 3 and a sentence naming it. Each flag is tried with a value, and where
// its effect shows only in some jobs, in a context that shows it (a flag that changes nothing on
// the baseline cluster would prove nothing).
#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "sparkfit/platform/inputs.hpp"
#include "support/test_support.hpp"

using sparkfit::platform::PlanCommand;
using sparkfit::platform::Platform;
using sparkfit::testing::run_sparkfit;

namespace {

using Args = std::vector<std::string>;

// The one cluster (or run) each platform plans in the walk; recommend searches a few node counts.
Args baseline(PlanCommand command, Platform platform) {
  const bool search = command == PlanCommand::recommend;
  switch (platform) {
    case Platform::emr: return {"--platform", "emr", "--instance", "r5.2xlarge", "--nodes", search ? "2..6" : "4"};
    case Platform::ec2: return {"--platform", "ec2", "--instance", "r5.2xlarge", "--nodes", search ? "2..6" : "4"};
    case Platform::yarn: return {"--platform", "yarn", "--nodes", "4", "--node-cores", "16", "--node-memory", "64g"};
    case Platform::glue: return {"--platform", "glue", "--worker-type", "G.1X", "--workers", search ? "2..20" : "10"};
    case Platform::emr_serverless: return {"--platform", "emr-serverless"};
    case Platform::kubernetes:
      return {"--platform", "kubernetes", "--instance", "m5.4xlarge", "--nodes", search ? "2..6" : "4"};
  }
  return {};
}

// A flag's value, and the flags it needs around it for its effect to show.
struct Sample {
  Args value;  // empty for a switch
  Args context;
};

const std::map<std::string, Sample, std::less<>>& samples() {
  static const std::map<std::string, Sample, std::less<>> table = {
      {"instance", {{"m5.2xlarge"}, {}}},
      {"nodes", {{"3"}, {}}},
      {"primary-instance", {{"m5.4xlarge"}, {}}},
      {"node-cores", {{"32"}, {}}},
      {"node-memory", {{"128g"}, {}}},
      {"reserve-cores", {{"4"}, {}}},
      {"reserve-memory", {{"16g"}, {}}},
      // Vcores are enforced only with the dominant calculator: 16 5-core executors of 8g on 4 nodes
      // fit by memory alone, a few by vcores.
      {"yarn-resource-calculator",
       {{"dominant"}, {"--executor-cores", "5", "--executor-memory", "8g", "--num-executors", "16"}}},
      // 28672 MiB containers round up to 30720 MiB in 5 GiB steps, and two no longer fit a node.
      {"yarn-min-allocation", {{"5g"}, {}}},
      {"market", {{"spot"}, {}}},
      {"emr-release", {{"emr-5.36.0"}, {}}},
      {"num-executors", {{"5"}, {}}},
      {"executor-cores", {{"2"}, {}}},
      {"executor-memory", {{"6g"}, {}}},
      {"memory-overhead", {{"3g"}, {}}},
      {"overhead-factor", {{"0.3"}, {}}},
      {"heap-from-container", {{"subtract"}, {}}},
      // A 30g driver in cluster mode leaves its node no room for an executor; in client mode it runs
      // off the cluster.
      {"deploy-mode", {{"client"}, {"--driver-memory", "30g"}}},
      {"driver-memory", {{"30g"}, {}}},
      // With vcores enforced, a 4-core driver leaves the AM's node room for one 3-core executor, not two.
      {"driver-cores",
       {{"4"}, {"--yarn-resource-calculator", "dominant", "--executor-cores", "3", "--executor-memory", "8g"}}},
      {"input", {{"300GB"}, {}}},
      {"files", {{"100000"}, {}}},
      // Gzip'd CSV is read whole, one task a file; gzip'd Parquet splits (on Glue, only with Spark's
      // reader: a DynamicFrame reads one partition a file whatever the format).
      {"file-format", {{"csv"}, {"--compression", "gzip", "--files", "40"}}},
      {"compression", {{"gzip"}, {"--file-format", "csv", "--files", "40"}}},
      {"workload", {{"etl"}, {}}},  // no shuffle stage, where the baseline's join has one
      {"iterations", {{"3"}, {"--workload", "iterative-ml"}}},
      {"language", {{"python"}, {}}},
      {"partitions", {{"100"}, {}}},
      {"shuffle-partitions", {{"1000"}, {}}},
      {"worker-type", {{"G.2X"}, {}}},
      {"workers", {{"4"}, {}}},
      {"glue-version", {{"3.0"}, {}}},
      {"execution-class", {{"flex"}, {}}},
      {"auto-scaling", {{}, {}}},
      // Spark's reader packs small files into splits; a DynamicFrame reads one file a partition.
      {"glue-reader", {{"dataframe"}, {"--files", "20000"}}},
      {"minimize", {{"runtime"}, {}}},
      {"deadline", {{"1m"}, {}}},
      {"budget", {{"$0.01"}, {}}},
      {"spot-discount", {{"0.3"}, {"--market", "spot"}}},
      {"price-factor", {{"1.2"}, {}}},
      {"savings-plan-discount", {{"0.2"}, {}}},
      {"all-candidates", {{}, {"--format", "json"}}},
      {"suggest-runs", {{"2"}, {}}},
      {"dynamic-allocation", {{}, {}}},
      {"emr-fleets", {{}, {"--format", "emr-json"}}},
  };
  return table;
}

// What a flag's effect needs on one platform or command beyond its sample's context.
Args extra_context(const std::string& flag, PlanCommand command, Platform platform) {
  if (platform == Platform::glue && (flag == "file-format" || flag == "compression"))
    return {"--glue-reader", "dataframe"};
  // recommend's EMR cluster document names the release; its text and JSON describe the layout.
  if (flag == "emr-release" && command == PlanCommand::recommend) return {"--format", "emr-json"};
  return {};
}

// `args` with `--name` (and its value) taken out.
Args without(Args args, const std::string& name) {
  const auto at = std::find(args.begin(), args.end(), "--" + name);
  if (at != args.end()) args.erase(at, at + 2);
  return args;
}

const char* kWork[] = {"--input", "200GB", "--workload", "join"};

Args command_args(PlanCommand command, Platform platform, const std::string& flag, const Sample& sample, bool with_flag,
                  const char* format) {
  Args args{std::string(sparkfit::platform::to_string(command))};
  Args rest = baseline(command, platform);
  rest.insert(rest.end(), std::begin(kWork), std::end(kWork));
  for (std::size_t i = 0; i < sample.context.size(); i += 2) rest = without(rest, sample.context[i].substr(2));
  rest.insert(rest.end(), sample.context.begin(), sample.context.end());
  if (with_flag) {
    rest = without(rest, flag);
    rest.push_back("--" + flag);
    rest.insert(rest.end(), sample.value.begin(), sample.value.end());
  }
  if (std::find(rest.begin(), rest.end(), "--format") == rest.end()) {
    rest.push_back("--format");
    rest.push_back(format);
  }
  args.insert(args.end(), rest.begin(), rest.end());
  return args;
}

std::string joined(const Args& args) {
  std::string line;
  for (const std::string& arg : args) line += (line.empty() ? "" : " ") + arg;
  return line;
}

// Inputs the walk cannot try by changing one value: --from-eventlog replaces the whole work (its
// own tests are in tests/cli/), and --region accepts only the catalog's price region
// (tests below).
bool walked(std::string_view input) { return input != "from-eventlog" && input != "region"; }

void walk(PlanCommand command, Platform platform) {
  for (std::string_view input : sparkfit::platform::platform_inputs()) {
    if (!walked(input)) continue;
    const std::string flag(input);
    const auto sample = samples().find(flag);
    REQUIRE_MESSAGE(sample != samples().end(), "no sample value for --" << flag);
    if (sparkfit::platform::applies(flag, command, platform)) {
      bool changed = false;
      Sample in_context = sample->second;
      const Args extra = extra_context(flag, command, platform);
      in_context.context.insert(in_context.context.end(), extra.begin(), extra.end());
      for (const char* format : {"json", "text"}) {
        const auto base = run_sparkfit(command_args(command, platform, flag, in_context, false, format));
        const auto with = run_sparkfit(command_args(command, platform, flag, in_context, true, format));
        INFO(joined(command_args(command, platform, flag, in_context, true, format)), "\n", with.err);
        CHECK(with.code != 3);
        changed = changed || base.code != with.code || base.out != with.out;
      }
      CHECK_MESSAGE(changed, "--" << flag << " applies to " << sparkfit::platform::to_string(command) << " on "
                                  << sparkfit::platform::to_string(platform) << " but changes nothing");
    } else {
      // Without its context: a context flag may itself not apply here.
      const Args args = command_args(command, platform, flag, Sample{sample->second.value, {}}, true, "text");
      const auto run = run_sparkfit(args);
      const std::string verb(sparkfit::platform::to_string(command));
      // A command that takes the flag nowhere does not list it at all; a flag that contradicts
      // another (--node-cores with --instance) may be refused by that pair's own message.
      const bool refused = run.code == 3 && run.err.find("--" + flag) != std::string::npos;
      CHECK_MESSAGE(refused, "not refused: " << joined(args) << " -> exit " << run.code << ": " << run.err);
    }
  }
}

}  // namespace

// A random command line: a command, a platform and up to four flags of the table with their
// sample values, with the baseline cluster and work.
Args random_command(std::mt19937& random, PlanCommand* command, Platform* platform, std::vector<std::string>* given) {
  const PlanCommand commands[] = {PlanCommand::explain, PlanCommand::predict, PlanCommand::recommend};
  const std::vector<Platform>& platforms = sparkfit::platform::all_platforms();
  *command = commands[random() % 3];
  // explain plans emr, ec2 and yarn only: the first three.
  *platform = platforms[random() % (*command == PlanCommand::explain ? 3 : platforms.size())];
  std::vector<std::string_view> inputs;
  for (std::string_view input : sparkfit::platform::platform_inputs())
    if (walked(input)) inputs.push_back(input);
  Args rest = baseline(*command, *platform);
  rest.insert(rest.end(), std::begin(kWork), std::end(kWork));
  const std::size_t count = 1 + random() % 4;
  for (std::size_t i = 0; i < count; ++i) {
    const std::string flag(inputs[random() % inputs.size()]);
    if (std::find(given->begin(), given->end(), flag) != given->end()) continue;
    given->push_back(flag);
    rest = without(rest, flag);
    rest.push_back("--" + flag);
    const Args& value = samples().find(flag)->second.value;
    rest.insert(rest.end(), value.begin(), value.end());
  }
  Args args{std::string(sparkfit::platform::to_string(*command))};
  args.insert(args.end(), rest.begin(), rest.end());
  return args;
}

TEST_SUITE("flag table") {
  // The flag layer's property, on random flag sets (a fixed seed, so a failure repeats): no crash,
  // an exit code of the contract, and no success with a flag the table says changes nothing there.
  TEST_CASE("random flag sets never crash and never succeed with a flag that does not apply") {
    std::mt19937 random(20261207);
    for (int draw = 0; draw < 300; ++draw) {
      PlanCommand command{};
      Platform platform{};
      std::vector<std::string> given;
      const Args args = random_command(random, &command, &platform, &given);
      const auto run = run_sparkfit(args);
      INFO(joined(args), "\n", run.err);
      CHECK(run.code >= 0);
      CHECK(run.code <= 4);
      CHECK(run.err.find("internal error") == std::string::npos);
      if (run.code == 0)
        for (const std::string& flag : given) CHECK(sparkfit::platform::applies(flag, command, platform));
    }
  }

  TEST_CASE("every input of the table has a sample value, and every plan flag of --help is in the table") {
    for (std::string_view input : sparkfit::platform::platform_inputs())
      CHECK_MESSAGE((!walked(input) || samples().count(input) == 1), input);
    for (const std::string command : {"explain", "predict", "recommend"}) {
      const auto help = run_sparkfit({command, "--help"});
      // Boost lists each option on a line of its own: "  --name arg   help".
      for (std::size_t at = help.out.find("\n  --"); at != std::string::npos; at = help.out.find("\n  --", at + 1)) {
        const std::size_t end = help.out.find_first_of(" \n", at + 5);
        const std::string name = help.out.substr(at + 5, end - at - 5);
        if (name == "platform" || name == "format" || name == "output" || name == "help" || name == "report") continue;
        CHECK_MESSAGE(sparkfit::platform::is_platform_input(name), "not in the table: " << command << " --" << name);
      }
    }
  }

  TEST_CASE("another platform's format is a usage error on every platform, naming the formats it writes") {
    const auto emr = run_sparkfit({"recommend", "--platform", "emr", "--instance", "r5.2xlarge", "--nodes", "2..4",
                                   "--input", "100GB", "--format", "glue-args"});
    CHECK(emr.code == 3);
    CHECK(emr.err ==
          "sparkfit: error: --format glue-args is not a format of emr; it writes text, json, markdown, spark-submit, "
          "spark-defaults, emr-json\n");
    const auto ec2 = run_sparkfit({"recommend", "--platform", "ec2", "--instance", "r5.2xlarge", "--nodes", "2..4",
                                   "--input", "100GB", "--format", "emr-json"});
    CHECK(ec2.code == 3);
    CHECK(ec2.err ==
          "sparkfit: error: --format emr-json is not a format of ec2; it writes text, json, markdown, spark-submit, "
          "spark-defaults\n");
    const auto glue = run_sparkfit({"recommend", "--platform", "glue", "--input", "100GB", "--format", "spark-submit"});
    CHECK(glue.code == 3);
    CHECK(glue.err ==
          "sparkfit: error: --format spark-submit is not a format of glue; it writes text, json, glue-args\n");
  }

  TEST_CASE("review refuses the price flags of the cluster group, which change none of its findings") {
    for (const std::string flag : {"--market", "--region", "--primary-instance"}) {
      const auto run = run_sparkfit({"review", "--instance", "r5.2xlarge", "--nodes", "4", flag,
                                     flag == "--market"   ? "spot"
                                     : flag == "--region" ? "us-east-1"
                                                          : "m5.xlarge",
                                     "--", "spark-submit", "--executor-cores", "4", "app.jar"});
      CHECK(run.code == 3);
      CHECK(run.err == "sparkfit: error: " + flag +
                           " does not apply to review: review checks the settings against the cluster's cores and "
                           "memory, not its price (sparkfit predict prices a layout)\n");
    }
  }

  TEST_CASE("iterations where no stage repeats are refused, and a quick iterative workload gets its 10") {
    const auto join = run_sparkfit({"predict", "--instance", "r5.2xlarge", "--nodes", "4", "--input", "100GB",
                                    "--workload", "join", "--iterations", "3"});
    CHECK(join.code == 2);
    CHECK(join.err ==
          "sparkfit: error: iterations 3: the join workload has no stage that repeats (iterative-ml and graph do), "
          "so iterations change nothing; drop --iterations (job.iterations) or give --workload iterative-ml\n");
    const Args ml{"predict", "--instance", "r5.2xlarge",   "--nodes",  "4",   "--input",
                  "100GB",   "--workload", "iterative-ml", "--format", "json"};
    Args ten = ml;
    ten.insert(ten.end(), {"--iterations", "10"});
    CHECK(run_sparkfit(ml).out == run_sparkfit(ten).out);
  }

  TEST_CASE("predict says when more executors are requested than the nodes hold") {
    const auto run = run_sparkfit({"predict", "--instance", "r5.2xlarge", "--nodes", "4", "--input", "100GB",
                                   "--workload", "join", "--num-executors", "100"});
    CHECK(run.code == 0);
    CHECK(run.out.find("  - 100 executors requested, but the nodes hold 7: YARN starts 7 and the rest wait, so 7 "
                       "are predicted (review's SF4005); --nodes or a smaller --num-executors makes them fit\n") !=
          std::string::npos);
  }

  TEST_CASE("explain on emr honors or refuses every flag") { walk(PlanCommand::explain, Platform::emr); }
  TEST_CASE("explain on ec2 honors or refuses every flag") { walk(PlanCommand::explain, Platform::ec2); }
  TEST_CASE("explain on yarn honors or refuses every flag") { walk(PlanCommand::explain, Platform::yarn); }
  TEST_CASE("predict on emr honors or refuses every flag") { walk(PlanCommand::predict, Platform::emr); }
  TEST_CASE("predict on ec2 honors or refuses every flag") { walk(PlanCommand::predict, Platform::ec2); }
  TEST_CASE("predict on yarn honors or refuses every flag") { walk(PlanCommand::predict, Platform::yarn); }
  TEST_CASE("predict on glue honors or refuses every flag") { walk(PlanCommand::predict, Platform::glue); }
  TEST_CASE("predict on emr-serverless honors or refuses every flag") {
    walk(PlanCommand::predict, Platform::emr_serverless);
  }
  TEST_CASE("predict on kubernetes honors or refuses every flag") { walk(PlanCommand::predict, Platform::kubernetes); }
  TEST_CASE("recommend on emr honors or refuses every flag") { walk(PlanCommand::recommend, Platform::emr); }
  TEST_CASE("recommend on ec2 honors or refuses every flag") { walk(PlanCommand::recommend, Platform::ec2); }
  TEST_CASE("recommend on yarn honors or refuses every flag") { walk(PlanCommand::recommend, Platform::yarn); }
  TEST_CASE("recommend on glue honors or refuses every flag") { walk(PlanCommand::recommend, Platform::glue); }
  TEST_CASE("recommend on emr-serverless honors or refuses every flag") {
    walk(PlanCommand::recommend, Platform::emr_serverless);
  }
  TEST_CASE("recommend on kubernetes honors or refuses every flag") {
    walk(PlanCommand::recommend, Platform::kubernetes);
  }
}
