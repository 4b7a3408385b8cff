// The SparkApplication's name is a valid Kubernetes object name and label value, whatever the job is called.
#include <doctest/doctest.h>

#include <string>

#include "sparkfit/output/plan.hpp"

using namespace sparkfit;

namespace {

// The metadata.name of the SparkApplication written for a job called `job_name`.
std::string name_for(const std::string& job_name) {
  const std::string yaml = output::spark_application(platform::Option{}, job_name);
  const std::string key = "metadata:\n  name: ";
  const std::size_t at = yaml.find(key) + key.size();
  return yaml.substr(at, yaml.find('\n', at) - at);
}

}  // namespace

TEST_SUITE("output") {
  TEST_CASE("SparkApplication names follow RFC 1123: lowercase, single dashes, alphanumeric ends, 63 at most") {
    CHECK(name_for("Nightly Orders") == "nightly-orders");
    CHECK(name_for("my -job- 2") == "my-job-2");
    CHECK(name_for("--Étape__finale--") == "tape-finale");
    CHECK(name_for("___") == "sparkfit-job");
    const std::string name = name_for(std::string(300, 'a') + "-b");
    CHECK(name == std::string(63, 'a'));
    CHECK(name_for(std::string(62, 'a') + "-b") == std::string(62, 'a'));
  }
}
