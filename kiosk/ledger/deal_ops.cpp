// Staff's deal controls: stop sign-ups now, and a deal's activity today.
#include "kiosk/ledger/ledger.h"

namespace gb::ledger {

base::Status Ledger::StopSignUps(uint32_t deal_id, int64_t now) {
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_ASSIGN_OR_RETURN(DealRecord d, GetDeal(deal_id, now));
  if (now >= rules::EffectiveStop(d.deal) || d.state == rules::DealState::kFailed ||
      d.state == rules::DealState::kClosed) {
    return base::Status::FailedPrecondition(
        "already_stopped",
        "sign-ups for deal " + std::to_string(deal_id) + " have already stopped");
  }
  // The stop is the deal's own column, not its terms: a catalog re-import
  // rewrites terms_json and must not restart a deal staff stopped.
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("UPDATE deals SET stopped_early_at=?, updated_at=? "
                                           "WHERE id=?"));
  GB_RETURN_IF_ERROR(st->Bind(1, now).Bind(2, now).Bind(3, int64_t{deal_id}).Run());
  // An unlocked deal closes at its stop; store that now rather than on the next read.
  GB_ASSIGN_OR_RETURN(DealRecord after, GetDeal(deal_id, now));
  GB_RETURN_IF_ERROR(SaveDealState(deal_id, after.state, now));
  return tx.Commit();
}

base::Result<DealActivity> Ledger::CountActivity(uint32_t deal_id, int64_t from, int64_t to) {
  DealActivity a;
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT count(*) FROM pledges WHERE deal_id=? AND "
                                             "joined_at >= ? AND joined_at < ?"));
    st->Bind(1, int64_t{deal_id}).Bind(2, from).Bind(3, to);
    GB_ASSIGN_OR_RETURN(bool row, st->Step());
    a.sign_ups = row ? st->Int(0) : 0;
  }
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT count(*) FROM pledges WHERE deal_id=? AND "
                                           "redeemed_at >= ? AND redeemed_at < ?"));
  st->Bind(1, int64_t{deal_id}).Bind(2, from).Bind(3, to);
  GB_ASSIGN_OR_RETURN(bool row, st->Step());
  a.redemptions = row ? st->Int(0) : 0;
  return a;
}

}  // namespace gb::ledger
