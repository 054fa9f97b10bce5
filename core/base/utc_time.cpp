#include "core/base/utc_time.h"

#include <ctime>

namespace gb::base {

std::string UtcTime(int64_t unix_seconds, const char* format) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  // gmtime_r, not gmtime: callers run on several threads.
  if (gmtime_r(&t, &tm) == nullptr) return "?";
  char buf[64];
  const size_t n = std::strftime(buf, sizeof buf, format, &tm);
  return std::string(buf, n);
}

}  // namespace gb::base
