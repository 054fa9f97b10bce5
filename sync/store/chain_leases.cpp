// Caps over a chain (docs/sync-protocol.md, "Caps over the chain"): a head
// office lends each store seats of a capped chain-wide deal with the same
// rules a store lends its kiosks (leases.cpp, core/rules/lease.h), the
// store being the holder. This file is the store's half: it keeps the head
// office's leases and bounds what it lends its own kiosks by them.
//
// Why the bound holds while the link is down: the head office counts a
// store's lease as in use until expires_at + grace by its clock and re-bases
// it only when the store itself asks again, on the seats the store says its
// kiosks hold ("held" in its snapshot, sent before it asks). From
// expires_at by the store's clock the store lends nothing new, so what it
// reported is still what its kiosks may use.
#include "sync/store/store_db.h"

namespace gb::store {
namespace {

using nlohmann::json;

base::Status BadLeases(const std::string& what) {
  return base::Status::InvalidArgument("bad_state", "head office state: leases " + what);
}

}  // namespace

base::Result<bool> StoreDb::ApplyChainLeases(const json& leases, int64_t now) {
  if (!leases.is_array()) return BadLeases("must be an array");
  std::map<uint32_t, rules::Lease> given;
  for (const json& l : leases) {
    const auto id = l.is_object() ? l.find("deal_id") : json::const_iterator();
    if (!l.is_object() || id == l.end() || !id->is_number_unsigned() || id->get<uint64_t>() == 0 ||
        id->get<uint64_t>() > std::numeric_limits<uint32_t>::max()) {
      return BadLeases("need a deal_id each");
    }
    const auto seats = l.find("seats");
    const auto expires = l.find("expires_at");
    if (seats == l.end() || !seats->is_number_integer() || seats->get<int64_t>() < 0 ||
        seats->get<int64_t>() > std::numeric_limits<int32_t>::max() || expires == l.end() ||
        !expires->is_number_integer()) {
      return BadLeases("need whole seats and expires_at");
    }
    const auto deal_id = static_cast<uint32_t>(id->get<uint64_t>());
    given[deal_id] = rules::Lease{deal_id, static_cast<int32_t>(seats->get<int64_t>()),
                                  expires->get<int64_t>()};
  }
  std::map<uint32_t, rules::Lease> had;
  {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                        sql_.Get("SELECT deal_id, seats, expires_at FROM chain_leases"));
    for (;;) {
      GB_ASSIGN_OR_RETURN(bool row, q->Step());
      if (!row) break;
      const auto deal_id = static_cast<uint32_t>(q->Int(0));
      had[deal_id] = rules::Lease{deal_id, static_cast<int32_t>(q->Int(1)), q->Int(2)};
    }
  }
  if (had == given) return false;
  // The head office answers with every lease the store holds now: one it
  // left out (the deal no longer takes sign-ups) lends nothing more.
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef del, sql_.Get("DELETE FROM chain_leases"));
  GB_RETURN_IF_ERROR(del->Run());
  for (const auto& [deal_id, lease] : given) {
    GB_ASSIGN_OR_RETURN(sqlite::StmtRef ins,
                        sql_.Get("INSERT INTO chain_leases(deal_id, seats, expires_at, received_at)"
                                 " VALUES (?, ?, ?, ?)"));
    GB_RETURN_IF_ERROR(ins->Bind(1, int64_t{deal_id})
                           .Bind(2, int64_t{lease.seats})
                           .Bind(3, lease.expires_at)
                           .Bind(4, now)
                           .Run());
  }
  return true;
}

base::Result<std::optional<rules::Lease>> StoreDb::ChainLease(uint32_t deal_id) {
  GB_ASSIGN_OR_RETURN(sqlite::StmtRef q,
                      sql_.Get("SELECT seats, expires_at FROM chain_leases WHERE deal_id=?"));
  q->Bind(1, int64_t{deal_id});
  GB_ASSIGN_OR_RETURN(bool row, q->Step());
  if (!row) return std::optional<rules::Lease>();
  return std::optional<rules::Lease>(
      rules::Lease{deal_id, static_cast<int32_t>(q->Int(0)), q->Int(1)});
}

base::Result<int64_t> StoreDb::ChainCeiling(uint32_t deal_id, int64_t held_here, int64_t now) {
  GB_ASSIGN_OR_RETURN(std::optional<rules::Lease> lease, ChainLease(deal_id));
  // Without a usable lease the store keeps what its kiosks already hold:
  // the head office may be about to lend the rest to other stores.
  if (!lease || now >= lease->expires_at) return held_here;
  return std::max<int64_t>(lease->seats, 0);
}

}  // namespace gb::store
