// One voice: what recommend emits, reviewed by review on the same cluster, for every example job,
// every platform it plans and every output format review reads, raises no error, and no more
// warnings than the ones still open in issue 14 (the target is none: lower kOpenWarnings as they go).
// (EMR Serverless's JSON is left out: review does not read Serverless runs yet.)
#include <cstdlib>

#include <doctest/doctest.h>

#include <filesystem>
#include <string>
#include <vector>

#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace sparkfit::testing;
namespace json = sparkfit::json;

namespace {

// Warnings review still raises on recommend's output, measured 2026-12-07 over 52 reviewed outputs
// (SELF_REVIEW_LIST=1 lists them): SF2009 10, SF3001 7, SF2008 6, SF2010 6, SF2003 5, SF2007 4,
// SF2002 3, SF3002 3. Target 0. Plus 2 SF2008 on examples/jobs/failed-runs.yaml on ec2: its
// observed oom rules out 4-core executors on 2 x m7g.xlarge, so the pick takes 3 cores for more memory
// per task, and SF2008 sees only the idle vCPU.
constexpr int kOpenWarnings = 46;

struct FormatInput {
  const char* format;      // recommend --format
  const char* input_flag;  // the review flag that reads it
};

struct PlatformCase {
  const char* platform;
  std::vector<std::string> cluster;  // what recommend needs besides the job (Kubernetes: the nodes)
  std::vector<FormatInput> formats;
};

const std::vector<PlatformCase>& platform_cases() {
  static const std::vector<PlatformCase> cases = {
      {"emr", {}, {{"spark-submit", "--submit-file"}, {"spark-defaults", "--conf-file"}, {"emr-json", "--emr-config"}}},
      {"ec2", {}, {{"spark-submit", "--submit-file"}, {"spark-defaults", "--conf-file"}}},
      {"yarn", {}, {{"spark-submit", "--submit-file"}, {"spark-defaults", "--conf-file"}}},
      {"glue", {}, {{"glue-args", "--glue-job"}}},
      {"kubernetes", {"--instance", "r5.4xlarge", "--nodes", "10"}, {{"k8s-yaml", "--k8s-app"}}},
  };
  return cases;
}

std::vector<std::string> joined(std::vector<std::string> a, const std::vector<std::string>& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

// glue-args prints the create-job JSON between comment lines; the user saves that part as job.json.
std::string glue_job_json(const std::string& text) {
  std::size_t start = text.find("\n{");
  std::size_t end = text.find("\n}\n", start);
  REQUIRE(start != std::string::npos);
  REQUIRE(end != std::string::npos);
  return text.substr(start + 1, end + 2 - (start + 1));
}

// The cluster review must be told: the instance type and node count recommend chose (EMR, EC2).
std::vector<std::string> chosen_cluster(const PlatformCase& platform, const json::Document& recommendation) {
  const std::string name = platform.platform;
  if (name == "kubernetes") return platform.cluster;
  if (name != "emr" && name != "ec2") return {};
  const json::Value& picked = at(recommendation.root, "recommended");
  return {"--instance", at(picked, "instance_type").text, "--nodes",
          std::to_string(static_cast<int>(at(picked, "nodes").number))};
}

}  // namespace

TEST_SUITE("one voice") {
  TEST_CASE("review of recommend's own output raises no error and no new warning") {
    int reviewed = 0;
    int warnings = 0;
    for (const auto& entry : fs::directory_iterator(fs::path(kSourceDir) / "examples" / "jobs")) {
      if (entry.path().extension() != ".yaml") continue;
      const std::string job = entry.path().string();
      for (const PlatformCase& platform : platform_cases()) {
        const std::vector<std::string> recommend =
            joined({"recommend", job, "--platform", platform.platform}, platform.cluster);
        CommandRun planned = run_sparkfit(joined(recommend, {"--format", "json"}));
        if (planned.code != 0) continue;  // the job does not describe this platform
        const json::Document recommendation = json::parse(planned.out, "recommend.json");
        for (const FormatInput& format : platform.formats) {
          INFO(job << " on " << platform.platform << " as " << format.format);
          CommandRun emitted = run_sparkfit(joined(recommend, {"--format", format.format}));
          REQUIRE_MESSAGE(emitted.code == 0, emitted.err);
          const fs::path file = scratch_path(std::string("self-review-") + format.format);
          write_file(file, std::string(format.format) == "glue-args" ? glue_job_json(emitted.out) : emitted.out);
          std::vector<std::string> review = {"review", job, format.input_flag, file.string(), "--format", "json"};
          if (std::string(format.input_flag) != "--glue-job" && std::string(format.input_flag) != "--k8s-app")
            review = joined(review, {"--platform", platform.platform});
          CommandRun reviewed_run = run_sparkfit(joined(review, chosen_cluster(platform, recommendation)));
          INFO(reviewed_run.out << reviewed_run.err);
          REQUIRE((reviewed_run.code == 0 || reviewed_run.code == 1));
          const json::Document verdict = json::parse(reviewed_run.out, "review.json");
          for (const json::Value& finding : at(verdict.root, "findings").items) {
            const std::string severity = at(finding, "severity").text;
            INFO(at(finding, "id").text << ": " << at(finding, "message").text);
            CHECK(severity != "error");
            if (severity == "warning") ++warnings;
            if (severity == "warning" && std::getenv("SELF_REVIEW_LIST"))
              MESSAGE(job << " " << platform.platform << " " << format.format << " " << at(finding, "id").text << ": "
                          << at(finding, "message").text);
          }
          ++reviewed;
        }
      }
    }
    CHECK(reviewed >= 40);
    CHECK(warnings <= kOpenWarnings);
  }
}
