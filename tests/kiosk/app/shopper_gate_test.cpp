// ShopperGate: the store's "no" refuses a sign-up before anything is
// recorded; a "yes" or no answer leaves the ledger's own count to decide.
// In memory (fake_desks.h), and through the shopper journey on screen.
#include "kiosk/app/shopper_gate.h"

#include <gtest/gtest.h>

#include "kiosk/app/kiosk_app.h"
#include "tests/kiosk/app/fake_desks.h"

namespace gb::app {
namespace {

constexpr int64_t kT0 = 1'790'000'000'000;  // ms

class ShopperGateTest : public ::testing::Test {
 protected:
  void SetUp() override {
    deals_.deals.push_back(DealInfo{test::SofaDeal(kT0 / 1000), rules::DealState::kOpen, {}});
  }
  JoinRequest Request() const {
    JoinRequest r;
    r.deal_id = 1;
    r.phone_e164 = "+4915112345678";
    r.now = kT0 / 1000;
    return r;
  }
  test::FakeDealDesk deals_;
  test::FakeShopperLimitCheck store_;
  ShopperGate gate_{deals_, &store_};
};

TEST_F(ShopperGateTest, TheStoresNoRefusesBeforeTheLedgerRecordsAnything) {
  store_.verdict = {.answered = true, .allowed = false, .joined = 1, .limit = 1};
  auto t = gate_.Join(Request());
  ASSERT_FALSE(t.ok());
  EXPECT_EQ(t.status().reason(), "shopper_limit");
  EXPECT_EQ(t.status().code(), base::Code::kFailedPrecondition);
  EXPECT_TRUE(deals_.joins.empty());
  ASSERT_EQ(store_.asked.size(), 1u);
  EXPECT_EQ(store_.asked[0].first, 1u);
  EXPECT_EQ(store_.asked[0].second, "+4915112345678");
  // The message says how many, never the phone.
  EXPECT_EQ(t.status().message().find("12345678"), std::string::npos);
}

TEST_F(ShopperGateTest, TheStoresYesLeavesTheLedgerToDecide) {
  store_.verdict = {.answered = true, .allowed = true, .joined = 0, .limit = 1};
  ASSERT_TRUE(gate_.Join(Request()).ok());
  EXPECT_EQ(deals_.joins.size(), 1u);
  // The ledger's own count still refuses what this kiosk knows.
  deals_.fail_reason = "shopper_limit";
  EXPECT_EQ(gate_.Join(Request()).status().reason(), "shopper_limit");
}

TEST_F(ShopperGateTest, NoAnswerIsOfflineAndTheKioskCountsOnItsOwn) {
  // Even an answer of "no" is ignored unless the store gave it.
  store_.verdict = {.answered = false, .allowed = false, .joined = 9, .limit = 1};
  ASSERT_TRUE(gate_.Join(Request()).ok());
  EXPECT_EQ(deals_.joins.size(), 1u);
  ShopperGate standalone(deals_, nullptr);  // a kiosk without a store
  ASSERT_TRUE(standalone.Join(Request()).ok());
  EXPECT_EQ(deals_.joins.size(), 2u);
  EXPECT_EQ(store_.asked.size(), 1u);
}

TEST_F(ShopperGateTest, TheShopperSeesTheShopperLimitWordsAndMayTryAnotherPhone) {
  test::FakePrintDesk printer;
  KioskApp app(gate_, printer, AppOptions{});
  app.Start(kT0);
  for (std::string_view id : {"deal-1", "join"}) app.Tap(id, kT0);
  for (char c : std::string("015112345678")) app.Tap(std::string("key-") + c, kT0);
  app.Tap("consent", kT0);
  store_.verdict = {.answered = true, .allowed = false, .joined = 2, .limit = 2};
  app.Tap("confirm", kT0);
  EXPECT_EQ(app.view().form.error, "join.error.shopper_limit");
  EXPECT_EQ(app.view().screen, Screen::kJoin);
  EXPECT_TRUE(deals_.joins.empty());
  store_.verdict = {.answered = true, .allowed = true, .joined = 0, .limit = 2};
  app.Tap("confirm", kT0);
  EXPECT_EQ(deals_.joins.size(), 1u);
  EXPECT_EQ(app.view().screen, Screen::kPrinting);
}

}  // namespace
}  // namespace gb::app
