// Whole-file reads and writes: a regular file is replaced whole through a temporary of
// unpredictable name, a device or FIFO is written in place, a link or a directory is refused, and
// every failure names the flag, the path and the OS reason and leaves nothing behind.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include "sparkfit/util/error.hpp"
#include "sparkfit/util/file.hpp"
#include "support/test_support.hpp"

namespace fs = std::filesystem;
using namespace sparkfit;
using namespace sparkfit::testing;

namespace {

// The names in `dir`, to show that no temporary was left there.
std::vector<std::string> entries(const fs::path& dir) {
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.push_back(entry.path().filename().string());
  std::sort(names.begin(), names.end());
  return names;
}

std::string write_error(const std::string& path, const std::string& text) {
  return error_of([&] { write_whole_file(path, text, "--output"); });
}

bool is_character_device(const char* path) {
  struct stat status {};
  return ::lstat(path, &status) == 0 && S_ISCHR(status.st_mode);
}

}  // namespace

TEST_SUITE("util") {
  TEST_CASE("a new or regular file is replaced whole, with the permissions it would have had, and nothing beside it") {
    const fs::path dir = scratch_dir("write-regular");
    const fs::path target = dir / "out.json";
    write_whole_file(target.string(), "first\n", "--output");
    CHECK(read_file(target) == "first\n");
    const mode_t mask = ::umask(022);
    ::umask(mask);
    CHECK((fs::status(target).permissions() & fs::perms::all) == static_cast<fs::perms>(0666 & ~mask));
    // A file the user made private stays private when it is replaced.
    fs::permissions(target, static_cast<fs::perms>(0600));
    write_whole_file(target.string(), "second\n", "--output");
    CHECK(read_file(target) == "second\n");
    CHECK((fs::status(target).permissions() & fs::perms::all) == static_cast<fs::perms>(0600));
    CHECK(entries(dir) == std::vector<std::string>{"out.json"});
    fs::remove_all(dir);
  }

  TEST_CASE("a symbolic link is refused and what it points to is left alone") {
    const fs::path dir = scratch_dir("write-symlink");
    const fs::path victim = dir / "victim", link = dir / "out.json";
    write_file(victim, "precious\n");
    fs::create_symlink(victim, link);
    CHECK(write_error(link.string(), "overwritten\n") ==
          "--output: '" + link.string() +
              "' is a symbolic link; sparkfit does not write through links: give the file it points to");
    CHECK(read_file(victim) == "precious\n");
    CHECK(fs::is_symlink(link));
    CHECK(entries(dir) == std::vector<std::string>{"out.json", "victim"});
    fs::remove_all(dir);
  }

  TEST_CASE("a link planted at the old predictable temporary name is not followed") {
    const fs::path dir = scratch_dir("write-planted");
    const fs::path victim = dir / "victim", target = dir / "out.json";
    write_file(victim, "precious\n");
    fs::create_symlink(victim, dir / "out.json.sparkfit-tmp");
    write_whole_file(target.string(), "answer\n", "--output");
    CHECK(read_file(target) == "answer\n");
    CHECK(read_file(victim) == "precious\n");
    CHECK(entries(dir) == std::vector<std::string>{"out.json", "out.json.sparkfit-tmp", "victim"});
    fs::remove_all(dir);
  }

  TEST_CASE("a FIFO, /dev/null and a descriptor's /dev/fd name are written in place, never replaced") {
    const fs::path dir = scratch_dir("write-fifo");
    const fs::path fifo = dir / "pipe";
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    // A reader is there first, so the writer's open does not wait for one.
    const int reader = ::open(fifo.c_str(), O_RDONLY | O_NONBLOCK);
    REQUIRE(reader >= 0);
    write_whole_file(fifo.string(), "through the pipe\n", "--output");
    char got[64] = {};
    CHECK(::read(reader, got, sizeof got) == 17);
    CHECK(std::string(got) == "through the pipe\n");
    ::close(reader);
    CHECK(fs::is_fifo(fifo));
    CHECK(entries(dir) == std::vector<std::string>{"pipe"});

    write_whole_file("/dev/null", "discarded\n", "--output");
    CHECK(is_character_device("/dev/null"));

    int ends[2];
    REQUIRE(::pipe(ends) == 0);
    write_whole_file("/dev/fd/" + std::to_string(ends[1]), "to the descriptor\n", "--output");
    ::close(ends[1]);
    char piped[64] = {};
    CHECK(::read(ends[0], piped, sizeof piped) == 18);
    CHECK(std::string(piped) == "to the descriptor\n");
    ::close(ends[0]);
    fs::remove_all(dir);
  }

  TEST_CASE("a device that refuses the bytes gives the OS reason and stays a device") {
    CHECK(write_error("/dev/full", "lost\n") == "--output: cannot write '/dev/full': No space left on device");
    CHECK(is_character_device("/dev/full"));
    CHECK(write_error("/dev/fd/999", "lost\n") == "--output: cannot write '/dev/fd/999': Bad file descriptor");
  }

  TEST_CASE("a directory, or a file in a missing one, is refused with the reason") {
    const fs::path dir = scratch_dir("write-directory");
    CHECK(write_error(dir.string(), "x") == "--output: '" + dir.string() + "' is a directory; give a file name");
    const fs::path missing = dir / "missing" / "out.json";
    CHECK(write_error(missing.string(), "x") ==
          "--output: cannot write '" + missing.string() + "': No such file or directory");
    CHECK(entries(dir).empty());
    fs::remove_all(dir);
  }

  TEST_CASE("a write that fails half way leaves the old file as it was and no temporary") {
    const fs::path dir = scratch_dir("write-too-large");
    const fs::path target = dir / "out.json";
    write_file(target, "old\n");
    // A file-size limit makes write(2) fail with EFBIG once 8 bytes are in the temporary.
    rlimit previous{};
    REQUIRE(::getrlimit(RLIMIT_FSIZE, &previous) == 0);
    const auto previous_handler = ::signal(SIGXFSZ, SIG_IGN);
    rlimit small = previous;
    small.rlim_cur = 8;
    REQUIRE(::setrlimit(RLIMIT_FSIZE, &small) == 0);
    const std::string error = write_error(target.string(), std::string(100, 'x'));
    ::setrlimit(RLIMIT_FSIZE, &previous);
    ::signal(SIGXFSZ, previous_handler);
    CHECK(error == "--output: cannot write '" + target.string() + "': File too large");
    CHECK(read_file(target) == "old\n");
    CHECK(entries(dir) == std::vector<std::string>{"out.json"});
    fs::remove_all(dir);
  }

  TEST_CASE("a read names the flag, the path and the reason, and refuses a directory") {
    const fs::path dir = scratch_dir("read-whole");
    CHECK(error_of([&] { read_whole_file(dir.string(), "--conf-file"); }) ==
          "--conf-file: '" + dir.string() + "' is a directory; give a file");
    const std::string missing = (dir / "missing.conf").string();
    CHECK(error_of([&] { read_whole_file(missing, "--conf-file"); }) ==
          "--conf-file: cannot read '" + missing + "': No such file or directory");
    write_file(dir / "spark-defaults.conf", "spark.executor.cores 4\n");
    CHECK(read_whole_file((dir / "spark-defaults.conf").string(), "--conf-file") == "spark.executor.cores 4\n");
    fs::remove_all(dir);
  }
}
