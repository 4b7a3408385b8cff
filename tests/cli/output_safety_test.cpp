// What the commands write, checked: --output to a device, FIFO or link, stdout that refuses the
// bytes (exit 2 with the reason), the JSON error object of --format json, and exit 4 leaving no
// file behind.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <string>
#include <vector>

#include "sparkfit/cli/cli.hpp"
#include "sparkfit/util/json_reader.hpp"
#include "sparkfit/util/standard_output.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace sparkfit;
using namespace sparkfit::testing;

namespace {

const std::vector<std::string> kExplain = {"explain", "--instance", "r5.4xlarge", "--nodes", "2", "--input", "10GB"};
// 2 x m5.xlarge cannot hold the shuffle of a 2 TB join on their disks.
const std::vector<std::string> kCannotRun = {"predict", "--instance", "m5.xlarge",  "--nodes", "2",
                                             "--input", "2TB",        "--workload", "join"};

std::vector<std::string> with(std::vector<std::string> args, const std::vector<std::string>& more) {
  args.insert(args.end(), more.begin(), more.end());
  return args;
}

// The built sparkfit run by the shell with `redirect` after its arguments: its exit code and stderr.
CommandRun run_binary(const std::vector<std::string>& args, const std::string& redirect) {
  const fs::path err = scratch_path("binary-stderr.txt");
  std::string command = std::string(SPARKFIT_BINARY) + " --data-dir " + kSourceDir;
  for (const std::string& arg : args) command += " " + arg;
  command += " " + redirect + " 2>" + err.string();
  const int status = std::system(command.c_str());
  CommandRun run;
  run.code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  run.err = read_file(err);
  fs::remove(err);
  return run;
}

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("--output to a full device is exit 2 with the reason, and the device stays a device") {
    CommandRun full = run_sparkfit(with(kExplain, {"--output", "/dev/full"}));
    CHECK(full.code == 2);
    CHECK(full.err == "sparkfit: error: --output: cannot write '/dev/full': No space left on device\n");
    struct stat status {};
    CHECK((::lstat("/dev/full", &status) == 0 && S_ISCHR(status.st_mode)));
    CHECK(run_sparkfit(with(kExplain, {"--output", "/dev/null"})).code == 0);
  }

  TEST_CASE("--report through a symbolic link is refused and the link's target is untouched") {
    const fs::path dir = scratch_dir("report-link");
    write_file(dir / "victim", "precious\n");
    fs::create_symlink(dir / "victim", dir / "page.html");
    CommandRun run = run_sparkfit(with(kExplain, {"--report", (dir / "page.html").string()}));
    CHECK(run.code == 2);
    CHECK(run.err == "sparkfit: error: --report: '" + (dir / "page.html").string() +
                         "' is a symbolic link; sparkfit does not write through links: give the file it points to\n");
    CHECK(read_file(dir / "victim") == "precious\n");
    fs::remove_all(dir);
  }

  TEST_CASE("stdout that refuses the bytes is exit 2 with the reason, said once") {
    const int full = ::open("/dev/full", O_WRONLY | O_CLOEXEC);
    REQUIRE(full >= 0);
    DescriptorBuffer buffer(full);
    std::ostream out(&buffer);
    std::ostringstream err;
    CHECK(cli::run(with({"--data-dir", kSourceDir}, kExplain), out, err) == 2);
    CHECK(err.str() == "sparkfit: error: cannot write to standard output: No space left on device\n");
    ::close(full);
  }

  TEST_CASE("the sparkfit binary exits 2 when its stdout is full or closed") {
    CommandRun full = run_binary(kExplain, ">/dev/full");
    CHECK(full.code == 2);
    CHECK(full.err == "sparkfit: error: cannot write to standard output: No space left on device\n");
    CommandRun closed = run_binary(kExplain, ">&-");
    CHECK(closed.code == 2);
    CHECK(closed.err == "sparkfit: error: cannot write to standard output: Bad file descriptor\n");
    CHECK(run_binary(kExplain, ">/dev/null").code == 0);
  }

