// The till's operations on one pledge: cancel, deposit, refund, redeem.
//
// Each is one BEGIN IMMEDIATE transaction that reads the pledge row, lets the
// rules decide (core/rules/till_rules.h, as the store does), and writes the row, the outbox event and the slip's print job
// together. BEGIN IMMEDIATE takes the write lock before the read, so a second
// connection doing the same to the same pledge waits, then reads the first
// one's commit and is refused: exactly once without a lock of our own.
#include <nlohmann/json.hpp>

#include "core/base/text.h"
#include "core/rules/till_rules.h"
#include "kiosk/ledger/ledger.h"

namespace gb::ledger {
namespace {

using rules::PledgeState;

rules::TillFacts Facts(const DealRecord& d, int64_t now) {
  return rules::TillFacts{d.deal, d.state, d.tally.committed, now};
}

// The till id (<= 64 bytes) or place (<= 128) as the sync protocol bounds them.
base::Status CheckTill(const std::string& till, size_t max, const char* what) {
  if (till.empty() || till.size() > max) {
    return base::Status::InvalidArgument(
        "bad_till", std::string("the ") + what + " must be 1 to " + std::to_string(max) + " bytes");
  }
  return base::Status::Ok();
}

// The store refuses a longer name in an event, and that event's money
// would then be a conflict there: refuse it here, before anything moves.
base::Status CheckStaff(const std::string& staff) {
  if (!base::CheckText("staff", staff, {.max_bytes = 64, .allow_empty = true}).ok()) {
    return base::Status::InvalidArgument(
        "bad_staff", "a staff name must be at most 64 bytes of text without control characters");
  }
  return base::Status::Ok();
}

std::string SlipLang(const TillRequest& req, const rules::PledgeRecord& p) {
  return req.lang.empty() ? p.lang : req.lang;
}

}  // namespace

base::Status Ledger::SaveDealState(uint32_t deal_id, rules::DealState state, int64_t now) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("UPDATE deals SET state=?, updated_at=? "
                                           "WHERE id=? AND state<>?"));
  const std::string name(rules::DealStateName(state));
  return st->Bind(1, name).Bind(2, now).Bind(3, int64_t{deal_id}).Bind(4, name).Run();
}

base::Status Ledger::AppendEvent(std::string_view type, int64_t at, const std::string& payload) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef ev, sql_.Get("INSERT INTO outbox(type, at, payload) VALUES(?,?,?)"));
  return ev->Bind(1, type).Bind(2, at).Bind(3, payload).Run();
}

base::Result<TillReceipt> Ledger::ReadBack(int64_t pledge_id, int64_t now) {
  TillReceipt r;
  GB_ASSIGN_OR_RETURN(r.pledge, GetPledge(pledge_id));
  GB_ASSIGN_OR_RETURN(DealRecord d, GetDeal(r.pledge.deal_id, now));
  // A deposit can unlock the deal; store that with the change that caused it.
  GB_RETURN_IF_ERROR(SaveDealState(d.deal.id, d.state, now));
  r.deal_state = d.state;
  r.tally = d.tally;
  return r;
}

base::Result<TillReceipt> Ledger::CancelPledge(const TillRequest& req) {
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_ASSIGN_OR_RETURN(rules::PledgeRecord p, GetPledge(req.pledge_id));
  GB_ASSIGN_OR_RETURN(DealRecord d, GetDeal(p.deal_id, req.now));
  GB_ASSIGN_OR_RETURN(rules::TillDecision decided, rules::DecideCancel(p, Facts(d, req.now)));
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef up, sql_.Get("UPDATE pledges SET state=?, cancelled_at=?, "
                                           "updated_at=? WHERE id=?"));
  GB_RETURN_IF_ERROR(up->Bind(1, rules::PledgeStateName(decided.next))
                         .Bind(2, req.now)
                         .Bind(3, req.now)
                         .Bind(4, p.id)
                         .Run());
  const int64_t refund = decided.amount;
  nlohmann::json event = {{"key_id", p.key_id}, {"serial", p.serial}, {"at", req.now}};
  GB_RETURN_IF_ERROR(AppendEvent("cancel", req.now, event.dump()));
  nlohmann::json slip = {
      {"deal_id", p.deal_id}, {"short_code", p.short_code}, {"refund", refund}, {"at", req.now}};
  GB_ASSIGN_OR_RETURN(
      int64_t job,
      QueuePrintJob({"cancellation", p.id, SlipLang(req, p), slip.dump(), false}, req.now));
  GB_ASSIGN_OR_RETURN(TillReceipt r, ReadBack(p.id, req.now));
  r.amount = refund;
  r.print_job_id = job;
  GB_RETURN_IF_ERROR(tx.Commit());
  return r;
}

