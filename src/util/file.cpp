#include "sparkfit/util/file.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <optional>
#include <string_view>
#include <vector>

#include "sparkfit/util/error.hpp"

namespace sparkfit {
namespace {

std::string reason(int error) { return std::strerror(error); }

// A descriptor closed on every way out.
class Descriptor {
 public:
  explicit Descriptor(int fd) : fd_(fd) {}
  ~Descriptor() {
    if (fd_ >= 0) ::close(fd_);
  }
  Descriptor(const Descriptor&) = delete;
  Descriptor& operator=(const Descriptor&) = delete;
  int get() const { return fd_; }
  // Closes it now: 0, or the errno close(2) reports (NFS and quotas may report a lost write only here).
  int close() {
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0 ? 0 : errno;
  }

 private:
  int fd_;
};

// 0 once every byte is written, else the errno of the write that failed.
int write_all(int fd, std::string_view text) {
  while (!text.empty()) {
    const ssize_t written = ::write(fd, text.data(), text.size());
    if (written < 0) {
      if (errno == EINTR) continue;
      return errno;
    }
    text.remove_prefix(static_cast<std::size_t>(written));
  }
  return 0;
}

// The descriptor that /dev/stdout, /dev/stderr, /dev/fd/N or /proc/self/fd/N names. These are
// links the kernel makes for streams the process already holds, not links anyone can plant, and
// writing to the descriptor itself keeps its offset and append mode as a shell redirection does.
std::optional<int> standard_stream(std::string_view path) {
  if (path == "/dev/stdout") return STDOUT_FILENO;
  if (path == "/dev/stderr") return STDERR_FILENO;
  for (std::string_view prefix : {"/dev/fd/", "/proc/self/fd/"}) {
    if (path.substr(0, prefix.size()) != prefix) continue;
    const std::string_view number = path.substr(prefix.size());
    int fd = -1;
    const auto [end, error] = std::from_chars(number.data(), number.data() + number.size(), fd);
    if (error == std::errc() && end == number.data() + number.size() && fd >= 0) return fd;
  }
  return std::nullopt;
}

// A character device, FIFO or socket is written where it is: no O_CREAT or O_TRUNC, so the node
// stays the node it was (replacing /dev/null with a regular file would break every other user).
void write_in_place(const std::string& path, const std::string& text, const std::string& cannot) {
  // O_NOFOLLOW: a link put in the node's place since it was looked at is not followed.
  Descriptor node(::open(path.c_str(), O_WRONLY | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC));
  if (node.get() < 0) throw InputError(cannot + reason(errno));
  struct stat status {};
  if (::fstat(node.get(), &status) != 0) throw InputError(cannot + reason(errno));
  // Written in place without truncation, a regular file would keep the tail of its old content.
  if (S_ISREG(status.st_mode)) throw InputError(cannot + "it became a regular file while it was opened");
  if (const int error = write_all(node.get(), text)) throw InputError(cannot + reason(error));
  if (const int error = node.close()) throw InputError(cannot + reason(error));
}

// The permissions open(2) gives a new file: 0666 less the umask. umask(2) can only be read by
// setting it; it is set back at once, and no thread of sparkfit creates files meanwhile.
mode_t created_file_mode() {
  const mode_t mask = ::umask(077);
  ::umask(mask);
  return 0666 & ~mask;
}

// A temporary file beside the target, removed unless it was renamed into place.
class Temporary {
 public:
  explicit Temporary(const std::filesystem::path& directory) : name_((directory / ".sparkfit-XXXXXX").string()) {
    // mkostemp picks a name nobody can predict and creates it with O_CREAT | O_EXCL, which never
    // follows a symbolic link.
    fd_ = ::mkostemp(name_.data(), O_CLOEXEC);
  }
  ~Temporary() {
    if (fd_ >= 0) ::close(fd_);
    if (!kept_ && created()) ::unlink(name_.c_str());
  }
  Temporary(const Temporary&) = delete;
  Temporary& operator=(const Temporary&) = delete;
  bool created() const { return fd_ >= 0 || closed_; }
  int fd() const { return fd_; }
  const std::string& name() const { return name_; }
  int close() {
    closed_ = true;
    const int fd = fd_;
    fd_ = -1;
    return ::close(fd) == 0 ? 0 : errno;
  }
  void keep() { kept_ = true; }

