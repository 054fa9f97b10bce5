// Pausing and resuming a deal's sign-ups from the store server or the head
// office (StoreDb::PauseDeal). The pause is the terms' `paused`, outside the
// terms a voucher promises (rules::CanonicalTerms), so it travels with the
// deal exactly as a stop does (deal_stop.cpp) and can be undone.
#include "sync/store/store_db.h"

namespace gb::store {

base::Result<DealPause> StoreDb::PauseDeal(uint32_t deal_id, bool paused, int64_t now) {
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  // A pause is for a deal that still takes sign-ups; one that stopped for
  // good has nothing to pause or resume.
  GB_ASSIGN_OR_RETURN(rules::Deal deal,
                      LoadLiveDeal(deal_id, now, paused ? "pause" : "resume"));
  GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
  if (deal.paused == paused) return DealPause{deal_id, paused, false, rev};
  deal.paused = paused;
  ++rev;
  GB_RETURN_IF_ERROR(SaveDealTerms(deal, now, rev));
  GB_RETURN_IF_ERROR(SetRevision(rev));
  GB_RETURN_IF_ERROR(tx.Commit());
  return DealPause{deal_id, paused, true, rev};
}

}  // namespace gb::store
