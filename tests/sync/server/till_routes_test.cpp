// The till's money routes and the rescue list through the pure router,
// against an in-memory backend: bodies, tokens, and the store's errors as
// HTTP statuses.
#include "sync/server/till_routes.h"

#include <gtest/gtest.h>

#include "sync/server/router.h"
#include "tests/sync/server/fake_staff.h"

namespace gb::server {
namespace {

using nlohmann::json;

class MoneyBackend final : public Backend {
 public:
  std::optional<Principal> Authenticate(std::string_view token) override {
    if (token == "admin-token") return Principal{true, ""};
    if (token == "kiosk-token") return Principal{false, "kiosk-1"};
    return std::nullopt;
  }
  void SubmitEvents(protocol::Batch, EventsDone done) override {
    done(base::Status::Internal("unused", "unused"));
  }
  base::Result<json> State(const Principal&, int64_t) override { return json::object(); }
  base::Result<json> Tallies() override { return json::object(); }
  base::Result<json> Redeem(const RedeemCall&) override { return json::object(); }
  base::Result<json> Deposit(const TillCall& call) override {
    calls.push_back("deposit " + call.origin + " " + call.voucher + call.short_code + " @" +
                    call.place + (call.dry_run ? " dry" : " by " + call.staff));
    return json{{"verdict", "PAID"}};
  }
  base::Result<json> Refund(const TillCall& call) override {
    calls.push_back("refund " + call.origin + " " + call.voucher + call.short_code + " @" +
                    call.place + (call.dry_run ? " dry" : " by " + call.staff));
    return json{{"verdict", "REFUNDED"}};
  }
  base::Result<StaffSessionActor> StaffSession(std::string_view token,
                                               const std::string& kiosk_id) override {
    EXPECT_EQ(kiosk_id, "kiosk-1");
    return testing::FakeStaffSession(token);
  }
  base::Result<json> Rescue() override { return json{{"open", 0}, {"items", json::array()}}; }
  base::Result<json> ResolveRescue(const RescueCall& call) override {
    calls.push_back("resolve " + std::to_string(call.id) + " " + call.resolution + " " + call.note);
    if (!resolve_error.ok()) return resolve_error;
    return json{{"id", call.id}};
  }
  base::Status Ready() override { return base::Status::Ok(); }
  std::string MetricsText() override { return ""; }

  std::vector<std::string> calls;
  base::Status resolve_error;
};

class TillRoutesTest : public ::testing::Test {
 protected:
  // `staff`: the X-Staff-Session header (fake_staff.h's sessions).
  Response Call(std::string method, std::string target, std::string token, std::string body = "",
                std::string staff = "manager-session") {
    Request req{std::move(method), std::move(target), token.empty() ? "" : "Bearer " + token,
                std::move(body), false};
    req.staff_session = std::move(staff);
    Response got;
    router_.Handle(req, [&got](Response r) { got = std::move(r); });
    return got;
  }
  static std::string Error(const Response& r) {
    return json::parse(r.body, nullptr, false).value("error", "");
  }

