// `sparkfit catalog`: the instance types and EMR releases as tables, pages and JSON.
#pragma once

#include <string>
#include <vector>

#include "sparkfit/catalog/catalog.hpp"

namespace sparkfit::output {

// `catalog list`: one row per type, then how many and as of when.
std::string catalog_list_text(const std::vector<const catalog::InstanceType*>& rows, const std::string& as_of);
std::string catalog_list_json(const std::vector<const catalog::InstanceType*>& rows, const std::string& as_of);

// `catalog show TYPE`: every field of one type, with its source.
std::string instance_text(const catalog::InstanceType& type);
std::string instance_json(const catalog::InstanceType& type);

// `catalog releases`: the Spark, Hadoop and Java of each EMR release, its overhead factor and GC.
std::string releases_text(const std::vector<catalog::EmrRelease>& releases);

}  // namespace sparkfit::output
