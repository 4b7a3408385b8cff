// What `sparkfit review` is asked, read from the inputs given (sparkfit/units/given.hpp): the
// documents, the cluster, the work, the versions it judges for and the severity that fails it;
// and the settings file that tunes its rules.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "sparkfit/review/inputs.hpp"
#include "sparkfit/review/review.hpp"
#include "sparkfit/rules/finding.hpp"
#include "sparkfit/units/given.hpp"

namespace sparkfit::review {

struct Asked {
  Request request;
  std::optional<rules::Severity> fail_on;  // --fail-on, over the settings file's
};

// The inputs checked in a fixed order: which go together (check_inputs, with `cluster_flags` the
// cluster flags given, "--instance", ...), --fail-on, --spark-version, --java-version, the job
// (`spec_file` or --from-eventlog, with the work inputs), then the cluster: only --instance and
// --nodes with --k8s-app, none with --glue-job. `submit_args` is the spark-submit line after `--`.
// The settings file's `cluster:` fills in a cluster the command line leaves out: not with a
// cluster flag, --emr-cluster, a job spec or --glue-job, only its --instance and --nodes with
// --k8s-app, and never an input the command line gives; an error in one of its values is reported
// at that value in the file.
Asked asked_of(const units::Given& given, const std::optional<std::vector<std::string>>& submit_args,
               const std::optional<std::string>& spec_file, const std::vector<std::string>& cluster_flags,
               const Config& config = {});

// The settings of --config, else of ./.sparkfit.yaml when present, else none.
Config config_of(const units::Given& given, const std::vector<rules::Rule>& rules);

// The severity at or above which a finding fails the review (exit 1): --fail-on, else the
// settings file's, else warning.
rules::Severity fail_threshold(const Asked& asked, const Config& config);

}  // namespace sparkfit::review