  TEST_CASE("with --format json a failure also prints the error object, with its place where it has one") {
    CommandRun bad = run_sparkfit({"predict", "tests/data/job/observation-missing-log.yaml", "--instance", "r5.4xlarge",
                                   "--nodes", "10", "--format", "json"});
    CHECK(bad.code == 2);
    const json::Document document = json::parse(bad.out, "stdout");
    CHECK(at(document.root, "schema_version").number == 1);
    CHECK(at(document.root, "sparkfit_version").is_string());
    const json::Value& error = at(document.root, "error");
    CHECK(at(error, "exit_code").number == 2);
    CHECK(at(error, "message").text.rfind("cannot read event log", 0) == 0);
    CHECK(at(at(error, "location"), "file").text == "tests/data/job/observation-missing-log.yaml");
    CHECK(at(at(error, "location"), "line").number == 7);
    // The text on stderr is what it is without --format json.
    CHECK(bad.err.rfind("tests/data/job/observation-missing-log.yaml:7:70: error: cannot read event log", 0) == 0);

    CommandRun usage = run_sparkfit({"catalog", "show", "--format=json", "--bogus"});
    CHECK(usage.code == 3);
    const json::Document usage_error = json::parse(usage.out, "stdout");
    CHECK(at(at(usage_error.root, "error"), "exit_code").number == 3);
    CHECK(at(at(usage_error.root, "error"), "location").is_null());
    // Without --format json, or before a command is known, only the text.
    CHECK(run_sparkfit({"catalog", "show", "--bogus"}).out.empty());
    CHECK(run_sparkfit({"predcit", "--format", "json"}).out.empty());
    CHECK(run_sparkfit({"catalog", "releases", "--format", "json"}).out.empty());
  }

  TEST_CASE("exit 4 writes no --output and no --report, on predict as on recommend") {
    const fs::path output = scratch_path("cannot-run.json"), page = scratch_path("cannot-run.html");
    CommandRun predict = run_sparkfit(with(kCannotRun, {"--output", output.string(), "--report", page.string()}));
    CHECK(predict.code == 4);
    CHECK(predict.out.empty());
    CHECK(predict.err.rfind("sparkfit: error: 2 x m5.xlarge", 0) == 0);
    CHECK(!fs::exists(output));
    CHECK(!fs::exists(page));
    CommandRun json = run_sparkfit(with(kCannotRun, {"--format", "json", "--output", output.string()}));
    CHECK(json.code == 4);
    const json::Document infeasible = json::parse(json.out, "stdout");
    CHECK(at(at(infeasible.root, "error"), "exit_code").number == 4);
    CHECK(at(at(infeasible.root, "error"), "message").text.rfind("2 x m5.xlarge", 0) == 0);
    CHECK(!fs::exists(output));
    CommandRun recommend =
        run_sparkfit({"recommend", "--input", "2TB", "--workload", "sort", "--instance", "m5.4xlarge", "--nodes",
                      "2..20", "--deadline", "1m", "--output", output.string()});
    CHECK(recommend.code == 4);
    CHECK(!fs::exists(output));
  }

  TEST_CASE("two outputs naming one file are refused, --emit-job among them") {
    const fs::path job = scratch_path("emitted.yaml");
    // Spelled differently, one file still: the output would replace the job spec.
    const std::string relative = "./" + job.lexically_relative(kSourceDir).string();
    CommandRun run = run_sparkfit({"analyze", kTestData + "/eventlogs/sparklens/local-1532512550423", "--emit-job",
                                   job.string(), "--output", relative});
    CHECK(run.code == 3);
    CHECK(run.err == "sparkfit: error: --output '" + relative + "' and --emit-job '" + job.string() +
                         "' are the same file; give each output a file of its own\n");
    CHECK(!fs::exists(job));
  }
}
