// groupbuy-store as a real process on 127.0.0.1: two tills taking the same
// deposit and giving the same refund at once, the rescue list resolved by
// staff, and a cloned kiosk flagged. The database passes its integrity
// check afterwards.
#include <gtest/gtest.h>

#include <atomic>
#include <ctime>
#include <map>
#include <set>
#include <thread>

#include "kiosk/base/file_util.h"
#include "kiosk/base/hex.h"
#include "kiosk/rules/deal_json.h"
#include "kiosk/voucher/terms_hash.h"
#include "sync/protocol/batch_codec.h"
#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/server/store_process.h"
#include "tests/sync/server/test_client.h"
#include "tests/sync/store/event_maker.h"

namespace gb::test {
namespace {

using nlohmann::json;

constexpr uint32_t kDepositDeal = 42;  // asks 50.00 within a day
constexpr uint32_t kStoppedDeal = 43;  // stopped a minute ago

class TillProcessTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    CliRun init =
        Provision("init-store --dir " + Sdir() + " --name Test --listen 127.0.0.1:0", tmp_.str());
    ASSERT_EQ(init.code, 0) << init.err;
    admin_ = init.out.substr(init.out.rfind(' ') + 1);
    admin_.pop_back();  // the newline
    now_ = static_cast<int64_t>(std::time(nullptr));
    rules::Deal deposit = MakeDeal(kDepositDeal, 3);
    deposit.opens_at = now_ - 3600;
    deposit.stop_at = now_ + 7 * 86400;
    deposit.deadline = now_ + 8 * 86400;
    deposit.redeem_by = now_ + 30 * 86400;
    deposit.deposit = {rules::DepositKind::kAmount, 5000, 86400};
    rules::Deal stopped = MakeDeal(kStoppedDeal, 100);
    stopped.opens_at = now_ - 7200;
    stopped.stop_at = now_ - 60;
    stopped.deadline = now_ + 86400;
    stopped.redeem_by = now_ + 30 * 86400;
    json deals = json::array({rules::DealToJson(deposit), rules::DealToJson(stopped)});
    deals_ = {{kDepositDeal, deposit}, {kStoppedDeal, stopped}};
    ASSERT_TRUE(base::WriteFileAtomic(tmp_.File("catalog.json"), json{{"deals", deals}}.dump(),
                                      0644, base::Overwrite::kNo)
                    .ok());
    CliRun import =
        Provision("catalog import --dir " + Sdir() + " " + tmp_.File("catalog.json"), tmp_.str());
    ASSERT_EQ(import.code, 0) << import.err;
    for (int i = 0; i < 2; ++i) {
      kiosks_.push_back(EnrolKiosk(Sdir(), tmp_.File("k" + std::to_string(i))));
      ASSERT_FALSE(kiosks_.back().token.empty());
    }
    ASSERT_TRUE(server_.Start(Sdir())) << server_.Output();
  }
  void TearDown() override {
    if (server_.pid() > 0) {
      EXPECT_EQ(server_.Stop(), 0);
    }
    auto db = store::StoreDb::Open(Sdir() + "/store.db");
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    EXPECT_EQ((*db)->IntegrityCheck().value(), "ok");
  }

