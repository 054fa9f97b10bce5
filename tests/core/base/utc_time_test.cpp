#include "core/base/utc_time.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace gb::base {
namespace {

TEST(UtcTimeTest, FormatsInUtcWithTheGivenFormat) {
  EXPECT_EQ(UtcTime(0), "1970-01-01 00:00:00 UTC");
  EXPECT_EQ(UtcTime(1767225600), "2026-01-01 00:00:00 UTC");
  EXPECT_EQ(UtcTime(1767225600 + 14 * 3600 + 2 * 60, "on %Y-%m-%d %H:%M UTC"),
            "on 2026-01-01 14:02 UTC");
  EXPECT_EQ(UtcTime(1767225600, "%Y-%m-%dT%H:%M:%SZ"), "2026-01-01T00:00:00Z");
  EXPECT_EQ(UtcTime(-86400, "%Y-%m-%d"), "1969-12-31");
}

TEST(UtcTimeTest, NeverFailsOnExtremeTimes) {
  // gmtime cannot give a year beyond int's range: "?" rather than garbage.
  EXPECT_EQ(UtcTime(INT64_MAX), "?");
  EXPECT_FALSE(UtcTime(INT64_MIN).empty());
  // A format longer than the buffer gives "" (strftime's 0), never a crash.
  EXPECT_EQ(UtcTime(0, "%Y-%m-%d %Y-%m-%d %Y-%m-%d %Y-%m-%d %Y-%m-%d %Y-%m-%d %Y-%m-%d"), "");
}

}  // namespace
}  // namespace gb::base
