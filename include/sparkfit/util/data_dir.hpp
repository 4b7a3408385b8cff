// Where sparkfit's data (instance_catalogs/ and rules/) is found, in this order:
// --data-dir, $SPARKFIT_DATA_DIR, <exe>/../share/sparkfit, the installed datadir, the source tree.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace sparkfit {

struct DataDirCandidate {
  std::string origin;  // "--data-dir", "$SPARKFIT_DATA_DIR", "next to the executable", ...
  std::filesystem::path path;
};

// Every place looked at, in order (for `sparkfit paths`).
std::vector<DataDirCandidate> data_dir_candidates(const std::optional<std::string>& flag,
                                                  const std::filesystem::path& executable);

// The first candidate that holds instance_catalogs/; throws InputError listing what was tried.
DataDirCandidate find_data_dir(const std::optional<std::string>& flag, const std::filesystem::path& executable);

}  // namespace sparkfit
