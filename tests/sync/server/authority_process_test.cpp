// The store re-checks what a stolen or copied kiosk claims, against a real
// groupbuy-store on 127.0.0.1 with kiosks enrolled by the real CLI and real
// keys: a changed terms hash, an "active" pledge on a deposit deal, a cancel
// of another kiosk's pledge, a suspended kiosk at rotate-key and at the
// till, a backdated voucher of a retired key. Each is refused with its own
// reason, counts nothing, shows on the rescue list (or is a 403), and the
// database passes its integrity check. (A 1-cent voucher and a 50,000
// deposit: till_process_test.cpp.)
#include <gtest/gtest.h>

#include <chrono>
#include <set>
#include <thread>

#include "core/voucher/ed25519.h"
#include "tests/sync/server/hardened_store.h"

namespace gb::test {
namespace {

using nlohmann::json;

constexpr uint32_t kDepositDeal = 8;  // asks 50.00 within a day

class AuthorityProcessTest : public HardenedStoreTest {
 protected:
  void SetUp() override {
    HardenedStoreTest::SetUp();
    deposit_ = MakeDeal(kDepositDeal, 3);
    deposit_.opens_at = lamp_.opens_at;
    deposit_.stop_at = lamp_.stop_at;
    deposit_.deadline = lamp_.deadline;
    deposit_.redeem_by = lamp_.redeem_by;
    deposit_.deposit = {rules::DepositKind::kAmount, 5000, 86400};
    json deals = json::array({rules::DealToJson(lamp_), rules::DealToJson(deposit_)});
    ASSERT_TRUE(base::WriteFileAtomic(tmp_.File("catalog2.json"), json{{"deals", deals}}.dump(),
                                      0644, base::Overwrite::kNo)
                    .ok());
    CliRun import =
        Provision("catalog import --dir " + Sdir() + " " + tmp_.File("catalog2.json"), tmp_.str());
    ASSERT_EQ(import.code, 0) << import.err;
    other_ = EnrolKiosk(Sdir(), tmp_.File("k2"));
    ASSERT_FALSE(other_.token.empty());
    StartServer(/*tls=*/false);
  }

  void Post(const Kiosk& k, const std::vector<protocol::Event>& events) {
    HttpResult r = Http(To(), "POST", "/v1/events", k.token, protocol::EncodeBatch(events));
    ASSERT_EQ(r.status, 200) << r.body;
  }
  json Get(const std::string& target) {
    HttpResult r = Http(To(), "GET", target, admin_);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body, nullptr, false);
  }
  int64_t Counted(uint32_t deal) {
    const json t = Get("/v1/tallies");
    for (const json& d : t["deals"]) {
      if (d["id"] == deal) return d["committed"].get<int64_t>() + d["reserved"].get<int64_t>();
    }
    ADD_FAILURE() << "no deal " << deal << " in " << t.dump();
    return -1;
  }
  std::multiset<std::string> RescueKinds() {
    std::multiset<std::string> kinds;
    const json list = Get("/v1/rescue");
    for (const json& it : list["items"]) kinds.insert(it["kind"].get<std::string>());
    return kinds;
  }
  // The honest kiosk's till asks about `voucher` (a look: nothing written).
  json Look(const std::string& voucher) {
    HttpResult r = Http(To(), "POST", "/v1/redeem", other_.token,
                        json{{"voucher", voucher}, {"place", "till-h"}, {"dry_run", true}}.dump());
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body, nullptr, false);
  }
  protocol::Event Tampered(int64_t seq, uint64_t serial, const rules::Deal& deal,
                           const Tamper& tamper) {
    return TamperedSignUp(*kiosk_.key, kiosk_.key_id, kiosk_.kiosk_id, seq, serial, deal,
                          now_ - 60, serial, tamper);
  }

  rules::Deal deposit_;
  Kiosk other_;
};

TEST_F(AuthorityProcessTest, AVoucherUnderOtherTermsIsATermsMismatchAndNeverRedeemable) {
  protocol::Event e = Tampered(1, 1, lamp_, [](voucher::Body& b, protocol::SignUpPayload&) {
    b.terms_hash[0] ^= 0x01;  // terms the store never published
  });
  Post(kiosk_, {e});
  EXPECT_EQ(Counted(kLampDeal), 0);
  EXPECT_EQ(RescueKinds(), std::multiset<std::string>{"terms_mismatch"});
  const json look = Look(e.payload["voucher"].get<std::string>());
  EXPECT_EQ(look["verdict"], "REFUSED") << look.dump();
  EXPECT_EQ(look["reason"], "refused_by_store") << look.dump();
}

