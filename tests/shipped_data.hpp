// The catalog and model constants shipped in the repository, loaded once per test binary.
#pragma once

#include <string>

#include "sparkfit/catalog/catalog.hpp"
#include "sparkfit/model/model.hpp"

namespace sparkfit::testing {

inline const catalog::Catalog& shipped_catalog() {
  static const catalog::Catalog c = catalog::load_catalog(std::string(SPARKFIT_SOURCE_DIR) + "/instance_catalogs");
  return c;
}

inline const model::Constants& shipped_constants() {
  static const model::Constants c =
      model::load_constants(std::string(SPARKFIT_SOURCE_DIR) + "/instance_catalogs/model/model.yaml");
  return c;
}

}  // namespace sparkfit::testing
