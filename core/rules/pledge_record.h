// One stored pledge as both the kiosk's ledger and the store's database read
// it (the same columns in both), and the state it is really in at a given
// time. Pure value type plus one pure function; no SQLite here.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "core/rules/deal.h"
#include "core/rules/deal_state.h"
#include "core/rules/pledge.h"

namespace gb::rules {

// One pledge and its voucher, with what happened to it at the till.
struct PledgeRecord {
  int64_t id = 0;
  uint32_t deal_id = 0;
  PledgeState state = PledgeState::kActive;  // as stored
  int64_t joined_at = 0;
  int64_t price_minor = 0;  // the voucher's price: the most the shopper pays
  int64_t deposit_due = 0;
  int64_t deposit_paid = 0;
  std::optional<int64_t> deposit_paid_at;
  std::string deposit_till;  // the till that took it
  std::optional<int64_t> cancelled_at;
  std::optional<int64_t> refunded_at;
  int64_t refund_minor = 0;  // given back
  std::string refund_till;
  std::optional<int64_t> redeemed_at;
  std::string redeemed_place;
  uint32_t key_id = 0;
  uint64_t serial = 0;
  std::string voucher_text;
  std::string short_code;
  std::string lang;      // the shopper's language at sign-up
  int64_t position = 0;  // "you are #7", as printed on the voucher
};

// The state a stored pledge is in at `now`: a reservation past its deposit
// window has lapsed, a live pledge of a failed deal is void, an active pledge
// of an unlocked deal past redeem-by has expired, even before any of that is
// written down. `deal_state` is after rules::Advance. Any other pledge is in
// its stored state.
PledgeState EffectivePledgeState(const PledgeRecord& p, const Deal& deal, DealState deal_state,
                                 int64_t now);

}  // namespace gb::rules
