#include "kiosk/printing/print_queue.h"

#include <chrono>
#include <ctime>

namespace gb::printing {

base::Result<std::unique_ptr<PrintQueue>> PrintQueue::Start(const std::string& ledger_path,
                                                            const ledger::Identity& identity,
                                                            printer::Printer& printer,
                                                            std::unique_ptr<JobRenderer> renderer,
                                                            PrintQueueOptions options) {
  GB_ASSIGN_OR_RETURN(ledger::Ledger l, ledger::Ledger::Open(ledger_path, identity.WithoutKey()));
  if (!options.now) options.now = [] { return static_cast<int64_t>(std::time(nullptr)); };
  GB_RETURN_IF_ERROR(l.RecoverPrintJobs(options.now()).status());
  std::unique_ptr<PrintQueue> q(
      new PrintQueue(std::move(l), printer, std::move(renderer), std::move(options)));
  q->RefreshQueueView();
  q->worker_ = std::thread([p = q.get()] { p->Run(); });
  return q;
}

PrintQueue::PrintQueue(ledger::Ledger ledger, printer::Printer& printer,
                       std::unique_ptr<JobRenderer> renderer, PrintQueueOptions options)
    : ledger_(std::move(ledger)),
      printer_(printer),
      renderer_(std::move(renderer)),
      options_(std::move(options)) {}

PrintQueue::~PrintQueue() {
  stop_ = true;
  Wake();
  if (worker_.joinable()) worker_.join();
}

void PrintQueue::Wake() {
  std::lock_guard lock(mu_);
  woken_ = true;
  wake_.notify_all();
}

PrinterView PrintQueue::View() const {
  std::lock_guard lock(mu_);
  return view_;
}

int64_t PrintQueue::Now() const { return options_.now(); }

void PrintQueue::Sleep(int ms) {
  std::unique_lock lock(mu_);
  wake_.wait_for(lock, std::chrono::milliseconds(ms), [&] { return woken_ || stop_.load(); });
  woken_ = false;
}

void PrintQueue::SetView(bool ready, std::string reason, std::string detail) {
  std::lock_guard lock(mu_);
  view_.ready = ready;
  view_.reason = std::move(reason);
  view_.detail = std::move(detail);
}

void PrintQueue::RefreshQueueView() {
  auto summary = ledger_.GetPrintQueueSummary();
  std::lock_guard lock(mu_);
  if (summary.ok()) view_.queue = *summary;
}

void PrintQueue::Run() {
  while (!stop_) {
    bool printed = PrintNext();
    RefreshQueueView();
    if (!printed) Sleep(options_.idle_poll_ms);
  }
}

bool PrintQueue::PrintNext() {
  auto claimed = ledger_.ClaimPrintJob(Now());
  if (!claimed.ok()) {
    std::lock_guard lock(mu_);
    view_.last_error = claimed.status().ToString();
    return false;
  }
  if (!*claimed) return false;
  const ledger::PrintJob job = **claimed;
  if (Now() - job.created_at > options_.stale_after_s) {
    (void)ledger_.HoldPrintJob(job.id, "stale", Now());
    return true;
  }
  auto before = printer_.Check();
  if (!before.ok()) {
    HoldAndWait(job, before.status().reason(), before.status().message());
    return true;
  }
  SetView(before->ready, before->reason, before->detail);
  if (!before->ready) {
    HoldAndWait(job, before->reason, before->detail);
    return true;
  }
  auto bytes = renderer_->Render(ledger_, job, printer_.profile(), Now());
  if (!bytes.ok()) {
    // A job that cannot be drawn must not block the ones behind it.
    (void)ledger_.HoldPrintJob(job.id, "render_failed", Now());
    std::lock_guard lock(mu_);
    view_.last_error = bytes.status().ToString();
    return true;
  }
  // Committed before the first byte leaves: from here any copy is a reprint.
  base::Status sent = ledger_.MarkPrintJobSent(job.id, Now());
  if (!sent.ok()) {
    (void)ledger_.HoldPrintJob(job.id, "ledger_error", Now());
    return true;
  }
  base::Status printed = printer_.Print(*bytes);
  if (!printed.ok()) {
    {
      std::lock_guard lock(mu_);
      view_.last_error = printed.ToString();
    }
    HoldAndWait(job, printed.reason(), printed.message());
    return true;
  }
  auto after = printer_.Check();
  if (!after.ok() || !after->ready) {
    HoldAndWait(job, after.ok() ? after->reason : after.status().reason(),
                after.ok() ? after->detail : after.status().message());
    return true;
  }
  (void)ledger_.FinishPrintJob(job.id, Now());
  return true;
}

void PrintQueue::HoldAndWait(const ledger::PrintJob& job, const std::string& reason,
                             const std::string& detail) {
  (void)ledger_.HoldPrintJob(job.id, reason.empty() ? "error" : reason, Now());
  RefreshQueueView();
  // The driver's words (errno's text for a device that cannot be opened or
  // written) reach staff's Printer tab.
  SetView(false, reason, detail.empty() ? reason : detail);
  WaitForPrinter();
}

void PrintQueue::WaitForPrinter() {
  while (!stop_) {
    Sleep(options_.recheck_ms);
    if (stop_) return;
    // Sign-ups go on while the printer is away; staff must see the count grow.
    RefreshQueueView();
    auto r = printer_.Check();
    if (!r.ok()) {
      SetView(false, r.status().reason(), r.status().message());
      continue;
    }
    SetView(r->ready, r->reason, r->detail);
    if (!r->ready) continue;
    // Whatever the printer kept from before the trouble is thrown away, so a
    // printer that was off overnight does not pour out old pages.
    if (!printer_.Reset().ok()) continue;
    (void)ledger_.ReleaseHeldPrintJobs(Now());
    return;
  }
}

}  // namespace gb::printing
