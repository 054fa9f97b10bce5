// The pure router against an in-memory backend: status codes, auth, bodies.
#include "sync/server/router.h"

#include <gtest/gtest.h>

#include <map>

#include "sync/protocol/batch_codec.h"
#include "sync/protocol/event.h"
#include "tests/sync/server/fake_staff.h"

namespace gb::server {
namespace {

class FakeBackend final : public Backend {
 public:
  std::optional<Principal> Authenticate(std::string_view token) override {
    if (token == "admin-token") return Principal{true, ""};
    if (token == "kiosk-token") return Principal{false, "kiosk-1"};
    return std::nullopt;
  }
  void SubmitEvents(protocol::Batch batch, EventsDone done) override {
    submitted.push_back(batch);
    if (fail_writes) {
      done(base::Status::Error(base::Code::kUnavailable, "stopping", "the server is stopping"));
      return;
    }
    int64_t& acked = acked_[batch.origin];
    EventsOutcome out;
    for (const protocol::Event& e : batch.events) {
      if (e.seq > acked) {
        ++out.new_events;
      } else {
        ++out.duplicates;
      }
    }
    acked = std::max(acked, batch.events.back().seq);
    out.acked_seq = acked;
    done(out);
  }
  base::Result<nlohmann::json> State(const Principal&, int64_t since) override {
    last_since = since;
    return nlohmann::json{{"revision", 7}, {"since", since}};
  }
  base::Result<nlohmann::json> Tallies() override {
    if (fail_reads) return base::Status::IoError("db_io", "disk gone");
    return nlohmann::json{{"revision", 7}, {"deals", nlohmann::json::array()}};
  }
  base::Result<nlohmann::json> Redeem(const RedeemCall& call) override {
    redeemed.push_back(call);
    return nlohmann::json{{"verdict", "VALID"}};
  }
  base::Result<StaffSessionActor> StaffSession(std::string_view token,
                                               const std::string&) override {
    return testing::FakeStaffSession(token);
  }
  base::Status Ready() override {
    return fail_reads ? base::Status::IoError("db_io", "disk gone") : base::Status::Ok();
  }
  std::string MetricsText() override { return "gb_store_revision 7\n"; }

  std::vector<protocol::Batch> submitted;
  std::vector<RedeemCall> redeemed;
  int64_t last_since = -1;
  bool fail_reads = false;
  bool fail_writes = false;

 private:
  std::map<std::string, int64_t> acked_;
};

std::string Body(std::initializer_list<int64_t> seqs, const std::string& origin = "kiosk-1") {
  std::vector<protocol::Event> events;
  for (int64_t seq : seqs) {
    events.push_back({origin, seq, std::string(protocol::kCancel), 100,
                      protocol::ToJson(protocol::CancelPayload{7, 1000, 100})});
  }
  return protocol::EncodeBatch(events);
}

class RouterTest : public ::testing::Test {
 protected:
  // `staff`: the X-Staff-Session header (fake_staff.h's sessions).
  Response Call(std::string method, std::string target, std::string token = "",
                std::string body = "", std::string staff = "cashier-session") {
    Request req{std::move(method), std::move(target), token.empty() ? "" : "Bearer " + token,
                std::move(body), false};
    req.staff_session = std::move(staff);
    std::optional<Response> got;
    router_.Handle(req, [&got](Response r) {
      EXPECT_FALSE(got.has_value()) << "replied twice";
      got = std::move(r);
    });
    EXPECT_TRUE(got.has_value()) << "no reply";
    return got.value_or(Response{});
  }
  static std::string Error(const Response& r) {
    return nlohmann::json::parse(r.body, nullptr, false).value("error", "");
  }

