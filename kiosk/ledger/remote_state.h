// What the store server reports to a kiosk (GET /v1/state, decoded by
// kiosk/link/state_codec.h) as the ledger stores it. Pure value types.
//
// The server counts every kiosk's pledges; the ledger keeps only the OTHER
// devices' share (server total minus what the server holds of this device)
// and adds its own pledges from its own table, so a sign-up made here but
// not yet uploaded is never counted twice or lost from the tally.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/rules/deal.h"
#include "core/rules/deal_state.h"
#include "core/rules/lease.h"
#include "core/rules/pledge.h"

namespace gb::ledger {

struct RemoteDeal {
  rules::Deal deal;  // the terms as the store has them
  rules::DealState state = rules::DealState::kOpen;
  rules::Tally others;  // other devices' committed and reserved pledges (>= 0)
};

// A kiosk of the store with its voucher key (SubjectPublicKeyInfo PEM).
struct StoreKiosk {
  std::string kiosk_id;
  uint32_t key_id = 0;
  std::string public_key_pem;
  std::optional<int64_t> revoked_at;
  // Set while the store has suspended this kiosk's current key (the same
  // serial arrived with different content: a cloned or restored kiosk). A
  // kiosk whose own key is suspended issues no vouchers until it has a new key.
  std::optional<int64_t> suspended_at;
  std::string suspend_reason;

  bool operator==(const StoreKiosk&) const = default;
};

// A staff member set at the store (groupbuy-provision staff --dir SDIR).
// Applied by name to the kiosk's staff table: the store's entry replaces a
// kiosk-local one of the same name, and a removal deletes that name here.
struct StoreStaff {
  std::string name;
  std::string role;      // "staff" or "manager"
  std::string pin_hash;  // kiosk/staff's PBKDF2 text; "" when removed
  int64_t created_at = 0;
  bool removed = false;

  bool operator==(const StoreStaff&) const = default;
};

// This kiosk's quota lease on a capped deal (core/rules/lease.h).
struct StoreLease {
  rules::Lease lease;
  int64_t used_at_store = 0;  // this kiosk's pledges the store had counted then

  bool operator==(const StoreLease&) const = default;
};

// What the store has of one pledge THIS kiosk issued, changed since the
// last poll: a deposit taken, a refund given or a redemption made at another
// kiosk's till, or this kiosk's own changes echoed back. The store is the
// authority for redemptions and money; Ledger::ApplyRemoteState merges this
// into the pledge's row without ever moving it backwards (see there).
struct StorePledge {
  uint32_t key_id = 0;
  uint64_t serial = 0;
  uint32_t deal_id = 0;
  rules::PledgeState state = rules::PledgeState::kReserved;
  int64_t rev = 0;  // the store's revision of this row
  // A deposit (amount > 0) when deposit_amount > 0; its time may be unknown
  // (taken before the store kept times).
  int64_t deposit_amount = 0;
  std::optional<int64_t> deposit_at;
  std::string deposit_place;           // the till id; may be ""
  std::optional<int64_t> refunded_at;  // set: a refund was given
  int64_t refund_amount = 0;
  std::string refund_place;
  std::optional<int64_t> redeemed_at;  // set: redeemed
  std::string redeemed_place;

  bool operator==(const StorePledge&) const = default;
};

struct RemoteState {
  int64_t revision = 0;                // the server's revision these changes bring the kiosk to
  std::vector<RemoteDeal> deals;       // only the deals changed since the last poll
  std::vector<StoreKiosk> kiosks;      // only the kiosks changed since the last poll
  std::vector<StoreStaff> staff = {};  // only the staff changed since the last poll
  // ALL of this kiosk's leases, replacing those it had; nullopt when the
  // answer had none (a server without leases): the stored ones stay.
  std::optional<std::vector<StoreLease>> leases = std::nullopt;
  // Changes to this kiosk's own pledges since the last poll, oldest first.
  std::vector<StorePledge> pledges = {};
};

// What ApplyRemoteState did, for the sync status and tests.
struct ApplyReport {
  int deals_added = 0;
  int deals_updated = 0;
  // Deals whose terms the server changed although this kiosk holds pledges
  // under the old ones: the old terms (what the vouchers promise) are kept.
  int terms_kept = 0;
  int kiosks = 0;
  int staff = 0;              // staff rows added, changed or removed
  int leases = 0;             // leases stored (all of them, when the answer had leases)
  int pledges_updated = 0;    // own pledge rows the store's facts moved forward
  int pledges_unchanged = 0;  // nothing new (an echo, a repeat, or older than ours)
  // Pledges the store has but this ledger does not (or under another deal):
  // never this kiosk's vouchers, so they are left alone.
  int pledges_unknown = 0;
};

}  // namespace gb::ledger
