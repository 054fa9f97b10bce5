#include "core/rules/join.h"

#include <algorithm>
#include <string>

namespace gb::rules {

base::Status CheckJoin(const JoinRequest& r) {
  using base::Status;
  if (r.state == DealState::kDraft || r.state == DealState::kFailed || r.now < r.deal.opens_at) {
    return Status::FailedPrecondition("not_open", "this deal is not open for sign-ups");
  }
  if (r.state == DealState::kClosed || r.now >= EffectiveStop(r.deal)) {
    return Status::FailedPrecondition("after_stop", "sign-ups for this deal have stopped");
  }
  if (r.deal.paused) {
    return Status::FailedPrecondition("paused", "sign-ups for this deal are paused for now");
  }
  if (r.state == DealState::kOpen && r.now >= r.deal.deadline) {
    return Status::FailedPrecondition("deadline_passed", "the deadline for this deal has passed");
  }
  if (r.deal.cap > 0 && r.tally.seats() >= r.deal.cap) {
    return Status::ResourceExhausted("sold_out", "all " + std::to_string(r.deal.cap) +
                                                     " places of this deal are taken");
  }
  // After "sold_out": when the whole deal is full, that is the better news.
  GB_RETURN_IF_ERROR(CheckLease(r.deal, r.lease, r.now));
  if (r.shopper_seats >= r.deal.per_shopper) {
    return Status::ResourceExhausted(
        "shopper_limit", "this phone number already holds " + std::to_string(r.shopper_seats) +
                             " of the " + std::to_string(r.deal.per_shopper) +
                             " places one shopper may take");
  }
  return Status::Ok();
}

Settlement SettleRedemption(const Deal& deal, int64_t committed, int64_t voucher_price,
                            int64_t deposit_paid) {
  Settlement s;
  // The shopper never pays more than the price printed on the voucher.
  s.price = std::min(PriceNow(deal, committed), voucher_price);
  s.deposit_paid = deposit_paid;
  s.charge = std::max<int64_t>(0, s.price - deposit_paid);
  s.give_back = std::max<int64_t>(0, deposit_paid - s.price);
  return s;
}

int64_t DepositRefund(PledgeState final_state, int64_t deposit_paid) {
  bool refunded = final_state == PledgeState::kCancelled || final_state == PledgeState::kVoid;
  return refunded ? deposit_paid : 0;
}

}  // namespace gb::rules
