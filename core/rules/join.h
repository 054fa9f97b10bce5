// Joining a deal and settling a pledge: who may join, and who pays what.
#pragma once

#include <cstdint>

#include "core/base/status.h"
#include "core/rules/deal.h"
#include "core/rules/deal_state.h"
#include "core/rules/lease.h"
#include "core/rules/pledge.h"

namespace gb::rules {

struct JoinRequest {
  const Deal& deal;
  DealState state;        // after Advance()
  Tally tally;            // the deal's pledges as this device knows them
  int32_t shopper_seats;  // seats the same phone already holds in this deal
  int64_t now;
  LeaseCheck lease = {};  // this kiosk's share of a capped deal (lease.h)
};

// Ok when the shopper may join. Reasons: "not_open" (draft, failed, closed or
// before opens_at), "after_stop", "deadline_passed", "sold_out" (cap reached),
// "sold_out_here" (CheckLease: this kiosk's lease is used up, expired or
// missing), "shopper_limit" (the phone holds per_shopper seats already).
base::Status CheckJoin(const JoinRequest& req);

// What happens at the till when a voucher is redeemed.
struct Settlement {
  int64_t price = 0;         // the best tier reached, never above the voucher's price
  int64_t deposit_paid = 0;  // already taken; counts towards the price
  int64_t charge = 0;        // to take now
  int64_t give_back = 0;     // to return now (a full deposit above a lower final tier)
};

// The price is the best tier `committed` reached, never above the voucher's.
// Below the threshold (tallies that disagree with a redeemable pledge) that
// is the voucher's own price (MaxPrice caps every voucher's price).
Settlement SettleRedemption(const Deal& deal, int64_t committed, int64_t voucher_price,
                            int64_t deposit_paid);

// The deposit given back when a pledge ends in `final_state`: all of it when
// the shopper cancelled before the stop or the deal failed; nothing otherwise
// (a lapsed reservation paid nothing; a redemption settles at the till).
int64_t DepositRefund(PledgeState final_state, int64_t deposit_paid);

}  // namespace gb::rules
