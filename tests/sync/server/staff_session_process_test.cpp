// Staff sessions at a real groupbuy-store on 127.0.0.1 (issue #16): staff
// added by `groupbuy-provision staff add --role`, signed in with
// POST /v1/staff/session by kiosks enrolled by the real CLI; money that
// moves needs a live session and a refund a manager's; who acted shows in
// the tallies, the rescue list and report.csv. TearDown checks the
// database's integrity.
#include "core/sqlite/sqlite.h"
#include "tests/sync/server/till_process_fixture.h"

namespace gb::test {
namespace {

class StaffSessionProcessTest : public TillProcessTest {
 protected:
  HttpResult Money(const std::string& path, const std::string& voucher, size_t kiosk,
                   const std::string& session) {
    return Http(To(), "POST", path, kiosks_[kiosk].token,
                json{{"voucher", voucher}, {"place", "till-" + std::to_string(kiosk)}}.dump(),
                session);
  }
  static std::string Reason(const HttpResult& r) {
    return json::parse(r.body, nullptr, false).value("error", "");
  }
  // One column of the pledge's row in the store file (read beside the
  // running server, as WAL allows).
  std::string PledgeText(const std::string& column, uint64_t serial) {
    auto db = sqlite::Db::Open(Sdir() + "/store.db", false);
    if (!db.ok()) return "?";
    auto st = db->Prepare("SELECT coalesce(" + column + ", 'NULL') FROM pledges WHERE serial=" +
                          std::to_string(serial));
    if (!st.ok()) return "?";
    auto row = st->Step();
    if (!row.ok() || !*row) return "?";
    return st->Text(0);
  }
  // A reserved pledge of kiosk 0 on the deposit deal: its voucher.
  std::string Reserved(int64_t seq, uint64_t serial) {
    protocol::Event e = Sign(seq, serial, kDepositDeal, now_ - 60);
    e.payload["state"] = "reserved";
    Post({e});
    return e.payload["voucher"];
  }
};

TEST_F(StaffSessionProcessTest, SignInRightPinWrongPinAndLockOut) {
  HttpResult ok = Http(To(), "POST", "/v1/staff/session", kiosks_[0].token,
                       json{{"name", "Ann"}, {"pin", kCashierPin}}.dump());
  ASSERT_EQ(ok.status, 200) << ok.body;
  json s = json::parse(ok.body);
  EXPECT_EQ(s["role"], "cashier");
  EXPECT_EQ(s["idle_seconds"], 900);
  EXPECT_EQ(s["max_seconds"], 43200);
  EXPECT_EQ(s["session"].get<std::string>().size(), 64u);

  const std::string wrong = json{{"name", "Ann"}, {"pin", "99999999"}}.dump();
  HttpResult first = Http(To(), "POST", "/v1/staff/session", kiosks_[1].token, wrong);
  EXPECT_EQ(first.status, 401);
  EXPECT_EQ(Reason(first), "wrong_pin");
  EXPECT_EQ(json::parse(first.body)["attempts_left"], 4);
  for (int i = 0; i < 3; ++i) {
    EXPECT_EQ(Http(To(), "POST", "/v1/staff/session", kiosks_[1].token, wrong).status, 401) << i;
  }
  HttpResult fifth = Http(To(), "POST", "/v1/staff/session", kiosks_[1].token, wrong);
  EXPECT_EQ(fifth.status, 429) << fifth.body;
  EXPECT_EQ(Reason(fifth), "locked_out");
  // Locked out: Ann's right PIN is not even checked, at any kiosk.
  const std::string right = json{{"name", "Ann"}, {"pin", kCashierPin}}.dump();
  EXPECT_EQ(Http(To(), "POST", "/v1/staff/session", kiosks_[0].token, right).status, 429);
  // The kiosk that guessed is locked for every name; the other kiosk is not.
  const std::string vera = json{{"name", "Vera"}, {"pin", kManagerPin}}.dump();
  EXPECT_EQ(Http(To(), "POST", "/v1/staff/session", kiosks_[1].token, vera).status, 429);
  EXPECT_EQ(Http(To(), "POST", "/v1/staff/session", kiosks_[0].token, vera).status, 200);
  // An unknown name is a wrong PIN, not a hint; the admin token signs no one in.
  EXPECT_EQ(Reason(Http(To(), "POST", "/v1/staff/session", kiosks_[0].token,
                        json{{"name", "Nobody"}, {"pin", kCashierPin}}.dump())),
            "wrong_pin");
  EXPECT_EQ(Http(To(), "POST", "/v1/staff/session", admin_, right).status, 403);
  EXPECT_EQ(server_.Output().find(kCashierPin), std::string::npos) << "no PIN in the log";
  EXPECT_EQ(server_.Output().find("99999999"), std::string::npos);
}

TEST_F(StaffSessionProcessTest, ARedemptionWithoutASessionIsRefusedButAShoppersCheckIsNot) {
  const std::string voucher = Reserved(1, 1);
  const std::string body = json{{"voucher", voucher}, {"place", "till-0"}}.dump();
  HttpResult none = Http(To(), "POST", "/v1/redeem", kiosks_[0].token, body);
  EXPECT_EQ(none.status, 401);
  EXPECT_EQ(Reason(none), "staff_session_required");
  HttpResult guessed = Http(To(), "POST", "/v1/redeem", kiosks_[0].token, body,
                            std::string(64, 'a'));
  EXPECT_EQ(Reason(guessed), "staff_session_required");
  HttpResult check =
      Http(To(), "POST", "/v1/redeem", kiosks_[0].token,
           json{{"voucher", voucher}, {"place", "till-0"}, {"dry_run", true}}.dump());
  EXPECT_EQ(check.status, 200) << check.body;
  EXPECT_EQ(PledgeText("redeemed_at", 1), "NULL");
  EXPECT_EQ(Reason(Money("/v1/deposit", voucher, 0, "")), "staff_session_required");
  EXPECT_EQ(PledgeText("deposit_paid_at", 1), "NULL") << "nothing was taken";
}

TEST_F(StaffSessionProcessTest, ACashierTakesADepositButOnlyAManagerGivesTheRefund) {
  const std::string voucher = Reserved(1, 1);
  // A kiosk's offline deposit event with a wrong amount: on the rescue list.
  Post({protocol::Event{kiosks_[0].kiosk_id, 2, std::string(protocol::kDeposit), now_ - 50,
                        protocol::ToJson(protocol::DepositPayload{kiosks_[0].key_id, 1, 777,
                                                                  now_ - 50, "till-x"})}});
  const std::string ann = SignInStaff(To(), kiosks_[0].token, "Ann", kCashierPin);
  HttpResult paid = Money("/v1/deposit", voucher, 0, ann);
  ASSERT_EQ(paid.status, 200) << paid.body;
  EXPECT_EQ(json::parse(paid.body)["verdict"], "PAID");
  EXPECT_EQ(PledgeText("deposit_staff", 1), "Ann");
  Post({Cancel(kiosks_[0].kiosk_id, 3, kiosks_[0].key_id, 1, now_)});

  HttpResult refused = Money("/v1/refund", voucher, 0, ann);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(Reason(refused), "role_required");
  EXPECT_NE(refused.body.find("needs a manager"), std::string::npos) << refused.body;
  EXPECT_EQ(PledgeText("refunded_at", 1), "NULL") << "nothing was paid back";
  EXPECT_EQ(PledgeText("refund_staff", 1), "");

  HttpResult given = Money("/v1/refund", voucher, 1, manager_[1]);
  ASSERT_EQ(given.status, 200) << given.body;
  EXPECT_EQ(json::parse(given.body)["verdict"], "REFUNDED");
  EXPECT_EQ(PledgeText("refund_staff", 1), "Vera");

  const json by = Tally(kDepositDeal)["by_staff"];
  EXPECT_EQ(by["Ann"], (json{{"redeemed", 0}, {"deposits", 1}, {"refunds", 0}})) << by.dump();
  EXPECT_EQ(by["Vera"], (json{{"redeemed", 0}, {"deposits", 0}, {"refunds", 1}})) << by.dump();
  const json rescue = Get("/v1/rescue", admin_);
  ASSERT_EQ(rescue["items"].size(), 1u) << rescue.dump();
  EXPECT_EQ(rescue["items"][0]["kind"], "wrong_amount");
  EXPECT_EQ(rescue["items"][0]["staff"]["deposit"], "Ann");
  EXPECT_EQ(rescue["items"][0]["staff"]["refund"], "Vera");
  HttpResult csv = Http(To(), "GET", "/v1/report.csv", admin_);
  ASSERT_EQ(csv.status, 200);
  EXPECT_NE(csv.body.find(",staff\r\n"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("\"Ann (redeemed 0, deposits 1, refunds 0); "
                          "Vera (redeemed 0, deposits 0, refunds 1)\""),
            std::string::npos)
      << csv.body;
}

TEST_F(StaffSessionProcessTest, ARemovedStaffMembersSessionEnds) {
  const std::string voucher = Reserved(1, 1);
  const std::string ann = SignInStaff(To(), kiosks_[0].token, "Ann", kCashierPin);
  CliRun removed = Provision("staff remove --dir " + Sdir() + " --name Ann", tmp_.str());
  ASSERT_EQ(removed.code, 0) << removed.err;
  HttpResult r = Money("/v1/deposit", voucher, 0, ann);
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(Reason(r), "staff_session_expired");
  EXPECT_EQ(PledgeText("deposit_paid_at", 1), "NULL");
  EXPECT_EQ(Reason(Money("/v1/deposit", voucher, 0, ann)), "staff_session_required")
      << "ended for good";
  HttpResult again = Http(To(), "POST", "/v1/staff/session", kiosks_[0].token,
                          json{{"name", "Ann"}, {"pin", kCashierPin}}.dump());
  EXPECT_EQ(again.status, 401) << "a removed member cannot sign in";
}

// The store here ends a session after 1 s unused.
class ShortSessionTest : public StaffSessionProcessTest {
 protected:
  std::vector<std::string> ExtraArgs() const override { return {"--staff-session-idle", "1"}; }
};

TEST_F(ShortSessionTest, AnExpiredSessionIsRefused) {
  const std::string voucher = Reserved(1, 1);
  const std::string ann = SignInStaff(To(), kiosks_[0].token, "Ann", kCashierPin);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  HttpResult r = Money("/v1/deposit", voucher, 0, ann);
  EXPECT_EQ(r.status, 401) << r.body;
  EXPECT_EQ(Reason(r), "staff_session_expired");
  EXPECT_EQ(PledgeText("deposit_paid_at", 1), "NULL");
  const std::string fresh = SignInStaff(To(), kiosks_[0].token, "Ann", kCashierPin);
  EXPECT_EQ(json::parse(Money("/v1/deposit", voucher, 0, fresh).body)["verdict"], "PAID");
}

}  // namespace
}  // namespace gb::test
