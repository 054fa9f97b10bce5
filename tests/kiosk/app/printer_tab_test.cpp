// Staff's Printer tab and the printer alert in the app with in-memory desks:
// the state follows the print desk, a test page, a reprint by typed code and
// by scan, shelf cards in the staff's language, refusals in the view, and a
// voucher shown on screen getting its paper copy marked REPRINT.
#include <gtest/gtest.h>

#include "kiosk/app/kiosk_app.h"
#include "kiosk/app/staff_flow.h"
#include "tests/kiosk/app/fake_desks.h"
#include "tests/kiosk/app/fake_staff_desk.h"

namespace gb::app {
namespace {

constexpr int64_t kT0 = 1'790'000'000'000;  // ms

class PrinterTabTest : public ::testing::Test {
 protected:
  void SetUp() override {
    deals_.deals.push_back(DealInfo{test::SofaDeal(kT0 / 1000), rules::DealState::kOpen, {}});
    app_.Start(kT0);
  }
  void Tap(std::string_view id, int64_t held = 0) { app_.Tap(id, now_ += 100, held); }
  void TypeKeys(std::string_view text) {
    for (char c : text) Tap(c == '-' ? "key-dash" : "key-" + std::string(1, c));
  }
  void ToPrinterTab() {
    Tap("staff", kStaffPressMs);
    TypeKeys("2468");
    Tap("pin-enter");
    Tap("tab-printer");
  }
  const ViewModel& vm() const { return app_.view(); }

  test::FakeDealDesk deals_;
  test::FakePrintDesk printer_;
  test::FakeStaffDesk staff_;
  AppOptions options_;
  KioskApp app_{deals_, printer_, options_, &staff_};
  int64_t now_ = kT0;
};

TEST_F(PrinterTabTest, TheTabOpensFromTheTillAndShowsThePrinterAsTheDeskSaysIt) {
  ToPrinterTab();
  EXPECT_EQ(vm().screen, Screen::kStaffPrinter);
  EXPECT_EQ(vm().staff.member, "Lena");
  EXPECT_TRUE(vm().printer.ready);
  printer_.printer = PrinterState{false, "paper_out", 0, 2};
  const uint64_t before = app_.revision();
  app_.Tick(now_ += 100);
  EXPECT_EQ(vm().printer, (PrinterState{false, "paper_out", 0, 2}));
  EXPECT_GT(app_.revision(), before) << "the screen must redraw";
  Tap("tab-redeem");
  EXPECT_EQ(vm().screen, Screen::kRedeem);
  Tap("tab-printer");
  Tap("staff-exit");
  EXPECT_EQ(vm().screen, Screen::kWall);
}

TEST_F(PrinterTabTest, TestPageAndShelfCardAreQueuedInTheStaffLanguage) {
  ToPrinterTab();
  Tap("printer-test");
  EXPECT_EQ(vm().staff.printed, "test");
  Tap("shelf-1");  // not on the Printer tab: the Deals tab has them
  EXPECT_EQ(printer_.queued, std::vector<std::string>{"test"});
  Tap("tab-deals");
  Tap("lang-ru");
  Tap("shelf-1");
  EXPECT_EQ(vm().staff.printed, "shelf");
  EXPECT_EQ(vm().staff.printed_what, "1");
  Tap("shelf-x1");  // not a deal id: nothing queued
  EXPECT_EQ(printer_.queued, (std::vector<std::string>{"test", "shelf 1 ru"}));
  EXPECT_EQ(vm().printer.waiting, 2) << "the queue is read again after a job";
}

TEST_F(PrinterTabTest, ReprintByTypedCodeOrByScanAndRefusalsInTheView) {
  ToPrinterTab();
  Tap("printer-reprint");  // nothing typed: nothing happens
  EXPECT_TRUE(printer_.queued.empty());
  TypeKeys("1-1-12345");
  EXPECT_EQ(vm().staff.code, "1-1-12345");
  Tap("printer-reprint");
  EXPECT_EQ(vm().staff.printed, "reprint");
  EXPECT_EQ(vm().staff.printed_what, "1-1-12345");
  EXPECT_EQ(vm().staff.code, "");
  app_.Scan("GB1:VOUCHER", now_ += 100);
  EXPECT_EQ(vm().staff.printed, "reprint");
  EXPECT_EQ(vm().staff.printed_what, "") << "a voucher's text is not for the screen";
  EXPECT_EQ(printer_.queued,
            (std::vector<std::string>{"reprint 1-1-12345", "reprint GB1:VOUCHER"}));
  printer_.refuse = "not_found";
  TypeKeys("9-9-99999");
  Tap("printer-reprint");
  EXPECT_EQ(vm().staff.printed, "");
  EXPECT_EQ(vm().staff.print_refusal, "not_found");
  EXPECT_TRUE(staff_.looked.empty()) << "a reprint redeems nothing and looks nothing up";
}

TEST_F(PrinterTabTest, AVoucherShownOnScreenHasItsPaperCopyMarkedReprint) {
  printer_.status = PrintStatus{JobState::kHeld, false, "paper_out"};
  printer_.printer = PrinterState{false, "paper_out", 0, 1};
  Tap("deal-1");
  Tap("join");
  TypeKeys("015112345678");
  Tap("consent");
  Tap("confirm");
  ASSERT_EQ(vm().print_phase, PrintPhase::kFailed);
  EXPECT_EQ(printer_.shown, std::vector<int64_t>{41});
  EXPECT_FALSE(vm().printer.ready) << "the alert shows";
  printer_.printer = PrinterState{};
  app_.Tick(now_ += 100);
  EXPECT_TRUE(vm().printer.ready) << "the alert clears";
}

TEST_F(PrinterTabTest, APrintedVoucherIsNotMarked) {
  printer_.status = PrintStatus{JobState::kDone, true, ""};
  Tap("deal-1");
  Tap("join");
  TypeKeys("015112345678");
  Tap("consent");
  Tap("confirm");
  EXPECT_EQ(vm().screen, Screen::kDone);
  EXPECT_TRUE(printer_.shown.empty());
}

}  // namespace
}  // namespace gb::app
