// `sparkfit review`'s writers: findings as compiler-style text, JSON (the interface's fields),
// SARIF 2.1.0 for code scanning, GitLab Code Quality for merge requests and Markdown, each followed by the layout,
// prediction and fix.
#pragma once

#include <string>
#include <vector>

#include "sparkfit/review/review.hpp"
#include "sparkfit/rules/finding.hpp"
#include "sparkfit/rules/rule_file.hpp"

namespace sparkfit::output {

std::string review_text(const std::vector<rules::Finding>& findings, const review::FactSet& facts,
                        const review::Input& input);
std::string review_json(const std::vector<rules::Finding>& findings, const review::FactSet& facts,
                        const review::Input& input);
// `rules` describes every rule review runs, fired or not, as SARIF's tool.driver.rules.
std::string review_sarif(const std::vector<rules::Finding>& findings, const std::vector<rules::Rule>& rules);
// GitLab Code Quality: a list of issues with description, check_name, fingerprint, severity and
// location (path, lines.begin), the fields GitLab documents.
std::string review_gitlab(const std::vector<rules::Finding>& findings, const review::Input& input);
std::string review_markdown(const std::vector<rules::Finding>& findings, const review::FactSet& facts,
                            const review::Input& input);

// The findings as `format`: json, sarif, gitlab, markdown, else text.
std::string review_document(const std::string& format, const std::vector<rules::Finding>& findings,
                            const review::FactSet& facts, const review::Input& input,
                            const std::vector<rules::Rule>& rules);

}  // namespace sparkfit::output