 private:
  std::string name_;
  int fd_ = -1;
  bool closed_ = false;
  bool kept_ = false;
};

// Whether `path` is absent or a regular file: the only targets a rename may replace.
bool replaceable(const std::string& path) {
  struct stat status {};
  if (::lstat(path.c_str(), &status) != 0) return errno == ENOENT;
  return S_ISREG(status.st_mode);
}

// A new or regular file is replaced whole: written to a temporary beside it, synced, renamed over
// it, and the directory synced so that the rename survives a crash. `mode`: the target's, kept.
void replace_whole(const std::string& path, const std::string& text, const std::string& cannot,
                   std::optional<mode_t> mode) {
  const std::filesystem::path target(path);
  const std::filesystem::path directory = target.has_parent_path() ? target.parent_path() : ".";
  Temporary temporary(directory);
  if (!temporary.created()) throw InputError(cannot + reason(errno));
  // mkostemp creates the file 0600; the result gets what `> FILE` would have given it.
  if (::fchmod(temporary.fd(), mode.value_or(created_file_mode())) != 0) throw InputError(cannot + reason(errno));
  if (const int error = write_all(temporary.fd(), text)) throw InputError(cannot + reason(error));
  if (::fsync(temporary.fd()) != 0) throw InputError(cannot + reason(errno));
  if (const int error = temporary.close()) throw InputError(cannot + reason(error));
  if (!replaceable(path)) throw InputError(cannot + "it was replaced by something other than a file meanwhile");
  if (::rename(temporary.name().c_str(), path.c_str()) != 0) throw InputError(cannot + reason(errno));
  temporary.keep();
  // The file is whole in place already; a directory that cannot be synced costs durability only.
  Descriptor folder(::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (folder.get() >= 0) ::fsync(folder.get());
}

}  // namespace

std::string read_whole_file(const std::string& path, const std::string& flag) {
  const std::string cannot = flag + ": cannot read '" + path + "': ";
  Descriptor file(::open(path.c_str(), O_RDONLY | O_NOCTTY | O_CLOEXEC));
  if (file.get() < 0) throw InputError(cannot + reason(errno));
  struct stat status {};
  if (::fstat(file.get(), &status) != 0) throw InputError(cannot + reason(errno));
  if (S_ISDIR(status.st_mode)) throw InputError(flag + ": '" + path + "' is a directory; give a file");
  std::string text;
  std::vector<char> buffer(1 << 16);
  for (;;) {
    const ssize_t got = ::read(file.get(), buffer.data(), buffer.size());
    if (got == 0) return text;
    if (got < 0) {
      if (errno == EINTR) continue;
      throw InputError(cannot + reason(errno));
    }
    text.append(buffer.data(), static_cast<std::size_t>(got));
  }
}

void write_whole_file(const std::string& path, const std::string& text, const std::string& flag) {
  const std::string cannot = flag + ": cannot write '" + path + "': ";
  if (const std::optional<int> stream = standard_stream(path)) {
    if (const int error = write_all(*stream, text)) throw InputError(cannot + reason(error));
    return;
  }
  struct stat status {};
  if (::lstat(path.c_str(), &status) != 0) {
    if (errno != ENOENT) throw InputError(cannot + reason(errno));
    replace_whole(path, text, cannot, std::nullopt);
    return;
  }
  if (S_ISLNK(status.st_mode))
    throw InputError(flag + ": '" + path +
                     "' is a symbolic link; sparkfit does not write through links: give the file it points to");
  if (S_ISDIR(status.st_mode)) throw InputError(flag + ": '" + path + "' is a directory; give a file name");
  if (S_ISCHR(status.st_mode) || S_ISFIFO(status.st_mode) || S_ISSOCK(status.st_mode)) {
    write_in_place(path, text, cannot);
    return;
  }
  if (!S_ISREG(status.st_mode))
    throw InputError(flag + ": '" + path + "' is a block device; give a file name, a character device or a FIFO");
  replace_whole(path, text, cannot, status.st_mode & 0777);
}

}  // namespace sparkfit
