// explain's request from the inputs given (sparkfit/units/given.hpp).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "sparkfit/explain/explain.hpp"
#include "sparkfit/platform/requests.hpp"
#include "sparkfit/units/given.hpp"

namespace sparkfit::explain {

// The job (`spec_file` or --from-eventlog, with the work inputs), the one cluster the inputs or
// the spec describe (none: only executors x cores are known), the inputs refused that do not apply
// to explain on it (platform::refuse_inapplicable, with the --format written), then the layout
// (lay_out). The catalog is read only when the cluster needs it.
Request request_from(const platform::CatalogSource& catalog, const units::Given& given, std::string_view format,
                     const std::optional<std::string>& spec_file);

}  // namespace sparkfit::explain
