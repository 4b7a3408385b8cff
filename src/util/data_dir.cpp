#include "sparkfit/util/data_dir.hpp"

#include <cstdlib>

#include "sparkfit/util/error.hpp"

namespace sparkfit {

std::vector<DataDirCandidate> data_dir_candidates(const std::optional<std::string>& flag,
                                                  const std::filesystem::path& executable) {
  std::vector<DataDirCandidate> candidates;
  if (flag) candidates.push_back({"--data-dir", *flag});
  if (const char* env = std::getenv("SPARKFIT_DATA_DIR"); env && *env)
    candidates.push_back({"$SPARKFIT_DATA_DIR", env});
  if (!executable.empty()) {
    std::error_code ignored;
    std::filesystem::path exe = std::filesystem::weakly_canonical(executable, ignored);
    candidates.push_back({"next to the executable", exe.parent_path().parent_path() / "share" / "sparkfit"});
  }
  candidates.push_back({"installed datadir", SPARKFIT_INSTALL_DATADIR});
  candidates.push_back({"source tree", SPARKFIT_SOURCE_DIR});
  return candidates;
}

DataDirCandidate find_data_dir(const std::optional<std::string>& flag, const std::filesystem::path& executable) {
  std::vector<DataDirCandidate> candidates = data_dir_candidates(flag, executable);
  std::string tried;
  for (const DataDirCandidate& candidate : candidates) {
    std::error_code ignored;
    if (std::filesystem::is_directory(candidate.path / "instance_catalogs", ignored)) return candidate;
    // An explicit --data-dir that is wrong is an error, not a reason to look elsewhere.
    if (candidate.origin == "--data-dir")
      throw InputError("--data-dir " + candidate.path.string() + ": no instance_catalogs/ folder there");
    tried += "\n  " + candidate.origin + ": " + candidate.path.string();
  }
  throw InputError("cannot find sparkfit's data (instance_catalogs/); looked in:" + tried +
                   "\nset --data-dir or $SPARKFIT_DATA_DIR to the folder that holds it");
}

}  // namespace sparkfit
