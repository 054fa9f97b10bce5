// The redeem screen's answer for a scanned voucher or a typed short code,
// decided by one pure function from what the till knows.
//
//   VALID             redeemable now: the price, the deposit already paid, what to charge
//   ALREADY_REDEEMED  when and where it was
//   NOT_YET_UNLOCKED  the deal has not unlocked, or the deposit is still unpaid
//   VOID              the shopper cancelled, the deal failed, or the reservation lapsed
//   EXPIRED           the redeem-by date has passed
//   FORGED            the text is not a voucher, or its signature does not verify
//   UNKNOWN_KEY       signed by a key this kiosk does not know
//   NOT_FOUND         a short code (or a genuine voucher) this kiosk never issued,
//                     or a short code with a typo
//
// Pure: no I/O, no SQLite; thread-safe. The reason tag says which case of a
// verdict it is, for the screen's words and for tests.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/status.h"
#include "core/rules/deal.h"
#include "core/rules/deal_state.h"
#include "core/rules/join.h"
#include "kiosk/ledger/till_records.h"

namespace gb::till {

enum class VerdictKind {
  kValid,
  kAlreadyRedeemed,
  kNotYetUnlocked,
  kVoid,
  kExpired,
  kForged,
  kUnknownKey,
  kNotFound,
};

// "VALID", "ALREADY_REDEEMED", "NOT_YET_UNLOCKED", "VOID", "EXPIRED", "FORGED",
// "UNKNOWN_KEY", "NOT_FOUND": stable, for scripts and logs; screens use words
// from the catalog.
std::string_view VerdictName(VerdictKind kind);

struct Verdict {
  VerdictKind kind = VerdictKind::kNotFound;
  // Which case: kForged carries the codec's reason ("bad_signature",
  // "bad_prefix", "revoked_key", ...); kUnknownKey "unknown_key"; kNotFound
  // "not_issued_here", "bad_short_code" or "short_code_check" (a typo);
  // kVoid "cancelled", "deal_failed" or "lapsed"; kNotYetUnlocked "deal_open"
  // or "deposit_unpaid"; the others their own name in lower case.
  std::string reason;

  // Set whenever a pledge was found (every kind but kForged, kUnknownKey, kNotFound).
  int64_t pledge_id = 0;
  uint32_t deal_id = 0;
  std::string currency;
  std::string short_code;

  rules::Settlement settlement;        // kValid: price, deposit paid, charge, give back
  int64_t deposit_due = 0;             // kNotYetUnlocked/"deposit_unpaid": to take first
  std::optional<int64_t> redeemed_at;  // kAlreadyRedeemed
  std::string redeemed_place;          // kAlreadyRedeemed
  int64_t redeem_by = 0;               // kExpired, kValid

  // Set by Till::Redeem when this call redeemed the voucher.
  bool redeemed_now = false;
  int64_t print_job_id = 0;  // the redemption slip
};

// The deal a found pledge belongs to, as rules::Advance leaves it at `now`.
struct DealFacts {
  const rules::Deal& deal;
  rules::DealState state;
  rules::Tally tally;
};

// What the till learned from the scan.
struct Evidence {
  // Ok, or why the text is not a genuine voucher: the failure of
  // voucher::Verify (or Parse) for GB1 text, of voucher::ParseShortCode for a
  // short code (short codes are only looked up, never authenticated).
  base::Status authenticity;
  // The pledge this ledger holds for it, and its deal; null when none.
  const rules::PledgeRecord* pledge = nullptr;
  std::optional<DealFacts> deal;  // REQUIRES: set when pledge is set
};

Verdict Decide(const Evidence& evidence, int64_t now);

}  // namespace gb::till
