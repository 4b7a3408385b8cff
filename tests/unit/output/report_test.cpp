#include <doctest/doctest.h>

#include <algorithm>
#include <cmath>
#include <regex>
#include <string>

#include "sparkfit/output/report.hpp"

using namespace sparkfit::output;
using namespace sparkfit::report;

namespace {

ReportData sample_data() {
  ReportData d;
  d.title = "nightly-orders";
  d.subtitle = "join, 500 GiB";
  d.command = "sparkfit recommend examples/jobs/nightly-orders.yaml --report r.html";
  d.sparkfit_version = "0.1.0";
  d.deadline_s = 2700;
  d.budget_usd = 50;
  // A spread of candidates: runtime 5 min .. 2 h, cost $0.80 .. $14.
  for (int nodes = 2; nodes <= 40; nodes += 2) {
    for (const char* family : {"r5", "m5"}) {
      Point p;
      p.label = std::to_string(nodes) + " x " + family + ".4xlarge";
      p.group = family;
      p.runtime_s = 300 + 7000.0 / nodes * (family[0] == 'r' ? 1.0 : 1.2);
      p.cost_usd = 0.8 + nodes * 0.33 * (family[0] == 'r' ? 1.1 : 0.9);
      d.points.push_back(p);
    }
  }
  d.points[6].pareto = d.points[7].pareto = d.points[10].pareto = true;
  d.points[10].recommended = true;
  d.points[3].current = true;
  NodeDrawing l;
  l.instance = "r5.4xlarge";
  l.nodes = 10;
  l.vcpus = 16;
  l.yarn_mib = 122880;
  l.executors_per_node = 5;
  l.executor_cores = 3;
  l.container_mib = 24576;
  l.regions = {{"reserved", 300},   {"user", 7238},     {"storage", 5428},
               {"execution", 5429}, {"survivor", 2300}, {"overhead", 3880}};
  l.idle_cores = 1;
  l.am_executors_displaced = 1;
  d.layout = l;
  d.stages = {{"scan-orders", 4000, 147, 28, 400, 0, false},
              {"join", 200, 147, 2, 300, 2.0 * 1024 * 1024 * 1024, true}};
  d.settings = {{"spark.executor.cores", "3", "16 vCPU - 1 reserved = 15, / 3 = 5 executors per node"}};
  d.findings = {sparkfit::rules::note("SF3001", sparkfit::rules::Severity::warning,
                                      "spark.sql.shuffle.partitions is left at 200")};
  return d;
}

// The value of attribute `name` on the element whose id is `id`.
std::string attribute(const std::string& html, const std::string& id, const std::string& name) {
  std::size_t at = html.find("id=\"" + id + "\"");
  REQUIRE(at != std::string::npos);
  std::size_t start = html.rfind('<', at);
  std::size_t end = html.find('>', at);
  std::string tag = html.substr(start, end - start);
  std::smatch m;
  REQUIRE(std::regex_search(tag, m, std::regex(" " + name + "=\"([^\"]*)\"")));
  return m[1];
}

}  // namespace

