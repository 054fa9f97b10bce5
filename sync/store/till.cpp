// Redemption at the server: the one place where "exactly once across every
// till" is decided while the store is reachable, by the rules the till
// applies alone when offline (core/rules/till_rules.h).
#include <algorithm>

#include "core/rules/pledge.h"
#include "core/rules/till_rules.h"
#include "sync/store/store_db.h"
#include "sync/store/till_target.h"

namespace gb::store {

base::Result<RedeemVerdict> StoreDb::Redeem(const RedeemRequest& req) {
  // A dry run writes nothing, so it rolls back; a verdict that only reads
  // (UNKNOWN, ALREADY_REDEEMED, REFUSED) commits nothing either.
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_ASSIGN_OR_RETURN(RedeemVerdict v, RedeemInTransaction(req));
  if (v.verdict == "VALID" && !req.dry_run) GB_RETURN_IF_ERROR(tx.Commit());
  return v;
}

base::Result<std::vector<base::Result<RedeemVerdict>>> StoreDb::RedeemGroup(
    std::span<const RedeemRequest> reqs) {
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  std::vector<base::Result<RedeemVerdict>> out;
  out.reserve(reqs.size());
  for (const RedeemRequest& req : reqs) {
    GB_RETURN_IF_ERROR(db_->Exec("SAVEPOINT redeem"));
    base::Result<RedeemVerdict> v = RedeemInTransaction(req);
    // A dry run inside a group must not keep what it would have written.
    if (!v.ok() || req.dry_run) GB_RETURN_IF_ERROR(db_->Exec("ROLLBACK TO redeem"));
    GB_RETURN_IF_ERROR(db_->Exec("RELEASE redeem"));
    out.push_back(std::move(v));
  }
  GB_RETURN_IF_ERROR(tx.Commit());
  return out;
}

base::Result<RedeemVerdict> StoreDb::RedeemInTransaction(const RedeemRequest& req) {
  GB_ASSIGN_OR_RETURN(TillTarget target,
                      ParseTillTarget(req.voucher, req.short_code, req.place, 128));
  GB_RETURN_IF_ERROR(CheckTillOrigin(req.origin));
  RedeemVerdict v;
  v.key_id = target.key_id;
  v.serial = target.serial;

  GB_ASSIGN_OR_RETURN(std::optional<rules::PledgeRecord> p, TillPledge(target));
  if (!p) {
    v.verdict = "UNKNOWN";
    GB_ASSIGN_OR_RETURN(std::optional<std::string> refused, RefusedSignUp(target));
    if (refused) {
      v.verdict = "REFUSED";
      v.reason = "refused_by_store";
      v.message = "the store refused this voucher's sign-up (" + *refused +
                  "); it is on the rescue list";
    }
    return v;
  }
  v.deal_id = p->deal_id;
  if (p->state == rules::PledgeState::kRedeemed) {
    // Answered before the deal is read: a second scan of a used voucher is
    // the commonest refusal at a busy till.
    v.verdict = "ALREADY_REDEEMED";
    v.redeemed_at = p->redeemed_at.value_or(0);
    v.place = p->redeemed_place;
    return v;
  }
  bool found = false;
  GB_ASSIGN_OR_RETURN(const rules::Deal* deal, LoadDeal(v.deal_id, &found));
  if (!found) return base::Status::Corruption("db_corrupt", "a pledge without its deal");
  GB_ASSIGN_OR_RETURN(rules::DealState deal_state, StoredDealState(v.deal_id));
  GB_ASSIGN_OR_RETURN(int64_t committed, CommittedUpToLastTier(*deal));
  base::Result<rules::TillDecision> decided =
      rules::DecideRedeem(*p, rules::TillFacts{*deal, deal_state, committed, req.now});
  if (!decided.ok()) {
    v.verdict = "REFUSED";
    v.reason = decided.status().reason();
    v.message = decided.status().message();
    return v;
  }
  v.settlement = decided->settlement;
  if (req.dry_run) {
    v.verdict = "VALID";
    return v;  // nothing written: the caller rolls back or writes nothing
  }
  GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef up,
      sql_.Get("UPDATE pledges SET state=?, redeemed_at=?, redeemed_place=?, redeem_origin=?,"
               " redeem_staff=?, rev=? WHERE key_id=? AND serial=?"));
  GB_RETURN_IF_ERROR(up->Bind(1, rules::PledgeStateName(decided->next))
                         .Bind(2, req.now)
                         .Bind(3, req.place)
                         .Bind(4, req.origin)
                         .Bind(5, req.staff)
                         .Bind(6, rev + 1)
                         .Bind(7, int64_t{v.key_id})
                         .Bind(8, static_cast<int64_t>(v.serial))
                         .Run());
  GB_RETURN_IF_ERROR(SetRevision(rev + 1));
  v.verdict = "VALID";
  v.redeemed_at = req.now;
  v.place = req.place;
  return v;
}

base::Status StoreDb::CheckTillOrigin(const std::string& origin) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql_.Get("SELECT 1 FROM kiosks WHERE kiosk_id=? AND"
                               " suspended_key_id IS key_id"));
  q->Bind(1, origin);
  GB_ASSIGN_OR_RETURN(bool suspended, q->Step());
  if (!suspended) return base::Status::Ok();
  return base::Status::Error(base::Code::kPermissionDenied, "kiosk_suspended",
                             "kiosk " + origin +
                                 " is suspended (a clone?); its tills take no money and redeem "
                                 "nothing until an admin reinstates it");
}

base::Result<int64_t> StoreDb::CommittedUpToLastTier(const rules::Deal& deal) {
  // The price depends on the count only up to the last tier, so the count
  // stops there: a deal with 30,000 pledges costs a redemption a few index
  // steps, not a scan (this runs once per redemption on the writer thread).
  int64_t last_tier = 0;
  for (const rules::Tier& t : deal.tiers) last_tier = std::max<int64_t>(last_tier, t.participants);
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef c,
      sql_.Get("SELECT count(*) FROM (SELECT 1 FROM pledges WHERE deal_id=?"
               " AND state IN ('active','redeemed','expired') LIMIT ?)"));
  c->Bind(1, int64_t{deal.id}).Bind(2, last_tier);
  GB_ASSIGN_OR_RETURN(bool counted, c->Step());
  return counted ? c->Int(0) : int64_t{0};
}

}  // namespace gb::store
