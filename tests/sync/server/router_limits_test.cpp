// The router's per-kiosk rate limit (429) with a fake clock, and its answer to
// GET /v1/live: the go-ahead for an authenticated upgrade, 426 without one.
#include <gtest/gtest.h>

#include "sync/server/router.h"

namespace gb::server {
namespace {

class TokensOnly final : public Backend {
 public:
  std::optional<Principal> Authenticate(std::string_view token) override {
    if (token == "admin-token") return Principal{true, ""};
    if (token == "kiosk-a") return Principal{false, "kiosk-a"};
    if (token == "kiosk-b") return Principal{false, "kiosk-b"};
    return std::nullopt;
  }
  void SubmitEvents(protocol::Batch, EventsDone done) override { done(EventsOutcome{}); }
  base::Result<nlohmann::json> State(const Principal&, int64_t since) override {
    return nlohmann::json{{"revision", 1}, {"since", since}};
  }
  base::Result<nlohmann::json> Tallies() override {
    return nlohmann::json{{"revision", 1}, {"deals", nlohmann::json::array()}};
  }
  base::Result<nlohmann::json> Redeem(const RedeemCall&) override {
    return nlohmann::json{{"verdict", "UNKNOWN"}};
  }
  base::Status Ready() override { return base::Status::Ok(); }
  std::string MetricsText() override { return ""; }
};

class RouterLimitsTest : public ::testing::Test {
 protected:
  Response Call(const std::string& target, const std::string& token, bool websocket = false) {
    Request req{"GET", target, token.empty() ? "" : "Bearer " + token, "", false, websocket};
    Response got;
    router_.Handle(req, [&got](Response r) { got = std::move(r); });
    return got;
  }
  static std::string Header(const Response& r, const std::string& name) {
    for (const auto& [k, v] : r.headers) {
      if (k == name) return v;
    }
    return "";
  }

  double now_ = 100;
  TokensOnly backend_;
  Metrics metrics_{[this] { return now_; }};
  RateLimiter limiter_{{.rate = 2, .burst = 3}, [this] { return now_; }};
  Router router_{backend_, metrics_, &limiter_};
};

TEST_F(RouterLimitsTest, AKioskOverItsLimitGets429WithRetryAfter) {
  for (int i = 0; i < 3; ++i) ASSERT_EQ(Call("/v1/tallies", "kiosk-a").status, 200) << i;
  Response r = Call("/v1/tallies", "kiosk-a");
  EXPECT_EQ(r.status, 429);
  EXPECT_EQ(nlohmann::json::parse(r.body)["error"], "rate_limited");
  EXPECT_EQ(Header(r, "Retry-After"), "1");
  EXPECT_EQ(metrics_.requests("/v1/tallies", 429), 1);
  // Another kiosk is not held back; the admin is never limited.
  EXPECT_EQ(Call("/v1/tallies", "kiosk-b").status, 200);
  for (int i = 0; i < 10; ++i) EXPECT_EQ(Call("/v1/tallies", "admin-token").status, 200);
  // Half a second later (2/s) the kiosk has a token again.
  now_ += 0.5;
  EXPECT_EQ(Call("/v1/tallies", "kiosk-a").status, 200);
  EXPECT_EQ(Call("/v1/tallies", "kiosk-a").status, 429);
}

TEST_F(RouterLimitsTest, UnauthenticatedRequestsTakeNoTokenAndGet401) {
  for (int i = 0; i < 10; ++i) EXPECT_EQ(Call("/v1/tallies", "nope").status, 401);
  EXPECT_EQ(Call("/v1/tallies", "kiosk-a").status, 200);
}

TEST_F(RouterLimitsTest, LiveNeedsATokenAndAnUpgrade) {
  EXPECT_EQ(Call("/v1/live", "", true).status, 401);
  EXPECT_EQ(Call("/v1/live", "nope", true).status, 401);
  Response plain = Call("/v1/live", "kiosk-a");
  EXPECT_EQ(plain.status, 426);
  EXPECT_EQ(nlohmann::json::parse(plain.body)["error"], "upgrade_required");
  EXPECT_EQ(Call("/v1/live", "kiosk-a", true).status, kSwitchToLive);
}

TEST_F(RouterLimitsTest, SyncLagCountsOnlyAKiosksSuccessfulSyncs) {
  ASSERT_EQ(Call("/v1/state?since=0", "kiosk-a").status, 200);
  ASSERT_EQ(Call("/v1/state?since=x", "kiosk-b").status, 400);
  now_ += 4;
  const std::string t = metrics_.Text();
  EXPECT_NE(t.find("gb_sync_lag_seconds{kiosk=\"kiosk-a\"} 4\n"), std::string::npos) << t;
  EXPECT_EQ(t.find("kiosk-b"), std::string::npos) << t;
}

}  // namespace
}  // namespace gb::server
