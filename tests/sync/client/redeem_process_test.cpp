// POST /v1/redeem on a real groupbuy-store: two tills redeeming the same
// voucher at the same moment get exactly one VALID between them.
#include <atomic>

#include "tests/sync/client/store_fixture.h"

namespace gb::test {
namespace {

TEST_F(SyncProcessTest, TwoTillsRedeemingOneVoucherAtOnceGetOneValid) {
  ASSERT_TRUE(server_.Start(Sdir())) << server_.Output();
  auto shop = NewKiosk(0);
  const std::string till_tokens[2] = {EnrolKiosk(Sdir(), tmp_.File("till1")).token,
                                      EnrolKiosk(Sdir(), tmp_.File("till2")).token};
  ASSERT_TRUE(shop->StartSync(server_.port()));
  ASSERT_TRUE(WaitFor([&] { return shop->ledger().GetDeal(42, now_).ok(); }));
  constexpr int kVouchers = 4;  // unlocks the deal (3), so they can be redeemed
  std::vector<ledger::SignUpReceipt> receipts;
  for (int i = 0; i < kVouchers; ++i) {
    ledger::SignUpRequest r;
    r.deal_id = 42;
    r.phone_e164 = Phone(i);
    r.now = static_cast<int64_t>(std::time(nullptr));
    auto receipt = shop->ledger().SignUp(r);
    ASSERT_TRUE(receipt.ok()) << receipt.status().ToString();
    receipts.push_back(*receipt);
  }
  shop->client().Wake();
  ASSERT_TRUE(WaitFor([&] { return ServerDeal(42)["state"] == "unlocked"; }));

  const HttpTarget to{server_.port(), false, ""};
  // A cashier signed in at each till: a redemption names who handed over.
  AddStaff(Sdir(), "Ann", "cashier", "13572468");
  const std::string sessions[2] = {SignInStaff(to, till_tokens[0], "Ann", "13572468"),
                                   SignInStaff(to, till_tokens[1], "Ann", "13572468")};
  for (int v = 0; v < kVouchers; ++v) {
    // By the scanned text at one till, by the typed code at the other, alternately.
    const json bodies[2] = {
        {{"voucher", receipts[static_cast<size_t>(v)].voucher_text}, {"place", "till-1"}},
        {{"short_code", receipts[static_cast<size_t>(v)].short_code}, {"place", "till-2"}}};
    std::atomic<int> ready = 0;
    HttpResult results[2];
    std::vector<std::thread> tills;
    for (int t = 0; t < 2; ++t) {
      tills.emplace_back([&, t] {
        ++ready;
        while (ready < 2) {
        }
        results[t] =
            Http(to, "POST", "/v1/redeem", till_tokens[t], bodies[t].dump(), sessions[t]);
      });
    }
    for (auto& t : tills) t.join();
    int valid = 0;
    int already = 0;
    std::string winner;
    for (const HttpResult& r : results) {
      ASSERT_EQ(r.status, 200) << r.body << r.error;
      const json j = json::parse(r.body);
      if (j["verdict"] == "VALID") {
        ++valid;
        winner = j["place"];
      }
    }
    for (const HttpResult& r : results) {
      const json j = json::parse(r.body);
      if (j["verdict"] != "ALREADY_REDEEMED") continue;
      ++already;
      EXPECT_EQ(j["place"], winner);
      EXPECT_GT(j["redeemed_at"].get<int64_t>(), 0);
    }
    EXPECT_EQ(valid, 1) << results[0].body << results[1].body;
    EXPECT_EQ(already, 1) << results[0].body << results[1].body;
  }
  // A typo in the code is the shopper's problem to fix, not a verdict.
  HttpResult typo = Http(to, "POST", "/v1/redeem", till_tokens[0],
                         json{{"short_code", "1-2-3"}, {"place", "till-1"}}.dump(), sessions[0]);
  EXPECT_EQ(typo.status, 400) << typo.body;
}

}  // namespace
}  // namespace gb::test
