#include "core/rules/pledge_record.h"

namespace gb::rules {

PledgeState EffectivePledgeState(const PledgeRecord& p, const Deal& deal, DealState deal_state,
                                 int64_t now) {
  const bool live = p.state == PledgeState::kReserved || p.state == PledgeState::kActive;
  // A failed deal voids every live pledge at once: nobody pays, whatever the
  // deposit window or redeem-by say.
  if (live && deal_state == DealState::kFailed) return PledgeState::kVoid;
  if (p.state == PledgeState::kReserved && now >= p.joined_at + deal.deposit.pay_within_s) {
    return PledgeState::kLapsed;
  }
  // Closed is unlocked with sign-ups over: vouchers stay redeemable until
  // redeem-by, so both expire alike.
  const bool unlocked = deal_state == DealState::kUnlocked || deal_state == DealState::kClosed;
  if (p.state == PledgeState::kActive && unlocked && now >= deal.redeem_by) {
    return PledgeState::kExpired;
  }
  return p.state;
}

}  // namespace gb::rules
