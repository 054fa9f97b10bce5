// Staff mode in the app with in-memory desks: the long press, the PIN pad's
// refusals in words, the redeem screen's scan/type/confirm, the slip being
// followed, leaving by button and by idle, and till mode.
#include <gtest/gtest.h>

#include "kiosk/app/kiosk_app.h"
#include "kiosk/app/staff_flow.h"
#include "tests/kiosk/app/fake_desks.h"
#include "tests/kiosk/app/fake_staff_desk.h"

namespace gb::app {
namespace {

constexpr int64_t kT0 = 1'790'000'000'000;  // ms

class StaffModeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    deals_.deals.push_back(DealInfo{test::SofaDeal(kT0 / 1000), rules::DealState::kOpen, {}});
    RedeemAnswer valid;
    valid.verdict = "VALID";
    valid.currency = "EUR";
    valid.short_code = "1-1-12345";
    valid.price = 59900;
    valid.charge = 59900;
    staff_.answers["1-1-12345"] = valid;
    staff_.answers["GB1:VOUCHER"] = valid;
    app_.Start(kT0);
  }
  void Tap(std::string_view id, int64_t held = 0) { app_.Tap(id, now_ += 100, held); }
  void TypeKeys(std::string_view text) {
    for (char c : text) Tap(c == '-' ? "key-dash" : "key-" + std::string(1, c));
  }
  void SignIn() {
    Tap("staff", kStaffPressMs);
    TypeKeys("2468");
    Tap("pin-enter");
  }
  Screen screen() const { return app_.view().screen; }

  test::FakeDealDesk deals_;
  test::FakePrintDesk printer_;
  test::FakeStaffDesk staff_;
  AppOptions options_;
  KioskApp app_{deals_, printer_, options_, &staff_};
  int64_t now_ = kT0;
};

TEST_F(StaffModeTest, OnlyALongPressOpensThePinPad) {
  Tap("staff");
  Tap("staff", kStaffPressMs - 1);
  EXPECT_EQ(screen(), Screen::kWall);
  Tap("staff", kStaffPressMs);
  EXPECT_EQ(screen(), Screen::kPin);
}

TEST_F(StaffModeTest, NoStaffDeskNoStaffMode) {
  KioskApp shop(deals_, printer_, options_);
  shop.Start(kT0);
  shop.Tap("staff", kT0 + 1, 5000);
  EXPECT_EQ(shop.view().screen, Screen::kWall);
}

TEST_F(StaffModeTest, WrongPinSaysAttemptsLeftAndClearsThePad) {
  Tap("staff", kStaffPressMs);
  TypeKeys("1111");
  EXPECT_EQ(app_.view().staff.pin, "1111");
  Tap("pin-enter");
  EXPECT_EQ(screen(), Screen::kPin);
  EXPECT_EQ(app_.view().staff.pin_error, "wrong_pin");
  EXPECT_EQ(app_.view().staff.attempts_left, 4);
  EXPECT_EQ(app_.view().staff.pin, "");
  TypeKeys("2468");
  EXPECT_EQ(app_.view().staff.pin_error, "");  // typing again clears the words
  Tap("pin-enter");
  EXPECT_EQ(screen(), Screen::kRedeem);
  EXPECT_EQ(app_.view().staff.member, "Lena");
}

TEST_F(StaffModeTest, PinIsAtMostTwelveDigitsAndPlusIsNoKeyHere) {
  Tap("staff", kStaffPressMs);
  TypeKeys("12345678901234");
  Tap("key-plus");
  Tap("key-dash");
  EXPECT_EQ(app_.view().staff.pin, "123456789012");
  Tap("key-back");
  EXPECT_EQ(app_.view().staff.pin, "12345678901");
  Tap("key-clear");
  Tap("pin-enter");  // nothing typed: nothing checked
  EXPECT_EQ(staff_.failures, 0);
}

TEST_F(StaffModeTest, LockOutSaysUntilWhen) {
  Tap("staff", kStaffPressMs);
  for (int i = 0; i < 5; ++i) {
    TypeKeys("1111");
    Tap("pin-enter");
  }
  EXPECT_EQ(app_.view().staff.pin_error, "locked_out");
  EXPECT_EQ(app_.view().staff.locked_until, staff_.locked_until);
  TypeKeys("2468");
  EXPECT_EQ(app_.view().staff.pin, "") << "a locked pad takes no keys";
  Tap("pin-enter");
  EXPECT_EQ(screen(), Screen::kPin);
  EXPECT_EQ(app_.view().staff.pin_error, "locked_out");
  EXPECT_EQ(staff_.sign_ins, 5) << "nothing reaches the staff list while locked";
  now_ = staff_.locked_until * 1000;  // the lock has run out
  TypeKeys("2468");
  Tap("pin-enter");
  EXPECT_EQ(screen(), Screen::kRedeem);
}

