// The life of a pledge (one shopper's sign-up).
//
//   reserved --pay_deposit--> active        (within the deposit window)
//   reserved --lapse-->       lapsed        (window passed unpaid; frees the seat)
//   reserved|active --cancel--> cancelled   (only before the deal's stop time)
//   active   --redeem-->      redeemed      (deal unlocked or closed, before redeem-by, once)
//   reserved|active --void--> void          (the deal failed; deposits refunded)
//   active   --expire-->      expired       (redeem-by passed unredeemed)
//
// Each transition checks the deal's state and the time; a refusal is a
// FailedPrecondition whose reason names the rule ("after_stop", ...).
#pragma once

#include <cstdint>
#include <string_view>

#include "core/base/result.h"
#include "core/rules/deal.h"
#include "core/rules/deal_state.h"

namespace gb::rules {

enum class PledgeState { kReserved, kActive, kLapsed, kCancelled, kRedeemed, kVoid, kExpired };
enum class PledgeEvent { kPayDeposit, kLapse, kCancel, kRedeem, kVoid, kExpire };

std::string_view PledgeStateName(PledgeState s);
std::string_view PledgeEventName(PledgeEvent e);
base::Result<PledgeState> ParsePledgeState(std::string_view name);

// What a pledge transition needs to know about its world.
struct PledgeContext {
  const Deal& deal;
  DealState deal_state;
  int64_t joined_at = 0;  // when the pledge was made (kiosk clock)
  int64_t now = 0;
};

// A new pledge starts reserved when the deal asks a deposit, active otherwise.
PledgeState InitialPledgeState(const Deal& deal);

// True for the states the threshold counts.
bool IsCommitted(PledgeState s);
// True for the states that hold a seat (counted against the cap and the per-shopper limit).
bool HoldsSeat(PledgeState s);

base::Result<PledgeState> ApplyPledgeEvent(PledgeState from, PledgeEvent event,
                                           const PledgeContext& ctx);

}  // namespace gb::rules
