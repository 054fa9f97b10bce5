// PrintQueue: the worker thread that turns queued print jobs into paper.
//
// Jobs live in the ledger (queued -> printing -> done | held), so nothing is
// lost when the printer, the kiosk or the power fails. For each job the
// worker asks the printer first; if it is not ready the job is held with the
// reason (paper_out, cover_open, offline, unplugged, ...) and the worker asks
// again every recheck_ms until it is, then resets the printer (so nothing
// half-sent comes out) and releases the held jobs. It records that a job's
// bytes are leaving before sending them and asks the printer again after:
// a job sent is not a page printed. Any copy after bytes left is marked
// REPRINT, so a voucher is printed at least once and never twice unmarked.
// A job older than stale_after_s when its turn comes is held as "stale"
// (the shopper has gone) for staff to reprint on demand.
//
// The kiosk never waits for the printer: View() is a snapshot taken under a
// mutex, Wake() only signals. The worker has its own ledger connection.
#pragma once

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "drivers/printer/printer.h"
#include "kiosk/ledger/ledger.h"
#include "kiosk/printing/job_renderer.h"

namespace gb::printing {

struct PrintQueueOptions {
  int idle_poll_ms = 250;      // look for new jobs this often when not woken
  int recheck_ms = 500;        // ask a printer that is not ready this often
  int64_t stale_after_s = 600;
  std::function<int64_t()> now;  // default: the system clock
};

// What the staff screen and the shopper flow see.
struct PrinterView {
  bool ready = false;
  std::string reason;  // why not ready, or "" when ready
  std::string detail;  // the printer's own words, for staff
  ledger::PrintQueueSummary queue;
  std::string last_error;  // the last job failure, for staff
};

class PrintQueue {
 public:
  // Opens its own ledger connection (identity without a signing key), puts
  // jobs a crash interrupted back in the queue, and starts the worker.
  static base::Result<std::unique_ptr<PrintQueue>> Start(const std::string& ledger_path,
                                                         const ledger::Identity& identity,
                                                         printer::Printer& printer,
                                                         std::unique_ptr<JobRenderer> renderer,
                                                         PrintQueueOptions options = {});
  ~PrintQueue();  // stops the worker after the job in hand
  PrintQueue(const PrintQueue&) = delete;
  PrintQueue& operator=(const PrintQueue&) = delete;

  // A job was queued: look now rather than at the next poll.
  void Wake();
  PrinterView View() const;

 private:
  PrintQueue(ledger::Ledger ledger, printer::Printer& printer,
             std::unique_ptr<JobRenderer> renderer, PrintQueueOptions options);
  void Run();
  // Prints one job if there is one; false when the queue was empty.
  bool PrintNext();
  // Holds the job and waits until the printer is ready (or the queue stops).
  // `detail`: the driver's own words for staff ("" = the reason).
  void HoldAndWait(const ledger::PrintJob& job, const std::string& reason,
                   const std::string& detail = "");
  void WaitForPrinter();
  // Sleeps up to ms unless woken or stopped.
  void Sleep(int ms);
  void SetView(bool ready, std::string reason, std::string detail);
  void RefreshQueueView();
  int64_t Now() const;

  ledger::Ledger ledger_;
  printer::Printer& printer_;
  std::unique_ptr<JobRenderer> renderer_;
  PrintQueueOptions options_;

  mutable std::mutex mu_;
  std::condition_variable wake_;
  bool woken_ = false;
  std::atomic<bool> stop_{false};
  PrinterView view_;
  std::thread worker_;
};

}  // namespace gb::printing
