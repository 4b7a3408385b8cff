// libFuzzer target: the event-log reader over each decompressor, then the profile and replay.
// The first byte picks the codec (none, zstd, gzip, lz4, snappy, lzf); the rest is the file.
// A corrupt stream must be an InputError; nothing may crash, hang or trip a sanitizer.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "sparkfit/eventlog/eventlog.hpp"
#include "sparkfit/output/analyze.hpp"
#include "sparkfit/util/error.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace sparkfit::eventlog;
  if (size == 0) return 0;
  const Codec codecs[] = {Codec::none, Codec::zstd, Codec::gzip, Codec::lz4, Codec::snappy, Codec::lzf};
  const Codec codec = codecs[data[0] % 6];
  std::string_view bytes(reinterpret_cast<const char*>(data + 1), size - 1);
  try {
    auto source = decompressor(codec, memory_source(bytes), "fuzz");
    RunLog log;
    read_json_lines(*source, "fuzz", log);
    AnalyzeOptions options;
    options.what_if_executors = {1, 3};
    Profile profile = analyze(log, options);
    (void)sparkfit::output::analyze_json(profile);
    (void)sparkfit::output::analyze_text(profile);
    (void)derive_job_spec(profile, log);
  } catch (const sparkfit::InputError&) {
  }
  return 0;
}
