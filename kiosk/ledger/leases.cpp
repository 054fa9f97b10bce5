// The store's quota leases on this kiosk (core/rules/lease.h): stored as
// GET /v1/state gave them, read by SignUp and the staff screens.
#include "kiosk/ledger/ledger.h"

namespace gb::ledger {

base::Result<rules::LeaseCheck> Ledger::LeaseFor(const rules::Deal& deal, bool required) {
  rules::LeaseCheck check;
  check.required = required;
  if (!required || deal.cap <= 0) return check;
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT seats, expires_at FROM leases"
                                             " WHERE deal_id=?"));
    st->Bind(1, deal.id);
    GB_ASSIGN_OR_RETURN(bool row, st->Step());
    if (row) check.lease = rules::Lease{deal.id, static_cast<int32_t>(st->Int(0)), st->Int(1)};
  }
  // Every pledge of this kiosk that the store counts against the cap, sent
  // or not: a reservation past its deposit window too, because the store
  // counts it until it hears otherwise, and the lease is the store's count.
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st,
                      sql_.Get("SELECT count(*) FROM pledges WHERE deal_id=? AND state IN"
                               " ('reserved','active','redeemed','expired')"));
  st->Bind(1, deal.id);
  GB_ASSIGN_OR_RETURN(bool row, st->Step());
  check.own_seats = row ? st->Int(0) : 0;
  return check;
}

base::Status Ledger::ReplaceLeases(const std::vector<StoreLease>& leases, int64_t now) {
  // The store sends all of this kiosk's leases each time: a deal missing
  // from the list has no lease any more (it stopped, or it lost its cap).
  GB_RETURN_IF_ERROR(db_->Exec("DELETE FROM leases"));
  for (const StoreLease& l : leases) {
    if (l.lease.seats < 0) {
      return base::Status::InvalidArgument(
          "bad_lease", "the server's lease on deal " + std::to_string(l.lease.deal_id) + " has " +
                           std::to_string(l.lease.seats) + " seats");
    }
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef ins,
                        sql_.Get("INSERT INTO leases(deal_id, seats, expires_at, used_at_store,"
                                 " received_at) VALUES(?,?,?,?,?) ON CONFLICT(deal_id) DO UPDATE"
                                 " SET seats=excluded.seats, expires_at=excluded.expires_at,"
                                 " used_at_store=excluded.used_at_store,"
                                 " received_at=excluded.received_at"));
    GB_RETURN_IF_ERROR(ins->Bind(1, l.lease.deal_id)
                           .Bind(2, int64_t{l.lease.seats})
                           .Bind(3, l.lease.expires_at)
                           .Bind(4, l.used_at_store)
                           .Bind(5, now)
                           .Run());
  }
  return base::Status::Ok();
}

base::Result<std::vector<StoreLease>> Ledger::ListLeases() {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef st, sql_.Get("SELECT deal_id, seats, expires_at, used_at_store"
                                           " FROM leases ORDER BY deal_id"));
  std::vector<StoreLease> out;
  for (;;) {
    GB_ASSIGN_OR_RETURN(bool row, st->Step());
    if (!row) break;
    out.push_back(StoreLease{rules::Lease{static_cast<uint32_t>(st->Int(0)),
                                          static_cast<int32_t>(st->Int(1)), st->Int(2)},
                             st->Int(3)});
  }
  return out;
}

}  // namespace gb::ledger
