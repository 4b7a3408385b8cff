// `sparkfit analyze PATH...`'s writers for a fleet of logs: one row per application, ranked by waste,
// as text (a table), JSON (docs/interface.md#json "analyze of several logs"), CSV and Markdown.
#pragma once

#include <string>
#include <string_view>

#include "sparkfit/eventlog/fleet.hpp"

namespace sparkfit::output {

std::string fleet_json(const eventlog::Fleet& fleet);
std::string fleet_text(const eventlog::Fleet& fleet);
std::string fleet_csv(const eventlog::Fleet& fleet);
std::string fleet_markdown(const eventlog::Fleet& fleet, const std::string& html_report_name);

// One CSV cell (RFC 4180): untrusted text made printable, a leading = + - @ or tab (a formula to a
// spreadsheet) guarded by a leading ', and quoted when it holds a comma, a quote or a line break.
std::string csv_cell(std::string_view value);

}  // namespace sparkfit::output
