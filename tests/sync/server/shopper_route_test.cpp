// POST /v1/shopper-check through the Router with an in-memory Backend: the
// body's checks, who may ask, the per-kiosk bucket, and the answer.
#include "sync/server/shopper_route.h"

#include <gtest/gtest.h>

#include <vector>

#include "sync/server/router.h"

namespace gb::server {
namespace {

const std::string kHash(64, 'c');

class ShopperBackend final : public Backend {
 public:
  std::optional<Principal> Authenticate(std::string_view token) override {
    if (token == "admin-token") return Principal{true, ""};
    if (token == "kiosk-token") return Principal{false, "kiosk-1"};
    if (token == "kiosk-2-token") return Principal{false, "kiosk-2"};
    return std::nullopt;
  }
  void SubmitEvents(protocol::Batch, EventsDone done) override { done(EventsOutcome{}); }
  base::Result<nlohmann::json> State(const Principal&, int64_t) override { return nlohmann::json{}; }
  base::Result<nlohmann::json> Tallies() override { return nlohmann::json{}; }
  base::Result<nlohmann::json> Redeem(const RedeemCall&) override { return nlohmann::json{}; }
  base::Status Ready() override { return base::Status::Ok(); }
  std::string MetricsText() override { return ""; }
  base::Result<nlohmann::json> ShopperCheck(uint32_t deal_id,
                                            const std::string& phone_hash) override {
    asked.emplace_back(deal_id, phone_hash);
    if (deal_id != 7) return base::Status::NotFound("unknown_deal", "no such deal");
    return nlohmann::json{{"deal_id", deal_id}, {"joined", 1}, {"limit", 1}, {"allowed", false}};
  }
  std::vector<std::pair<uint32_t, std::string>> asked;
};

class ShopperRouteTest : public ::testing::Test {
 protected:
  Response Post(const std::string& body, const std::string& token = "kiosk-token") {
    Request req;
    req.method = "POST";
    req.target = "/v1/shopper-check";
    req.authorization = token.empty() ? "" : "Bearer " + token;
    req.body = body;
    req.peer = "10.0.0.9";
    Response got;
    router_.Handle(req, [&got](Response r) { got = std::move(r); });
    return got;
  }
  static std::string Reason(const Response& r) {
    auto j = nlohmann::json::parse(r.body, nullptr, false);
    return j.is_object() && j.contains("error") ? j["error"].get<std::string>() : "";
  }

  ShopperBackend backend_;
  Metrics metrics_;
  Router router_{backend_, metrics_};
};

TEST_F(ShopperRouteTest, AKioskLearnsThePhonesSeatsOverTheStore) {
  Response r = Post(R"({"deal_id": 7, "phone_hash": ")" + kHash + R"("})");
  ASSERT_EQ(r.status, 200) << r.body;
  const auto j = nlohmann::json::parse(r.body);
  EXPECT_EQ(j["joined"], 1);
  EXPECT_EQ(j["limit"], 1);
  EXPECT_EQ(j["allowed"], false);
  ASSERT_EQ(backend_.asked.size(), 1u);
  EXPECT_EQ(backend_.asked[0], std::make_pair(uint32_t{7}, kHash));
  Response unknown = Post(R"({"deal_id": 8, "phone_hash": ")" + kHash + R"("})", "kiosk-2-token");
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(Reason(unknown), "unknown_deal");
}

TEST_F(ShopperRouteTest, BadBodiesAreNamedAndNeverEchoAPhone) {
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"not json", "bad_json"},
      {"[1]", "bad_request"},
      {R"({"phone_hash": ")" + kHash + R"("})", "bad_request"},
      {R"({"deal_id": 7})", "bad_request"},
      {R"({"deal_id": 0, "phone_hash": ")" + kHash + R"("})", "bad_request"},
      {R"({"deal_id": -1, "phone_hash": ")" + kHash + R"("})", "bad_request"},
      {R"({"deal_id": 4294967296, "phone_hash": ")" + kHash + R"("})", "bad_request"},
      {R"({"deal_id": 7, "phone_hash": "+4915112345678"})", "bad_request"},
      {R"({"deal_id": 7, "phone_hash": ")" + std::string(64, 'C') + R"("})", "bad_request"},
      {R"({"deal_id": 7, "phone_hash": ")" + kHash + R"(", "phone": "x"})", "bad_request"},
  };
  for (const auto& [body, reason] : cases) {
    Response r = Post(body, "kiosk-2-token");
    EXPECT_EQ(r.status, 400) << body;
    EXPECT_EQ(Reason(r), reason) << body;
    EXPECT_EQ(r.body.find("12345678"), std::string::npos) << r.body;
  }
  EXPECT_TRUE(backend_.asked.empty());
}

TEST_F(ShopperRouteTest, OnlyAKioskAsksAndOnlyWithAToken) {
  const std::string body = R"({"deal_id": 7, "phone_hash": ")" + kHash + R"("})";
  EXPECT_EQ(Post(body, "").status, 401);
  EXPECT_EQ(Post(body, "guess").status, 401);
  Response admin = Post(body, "admin-token");
  EXPECT_EQ(admin.status, 403);
  EXPECT_EQ(Reason(admin), "kiosk_only");
  Request get;
  get.method = "GET";
  get.target = "/v1/shopper-check";
  get.authorization = "Bearer kiosk-token";
  int status = 0;
  router_.Handle(get, [&status](Response r) { status = r.status; });
  EXPECT_EQ(status, 405);
  EXPECT_TRUE(backend_.asked.empty());
}

TEST_F(ShopperRouteTest, EachKioskHasItsOwnSmallBucket) {
  const std::string body = R"({"deal_id": 7, "phone_hash": ")" + kHash + R"("})";
  // The burst passes at once; the one after it is told to wait. A real
  // kiosk asks once per sign-up, far below this.
  int ok = 0;
  Response refused;
  for (int i = 0; i < 50; ++i) {
    Response r = Post(body);
    if (r.status == 200) {
      ++ok;
    } else {
      refused = r;
      break;
    }
  }
  EXPECT_GE(ok, static_cast<int>(kShopperCheckLimit.burst));
  EXPECT_LT(ok, 50);
  EXPECT_EQ(refused.status, 429);
  EXPECT_EQ(Reason(refused), "rate_limited");
  bool retry_after = false;
  for (const auto& [name, value] : refused.headers) retry_after |= name == "Retry-After";
  EXPECT_TRUE(retry_after);
  // Another kiosk is not held back by the first one's questions.
  EXPECT_EQ(Post(body, "kiosk-2-token").status, 200);
}

}  // namespace
}  // namespace gb::server
