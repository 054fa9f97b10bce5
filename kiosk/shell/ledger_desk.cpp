#include "kiosk/shell/ledger_desk.h"

#include <ctime>
#include <nlohmann/json.hpp>

#include "core/rules/lease.h"
#include "kiosk/app/view_model.h"

namespace gb::shell {

base::Result<std::vector<app::DealInfo>> LedgerDesk::ListDeals(int64_t now) {
  GB_ASSIGN_OR_RETURN(std::vector<ledger::DealRecord> records, ledger_.ListDeals(now));
  std::vector<app::DealInfo> out;
  for (ledger::DealRecord& r : records) {
    // Drafts are for staff; shoppers see a deal from its publication on.
    if (r.state == rules::DealState::kDraft) continue;
    app::DealInfo info{std::move(r.deal), r.state, r.tally};
    // A capped deal this kiosk may no longer give places of, though the
    // store may: the wall says "sold out here for now" rather than letting
    // a shopper type a phone number to be refused.
    if (lease_required_ && info.deal.cap > 0) {
      GB_ASSIGN_OR_RETURN(rules::LeaseCheck lease, ledger_.LeaseFor(info.deal, true));
      info.sold_out_here = !rules::CheckLease(info.deal, lease, now).ok();
    }
    out.push_back(std::move(info));
  }
  return out;
}

base::Result<app::JoinTicket> LedgerDesk::Join(const app::JoinRequest& request) {
  ledger::SignUpRequest req;
  req.deal_id = request.deal_id;
  req.phone_e164 = request.phone_e164;
  req.name = request.name;
  req.now = request.now;
  req.lang = request.lang;
  req.lease_required = lease_required_;
  GB_ASSIGN_OR_RETURN(ledger::SignUpReceipt r, ledger_.SignUp(req));
  app::JoinTicket t;
  t.pledge_id = r.pledge_id;
  t.position = r.position;
  t.tally = r.tally;
  t.voucher_text = std::move(r.voucher_text);
  t.short_code = std::move(r.short_code);
  t.price_minor = r.price_minor;
  t.deposit_due = r.deposit_due;
  t.print_job_id = r.print_job_id;
  return t;
}

app::PrintStatus PrintQueueDesk::Status(int64_t job_id) {
  const printing::PrinterView view = queue_.View();
  app::PrintStatus s;
  // Before the worker has asked the printer its view is "not ready" with no
  // reason: that is not news for the shopper, only a reason is.
  s.printer_ready = view.ready || view.reason.empty();
  s.reason = view.reason;
  base::Result<std::optional<ledger::PrintJob>> job = ledger_.GetPrintJob(job_id);
  if (!job.ok() || !*job) return s;  // unknown: shown as queued, never as printed
  switch ((*job)->state) {
    case ledger::PrintJobState::kQueued: break;
    case ledger::PrintJobState::kPrinting: s.job = app::JobState::kPrinting; break;
    case ledger::PrintJobState::kDone: s.job = app::JobState::kDone; break;
    case ledger::PrintJobState::kHeld:
      s.job = app::JobState::kHeld;
      if (!(*job)->reason.empty()) s.reason = (*job)->reason;
      break;
  }
  return s;
}

app::PrinterState PrintQueueDesk::Printer() {
  const printing::PrinterView view = queue_.View();
  app::PrinterState p;
  // As in Status: "not ready" with no reason only means not asked yet.
  p.ready = view.ready || view.reason.empty();
  p.reason = p.ready ? std::string() : view.reason;
  if (!p.ready) p.detail = view.detail.empty() ? view.last_error : view.detail;
  // The queue from the ledger itself: the worker's copy lags behind a job
  // staff just queued.
  base::Result<ledger::PrintQueueSummary> q = ledger_.GetPrintQueueSummary();
  const ledger::PrintQueueSummary summary = q.ok() ? *q : view.queue;
  p.waiting = summary.queued + summary.printing;
  p.held = summary.held;
  // Tell the store (and through it the head office) when the printer gets
  // into trouble, out of it, or holds a different number of jobs. Only once
  // the queue has asked the printer: "not asked yet" is not news.
  std::pair<std::string, int> now_state{p.ready ? "ok" : p.reason, p.held};
  if ((view.ready || !view.reason.empty()) && reported_ != now_state) {
    if (ledger_.RecordPrinterState(now_state.first, now_state.second, std::time(nullptr)).ok()) {
      reported_ = std::move(now_state);
    }
  }
  return p;
}

void PrintQueueDesk::ShownOnScreen(int64_t job_id) {
  // Only a job nobody is printing: the worker reads the flag when it claims
  // the job, so the copy that finally prints says REPRINT. Best effort: a
  // failure leaves an unmarked copy, never a lost one.
  (void)ledger_.MarkPrintJobReprint(job_id);
}

base::Result<int64_t> PrintQueueDesk::PrintTestPage(int64_t now) {
  ledger::NewPrintJob job;
  job.kind = "test";
  GB_ASSIGN_OR_RETURN(int64_t id, ledger_.QueuePrintJob(job, now));
  queue_.Wake();
  return id;
}

base::Result<int64_t> PrintQueueDesk::Reprint(std::string_view code, int64_t now) {
  // The stored text must equal the scanned one, so only this kiosk's own
  // vouchers are found; a forgery is "not_found".
  base::Result<std::optional<rules::PledgeRecord>> found =
      code.starts_with("GB1:") ? ledger_.FindPledgeByVoucher(code)
                               : ledger_.FindPledgeByShortCode(code);
  if (!found.ok()) {
    // A voucher text that does not parse is no voucher of this kiosk; a
    // short code's typo keeps its own reason, so staff can correct it.
    if (code.starts_with("GB1:") && found.status().code() == base::Code::kInvalidArgument) {
      return base::Status::NotFound("not_found", "not a voucher of this kiosk");
    }
    return found.status();
  }
  if (!found->has_value()) return base::Status::NotFound("not_found", "no such voucher here");
  ledger::NewPrintJob job;
  job.kind = "voucher";
  job.pledge_id = (*found)->id;
  job.reprint = true;
  GB_ASSIGN_OR_RETURN(int64_t id, ledger_.QueuePrintJob(job, now));
  queue_.Wake();
  return id;
}

base::Result<int64_t> PrintQueueDesk::PrintShelfCard(uint32_t deal_id, const std::string& lang,
                                                     int64_t now) {
  GB_ASSIGN_OR_RETURN(ledger::DealRecord deal, ledger_.GetDeal(deal_id, now));
  // A shelf card invites shoppers to join: none for a deal nobody can join
  // any more (stopped, closed, failed).
  if (app::Ended(app::BadgeOf(app::DealInfo{deal.deal, deal.state, deal.tally}, now))) {
    return base::Status::FailedPrecondition(
        "deal_ended", "deal " + std::to_string(deal_id) + " takes no sign-ups any more");
  }
  ledger::NewPrintJob job;
  job.kind = "shelf";
  job.lang = lang;
  job.payload = nlohmann::json{{"deal_id", deal_id}}.dump();
  GB_ASSIGN_OR_RETURN(int64_t id, ledger_.QueuePrintJob(job, now));
  queue_.Wake();
  return id;
}

}  // namespace gb::shell
