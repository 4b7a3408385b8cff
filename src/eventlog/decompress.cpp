// Streaming decoders for the codecs Spark writes event logs with. The codecs themselves come from
// Debian's libraries (libzstd, zlib, liblz4, libsnappy, liblzf); what is written here is only the
// framing Spark's Java libraries put around their blocks:
//   lz4:    lz4-java LZ4BlockOutputStream (Spark's LZ4CompressionCodec, blocks of 32 KiB):
//           per block "LZ4Block", token (method 0x10 raw | 0x20 lz4, low nibble = log2(block) - 10),
//           compressed length, original length, xxhash32 (seed 0x9747b28c) & 0x0FFFFFFF, all
//           little-endian int32; an empty block ends a stream, and streams may be concatenated.
//   snappy: snappy-java SnappyOutputStream: "\x82SNAPPY\0", version and compatible version
//           (big-endian int32), then [big-endian int32 length][raw snappy block]...; the header
//           may repeat where streams were concatenated.
//   lzf:    compress-lzf LZFOutputStream chunks: 'Z' 'V' type; type 0: big-endian u16 length and
//           the bytes; type 1: u16 compressed length, u16 original length, an LZF block.
// Every decoder keeps one block (at most 32 MiB for lz4, 64 KiB for lzf) in memory.
#include <lz4.h>
#include <lzf.h>
#include <snappy-c.h>
#include <zlib.h>
#include <zstd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "sparkfit/eventlog/eventlog.hpp"
#include "sparkfit/util/error.hpp"

namespace sparkfit::eventlog {

std::string_view to_string(Codec codec) {
  switch (codec) {
    case Codec::none: return "none";
    case Codec::zstd: return "zstd";
    case Codec::gzip: return "gzip";
    case Codec::lz4: return "lz4";
    case Codec::snappy: return "snappy";
    case Codec::lzf: return "lzf";
  }
  return "none";
}

Codec codec_for_path(std::string_view path) {
  auto ends_with = [&](std::string_view suffix) {
    return path.size() >= suffix.size() && path.substr(path.size() - suffix.size()) == suffix;
  };
  // Spark appends ".inprogress" to a log that is still being written.
  if (ends_with(".inprogress")) path.remove_suffix(11);
  if (ends_with(".zstd") || ends_with(".zst")) return Codec::zstd;
  if (ends_with(".gz")) return Codec::gzip;
  if (ends_with(".lz4")) return Codec::lz4;
  if (ends_with(".snappy")) return Codec::snappy;
  if (ends_with(".lzf")) return Codec::lzf;
  return Codec::none;
}

namespace {

[[noreturn]] void corrupt(const std::string& name, std::string_view codec, std::int64_t offset,
                          const std::string& why) {
  throw InputError(SourceLocation{name, 0, 0, {}},
                   "corrupt " + std::string(codec) + " data at byte offset " + std::to_string(offset) + ": " + why);
}

class FileSource final : public ByteSource {
 public:
  explicit FileSource(const std::string& path) : file_(std::fopen(path.c_str(), "rb")) {
    if (!file_) throw InputError(SourceLocation{path, 0, 0, {}}, std::string("cannot open: ") + std::strerror(errno));
  }
  ~FileSource() override { std::fclose(file_); }
  FileSource(const FileSource&) = delete;
  FileSource& operator=(const FileSource&) = delete;
  std::size_t read(char* out, std::size_t capacity) override { return std::fread(out, 1, capacity, file_); }

 private:
  std::FILE* file_;
};

class MemorySource final : public ByteSource {
 public:
  explicit MemorySource(std::string_view bytes) : bytes_(bytes) {}
  std::size_t read(char* out, std::size_t capacity) override {
    std::size_t n = std::min(capacity, bytes_.size());
    if (n > 0) std::memcpy(out, bytes_.data(), n);
    bytes_.remove_prefix(n);
    return n;
  }