  FakeBackend backend_;
  Metrics metrics_;
  Router router_{backend_, metrics_};
};

TEST_F(RouterTest, ProbesNeedNoToken) {
  EXPECT_EQ(Call("GET", "/healthz").status, 200);
  EXPECT_EQ(Call("GET", "/readyz").status, 200);
  Response m = Call("GET", "/metrics");
  EXPECT_EQ(m.status, 200);
  EXPECT_NE(m.content_type.find("version=0.0.4"), std::string::npos);
  EXPECT_NE(m.body.find("gb_http_requests_total{route=\"/healthz\",code=\"200\"} 1"),
            std::string::npos);
  EXPECT_NE(m.body.find("gb_store_revision 7"), std::string::npos);
  backend_.fail_reads = true;
  EXPECT_EQ(Call("GET", "/readyz").status, 503);
}

TEST_F(RouterTest, EventsAreAckedAndReplaysAckedAgain) {
  Response r = Call("POST", "/v1/events", "kiosk-token", Body({1, 2, 3}));
  EXPECT_EQ(r.status, 200);
  EXPECT_EQ(nlohmann::json::parse(r.body)["acked_seq"], 3);
  Response again = Call("POST", "/v1/events", "kiosk-token", Body({1, 2, 3}));
  EXPECT_EQ(again.body, r.body);
  EXPECT_EQ(metrics_.events_ingested(), 3);
  EXPECT_EQ(metrics_.requests("/v1/events", 200), 2);
}

TEST_F(RouterTest, MissingOrUnknownTokenIs401) {
  for (const char* token : {"", "nope"}) {
    Response r = Call("GET", "/v1/tallies", token);
    EXPECT_EQ(r.status, 401) << token;
    EXPECT_EQ(Error(r), "unauthenticated");
  }
  Request lower{"GET", "/v1/tallies", "bearer admin-token", "", false};
  int status = 0;
  router_.Handle(lower, [&status](Response r) { status = r.status; });
  EXPECT_EQ(status, 200);
  Request basic{"GET", "/v1/tallies", "Basic admin-token", "", false};
  router_.Handle(basic, [&status](Response r) { status = r.status; });
  EXPECT_EQ(status, 401);
}

TEST_F(RouterTest, EventsOnlyFromTheKioskOfTheOrigin) {
  EXPECT_EQ(Error(Call("POST", "/v1/events", "admin-token", Body({1}))), "kiosk_only");
  Response r = Call("POST", "/v1/events", "kiosk-token", Body({1}, "kiosk-2"));
  EXPECT_EQ(r.status, 403);
  EXPECT_EQ(Error(r), "wrong_origin");
  EXPECT_TRUE(backend_.submitted.empty());
}

TEST_F(RouterTest, MalformedBodiesAre400WithTheProtocolReason) {
  struct Row {
    std::string body;
    std::string reason;
  };
  for (const Row& row : {Row{"{nope", "bad_json"}, Row{"[]", "bad_batch"},
                         Row{R"({"origin":"kiosk-1","events":[]})", "bad_batch"},
                         Row{Body({2, 1}), "bad_sequence"}}) {
    Response r = Call("POST", "/v1/events", "kiosk-token", row.body);
    EXPECT_EQ(r.status, 400) << row.body;
    EXPECT_EQ(Error(r), row.reason) << row.body;
    EXPECT_FALSE(nlohmann::json::parse(r.body)["message"].get<std::string>().empty());
  }
  EXPECT_TRUE(backend_.submitted.empty());
}

TEST_F(RouterTest, BodyOverOneMebibyteIs413) {
  Response r = Call("POST", "/v1/events", "kiosk-token", std::string(kMaxBodyBytes + 1, ' '));
  EXPECT_EQ(r.status, 413);
  EXPECT_EQ(Error(r), "too_large");
  Request cut{"POST", "/v1/events", "Bearer kiosk-token", "", true};
  int status = 0;
  router_.Handle(cut, [&status](Response got) { status = got.status; });
  EXPECT_EQ(status, 413);
}

TEST_F(RouterTest, UnknownRouteIs404AndWrongMethod405) {
  Response r = Call("GET", "/v1/nothing", "admin-token");
  EXPECT_EQ(r.status, 404);
  EXPECT_EQ(metrics_.requests("unknown", 404), 1);
  Response m = Call("GET", "/v1/events", "kiosk-token");
  EXPECT_EQ(m.status, 405);
  ASSERT_EQ(m.headers.size(), 1u);
  EXPECT_EQ(m.headers[0], (std::pair<std::string, std::string>{"Allow", "POST"}));
  EXPECT_EQ(Call("POST", "/healthz").status, 405);
}

TEST_F(RouterTest, StateTakesSinceAndRefusesOtherQueries) {
  EXPECT_EQ(Call("GET", "/v1/state?since=5", "kiosk-token").status, 200);
  EXPECT_EQ(backend_.last_since, 5);
  EXPECT_EQ(Call("GET", "/v1/state", "kiosk-token").status, 200);
  EXPECT_EQ(backend_.last_since, 0);
  for (const char* q :
       {"?since=-1", "?since=", "?since=1x", "?rev=1", "?since=99999999999999999999"}) {
    Response r = Call("GET", std::string("/v1/state") + q, "kiosk-token");
    EXPECT_EQ(r.status, 400) << q;
    EXPECT_EQ(Error(r), "bad_query") << q;
  }
  EXPECT_EQ(Call("GET", "/v1/tallies?x=1", "kiosk-token").status, 400);
}

TEST_F(RouterTest, StoreFailuresAreServerErrorsAndCounted) {
  backend_.fail_reads = true;
  Response r = Call("GET", "/v1/tallies", "admin-token");
  EXPECT_EQ(r.status, 500);
  EXPECT_EQ(Error(r), "db_io");
  backend_.fail_writes = true;
  EXPECT_EQ(Call("POST", "/v1/events", "kiosk-token", Body({1})).status, 503);
  EXPECT_NE(metrics_.Text().find("gb_errors_total 2"), std::string::npos);
}

TEST_F(RouterTest, RedeemTakesAKiosksVoucherOrShortCodeAndPlace) {
  Response ok = Call("POST", "/v1/redeem", "kiosk-token",
                     R"({"short_code":"7-1000-12345","place":"till-2"})");
  EXPECT_EQ(ok.status, 200) << ok.body;
  ASSERT_EQ(backend_.redeemed.size(), 1u);
  EXPECT_EQ(backend_.redeemed[0].short_code, "7-1000-12345");
  EXPECT_EQ(backend_.redeemed[0].place, "till-2");
  EXPECT_EQ(backend_.redeemed[0].origin, "kiosk-1");
  EXPECT_EQ(backend_.redeemed[0].staff, "Ann") << "the session's member is recorded";
  EXPECT_EQ(Error(Call("POST", "/v1/redeem", "admin-token", R"({"voucher":"GB1:x"})")),
            "kiosk_only");
  EXPECT_EQ(Error(Call("POST", "/v1/redeem", "kiosk-token", "{")), "bad_json");
  EXPECT_EQ(Error(Call("POST", "/v1/redeem", "kiosk-token", R"({"voucher":1})")), "bad_request");
  EXPECT_EQ(Error(Call("POST", "/v1/redeem", "kiosk-token", R"({"code":"x"})")), "bad_request");
  EXPECT_EQ(Call("POST", "/v1/redeem", "", R"({"voucher":"GB1:x"})").status, 401);
  EXPECT_EQ(Call("GET", "/v1/redeem", "kiosk-token").status, 405);
  EXPECT_EQ(backend_.redeemed.size(), 1u);
}

TEST_F(RouterTest, RedeemPassesADryRunAndRefusesANonBooleanOne) {
  EXPECT_EQ(Call("POST", "/v1/redeem", "kiosk-token",
                 R"({"short_code":"7-1000-12345","place":"t","dry_run":true})")
                .status,
            200);
  ASSERT_EQ(backend_.redeemed.size(), 1u);
  EXPECT_TRUE(backend_.redeemed[0].dry_run);
  // A shopper's check at the kiosk: no staff session needed.
  EXPECT_EQ(Call("POST", "/v1/redeem", "kiosk-token",
                 R"({"short_code":"7-1000-12345","place":"t","dry_run":true})", "")
                .status,
            200);
  ASSERT_EQ(backend_.redeemed.size(), 2u);
  EXPECT_EQ(backend_.redeemed[1].staff, "");
  Response bad = Call("POST", "/v1/redeem", "kiosk-token",
                      R"({"short_code":"7-1000-12345","place":"t","dry_run":"yes"})");
  EXPECT_EQ(bad.status, 400);
  EXPECT_NE(bad.body.find("dry_run"), std::string::npos) << bad.body;
  EXPECT_EQ(backend_.redeemed.size(), 2u) << "the bad one reached nothing";
}

TEST_F(RouterTest, ARedemptionWithoutALiveStaffSessionIsRefusedUnredeemed) {
  const std::string body = R"({"short_code":"7-1000-12345","place":"till-2"})";
  Response none = Call("POST", "/v1/redeem", "kiosk-token", body, "");
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(Error(none), "staff_session_required");
  Response expired = Call("POST", "/v1/redeem", "kiosk-token", body, "expired-session");
  EXPECT_EQ(expired.status, 401);
  EXPECT_EQ(Error(expired), "staff_session_expired");
  EXPECT_TRUE(backend_.redeemed.empty());
  EXPECT_EQ(Call("POST", "/v1/redeem", "kiosk-token", body, "manager-session").status, 200);
  ASSERT_EQ(backend_.redeemed.size(), 1u);
  EXPECT_EQ(backend_.redeemed[0].staff, "Vera");
}

}  // namespace
}  // namespace gb::server
