// groupbuy-store as a real process on 127.0.0.1: two tills taking the same
// deposit and giving the same refund at once, the rescue list resolved by
// staff, and a cloned kiosk flagged. The database passes its integrity
// check afterwards.
#include "tests/sync/server/till_process_fixture.h"

namespace gb::test {
namespace {

TEST_F(TillProcessTest, TwoTillsTakeOneDepositAndGiveOneRefund) {
  protocol::Event e = Sign(1, 1, kDepositDeal, now_ - 60);
  e.payload["state"] = "reserved";
  const std::string voucher = e.payload["voucher"];
  Post({e});
  EXPECT_EQ(Tally(kDepositDeal)["reserved"], 1);

  EXPECT_EQ(Race("/v1/deposit", voucher), (std::multiset<std::string>{"ALREADY_PAID", "PAID"}));
  EXPECT_EQ(Tally(kDepositDeal)["committed"], 1);
  Post({Cancel(kiosks_[0].kiosk_id, 2, kiosks_[0].key_id, 1, now_)});
  EXPECT_EQ(Race("/v1/refund", voucher),
            (std::multiset<std::string>{"ALREADY_REFUNDED", "REFUNDED"}));
  HttpResult again = Http(To(), "POST", "/v1/refund", kiosks_[1].token,
                          json{{"voucher", voucher}, {"place", "till-9"}}.dump(), manager_[1]);
  json v = json::parse(again.body);
  EXPECT_EQ(v["verdict"], "ALREADY_REFUNDED");
  EXPECT_EQ(v["amount_minor"], 5000);

  // Bad requests: the right 4xx with a reason, and the server stays up.
  const std::string good = json{{"voucher", voucher}, {"place", "till-1"}}.dump();
  EXPECT_EQ(Http(To(), "POST", "/v1/deposit", "", good).status, 401);
  EXPECT_EQ(Http(To(), "POST", "/v1/deposit", std::string(64, 'a'), good).status, 401);
  EXPECT_EQ(Http(To(), "POST", "/v1/deposit", admin_, good).status, 403);
  HttpResult no_place = Http(To(), "POST", "/v1/deposit", kiosks_[0].token,
                             json{{"voucher", voucher}}.dump(), manager_[0]);
  EXPECT_EQ(no_place.status, 400);
  EXPECT_NE(no_place.body.find("bad_place"), std::string::npos) << no_place.body;
  EXPECT_EQ(Http(To(), "POST", "/v1/refund", kiosks_[0].token, "{\"voucher\":").status, 400);
  EXPECT_EQ(Http(To(), "POST", "/v1/refund", kiosks_[0].token,
                 json{{"voucher", "GB1:nonsense"}, {"place", "t"}}.dump(), manager_[0])
                .status,
            400);
  // Another kiosk's session is no session here.
  EXPECT_EQ(Http(To(), "POST", "/v1/deposit", kiosks_[0].token, good, manager_[1]).status, 401);
  EXPECT_EQ(Http(To(), "GET", "/healthz").status, 200);
}

TEST_F(TillProcessTest, StaffAcceptOneLateSignUpAndRejectAnother) {
  Post({Sign(1, 1, kStoppedDeal, now_ - 30), Sign(2, 2, kStoppedDeal, now_ - 20)});
  EXPECT_EQ(Tally(kStoppedDeal)["committed"], 0);
  EXPECT_EQ(Tally(kStoppedDeal)["rescue_open"], 2);
  json list = Get("/v1/rescue", kiosks_[1].token);
  ASSERT_EQ(list["open"], 2);
  ASSERT_EQ(list["items"].size(), 2u);
  EXPECT_EQ(list["items"][0]["kind"], "late_sign_up");
  EXPECT_EQ(list["items"][0]["origin"], kiosks_[0].kiosk_id);
  const int64_t first = list["items"][0]["id"], second = list["items"][1]["id"];

  auto resolve = [&](int64_t id, const std::string& how, const std::string& token) {
    return Http(To(), "POST", "/v1/rescue/resolve", token,
                json{{"id", id}, {"resolution", how}, {"note", "shopper was in line"}}.dump());
  };
  EXPECT_EQ(resolve(first, "accept", kiosks_[0].token).status, 403);
  HttpResult accepted = resolve(first, "accept", admin_);
  ASSERT_EQ(accepted.status, 200) << accepted.body;
  EXPECT_EQ(Tally(kStoppedDeal)["committed"], 1);
  HttpResult twice = resolve(first, "reject", admin_);
  EXPECT_EQ(twice.status, 409);
  EXPECT_NE(twice.body.find("already_resolved"), std::string::npos) << twice.body;
  EXPECT_EQ(resolve(second, "reject", admin_).status, 200);
  EXPECT_EQ(Tally(kStoppedDeal)["committed"], 1);
  EXPECT_EQ(Get("/v1/rescue", admin_)["open"], 0);
  EXPECT_EQ(resolve(second + 100, "reject", admin_).status, 404);
  EXPECT_EQ(resolve(second, "perhaps", admin_).status, 400);  // bad_resolution
  EXPECT_TRUE(MetricsShow("gb_store_rescue_open 0\n"));
}

// A copied kiosk (its real key and token, enrolled by the real CLI) signs
// a 1-cent voucher with groupbuy-provision, then posts a 50,000.00 deposit
// and a cancel for an honest-looking pledge of its own: nothing is counted,
// nothing is paid, every till refuses, and staff see both on the rescue list.
TEST_F(TillProcessTest, ACopiedKiosksOneCentVoucherAndFiftyThousandDepositMoveNothing) {
  Kiosk& rogue = kiosks_[0];
  const std::string terms =
      base::ToHex(voucher::TermsHash(rules::CanonicalTerms(deals_.at(kDepositDeal))));
  CliRun issued = Provision("voucher issue --key " + rogue.dir + "/signing.key --key-id " +
                                std::to_string(rogue.key_id) + " --deal " +
                                std::to_string(kDepositDeal) + " --serial 900 --price 1" +
                                " --issued " + std::to_string(now_ - 60) + " --terms-hash " + terms,
                            tmp_.str());
  ASSERT_EQ(issued.code, 0) << issued.err;
  std::string cent = issued.out;
  while (!cent.empty() && (cent.back() == '\n' || cent.back() == ' ')) cent.pop_back();
  protocol::SignUpPayload p;
  p.origin = rogue.kiosk_id;
  p.key_id = rogue.key_id;
  p.serial = 900;
  p.deal_id = kDepositDeal;
  p.voucher = cent;
  p.phone_hash = PhoneHash(900);
  p.joined_at = now_ - 60;
  p.state = "reserved";
  Post({protocol::Event{rogue.kiosk_id, 1, std::string(protocol::kSignUp), now_ - 60,
                        protocol::ToJson(p)}});
  // An honest-looking pledge, then a 50,000.00 deposit for it and a cancel.
  protocol::Event mine = Sign(2, 1, kDepositDeal, now_ - 50);
  const std::string voucher = mine.payload["voucher"].get<std::string>();
  Post({mine,
        protocol::Event{rogue.kiosk_id, 3, std::string(protocol::kDeposit), now_ - 40,
                        protocol::ToJson(protocol::DepositPayload{rogue.key_id, 1, 5'000'000,
                                                                  now_ - 40, "till-r"})},
        Cancel(rogue.kiosk_id, 4, rogue.key_id, 1, now_ - 30)});
  EXPECT_EQ(Tally(kDepositDeal)["reserved"], 0);  // the honest-looking one was cancelled
  EXPECT_EQ(Tally(kDepositDeal)["committed"], 0);
  json list = Get("/v1/rescue", admin_);
  std::multiset<std::string> kinds;
  for (const json& it : list["items"]) kinds.insert(it["kind"].get<std::string>());
  EXPECT_EQ(kinds, (std::multiset<std::string>{"price_mismatch", "wrong_amount"})) << list.dump();
  // At the honest kiosk's till: the 1-cent voucher is refused, and the
  // cancelled pledge has nothing to give back.
  for (const char* path : {"/v1/redeem", "/v1/deposit"}) {
    HttpResult r = Http(To(), "POST", path, kiosks_[1].token,
                        json{{"voucher", cent}, {"place", "till-h"}}.dump(), manager_[1]);
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(json::parse(r.body)["verdict"], "REFUSED") << path << r.body;
    EXPECT_EQ(json::parse(r.body)["reason"], "refused_by_store") << path << r.body;
  }
  HttpResult refund = Http(To(), "POST", "/v1/refund", kiosks_[1].token,
                           json{{"voucher", voucher}, {"place", "till-h"}}.dump(), manager_[1]);
  ASSERT_EQ(refund.status, 200) << refund.body;
  EXPECT_EQ(json::parse(refund.body)["verdict"], "REFUSED") << refund.body;
  EXPECT_EQ(json::parse(refund.body)["reason"], "nothing_to_refund") << refund.body;
  EXPECT_TRUE(MetricsShow("gb_store_conflicts 2\n"));
  EXPECT_TRUE(MetricsShow("gb_store_rescue_open 2\n"));
}

TEST_F(TillProcessTest, ACloneIsFlaggedAndItsSignUpsAreNotCounted) {
  Post({Sign(1, 1, kDepositDeal, now_ - 60)});
  // The same key and serial with another voucher and shopper: a second device.
  Post({Sign(2, 1, kDepositDeal, now_ - 50, 777)});
  json state = Get("/v1/state?since=0", kiosks_[0].token);
  bool flagged = false;
  for (const json& k : state["kiosks"]) {
    if (k["kiosk_id"] == kiosks_[0].kiosk_id) {
      flagged = k["suspended"] == true && k["suspend_reason"] == "serial_reuse";
    } else {
      EXPECT_EQ(k["suspended"], false);
    }
  }
  EXPECT_TRUE(flagged) << state.dump();
  Post({Sign(3, 3, kDepositDeal, now_ - 40)});
  json t = Tally(kDepositDeal);
  EXPECT_EQ(t["committed"].get<int64_t>() + t["reserved"].get<int64_t>(), 1);
  EXPECT_TRUE(MetricsShow("gb_store_kiosks_suspended 1\n"));
}

}  // namespace
}  // namespace gb::test
