// Quota leases: the seats of a capped deal that the store server lends one
// kiosk, so that kiosks which cannot reach the server never sign up more
// than the cap between them (docs/sync-protocol.md, "Quota leases").
//
// Pure, shared by both ends: the kiosk checks each sign-up against its
// lease (CheckLease); the server decides what it lends (GrantLease) so that
// the seats held by all kiosks together never exceed the cap:
//   sum over kiosks of HeldSeats <= cap.
// A kiosk counts its OWN pledges against its lease, uploaded or not, so a
// lease is safe to use offline. A lease the kiosk may still be using is never
// shrunk; it is re-based (unused seats returned) only once it has expired by
// the kiosk's clock, allowing for clock skew (LeasePolicy::grace_s).
#pragma once

#include <cstdint>
#include <optional>

#include "core/base/status.h"
#include "core/rules/deal.h"

namespace gb::rules {

struct Lease {
  uint32_t deal_id = 0;
  int32_t seats = 0;       // the most pledges of the deal this kiosk may hold (its own)
  int64_t expires_at = 0;  // usable while now < expires_at, by the kiosk's clock
  bool operator==(const Lease&) const = default;
};

// What the join rule knows of this kiosk's lease on one deal.
struct LeaseCheck {
  // The kiosk syncs with a store server: its capped deals need a lease.
  // False for a standalone kiosk (the cap is then checked on its own tally).
  bool required = false;
  std::optional<Lease> lease;  // this deal's lease as last received, if any
  int64_t own_seats = 0;       // this kiosk's pledges that count against the cap
};

// Ok when no lease is required, the deal has no cap, or the lease has a free
// seat and has not expired. Otherwise ResourceExhausted "sold_out_here": the
// deal may still have places, but none that this kiosk may give now.
base::Status CheckLease(const Deal& deal, const LeaseCheck& check, int64_t now);

struct LeasePolicy {
  // Seats lent beyond what a kiosk already holds. 0: max(1, cap / (2 * kiosks)),
  // so half the cap stays free for whichever kiosk is busiest.
  int32_t block = 0;
  int64_t ttl_s = 600;  // a lease (or its extension) lasts this long
  // How long after expires_at the server still counts a lease as in use:
  // more than the clock skew a kiosk is allowed (120 s) before it pauses.
  int64_t grace_s = 180;
  // A usable lease with less time than this left is extended by ttl_s.
  int64_t renew_below_s = 300;
};

// The seats one kiosk keeps from the others: what it uses, or its lease's
// seats if more, while the server must assume the lease is in use.
struct LeaseHolder {
  int64_t used = 0;  // its pledges the server counts against the cap
  std::optional<Lease> lease;
};
int64_t HeldSeats(const LeaseHolder& holder);

struct GrantInput {
  const Deal& deal;              // REQUIRES: cap > 0
  int64_t used = 0;              // the asking kiosk's pledges counted against the cap
  std::optional<Lease> current;  // its lease now, if any
  int64_t others_held = 0;       // sum of HeldSeats over every other kiosk
  int32_t kiosks = 1;            // kiosks of the store not revoked (for the automatic block)
  int64_t now = 0;               // the server's clock
  // The most seats all holders together may hold, when this server may lend
  // less than the cap: a store's share of a chain-wide deal's cap, lent to
  // it by the head office. nullopt: the deal's cap. The block stays the
  // cap's, so kiosks of a store are lent as they would be without a chain.
  std::optional<int64_t> ceiling = std::nullopt;
};

// The asking kiosk's lease after this request: topped up towards used +
// block (never beyond min(cap, ceiling) - others_held) and extended when it
// runs low; a lease still usable never shrinks; one past expires_at + grace_s
// is re-based on `used`, returning its unused seats.
Lease GrantLease(const GrantInput& in, const LeasePolicy& policy);

// The automatic or configured block for this deal.
int32_t LeaseBlock(const Deal& deal, int32_t kiosks, const LeasePolicy& policy);

}  // namespace gb::rules