 private:
  std::string_view bytes_;
};

// Reads from the compressed source, counting the bytes taken so errors can name their offset.
class Input {
 public:
  explicit Input(std::unique_ptr<ByteSource> source) : source_(std::move(source)) {}
  // Reads exactly n bytes unless the stream ends first; returns the count read.
  std::size_t read_exact(char* out, std::size_t n) {
    std::size_t done = 0;
    while (done < n) {
      std::size_t got = source_->read(out + done, n - done);
      if (got == 0) break;
      done += got;
    }
    offset_ += static_cast<std::int64_t>(done);
    return done;
  }
  std::size_t read_some(char* out, std::size_t n) {
    std::size_t got = source_->read(out, n);
    offset_ += static_cast<std::int64_t>(got);
    return got;
  }
  std::int64_t offset() const { return offset_; }
  // Reads a block of `n` bytes into `out`, growing it as the bytes arrive so that a corrupt
  // length cannot make it allocate more than the stream holds. False when the stream ends first.
  bool read_block(std::vector<char>& out, std::size_t n) {
    out.clear();
    while (out.size() < n) {
      const std::size_t have = out.size();
      const std::size_t chunk = std::min<std::size_t>(n - have, std::size_t{1} << 20);
      out.resize(have + chunk);
      if (read_exact(out.data() + have, chunk) < chunk) return false;
    }
    return true;
  }

 private:
  std::unique_ptr<ByteSource> source_;
  std::int64_t offset_ = 0;
};

// A decoder that produces one block at a time and serves reads from it.
class BlockDecoder : public ByteSource {
 public:
  std::size_t read(char* out, std::size_t capacity) final {
    while (pos_ >= block_.size()) {
      if (done_) return 0;
      block_.clear();
      pos_ = 0;
      if (!next_block()) done_ = true;
    }
    std::size_t n = std::min(capacity, block_.size() - pos_);
    std::memcpy(out, block_.data() + pos_, n);
    pos_ += n;
    return n;
  }

 protected:
  // Fills block_ (possibly with nothing); false at the end of the stream.
  virtual bool next_block() = 0;
  std::vector<char> block_;
  std::vector<char> compressed_;

 private:
  std::size_t pos_ = 0;
  bool done_ = false;
};

std::uint32_t le32(const unsigned char* p) {
  return static_cast<std::uint32_t>(p[0]) | static_cast<std::uint32_t>(p[1]) << 8 |
         static_cast<std::uint32_t>(p[2]) << 16 | static_cast<std::uint32_t>(p[3]) << 24;
}
std::uint32_t be32(const unsigned char* p) {
  return static_cast<std::uint32_t>(p[0]) << 24 | static_cast<std::uint32_t>(p[1]) << 16 |
         static_cast<std::uint32_t>(p[2]) << 8 | static_cast<std::uint32_t>(p[3]);
}

// xxHash32 as its specification (Yann Collet, xxhash_spec.md) defines it; lz4-java checks every
// block with it. liblz4 does not export it, so it is written here from the specification.
std::uint32_t xxhash32(const unsigned char* data, std::size_t length, std::uint32_t seed) {
  constexpr std::uint32_t p1 = 2654435761U, p2 = 2246822519U, p3 = 3266489917U, p4 = 668265263U, p5 = 374761393U;
  auto rotl = [](std::uint32_t x, int r) { return (x << r) | (x >> (32 - r)); };
  auto round = [&](std::uint32_t acc, std::uint32_t lane) { return rotl(acc + lane * p2, 13) * p1; };
  const unsigned char* p = data;
  const unsigned char* end = data + length;
  std::uint32_t acc;
  if (length >= 16) {
    std::uint32_t v1 = seed + p1 + p2, v2 = seed + p2, v3 = seed, v4 = seed - p1;
    const unsigned char* limit = end - 16;
    do {
      v1 = round(v1, le32(p));
      v2 = round(v2, le32(p + 4));
      v3 = round(v3, le32(p + 8));
      v4 = round(v4, le32(p + 12));
      p += 16;
    } while (p <= limit);
    acc = rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18);
  } else {
    acc = seed + p5;
  }
  acc += static_cast<std::uint32_t>(length);
  for (; p + 4 <= end; p += 4) acc = rotl(acc + le32(p) * p3, 17) * p4;
  for (; p < end; ++p) acc = rotl(acc + *p * p5, 11) * p1;
  acc ^= acc >> 15;
  acc *= p2;
  acc ^= acc >> 13;
  acc *= p3;
  acc ^= acc >> 16;
  return acc;
}

class Lz4BlockDecoder final : public BlockDecoder {
 public:
  Lz4BlockDecoder(std::unique_ptr<ByteSource> source, std::string name)
      : in_(std::move(source)), name_(std::move(name)) {}

