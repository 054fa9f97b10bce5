// PrintQueueDesk tells the store about the printer: one "printer" outbox
// event when the printer gets into trouble, one when it is fine again, none
// while nothing changes and none before the queue has asked the printer.
#include "kiosk/shell/ledger_desk.h"

#include "drivers/printer/fake_printer.h"
#include "tests/kiosk/printing/queue_fixture.h"

namespace gb::shell {
namespace {

using printing::testing::QueueFixture;
using printing::testing::WaitUntil;

class LedgerDeskTest : public QueueFixture {
 protected:
  void SetUp() override {
    QueueFixture::SetUp();
    printer_.emplace(*escpos::FindProfileByName("generic-58mm"));
  }
  // The "printer" events in the outbox, as "state/held".
  std::vector<std::string> PrinterEvents() {
    std::vector<std::string> out;
    auto events = ledger_->OutboxAfter(0, 1000);
    EXPECT_TRUE(events.ok());
    for (const ledger::OutboxEvent& e : *events) {
      if (e.type != "printer") continue;
      const auto j = nlohmann::json::parse(e.payload);
      out.push_back(j["state"].get<std::string>() + "/" + std::to_string(j["held"].get<int>()));
    }
    return out;
  }
  std::optional<printer::FakePrinter> printer_;
};

TEST_F(LedgerDeskTest, PrinterTroubleAndRecoveryAreEachToldOnce) {
  printer_->SetReason("paper_out");
  SignUp(1);  // the queue asks the printer when it has a job: this one is held
  auto q = printing::PrintQueue::Start(path_, ledger::testing::TestIdentity(), *printer_,
                                       Renderer(), Options());
  ASSERT_TRUE(q.ok()) << q.status().ToString();
  PrintQueueDesk desk(*ledger_, **q);
  EXPECT_TRUE(PrinterEvents().empty());  // not asked yet: nothing to tell
  ASSERT_TRUE(WaitUntil([&] {
    const app::PrinterState p = desk.Printer();
    return !p.ready && p.held == 1;
  }));
  (void)desk.Printer();  // polled again: nothing new to tell
  std::vector<std::string> events = PrinterEvents();
  ASSERT_FALSE(events.empty());
  EXPECT_EQ(events.back(), "paper_out/1");
  // Whether the reason or the held job was seen first, trouble is all it told.
  for (const std::string& e : events) EXPECT_EQ(e.rfind("paper_out/", 0), 0u) << e;
  EXPECT_LE(events.size(), 2u);

  printer_->SetReason("");
  (*q)->Wake();
  ASSERT_TRUE(WaitUntil([&] {
    const app::PrinterState p = desk.Printer();
    return p.ready && p.held == 0;
  }));
  (void)desk.Printer();
  events = PrinterEvents();
  EXPECT_EQ(events.back(), "ok/0");
  EXPECT_EQ(std::count(events.begin(), events.end(), "ok/0"), 1);
}

}  // namespace
}  // namespace gb::shell
