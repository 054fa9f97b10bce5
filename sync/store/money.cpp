// Deposits taken and refunds given at a till, decided at the server once
// for every till. The rules are core/rules' and kiosk/ledger's, the same
// the till applies alone when offline (Ledger::PayDeposit, GiveRefund).
#include <utility>

#include "core/rules/join.h"
#include "core/rules/pledge.h"
#include "kiosk/ledger/till_records.h"
#include "sync/store/store_db.h"
#include "sync/store/till_target.h"

namespace gb::store {
namespace {

// Till ids are at most 64 bytes: the bound of the "deposit" event's `till`,
// which must be able to repeat this place.
constexpr size_t kMaxTill = 64;

struct MoneyRow {
  uint32_t deal_id = 0;
  rules::PledgeState state = rules::PledgeState::kActive;
  int64_t joined_at = 0;
  int64_t price_minor = 0;
  int64_t deposit_paid = 0;
  std::optional<int64_t> deposit_paid_at;
  std::string deposit_place;
  std::optional<int64_t> refunded_at;
  int64_t refund_minor = 0;
  std::string refund_place;
};

base::Result<std::optional<MoneyRow>> ReadMoneyRow(sqlite::StmtCache& sql,
                                                   const TillTarget& target) {
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef q,
      sql.Get("SELECT deal_id, state, joined_at, price_minor, voucher, deposit_paid,"
              " deposit_paid_at, deposit_place, refunded_at, refund_minor, refund_place"
              " FROM pledges WHERE key_id=? AND serial=?"));
  q->Bind(1, int64_t{target.key_id}).Bind(2, static_cast<int64_t>(target.serial));
  GB_ASSIGN_OR_RETURN(bool exists, q->Step());
  if (!exists) return std::optional<MoneyRow>();
  GB_ASSIGN_OR_RETURN(bool matches, TargetMatches(target, q->Text(4)));
  if (!matches) return std::optional<MoneyRow>();
  MoneyRow r;
  r.deal_id = static_cast<uint32_t>(q->Int(0));
  GB_ASSIGN_OR_RETURN(r.state, rules::ParsePledgeState(q->Text(1)));
  r.joined_at = q->Int(2);
  r.price_minor = q->Int(3);
  r.deposit_paid = q->Int(5);
  if (!q->IsNull(6)) r.deposit_paid_at = q->Int(6);
  r.deposit_place = q->IsNull(7) ? "" : q->Text(7);
  if (!q->IsNull(8)) r.refunded_at = q->Int(8);
  r.refund_minor = q->IsNull(9) ? 0 : q->Int(9);
  r.refund_place = q->IsNull(10) ? "" : q->Text(10);
  return std::optional<MoneyRow>(std::move(r));
}

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
  GB_ASSIGN_OR_RETURN(std::optional<MoneyRow> row, ReadMoneyRow(sql_, target));
  if (!row) return Unknown(std::move(v), target);
  v.deal_id = row->deal_id;
  // deposit_paid without a time: recorded before the server kept times.
  if (row->deposit_paid_at || row->deposit_paid > 0) {
    v.verdict = "ALREADY_PAID";
    v.amount_minor = row->deposit_paid;
    v.at = row->deposit_paid_at.value_or(0);
    v.place = row->deposit_place;
    return v;
  }
  bool found = false;
  GB_ASSIGN_OR_RETURN(const rules::Deal* deal, LoadDeal(row->deal_id, &found));
  if (!found) return base::Status::Corruption("db_corrupt", "a pledge without its deal");
  const int64_t amount = rules::DepositAmount(*deal, row->price_minor);
  if (amount <= 0) {
    Refuse(v, base::Status::FailedPrecondition(
                  "no_deposit", "deal " + std::to_string(row->deal_id) + " asks no deposit"));
    return v;
  }
  GB_ASSIGN_OR_RETURN(rules::DealState deal_state, StoredDealState(row->deal_id));
  // The stored pledge state, as the till does: a reservation past its window
  // is refused as "deposit_late", which says more than "lapsed".
  auto to = rules::ApplyPledgeEvent(row->state, rules::PledgeEvent::kPayDeposit,
                                    {*deal, deal_state, row->joined_at, req.now});
  if (!to.ok()) {
    Refuse(v, to.status());
    return v;
  }
  if (req.dry_run) return WouldBe(v, "PAID", amount);
  GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef up,
      sql_.Get("UPDATE pledges SET state=?, deposit_paid=?, deposit_paid_at=?, deposit_place=?,"
               " deposit_origin=?, deposit_staff=?, rev=? WHERE key_id=? AND serial=?"));
  GB_RETURN_IF_ERROR(up->Bind(1, rules::PledgeStateName(*to))
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
  GB_ASSIGN_OR_RETURN(std::optional<MoneyRow> row, ReadMoneyRow(sql_, target));
  if (!row) return Unknown(std::move(v), target);
  v.deal_id = row->deal_id;
  if (row->refunded_at) {
    v.verdict = "ALREADY_REFUNDED";
    v.amount_minor = row->refund_minor;
    v.at = *row->refunded_at;
    v.place = row->refund_place;
    return v;
  }
  bool found = false;
  GB_ASSIGN_OR_RETURN(const rules::Deal* deal, LoadDeal(row->deal_id, &found));
  if (!found) return base::Status::Corruption("db_corrupt", "a pledge without its deal");
  GB_ASSIGN_OR_RETURN(rules::DealState stored, StoredDealState(row->deal_id));
  GB_ASSIGN_OR_RETURN(rules::Tally tally, DealTally(row->deal_id));
  // The deal as it stands now, even if the server's timer has not written it
  // yet: a deal past its deadline below threshold has failed.
  const rules::DealState deal_state = rules::Advance(*deal, stored, tally, req.now);
  ledger::PledgeRecord p;
  p.state = row->state;
  p.joined_at = row->joined_at;
  const rules::PledgeState effective = ledger::EffectivePledgeState(p, *deal, deal_state, req.now);
  if (effective != rules::PledgeState::kCancelled && effective != rules::PledgeState::kVoid) {
    Refuse(v, base::Status::FailedPrecondition(
                  "nothing_to_refund",
                  "only a cancelled pledge or one of a failed deal gets its deposit back; this "
                  "one is " +
                      std::string(rules::PledgeStateName(effective))));
    return v;
  }
  const int64_t amount = rules::DepositRefund(effective, row->deposit_paid);
  if (amount <= 0) {
    Refuse(v, base::Status::FailedPrecondition("nothing_to_refund",
                                               "no deposit was paid for this pledge"));
    return v;
  }
  // A dry run may have read a failure the timer has not written yet; it
  // writes nothing (the transaction rolls back), the real refund will.
  if (req.dry_run) return WouldBe(v, "REFUNDED", amount);
  GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef up,
      sql_.Get("UPDATE pledges SET state=?, refund_minor=?, refunded_at=?, refund_place=?,"
               " refund_origin=?, refund_staff=?, rev=? WHERE key_id=? AND serial=?"));
  GB_RETURN_IF_ERROR(up->Bind(1, rules::PledgeStateName(effective))
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
