// Staff mode as a real groupbuy-kiosk process: the long press on the staff
// corner, the PIN pad (wrong, right, locked out, and still locked after a
// restart), the redeem verdicts a kiosk can produce on its own vouchers, the
// redemption written to the ledger with its slip printed, and --mode till;
// and the shopper's check and cancel on the wall, before and after the stop.
#include <filesystem>
#include <string>

#include "tests/kiosk/shell/journey_fixture.h"

namespace gb::shell {
namespace {

class StaffJourneyTest : public JourneyTest {
 protected:
  void SetUp() override {
    JourneyTest::SetUp();
    AddLampAndStaff();
    ASSERT_FALSE(HasFatalFailure());
  }

  static std::string Join(int deal, const std::string& phone) {
    return "tap #deal-" + std::to_string(deal) + "\ntap #join\ntype " + phone +
           "\ntap #consent\ntap #confirm\nexpect #screen-done\ntap #done\n";
  }

  // The voucher text and short code of pledge `id`, as printed.
  std::pair<std::string, std::string> Voucher(int64_t id) {
    ledger::Ledger l = OpenLedger();
    auto v = l.VoucherForPrint(id, static_cast<int64_t>(std::time(nullptr)));
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? std::make_pair(v->voucher_text, v->short_code) : std::make_pair("", "");
  }

