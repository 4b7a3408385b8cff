// Figures rounded to the precision the writers print them at (docs/interface.md#json): one named
// helper per kind of figure, so that every JSON field of a kind rounds the same way.
#pragma once

#include <cmath>

namespace sparkfit::util {

// `value` rounded to `decimals` (0 to 4) digits after the point.
inline double round_to(double value, int decimals) {
  constexpr double kScale[] = {1, 10, 100, 1000, 10000};
  const double scale = kScale[decimals];
  return std::round(value * scale) / scale;
}

inline double round_seconds(double seconds) { return round_to(seconds, 1); }  // 0.1 s
inline double round_ms(double seconds) { return round_to(seconds, 3); }       // seconds, to the ms
inline double round_usd(double usd) { return round_to(usd, 4); }              // 1/100 cent
inline double round_hours(double hours) { return round_to(hours, 3); }        // core-hours, DPU-hours
inline double round_share(double share) { return round_to(share, 4); }        // a fraction of 1
// A share as a percentage to 0.1 (0.1234 -> 12.3).
inline double round_percent(double share) { return std::round(share * 1000) / 10; }

}  // namespace sparkfit::util
