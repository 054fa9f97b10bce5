// The shopper's check and cancel with in-memory desks: a scan on the wall
// opens the check screen, cancel asks first, the slip is followed, a refusal
// is explained, and nothing is offered when the till says no.
#include <gtest/gtest.h>

#include "kiosk/app/kiosk_app.h"
#include "tests/kiosk/app/fake_desks.h"
#include "tests/kiosk/app/fake_staff_desk.h"

namespace gb::app {
namespace {

constexpr int64_t kT0 = 1'790'000'000'000;  // ms
constexpr char kVoucher[] = "GB1:V50000V50000V50000000000380%E058R850L/V-XIM0WDSABBMM876E5K";

class CheckFlowTest : public ::testing::Test {
 protected:
  void SetUp() override {
    deals_.deals.push_back(DealInfo{test::SofaDeal(kT0 / 1000), rules::DealState::kOpen, {3, 0}});
    VoucherCheck c;
    c.verdict = "NOT_YET_UNLOCKED";
    c.found = true;
    c.deal_id = 1;
    c.pledge_state = "active";
    c.deal_state = "open";
    c.position = 3;
    c.committed = 3;
    c.stop_at = kT0 / 1000 + 86400;
    c.can_cancel = true;
    staff_.checks[kVoucher] = c;
    app_.Start(kT0);
  }
  void Tap(std::string_view id) { app_.Tap(id, now_ += 100); }
  void Scan(std::string_view text) { app_.Scan(text, now_ += 100); }
  const ShopperCheck& check() const { return app_.view().check; }

  test::FakeDealDesk deals_;
  test::FakePrintDesk printer_;
  test::FakeStaffDesk staff_;
  KioskApp app_{deals_, printer_, AppOptions{}, &staff_};
  int64_t now_ = kT0;
};

TEST_F(CheckFlowTest, ScanOnTheWallShowsThePlaceAndCancelAsksFirst) {
  Scan(kVoucher);
  EXPECT_EQ(app_.view().screen, Screen::kCheck);
  ASSERT_TRUE(check().check);
  EXPECT_EQ(check().check->position, 3);
  Tap("cancel-confirm");  // not asked yet: nothing happens
  EXPECT_TRUE(staff_.cancelled.empty());
  Tap("check-cancel");
  EXPECT_TRUE(check().confirming);
  Tap("cancel-keep");
  EXPECT_FALSE(check().confirming);
  EXPECT_TRUE(staff_.cancelled.empty());
  Tap("lang-ru");
  Tap("check-cancel");
  printer_.status.job = JobState::kPrinting;
  Tap("cancel-confirm");
  ASSERT_EQ(staff_.cancelled, std::vector<std::string>{kVoucher});
  EXPECT_EQ(staff_.cancel_lang, "ru");  // the slip in the shopper's language
  EXPECT_TRUE(check().cancelled);
  EXPECT_EQ(check().refund, 1000);
  EXPECT_EQ(check().code, "");  // the voucher text is not kept
  EXPECT_TRUE(app_.Busy());
  printer_.status.job = JobState::kDone;
  app_.Tick(now_ += 100);
  EXPECT_FALSE(app_.Busy());
  Tap("check-cancel");
  EXPECT_EQ(staff_.cancelled.size(), 1u);
  Tap("done");
  EXPECT_EQ(app_.view().screen, Screen::kWall);
  EXPECT_FALSE(check().check);
  EXPECT_EQ(app_.view().lang, i18n::Lang::kRu) << "the shopper's language stays on the wall";
}

TEST_F(CheckFlowTest, NoCancelWhenTheTillSaysNo) {
  staff_.checks[kVoucher].can_cancel = false;
  Scan(kVoucher);
  Tap("check-cancel");
  Tap("cancel-confirm");
  EXPECT_FALSE(check().confirming);
  EXPECT_TRUE(staff_.cancelled.empty());
}

TEST_F(CheckFlowTest, ARefusalIsExplainedAndTheVoucherReadAgain) {
  Scan(kVoucher);
  staff_.cancel_refusal = "after_stop";
  staff_.checks[kVoucher].can_cancel = false;  // what the till says now
  Tap("check-cancel");
  Tap("cancel-confirm");
  EXPECT_EQ(check().error, "after_stop");
  EXPECT_FALSE(check().cancelled);
  EXPECT_FALSE(check().check->can_cancel);
}

TEST_F(CheckFlowTest, UnknownVoucherAndStorageFailureAreWordsAndIdleReturnsToTheWall) {
  Scan("1-1-12345");
  EXPECT_EQ(app_.view().screen, Screen::kCheck);
  EXPECT_FALSE(check().check->found);
  app_.Tick(now_ += AppOptions{}.idle_timeout_ms);
  EXPECT_EQ(app_.view().screen, Screen::kWall);
  staff_.fail_storage = true;
  Scan(kVoucher);
  EXPECT_EQ(check().error, "storage");
}

TEST_F(CheckFlowTest, WithoutATillTheWallSaysToAskAtTheTill) {
  KioskApp shop(deals_, printer_, AppOptions{});
  shop.Start(kT0);
  shop.Scan(kVoucher, kT0 + 1);
  EXPECT_EQ(shop.view().screen, Screen::kWall);
  EXPECT_EQ(shop.view().notice, "scan.voucher_at_till");
}

}  // namespace
}  // namespace gb::app