 private:
  static constexpr int kHeader = 21;
  static constexpr std::uint32_t kSeed = 0x9747b28cU;
  static constexpr int kMaxBlock = 1 << 25;  // lz4-java's MAX_BLOCK_SIZE (32 MiB)

  bool next_block() override {
    std::array<unsigned char, kHeader> header{};
    std::int64_t at = in_.offset();
    std::size_t got = in_.read_exact(reinterpret_cast<char*>(header.data()), kHeader);
    if (got == 0) return false;  // a clean end (after an end block, or an unfinished stream)
    if (got < kHeader) corrupt(name_, "lz4", at, "truncated block header");
    if (std::memcmp(header.data(), "LZ4Block", 8) != 0) corrupt(name_, "lz4", at, "no LZ4Block magic");
    const int method = header[8] & 0xF0;
    const int level = header[8] & 0x0F;
    const std::uint32_t compressed = le32(&header[9]);
    const std::uint32_t original = le32(&header[13]);
    const std::uint32_t check = le32(&header[17]);
    const std::uint32_t max_block = std::uint32_t{1} << (level + 10);
    if (method != 0x10 && method != 0x20) corrupt(name_, "lz4", at, "unknown compression method");
    if (original > max_block || original > kMaxBlock || (method == 0x10 && compressed != original) ||
        (method == 0x20 && compressed > static_cast<std::uint32_t>(LZ4_compressBound(static_cast<int>(original)))))
      corrupt(name_, "lz4", at, "impossible block lengths");
    if (original == 0) {
      if (compressed != 0 || check != 0) corrupt(name_, "lz4", at, "malformed end block");
      return true;  // end of one stream; another may follow (Spark concatenates them)
    }
    if (!in_.read_block(compressed_, compressed)) corrupt(name_, "lz4", at, "truncated block");
    block_.resize(original);
    if (method == 0x10) {
      std::memcpy(block_.data(), compressed_.data(), original);
    } else {
      int n = LZ4_decompress_safe(compressed_.data(), block_.data(), static_cast<int>(compressed),
                                  static_cast<int>(original));
      if (n != static_cast<int>(original)) corrupt(name_, "lz4", at, "the block does not decompress");
    }
    std::uint32_t hash = xxhash32(reinterpret_cast<const unsigned char*>(block_.data()), original, kSeed) & 0x0FFFFFFFU;
    if (hash != check) corrupt(name_, "lz4", at, "checksum mismatch");
    return true;
  }

  Input in_;
  std::string name_;
};

class SnappyJavaDecoder final : public BlockDecoder {
 public:
  SnappyJavaDecoder(std::unique_ptr<ByteSource> source, std::string name)
      : in_(std::move(source)), name_(std::move(name)) {}

 private:
  static constexpr char kMagic[8] = {'\x82', 'S', 'N', 'A', 'P', 'P', 'Y', '\0'};
  static constexpr std::uint32_t kMaxChunk = 1U << 27;

