// Deposits taken and refunds given at a till, decided at the server once
// for every till by the same rules the till applies alone when offline
// (core/rules/till_rules.h; Ledger::PayDeposit, GiveRefund).
#include <utility>

#include "core/rules/pledge.h"
#include "core/rules/till_rules.h"
#include "sync/store/store_db.h"
#include "sync/store/till_target.h"

namespace gb::store {
namespace {

// Till ids are at most 64 bytes: the bound of the "deposit" event's `till`,
// which must be able to repeat this place.
constexpr size_t kMaxTill = 64;

void Refuse(MoneyVerdict& v, const base::Status& why) {
  v.verdict = "REFUSED";
  v.reason = why.reason();
  v.message = why.message();
}

// A dry run's answer: what would be taken or given now; no time, no place.
MoneyVerdict WouldBe(MoneyVerdict v, const char* verdict, int64_t amount) {
  v.verdict = verdict;
  v.amount_minor = amount;
  return v;
}

// Done now, at this till.
MoneyVerdict Done(MoneyVerdict v, const char* verdict, int64_t amount, const MoneyRequest& req) {
  v = WouldBe(std::move(v), verdict, amount);
  v.at = req.now;
  v.place = req.place;
  return v;
}

}  // namespace

base::Result<std::optional<rules::PledgeRecord>> StoreDb::TillPledge(const TillTarget& target) {
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef q,
      sql_.Get("SELECT deal_id, state, joined_at, price_minor, voucher, deposit_paid,"
               " deposit_paid_at, deposit_place, refunded_at, refund_minor, refund_place,"
               " redeemed_at, redeemed_place FROM pledges WHERE key_id=? AND serial=?"));
  q->Bind(1, int64_t{target.key_id}).Bind(2, static_cast<int64_t>(target.serial));
  GB_ASSIGN_OR_RETURN(bool exists, q->Step());
  if (!exists) return std::optional<rules::PledgeRecord>();
  GB_ASSIGN_OR_RETURN(bool matches, TargetMatches(target, q->Text(4)));
  if (!matches) return std::optional<rules::PledgeRecord>();
  rules::PledgeRecord p;
  p.key_id = target.key_id;
  p.serial = target.serial;
  p.deal_id = static_cast<uint32_t>(q->Int(0));
  GB_ASSIGN_OR_RETURN(p.state, rules::ParsePledgeState(q->Text(1)));
  p.joined_at = q->Int(2);
  p.price_minor = q->Int(3);
  p.deposit_paid = q->Int(5);
  if (!q->IsNull(6)) p.deposit_paid_at = q->Int(6);
  p.deposit_till = q->IsNull(7) ? "" : q->Text(7);
  if (!q->IsNull(8)) p.refunded_at = q->Int(8);
  p.refund_minor = q->IsNull(9) ? 0 : q->Int(9);
  p.refund_till = q->IsNull(10) ? "" : q->Text(10);
  if (!q->IsNull(11)) p.redeemed_at = q->Int(11);
  p.redeemed_place = q->IsNull(12) ? "" : q->Text(12);
  return std::optional<rules::PledgeRecord>(std::move(p));
}

base::Result<MoneyVerdict> StoreDb::Unknown(MoneyVerdict v, const TillTarget& target) {
  v.verdict = "UNKNOWN";
  // A voucher whose sign-up the store refused: no money moves for it.
  GB_ASSIGN_OR_RETURN(std::optional<std::string> refused, RefusedSignUp(target));
  if (refused) {
    Refuse(v, base::Status::FailedPrecondition(
                  "refused_by_store", "the store refused this voucher's sign-up (" + *refused +
                                          "); it is on the rescue list"));
  }
  return v;
}

base::Status StoreDb::MoveDeal(uint32_t deal_id, int64_t now, int64_t rev) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef d, sql_.Get("UPDATE deals SET rev=? WHERE id=?"));
  GB_RETURN_IF_ERROR(d->Bind(1, rev).Bind(2, int64_t{deal_id}).Run());
  GB_RETURN_IF_ERROR(AdvanceDeal(deal_id, now, rev).status());
  return SetRevision(rev);
}

base::Result<rules::DealState> StoreDb::StoredDealState(uint32_t deal_id) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT state FROM deals WHERE id=?"));
  st->Bind(1, int64_t{deal_id});
  GB_ASSIGN_OR_RETURN(bool row, st->Step());
  if (!row) return base::Status::Corruption("db_corrupt", "a pledge without its deal");
  return rules::ParseDealState(st->Text(0));
}

