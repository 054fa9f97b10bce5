// POST /v1/staff/session through the pure router against an in-memory
// backend: the body, who may ask, and the backend's answers as HTTP (200
// with the session, 401 wrong_pin, 429 locked_out with Retry-After). The
// PIN never appears in an answer.
#include "sync/server/staff_routes.h"

#include <gtest/gtest.h>

#include "sync/server/router.h"

namespace gb::server {
namespace {

using nlohmann::json;

class SignInBackend final : public Backend {
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
  base::Result<StaffSignInResult> StaffSignIn(const StaffSignInCall& call) override {
    calls.push_back(call);
    return next;
  }
  base::Status Ready() override { return base::Status::Ok(); }
  std::string MetricsText() override { return ""; }

  std::vector<StaffSignInCall> calls;
  StaffSignInResult next;
};

class StaffRoutesTest : public ::testing::Test {
 protected:
  Response Call(std::string token, std::string body) {
    Request req{"POST", "/v1/staff/session", token.empty() ? "" : "Bearer " + token,
                std::move(body), false};
    Response got;
    router_.Handle(req, [&got](Response r) { got = std::move(r); });
    return got;
  }
  static json Body(const Response& r) { return json::parse(r.body, nullptr, false); }

  SignInBackend backend_;
  Metrics metrics_;
  Router router_{backend_, metrics_};
};

TEST_F(StaffRoutesTest, ARightPinGetsASessionBoundToTheKioskThatAsked) {
  backend_.next = {true, std::string(64, 'a'), "Vera", "manager", 900, 43200, "", 0, 0};
  Response r = Call("kiosk-token", R"({"name":"Vera","pin":"24680135"})");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(Body(r)["session"], std::string(64, 'a'));
  EXPECT_EQ(Body(r)["role"], "manager");
  EXPECT_EQ(Body(r)["idle_seconds"], 900);
  EXPECT_EQ(Body(r)["max_seconds"], 43200);
  ASSERT_EQ(backend_.calls.size(), 1u);
  EXPECT_EQ(backend_.calls[0].kiosk_id, "kiosk-1");
  EXPECT_EQ(backend_.calls[0].name, "Vera");
  EXPECT_EQ(backend_.calls[0].pin, "24680135");
}

TEST_F(StaffRoutesTest, AWrongPinIs401AndALockOut429WithRetryAfter) {
  backend_.next.refusal = "wrong_pin";
  backend_.next.attempts_left = 3;
  Response wrong = Call("kiosk-token", R"({"name":"Vera","pin":"11111111"})");
  EXPECT_EQ(wrong.status, 401);
  EXPECT_EQ(Body(wrong)["error"], "wrong_pin");
  EXPECT_EQ(Body(wrong)["attempts_left"], 3);
  EXPECT_EQ(wrong.body.find("11111111"), std::string::npos) << "the PIN is never echoed";
  backend_.next = {};
  backend_.next.refusal = "locked_out";
  backend_.next.retry_after_s = 299;
  Response locked = Call("kiosk-token", R"({"name":"Vera","pin":"11111111"})");
  EXPECT_EQ(locked.status, 429);
  EXPECT_EQ(Body(locked)["error"], "locked_out");
  ASSERT_EQ(locked.headers.size(), 1u);
  EXPECT_EQ(locked.headers[0], (std::pair<std::string, std::string>{"Retry-After", "299"}));
}

TEST_F(StaffRoutesTest, BadBodiesAndTheAdminTokenAreRefusedBeforeAnyPinIsChecked) {
  EXPECT_EQ(Call("", R"({"name":"Vera","pin":"1"})").status, 401);
  Response admin = Call("admin-token", R"({"name":"Vera","pin":"1"})");
  EXPECT_EQ(admin.status, 403);
  EXPECT_EQ(Body(admin)["error"], "kiosk_only");
  for (const char* bad : {"{", "[]", R"({"name":"Vera"})", R"({"pin":"1234"})",
                          R"({"name":"","pin":"1234"})", R"({"name":"Vera","pin":1234})",
                          R"({"name":"Vera","pin":"1234","role":"manager"})"}) {
    Response r = Call("kiosk-token", bad);
    EXPECT_EQ(r.status, 400) << bad;
    EXPECT_EQ(r.body.find("1234"), std::string::npos) << bad;
  }
  EXPECT_TRUE(backend_.calls.empty());
}

}  // namespace
}  // namespace gb::server