  MoneyBackend backend_;
  Metrics metrics_;
  Router router_{backend_, metrics_};
};

TEST_F(TillRoutesTest, DepositAndRefundTakeATillsBodyWithItsKiosksToken) {
  Response paid =
      Call("POST", "/v1/deposit", "kiosk-token", R"({"voucher":"GB1:x","place":"till-1"})");
  EXPECT_EQ(paid.status, 200);
  EXPECT_EQ(json::parse(paid.body)["verdict"], "PAID");
  Response back =
      Call("POST", "/v1/refund", "kiosk-token", R"({"short_code":"1-2-3","place":"till-2"})");
  EXPECT_EQ(back.status, 200);
  EXPECT_EQ(backend_.calls, (std::vector<std::string>{"deposit kiosk-1 GB1:x @till-1 by Vera",
                                                      "refund kiosk-1 1-2-3 @till-2 by Vera"}));
}

TEST_F(TillRoutesTest, ADryRunIsPassedOnAndMustBeABoolean) {
  EXPECT_EQ(Call("POST", "/v1/deposit", "kiosk-token",
                 R"({"voucher":"GB1:x","place":"till-1","dry_run":true})")
                .status,
            200);
  EXPECT_EQ(Call("POST", "/v1/refund", "kiosk-token",
                 R"({"voucher":"GB1:x","place":"till-1","dry_run":false})")
                .status,
            200);
  Response bad = Call("POST", "/v1/deposit", "kiosk-token",
                      R"({"voucher":"GB1:x","place":"till-1","dry_run":"yes"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Error(bad), "bad_request");
  EXPECT_EQ(backend_.calls, (std::vector<std::string>{"deposit kiosk-1 GB1:x @till-1 dry",
                                                      "refund kiosk-1 GB1:x @till-1 by Vera"}));
}

TEST_F(TillRoutesTest, BadMoneyRequestsAre4xxWithAReason) {
  const std::string good = R"({"voucher":"GB1:x","place":"till-1"})";
  for (const char* path : {"/v1/deposit", "/v1/refund"}) {
    EXPECT_EQ(Call("POST", path, "", good).status, 401) << path;
    Response admin = Call("POST", path, "admin-token", good);
    EXPECT_EQ(admin.status, 403);
    EXPECT_EQ(Error(admin), "kiosk_only");
    EXPECT_EQ(Error(Call("POST", path, "kiosk-token", "{nope")), "bad_json");
    Response extra =
        Call("POST", path, "kiosk-token", R"({"voucher":"GB1:x","place":"t","amount":5})");
    EXPECT_EQ(extra.status, 400);
    EXPECT_NE(json::parse(extra.body)["message"].get<std::string>().find("amount"),
              std::string::npos);
    EXPECT_EQ(Call("POST", path, "kiosk-token", R"({"voucher":1,"place":"t"})").status, 400);
    EXPECT_EQ(Call("POST", path, "kiosk-token", "[]").status, 400);
    EXPECT_EQ(Call("GET", path, "kiosk-token").status, 405);
  }
  EXPECT_TRUE(backend_.calls.empty());
}

TEST_F(TillRoutesTest, TheRescueListIsReadByAnyTokenAndResolvedByTheAdmin) {
  EXPECT_EQ(Call("GET", "/v1/rescue", "kiosk-token").status, 200);
  EXPECT_EQ(Call("GET", "/v1/rescue", "admin-token").status, 200);
  EXPECT_EQ(Call("GET", "/v1/rescue", "").status, 401);
  EXPECT_EQ(Error(Call("GET", "/v1/rescue?all=1", "admin-token")), "bad_query");
  const std::string body = R"({"id":3,"resolution":"accept","note":"ok"})";
  Response kiosk = Call("POST", "/v1/rescue/resolve", "kiosk-token", body);
  EXPECT_EQ(kiosk.status, 403);
  EXPECT_EQ(Error(kiosk), "admin_only");
  EXPECT_EQ(Call("POST", "/v1/rescue/resolve", "admin-token", body).status, 200);
  EXPECT_EQ(backend_.calls, std::vector<std::string>{"resolve 3 accept ok"});
  for (const char* bad :
       {R"({"id":"3","resolution":"accept"})", R"({"id":3.0})", R"({"id":0,"resolution":"accept"})",
        R"({"resolution":"accept"})", R"({"id":3,"resolution":true})", R"({"id":3,"why":"x"})"}) {
    Response r = Call("POST", "/v1/rescue/resolve", "admin-token", bad);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(Error(r), "bad_request") << bad;
  }
  EXPECT_EQ(backend_.calls.size(), 1u);
}

TEST_F(TillRoutesTest, TheStoresRefusalsBecome404And409) {
  const std::string body = R"({"id":3,"resolution":"accept"})";
  backend_.resolve_error = base::Status::FailedPrecondition("already_resolved", "resolved before");
  Response twice = Call("POST", "/v1/rescue/resolve", "admin-token", body);
  EXPECT_EQ(twice.status, 409);
  EXPECT_EQ(Error(twice), "already_resolved");
  backend_.resolve_error = base::Status::FailedPrecondition("cannot_accept", "moved on");
  EXPECT_EQ(Call("POST", "/v1/rescue/resolve", "admin-token", body).status, 409);
  backend_.resolve_error = base::Status::NotFound("unknown_rescue", "no such item");
  EXPECT_EQ(Call("POST", "/v1/rescue/resolve", "admin-token", body).status, 404);
  // A constraint error from SQLite is the server's fault, not a conflict.
  backend_.resolve_error = base::Status::Error(base::Code::kAlreadyExists, "constraint", "x");
  EXPECT_EQ(Call("POST", "/v1/rescue/resolve", "admin-token", body).status, 500);
}

TEST_F(TillRoutesTest, MoneyThatMovesNeedsAStaffSessionAndARefundAManager) {
  const std::string good = R"({"voucher":"GB1:x","place":"till-1"})";
  for (const char* path : {"/v1/deposit", "/v1/refund"}) {
    Response none = Call("POST", path, "kiosk-token", good, "");
    EXPECT_EQ(none.status, 401) << path;
    EXPECT_EQ(Error(none), "staff_session_required") << path;
    Response expired = Call("POST", path, "kiosk-token", good, "expired-session");
    EXPECT_EQ(expired.status, 401) << path;
    EXPECT_EQ(Error(expired), "staff_session_expired") << path;
    EXPECT_EQ(Error(Call("POST", path, "kiosk-token", good, "guessed")), "staff_session_required");
  }
  Response cashier_refund = Call("POST", "/v1/refund", "kiosk-token", good, "cashier-session");
  EXPECT_EQ(cashier_refund.status, 403);
  EXPECT_EQ(Error(cashier_refund), "role_required");
  const std::string message = json::parse(cashier_refund.body)["message"];
  EXPECT_NE(message.find("needs a manager"), std::string::npos) << message;
  EXPECT_NE(message.find("Ann is a cashier"), std::string::npos) << message;
  EXPECT_TRUE(backend_.calls.empty()) << "nothing reached the store";

  EXPECT_EQ(Call("POST", "/v1/deposit", "kiosk-token", good, "cashier-session").status, 200);
  // A dry run changes nothing: no session needed, whoever asks.
  const std::string dry = R"({"voucher":"GB1:x","place":"till-1","dry_run":true})";
  EXPECT_EQ(Call("POST", "/v1/refund", "kiosk-token", dry, "").status, 200);
  EXPECT_EQ(Call("POST", "/v1/refund", "kiosk-token", dry, "cashier-session").status, 200);
  EXPECT_EQ(backend_.calls,
            (std::vector<std::string>{"deposit kiosk-1 GB1:x @till-1 by Ann",
                                      "refund kiosk-1 GB1:x @till-1 dry",
                                      "refund kiosk-1 GB1:x @till-1 dry"}));
}

}  // namespace
}  // namespace gb::server
