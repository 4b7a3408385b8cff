// sparkfit analyze PATH... over a fleet of logs: the copied logs of tests/data/eventlogs and the
// bad ones of tests/data/fleet. Every log is a row (an unread one with its error), the bytes do not
// depend on --jobs, CSV is quoted and guarded, and a single log keeps the single analyze.
#include <doctest/doctest.h>
#include <unistd.h>

#include <filesystem>
#include <string>

#include "sparkfit/output/fleet.hpp"
#include "sparkfit/util/json_reader.hpp"
#include "sparkfit/util/text.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace sparkfit;
using namespace sparkfit::testing;

namespace {

const std::string kLogs = kTestData + "/eventlogs";
const std::string kBad = kTestData + "/fleet";

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (std::size_t at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE("analyze of a directory ranks every readable log and reports each unreadable one as a row") {
    CommandRun run = run_sparkfit({"analyze", kLogs, kBad, kBad + "/no-logs", "--format", "json"});
    CHECK(run.code == 2);  // some logs could not be read; every row is still printed
    const json::Document doc = json::parse(run.out, "stdout");
    const json::Value& apps = at(doc.root, "applications");
    std::size_t errors = 0;
    double previous = 1e300;
    bool errors_started = false;
    for (const json::Value& app : apps.items) {
      const json::Value& error = at(app, "error");
      if (!error.is_null()) {
        ++errors;
        errors_started = true;
        CHECK(at(app, "core_hours_wasted").is_null());
        continue;
      }
      CHECK_FALSE(errors_started);  // unread logs come last
      const double wasted = std::stod(at(app, "core_hours_wasted").text);
      CHECK(wasted <= previous);
      previous = wasted;
    }
    // The five bad fixtures: four files and the directory without a log, given by name.
    CHECK(errors == 5);
    CHECK(run.out.find("\"error\": \"" + kBad + "/not-json:1: malformed JSON") != std::string::npos);
    CHECK(run.out.find("\"error\": \"" + kBad + "/no-logs: no event log in this directory or under it\"") !=
          std::string::npos);
    CHECK(run.out.find(kBad + "/corrupt.zstd: corrupt zstd data at byte offset") != std::string::npos);
    // The rolling log is one application; its parts are not rows of their own.
    CHECK(count_of(run.out, "eventlog_v2_local-1623876083964") == 1);
    const json::Value& totals = at(doc.root, "totals");
    CHECK(at(totals, "failed").text == "5");
    CHECK(std::stoul(at(totals, "applications").text) + 5 == apps.items.size());
    CHECK(run.err.find("sparkfit: note: skipped ") != std::string::npos);
  }

  TEST_CASE("analyze of a fleet gives the same bytes with --jobs 1 and --jobs 4") {
    for (const char* format : {"text", "json", "csv", "markdown"}) {
      CommandRun one = run_sparkfit({"analyze", kLogs, kBad, "--jobs", "1", "--format", format});
      CommandRun four = run_sparkfit({"analyze", kLogs, kBad, "--jobs", "4", "--format", format});
      CHECK_MESSAGE(one.out == four.out, format);
      CHECK(one.err == four.err);
      CHECK(one.code == four.code);
    }
  }

  TEST_CASE("analyze refuses a --jobs that is not a positive count, naming the flag") {
    for (const char* jobs : {"0", "-2", "two", "1.5"}) {
      CommandRun run = run_sparkfit({"analyze", kLogs, "--jobs", jobs});
      CHECK(run.code == 2);
      CHECK_MESSAGE(run.err.rfind("sparkfit: error: --jobs: ", 0) == 0, run.err);
      CHECK(run.out.empty());
    }
  }

  TEST_CASE("analyze of a fleet refuses what applies to one log and formats it does not write") {
    CommandRun what_if = run_sparkfit({"analyze", kLogs, "--what-if-executors", "4"});
    CHECK(what_if.code == 3);
    CHECK(what_if.err.find("--what-if-executors applies to the analyze of one log") != std::string::npos);
    CommandRun sarif = run_sparkfit({"analyze", kLogs, "--format", "sarif"});
    CHECK(sarif.code == 3);
    CHECK(sarif.err.find("it writes text, json, csv, markdown") != std::string::npos);
    CommandRun glue = run_sparkfit({"analyze", kLogs, "--platform", "glue"});
    CHECK(glue.code == 3);
    CHECK(glue.err.find("--platform glue does not apply to analyze") != std::string::npos);
    // One log: the fleet's flags and CSV are refused, so that its output stays as it was.
    const std::string one = kLogs + "/dr-elephant/event_log_1";
    CHECK(run_sparkfit({"analyze", one, "--format", "csv"}).code == 3);
    CHECK(run_sparkfit({"analyze", one, "--instance", "m5.xlarge"}).code == 3);
  }

  TEST_CASE("analyze of one log given with --jobs is the single analyze, byte for byte") {
    const std::string one = kLogs + "/sparklens/local-1532512550423";
    CommandRun plain = run_sparkfit({"analyze", one, "--format", "json"});
    CommandRun with_jobs = run_sparkfit({"analyze", one, "--format", "json", "--jobs", "3"});
    CHECK(plain.code == 0);
    CHECK(plain.out == with_jobs.out);
    CHECK(plain.out.find("\"applications\"") == std::string::npos);
    // The rolling-log folder is one log, too.
    CommandRun rolling = run_sparkfit(
        {"analyze", kLogs + "/spark-rapids-tools/spark-events-qualification/eventlog_v2_local-1623876083964",
         "--format", "json"});
    CHECK(rolling.code == 0);
    CHECK(rolling.out.find("\"replay\"") != std::string::npos);
  }

  TEST_CASE("analyze of a fleet with --instance ranks by dollars at the instance's price per core-hour") {
    CommandRun run = run_sparkfit({"analyze", kLogs + "/dr-elephant", kBad + "/formula-app", "--instance", "m5.xlarge",
                                   "--platform", "ec2", "--format", "json"});
    CHECK(run.code == 0);
    const json::Document doc = json::parse(run.out, "stdout");
    const json::Value& first = at(doc.root, "applications").items.at(0);
    const double wasted_core_hours = std::stod(at(first, "core_hours_wasted").text);
    const double wasted_usd = std::stod(at(first, "wasted_usd").text);
    // m5.xlarge: 4 vCPUs at EC2's on-demand price; a core-hour is a quarter of its hour.
    const double per_core_hour = shipped_catalog().require("m5.xlarge").price_usd_per_hour / 4;
    CHECK(wasted_usd == doctest::Approx(wasted_core_hours * per_core_hour));
    CHECK_FALSE(at(at(doc.root, "totals"), "wasted_usd").is_null());
    CommandRun text = run_sparkfit(
        {"analyze", kLogs + "/dr-elephant", kBad + "/formula-app", "--instance", "m5.xlarge", "--platform", "ec2"});
    CHECK(text.out.find("ranked by dollars wasted") != std::string::npos);
  }

  TEST_CASE("analyze of a fleet does not follow a symbolic link met in a directory, and says so") {
    const fs::path dir = scratch_dir("fleet-symlink");
    fs::copy_file(kLogs + "/dr-elephant/event_log_1", dir / "event_log_1");
    fs::create_symlink(fs::absolute(kLogs + "/sparklens"), dir / "elsewhere");
    CommandRun run = run_sparkfit({"analyze", dir.string(), "--format", "json"});
    CHECK(run.code == 0);
    CHECK(run.out.find("local-1532512550423") == std::string::npos);
    CHECK(run.err.find((dir / "elsewhere").string() + ": a symbolic link, not followed") != std::string::npos);
    fs::remove_all(dir);
  }

  TEST_CASE("analyze of a fleet reports a log it may not read as a row") {
    if (geteuid() == 0) return;  // root reads a file whatever its mode: nothing to test here
    const fs::path dir = scratch_dir("fleet-unreadable");
    fs::copy_file(kLogs + "/dr-elephant/event_log_1", dir / "event_log_1");
    fs::copy_file(kLogs + "/dr-elephant/event_log_1", dir / "locked");
    fs::permissions(dir / "locked", fs::perms::none);
    CommandRun run = run_sparkfit({"analyze", dir.string()});
    CHECK(run.code == 2);
    CHECK(run.out.find((dir / "locked").string() + ": cannot open") != std::string::npos);
    fs::permissions(dir / "locked", fs::perms::owner_all);
    fs::remove_all(dir);
  }

  TEST_CASE("analyze of a fleet writes a report with the chart of waste by application") {
    const std::string page = scratch_path("fleet-report.html").string();
    CommandRun run = run_sparkfit({"analyze", kLogs + "/dr-elephant", kBad + "/formula-app", "--report", page});
    CHECK(run.code == 0);
    const std::string html = read_file(page);
    CHECK(html.find("<section id=\"waste\">") != std::string::npos);
    CHECK(html.find("id=\"wide-waste\"") != std::string::npos);
    CHECK(html.find("PythonPi") != std::string::npos);
    CHECK(html.find("=HYPERLINK(&quot;") != std::string::npos);  // escaped
    fs::remove(page);
  }
}

TEST_SUITE("output") {
  TEST_CASE("a CSV cell is quoted as RFC 4180 says and guarded against spreadsheet formulas") {
    CHECK(output::csv_cell("plain") == "plain");
    CHECK(output::csv_cell("a,b") == "\"a,b\"");
    CHECK(output::csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(output::csv_cell("two\nlines") == "two\\nlines");  // untrusted text: a line break is escaped
    CHECK(output::csv_cell("=1+2") == "'=1+2");
    CHECK(output::csv_cell("+1") == "'+1");
    CHECK(output::csv_cell("-1") == "'-1");
    CHECK(output::csv_cell("@SUM(A1)") == "'@SUM(A1)");
    CHECK(output::csv_cell("=HYPERLINK(\"x\"),y") == "\"'=HYPERLINK(\"\"x\"\"),y\"");
    CHECK(output::csv_cell("\x1b[31mred") == "\\x1b[31mred");
  }

  TEST_CASE("analyze of a fleet counts each run's configuration findings as the single analyze lists them") {
    CommandRun run = run_sparkfit({"analyze", kLogs, "--format", "json"});
    REQUIRE(run.code == 0);
    const json::Document doc = json::parse(run.out, "stdout");
    double sum = 0;
    for (const json::Value& app : at(doc.root, "applications").items) {
      const std::string path = at(app, "path").text;
      INFO(path);
      CommandRun single = run_sparkfit({"analyze", path, "--format", "json"});
      REQUIRE(single.code == 0);
      const json::Document one = json::parse(single.out, "stdout");
      const double listed = static_cast<double>(at(one.root, "config_findings").items.size());
      CHECK(at(app, "config_findings").number == listed);
      sum += listed;
    }
    CHECK(sum > 0);  // some run's own settings draw a finding, so the count is not always 0
    CHECK(at(at(doc.root, "totals"), "config_findings").number == sum);
    // The table has the column, and the totals line says how many and where they are listed.
    CommandRun text = run_sparkfit({"analyze", kLogs});
    CHECK(text.out.find("  executors  config  app") != std::string::npos);
    CHECK(text.out.find(text::plural(static_cast<std::int64_t>(sum), "configuration finding") +
                        " (sparkfit analyze LOG lists a run's)") != std::string::npos);
    CommandRun csv = run_sparkfit({"analyze", kLogs, "--format", "csv"});
    CHECK(csv.out.find(",top_finding_fix,config_findings\r\n") != std::string::npos);
  }

  TEST_CASE("analyze of a fleet writes CSV with a header and one quoted row per log") {
    CommandRun run = run_sparkfit({"analyze", kBad, "--format", "csv"});
    CHECK(run.code == 2);
    CHECK(run.out.rfind("path,app_id,app_name,error,spark_version,", 0) == 0);
    CHECK(run.out.find(",app-formula-1,\"'=HYPERLINK(\"\"http://x\"\"), \"\"quoted\"\"\",,3.5.1,") !=
          std::string::npos);
    CHECK(count_of(run.out, "\r\n") == 1 + 5);  // header, the formula app and four unread logs
  }
}
