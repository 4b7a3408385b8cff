// Sizes, durations and money as docs/interface.md#units defines them.
//
// Sizes are binary everywhere, as Spark's JavaUtils.byteStringAs reads them: `4g`, `4gb`, `4GiB`
// are all 4 x 2^30 bytes. A bare number means bytes for data sizes and MiB for Spark memory
// settings. sparkfit's own inputs accept fractions (`1.5TiB`, `352.3MB`); settings being reviewed
// are read by Spark's stricter rules (`parse_spark_size`).
//
// Parsers throw InputError with a message that names the accepted forms; callers that know the
// place in a file rethrow it with a SourceLocation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sparkfit::units {

inline constexpr std::int64_t kKiB = 1024;
inline constexpr std::int64_t kMiB = 1024 * kKiB;
inline constexpr std::int64_t kGiB = 1024 * kMiB;
inline constexpr std::int64_t kTiB = 1024 * kGiB;

// A data size (input size, file size): bare number = bytes. Fractions allowed; rounded to the
// nearest byte. Rejects negative values.
std::int64_t parse_data_size(std::string_view text);

// A memory size given to sparkfit (--executor-memory, node_memory): bare number = MiB, as Spark
// reads its memory settings. Fractions allowed. Returns whole MiB, rounded down.
std::int64_t parse_memory_mib(std::string_view text);

// A size as Spark itself reads a setting (JavaUtils.byteStringAs): whole numbers only, suffixes
// b k kb m mb g gb t tb p pb (any case), bare number in `bare_unit_bytes`. Returns bytes.
std::int64_t parse_spark_size(std::string_view text, std::int64_t bare_unit_bytes);

// Durations: `90s`, `45m`, `2h`, `1h30m`, `1.5h`; a bare number is seconds.
double parse_duration_s(std::string_view text);

// Money in US dollars: `$50`, `50`, `$3.40`.
double parse_money_usd(std::string_view text);

// A positive whole number (counts: nodes, executors, cores, files).
std::int64_t parse_count(std::string_view text, std::string_view what);

// Node counts: `10`, a range `2..50` (inclusive) or a list `4,8,16`. Sorted, unique, all >= 1.
std::vector<int> parse_count_set(std::string_view text, std::string_view what);

// Human-readable size with its unit: `500 GiB`, `256 MiB`, `352.3 MiB`, `0 B`.
std::string format_size(std::int64_t bytes);

// A Spark memory setting from whole MiB: `19g` when a whole GiB, else `16088m`.
std::string format_spark_memory(std::int64_t mib);

// `45 s`, `12 min 30 s`, `1 h 05 min`.
std::string format_duration(double seconds);

// `$3.40`, `$0.0042` (enough digits to show a small figure), `$1,234.56`.
std::string format_money(double usd);

// A share as a whole percentage: 0.237 -> `24%`.
std::string format_percent(double share);

// Shortest decimal text that reads back as exactly `value` (std::to_chars).
std::string format_number(double value);

}  // namespace sparkfit::units
