// The printer as a real groupbuy-kiosk process sees it (png: printer):
// paper out at a sign-up (the voucher on screen with its QR and short code,
// the alert, staff's Printer tab saying why with the job held), paper back
// while the kiosk runs (the held voucher prints by itself, marked REPRINT,
// and the alert clears); and staff's Printer tab queuing a test page, a
// reprint by short code and a shelf card from the Deals tab.
#include <chrono>
#include <filesystem>
#include <thread>

#include "tests/kiosk/receipts/drawn_words.h"
#include "tests/kiosk/shell/journey_fixture.h"

namespace gb::shell {
namespace {

namespace fs = std::filesystem;

class PrinterJourneyTest : public JourneyTest {
 protected:
  void SetUp() override {
    JourneyTest::SetUp();
    ASSERT_EQ(Sh("echo 246810 | " + std::string(GB_PROVISION_BIN) + " staff add --dir " + kdir_ +
                 " --name Lena")
                  .code,
              0);
    fs::create_directories(printer_dir());
  }
  std::string printer_dir() const { return kdir_ + "/printer"; }
  std::string Page(int n) const {
    char name[16];
    std::snprintf(name, sizeof name, "/%04d.escpos", n);
    auto bytes = base::ReadFile(printer_dir() + name);
    return bytes.ok() ? *bytes : std::string();
  }
  // Receipts draw their words, so the mark is looked for as the image the
  // kiosk sends for it (png: printers are 80 mm; the shopper spoke English).
  bool Reprinted(int n) const {
    return receipts::drawn::Contains(Page(n), receipts::drawn::ReprintMark("generic-80mm"));
  }
  bool HasCode(int n, const std::string& short_code) const {
    return receipts::drawn::Contains(Page(n),
                                     receipts::drawn::CodeLine("generic-80mm", short_code));
  }
  int Pages() const {
    int n = 0;
    for (const auto& e : fs::directory_iterator(printer_dir())) {
      if (e.path().extension() == ".png") ++n;
    }
    return n;
  }

  static constexpr const char* kToPrinterTab =
      "press #staff 2000\ntype 246810\ntap #pin-enter\ntap #tab-printer\n";
};

TEST_F(PrinterJourneyTest, PaperOutShowsTheVoucherAlertsStaffAndThePaperCopySaysReprint) {
  std::ofstream(printer_dir() + "/paper-out") << "";
  const std::string shot = tmp_.File("shots") + "/alerted.png";
  ProcessRun run;
  std::thread kiosk([&] {
    run = Kiosk(std::string(kJoin) +
                "expect #screen-printing\n"
                "expect #print-state out of paper\n"
                "expect #voucher-qr\n"
                "expect #voucher-code 1-\n"
                "tap #done\n"
                "expect #printer-alert out of paper\n" +
                kToPrinterTab +
                "expect #printer-state out of paper\n"
                "expect #printer-queue Held: 1.\n"
                // The test puts paper back once this shot exists.
                "shot alerted\n"
                "await #printer-state Printer ready\n"
                "await #printer-queue Waiting to print: 0. Held: 0.\n"
                "tap #staff-exit\n"
                "expect #screen-wall\n");
  });
  // Bounded so a kiosk that died early fails the test instead of hanging it.
  for (int i = 0; i < 600 && !fs::exists(shot); ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  const bool alerted = fs::exists(shot);
  fs::remove(printer_dir() + "/paper-out");
  kiosk.join();
  ASSERT_TRUE(alerted) << run.err;
  ASSERT_EQ(run.code, 0) << run.err;
  ASSERT_EQ(Pages(), 1) << "the held voucher printed once, after the paper came back";
  EXPECT_TRUE(Reprinted(1))
      << "the shopper left with the voucher on screen: the paper copy is a second one";
  ledger::Ledger l = OpenLedger();
  auto summary = l.GetPrintQueueSummary();
  ASSERT_TRUE(summary.ok());
  EXPECT_EQ(summary->held, 0);
  EXPECT_EQ(summary->done, 1);
}

TEST_F(PrinterJourneyTest, StaffPrintATestPageAReprintAndAShelfCard) {
  ProcessRun r = Kiosk(std::string(kJoin) + "expect #screen-done\ntap #done\n");
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_EQ(Pages(), 1);
  EXPECT_FALSE(Reprinted(1)) << "the first copy is the voucher";
  ledger::Ledger l = OpenLedger();
  auto v = l.VoucherForPrint(1, static_cast<int64_t>(std::time(nullptr)));
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  r = Kiosk(std::string(kToPrinterTab) +
            "expect #printer-state Printer ready\n"
            "tap #printer-test\n"
            "expect #printer-result Test page queued.\n"
            "type 9-9-99999\n"
            "tap #printer-reprint\n"
            "expect #printer-error\n"
            "type " +
            v->short_code +
            "\n"
            "tap #printer-reprint\n"
            "expect #printer-result Copy of " +
            v->short_code +
            " queued\n"
            "scan " +
            v->voucher_text +
            "\n"
            "expect #printer-result Copy of the scanned voucher queued\n"
            "tap #tab-deals\n"
            "tap #shelf-1\n"
            "expect #printer-result Shelf card queued\n"
            "tap #tab-printer\n"
            "await #printer-queue Waiting to print: 0.\n");
  ASSERT_EQ(r.code, 0) << r.err;
  ASSERT_EQ(Pages(), 5);
  EXPECT_TRUE(HasCode(1, v->short_code));
  EXPECT_FALSE(Reprinted(2)) << "a test page";
  EXPECT_TRUE(Reprinted(3)) << "the reprint by short code";
  EXPECT_TRUE(HasCode(3, v->short_code));
  EXPECT_TRUE(Reprinted(4)) << "the reprint by scan";
  EXPECT_TRUE(HasCode(4, v->short_code));
  EXPECT_FALSE(Reprinted(5)) << "a shelf card";
}

}  // namespace
}  // namespace gb::shell
