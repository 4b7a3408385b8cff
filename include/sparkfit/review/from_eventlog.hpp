// The review rules over a finished run's own Spark properties: `sparkfit analyze LOG` judges the
// settings the run had (its EnvironmentUpdate) with the same facts and rules as `sparkfit review`.
#pragma once

#include <string>
#include <vector>

#include "sparkfit/eventlog/eventlog.hpp"
#include "sparkfit/review/review.hpp"
#include "sparkfit/rules/finding.hpp"
#include "sparkfit/rules/rule_file.hpp"

namespace sparkfit::review {

// The run's Spark properties as the settings of a review (source "event log", each placed at the
// log with its "key=value" as the place's text), and the Spark version the log names. No cluster:
// an event log does not say what the nodes were, so the layout hint names recommend --from-eventlog.
Input input_from_run(const eventlog::RunLog& log);

// A finding of the review rules over the run's properties, and the setting it points at ("" for
// one about a setting the run left unset). A fix that names sparkfit's layout (fix.*), which needs
// the cluster's nodes, is the rule's fix_without_layout, ending with how recommend --from-eventlog
// sizes the run on them (input_from_run's layout_hint).
struct ConfigFinding {
  rules::Finding finding;
  std::string setting;
};

struct RunReview {
  std::vector<ConfigFinding> findings;   // sorted as review sorts them, errors first
  std::vector<std::string> not_checked;  // the families of rules that need the cluster (review's words)
};

// Runs every review rule (evaluate skips those of category eventlog: analyze's own, over the run's
// measurements) over the run's properties, with no cluster and no job: the rules that would say
// again what a measurement says (task memory against the working set, partitions against the
// data) need one of them, so none repeats an eventlog rule's finding.
RunReview review_run(const eventlog::RunLog& log, const std::vector<rules::Rule>& rules, const Config& config = {});

}  // namespace sparkfit::review
