// The till's four operations on one pledge, decided here once: cancel it,
// take its deposit, give the deposit back, redeem it. The kiosk's ledger
// (offline, its own pledges) and the store's database (online, every till's)
// each load the facts, call one of these, and store what was decided; they
// add nothing to the rule. A dry run is the same call with nothing stored.
//
// Every refusal is a FailedPrecondition whose reason names the rule:
//   DecideCancel   already_cancelled, pledge_void, and ApplyPledgeEvent's
//                  (after_stop, illegal_transition, ...)
//   DecideDeposit  deposit_already_paid, no_deposit, and ApplyPledgeEvent's
//                  (deposit_late, deal_failed, ...), from the STORED state, so a
//                  reservation past its window reads "deposit_late", not lapsed
//   DecideRefund   already_refunded, nothing_to_refund (not cancelled or void,
//                  or no deposit paid)
//   DecideRedeem   already_redeemed, pledge_void, and ApplyPledgeEvent's
//                  (not_unlocked, expired, ...)
// The "already_*" refusals are answers the store turns into ALREADY_* verdicts
// (with when and where, from the record); their messages say when in UTC.
//
// Pure and thread-safe.
#pragma once

#include <cstdint>

#include "core/base/result.h"
#include "core/rules/deal.h"
#include "core/rules/deal_state.h"
#include "core/rules/join.h"
#include "core/rules/pledge.h"
#include "core/rules/pledge_record.h"

namespace gb::rules {

// What the caller knows of the pledge's deal at `now`.
struct TillFacts {
  const Deal& deal;
  DealState deal_state;   // the caller's best: after Advance where it can tell
  int64_t committed = 0;  // the deal's committed pledges (the redemption's tier)
  int64_t now = 0;
};

struct TillDecision {
  PledgeState next = PledgeState::kActive;  // the pledge's state afterwards
  // Cancel: the deposit now owed back (GiveRefund pays it); deposit: taken;
  // refund: given back; redeem: the charge (settlement.charge).
  int64_t amount = 0;
  Settlement settlement;  // DecideRedeem only
};

base::Result<TillDecision> DecideCancel(const PledgeRecord& p, const TillFacts& f);
base::Result<TillDecision> DecideDeposit(const PledgeRecord& p, const TillFacts& f);
base::Result<TillDecision> DecideRefund(const PledgeRecord& p, const TillFacts& f);
base::Result<TillDecision> DecideRedeem(const PledgeRecord& p, const TillFacts& f);

}  // namespace gb::rules
