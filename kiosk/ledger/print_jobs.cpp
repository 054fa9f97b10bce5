// Ledger: the print queue's durable half. The worker (kiosk/printing) moves
// jobs through queued -> printing -> done | held; every move is one statement,
// so a crash leaves each job in exactly one state.
#include <algorithm>
#include <nlohmann/json.hpp>

#include "core/voucher/codec.h"
#include "kiosk/ledger/ledger.h"

namespace gb::ledger {
namespace {

constexpr const char* kJobColumns =
    "id, kind, pledge_id, reprint, state, coalesce(reason,''), attempts, lang, payload, "
    "sent_at, created_at";

base::Result<PrintJobState> ParseJobState(const std::string& s) {
  for (PrintJobState st : {PrintJobState::kQueued, PrintJobState::kPrinting, PrintJobState::kDone,
                           PrintJobState::kHeld}) {
    if (PrintJobStateName(st) == s) return st;
  }
  return base::Status::Corruption("db_corrupt", "unknown print job state '" + s + "'");
}

base::Result<PrintJob> ReadJob(const sqlite::Stmt& st) {
  PrintJob j;
  j.id = st.Int(0);
  j.kind = st.Text(1);
  if (!st.IsNull(2)) j.pledge_id = st.Int(2);
  j.reprint = st.Int(3) != 0;
  GB_ASSIGN_OR_RETURN(j.state, ParseJobState(st.Text(4)));
  j.reason = st.Text(5);
  j.attempts = static_cast<int>(st.Int(6));
  j.lang = st.Text(7);
  j.payload = st.Text(8);
  if (!st.IsNull(9)) j.sent_at = st.Int(9);
  j.created_at = st.Int(10);
  return j;
}

}  // namespace

std::string_view PrintJobStateName(PrintJobState s) {
  switch (s) {
    case PrintJobState::kQueued: return "queued";
    case PrintJobState::kPrinting: return "printing";
    case PrintJobState::kDone: return "done";
    case PrintJobState::kHeld: return "held";
  }
  return "queued";
}

base::Result<std::optional<PrintJob>> Ledger::GetPrintJob(int64_t job_id) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get(std::string("SELECT ") + kJobColumns +
                                                   " FROM print_jobs WHERE id=?"));
  st->Bind(1, job_id);
  GB_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return std::optional<PrintJob>();
  GB_ASSIGN_OR_RETURN(PrintJob job, ReadJob(*st));
  return std::optional<PrintJob>(std::move(job));
}

base::Result<std::optional<PrintJob>> Ledger::ClaimPrintJob(int64_t now) {
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  std::optional<PrintJob> job;
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get(std::string("SELECT ") + kJobColumns +
                                             " FROM print_jobs WHERE state='queued' "
                                             "ORDER BY id LIMIT 1"));
    GB_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) return std::optional<PrintJob>();
    GB_ASSIGN_OR_RETURN(PrintJob j, ReadJob(*st));
    job = std::move(j);
  }
  // Bytes that may already be on paper make any further copy a reprint.
  job->reprint = job->reprint || job->sent_at.has_value();
  job->state = PrintJobState::kPrinting;
  job->attempts += 1;
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef up, sql_.Get("UPDATE print_jobs SET state='printing', reprint=?, "
                                           "attempts=?, reason=NULL, updated_at=? WHERE id=?"));
  GB_RETURN_IF_ERROR(up->Bind(1, job->reprint ? 1 : 0).Bind(2, job->attempts).Bind(3, now)
                         .Bind(4, job->id).Run());
  GB_RETURN_IF_ERROR(tx.Commit());
  return job;
}

base::Status Ledger::MarkPrintJobSent(int64_t job_id, int64_t now) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("UPDATE print_jobs SET sent_at=coalesce(sent_at, ?), "
                                           "updated_at=? WHERE id=?"));
  return st->Bind(1, now).Bind(2, now).Bind(3, job_id).Run();
}

base::Status Ledger::FinishPrintJob(int64_t job_id, int64_t now) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("UPDATE print_jobs SET state='done', reason=NULL, "
                                           "updated_at=? WHERE id=?"));
  return st->Bind(1, now).Bind(2, job_id).Run();
}

