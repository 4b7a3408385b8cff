#include "sparkfit/catalog/regions.hpp"

#include <algorithm>

#include "sparkfit/util/error.hpp"
#include "sparkfit/util/text.hpp"

namespace sparkfit::catalog {

const std::vector<std::string>& aws_regions() {
  // AWS General Reference, "AWS Region billing codes" (docs/domain.md#aws-regions).
  static const std::vector<std::string> kRegions{
      "us-east-1",      "us-east-2",      "us-west-1",      "us-west-2",      "ca-central-1",   "ca-west-1",
      "mx-central-1",   "af-south-1",     "ap-east-1",      "ap-east-2",      "ap-northeast-1", "ap-northeast-2",
      "ap-northeast-3", "ap-southeast-1", "ap-southeast-2", "ap-south-1",     "ap-southeast-3", "ap-south-2",
      "ap-southeast-4", "ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "eu-central-1",   "eu-central-2",
      "eu-west-1",      "eu-west-2",      "eu-west-3",      "eu-south-1",     "eu-south-2",     "eu-north-1",
      "il-central-1",   "me-south-1",     "me-central-1",   "sa-east-1",      "us-gov-east-1",  "us-gov-west-1",
      "cn-north-1",     "cn-northwest-1"};
  return kRegions;
}

std::string require_region(const std::string& code) {
  const std::vector<std::string>& regions = aws_regions();
  const auto found = std::find(regions.begin(), regions.end(), code);
  if (found != regions.end()) return *found;
  throw InputError("unknown AWS region '" + code + "'" + text::did_you_mean(code, regions) + "; expected one of " +
                   text::join(regions) + " (docs/domain.md#aws-regions)");
}

std::string require_priced_region(const std::string& code) {
  std::string region = require_region(code);
  if (region != "us-east-1")
    throw InputError("the catalog's prices are us-east-1's (instance_catalogs/aws/), so sparkfit cannot price " +
                     region + "; leave out --region and give --price-factor F, " + region +
                     "'s price relative to us-east-1");
  return region;
}

}  // namespace sparkfit::catalog
