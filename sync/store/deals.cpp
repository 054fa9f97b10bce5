// Deals on the store server: catalog import and the server's decisions on
// their states (unlock by the sum over kiosks, fail at the deadline).
#include <algorithm>

#include "core/rules/deal_json.h"
#include "core/rules/deal_state.h"
#include "sync/protocol/json_reader.h"
#include "sync/store/store_db.h"

namespace gb::store {

base::Status StoreDb::PutDeals(const std::vector<rules::Deal>& deals, int64_t now) {
  for (const rules::Deal& d : deals) GB_RETURN_IF_ERROR(rules::ValidateDeal(d));
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
  ++rev;
  for (const rules::Deal& imported : deals) {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                        sql_.Get("SELECT terms_json, chain FROM deals WHERE id=?"));
    q->Bind(1, int64_t{imported.id});
    GB_ASSIGN_OR_RETURN(bool known, q->Step());
    rules::Deal d = imported;
    if (known) {
      // A stop stays: re-importing the catalog must not restart a deal that
      // was stopped early (StopDeal), so the earlier stop wins.
      bool had = false;
      GB_ASSIGN_OR_RETURN(const rules::Deal* stored, LoadDeal(d.id, &had));
      if (had && stored->stopped_early_at) {
        d.stopped_early_at = d.stopped_early_at
                                 ? std::min(*d.stopped_early_at, *stored->stopped_early_at)
                                 : *stored->stopped_early_at;
      }
      // So does a pause: only `deal resume` ends it.
      if (had && stored->paused) d.paused = true;
    }
    const std::string terms = rules::DealToJson(d).dump();
    if (known && q->Int(1) != 0) {
      return base::Status::FailedPrecondition(
          "chain_deal", "deal " + std::to_string(d.id) +
                            " is a chain-wide deal from the head office; change it there");
    }
    if (!known) {
      GB_ASSIGN_OR_RETURN(sqlite::StmtRef ins,
                          sql_.Get("INSERT INTO deals(id, terms_json, state, updated_at, rev)"
                                   " VALUES (?, ?, 'open', ?, ?)"));
      GB_RETURN_IF_ERROR(
          ins->Bind(1, int64_t{d.id}).Bind(2, terms).Bind(3, now).Bind(4, rev).Run());
      GB_RETURN_IF_ERROR(RecordTermsVersion(d, now));
      continue;
    }
    if (q->Text(0) == terms) continue;
    // Sign-ups in the stores lock a head office's terms as pledges lock a store's.
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef p,
                        sql_.Get("SELECT 1 FROM pledges WHERE deal_id=?1 UNION ALL"
                                 " SELECT 1 FROM outside_tallies WHERE deal_id=?1"
                                 " AND committed + reserved + redeemed + cancelled > 0 LIMIT 1"));
    p->Bind(1, int64_t{d.id});
    GB_ASSIGN_OR_RETURN(bool has_pledges, p->Step());
    if (has_pledges) {
      return base::Status::FailedPrecondition(
          "terms_locked",
          "deal " + std::to_string(d.id) + " already has pledges; its terms cannot change");
    }
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef up,
                        sql_.Get("UPDATE deals SET terms_json=?, updated_at=?, rev=? WHERE id=?"));
    GB_RETURN_IF_ERROR(up->Bind(1, terms).Bind(2, now).Bind(3, rev).Bind(4, int64_t{d.id}).Run());
    GB_RETURN_IF_ERROR(RecordTermsVersion(d, now));
  }
  GB_RETURN_IF_ERROR(SetRevision(rev));
  GB_RETURN_IF_ERROR(tx.Commit());
  deals_.clear();  // terms may have changed under the cache
  return base::Status::Ok();
}

base::Result<const rules::Deal*> StoreDb::LoadDeal(uint32_t deal_id, bool* found) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q, sql_.Get("SELECT terms_json FROM deals WHERE id=?"));
  q->Bind(1, int64_t{deal_id});
  GB_ASSIGN_OR_RETURN(bool row, q->Step());
  *found = row;
  if (!row) return static_cast<const rules::Deal*>(nullptr);
  std::string terms = q->Text(0);
  auto it = deals_.find(deal_id);
  if (it != deals_.end() && it->second.terms_json == terms) return &it->second.deal;
  GB_ASSIGN_OR_RETURN(nlohmann::json j, protocol::ParseJson(terms));
  auto deal = rules::DealFromJson(j);
  if (!deal.ok()) {
    return base::Status::Corruption("db_corrupt", "deal " + std::to_string(deal_id) +
                                                      " has bad terms: " + deal.status().message());
  }
  CachedDeal& c = deals_[deal_id];
  c.terms_json = std::move(terms);
  c.deal = std::move(deal).value();
  return &c.deal;
}