base::Status Ledger::HoldPrintJob(int64_t job_id, const std::string& reason, int64_t now) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("UPDATE print_jobs SET state='held', reason=?, "
                                           "updated_at=? WHERE id=?"));
  return st->Bind(1, reason).Bind(2, now).Bind(3, job_id).Run();
}

base::Result<bool> Ledger::MarkPrintJobReprint(int64_t job_id) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("UPDATE print_jobs SET reprint=1 "
                                           "WHERE id=? AND state IN ('held', 'queued')"));
  GB_RETURN_IF_ERROR(st->Bind(1, job_id).Run());
  return db_->Changes() > 0;
}

base::Result<int> Ledger::ReleaseHeldPrintJobs(int64_t now) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("UPDATE print_jobs SET state='queued', updated_at=? "
                                           "WHERE state='held' AND reason <> 'stale'"));
  GB_RETURN_IF_ERROR(st->Bind(1, now).Run());
  return db_->Changes();
}

base::Result<int> Ledger::RecoverPrintJobs(int64_t now) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("UPDATE print_jobs SET state='queued', updated_at=? "
                                           "WHERE state='printing'"));
  GB_RETURN_IF_ERROR(st->Bind(1, now).Run());
  return db_->Changes();
}

base::Result<int64_t> Ledger::QueuePrintJob(const NewPrintJob& job, int64_t now) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("INSERT INTO print_jobs(kind, pledge_id, lang, payload, "
                                           "reprint, created_at, updated_at) "
                                           "VALUES(?,?,?,?,?,?,?)"));
  st->Bind(1, job.kind);
  if (job.pledge_id) st->Bind(2, *job.pledge_id); else st->BindNull(2);
  GB_RETURN_IF_ERROR(st->Bind(3, job.lang).Bind(4, job.payload).Bind(5, job.reprint ? 1 : 0)
                         .Bind(6, now).Bind(7, now).Run());
  return db_->LastInsertRowId();
}

base::Result<PrintQueueSummary> Ledger::GetPrintQueueSummary() {
  PrintQueueSummary s;
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT state, count(*) FROM print_jobs GROUP BY state"));
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, st->Step());
      if (!row) break;
      GB_ASSIGN_OR_RETURN(PrintJobState state, ParseJobState(st->Text(0)));
      int n = static_cast<int>(st->Int(1));
      switch (state) {
        case PrintJobState::kQueued: s.queued = n; break;
        case PrintJobState::kPrinting: s.printing = n; break;
        case PrintJobState::kDone: s.done = n; break;
        case PrintJobState::kHeld: s.held = n; break;
      }
    }
  }
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT reason FROM print_jobs WHERE state='held' "
                                           "ORDER BY id LIMIT 1"));
  GB_ASSIGN_OR_RETURN(bool row, st->Step());
  if (row) s.held_reason = st->Text(0);
  return s;
}

base::Result<VoucherPrint> Ledger::VoucherForPrint(int64_t pledge_id, int64_t now) {
  VoucherPrint v;
  uint32_t deal_id = 0;
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT deal_id, lang, position, voucher, short_code, "
                                             "joined_at, deposit_due FROM pledges WHERE id=?"));
    st->Bind(1, pledge_id);
    GB_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) {
      return base::Status::NotFound("pledge_unknown",
                                    "there is no pledge " + std::to_string(pledge_id));
    }
    deal_id = static_cast<uint32_t>(st->Int(0));
    v.lang = st->Text(1);
    v.position = st->Int(2);
    v.voucher_text = st->Text(3);
    v.short_code = st->Text(4);
    v.joined_at = st->Int(5);
    v.deposit_due = st->Int(6);
  }
  GB_ASSIGN_OR_RETURN(voucher::Voucher parsed, voucher::Parse(v.voucher_text));
  v.offline = parsed.body.offline();
  GB_ASSIGN_OR_RETURN(v.deal, GetDeal(deal_id, now));
  return v;
}

base::Status Ledger::RecordPrinterState(const std::string& state, int64_t held, int64_t now) {
  const bool word = !state.empty() && state.size() <= 32 &&
                    std::all_of(state.begin(), state.end(), [](char c) {
                      return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
                    });
  const nlohmann::json payload = {{"state", word ? state : "error"},
                                  {"held", std::max<int64_t>(held, 0)}};
  return AppendEvent("printer", now, payload.dump());
}

}  // namespace gb::ledger
