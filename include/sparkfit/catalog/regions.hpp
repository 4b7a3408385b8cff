// The AWS Region codes sparkfit knows (docs/domain.md#aws-regions). Prices stay us-east-1's whatever
// the region; the code is checked so that a typing mistake is not taken for a region.
#pragma once

#include <string>
#include <vector>

namespace sparkfit::catalog {

// Every commercial, GovCloud and China Region code, in AWS's billing-code page order.
const std::vector<std::string>& aws_regions();

// `code` when it is a Region code; else an InputError with a did-you-mean and the known codes.
std::string require_region(const std::string& code);

// `code` when it is the Region whose prices the catalog has (us-east-1); another Region's prices
// are --price-factor's to give, else sparkfit would answer with us-east-1's under another name.
std::string require_priced_region(const std::string& code);

}  // namespace sparkfit::catalog