  static constexpr const char* kSignIn = "press #staff 2000\ntype 246810\ntap #pin-enter\n";
};

TEST_F(StaffJourneyTest, ShortTapDoesNothingWrongPinThenRightPinThenLeave) {
  const ProcessRun r = Kiosk(
      "tap #staff\n"
      "expect #screen-wall\n"
      "press #staff 1500\n"
      "expect #screen-wall\n"
      "press #staff 2000\n"
      "expect #screen-pin\n"
      "type 1111\n"
      "expect #pin =\xE2\x97\x8F\xE2\x97\x8F\xE2\x97\x8F\xE2\x97\x8F\n"
      "tap #pin-enter\n"
      "expect #pin-error Wrong PIN. 4 attempts left.\n"
      "expect #pin =\n"
      "type 246810\n"
      "tap #pin-enter\n"
      "expect #screen-redeem\n"
      "expect #staff-member Lena\n"
      "tap #staff-exit\n"
      "expect #screen-wall\n");
  EXPECT_EQ(r.code, 0) << r.err;
}

TEST_F(StaffJourneyTest, FiveWrongPinsLockThePadEvenAcrossARestart) {
  std::string script = "press #staff 2000\n";
  for (int i = 0; i < 5; ++i) script += "type 1111\ntap #pin-enter\n";
  // Ivan is a cashier: his right PIN does not open a locked pad (a
  // manager's would, and clear the lock-out: StaffDirectoryTest).
  const std::string cashier = "press #staff 2000\ntype 135791\ntap #pin-enter\n";
  script +=
      "expect #pin-error locked until\n"
      "type 135791\n"
      "tap #pin-enter\n"
      "expect #pin-error locked until\n"
      "expect #screen-pin\n";
  ProcessRun r = Kiosk(script);
  ASSERT_EQ(r.code, 0) << r.err;
  r = Kiosk(cashier + "expect #pin-error locked until\n");
  EXPECT_EQ(r.code, 0) << r.err;
  // Five minutes later the right PIN works again.
  r = Kiosk("wait 301000\n" + cashier + "expect #screen-redeem\n");
  EXPECT_EQ(r.code, 0) << r.err;
}

TEST_F(StaffJourneyTest, RedeemValidThenAlreadyRedeemedForgedAndNotFound) {
  ProcessRun r = Kiosk(Join(7, "015112345678") + Join(7, "015198765432") + Join(1, "015100000001"));
  ASSERT_EQ(r.code, 0) << r.err;
  const auto [text, code] = Voucher(1);
  const auto [text3, code3] = Voucher(3);
  ASSERT_FALSE(code.empty());
  // One digit of the check group changed: a typo the check digit catches.
  std::string typo = code;
  typo.back() = typo.back() == '0' ? '1' : '0';
  // One character of the signature changed: not a genuine voucher.
  std::string forged = text;
  forged[forged.size() - 3] = forged[forged.size() - 3] == 'A' ? 'B' : 'A';
  ASSERT_TRUE(std::filesystem::exists(kdir_ + "/printer/0003.png"));  // three vouchers
  r = Kiosk(std::string(kSignIn) + "type " + code +
            "\n"
            "expect #code =" +
            code +
            "\n"
            "tap #redeem-check\n"
            "expect #redeem-verdict =VALID\n"
            "expect #redeem-detail To charge now: €99.00\n"
            "tap #redeem-confirm\n"
            "expect #redeem-result Redeemed.\n"
            "expect #redeem-verdict =VALID\n"
            "scan " +
            text +
            "\n"
            "expect #redeem-verdict =ALREADY_REDEEMED\n"
            "expect #redeem-detail Test Store\n"
            "scan " +
            forged +
            "\n"
            "expect #redeem-verdict =FORGED\n"
            "tap #redeem-next\n"
            "type " +
            typo +
            "\n"
            "tap #redeem-check\n"
            "expect #redeem-verdict =NOT_FOUND\n"
            "scan " +
            text3 +
            "\n"
            "expect #redeem-verdict =NOT_YET_UNLOCKED\n"
            "shot redeem\n");
  ASSERT_EQ(r.code, 0) << r.err;
  auto pledge = OpenLedger().GetPledge(1);
  ASSERT_TRUE(pledge.ok());
  EXPECT_TRUE(pledge->redeemed_at.has_value());
  EXPECT_EQ(pledge->redeemed_place, "Test Store");
  // The redemption slip was printed before the screen said so, and only it.
  EXPECT_TRUE(std::filesystem::exists(kdir_ + "/printer/0004.png"));
  EXPECT_FALSE(std::filesystem::exists(kdir_ + "/printer/0005.png"));
}

TEST_F(StaffJourneyTest, CancelBeforeTheStopPrintsASlipAndTheTillSaysVoid) {
  ProcessRun r = Kiosk(Join(7, "015112345678"));
  ASSERT_EQ(r.code, 0) << r.err;
  const auto [text, code] = Voucher(1);
  r = Kiosk("scan " + text +
            "\n"
            "expect #screen-check\n"
            "expect #check-title You are #1.\n"
            "expect #check-state We need 1 more\n"
            "tap #check-cancel\n"
            "tap #cancel-keep\n"
            "tap #check-cancel\n"
            "tap #cancel-confirm\n"
            "expect #check-result Cancelled.\n"
            "expect #check-state Your place is cancelled.\n"
            "tap #done\n"
            "expect #deal-7 0 of 2 joined\n" +
            std::string(kSignIn) + "scan " + text +
            "\n"
            "expect #redeem-verdict =VOID\n"
            "expect #redeem-detail cancelled\n");
  ASSERT_EQ(r.code, 0) << r.err;
  auto pledge = OpenLedger().GetPledge(1);
  ASSERT_TRUE(pledge.ok());
  EXPECT_TRUE(pledge->cancelled_at.has_value());
  EXPECT_TRUE(std::filesystem::exists(kdir_ + "/printer/0002.png"));  // the cancellation slip
}

TEST_F(StaffJourneyTest, AfterTheStopThereIsNoCancelAndTheWordsSayWhy) {
  ProcessRun r = Kiosk(Join(7, "015112345678") + Join(7, "015198765432"));
  ASSERT_EQ(r.code, 0) << r.err;
  const auto [text, code] = Voucher(2);
  // Two days and an hour later: past the stop.
  const std::string later = "wait 176400000\nscan " + code + "\n";
  r = Kiosk(later +
            "expect #check-title You are #2.\n"
            "expect #check-state The deal is unlocked!\n"
            "expect #check-no-cancel no longer be cancelled\n");
  ASSERT_EQ(r.code, 0) << r.err;
  r = Kiosk(later + "tap #check-cancel\n");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("no #check-cancel"), std::string::npos) << r.err;
}

TEST_F(StaffJourneyTest, DepositThenCancelThenRefundAndStopSignUps) {
  // Deal 2 of the example catalog asks a 10 % deposit of its €299.00.
  ProcessRun r = Kiosk(Join(2, "015112345678"));
  ASSERT_EQ(r.code, 0) << r.err;
  const auto [text, code] = Voucher(1);
  r = Kiosk(std::string(kSignIn) +
            "tap #tab-deposit\n"
            "scan " +
            text +
            "\n"
            "expect #till-amount Deposit to take: €29.90\n"
            "tap #deposit-confirm\n"
            "expect #till-result Deposit of €29.90 taken.\n"
            "tap #redeem-next\n"
            "scan " +
            text +
            "\n"
            "expect #till-amount Deposit already paid on\n"
            "tap #staff-exit\n"
            "scan " +
            text +
            "\n"
            "tap #check-cancel\n"
            "tap #cancel-confirm\n"
            "expect #check-result Cancelled.\n"
            "tap #done\n" +
            std::string(kSignIn) +
            "tap #tab-refund\n"
            "scan " +
            code +
            "\n"
            "expect #till-amount To give back: €29.90\n"
            "tap #refund-confirm\n"
            "expect #till-result €29.90 given back.\n"
            "tap #tab-deals\n"
            "expect #today-2 Today: 1 sign-up,\n"
            "tap #stop-2\n"
            "expect #stop-deal Armchair Bergen\n"
            "tap #stop-confirm\n"
            "expect #screen-staff-deals\n"
            "tap #staff-exit\n"
            "expect #deal-2 Sign-ups were stopped early\n");
  ASSERT_EQ(r.code, 0) << r.err;
  auto pledge = OpenLedger().GetPledge(1);
  ASSERT_TRUE(pledge.ok());
  EXPECT_EQ(pledge->deposit_paid, 2990);
  EXPECT_TRUE(pledge->refunded_at.has_value());
  // Receipts: voucher, deposit, cancellation, refund.
  EXPECT_TRUE(std::filesystem::exists(kdir_ + "/printer/0004.png"));
  auto deal = OpenLedger().GetDeal(2, static_cast<int64_t>(std::time(nullptr)));
  ASSERT_TRUE(deal.ok());
  EXPECT_TRUE(deal->deal.stopped_early_at.has_value());
}

TEST_F(StaffJourneyTest, TillModeStartsAndEndsOnThePinPad) {
  const ProcessRun r = Kiosk(
      "expect #screen-pin\n"
      "type 246810\n"
      "tap #pin-enter\n"
      "expect #screen-redeem\n"
      "tap #staff-exit\n"
      "expect #screen-pin\n"
      "type 246810\n"
      "tap #pin-enter\n"
      "wait 61000\n"
      "expect #screen-pin\n",
      "--mode till");
  EXPECT_EQ(r.code, 0) << r.err;
}

TEST_F(StaffJourneyTest, IdleStaffModeReturnsToTheWall) {
  const ProcessRun r = Kiosk(std::string(kSignIn) +
                             "expect #screen-redeem\n"
                             "wait 61000\n"
                             "expect #screen-wall\n"
                             "press #staff 2000\n"
                             "expect #pin =\n");
  EXPECT_EQ(r.code, 0) << r.err;
}

TEST_F(StaffJourneyTest, BadModeIsRefused) {
  EXPECT_EQ(Kiosk("expect #screen-wall\n", "--mode shopper").code, 2);
}

}  // namespace
}  // namespace gb::shell