TEST_SUITE("report") {
  TEST_CASE("every inserted text is escaped, in HTML and in SVG") {
    ReportData d = sample_data();
    d.title = "<script>alert('x')</script> & \"quotes\"";
    d.points[10].label = "<b>bold</b> & co";
    d.points[0].group = "<g onload=x>";
    d.layout->instance = "r5<4xlarge>";
    d.stages[0].name = "stage <0>";
    d.settings[0].why = "a < b && c > d";
    d.findings[0].message = "</li><script>";
    d.notes = {"<img src=x>"};
    std::string html = report_html(d);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("<b>bold") == std::string::npos);
    CHECK(html.find("<img") == std::string::npos);
    CHECK(html.find("<g onload") == std::string::npos);
    CHECK(html.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;") != std::string::npos);
    CHECK(html.find("&lt;b&gt;bold&lt;/b&gt; &amp; co") != std::string::npos);
    CHECK(html.find("r5&lt;4xlarge&gt;") != std::string::npos);
    CHECK(escape_html("a<b>&\"'") == "a&lt;b&gt;&amp;&quot;&#39;");
  }

  TEST_CASE("the same data gives the same bytes") {
    ReportData d = sample_data();
    CHECK(report_html(d) == report_html(d));
    CHECK(report_markdown(d) == report_markdown(d));
    ReportData copy = sample_data();
    CHECK(report_html(copy) == report_html(d));
  }

  TEST_CASE("the page fetches nothing and runs nothing") {
    std::string html = report_html(sample_data());
    // No URL of any kind; the one "http" is the Content-Security-Policy's http-equiv, which makes
    // the browser refuse any load.
    CHECK(html.find("://") == std::string::npos);
    CHECK(html.find("http:") == std::string::npos);
    CHECK(html.find("https:") == std::string::npos);
    std::size_t http = html.find("http");
    CHECK(html.compare(http, 10, "http-equiv") == 0);
    CHECK(html.find("http", http + 1) == std::string::npos);
    CHECK(html.find("<script") == std::string::npos);
    CHECK(html.find("url(") == std::string::npos);
    CHECK(html.find("@import") == std::string::npos);
    CHECK(html.find("src=") == std::string::npos);
    CHECK(html.find("href=") == std::string::npos);
    CHECK(html.find("default-src 'none'") != std::string::npos);
  }

  TEST_CASE("the recommended point sits where its runtime and cost put it") {
    ReportData d = sample_data();
    std::string html = report_html(d);
    const Point& rec = d.points[10];
    for (auto [width, variant] : {std::pair(kWide, std::string("wide")), std::pair(kNarrow, std::string("narrow"))}) {
      ScatterGeometry g = scatter_geometry(d, width);
      double cx = std::stod(attribute(html, variant + "-scatter-recommended", "cx"));
      double cy = std::stod(attribute(html, variant + "-scatter-recommended", "cy"));
      CHECK(std::fabs(cx - g.x.map(rec.runtime_s)) <= 0.05);
      CHECK(std::fabs(cy - g.y.map(rec.cost_usd)) <= 0.05);
      CHECK(cx > g.plot_left);
      CHECK(cx < g.plot_right);
      CHECK(cy > g.plot_top);
      CHECK(cy < g.plot_bottom);
      CHECK(std::stod(attribute(html, variant + "-scatter-recommended", "data-runtime-s")) == rec.runtime_s);
      CHECK(std::stod(attribute(html, variant + "-scatter-recommended", "data-cost-usd")) == rec.cost_usd);
    }
  }

  TEST_CASE("axes go logarithmic past a tenfold spread and map their ends onto the plot") {
    Axis lin = make_axis({100, 900}, 50, 950);
    CHECK_FALSE(lin.log);
    CHECK(lin.map(lin.lo) == doctest::Approx(50));
    CHECK(lin.map(lin.hi) == doctest::Approx(950));
    CHECK(lin.map(100) > 50);
    Axis log = make_axis({60, 7200}, 400, 40);
    CHECK(log.log);
    CHECK(log.map(log.lo) == doctest::Approx(400));
    CHECK(log.map(log.hi) == doctest::Approx(40));
    double mid = std::sqrt(log.lo * log.hi);
    CHECK(log.map(mid) == doctest::Approx(220));
    Axis one = make_axis({5, 5}, 0, 100);  // a single value still makes an axis
    CHECK(one.lo < 5);
    CHECK(one.hi > 5);
  }

  TEST_CASE("ticks read in human units") {
    CHECK(format_tick(720, Unit::seconds) == "12 min");
    CHECK(format_tick(45, Unit::seconds) == "45 s");
    CHECK(format_tick(5400, Unit::seconds) == "1 h 30 min");
    CHECK(format_tick(7200, Unit::seconds) == "2 h");
    CHECK(format_tick(3.4, Unit::usd) == "$3.40");
    CHECK(format_tick(120, Unit::usd) == "$120");
    CHECK(format_tick(1200, Unit::usd) == "$1,200");
    CHECK(format_tick(0.05, Unit::usd) == "$0.05");
    CHECK(format_tick(40, Unit::core_hours) == "40 core-h");
    Ticks money = make_ticks(make_axis({2.3, 3.9}, 400, 40), Unit::usd, 12, false);
    REQUIRE(money.labels.size() >= 2);
    for (const std::string& label : money.labels) CHECK(label.find('.') != std::string::npos);  // "$3.00", not "$3"
    Ticks time = make_ticks(make_axis({300, 7300}, 60, 940), Unit::seconds, 12, true);
    REQUIRE(time.values.size() >= 2);
    for (std::size_t i = 1; i < time.values.size(); ++i) CHECK(time.values[i] > time.values[i - 1]);
  }

  TEST_CASE("too many candidates: the front, the marked and the best by the objective are drawn") {
    ReportData d;
    for (int i = 0; i < 5000; ++i) {
      Point p;
      p.label = "c" + std::to_string(i);
      p.group = "m5";
      p.runtime_s = 100 + i;
      p.cost_usd = 10 + (i * 7919 % 5000) / 100.0;
      d.points.push_back(p);
    }
    d.points[4999].recommended = true;
    d.points[4998].pareto = true;
    d.max_points = 100;
    std::vector<std::size_t> drawn = drawn_points(d);
    CHECK(drawn.size() == 100);
    CHECK(std::find(drawn.begin(), drawn.end(), 4999) != drawn.end());
    CHECK(std::find(drawn.begin(), drawn.end(), 4998) != drawn.end());
    std::string html = report_html(d);
    CHECK(html.find("5,000 candidates evaluated; 100 drawn") != std::string::npos);
  }

  TEST_CASE("markdown has the tables, the findings and a pointer to the HTML report") {
    ReportData d = sample_data();
    d.settings.push_back({"spark.x", "a|b", "pipes | and *stars* and <tags>"});
    d.html_report_name = "report.html";
    std::string md = report_markdown(d);
    CHECK(md.find("| **recommended** | 12 x r5.4xlarge | ") != std::string::npos);
    CHECK(md.find("| setting | value | why |\n|---|---|---|\n") != std::string::npos);
    CHECK(md.find("| `spark.executor.cores` | `3` | 16 vCPU - 1 reserved = 15, / 3 = 5 executors per node |") !=
          std::string::npos);
    CHECK(md.find("| `spark.x` | `a\\|b` | pipes \\| and \\*stars\\* and \\<tags\\> |") != std::string::npos);
    CHECK(md.find("| stage | tasks | slots | waves | time | spill |") != std::string::npos);
    CHECK(md.find("| scan-orders | 4,000 | 147 | 28 | 6 min 40 s | - |") != std::string::npos);
    CHECK(md.find("- **warning** `SF3001`: spark.sql.shuffle.partitions is left at 200") != std::string::npos);
    CHECK(md.find("HTML report `report.html`") != std::string::npos);
    CHECK(md.find("<svg") == std::string::npos);
    // Every table row has as many cells as its header.
    std::size_t pos = 0;
    while ((pos = md.find("\n|", pos)) != std::string::npos) {
      std::size_t end = md.find('\n', pos + 1);
      std::string row = md.substr(pos + 1, end - pos - 1);
      std::size_t header = md.rfind("\n\n", pos);
      std::string first = md.substr(header + 2, md.find('\n', header + 2) - header - 2);
      auto cells = [](const std::string& r) {
        std::size_t n = 0;
        for (std::size_t i = 0; i < r.size(); ++i)
          if (r[i] == '|' && (i == 0 || r[i - 1] != '\\')) ++n;
        return n;
      };
      if (first.rfind("|", 0) == 0) CHECK_MESSAGE(cells(row) == cells(first), row);
      pos = end;
    }
  }

  TEST_CASE("a finding's place and fix are shown with it, escaped") {
    ReportData d;
    d.findings = {sparkfit::rules::note("SF2003", sparkfit::rules::Severity::warning, "executor uses 16 cores")};
    d.findings[0].fix = "use <4> cores | not 16";
    d.findings[0].place = {"submit.sh", 3, 5, ""};
    std::string html = report_html(d);
    CHECK(html.find("<span class=\"rule\">SF2003</span><span class=\"where\">submit.sh:3:5</span>executor uses 16 cores"
                    "<div class=\"fix\">fix: use &lt;4&gt; cores | not 16</div></li>") != std::string::npos);
    std::string md = report_markdown(d);
    CHECK(md.find("- **warning** `SF2003` at `submit.sh:3:5`: executor uses 16 cores\n  fix: use \\<4\\> cores \\| not "
                  "16\n") != std::string::npos);
  }

  TEST_CASE("markdown names the charts the HTML page has") {
    ReportData d;
    d.task_times = {{"stage 0", 1, 2, 3, 4, 5, 0, false}};
    d.executors_over_time = {{0, 1}, {10, 2}};
    CHECK(report_markdown(d).find("_Charts (executors over time, task time per stage) are in the HTML report") !=
          std::string::npos);
    CHECK(report_markdown(sample_data())
              .find("_Charts (cost against runtime, the executor layout, waves per stage) are in the HTML report") !=
          std::string::npos);
  }

  TEST_CASE("core-hours replace dollars for an unpriced cluster") {
    ReportData d = sample_data();
    d.priced = false;
    d.budget_usd.reset();
    std::string html = report_html(d);
    CHECK(html.find("core-h") != std::string::npos);
    CHECK(html.find("Cost is in core-hours") != std::string::npos);
  }

  TEST_CASE("an empty report is still a page") {
    std::string html = report_html(ReportData{});
    CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
    CHECK(html.find("</html>") != std::string::npos);
    CHECK(html.find("<svg") == std::string::npos);
    CHECK(report_markdown(ReportData{}).find("HTML report") != std::string::npos);
  }
}