  std::string Sdir() const { return tmp_.File("store"); }
  HttpTarget To() const { return HttpTarget{server_.port(), false, ""}; }
  protocol::Event Sign(int64_t seq, uint64_t serial, uint32_t deal, int64_t joined,
                       uint64_t phone = 0) {
    Kiosk& k = kiosks_[0];
    return SignUp(*k.key, k.key_id, k.kiosk_id, seq, serial, deals_.at(deal), joined, phone);
  }
  void Post(const std::vector<protocol::Event>& events) {
    HttpResult r =
        Http(To(), "POST", "/v1/events", kiosks_[0].token, protocol::EncodeBatch(events));
    ASSERT_EQ(r.status, 200) << r.body;
  }
  json Get(const std::string& target, const std::string& token) {
    HttpResult r = Http(To(), "GET", target, token);
    EXPECT_EQ(r.status, 200) << r.body;
    return json::parse(r.body, nullptr, false);
  }
  json Tally(uint32_t id) {
    const json t = Get("/v1/tallies", admin_);
    for (const json& d : t["deals"]) {
      if (d["id"] == id) return d;
    }
    return {};
  }
  // The store's figures in /metrics are read once a second in the background
  // (strangers never cost a query): true once `line` is there, within 5 s.
  ::testing::AssertionResult MetricsShow(const std::string& line) {
    std::string body;
    for (int i = 0; i < 100; ++i) {
      body = Http(To(), "GET", "/metrics").body;
      if (body.find(line) != std::string::npos) return ::testing::AssertionSuccess();
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return ::testing::AssertionFailure() << "no " << line << " in\n" << body;
  }
  // Both kiosks' tills ask at the same moment; the verdicts, sorted.
  std::multiset<std::string> Race(const std::string& path, const std::string& voucher) {
    std::atomic<int> ready = 0;
    HttpResult got[2];
    std::vector<std::thread> tills;
    for (int t = 0; t < 2; ++t) {
      tills.emplace_back([&, t] {
        ++ready;
        while (ready < 2) {
        }
        json body = {{"voucher", voucher}, {"place", "till-" + std::to_string(t)}};
        got[t] = Http(To(), "POST", path, kiosks_[static_cast<size_t>(t)].token, body.dump());
      });
    }
    for (auto& t : tills) t.join();
    std::multiset<std::string> out;
    for (const HttpResult& r : got) {
      EXPECT_EQ(r.status, 200) << r.body;
      out.insert(json::parse(r.body, nullptr, false).value("verdict", "?"));
    }
    return out;
  }

  ScopedTempDir tmp_;
  std::string admin_;
  int64_t now_ = 0;
  std::map<uint32_t, rules::Deal> deals_;  // as imported in SetUp
  std::vector<Kiosk> kiosks_;
  StoreProcess server_;
};

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
                          json{{"voucher", voucher}, {"place", "till-9"}}.dump());
  json v = json::parse(again.body);
  EXPECT_EQ(v["verdict"], "ALREADY_REFUNDED");
  EXPECT_EQ(v["amount_minor"], 5000);

  // Bad requests: the right 4xx with a reason, and the server stays up.
  const std::string good = json{{"voucher", voucher}, {"place", "till-1"}}.dump();
  EXPECT_EQ(Http(To(), "POST", "/v1/deposit", "", good).status, 401);
  EXPECT_EQ(Http(To(), "POST", "/v1/deposit", std::string(64, 'a'), good).status, 401);
  EXPECT_EQ(Http(To(), "POST", "/v1/deposit", admin_, good).status, 403);
  HttpResult no_place =
      Http(To(), "POST", "/v1/deposit", kiosks_[0].token, json{{"voucher", voucher}}.dump());
  EXPECT_EQ(no_place.status, 400);
  EXPECT_NE(no_place.body.find("bad_place"), std::string::npos) << no_place.body;
  EXPECT_EQ(Http(To(), "POST", "/v1/refund", kiosks_[0].token, "{\"voucher\":").status, 400);
  EXPECT_EQ(Http(To(), "POST", "/v1/refund", kiosks_[0].token,
                 json{{"voucher", "GB1:nonsense"}, {"place", "t"}}.dump())
                .status,
            400);
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
                        json{{"voucher", cent}, {"place", "till-h"}}.dump());
    ASSERT_EQ(r.status, 200) << r.body;
    EXPECT_EQ(json::parse(r.body)["verdict"], "REFUSED") << path << r.body;
    EXPECT_EQ(json::parse(r.body)["reason"], "refused_by_store") << path << r.body;
  }
  HttpResult refund = Http(To(), "POST", "/v1/refund", kiosks_[1].token,
                           json{{"voucher", voucher}, {"place", "till-h"}}.dump());
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
