// Pausing and resuming a deal's sign-ups from the store server or the head
// office (StoreDb::PauseDeal). The pause is the terms' `paused`, outside the
// terms a voucher promises (rules::CanonicalTerms), so it travels with the
// deal exactly as a stop does (deal_stop.cpp) and can be undone.
#include "kiosk/rules/deal_json.h"
#include "kiosk/rules/deal_state.h"
#include "sync/store/store_db.h"

namespace gb::store {

base::Result<DealPause> StoreDb::PauseDeal(uint32_t deal_id, bool paused, int64_t now) {
  GB_ASSIGN_OR_RETURN(ledger::Transaction tx, ledger::Transaction::Begin(*db_));
  bool found = false;
  GB_ASSIGN_OR_RETURN(const rules::Deal* loaded, LoadDeal(deal_id, &found));
  if (!found) {
    return base::Status::NotFound("unknown_deal",
                                  "deal " + std::to_string(deal_id) + " is not in this catalog");
  }
  rules::Deal deal = *loaded;
  GB_ASSIGN_OR_RETURN(ledger::StmtRef q, sql_.Get("SELECT state, chain FROM deals WHERE id=?"));
  q->Bind(1, int64_t{deal_id});
  GB_ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return base::Status::NotFound("unknown_deal", "deal vanished");
  GB_ASSIGN_OR_RETURN(rules::DealState state, rules::ParseDealState(q->Text(0)));
  GB_ASSIGN_OR_RETURN(bool hq, IsHeadOffice());
  if (q->Int(1) != 0 && !hq) {
    return base::Status::FailedPrecondition(
        "chain_deal", "deal " + std::to_string(deal_id) +
                          " is a chain-wide deal from the head office; pause it there");
  }
  // A pause is for a deal that still takes sign-ups; one that stopped for
  // good has nothing to pause or resume.
  if (now >= rules::EffectiveStop(deal) || state == rules::DealState::kFailed ||
      state == rules::DealState::kClosed) {
    return base::Status::FailedPrecondition(
        "already_stopped",
        "sign-ups for deal " + std::to_string(deal_id) + " have stopped for good");
  }
  GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
  if (deal.paused == paused) return DealPause{deal_id, paused, false, rev};
  deal.paused = paused;
  ++rev;
  GB_ASSIGN_OR_RETURN(ledger::StmtRef up,
                      sql_.Get("UPDATE deals SET terms_json=?, updated_at=?, rev=? WHERE id=?"));
  GB_RETURN_IF_ERROR(up->Bind(1, rules::DealToJson(deal).dump())
                         .Bind(2, now)
                         .Bind(3, rev)
                         .Bind(4, int64_t{deal_id})
                         .Run());
  deals_.erase(deal_id);
  GB_RETURN_IF_ERROR(SetRevision(rev));
  GB_RETURN_IF_ERROR(tx.Commit());
  return DealPause{deal_id, paused, true, rev};
}

}  // namespace gb::store
