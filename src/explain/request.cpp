#include "sparkfit/explain/request.hpp"

#include "sparkfit/platform/inputs.hpp"
#include "sparkfit/search/planning.hpp"

namespace sparkfit::explain {

Request request_from(const platform::CatalogSource& catalog, const units::Given& given, std::string_view format,
                     const std::optional<std::string>& spec_file) {
  Request request;
  request.job = search::job_from(given, spec_file, &request.has_input);
  const platform::ClusterRequest asked = platform::cluster_request(given);
  request.cluster = platform::cluster_for(catalog, asked, request.job);
  platform::refuse_inapplicable({given, format, request.job, spec_file}, platform::PlanCommand::explain,
                                request.cluster ? std::optional(request.cluster->platform) : std::nullopt);
  lay_out(request, asked, platform::layout_request(given));
  return request;
}

}  // namespace sparkfit::explain
