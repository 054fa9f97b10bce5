// At-least-once printing across kill -9: a child process runs the print queue
// against a real file: printer and is killed at random moments, again and
// again, until every job is done. In the bytes that reached the "printer",
// every voucher appears at least once, and at most one copy of each lacks the
// REPRINT mark.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <map>
#include <random>

#include "core/base/file_util.h"
#include "drivers/printer/escpos_printer.h"
#include "drivers/printer/file_transport.h"
#include "tests/kiosk/printing/queue_fixture.h"
#include "tests/kiosk/receipts/drawn_words.h"

namespace gb::printing {
namespace {

using testing::QueueFixture;

constexpr int kVouchers = 40;

// A file: printer that takes bytes at a thermal printer's pace (a receipt
// takes tens of milliseconds), so that kills land in the middle of jobs.
class PacedTransport final : public printer::Transport {
 public:
  explicit PacedTransport(std::unique_ptr<printer::Transport> inner) : inner_(std::move(inner)) {}
  base::Status Write(std::span<const uint8_t> bytes, int timeout_ms) override {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
    return inner_->Write(bytes, timeout_ms);
  }
  base::Result<size_t> Read(std::span<uint8_t> buf, int timeout_ms) override {
    return inner_->Read(buf, timeout_ms);
  }
  std::string Describe() const override { return "paced " + inner_->Describe(); }

 private:
  std::unique_ptr<printer::Transport> inner_;
};

[[noreturn]] void RunQueueForever(const std::string& ledger_path, const std::string& out,
                                  int64_t now) {
  const escpos::PrinterProfile profile = *escpos::FindProfileByName("generic-58mm");
  printer::EscposPrinterOptions options;
  options.chunk_bytes = 256;
  printer::EscposPrinter p(
      [out]() -> base::Result<std::unique_ptr<printer::Transport>> {
        GB_ASSIGN_OR_RETURN(auto file, printer::FileTransport::Open(out));
        return std::unique_ptr<printer::Transport>(new PacedTransport(std::move(file)));
      },
      profile, options);
  auto renderer = JobRenderer::Create(testing::kStore);
  if (!renderer.ok()) _exit(2);
  PrintQueueOptions o;
  o.idle_poll_ms = 5;
  o.recheck_ms = 5;
  o.now = [now] { return now; };
  auto q = PrintQueue::Start(ledger_path, ledger::testing::TestIdentity(), p,
                             std::move(renderer).value(), o);
  if (!q.ok()) _exit(3);
  for (;;) pause();
}

TEST_F(QueueFixture, KillNineWhilePrintingLosesNoVoucherAndMarksEveryDuplicate) {
  std::map<std::string, int> wanted;  // short code -> copies seen
  for (int i = 1; i <= kVouchers; ++i) wanted[SignUp(i).short_code] = 0;
  const std::string out = dir_.File("printer.bin");
  ASSERT_TRUE(base::WriteFileAtomic(out, "", 0644, base::Overwrite::kNo).ok());

  std::mt19937 rng(7);
  int kills = 0;
  for (int round = 0; round < 40; ++round) {
    auto sum = ledger_->GetPrintQueueSummary();
    ASSERT_TRUE(sum.ok());
    if (sum->queued + sum->printing + sum->held == 0) break;
    pid_t pid = ::fork();
    ASSERT_GE(pid, 0);
    if (pid == 0) RunQueueForever(path_, out, clock_.load());
    // Early rounds are cut short at random; later ones run until the queue is empty.
    if (round < 30) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10 + rng() % 40));
    } else {
      testing::WaitUntil([&] {
        auto s = ledger_->GetPrintQueueSummary();
        return s.ok() && s->queued + s->printing + s->held == 0;
      });
    }
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    ASSERT_TRUE(WIFSIGNALED(status)) << "child exited with " << WEXITSTATUS(status);
    ++kills;
  }
  auto sum = ledger_->GetPrintQueueSummary();
  ASSERT_EQ(sum->queued + sum->printing + sum->held, 0) << "jobs left after " << kills << " kills";

  // Split what the printer received into jobs at each cut; a job cut short by
  // a kill has no cut and counts as not printed.
  std::string bytes = base::ReadFile(out).value();
  const auto cut = escpos::FindProfileByName("generic-58mm")->partial_cut;
  const std::string cut_bytes(cut.begin(), cut.end());
  std::map<std::string, int> unmarked;
  // Receipts draw their words: the images of the code line and of the mark.
  const std::string reprint = receipts::drawn::ReprintMark("generic-58mm");
  std::map<std::string, std::string> code_lines;
  for (const auto& [code, copies] : wanted) {
    code_lines[code] = receipts::drawn::CodeLine("generic-58mm", code);
  }
  size_t start = 0, complete = 0, reprints = 0;
  for (size_t at; (at = bytes.find(cut_bytes, start)) != std::string::npos; start = at + cut_bytes.size()) {
    std::string job = bytes.substr(start, at - start);
    ++complete;
    for (auto& [code, copies] : wanted) {
      if (!receipts::drawn::Contains(job, code_lines[code])) continue;
      ++copies;
      if (!receipts::drawn::Contains(job, reprint)) ++unmarked[code]; else ++reprints;
    }
  }
  for (const auto& [code, copies] : wanted) {
    EXPECT_GE(copies, 1) << code << " was never printed";
    EXPECT_LE(unmarked[code], 1) << code << " was printed twice without REPRINT";
  }
  std::printf("print crash test: %d kills, %zu complete jobs (%zu marked REPRINT) for %d vouchers\n",
              kills, complete, reprints, kVouchers);
  EXPECT_GT(kills, 5);
}

}  // namespace
}  // namespace gb::printing