base::Result<TillReceipt> Ledger::PayDeposit(const TillRequest& req) {
  GB_RETURN_IF_ERROR(CheckTill(req.till, 64, "till id"));
  GB_RETURN_IF_ERROR(CheckStaff(req.staff));
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_ASSIGN_OR_RETURN(rules::PledgeRecord p, GetPledge(req.pledge_id));
  GB_ASSIGN_OR_RETURN(DealRecord d, GetDeal(p.deal_id, req.now));
  GB_ASSIGN_OR_RETURN(rules::TillDecision decided, rules::DecideDeposit(p, Facts(d, req.now)));
  const int64_t amount = decided.amount;
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef up, sql_.Get("UPDATE pledges SET state=?, deposit_paid=?, "
                                           "deposit_paid_at=?, deposit_till=?, updated_at=? "
                                           "WHERE id=?"));
  GB_RETURN_IF_ERROR(up->Bind(1, rules::PledgeStateName(decided.next))
                         .Bind(2, amount)
                         .Bind(3, req.now)
                         .Bind(4, req.till)
                         .Bind(5, req.now)
                         .Bind(6, p.id)
                         .Run());
  nlohmann::json event = {{"key_id", p.key_id},
                          {"serial", p.serial},
                          {"amount", amount},
                          {"at", req.now},
                          {"till", req.till}};
  if (!req.staff.empty()) event["staff"] = req.staff;
  GB_RETURN_IF_ERROR(AppendEvent("deposit", req.now, event.dump()));
  nlohmann::json slip = {{"deal_id", p.deal_id},
                         {"short_code", p.short_code},
                         {"amount", amount},
                         {"at", req.now},
                         {"till", req.till}};
  GB_ASSIGN_OR_RETURN(
      int64_t job, QueuePrintJob({"deposit", p.id, SlipLang(req, p), slip.dump(), false}, req.now));
  GB_ASSIGN_OR_RETURN(TillReceipt r, ReadBack(p.id, req.now));
  r.amount = amount;
  r.print_job_id = job;
  GB_RETURN_IF_ERROR(tx.Commit());
  return r;
}

base::Result<TillReceipt> Ledger::GiveRefund(const TillRequest& req) {
  GB_RETURN_IF_ERROR(CheckTill(req.till, 64, "till id"));
  GB_RETURN_IF_ERROR(CheckStaff(req.staff));
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_ASSIGN_OR_RETURN(rules::PledgeRecord p, GetPledge(req.pledge_id));
  GB_ASSIGN_OR_RETURN(DealRecord d, GetDeal(p.deal_id, req.now));
  GB_ASSIGN_OR_RETURN(rules::TillDecision decided, rules::DecideRefund(p, Facts(d, req.now)));
  const PledgeState effective = decided.next;
  const int64_t amount = decided.amount;
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef up, sql_.Get("UPDATE pledges SET state=?, refund_minor=?, "
                                           "refunded_at=?, refund_till=?, updated_at=? "
                                           "WHERE id=?"));
  GB_RETURN_IF_ERROR(up->Bind(1, rules::PledgeStateName(effective))
                         .Bind(2, amount)
                         .Bind(3, req.now)
                         .Bind(4, req.till)
                         .Bind(5, req.now)
                         .Bind(6, p.id)
                         .Run());
  // So the store hears of a refund given offline, and no other till gives
  // the same deposit back again.
  nlohmann::json event = {{"key_id", p.key_id},
                          {"serial", p.serial},
                          {"amount", amount},
                          {"at", req.now},
                          {"till", req.till}};
  if (!req.staff.empty()) event["staff"] = req.staff;
  GB_RETURN_IF_ERROR(AppendEvent("refund", req.now, event.dump()));
  nlohmann::json slip = {
      {"deal_id", p.deal_id}, {"short_code", p.short_code},
      {"amount", amount},     {"at", req.now},
      {"till", req.till},     {"cause", effective == PledgeState::kVoid ? "failed" : "cancelled"}};
  GB_ASSIGN_OR_RETURN(
      int64_t job, QueuePrintJob({"refund", p.id, SlipLang(req, p), slip.dump(), false}, req.now));
  GB_ASSIGN_OR_RETURN(TillReceipt r, ReadBack(p.id, req.now));
  r.amount = amount;
  r.print_job_id = job;
  GB_RETURN_IF_ERROR(tx.Commit());
  return r;
}

base::Result<TillReceipt> Ledger::Redeem(const TillRequest& req) {
  GB_RETURN_IF_ERROR(CheckTill(req.till, 128, "place"));
  GB_RETURN_IF_ERROR(CheckStaff(req.staff));
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_ASSIGN_OR_RETURN(rules::PledgeRecord p, GetPledge(req.pledge_id));
  GB_ASSIGN_OR_RETURN(DealRecord d, GetDeal(p.deal_id, req.now));
  GB_ASSIGN_OR_RETURN(rules::TillDecision decided, rules::DecideRedeem(p, Facts(d, req.now)));
  const rules::Settlement& s = decided.settlement;
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef up, sql_.Get("UPDATE pledges SET state=?, redeemed_at=?, "
                                           "redeemed_place=?, updated_at=? WHERE id=?"));
  GB_RETURN_IF_ERROR(up->Bind(1, rules::PledgeStateName(decided.next))
                         .Bind(2, req.now)
                         .Bind(3, req.till)
                         .Bind(4, req.now)
                         .Bind(5, p.id)
                         .Run());
  // This kiosk decided alone, from its own ledger: the server hears of it
  // later and must treat it as an offline redemption.
  nlohmann::json event = {{"key_id", p.key_id},
                          {"serial", p.serial},
                          {"at", req.now},
                          {"place", req.till},
                          {"offline", true}};
  if (!req.staff.empty()) event["staff"] = req.staff;
  GB_RETURN_IF_ERROR(AppendEvent("redeem", req.now, event.dump()));
  nlohmann::json slip = {{"deal_id", p.deal_id}, {"short_code", p.short_code},
                         {"price", s.price},     {"deposit_paid", s.deposit_paid},
                         {"charge", s.charge},   {"give_back", s.give_back},
                         {"at", req.now},        {"place", req.till}};
  GB_ASSIGN_OR_RETURN(
      int64_t job,
      QueuePrintJob({"redemption", p.id, SlipLang(req, p), slip.dump(), false}, req.now));
  GB_ASSIGN_OR_RETURN(TillReceipt r, ReadBack(p.id, req.now));
  r.settlement = s;
  r.amount = s.charge;
  r.print_job_id = job;
  GB_RETURN_IF_ERROR(tx.Commit());
  return r;
}

}  // namespace gb::ledger