  bool next_block() override {
    std::int64_t at = in_.offset();
    if (!header_read_) {
      std::array<unsigned char, 16> header{};
      std::size_t got = in_.read_exact(reinterpret_cast<char*>(header.data()), header.size());
      if (got == 0) return false;
      if (got < header.size() || std::memcmp(header.data(), kMagic, 8) != 0)
        corrupt(name_, "snappy", at, "no snappy-java stream header");
      header_read_ = true;
      return true;
    }
    std::array<unsigned char, 4> length{};
    std::size_t got = in_.read_exact(reinterpret_cast<char*>(length.data()), 4);
    if (got == 0) return false;
    if (got < 4) corrupt(name_, "snappy", at, "truncated chunk length");
    if (std::memcmp(length.data(), kMagic, 4) == 0) {
      // A concatenated stream starts again with its header.
      std::array<char, 12> rest{};
      if (in_.read_exact(rest.data(), rest.size()) < rest.size() || std::memcmp(rest.data(), kMagic + 4, 4) != 0)
        corrupt(name_, "snappy", at, "malformed stream header");
      return true;
    }
    std::uint32_t size = be32(length.data());
    if (size > kMaxChunk) corrupt(name_, "snappy", at, "impossible chunk length");
    if (!in_.read_block(compressed_, size)) corrupt(name_, "snappy", at, "truncated chunk");
    std::size_t original = 0;
    if (snappy_uncompressed_length(compressed_.data(), size, &original) != SNAPPY_OK || original > kMaxChunk ||
        snappy_validate_compressed_buffer(compressed_.data(), size) != SNAPPY_OK)
      corrupt(name_, "snappy", at, "the chunk does not decompress");
    block_.resize(original);
    std::size_t produced = original;
    if (snappy_uncompress(compressed_.data(), size, block_.data(), &produced) != SNAPPY_OK || produced != original)
      corrupt(name_, "snappy", at, "the chunk does not decompress");
    return true;
  }

  Input in_;
  std::string name_;
  bool header_read_ = false;
};

class LzfDecoder final : public BlockDecoder {
 public:
  LzfDecoder(std::unique_ptr<ByteSource> source, std::string name) : in_(std::move(source)), name_(std::move(name)) {}

 private:
  bool next_block() override {
    std::int64_t at = in_.offset();
    std::array<unsigned char, 5> header{};
    std::size_t got = in_.read_exact(reinterpret_cast<char*>(header.data()), 5);
    if (got == 0) return false;
    if (got < 5) corrupt(name_, "lzf", at, "truncated chunk header");
    if (header[0] != 'Z' || header[1] != 'V') corrupt(name_, "lzf", at, "no ZV chunk signature");
    const unsigned length = static_cast<unsigned>(header[3]) << 8 | header[4];
    if (header[2] == 0) {
      block_.resize(length);
      if (in_.read_exact(block_.data(), length) < length) corrupt(name_, "lzf", at, "truncated chunk");
      return true;
    }
    if (header[2] != 1) corrupt(name_, "lzf", at, "unknown chunk type");
    std::array<unsigned char, 2> size{};
    if (in_.read_exact(reinterpret_cast<char*>(size.data()), 2) < 2)
      corrupt(name_, "lzf", at, "truncated chunk header");
    const unsigned original = static_cast<unsigned>(size[0]) << 8 | size[1];
    compressed_.resize(length);
    if (in_.read_exact(compressed_.data(), length) < length) corrupt(name_, "lzf", at, "truncated chunk");
    block_.resize(original);
    if (original == 0) return true;
    // liblzf reads its first control byte before looking at the length (found by fuzzing).
    if (length == 0) corrupt(name_, "lzf", at, "the chunk does not decompress");
    unsigned produced = lzf_decompress(compressed_.data(), length, block_.data(), original);
    if (produced != original) corrupt(name_, "lzf", at, "the chunk does not decompress");
    return true;
  }

  Input in_;
  std::string name_;
};

class ZstdDecoder final : public ByteSource {
 public:
  ZstdDecoder(std::unique_ptr<ByteSource> source, std::string name)
      : in_(std::move(source)), name_(std::move(name)), context_(ZSTD_createDCtx()), buffer_(ZSTD_DStreamInSize()) {
    if (!context_) throw std::bad_alloc();
  }
  ~ZstdDecoder() override { ZSTD_freeDCtx(context_); }
  ZstdDecoder(const ZstdDecoder&) = delete;
  ZstdDecoder& operator=(const ZstdDecoder&) = delete;

  std::size_t read(char* out, std::size_t capacity) override {
    ZSTD_outBuffer output{out, capacity, 0};
    while (output.pos == 0) {
      if (input_.pos == input_.size && !eof_) {
        buffer_start_ = in_.offset();
        input_ = ZSTD_inBuffer{buffer_.data(), in_.read_some(buffer_.data(), buffer_.size()), 0};
        if (input_.size == 0) eof_ = true;
      }
      // With no input left this only flushes what the decoder holds. A frame cut short (a log
      // still being written, or a killed driver) simply ends the data.
      std::size_t result = ZSTD_decompressStream(context_, &output, &input_);
      if (ZSTD_isError(result))
        corrupt(name_, "zstd", buffer_start_ + static_cast<std::int64_t>(input_.pos), ZSTD_getErrorName(result));
      if (output.pos == 0 && eof_ && input_.pos == input_.size) return 0;
    }
    return output.pos;
  }

