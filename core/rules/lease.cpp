#include "core/rules/lease.h"

#include <algorithm>
#include <string>

namespace gb::rules {

base::Status CheckLease(const Deal& deal, const LeaseCheck& check, int64_t now) {
  if (!check.required || deal.cap <= 0) return base::Status::Ok();
  // Each refusal says why in the message (for logs and staff); the shopper
  // sees one sentence for all of them: staff can tell the rest.
  if (!check.lease) {
    return base::Status::ResourceExhausted(
        "sold_out_here", "no share of this deal's places has reached this kiosk from the store");
  }
  if (now >= check.lease->expires_at) {
    return base::Status::ResourceExhausted("sold_out_here",
                                           "this kiosk's share of the deal's places expired at " +
                                               std::to_string(check.lease->expires_at) +
                                               "; it is renewed when the store server is reached");
  }
  if (check.own_seats >= check.lease->seats) {
    return base::Status::ResourceExhausted(
        "sold_out_here", "this kiosk has given all " + std::to_string(check.lease->seats) +
                             " places the store lent it for this deal");
  }
  return base::Status::Ok();
}

int64_t HeldSeats(const LeaseHolder& holder) {
  const int64_t used = std::max<int64_t>(0, holder.used);
  return holder.lease ? std::max<int64_t>(used, holder.lease->seats) : used;
}

int32_t LeaseBlock(const Deal& deal, int32_t kiosks, const LeasePolicy& policy) {
  if (policy.block > 0) return policy.block;
  return std::max<int32_t>(1, deal.cap / (2 * std::max<int32_t>(1, kiosks)));
}

Lease GrantLease(const GrantInput& in, const LeasePolicy& policy) {
  const int64_t used = std::max<int64_t>(0, in.used);
  const int64_t limit =
      in.ceiling ? std::min<int64_t>(in.deal.cap, *in.ceiling) : int64_t{in.deal.cap};
  const int64_t room = std::max<int64_t>(0, limit - in.others_held);
  // min(used + block, room) >= used whenever the cap holds; if pledges that
  // never had a lease broke it, the kiosk gets nothing more (own >= seats).
  const int64_t fresh = std::min(used + LeaseBlock(in.deal, in.kiosks, policy), room);
  Lease out{in.deal.id, static_cast<int32_t>(std::max<int64_t>(0, fresh)), in.now + policy.ttl_s};
  const bool in_use = in.current && in.now < in.current->expires_at + policy.grace_s;
  if (!in_use) return out;  // new, or expired everywhere: re-based on what is used
  // The kiosk may still be signing up under it (offline, or before this
  // answer arrives): taking seats back could oversell, so it only grows.
  const Lease& cur = *in.current;
  out.seats = std::max(cur.seats, out.seats);
  const bool runs_low = cur.expires_at - in.now < policy.renew_below_s;
  if (out.seats == cur.seats && !runs_low) out.expires_at = cur.expires_at;
  return out;
}

}  // namespace gb::rules