TEST_F(StaffModeTest, StorageFailureIsWordsNotACrash) {
  staff_.fail_storage = true;
  SignIn();
  EXPECT_EQ(screen(), Screen::kPin);
  EXPECT_EQ(app_.view().staff.pin_error, "storage");
}

TEST_F(StaffModeTest, AnUnreachableStoreIsToldApartFromABrokenDisk) {
  SignIn();
  staff_.store_offline = true;
  TypeKeys("1-1-12345");
  Tap("redeem-check");
  EXPECT_FALSE(app_.view().staff.answer);
  EXPECT_EQ(app_.view().staff.error, "store_offline");
  staff_.store_offline = false;
  staff_.fail_storage = true;
  Tap("redeem-check");
  EXPECT_EQ(app_.view().staff.error, "storage");
}

TEST_F(StaffModeTest, TheServerIdentityAlarmRefusesTheRedemptionAndShowsUntilItClears) {
  SignIn();
  TypeKeys("1-1-12345");
  Tap("redeem-check");
  ASSERT_TRUE(app_.view().staff.answer);
  EXPECT_FALSE(app_.view().server_alarm);
  staff_.identity_changed = true;
  Tap("redeem-confirm");
  EXPECT_FALSE(app_.view().staff.answer);
  EXPECT_EQ(app_.view().staff.error, "server_identity_changed");
  EXPECT_TRUE(app_.view().server_alarm);  // with the refusal, not a tick later
  EXPECT_TRUE(staff_.redeemed.empty());
  // The store's own certificate seen again: the next tick takes the alarm down.
  staff_.identity_changed = false;
  const uint64_t before = app_.revision();
  app_.Tick(now_ += 100);
  EXPECT_FALSE(app_.view().server_alarm);
  EXPECT_GT(app_.revision(), before);
}

TEST_F(StaffModeTest, TypedCodeIsCheckedThenRedeemedAndTheSlipFollowed) {
  SignIn();
  TypeKeys("1-1-12345");
  EXPECT_EQ(app_.view().staff.code, "1-1-12345");
  Tap("redeem-check");
  ASSERT_TRUE(app_.view().staff.answer);
  EXPECT_EQ(app_.view().staff.answer->verdict, "VALID");
  EXPECT_TRUE(staff_.redeemed.empty());  // looking changes nothing
  printer_.status.job = JobState::kPrinting;
  Tap("redeem-confirm");
  ASSERT_EQ(staff_.redeemed, std::vector<std::string>{"1-1-12345"});
  EXPECT_TRUE(app_.view().staff.answer->redeemed_now);
  EXPECT_TRUE(app_.Busy());  // the slip is printing
  EXPECT_EQ(printer_.last_job, 77);
  EXPECT_GE(printer_.wakes, 1);
  printer_.status.job = JobState::kDone;
  app_.Tick(now_ += 100);
  EXPECT_FALSE(app_.Busy());
  EXPECT_EQ(app_.view().slip.state, JobState::kDone);
  Tap("redeem-confirm");  // a second confirm does nothing
  EXPECT_EQ(staff_.redeemed.size(), 1u);
}

TEST_F(StaffModeTest, ScanLooksUpAndAScanAfterRedeemSaysAlreadyRedeemed) {
  SignIn();
  app_.Scan("GB1:VOUCHER", now_ += 100);
  EXPECT_EQ(app_.view().staff.answer->verdict, "VALID");
  printer_.status.job = JobState::kDone;
  Tap("redeem-confirm");
  app_.Scan("GB1:VOUCHER", now_ += 100);
  EXPECT_EQ(app_.view().staff.answer->verdict, "ALREADY_REDEEMED");
  EXPECT_EQ(app_.view().staff.answer->redeemed_place, "Test Store");
  app_.Scan("1-1-99999", now_ += 100);
  EXPECT_EQ(app_.view().staff.answer->verdict, "NOT_FOUND");
  Tap("redeem-confirm");  // no button for NOT_FOUND
  EXPECT_EQ(staff_.redeemed.size(), 1u);
  Tap("redeem-next");
  EXPECT_FALSE(app_.view().staff.answer);
  EXPECT_EQ(app_.view().staff.member, "Lena");
}