base::Result<rules::Tally> StoreDb::DealTally(uint32_t deal_id) {
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef q,
      sql_.Get("SELECT coalesce(sum(state IN ('active','redeemed','expired')), 0),"
               " coalesce(sum(state = 'reserved'), 0) FROM pledges WHERE deal_id=?"));
  q->Bind(1, int64_t{deal_id});
  GB_ASSIGN_OR_RETURN(bool row, q->Step());
  rules::Tally t;
  if (row) {
    t.committed = q->Int(0);
    t.reserved = q->Int(1);
  }
  // Counts kept elsewhere: at a head office, each linked store's; at a store,
  // the rest of the chain's for a chain-wide deal (schema step 7).
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef o,
                      sql_.Get("SELECT coalesce(sum(committed), 0), coalesce(sum(reserved), 0)"
                               " FROM outside_tallies WHERE deal_id=?"));
  o->Bind(1, int64_t{deal_id});
  GB_ASSIGN_OR_RETURN(bool orow, o->Step());
  if (orow) {
    t.committed += o->Int(0);
    t.reserved += o->Int(1);
  }
  return t;
}

base::Result<bool> StoreDb::AdvanceDeal(uint32_t deal_id, int64_t now, int64_t rev) {
  bool found = false;
  GB_ASSIGN_OR_RETURN(const rules::Deal* deal, LoadDeal(deal_id, &found));
  if (!found) return false;
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q, sql_.Get("SELECT state, chain FROM deals WHERE id=?"));
  q->Bind(1, int64_t{deal_id});
  GB_ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return false;
  GB_ASSIGN_OR_RETURN(rules::DealState from, rules::ParseDealState(q->Text(0)));
  const bool chain = q->Int(1) != 0;
  // Counting a deal's pledges reads every one of them: after every ingested
  // group that was most of the writer's time once a deal had thousands.
  // Only an open deal's count can move it.
  rules::Tally tally;
  if (rules::AdvanceReadsTally(from)) {
    GB_ASSIGN_OR_RETURN(tally, DealTally(deal_id));
  }
  rules::DealState to = rules::Advance(*deal, from, tally, now);
  // A chain-wide deal fails only when the head office says so: this store
  // may not have heard of the other stores' last sign-ups yet, and a void
  // voucher cannot be made valid again. Unlocking early is safe: the count
  // it saw was reached.
  if (chain && to == rules::DealState::kFailed) return false;
  if (to == from) return false;
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef up,
                      sql_.Get("UPDATE deals SET state=?, updated_at=?, rev=? WHERE id=?"));
  GB_RETURN_IF_ERROR(up->Bind(1, rules::DealStateName(to))
                         .Bind(2, now)
                         .Bind(3, rev)
                         .Bind(4, int64_t{deal_id})
                         .Run());
  if (to == rules::DealState::kFailed) {
    // A failed deal's vouchers are void (core/rules/pledge.h).
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef v,
                        sql_.Get("UPDATE pledges SET state='void', rev=? WHERE deal_id=?"
                                 " AND state IN ('reserved','active')"));
    GB_RETURN_IF_ERROR(v->Bind(1, rev).Bind(2, int64_t{deal_id}).Run());
  }
  return true;
}

base::Result<int> StoreDb::AdvanceDeals(int64_t now) {
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
  std::vector<uint32_t> live;
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                        sql_.Get("SELECT id FROM deals WHERE state IN ('open','unlocked')"));
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      live.push_back(static_cast<uint32_t>(q->Int(0)));
    }
  }
  int changed = 0;
  for (uint32_t id : live) {
    GB_ASSIGN_OR_RETURN(bool c, AdvanceDeal(id, now, rev + 1));
    if (c) ++changed;
  }
  if (changed == 0) return 0;  // the transaction rolls back: nothing was written
  GB_RETURN_IF_ERROR(SetRevision(rev + 1));
  GB_RETURN_IF_ERROR(tx.Commit());
  return changed;
}

}  // namespace gb::store
