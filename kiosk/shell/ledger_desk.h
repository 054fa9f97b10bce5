// LedgerDesk: the app's DealDesk over the kiosk's ledger, and PrintQueueDesk:
// its PrintDesk over the print queue (staff's printer jobs are queued in the
// ledger, as every print job is, and the worker is woken). The adapters between the pure shopper
// flow (kiosk/app) and the kiosk's storage and printer.
// Both borrow what they wrap; one UI thread uses them.
#pragma once

#include <optional>
#include <string>
#include <utility>

#include "kiosk/app/seams.h"
#include "kiosk/ledger/ledger.h"
#include "kiosk/printing/print_queue.h"

namespace gb::shell {

class LedgerDesk final : public app::DealDesk {
 public:
  // `lease_required`: the kiosk syncs with a store server, so it signs up for
  // a capped deal only within the store's lease (core/rules/lease.h).
  LedgerDesk(ledger::Ledger& ledger, bool lease_required)
      : ledger_(ledger), lease_required_(lease_required) {}
  base::Result<std::vector<app::DealInfo>> ListDeals(int64_t now) override;
  base::Result<app::JoinTicket> Join(const app::JoinRequest& request) override;

 private:
  ledger::Ledger& ledger_;
  bool lease_required_;
};

class PrintQueueDesk final : public app::PrintDesk {
 public:
  // `ledger` is the UI thread's connection (the job's state is read from
  // it); `queue` is the worker that prints.
  PrintQueueDesk(ledger::Ledger& ledger, printing::PrintQueue& queue)
      : ledger_(ledger), queue_(queue) {}
  app::PrintStatus Status(int64_t job_id) override;
  void Wake() override { queue_.Wake(); }
  app::PrinterState Printer() override;
  void ShownOnScreen(int64_t job_id) override;
  base::Result<int64_t> PrintTestPage(int64_t now) override;
  base::Result<int64_t> Reprint(std::string_view code, int64_t now) override;
  base::Result<int64_t> PrintShelfCard(uint32_t deal_id, const std::string& lang,
                                       int64_t now) override;

 private:
  ledger::Ledger& ledger_;
  printing::PrintQueue& queue_;
  // What the store was last told of the printer ("ok" or a reason, and the
  // held jobs): a "printer" event goes out only when that changes.
  std::optional<std::pair<std::string, int>> reported_;
};

}  // namespace gb::shell