TEST_F(StaffModeTest, AScanThatIsNoVoucherSaysSoWithoutAskingTheTill) {
  SignIn();
  app_.Scan("4006381333931", now_ += 100);  // a product's EAN-13
  ASSERT_TRUE(app_.view().staff.answer);
  EXPECT_EQ(app_.view().staff.answer->verdict, "NOT_A_VOUCHER");
  EXPECT_TRUE(staff_.looked.empty());
  app_.Scan("GBD1:1", now_ += 100);  // a shelf card
  EXPECT_EQ(app_.view().staff.answer->verdict, "NOT_A_VOUCHER");
  Tap("redeem-confirm");
  EXPECT_TRUE(staff_.redeemed.empty());
  app_.Scan("GB1:VOUCHER", now_ += 100);
  EXPECT_EQ(app_.view().staff.answer->verdict, "VALID");
}

TEST_F(StaffModeTest, ScansOnThePinPadAreIgnored) {
  Tap("staff", kStaffPressMs);
  app_.Scan("GB1:VOUCHER", now_ += 100);
  EXPECT_EQ(screen(), Screen::kPin);
  EXPECT_TRUE(staff_.looked.empty());
}

TEST_F(StaffModeTest, LeavingByButtonOrIdleWipesStaffMode) {
  SignIn();
  TypeKeys("1-1");
  Tap("staff-exit");
  EXPECT_EQ(screen(), Screen::kWall);
  EXPECT_EQ(app_.view().staff.member, "");
  EXPECT_EQ(app_.view().staff.code, "");
  SignIn();
  app_.Tick(now_ += options_.idle_timeout_ms);
  EXPECT_EQ(screen(), Screen::kWall);
  EXPECT_EQ(app_.view().staff.member, "");
}

TEST(StaffTillModeTest, StartsAndReturnsToThePinPadWhichNeverTimesOut) {
  test::FakeDealDesk deals;
  test::FakePrintDesk printer;
  test::FakeStaffDesk staff;
  AppOptions options;
  options.till_mode = true;
  KioskApp app(deals, printer, options, &staff);
  app.Start(kT0);
  EXPECT_EQ(app.view().screen, Screen::kPin);
  for (char c : std::string("2468")) app.Tap("key-" + std::string(1, c), kT0 + 1);
  app.Tap("pin-enter", kT0 + 2);
  EXPECT_EQ(app.view().screen, Screen::kRedeem);
  app.Tap("staff-exit", kT0 + 3);
  EXPECT_EQ(app.view().screen, Screen::kPin);
  const uint64_t rev = app.revision();
  app.Tick(kT0 + 10 * options.idle_timeout_ms);
  EXPECT_EQ(app.view().screen, Screen::kPin);
  EXPECT_FALSE(app.view().idle_seconds_left);
  app.Tick(kT0 + 11 * options.idle_timeout_ms);
  // At home nothing ticks over and over (apart from a new minute on the clock).
  EXPECT_LE(app.revision(), rev + 2);
}

}  // namespace
}  // namespace gb::app

