#include "sync/client/backoff.h"

#include <gtest/gtest.h>

#include <set>

#include "sync/client/http_date.h"

namespace gb::sync_client {
namespace {

TEST(BackoffTest, CeilingDoublesUpToTheCapAndResets) {
  Backoff b({.base_ms = 500, .cap_ms = 60'000, .floor_ms = 100}, 1);
  const std::vector<int64_t> ceilings = {500, 1000, 2000, 4000, 8000, 16000, 32000, 60000, 60000};
  for (int64_t want : ceilings) {
    EXPECT_EQ(b.CeilingMs(), want);
    const int64_t d = b.NextDelayMs();
    EXPECT_GE(d, 100);
    EXPECT_LE(d, want);
  }
  EXPECT_EQ(b.failures(), 9);
  b.Reset();
  EXPECT_EQ(b.CeilingMs(), 500);
}

TEST(BackoffTest, JitterSpreadsKiosksAndIsReproducibleBySeed) {
  std::set<int64_t> firsts;
  for (uint64_t seed = 1; seed <= 20; ++seed) {
    Backoff b({.base_ms = 10'000, .cap_ms = 60'000, .floor_ms = 0}, seed);
    b.NextDelayMs();
    firsts.insert(b.NextDelayMs());
  }
  EXPECT_GT(firsts.size(), 15u);  // 20 kiosks do not retry in lock-step
  Backoff a({}, 42), c({}, 42);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(a.NextDelayMs(), c.NextDelayMs());
}

TEST(BackoffTest, NonsenseOptionsAreMadeSafe) {
  Backoff b({.base_ms = 0, .cap_ms = -5, .floor_ms = -1}, 3);
  for (int i = 0; i < 100; ++i) {
    const int64_t d = b.NextDelayMs();
    EXPECT_GE(d, 0);
  }
}

TEST(HttpDateTest, ParsesTheFixedFormatAndRoundTrips) {
  EXPECT_EQ(ParseHttpDate("Sun, 06 Nov 1994 08:49:37 GMT"), 784111777);
  EXPECT_EQ(FormatHttpDate(784111777), "Sun, 06 Nov 1994 08:49:37 GMT");
  for (int64_t t : {int64_t{0}, int64_t{951782400}, int64_t{1'767'225'599}, int64_t{4'102'444'800}}) {
    EXPECT_EQ(ParseHttpDate(FormatHttpDate(t)), t) << FormatHttpDate(t);
  }
}

TEST(HttpDateTest, RefusesOtherFormsAndNonsense) {
  for (const char* bad : {"", "Sunday, 06-Nov-94 08:49:37 GMT", "Sun Nov  6 08:49:37 1994",
                          "Sun, 06 Nov 1994 08:49:37 UTC", "Sun, 31 Feb 2026 08:49:37 GMT",
                          "Sun, 06 Xyz 1994 08:49:37 GMT", "Sun, 06 Nov 1994 24:00:00 GMT",
                          "Sun, 0a Nov 1994 08:49:37 GMT", "Sun, 06 Nov 1994 08:49:37 GMTX"}) {
    EXPECT_FALSE(ParseHttpDate(bad).has_value()) << bad;
  }
}

}  // namespace
}  // namespace gb::sync_client
