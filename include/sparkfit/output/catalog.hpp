// `sparkfit catalog`: the instance types and EMR releases as tables, pages and JSON.
#pragma once

#include <string>
#include <vector>

#include "sparkfit/catalog/catalog.hpp"
#include "sparkfit/util/data_dir.hpp"

namespace sparkfit::output {

// `catalog list`: one row per type, then how many and as of when.
std::string catalog_list_text(const std::vector<const catalog::InstanceType*>& rows, const std::string& as_of);
std::string catalog_list_json(const std::vector<const catalog::InstanceType*>& rows, const std::string& as_of);

// `catalog show TYPE`: every field of one type, with its source.
std::string instance_text(const catalog::InstanceType& type);
std::string instance_json(const catalog::InstanceType& type);

// `catalog releases`: the Spark, Hadoop and Java of each EMR release, its overhead factor and GC.
std::string releases_text(const std::vector<catalog::EmrRelease>& releases);

// `sparkfit paths`: every place the data is looked for, in order, marked when it holds no
// instance_catalogs/; the one used; the catalog files loaded from it.
std::string paths_text(const std::vector<DataDirCandidate>& candidates, const DataDirCandidate& used,
                       const std::vector<catalog::LoadedFile>& loaded);

}  // namespace sparkfit::output