 private:
  Input in_;
  std::string name_;
  ZSTD_DCtx* context_;
  std::vector<char> buffer_;
  ZSTD_inBuffer input_{nullptr, 0, 0};
  std::int64_t buffer_start_ = 0;
  bool eof_ = false;
};

class GzipDecoder final : public ByteSource {
 public:
  GzipDecoder(std::unique_ptr<ByteSource> source, std::string name)
      : in_(std::move(source)), name_(std::move(name)), buffer_(1 << 16) {
    if (inflateInit2(&stream_, 15 + 32) != Z_OK) throw std::bad_alloc();  // gzip or zlib headers
  }
  ~GzipDecoder() override { inflateEnd(&stream_); }
  GzipDecoder(const GzipDecoder&) = delete;
  GzipDecoder& operator=(const GzipDecoder&) = delete;

  std::size_t read(char* out, std::size_t capacity) override {
    capacity = std::min<std::size_t>(capacity, 1U << 30);
    stream_.next_out = reinterpret_cast<Bytef*>(out);
    stream_.avail_out = static_cast<uInt>(capacity);
    while (stream_.avail_out == capacity) {
      if (stream_.avail_in == 0) {
        if (eof_) return 0;
        buffer_start_ = in_.offset();
        std::size_t got = in_.read_some(buffer_.data(), buffer_.size());
        if (got == 0) {
          eof_ = true;
          return capacity - stream_.avail_out;
        }
        stream_.next_in = reinterpret_cast<Bytef*>(buffer_.data());
        stream_.avail_in = static_cast<uInt>(got);
        buffer_used_ = got;
      }
      int status = inflate(&stream_, Z_NO_FLUSH);
      if (status == Z_STREAM_END) {
        inflateReset(&stream_);  // gzip members may be concatenated
      } else if (status != Z_OK && status != Z_BUF_ERROR) {
        corrupt(name_, "gzip", buffer_start_ + static_cast<std::int64_t>(buffer_used_ - stream_.avail_in),
                stream_.msg ? stream_.msg : "inflate failed");
      }
    }
    return capacity - stream_.avail_out;
  }

 private:
  Input in_;
  std::string name_;
  z_stream stream_{};
  std::vector<char> buffer_;
  std::int64_t buffer_start_ = 0;
  std::size_t buffer_used_ = 0;
  bool eof_ = false;
};

}  // namespace

std::unique_ptr<ByteSource> open_file(const std::string& path) { return std::make_unique<FileSource>(path); }

std::unique_ptr<ByteSource> memory_source(std::string_view bytes) { return std::make_unique<MemorySource>(bytes); }

std::unique_ptr<ByteSource> decompressor(Codec codec, std::unique_ptr<ByteSource> compressed, const std::string& name) {
  switch (codec) {
    case Codec::none: return compressed;
    case Codec::zstd: return std::make_unique<ZstdDecoder>(std::move(compressed), name);
    case Codec::gzip: return std::make_unique<GzipDecoder>(std::move(compressed), name);
    case Codec::lz4: return std::make_unique<Lz4BlockDecoder>(std::move(compressed), name);
    case Codec::snappy: return std::make_unique<SnappyJavaDecoder>(std::move(compressed), name);
    case Codec::lzf: return std::make_unique<LzfDecoder>(std::move(compressed), name);
  }
  return compressed;
}

std::string decompress(Codec codec, std::string_view compressed, const std::string& name) {
  std::unique_ptr<ByteSource> source = decompressor(codec, memory_source(compressed), name);
  std::string out;
  std::vector<char> buffer(1 << 16);
  while (std::size_t n = source->read(buffer.data(), buffer.size())) out.append(buffer.data(), n);
  return out;
}

}  // namespace sparkfit::eventlog
