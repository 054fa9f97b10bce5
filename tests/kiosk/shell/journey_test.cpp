// Scripted shopper journeys: the real groupbuy-kiosk process, headless, on a
// kiosk folder made by groupbuy-provision (init-kiosk, catalog import of
// docs/examples/catalog.json), its real ledger and the png: virtual
// printer. What the scripts do is then checked where it lands: the ledger,
// the printed PNG (its QR read back by zbar) and the exit status.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <string>

#include "drivers/virtual/png_codec.h"
#include "tests/kiosk/shell/journey_fixture.h"
#include "tests/support/qr_scan.h"

namespace gb::shell {
namespace {

TEST_F(JourneyTest, JoinRecordsThePledgeAndPrintsAScannableVoucher) {
  const ProcessRun r = Kiosk(std::string(kJoin) +
                             "expect #done-title You are #1.\n"
                             "expect #done-detail We need 9 more by\n"
                             "shot done\n"
                             "tap #done\n"
                             "expect #deal-1 1 of 10 joined\n");
  ASSERT_EQ(r.code, 0) << r.err;
  ledger::Ledger l = OpenLedger();
  auto vouchers = l.CountVouchers();
  ASSERT_TRUE(vouchers.ok());
  EXPECT_EQ(*vouchers, 1);
  auto voucher = l.VoucherForPrint(1, static_cast<int64_t>(std::time(nullptr)));
  ASSERT_TRUE(voucher.ok()) << voucher.status().ToString();
  auto png = base::ReadFile(kdir_ + "/printer/0001.png");
  ASSERT_TRUE(png.ok()) << "the receipt was not printed";
  auto image = virtual_printer::DecodePng(*png);
  ASSERT_TRUE(image.ok());
  const std::vector<std::string> codes = virtual_printer::ScanQrCodes(*image);
  ASSERT_EQ(codes.size(), 1u);
  EXPECT_EQ(codes[0], voucher->voucher_text);
  EXPECT_TRUE(std::filesystem::exists(tmp_.File("shots/done.png")));
}

TEST_F(JourneyTest, LanguageSwitchOnEveryScreen) {
  const ProcessRun r = Kiosk(
      "tap #lang-ru\n"
      "expect #deal-1 0 из 10 участвуют\n"
      "tap #deal-1\n"
      "expect #join Участвовать\n"
      "tap #lang-zh\n"
      "expect #join 参加团购\n"
      "tap #join\n"
      "type 0151\n"
      "tap #lang-en\n"
      "expect #confirm Confirm and print\n"
      "expect #phone =0151\n");
  EXPECT_EQ(r.code, 0) << r.err;
}

TEST_F(JourneyTest, IdleTimeoutCountsDownAndWipesTheForm) {
  const ProcessRun r = Kiosk(
      "tap #lang-ru\n"
      "tap #deal-1\n"
      "tap #join\n"
      "type 0151234\n"
      "wait 50500\n"
      "expect #idle-countdown 10 секунд\n"
      "wait 9600\n"
      "expect #screen-wall\n"
      "expect #lang-en English\n"
      "expect #deal-1 joined\n"
      "tap #deal-1\n"
      "tap #join\n"
      "expect #phone =\n");
  EXPECT_EQ(r.code, 0) << r.err;
  auto vouchers = OpenLedger().CountVouchers();
  ASSERT_TRUE(vouchers.ok());
  EXPECT_EQ(*vouchers, 0);
}

TEST_F(JourneyTest, BadPhoneIsExplainedAndNothingIsSaved) {
  const ProcessRun r = Kiosk(
      "tap #deal-1\n"
      "tap #join\n"
      "type 123\n"
      "tap #consent\n"
      "tap #confirm\n"
      "expect #join-error not complete or not valid\n"
      "expect #screen-join\n");
  EXPECT_EQ(r.code, 0) << r.err;
  auto vouchers = OpenLedger().CountVouchers();
  ASSERT_TRUE(vouchers.ok());
  EXPECT_EQ(*vouchers, 0);
}

TEST_F(JourneyTest, PaperOutShowsTheVoucherAndHoldsTheReprint) {
  std::filesystem::create_directories(kdir_ + "/printer");
  std::ofstream(kdir_ + "/printer/paper-out") << "";
  const ProcessRun r = Kiosk(std::string(kJoin) +
                             "expect #print-title could not print\n"
                             "expect #print-state out of paper\n"
                             "expect #voucher-code Code\n"
                             "tap #done\n");
  ASSERT_EQ(r.code, 0) << r.err;
  ledger::Ledger l = OpenLedger();
  auto summary = l.GetPrintQueueSummary();
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->held, 1);
  EXPECT_EQ(summary->held_reason, "paper_out");
  EXPECT_FALSE(std::filesystem::exists(kdir_ + "/printer/0001.png"));
}

TEST_F(JourneyTest, AFailingLineExitsNonZeroNamingTheLine) {
  ProcessRun r = Kiosk("tap #deal-1\nexpect #deal-title Armchair\n");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("line 2"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("found \"Sofa Oslo, 3 seats\""), std::string::npos) << r.err;
  r = Kiosk("tap #nope\n");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("no #nope on the wall screen"), std::string::npos) << r.err;
  r = Kiosk("jump\n");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("line 1"), std::string::npos) << r.err;
}

TEST_F(JourneyTest, LandscapeJourneyAndTapsByPixel) {
  // On a 1920x1080 wall the first card's top left area is at about (200, 500).
  const ProcessRun r = Kiosk(
      "tap 200 500\n"
      "expect #deal-title Sofa\n"
      "shot deal-landscape\n",
      "--size 1920x1080");
  EXPECT_EQ(r.code, 0) << r.err;
}

TEST_F(JourneyTest, BadArgumentsAndNoDisplay) {
  EXPECT_EQ(Sh(std::string(GB_KIOSK_BIN) + " --help").code, 0);
  ProcessRun r =
      Sh(std::string(GB_KIOSK_BIN) + " --dir " + kdir_ + " --lang de --headless --script x");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--lang"), std::string::npos) << r.err;
  // A bad --size is refused before anything starts (it used to reach std::stoi).
  r = Sh(std::string(GB_KIOSK_BIN) + " --dir " + kdir_ +
         " --size 12abcx99999999999 --headless --script x");
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("--size wants WxH"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("the width is not a whole number"), std::string::npos) << r.err;
  r = Sh(std::string(GB_KIOSK_BIN) + " --dir " + tmp_.File("nothing") + " --headless --script x");
  EXPECT_EQ(r.code, 2);
  r = Sh(std::string(GB_KIOSK_BIN) + " --dir " + kdir_ + " --headless");
  EXPECT_EQ(r.code, 2);
  // No X server and no KMS device a test may use: the kiosk says so.
  r = Sh("env -u DISPLAY -u WAYLAND_DISPLAY " + std::string(GB_KIOSK_BIN) + " --dir " + kdir_);
  EXPECT_EQ(r.code, 2);
  EXPECT_NE(r.err.find("no video driver could start"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace gb::shell
