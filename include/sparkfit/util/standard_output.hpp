// Standard output whose failures are known: a write that fails (a full disk, a closed pipe or
// descriptor) is remembered with its reason, so the command can exit 2 and say why instead of
// exiting 0 with its answer lost (std::cout keeps only a failbit, and errno is gone by then).
#pragma once

#include <array>
#include <streambuf>

namespace sparkfit {

// A buffered std::streambuf over a file descriptor. Once a write fails the buffer discards what
// it holds and what follows, and error() keeps the errno of the failure.
class DescriptorBuffer : public std::streambuf {
 public:
  explicit DescriptorBuffer(int fd);
  ~DescriptorBuffer() override;
  DescriptorBuffer(const DescriptorBuffer&) = delete;
  DescriptorBuffer& operator=(const DescriptorBuffer&) = delete;

  // The errno of the first write that failed; 0 while none has.
  int error() const { return error_; }

 protected:
  int_type overflow(int_type c) override;
  int sync() override;

 private:
  bool drain();

  int fd_;
  int error_ = 0;
  std::array<char, 1 << 16> buffer_{};
};

// Opens /dev/null read-only on any of descriptors 0, 1 and 2 that is closed, so that no file the
// program opens later takes its number and receives its output; writes to such a standard stream
// then fail with EBADF, as they would have.
void hold_standard_descriptors();

}  // namespace sparkfit
