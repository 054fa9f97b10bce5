// Deal: the terms of one group buy, and the pure arithmetic on them.
//
// Money is integer minor units of an ISO 4217 currency; there is no floating
// point anywhere near money. Times are Unix seconds, UTC. Percentages are basis
// points (250 = 2.50 %). A Deal is a value: the kiosk, the store server and
// head office all run these same functions, so they agree to the unit.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/base/status.h"

namespace gb::rules {

struct Tier {
  int32_t participants = 0;  // committed pledges needed to reach this tier
  int64_t price_minor = 0;   // price per unit once reached
  bool operator==(const Tier&) const = default;
};

enum class Scope { kStore, kChain };

enum class DepositKind { kNone, kAmount, kPercent, kFull };

struct DepositPolicy {
  DepositKind kind = DepositKind::kNone;
  int64_t value = 0;         // kAmount: minor units; kPercent: basis points
  int64_t pay_within_s = 0;  // seconds after joining to pay it, else the pledge lapses
  bool operator==(const DepositPolicy&) const = default;
};

struct Deal {
  uint32_t id = 0;
  std::map<std::string, std::string> title;        // language code -> text
  std::map<std::string, std::string> description;  // language code -> text
  std::string image;                               // file name in the catalog folder
  std::string currency;                            // ISO 4217, e.g. "EUR"
  int64_t regular_price_minor = 0;
  std::vector<Tier> tiers;   // ascending participants, non-increasing price; tiers[0] unlocks
  int32_t cap = 0;           // vouchers in stock; 0 = no cap
  int32_t per_shopper = 1;   // active pledges one phone may hold
  int64_t opens_at = 0;
  int64_t stop_at = 0;       // "stop purchase": no sign-ups, changes or cancellations after
  int64_t deadline = 0;      // must unlock by then, or it fails
  int64_t redeem_by = 0;
  int32_t fee_bp = 0;        // organizer fee, included in the prices and shown openly
  Scope scope = Scope::kStore;
  DepositPolicy deposit;
  // Set when staff or head office stop sign-ups early. Not part of the terms.
  std::optional<int64_t> stopped_early_at;
  // Sign-ups paused by the store or head office, until resumed: no new
  // sign-ups, while cancellations and everything else go on. Not part of
  // the terms (nothing a voucher promises changes).
  bool paused = false;

  bool operator==(const Deal&) const = default;
};

// Checks every field and their relations; the message names the field.
base::Status ValidateDeal(const Deal& deal);

// Participants needed to unlock (tiers[0]). REQUIRES: ValidateDeal ok.
int32_t Threshold(const Deal& deal);
// The time after which nothing changes: stop_at, or earlier if stopped early.
int64_t EffectiveStop(const Deal& deal);
// The most a shopper can pay (tiers[0].price): printed on the voucher.
int64_t MaxPrice(const Deal& deal);
// The lowest price the deal can reach (the last tier).
int64_t LowestPrice(const Deal& deal);
// Index of the best tier reached with `committed` pledges, or nullopt below threshold.
std::optional<size_t> ReachedTier(const Deal& deal, int64_t committed);
// The price a committed shopper pays now: the best tier reached, else MaxPrice.
int64_t PriceNow(const Deal& deal, int64_t committed);
// The next tier not yet reached, or nullopt when the last is reached.
std::optional<Tier> NextTier(const Deal& deal, int64_t committed);
// The organizer's part of a price, rounded half up.
int64_t FeePart(const Deal& deal, int64_t price_minor);
// The deposit asked of a pledge whose voucher price is price_minor (0 if none).
int64_t DepositAmount(const Deal& deal, int64_t price_minor);

// The canonical terms text that terms_hash covers (docs/voucher-format.md).
std::string CanonicalTerms(const Deal& deal);

}  // namespace gb::rules
