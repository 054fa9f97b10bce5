// The per-kiosk token bucket with a fake clock.
#include "sync/server/rate_limiter.h"

#include <gtest/gtest.h>

namespace gb::server {
namespace {

class RateLimiterTest : public ::testing::Test {
 protected:
  double now_ = 1000;
  std::function<double()> clock_ = [this] { return now_; };
};

TEST_F(RateLimiterTest, ABurstIsAllowedThenRefused) {
  RateLimiter limiter({.rate = 10, .burst = 5}, clock_);
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter.Take("kiosk-1").allowed) << i;
  RateDecision refused = limiter.Take("kiosk-1");
  EXPECT_FALSE(refused.allowed);
  EXPECT_NEAR(refused.retry_after_s, 0.1, 1e-9);  // one token at 10/s
}

TEST_F(RateLimiterTest, TokensRefillAtTheRateUpToTheBurst) {
  RateLimiter limiter({.rate = 10, .burst = 5}, clock_);
  for (int i = 0; i < 5; ++i) ASSERT_TRUE(limiter.Take("k").allowed);
  now_ += 0.25;  // 2.5 tokens
  EXPECT_TRUE(limiter.Take("k").allowed);
  EXPECT_TRUE(limiter.Take("k").allowed);
  RateDecision third = limiter.Take("k");
  EXPECT_FALSE(third.allowed);
  EXPECT_NEAR(third.retry_after_s, 0.05, 1e-9);
  now_ += 3600;  // a long pause refills to the burst, not beyond
  for (int i = 0; i < 5; ++i) EXPECT_TRUE(limiter.Take("k").allowed) << i;
  EXPECT_FALSE(limiter.Take("k").allowed);
}

TEST_F(RateLimiterTest, EachPrincipalHasItsOwnBucket) {
  RateLimiter limiter({.rate = 1, .burst = 1}, clock_);
  EXPECT_TRUE(limiter.Take("kiosk-a").allowed);
  EXPECT_FALSE(limiter.Take("kiosk-a").allowed);
  EXPECT_TRUE(limiter.Take("kiosk-b").allowed);
}

TEST_F(RateLimiterTest, AClockGoingBackwardsRefillsNothing) {
  RateLimiter limiter({.rate = 1, .burst = 1}, clock_);
  EXPECT_TRUE(limiter.Take("k").allowed);
  now_ -= 100;
  EXPECT_FALSE(limiter.Take("k").allowed);
  now_ += 1;
  EXPECT_TRUE(limiter.Take("k").allowed);
}

TEST_F(RateLimiterTest, ZeroRateMeansNoLimit) {
  RateLimiter limiter({.rate = 0, .burst = 1}, clock_);
  for (int i = 0; i < 1000; ++i) ASSERT_TRUE(limiter.Take("k").allowed);
}

}  // namespace
}  // namespace gb::server
