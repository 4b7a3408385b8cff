#include "sparkfit/util/file.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "sparkfit/util/error.hpp"

namespace sparkfit {

std::string read_whole_file(const std::string& path, const std::string& flag) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw InputError(flag + ": cannot read '" + path + "'");
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_whole_file(const std::string& path, const std::string& text, const std::string& flag) {
  std::filesystem::path target(path);
  std::filesystem::path temporary = target;
  temporary += ".sparkfit-tmp";
  {
    std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
    if (!file) throw InputError(flag + ": cannot write '" + target.string() + "'");
    file << text;
    file.flush();
    if (!file) {
      std::error_code ignored;
      std::filesystem::remove(temporary, ignored);
      throw InputError(flag + ": writing '" + target.string() + "' failed");
    }
  }
  std::error_code error;
  std::filesystem::rename(temporary, target, error);
  if (error) {
    std::filesystem::remove(temporary, error);
    throw InputError(flag + ": cannot replace '" + target.string() + "'");
  }
}

}  // namespace sparkfit
