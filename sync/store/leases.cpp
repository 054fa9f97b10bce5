// Quota leases: the store lends each kiosk seats of a capped deal. How many
// is core/rules/lease.h's decision; this file gathers its inputs from the
// database and stores the outcome.
#include <algorithm>
#include <map>

#include "sync/store/store_db.h"

namespace gb::store {
namespace {

// What counts against a cap, as the store's tallies count it (a reservation
// holds its seat until the store hears that it lapsed).
constexpr const char* kUsedStates = "('reserved','active','redeemed','expired')";

int64_t TotalHeld(const std::map<std::string, rules::LeaseHolder>& holders) {
  int64_t held = 0;
  for (const auto& [who, h] : holders) held += rules::HeldSeats(h);
  return held;
}

}  // namespace

base::Result<std::map<std::string, rules::LeaseHolder>> StoreDb::LeaseHolders(uint32_t deal_id) {
  std::map<std::string, rules::LeaseHolder> holders;
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                        sql_.Get(std::string("SELECT origin, count(*) FROM pledges WHERE"
                                             " deal_id=? AND state IN ") +
                                 kUsedStates + " GROUP BY origin"));
    q->Bind(1, int64_t{deal_id});
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      holders[q->Text(0)].used = q->Int(1);
    }
  }
  {
    // At a head office the holders are stores, whose pledges it never sees:
    // their snapshots say what they use and what their kiosks hold. (At a
    // store the one outside row, 'chain', is the rest of the chain: it is
    // bounded by the head office's lease instead.)
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                        sql_.Get("SELECT source, committed + reserved, held FROM outside_tallies"
                                 " WHERE deal_id=? AND source != 'chain'"));
    q->Bind(1, int64_t{deal_id});
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      rules::LeaseHolder& h = holders[q->Text(0)];
      h.used = std::max({h.used, q->Int(1), q->Int(2)});
    }
  }
  {
    // A revoked kiosk signs nothing more: its unused seats come back.
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                        sql_.Get("SELECT l.kiosk_id, l.seats, l.expires_at FROM leases l"
                                 " LEFT JOIN kiosks k ON k.kiosk_id = l.kiosk_id"
                                 " WHERE l.deal_id=? AND k.revoked_at IS NULL"));
    q->Bind(1, int64_t{deal_id});
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      holders[q->Text(0)].lease =
          rules::Lease{deal_id, static_cast<int32_t>(q->Int(1)), q->Int(2)};
    }
  }
  return holders;
}

base::Result<std::vector<std::vector<KioskLease>>> StoreDb::GrantLeases(
    std::span<const std::string> kiosks, int64_t now, const rules::LeasePolicy& policy) {
  GB_ASSIGN_OR_RETURN(sqlite::Transaction tx, sqlite::Transaction::Begin(*db_));
  GB_ASSIGN_OR_RETURN(const bool hq, IsHeadOffice());
  std::vector<std::tuple<uint32_t, std::string, bool>> ids;
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q, sql_.Get("SELECT id, state, chain FROM deals WHERE state"
                                                    " IN ('open','unlocked') ORDER BY id"));
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      ids.emplace_back(static_cast<uint32_t>(q->Int(0)), q->Text(1), q->Int(2) != 0);
    }
  }
  int32_t enrolled = 1;
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                        sql_.Get("SELECT count(*) FROM kiosks WHERE revoked_at IS NULL"));
    GB_ASSIGN_OR_RETURN(bool row, q->Step());
    if (row) enrolled = static_cast<int32_t>(q->Int(0));
  }
  std::vector<std::vector<KioskLease>> out(kiosks.size());
  bool chain_moved = false;
  for (const auto& [id, state_name, chain] : ids) {
    bool found = false;
    GB_ASSIGN_OR_RETURN(const rules::Deal* deal, LoadDeal(id, &found));
    if (!found || deal->cap <= 0) continue;
    GB_ASSIGN_OR_RETURN(rules::DealState state, rules::ParseDealState(state_name));
    if (!rules::AcceptsSignUps(*deal, state, now)) continue;
    GB_ASSIGN_OR_RETURN(auto holders, LeaseHolders(id));
    // A store lends its kiosks only what its head office lent it.
    std::optional<int64_t> ceiling;
    if (chain && !hq) {
      GB_ASSIGN_OR_RETURN(ceiling, ChainCeiling(id, TotalHeld(holders), now));
    }
    for (size_t i = 0; i < kiosks.size(); ++i) {
      int64_t others = 0;
      for (const auto& [who, h] : holders) others += who == kiosks[i] ? 0 : rules::HeldSeats(h);
      rules::LeaseHolder& me = holders[kiosks[i]];
      rules::GrantInput in{*deal, me.used, me.lease, others, enrolled, now};
      in.ceiling = ceiling;
      const rules::Lease next = rules::GrantLease(in, policy);
      if (me.lease != next) {
        GB_ASSIGN_OR_RETURN(
            sqlite::StmtRef up,
            sql_.Get("INSERT INTO leases(deal_id, kiosk_id, seats, expires_at, granted_at)"
                     " VALUES(?,?,?,?,?) ON CONFLICT(deal_id, kiosk_id) DO UPDATE SET"
                     " seats=excluded.seats, expires_at=excluded.expires_at,"
                     " granted_at=excluded.granted_at"));
        GB_RETURN_IF_ERROR(up->Bind(1, int64_t{id})
                               .Bind(2, kiosks[i])
                               .Bind(3, int64_t{next.seats})
                               .Bind(4, next.expires_at)
                               .Bind(5, now)
                               .Run());
        chain_moved = chain_moved || (chain && !hq && rules::HeldSeats({me.used, next}) !=
                                                          rules::HeldSeats(me));
        me.lease = next;
      }
      out[i].push_back(KioskLease{kiosks[i], next, me.used});
    }
  }
  // What the store's kiosks hold of a chain-wide cap changed: a new
  // revision, so the next snapshot tells the head office (OwnCounts "held").
  if (chain_moved) {
    GB_ASSIGN_OR_RETURN(int64_t rev, Revision());
    GB_RETURN_IF_ERROR(SetRevision(rev + 1));
  }
  GB_RETURN_IF_ERROR(tx.Commit());
  return out;
}

base::Result<int64_t> StoreDb::HeldSeats(uint32_t deal_id) {
  GB_ASSIGN_OR_RETURN(auto holders, LeaseHolders(deal_id));
  return TotalHeld(holders);
}

base::Result<std::vector<KioskLease>> StoreDb::ListLeases(uint32_t deal_id) {
  GB_ASSIGN_OR_RETURN(
      sqlite::StmtRef q,
      sql_.Get(std::string("SELECT l.kiosk_id, l.seats, l.expires_at, (SELECT count(*) FROM"
                           " pledges p WHERE p.deal_id = l.deal_id AND p.origin = l.kiosk_id"
                           " AND p.state IN ") +
               kUsedStates + ") FROM leases l WHERE l.deal_id=? ORDER BY l.kiosk_id"));
  q->Bind(1, int64_t{deal_id});
  std::vector<KioskLease> out;
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, q->Step());
    if (!row) break;
    out.push_back(KioskLease{
        q->Text(0), rules::Lease{deal_id, static_cast<int32_t>(q->Int(1)), q->Int(2)}, q->Int(3)});
  }
  return out;
}

}  // namespace gb::store
