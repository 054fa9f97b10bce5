// Quota leases: the store lends each kiosk seats of a capped deal. How many
// is kiosk/rules/lease.h's decision; this file gathers its inputs from the
// database and stores the outcome.
#include <map>

#include "sync/store/store_db.h"

namespace gb::store {
namespace {

// What counts against a cap, as the store's tallies count it (a reservation
// holds its seat until the store hears that it lapsed).
constexpr const char* kUsedStates = "('reserved','active','redeemed','expired')";

}  // namespace

base::Result<std::vector<std::vector<KioskLease>>> StoreDb::GrantLeases(
    std::span<const std::string> kiosks, int64_t now, const rules::LeasePolicy& policy) {
  GB_ASSIGN_OR_RETURN(ledger::Transaction tx, ledger::Transaction::Begin(*db_));
  std::vector<std::pair<uint32_t, std::string>> ids;
  {
    GB_ASSIGN_OR_RETURN(ledger::StmtRef q, sql_.Get("SELECT id, state FROM deals WHERE state IN"
                                                    " ('open','unlocked') ORDER BY id"));
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      ids.emplace_back(static_cast<uint32_t>(q->Int(0)), q->Text(1));
    }
  }
  int32_t enrolled = 1;
  {
    GB_ASSIGN_OR_RETURN(ledger::StmtRef q,
                        sql_.Get("SELECT count(*) FROM kiosks WHERE revoked_at IS NULL"));
    GB_ASSIGN_OR_RETURN(bool row, q->Step());
    if (row) enrolled = static_cast<int32_t>(q->Int(0));
  }
  std::vector<std::vector<KioskLease>> out(kiosks.size());
  for (const auto& [id, state_name] : ids) {
    bool found = false;
    GB_ASSIGN_OR_RETURN(const rules::Deal* deal, LoadDeal(id, &found));
    if (!found || deal->cap <= 0) continue;
    GB_ASSIGN_OR_RETURN(rules::DealState state, rules::ParseDealState(state_name));
    if (!rules::AcceptsSignUps(*deal, state, now)) continue;
    std::map<std::string, rules::LeaseHolder> holders;
    {
      GB_ASSIGN_OR_RETURN(ledger::StmtRef q,
                          sql_.Get(std::string("SELECT origin, count(*) FROM pledges WHERE"
                                               " deal_id=? AND state IN ") +
                                   kUsedStates + " GROUP BY origin"));
      q->Bind(1, int64_t{id});
      for (;;) {
        GB_ASSIGN_OR_RETURN(bool row, q->Step());
        if (!row) break;
        holders[q->Text(0)].used = q->Int(1);
      }
    }
    {
      // A revoked kiosk signs nothing more: its unused seats come back.
      GB_ASSIGN_OR_RETURN(ledger::StmtRef q,
                          sql_.Get("SELECT l.kiosk_id, l.seats, l.expires_at FROM leases l"
                                   " LEFT JOIN kiosks k ON k.kiosk_id = l.kiosk_id"
                                   " WHERE l.deal_id=? AND k.revoked_at IS NULL"));
      q->Bind(1, int64_t{id});
      for (;;) {
        GB_ASSIGN_OR_RETURN(bool row, q->Step());
        if (!row) break;
        holders[q->Text(0)].lease = rules::Lease{id, static_cast<int32_t>(q->Int(1)), q->Int(2)};
      }
    }
    for (size_t i = 0; i < kiosks.size(); ++i) {
      int64_t others = 0;
      for (const auto& [who, h] : holders) others += who == kiosks[i] ? 0 : rules::HeldSeats(h);
      rules::LeaseHolder& me = holders[kiosks[i]];
      const rules::Lease next =
          rules::GrantLease({*deal, me.used, me.lease, others, enrolled, now}, policy);
      if (me.lease != next) {
        GB_ASSIGN_OR_RETURN(
            ledger::StmtRef up,
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
        me.lease = next;
      }
      out[i].push_back(KioskLease{kiosks[i], next, me.used});
    }
  }
  GB_RETURN_IF_ERROR(tx.Commit());
  return out;
}

base::Result<std::vector<KioskLease>> StoreDb::ListLeases(uint32_t deal_id) {
  GB_ASSIGN_OR_RETURN(
      ledger::StmtRef q,
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