TEST_F(AuthorityProcessTest, AnActivePledgeOnADepositDealIsAStateMismatch) {
  protocol::Event e = Tampered(1, 1, deposit_, [](voucher::Body&, protocol::SignUpPayload& p) {
    p.state = "active";  // as if the deposit were paid
  });
  Post(kiosk_, {e});
  EXPECT_EQ(Counted(kDepositDeal), 0);
  EXPECT_EQ(RescueKinds(), std::multiset<std::string>{"state_mismatch"});
  EXPECT_EQ(Look(e.payload["voucher"].get<std::string>())["reason"], "refused_by_store");
}

TEST_F(AuthorityProcessTest, AKioskCannotCancelAnotherKiosksPledge) {
  protocol::Event mine = SignUp(*kiosk_.key, kiosk_.key_id, kiosk_.kiosk_id, 1, 1, lamp_,
                                now_ - 60, 1);
  Post(kiosk_, {mine});
  ASSERT_EQ(Counted(kLampDeal), 1);
  Post(other_, {Cancel(other_.kiosk_id, 1, kiosk_.key_id, 1, now_ - 30)});
  EXPECT_EQ(Counted(kLampDeal), 1);
  EXPECT_EQ(RescueKinds(), std::multiset<std::string>{"not_owner"});
  EXPECT_EQ(Look(mine.payload["voucher"].get<std::string>())["verdict"], "VALID");
}

TEST_F(AuthorityProcessTest, ASuspendedKioskCanNeitherRotateItsKeyNorUseATill) {
  // The same key and serial twice with different shoppers: a copied kiosk.
  protocol::Event first =
      SignUp(*kiosk_.key, kiosk_.key_id, kiosk_.kiosk_id, 1, 1, lamp_, now_ - 60, 1);
  Post(kiosk_, {first});
  Post(kiosk_, {SignUp(*kiosk_.key, kiosk_.key_id, kiosk_.kiosk_id, 2, 1, lamp_, now_ - 50, 2)});
  auto fresh = voucher::SigningKey::Generate();
  ASSERT_TRUE(fresh.ok());
  const std::string rotate = json{{"public_key", fresh->Public().Pem()}}.dump();
  HttpResult r = Http(To(), "POST", "/v1/rotate-key", kiosk_.token, rotate);
  EXPECT_EQ(r.status, 403) << r.body;
  EXPECT_EQ(json::parse(r.body, nullptr, false).value("error", ""), "kiosk_suspended") << r.body;
  // Dry runs: they need no staff session, so what refuses them is the
  // suspension itself (a real call is refused for its missing session first).
  for (const char* path : {"/v1/redeem", "/v1/deposit", "/v1/refund"}) {
    HttpResult till = Http(To(), "POST", path, kiosk_.token,
                           json{{"voucher", first.payload["voucher"]},
                                {"place", "till-c"},
                                {"dry_run", true}}
                               .dump());
    EXPECT_EQ(till.status, 403) << path << " " << till.body;
    EXPECT_EQ(json::parse(till.body, nullptr, false).value("error", ""), "kiosk_suspended")
        << path << " " << till.body;
  }
  // Once an admin has dealt with the copy, the kiosk may rotate again.
  CliRun reinstate =
      Provision("reinstate --dir " + Sdir() + " --kiosk " + kiosk_.kiosk_id, tmp_.str());
  ASSERT_EQ(reinstate.code, 0) << reinstate.err;
  int status = 0;
  for (int i = 0; i < 40 && status != 200; ++i) {
    if (i > 0) std::this_thread::sleep_for(std::chrono::milliseconds(50));
    status = Http(To(), "POST", "/v1/rotate-key", kiosk_.token, rotate).status;
  }
  EXPECT_EQ(status, 200);
}

TEST_F(AuthorityProcessTest, ARetiredKeyCannotSignABackdatedVoucher) {
  auto fresh = voucher::SigningKey::Generate();
  ASSERT_TRUE(fresh.ok());
  HttpResult r = Http(To(), "POST", "/v1/rotate-key", kiosk_.token,
                      json{{"public_key", fresh->Public().Pem()}}.dump());
  ASSERT_EQ(r.status, 200) << r.body;
  const std::string token = json::parse(r.body)["token"];
  // The leaked old key signs a voucher dated an hour before its retirement,
  // posted with the kiosk's new token.
  protocol::Event late = SignUp(*kiosk_.key, kiosk_.key_id, kiosk_.kiosk_id, 1, 1, lamp_,
                                now_ - 3000, 1);
  const std::vector<protocol::Event> events = {late};
  HttpResult posted = Http(To(), "POST", "/v1/events", token, protocol::EncodeBatch(events));
  ASSERT_EQ(posted.status, 200) << posted.body;
  EXPECT_EQ(Counted(kLampDeal), 0);
  EXPECT_EQ(RescueKinds(), std::multiset<std::string>{"retired_key"});
  EXPECT_EQ(Look(late.payload["voucher"].get<std::string>())["reason"], "refused_by_store");
}

}  // namespace
}  // namespace gb::test