base::Result<MoneyVerdict> StoreDb::Deposit(const MoneyRequest& req) {
  MoneyVerdict v;
  GB_ASSIGN_OR_RETURN(TillTarget target,
                      ParseTillTarget(req.voucher, req.short_code, req.place, kMaxTill));
  v.key_id = target.key_id;
  v.serial = target.serial;
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_RETURN_IF_ERROR(CheckTillOrigin(req.origin));
  GB_ASSIGN_OR_RETURN(std::optional<rules::PledgeRecord> row, TillPledge(target));
  if (!row) return Unknown(std::move(v), target);
  v.deal_id = row->deal_id;
  bool found = false;
  GB_ASSIGN_OR_RETURN(const rules::Deal* deal, LoadDeal(row->deal_id, &found));
  if (!found) return base::Status::Corruption("db_corrupt", "a pledge without its deal");
  GB_ASSIGN_OR_RETURN(rules::DealState deal_state, StoredDealState(row->deal_id));
  base::Result<rules::TillDecision> decided =
      rules::DecideDeposit(*row, rules::TillFacts{*deal, deal_state, 0, req.now});
  if (!decided.ok() && decided.status().reason() == "deposit_already_paid") {
    v.verdict = "ALREADY_PAID";
    v.amount_minor = row->deposit_paid;
    v.at = row->deposit_paid_at.value_or(0);
    v.place = row->deposit_till;
    return v;
  }
  if (!decided.ok()) {
    Refuse(v, decided.status());
    return v;
  }
  const int64_t amount = decided->amount;
  if (req.dry_run) return WouldBe(v, "PAID", amount);
  GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef up,
      sql_.Get("UPDATE pledges SET state=?, deposit_paid=?, deposit_paid_at=?, deposit_place=?,"
               " deposit_origin=?, deposit_staff=?, rev=? WHERE key_id=? AND serial=?"));
  GB_RETURN_IF_ERROR(up->Bind(1, rules::PledgeStateName(decided->next))
                         .Bind(2, amount)
                         .Bind(3, req.now)
                         .Bind(4, req.place)
                         .Bind(5, req.origin)
                         .Bind(6, req.staff)
                         .Bind(7, rev + 1)
                         .Bind(8, int64_t{v.key_id})
                         .Bind(9, static_cast<int64_t>(v.serial))
                         .Run());
  // The pledge now counts: the tally changed, and it may unlock the deal.
  GB_RETURN_IF_ERROR(MoveDeal(row->deal_id, req.now, rev + 1));
  GB_RETURN_IF_ERROR(tx.Commit());
  return Done(std::move(v), "PAID", amount, req);
}

base::Result<MoneyVerdict> StoreDb::Refund(const MoneyRequest& req) {
  MoneyVerdict v;
  GB_ASSIGN_OR_RETURN(TillTarget target,
                      ParseTillTarget(req.voucher, req.short_code, req.place, kMaxTill));
  v.key_id = target.key_id;
  v.serial = target.serial;
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_RETURN_IF_ERROR(CheckTillOrigin(req.origin));
  GB_ASSIGN_OR_RETURN(std::optional<rules::PledgeRecord> row, TillPledge(target));
  if (!row) return Unknown(std::move(v), target);
  v.deal_id = row->deal_id;
  bool found = false;
  GB_ASSIGN_OR_RETURN(const rules::Deal* deal, LoadDeal(row->deal_id, &found));
  if (!found) return base::Status::Corruption("db_corrupt", "a pledge without its deal");
  GB_ASSIGN_OR_RETURN(rules::DealState stored, StoredDealState(row->deal_id));
  GB_ASSIGN_OR_RETURN(rules::Tally tally, DealTally(row->deal_id));
  // The deal as it stands now, even if the server's timer has not written it
  // yet: a deal past its deadline below threshold has failed.
  const rules::DealState deal_state = rules::Advance(*deal, stored, tally, req.now);
  base::Result<rules::TillDecision> decided =
      rules::DecideRefund(*row, rules::TillFacts{*deal, deal_state, tally.committed, req.now});
  if (!decided.ok() && decided.status().reason() == "already_refunded") {
    v.verdict = "ALREADY_REFUNDED";
    v.amount_minor = row->refund_minor;
    v.at = row->refunded_at.value_or(0);
    v.place = row->refund_till;
    return v;
  }
  if (!decided.ok()) {
    Refuse(v, decided.status());
    return v;
  }
  const int64_t amount = decided->amount;
  // A dry run may have read a failure the timer has not written yet; it
  // writes nothing (the transaction rolls back), the real refund will.
  if (req.dry_run) return WouldBe(v, "REFUNDED", amount);
  GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef up,
      sql_.Get("UPDATE pledges SET state=?, refund_minor=?, refunded_at=?, refund_place=?,"
               " refund_origin=?, refund_staff=?, rev=? WHERE key_id=? AND serial=?"));
  GB_RETURN_IF_ERROR(up->Bind(1, rules::PledgeStateName(decided->next))
                         .Bind(2, amount)
                         .Bind(3, req.now)
                         .Bind(4, req.place)
                         .Bind(5, req.origin)
                         .Bind(6, req.staff)
                         .Bind(7, rev + 1)
                         .Bind(8, int64_t{v.key_id})
                         .Bind(9, static_cast<int64_t>(v.serial))
                         .Run());
  // Writes the failure the pledge's void state was read from, with the rest
  // of that deal's pledges, in this same transaction.
  GB_RETURN_IF_ERROR(MoveDeal(row->deal_id, req.now, rev + 1));
  GB_RETURN_IF_ERROR(tx.Commit());
  return Done(std::move(v), "REFUNDED", amount, req);
}

}  // namespace gb::store
