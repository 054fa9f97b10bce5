// POST /v1/deals/stop through the pure router, against an in-memory backend:
// the admin's token only, the body, and the store's refusals as HTTP statuses.
#include "sync/server/deal_routes.h"

#include <gtest/gtest.h>

#include "sync/server/router.h"

namespace gb::server {
namespace {

using nlohmann::json;

class StopBackend final : public Backend {
 public:
  std::optional<Principal> Authenticate(std::string_view token) override {
    if (token == "admin-token") return Principal{true, ""};
    if (token == "store-token") return Principal{false, "store-1"};
    return std::nullopt;
  }
  void SubmitEvents(protocol::Batch, EventsDone done) override {
    done(base::Status::Internal("unused", "unused"));
  }
  base::Result<json> State(const Principal&, int64_t) override { return json::object(); }
  base::Result<json> Tallies() override { return json::object(); }
  base::Result<json> Redeem(const RedeemCall&) override { return json::object(); }
  base::Result<json> StopDeal(uint32_t deal_id) override {
    stopped.push_back(deal_id);
    if (!error.ok()) return error;
    return json{
        {"deal_id", deal_id}, {"stopped_at", 1764720000}, {"state", "closed"}, {"revision", 9}};
  }
  base::Status Ready() override { return base::Status::Ok(); }
  std::string MetricsText() override { return ""; }

  std::vector<uint32_t> stopped;
  base::Status error;
};

class DealRoutesTest : public ::testing::Test {
 protected:
  Response Call(std::string method, std::string token, std::string body) {
    Request req{std::move(method), "/v1/deals/stop", token.empty() ? "" : "Bearer " + token,
                std::move(body), false};
    Response got;
    router_.Handle(req, [&got](Response r) { got = std::move(r); });
    return got;
  }
  static std::string Error(const Response& r) {
    return json::parse(r.body, nullptr, false).value("error", "");
  }

  StopBackend backend_;
  Metrics metrics_;
  Router router_{backend_, metrics_};
};

TEST_F(DealRoutesTest, TheAdminStopsADealByItsId) {
  Response r = Call("POST", "admin-token", R"({"deal_id":77})");
  ASSERT_EQ(r.status, 200) << r.body;
  json body = json::parse(r.body);
  EXPECT_EQ(body["deal_id"], 77);
  EXPECT_EQ(body["state"], "closed");
  EXPECT_EQ(backend_.stopped, std::vector<uint32_t>{77});
}

TEST_F(DealRoutesTest, OnlyTheAdminMayStopADeal) {
  Response store = Call("POST", "store-token", R"({"deal_id":77})");
  EXPECT_EQ(store.status, 403);
  EXPECT_EQ(Error(store), "admin_only");
  EXPECT_EQ(Call("POST", "", R"({"deal_id":77})").status, 401);
  EXPECT_EQ(Call("GET", "admin-token", "").status, 405);
  EXPECT_TRUE(backend_.stopped.empty());
}

TEST_F(DealRoutesTest, ABadBodyIs400AndStopsNothing) {
  for (const char* bad :
       {R"({"deal_id":"77"})", R"({"deal_id":77.0})", R"({"deal_id":0})",
        R"({"deal_id":4294967296})", R"({})", R"({"deal_id":77,"why":1})", R"([77])"}) {
    Response r = Call("POST", "admin-token", bad);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(Error(r), "bad_request") << bad;
  }
  EXPECT_EQ(Error(Call("POST", "admin-token", "{")), "bad_json");
  EXPECT_TRUE(backend_.stopped.empty());
}

TEST_F(DealRoutesTest, TheStoresRefusalsBecome404And409) {
  backend_.error = base::Status::NotFound("unknown_deal", "no such deal");
  EXPECT_EQ(Call("POST", "admin-token", R"({"deal_id":5})").status, 404);
  backend_.error = base::Status::FailedPrecondition("already_stopped", "stopped before");
  Response twice = Call("POST", "admin-token", R"({"deal_id":5})");
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(Error(twice), "already_stopped");
  backend_.error = base::Status::FailedPrecondition("chain_deal", "the head office's");
  EXPECT_EQ(Error(Call("POST", "admin-token", R"({"deal_id":5})")), "chain_deal");
}

}  // namespace
}  // namespace gb::server
