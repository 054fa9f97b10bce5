#include "kiosk/shell/ledger_desk.h"

#include "kiosk/ledger/sqlite.h"

namespace gb::shell {

base::Result<std::vector<app::DealInfo>> LedgerDesk::ListDeals(int64_t now) {
  GB_ASSIGN_OR_RETURN(std::vector<ledger::DealRecord> records, ledger_.ListDeals(now));
  std::vector<app::DealInfo> out;
  for (ledger::DealRecord& r : records) {
    // Drafts are for staff; shoppers see a deal from its publication on.
    if (r.state == rules::DealState::kDraft) continue;
    out.push_back(app::DealInfo{std::move(r.deal), r.state, r.tally});
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
  // The Ledger has no per-job getter yet; the job's row is read directly.
  base::Result<ledger::Stmt> st =
      ledger_.db().Prepare("SELECT state, COALESCE(reason, '') FROM print_jobs WHERE id = ?");
  if (!st.ok()) return s;
  st->Bind(1, job_id);
  base::Result<bool> row = st->Step();
  if (!row.ok() || !*row) return s;
  const std::string state = st->Text(0);
  if (state == "printing") s.job = app::JobState::kPrinting;
  if (state == "done") s.job = app::JobState::kDone;
  if (state == "held") {
    s.job = app::JobState::kHeld;
    if (!st->Text(1).empty()) s.reason = st->Text(1);
  }
  return s;
}

}  // namespace gb::shell
