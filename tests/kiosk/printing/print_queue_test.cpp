#include "kiosk/printing/print_queue.h"

#include "tests/kiosk/printing/queue_fixture.h"
#include "tests/kiosk/receipts/drawn_words.h"
#include "tests/support/fake_printer.h"

namespace gb::printing {
namespace {

using testing::QueueFixture;
using testing::WaitUntil;

// Receipts draw their words: look for the images of the lines (58 mm paper).
constexpr std::string_view kPaper = "generic-58mm";
using receipts::drawn::Contains;
std::string Code(const std::string& short_code) { return receipts::drawn::CodeLine(kPaper, short_code); }
const std::string& Reprint() {
  static const std::string mark = receipts::drawn::ReprintMark(kPaper);
  return mark;
}

class PrintQueueTest : public QueueFixture {
 protected:
  void SetUp() override {
    QueueFixture::SetUp();
    printer_.emplace(*escpos::FindProfileByName("generic-58mm"));
  }
  std::unique_ptr<PrintQueue> StartQueue() {
    auto q = PrintQueue::Start(path_, ledger::testing::TestIdentity(), *printer_, Renderer(),
                               Options());
    EXPECT_TRUE(q.ok()) << q.status().ToString();
    return q.ok() ? std::move(q).value() : nullptr;
  }
  std::optional<test::FakePrinter> printer_;
};

TEST_F(PrintQueueTest, EachSignUpPrintsOnceUnmarked) {
  auto a = SignUp(1), b = SignUp(2), c = SignUp(3);
  auto q = StartQueue();
  ASSERT_TRUE(printer_->WaitForJobs(3, 10000));
  ASSERT_TRUE(WaitUntil([&] { return q->View().queue.done == 3; }));
  auto jobs = printer_->jobs();
  ASSERT_EQ(jobs.size(), 3u);
  for (size_t i = 0; i < 3; ++i) {
    EXPECT_TRUE(Contains(jobs[i], Code(std::vector{a, b, c}[i].short_code))) << i;
    EXPECT_FALSE(Contains(jobs[i], Reprint())) << i;
  }
  EXPECT_TRUE(q->View().ready);
}

TEST_F(PrintQueueTest, PaperOutHoldsThenRecoveryPrintsWithoutReprintMark) {
  printer_->SetReason("paper_out");
  auto q = StartQueue();
  SignUp(1);
  q->Wake();
  ASSERT_TRUE(WaitUntil([&] { return q->View().queue.held == 1; }));
  PrinterView v = q->View();
  EXPECT_FALSE(v.ready);
  EXPECT_EQ(v.reason, "paper_out");
  EXPECT_EQ(v.queue.held_reason, "paper_out");
  EXPECT_TRUE(printer_->jobs().empty());

  printer_->SetReason("");
  ASSERT_TRUE(printer_->WaitForJobs(1, 10000));
  ASSERT_TRUE(WaitUntil([&] { return q->View().queue.done == 1; }));
  EXPECT_FALSE(Contains(printer_->jobs()[0], Reprint())) << "nothing had been sent before";
  EXPECT_GE(printer_->resets(), 1) << "the printer is reset before resuming";
}

TEST_F(PrintQueueTest, UnplugMidJobReprintsMarkedAfterReplug) {
  printer_->FailNextPrints(1, "unplugged");
  auto q = StartQueue();
  auto a = SignUp(1);
  q->Wake();
  ASSERT_TRUE(printer_->WaitForJobs(1, 10000));
  ASSERT_TRUE(WaitUntil([&] { return q->View().queue.done == 1; }));
  auto jobs = printer_->jobs();
  ASSERT_EQ(jobs.size(), 1u);
  EXPECT_TRUE(Contains(jobs[0], Reprint()));
  EXPECT_TRUE(Contains(jobs[0], Code(a.short_code)));
  EXPECT_NE(q->View().last_error.find("unplugged"), std::string::npos);
}

TEST_F(PrintQueueTest, ADeadPrinterNeverBlocksSignUpsAndComesBack) {
  printer_->SetWireFailure("unplugged");
  auto q = StartQueue();
  for (int i = 1; i <= 5; ++i) SignUp(i);  // the kiosk goes on while the printer is gone
  q->Wake();
  // The queue may meet the dead printer before the last sign-up is written,
  // so wait for the count to catch up rather than read it once.
  ASSERT_TRUE(WaitUntil([&] {
    auto v = q->View();
    return v.reason == "unplugged" && v.queue.held + v.queue.queued == 5;
  }));
  EXPECT_TRUE(printer_->jobs().empty());
  printer_->SetWireFailure("");
  ASSERT_TRUE(printer_->WaitForJobs(5, 10000));
  ASSERT_TRUE(WaitUntil([&] { return q->View().queue.done == 5; }));
  for (const auto& job : printer_->jobs()) EXPECT_FALSE(Contains(job, Reprint()));
}

TEST_F(PrintQueueTest, StaleJobsWaitForStaffInsteadOfPrinting) {
  SignUp(1);
  clock_ += 3600;  // the kiosk was off for an hour
  auto q = StartQueue();
  ASSERT_TRUE(WaitUntil([&] { return q->View().queue.held == 1; }));
  EXPECT_EQ(q->View().queue.held_reason, "stale");
  EXPECT_TRUE(printer_->jobs().empty());
}

TEST_F(PrintQueueTest, AJobThatCannotBeDrawnDoesNotBlockOthers) {
  ASSERT_TRUE(ledger_->QueuePrintJob({"shelf", std::nullopt, "en", "{}", false}, clock_).ok());
  ASSERT_TRUE(ledger_->QueuePrintJob({"shelf", std::nullopt, "en", R"({"deal_id": 42})", false},
                                     clock_).ok());
  auto q = StartQueue();
  ASSERT_TRUE(printer_->WaitForJobs(1, 10000));
  ASSERT_TRUE(WaitUntil([&] { return q->View().queue.held == 1 && q->View().queue.done == 1; }));
  EXPECT_EQ(q->View().queue.held_reason, "render_failed");
  EXPECT_NE(q->View().last_error.find("deal_id"), std::string::npos);
  EXPECT_TRUE(Contains(printer_->jobs()[0],
                       receipts::drawn::Line(kPaper, "0 of 10 joined",
                                             {escpos::Align::kCenter, true, receipts::layout::kLarge}))) << "the good shelf card printed";
}

TEST_F(PrintQueueTest, StaffReprintIsMarked) {
  auto a = SignUp(1);
  auto q = StartQueue();
  ASSERT_TRUE(printer_->WaitForJobs(1, 10000));
  ASSERT_TRUE(ledger_->QueuePrintJob({"voucher", a.pledge_id, "en", "{}", true}, clock_).ok());
  q->Wake();
  ASSERT_TRUE(printer_->WaitForJobs(2, 10000));
  EXPECT_FALSE(Contains(printer_->jobs()[0], Reprint()));
  EXPECT_TRUE(Contains(printer_->jobs()[1], Reprint()));
}

}  // namespace
}  // namespace gb::printing
