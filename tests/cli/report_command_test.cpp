// The reports the commands write (--report FILE.html, --format markdown), run in-process as a
// user runs them from the repository: what each page holds, and that every shipped example and
// event-log fixture gets its page with nothing said on stderr.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>

#include "sparkfit/cli/cli.hpp"
#include "sparkfit/eventlog/eventlog.hpp"
#include "sparkfit/job/job.hpp"
#include "sparkfit/report/pages.hpp"
#include "sparkfit/review/review.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace sparkfit::testing;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

bool whole_page(const std::string& html) {
  return html.rfind("<!DOCTYPE html>\n", 0) == 0 && html.size() > 16 && html.substr(html.size() - 8) == "</html>\n";
}

const char* kReviewJob[] = {"review", "examples/jobs/nightly-orders.yaml", "--instance", "r5.4xlarge", "--nodes", "10"};
const char* kSubmit[] = {
    "--", "spark-submit",      "--deploy-mode", "cluster",  "--num-executors", "10", "--executor-cores",
    "15", "--executor-memory", "100g",          "orders.py"};
const std::string kQ72 = "tests/data/eventlogs/spark-rapids-tools/spark-events-qualification/nds_q72_dataproc_2_2.zstd";

}  // namespace

TEST_SUITE("cli") {
  TEST_CASE(
      "review --report shows the findings by rule ID, the settings, the layout and the submitted configuration against "
      "the fix") {
    fs::path page = scratch_path("review.html");
    std::vector<std::string> args(std::begin(kReviewJob), std::end(kReviewJob));
    std::vector<std::string> plain = args;
    plain.insert(plain.end(), std::begin(kSubmit), std::end(kSubmit));
    args.insert(args.end(), {"--report", page.string()});
    args.insert(args.end(), std::begin(kSubmit), std::end(kSubmit));
    CommandRun with_report = run_sparkfit(args);
    CommandRun without = run_sparkfit(plain);
    CHECK(with_report.code == 1);  // warnings, at the default --fail-on warning
    CHECK(with_report.err.empty());
    CHECK(with_report.out == without.out);  // the report is written beside the usual output, not into it
    std::string html = read_file(page);
    REQUIRE(whole_page(html));
    CHECK(has(html, "<h1>nightly-orders: review</h1>"));
    CHECK(has(html, "<span class=\"rule\">SF2003</span><span class=\"where\">&lt;command line&gt;:1:"));
    CHECK(has(html, "<span class=\"sev warning\">warning</span><span class=\"rule\">SF2004</span>"));
    CHECK(has(html, "<div class=\"fix\">fix: "));
    // The effective settings, each with where it came from.
    CHECK(has(html,
              "<tr><td><code>spark.executor.cores</code></td><td><code>15</code></td><td class=\"why\">flag "
              "--executor-cores, "
              "&lt;command line&gt;:1:"));
    CHECK(has(html, "<td class=\"why\">EMR default (emr-7.1.0)</td>"));
    // The submitted configuration is current, sparkfit's fix is the recommended point.
    CHECK(has(html, "id=\"wide-scatter-current\""));
    CHECK(has(html, "id=\"wide-scatter-recommended\""));
    CHECK(has(html, "as submitted: 9 executors x 15 cores, heap 100g<span class=\"tag cur\">current</span>"));
    CHECK(has(html, "sparkfit&#39;s fix: 40 executors x 4 cores, heap 25573m"));
    CHECK(has(html, "id=\"wide-layout\""));
    CHECK(has(html, "<tr><th>cores per executor</th><td class=\"n\">15</td></tr>"));
    CHECK(has(html, "id=\"stages-table\""));
    CHECK(has(html, "<tr><td>scan-orders</td>"));
    CHECK(has(html,
              "<pre class=\"cmd\"><code>$ sparkfit review examples/jobs/nightly-orders.yaml --instance r5.4xlarge"));
    fs::remove(page);
  }

  TEST_CASE("review --report without a job draws the layout and no chart, and markdown points to the page") {
    fs::path page = scratch_path("review-examples.html");
    CommandRun run = run_sparkfit({"review", "--instance", "m5.2xlarge", "--nodes", "5", "--emr-release", "emr-7.1.0",
                                   "--emr-config", "examples/review/emr-configurations.json", "--conf-file",
                                   "examples/review/spark-defaults.conf", "--submit-file", "examples/review/submit.sh",
                                   "--format", "markdown", "--report", page.string()});
    CHECK(run.err.empty());
    std::string html = read_file(page);
    REQUIRE(whole_page(html));
    CHECK(has(html, "<h1>sparkfit review</h1>"));
    CHECK(has(html, "<span class=\"where\">examples/review/"));
    CHECK(has(html, "id=\"wide-layout\""));
    CHECK(!has(html, "-scatter"));
    CHECK(has(run.out, "## sparkfit review\n"));
    CHECK(has(run.out, "drawn in the HTML report `" + page.string() + "`"));
    fs::remove(page);
  }

  TEST_CASE("review --report of a SparkApplication draws pods on allocatable memory, and the driver pod") {
    fs::path page = scratch_path("review-k8s.html");
    CommandRun run = run_sparkfit({"review", "--k8s-app", "examples/review/spark-application.yaml", "--instance",
                                   "m5.4xlarge", "--nodes", "6", "--report", page.string()});
    CHECK(run.err.empty());
    std::string html = read_file(page);
    REQUIRE(whole_page(html));
    CHECK(has(html,
              "in 30,720 MiB pods, 44 task slots in all. On one node the driver pod takes the place of 1 executor."));
    CHECK(has(html, "<tr><th>allocatable memory per node</th><td class=\"n\">63,671 MiB</td></tr>"));
    CHECK(has(html, "<tr><th>cores per node</th><td class=\"n\">15</td></tr>"));
    CHECK(has(html, "<tr><th>executors displaced by the driver pod</th><td class=\"n\">1</td></tr>"));
    CHECK(has(html, "spec.executor: {instances: 17, cores: 5, coreLimit: &quot;5&quot;"));
    CHECK(!has(html, "YARN"));
    CHECK(!has(html, "MiB containers"));
    CHECK(!has(html, "executor container"));
    fs::remove(page);
  }

  TEST_CASE("review --report of a Glue job draws its workers and its capacity against sparkfit's choice") {
    fs::path page = scratch_path("review-glue.html");
    CommandRun run = run_sparkfit({"review", "examples/jobs/marketing-sql-analytics.yaml", "--glue-job",
                                   "examples/review/glue-job.json", "--report", page.string()});
    CHECK(run.err.empty());
    std::string html = read_file(page);
    REQUIRE(whole_page(html));
    CHECK(has(html, "<tr><th>instance</th><td class=\"n\">G.1X</td></tr>"));
    CHECK(has(html, "id=\"wide-scatter-current\""));
    CHECK(has(html, "id=\"wide-scatter-recommended\""));
    CHECK(has(html, "<span class=\"where\">examples/review/glue-job.json:"));
    fs::remove(page);
  }

  TEST_CASE("analyze --report draws executors over time, task times and stages, and markdown has the tables") {
    fs::path page = scratch_path("analyze.html");
    CommandRun run = run_sparkfit(
        {"analyze", kQ72, "--what-if-executors", "2,4,16", "--format", "markdown", "--report", page.string()});
    CHECK(run.code == 0);
    CHECK(run.err.empty());
    const std::string& md = run.out;
    CHECK(has(md, "## NDS - Power Run: what the run did\n"));
    CHECK(has(md, "### Stages\n\n| stage | tasks | slots | waves | time | spill |\n|---|---:|---:|---:|---:|---:|\n"));
    CHECK(has(
        md,
        "| stage 45: collect at /tmp/ab/spark-rapids-benchmarks/nds/nds\\_power.py:191 (skewed) | 580 | 128 | 5 |"));
    CHECK(has(md, "### Task time per stage\n"));
    CHECK(has(md, "- **warning** `SF6005`: stage 45's longest task took"));
    CHECK(has(md, "\n  fix: enable AQE skew handling (spark.sql.adaptive.skewJoin.enabled=true)"));
    CHECK(has(md, "- What if 16 executors x 16 cores: replayed "));
    CHECK(has(md, "- The 25 longest of 49 stages are shown; --format json lists them all.\n"));
    CHECK(has(md, "are in the HTML report `" + page.string() + "`"));
    CHECK(!has(md, "<svg"));
    std::string html = read_file(page);
    REQUIRE(whole_page(html));
    CHECK(has(html, "id=\"wide-executors\""));
    CHECK(has(html, "id=\"wide-tasks\""));
    CHECK(has(html, "id=\"wide-stages\""));
    CHECK(has(html, "id=\"wide-scatter-current\""));  // the run as replayed, among the what-ifs
    CHECK(has(html, "<span class=\"rule\">SF6005</span>"));
    fs::remove(page);
  }

  TEST_CASE("analyze's task-time boxes come from the run's tasks, with the profile's median and maximum") {
    fs::current_path(kSourceDir);
    sparkfit::eventlog::RunLog log = sparkfit::eventlog::read_event_log(kQ72);
    const std::vector<sparkfit::rules::Rule> rules = sparkfit::review::load_rules(kSourceDir + "/rules");
    sparkfit::eventlog::AnalyzeOptions options;
    options.rules = &rules;  // SF6005 marks the skewed stage
    sparkfit::eventlog::Profile profile = sparkfit::eventlog::analyze(log, options);
    sparkfit::report::ReportData page = sparkfit::report::analyze_page(profile, log, "sparkfit analyze x");
    REQUIRE(page.task_times.size() == 25);
    REQUIRE(page.stages.size() == 25);
    for (const sparkfit::report::TaskTimes& t : page.task_times) {
      CHECK(t.min_s <= t.p25_s);
      CHECK(t.p25_s <= t.median_s);
      CHECK(t.median_s <= t.p75_s);
      CHECK(t.p75_s <= t.max_s);
      for (const sparkfit::eventlog::StageProfile& s : profile.stages) {
        if (t.stage.rfind("stage " + std::to_string(s.id) + ":", 0) != 0) continue;
        CHECK(t.median_s == doctest::Approx(s.median_task_s).epsilon(0.001));
        CHECK(t.max_s == doctest::Approx(s.max_task_s).epsilon(0.001));
        CHECK(t.skewed == (s.id == 45));
      }
    }
    // Executors over time span the run, from none at its start to the end.
    REQUIRE(!page.executors_over_time.empty());
    CHECK(page.executors_over_time.front().t_s == 0);
    CHECK(page.executors_over_time.back().t_s == doctest::Approx(profile.duration_s));
    CHECK(page.points.empty());  // no what-if, no chart of them
  }

  TEST_CASE("explain --report draws the layout, the waves and the notes") {
    fs::path page = scratch_path("explain.html");
    CommandRun run = run_sparkfit({"explain", "examples/jobs/nightly-orders.yaml", "--instance", "r5.4xlarge",
                                   "--nodes", "10", "--report", page.string()});
    CHECK(run.code == 0);
    CHECK(run.err.empty());
    std::string html = read_file(page);
    REQUIRE(whole_page(html));
    CHECK(has(html, "<h1>nightly-orders: explained</h1>"));
    CHECK(has(html, "id=\"wide-layout\""));
    CHECK(has(html,
              "<tr><td>stage 0 (scan)</td><td class=\"n\">4,000</td><td class=\"n\">156</td><td class=\"n\">26</td>"));
    CHECK(has(html, "<span class=\"rule\">SF3001</span>"));
    CHECK(has(html, "<li>Assumed: executor cores not given"));
    fs::remove(page);
  }

  TEST_CASE("--report is a usage error where no page is written, and may not be --output's file") {
    CommandRun rules = run_sparkfit({"rules", "list", "--report", "r.html"});
    CHECK(rules.code == 3);
    CHECK(rules.err ==
          "sparkfit: error: 'rules' does not write an HTML report; --report FILE.html is for explain, predict, "
          "recommend, "
          "review and analyze\n");
    fs::path page = scratch_path("same.html");
    CommandRun same = run_sparkfit({"analyze", kQ72, "--report", page.string(), "--output", page.string()});
    CHECK(same.code == 3);
    CHECK(same.err == "sparkfit: error: --report '" + page.string() + "' and --output '" + page.string() +
                          "' are the same file; give each output a file of its own\n");
    CHECK(!fs::exists(page));
  }

  TEST_CASE("the same run writes the same page, byte for byte") {
    fs::path first = scratch_path("first.html"), second = scratch_path("second.html");
    std::vector<std::string> args(std::begin(kReviewJob), std::end(kReviewJob));
    std::vector<std::string> a = args, b = args;
    a.insert(a.end(), {"--report", first.string()});
    b.insert(b.end(), {"--report", second.string()});
    a.insert(a.end(), std::begin(kSubmit), std::end(kSubmit));
    b.insert(b.end(), std::begin(kSubmit), std::end(kSubmit));
    run_sparkfit(a);
    run_sparkfit(b);
    // The command line names its own file; everything else is identical.
    std::string x = read_file(first), y = read_file(second);
    REQUIRE(!x.empty());
    x.replace(x.find(first.string()), first.string().size(), "PAGE");
    y.replace(y.find(second.string()), second.string().size(), "PAGE");
    CHECK(x == y);
    fs::remove(first);
    fs::remove(second);
  }

  TEST_CASE("every shipped job spec gets its report on each platform it plans, with nothing on stderr") {
    fs::current_path(kSourceDir);
    std::vector<fs::path> specs;
    for (const auto& entry : fs::directory_iterator("examples/jobs"))
      if (entry.path().extension() == ".yaml") specs.push_back(entry.path());
    std::sort(specs.begin(), specs.end());
    REQUIRE(specs.size() >= 7);
    fs::path page = scratch_path("example.html");
    for (const fs::path& path : specs) {
      const std::string spec = path.generic_string();
      sparkfit::job::JobSpec job = sparkfit::job::load_job_spec(spec);
      std::vector<std::string> platforms;
      if (job.emr) platforms.push_back("emr");
      if (job.ec2) platforms.push_back("ec2");
      if (job.yarn) platforms.push_back("yarn");
      if (job.glue) platforms.push_back("glue");
      int drawn = 0;
      for (const std::string& platform : platforms) {
        INFO(spec << " on " << platform);
        CommandRun recommend = run_sparkfit({"recommend", spec, "--platform", platform, "--report", page.string()});
        if (recommend.code == 4) {
          // Nothing on this platform meets the spec's objective: the error says what would, and
          // there is no pick to draw.
          CHECK(recommend.err.rfind("sparkfit: error: ", 0) == 0);
          CHECK(!fs::exists(page));
        } else {
          CHECK(recommend.code == 0);
          CHECK(recommend.err == "");
          CHECK(whole_page(read_file(page)));
          ++drawn;
        }
        fs::remove(page);
        if (platform == "glue") continue;  // predict and explain work on one emr, ec2 or yarn cluster
        std::vector<std::string> cluster = {"--platform", platform};
        if (platform == "emr") {
          cluster.insert(cluster.end(),
                         {"--instance", job.emr->instance_types.empty() ? std::string("r5.4xlarge")
                                                                        : job.emr->instance_types.front()});
          cluster.insert(cluster.end(),
                         {"--nodes", std::to_string(job.emr->nodes.empty() ? 10 : job.emr->nodes.front())});
        }
        for (const char* command : {"predict", "explain"}) {
          std::vector<std::string> args = {command, spec};
          args.insert(args.end(), cluster.begin(), cluster.end());
          args.insert(args.end(), {"--report", page.string()});
          CommandRun run = run_sparkfit(args);
          INFO(command);
          // predict exits 4 for a configuration that cannot run: the reason on stderr and, as on
          // every exit 4, no page.
          if (run.code == 4 && std::string(command) == "predict") {
            CHECK(run.err.rfind("sparkfit: error: ", 0) == 0);
            CHECK(!fs::exists(page));
            continue;
          }
          CHECK(run.code == 0);
          CHECK(run.err == "");
          CHECK(whole_page(read_file(page)));
          fs::remove(page);
        }
      }
      CHECK_MESSAGE(drawn > 0, spec);
    }
  }

  TEST_CASE("every event-log fixture that analyze reads gets its report, with nothing on stderr") {
    fs::current_path(kSourceDir);
    std::vector<std::string> logs;
    for (const auto& entry : fs::recursive_directory_iterator("tests/data/eventlogs")) {
      const std::string name = entry.path().filename().string();
      if (entry.is_directory() && name.rfind("eventlog_v2_", 0) == 0) logs.push_back(entry.path().generic_string());
      if (!entry.is_regular_file() || name == "LICENSE" || name == "README.md" || entry.path().extension() == ".json" ||
          name.rfind("appstatus", 0) == 0 ||
          entry.path().parent_path().filename().string().rfind("eventlog_v2_", 0) == 0)
        continue;
      logs.push_back(entry.path().generic_string());
    }
    std::sort(logs.begin(), logs.end());
    REQUIRE(logs.size() >= 20);
    fs::path page = scratch_path("log.html");
    int pages = 0;
    for (const std::string& log : logs) {
      INFO(log);
      if (run_sparkfit({"analyze", log, "--format", "json"}).code != 0) continue;  // not a run: its own tests say why
      CommandRun run = run_sparkfit(
          {"analyze", log, "--what-if-executors", "2,8", "--report", page.string(), "--format", "markdown"});
      CHECK(run.code == 0);
      CHECK(run.err == "");
      CHECK(whole_page(read_file(page)));
      fs::remove(page);
      ++pages;
    }
    CHECK(pages >= 20);
  }
}
