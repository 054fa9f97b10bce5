#include "core/rules/till_rules.h"

#include <optional>
#include <string>

#include "core/base/utc_time.h"

namespace gb::rules {
namespace {

base::Status Refuse(std::string reason, std::string message) {
  return base::Status::FailedPrecondition(std::move(reason), std::move(message));
}

// "on 2026-11-22 14:02 UTC": times in messages for people (and logs) in UTC;
// screens and slips format them in the store's zone themselves.
std::string When(std::optional<int64_t> at) {
  return at ? base::UtcTime(*at, "on %Y-%m-%d %H:%M UTC") : "earlier";
}

std::string AtPlace(const std::string& what, const std::string& place) {
  return place.empty() ? "" : " at " + what + place;
}

PledgeContext Context(const PledgeRecord& p, const TillFacts& f) {
  return PledgeContext{f.deal, f.deal_state, p.joined_at, f.now};
}

// A pledge of a failed deal is void: nothing but a refund happens to it.
base::Status RefuseVoid(PledgeState effective) {
  if (effective == PledgeState::kVoid) {
    return Refuse("pledge_void", "the deal failed; this voucher is void");
  }
  return base::Status::Ok();
}

}  // namespace

base::Result<TillDecision> DecideCancel(const PledgeRecord& p, const TillFacts& f) {
  const PledgeState effective = EffectivePledgeState(p, f.deal, f.deal_state, f.now);
  if (effective == PledgeState::kCancelled) {
    return Refuse("already_cancelled", "this pledge was cancelled " + When(p.cancelled_at));
  }
  GB_RETURN_IF_ERROR(RefuseVoid(effective));
  TillDecision d;
  GB_ASSIGN_OR_RETURN(d.next, ApplyPledgeEvent(effective, PledgeEvent::kCancel, Context(p, f)));
  d.amount = DepositRefund(d.next, p.deposit_paid);
  return d;
}

base::Result<TillDecision> DecideDeposit(const PledgeRecord& p, const TillFacts& f) {
  // A deposit without a time was recorded before times were kept.
  if (p.deposit_paid_at || p.deposit_paid > 0) {
    return Refuse("deposit_already_paid", "the deposit was already paid " +
                                              When(p.deposit_paid_at) +
                                              AtPlace("till ", p.deposit_till));
  }
  TillDecision d;
  d.amount = DepositAmount(f.deal, p.price_minor);
  if (d.amount <= 0) {
    return Refuse("no_deposit", "deal " + std::to_string(f.deal.id) + " asks no deposit");
  }
  // The stored state, not the effective one: a reservation past its window
  // is refused by the rules as "deposit_late", which says more than "lapsed".
  GB_ASSIGN_OR_RETURN(d.next, ApplyPledgeEvent(p.state, PledgeEvent::kPayDeposit, Context(p, f)));
  return d;
}

base::Result<TillDecision> DecideRefund(const PledgeRecord& p, const TillFacts& f) {
  if (p.refunded_at) {
    return Refuse("already_refunded", "the deposit was already given back " + When(p.refunded_at) +
                                          AtPlace("till ", p.refund_till));
  }
  TillDecision d;
  d.next = EffectivePledgeState(p, f.deal, f.deal_state, f.now);
  if (d.next != PledgeState::kCancelled && d.next != PledgeState::kVoid) {
    return Refuse("nothing_to_refund",
                  "only a cancelled pledge or one of a failed deal gets its deposit back; this "
                  "one is " +
                      std::string(PledgeStateName(d.next)));
  }
  d.amount = DepositRefund(d.next, p.deposit_paid);
  if (d.amount <= 0) return Refuse("nothing_to_refund", "no deposit was paid for this pledge");
  return d;
}

base::Result<TillDecision> DecideRedeem(const PledgeRecord& p, const TillFacts& f) {
  if (p.state == PledgeState::kRedeemed) {
    return Refuse("already_redeemed", "this voucher was already redeemed " + When(p.redeemed_at) +
                                          AtPlace("", p.redeemed_place));
  }
  GB_RETURN_IF_ERROR(RefuseVoid(EffectivePledgeState(p, f.deal, f.deal_state, f.now)));
  TillDecision d;
  GB_ASSIGN_OR_RETURN(d.next, ApplyPledgeEvent(p.state, PledgeEvent::kRedeem, Context(p, f)));
  d.settlement = SettleRedemption(f.deal, f.committed, p.price_minor, p.deposit_paid);
  d.amount = d.settlement.charge;
  return d;
}

}  // namespace gb::rules
