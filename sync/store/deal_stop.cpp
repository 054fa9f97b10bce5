// Stopping a deal's sign-ups early from the store server or the head office
// (StoreDb::StopDeal). The stop is the terms' stopped_early_at, which every
// side already honours through rules::EffectiveStop: it travels in the
// deal's terms to a head office's stores (ApplyChainState) and from a store
// to its kiosks (GET /v1/state), and it is not part of the terms a voucher
// promises (rules::CanonicalTerms), so a deal with pledges still takes it.
#include "core/rules/deal_json.h"
#include "core/rules/deal_state.h"
#include "sync/store/store_db.h"

namespace gb::store {

base::Result<rules::Deal> StoreDb::LoadLiveDeal(uint32_t deal_id, int64_t now,
                                                std::string_view verb) {
  bool found = false;
  GB_ASSIGN_OR_RETURN(const rules::Deal* loaded, LoadDeal(deal_id, &found));
  if (!found) {
    return base::Status::NotFound("unknown_deal",
                                  "deal " + std::to_string(deal_id) + " is not in this catalog");
  }
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q, sql_.Get("SELECT state, chain FROM deals WHERE id=?"));
  q->Bind(1, int64_t{deal_id});
  GB_ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return base::Status::NotFound("unknown_deal", "deal vanished");
  GB_ASSIGN_OR_RETURN(rules::DealState state, rules::ParseDealState(q->Text(0)));
  const bool chain = q->Int(1) != 0;
  GB_ASSIGN_OR_RETURN(bool hq, IsHeadOffice());
  if (chain && !hq) {
    return base::Status::FailedPrecondition(
        "chain_deal", "deal " + std::to_string(deal_id) +
                          " is a chain-wide deal from the head office; " + std::string(verb) +
                          " it there");
  }
  if (now >= rules::EffectiveStop(*loaded) || state == rules::DealState::kFailed ||
      state == rules::DealState::kClosed) {
    return base::Status::FailedPrecondition(
        "already_stopped",
        "sign-ups for deal " + std::to_string(deal_id) + " have already stopped for good");
  }
  return *loaded;
}

base::Status StoreDb::SaveDealTerms(const rules::Deal& deal, int64_t now, int64_t rev) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef up,
                      sql_.Get("UPDATE deals SET terms_json=?, updated_at=?, rev=? WHERE id=?"));
  GB_RETURN_IF_ERROR(up->Bind(1, rules::DealToJson(deal).dump())
                         .Bind(2, now)
                         .Bind(3, rev)
                         .Bind(4, int64_t{deal.id})
                         .Run());
  deals_.erase(deal.id);  // the cache holds the old terms
  return RecordTermsVersion(deal, now);
}

base::Result<DealStop> StoreDb::StopDeal(uint32_t deal_id, int64_t now) {
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_ASSIGN_OR_RETURN(rules::Deal deal, LoadLiveDeal(deal_id, now, "stop"));
  deal.stopped_early_at = now;
  GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
  ++rev;
  GB_RETURN_IF_ERROR(SaveDealTerms(deal, now, rev));
  // An unlocked deal closes at its stop; an open one waits for its deadline
  // (pledges committed before the stop may still unlock it).
  GB_RETURN_IF_ERROR(AdvanceDeal(deal_id, now, rev).status());
  GB_ASSIGN_OR_RETURN(rules::DealState after, StoredDealState(deal_id));
  GB_RETURN_IF_ERROR(SetRevision(rev));
  GB_RETURN_IF_ERROR(tx.Commit());
  return DealStop{deal_id, now, std::string(rules::DealStateName(after)), rev};
}

}  // namespace gb::store
