// Value types of the store's till money calls and rescue list
// (docs/sync-protocol.md: POST /v1/deposit, /v1/refund, GET /v1/rescue,
// POST /v1/rescue/resolve), of POST /v1/shopper-check, and the bound of a
// serial jump. Plain values; no SQLite here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/rules/join.h"
#include "core/rules/lease.h"

namespace gb::store {

// A till taking a deposit or giving one back, named like a redemption: by
// the voucher's GB1 text or its short code (exactly one). `place` is the
// till's id, 1..64 bytes: the same value as the `till` of the till's own
// later "deposit" event, which is how the server knows that event for the
// deposit it granted.
struct MoneyRequest {
  std::string voucher;
  std::string short_code;
  std::string place;
  std::string origin;  // the kiosk whose token asked
  int64_t now = 0;
  bool dry_run = false;  // decide, write nothing: PAID / REFUNDED with `at` 0, `place` ""
  std::string staff = "";  // the staff member whose session asked (recorded with it)
};

struct MoneyVerdict {
  // Deposit: "PAID" (taken now), "ALREADY_PAID" (when and where below),
  // "UNKNOWN", "REFUSED" ("no_deposit", "deposit_late", "deal_failed",
  // "illegal_transition"). Refund: "REFUNDED", "ALREADY_REFUNDED",
  // "UNKNOWN", "REFUSED" ("nothing_to_refund").
  std::string verdict;
  uint32_t key_id = 0;
  uint64_t serial = 0;
  uint32_t deal_id = 0;
  int64_t amount_minor = 0;  // PAID / REFUNDED: this time; ALREADY_*: the first time
  int64_t at = 0;            // PAID, REFUNDED, ALREADY_* (0 when not known)
  std::string place;         // PAID, REFUNDED, ALREADY_* ("" when not known)
  std::string reason;        // REFUSED
  std::string message;       // REFUSED, for staff
};

// One item of the rescue list: a late event the server stored as a conflict
// (its kind, e.g. "late_sign_up") and that staff accept or reject.
struct RescueItem {
  int64_t id = 0;
  std::string kind;
  std::string type;  // the event's type: "sign_up", "cancel", "deposit"
  std::string origin;
  int64_t seq = 0;
  std::optional<uint32_t> deal_id;
  std::optional<uint32_t> key_id;
  std::optional<uint64_t> serial;
  std::string detail;
  int64_t at = 0;  // when the server received the event
  // Who redeemed the voucher, took its deposit, gave its refund at a till
  // through the store ("" when not, or not recorded: offline, or before
  // schema step 16), so staff can ask the one who was there.
  std::string redeem_staff = "";
  std::string deposit_staff = "";
  std::string refund_staff = "";
};

struct RescueResolution {
  int64_t id = 0;
  std::string resolution;  // "accept" or "reject"
  std::string note;        // staff's words, 0..500 bytes
  int64_t now = 0;
};

// What resolving did.
struct RescueOutcome {
  int64_t id = 0;
  std::string resolution;
  int64_t resolved_at = 0;
  int64_t revision = 0;  // the store's revision after the change
};

// A kiosk's quota lease on a capped deal (GET /v1/state "leases").
struct KioskLease {
  std::string kiosk_id;
  rules::Lease lease;
  int64_t used = 0;  // the kiosk's pledges the store counts against the cap
};

// True for the conflict kinds that also go to the rescue list: an event
// that came too late for its deal ("late_sign_up", "after_stop",
// "deposit_late", "deal_failed"), a sign-up beyond the cap or the
// per-shopper limit ("over_cap", "shopper_limit"), and the claims the store
// refused as untrue (NeverAccepted).
bool GoesToRescue(std::string_view kind);
// The kinds staff may only reject ("cannot_accept"): "price_mismatch",
// "terms_mismatch", "state_mismatch", "retired_key", "wrong_amount",
// "refund_not_due", "not_owner".
bool NeverAccepted(std::string_view kind);

// POST /v1/redeem: a till asks the server to redeem a voucher, named by its
// GB1 text or its typed short code (exactly one of the two).
struct RedeemRequest {
  std::string voucher;     // GB1 text, or ""
  std::string short_code;  // or this
  std::string place;       // the till's name, 1..128 bytes
  std::string origin;      // the kiosk whose token asked
  int64_t now = 0;
  // True: the verdict a redemption would get now, with nothing written (a
  // till looking a voucher up before staff confirm). VALID then means
  // "would redeem"; redeemed_at and place are empty.
  bool dry_run = false;
  std::string staff = "";  // the staff member whose session asked (recorded with it)
};

struct RedeemVerdict {
  // "VALID" (redeemed now), "ALREADY_REDEEMED" (when and where below),
  // "UNKNOWN" (no such voucher reached the server), "REFUSED" (reason below:
  // the pledge rules' "not_unlocked", "expired", "illegal_transition", ...).
  std::string verdict;
  uint32_t key_id = 0;
  uint64_t serial = 0;
  uint32_t deal_id = 0;
  int64_t redeemed_at = 0;  // VALID, ALREADY_REDEEMED
  std::string place;        // VALID, ALREADY_REDEEMED
  std::string reason;       // REFUSED
  std::string message;      // REFUSED, for staff
  // VALID: what to charge or give back at the till, from the deal's tier now
  // and the deposit the store has on record.
  std::optional<rules::Settlement> settlement;
};

// A shopper's standing in one deal across every kiosk of the store (POST
// /v1/shopper-check): the seats the phone hash holds and the deal's limit.
struct ShopperStanding {
  int64_t joined = 0;
  int64_t limit = 0;
  bool allowed() const { return joined < limit; }
};

// A kiosk key whose voucher serial (or an origin whose event seq) runs more
// than this far beyond the highest it sent before is flagged for review
// (kiosks.flagged_at; docs/sync-protocol.md). A flag, never a refusal.
inline constexpr int64_t kSerialJumpBound = 10'000;

}  // namespace gb::store