namespace gb::app {
namespace {

class StaffTillTest : public StaffModeTest {};

TEST_F(StaffTillTest, DepositTabTakesTheDepositOnceAndFollowsTheReceipt) {
  staff_.answers["1-1-12345"].deposit_to_take = 3990;
  SignIn();
  Tap("tab-deposit");
  EXPECT_EQ(app_.view().staff.action, TillAction::kDeposit);
  app_.Scan("1-1-12345", now_ += 100);
  Tap("redeem-confirm");  // not this tab's action
  EXPECT_TRUE(staff_.redeemed.empty());
  printer_.status.job = JobState::kDone;
  Tap("deposit-confirm");
  ASSERT_EQ(staff_.deposits, std::vector<std::string>{"1-1-12345"});
  EXPECT_EQ(app_.view().staff.done_amount, 3990);
  EXPECT_EQ(printer_.last_job, 90);
  Tap("deposit-confirm");
  EXPECT_EQ(staff_.deposits.size(), 1u);
  Tap("refund-confirm");
  EXPECT_TRUE(staff_.refunds.empty());
}

TEST_F(StaffTillTest, RefundTabGivesBackOnlyWhatTheTillSays) {
  SignIn();
  Tap("tab-refund");
  app_.Scan("1-1-12345", now_ += 100);
  Tap("refund-confirm");  // nothing to give back
  EXPECT_TRUE(staff_.refunds.empty());
  staff_.answers["1-1-12345"].refund_to_give = 1000;
  app_.Scan("1-1-12345", now_ += 100);
  Tap("refund-confirm");
  EXPECT_EQ(staff_.refunds.size(), 1u);
  EXPECT_EQ(app_.view().staff.done_amount, 1000);
}

TEST_F(StaffTillTest, DealsTabShowsTodayAndStopsSignUpsOnce) {
  staff_.today[1] = DealToday{4, 2};
  SignIn();
  Tap("tab-deals");
  EXPECT_EQ(screen(), Screen::kStaffDeals);
  EXPECT_EQ(app_.view().staff.today.at(1), (DealToday{4, 2}));
  Tap("stop-1");
  EXPECT_TRUE(staff_.stopped.empty()) << "one tap only asks";
  EXPECT_EQ(app_.view().staff.confirm_stop, 1u);
  Tap("stop-keep");
  EXPECT_EQ(app_.view().staff.confirm_stop, 0u);
  EXPECT_TRUE(staff_.stopped.empty());
  Tap("stop-confirm");  // nothing asked: nothing to confirm
  EXPECT_TRUE(staff_.stopped.empty());
  Tap("stop-1");
  Tap("stop-confirm");
  EXPECT_EQ(staff_.stopped, std::vector<uint32_t>{1});
  EXPECT_EQ(app_.view().staff.confirm_stop, 0u);
  EXPECT_EQ(app_.view().staff.refusal, "");
  Tap("stop-1");
  Tap("stop-confirm");
  EXPECT_EQ(app_.view().staff.refusal, "already_stopped");
  Tap("stop-x");
  Tap("stop-7");  // no such deal: nothing asked
  EXPECT_EQ(app_.view().staff.confirm_stop, 0u);
  EXPECT_EQ(staff_.stopped.size(), 1u);
  Tap("tab-redeem");
  EXPECT_EQ(screen(), Screen::kRedeem);
  EXPECT_EQ(app_.view().staff.member, "Lena");
}

// A cashier redeems and takes deposits; refunds and stopping sign-ups are a
// manager's, at the kiosk as at the store, so going offline grants nothing.
TEST_F(StaffTillTest, ACashierCanTakeADepositButNeitherRefundNorStop) {
  staff_.manager = false;
  staff_.answers["1-1-12345"].deposit_to_take = 3990;
  staff_.answers["1-1-12345"].refund_to_give = 1000;
  SignIn();
  EXPECT_FALSE(app_.view().staff.manager);
  Tap("tab-deposit");
  app_.Scan("1-1-12345", now_ += 100);
  Tap("deposit-confirm");
  EXPECT_EQ(staff_.deposits.size(), 1u);
  Tap("tab-refund");
  app_.Scan("1-1-12345", now_ += 100);
  Tap("refund-confirm");
  EXPECT_TRUE(staff_.refunds.empty());
  EXPECT_EQ(app_.view().staff.refusal, "role_required");
  Tap("tab-deals");
  Tap("stop-1");
  EXPECT_EQ(app_.view().staff.confirm_stop, 0u) << "a cashier is not asked to confirm";
  EXPECT_EQ(app_.view().staff.refusal, "role_required");
  Tap("stop-confirm");
  EXPECT_TRUE(staff_.stopped.empty());
  // The role stays with the member across tabs.
  Tap("tab-redeem");
  EXPECT_FALSE(app_.view().staff.manager);
  EXPECT_EQ(app_.view().staff.member, "Lena");
}

TEST_F(StaffTillTest, DealsTabPagesForwardAndBackWithinTheDeals) {
  for (uint32_t id = 2; id <= 6; ++id) {
    DealInfo d = deals_.deals[0];
    d.deal.id = id;
    deals_.deals.push_back(d);
  }
  SignIn();
  Tap("tab-deals");
  ASSERT_EQ(screen(), Screen::kStaffDeals);
  EXPECT_EQ(app_.view().staff.deals_page, 0);
  Tap("staff-deals-up");  // nothing before the first page
  EXPECT_EQ(app_.view().staff.deals_page, 0);
  const int deals = static_cast<int>(app_.view().deals.size());
  for (int i = 0; i < deals + 3; ++i) Tap("staff-deals-down");
  // Never past one page per deal, however often it is tapped; the view
  // clamps to the pages it has.
  ASSERT_EQ(deals, 6);
  EXPECT_EQ(app_.view().staff.deals_page, deals - 1);
  Tap("staff-deals-up");
  EXPECT_EQ(app_.view().staff.deals_page, deals - 2);
  // Another tab and back: staff find the page they were on.
  Tap("tab-redeem");
  Tap("tab-deals");
  EXPECT_EQ(app_.view().staff.deals_page, deals - 2);
}

}  // namespace
}  // namespace gb::app
