#include "core/rules/pledge.h"

#include <array>
#include <string>

namespace gb::rules {
namespace {

using base::Status;

Status Refuse(std::string reason, std::string message) {
  return Status::FailedPrecondition(std::move(reason), std::move(message));
}

Status Illegal(PledgeState from, PledgeEvent event) {
  return Refuse("illegal_transition", "a pledge that is " + std::string(PledgeStateName(from)) +
                                          " cannot " + std::string(PledgeEventName(event)));
}

bool DealIsOn(DealState s) { return s == DealState::kOpen || s == DealState::kUnlocked; }
bool DealUnlocked(DealState s) { return s == DealState::kUnlocked || s == DealState::kClosed; }

constexpr std::array<PledgeState, 7> kAll{PledgeState::kReserved,  PledgeState::kActive,
                                          PledgeState::kLapsed,    PledgeState::kCancelled,
                                          PledgeState::kRedeemed,  PledgeState::kVoid,
                                          PledgeState::kExpired};

}  // namespace

std::string_view PledgeStateName(PledgeState s) {
  switch (s) {
    case PledgeState::kReserved: return "reserved";
    case PledgeState::kActive: return "active";
    case PledgeState::kLapsed: return "lapsed";
    case PledgeState::kCancelled: return "cancelled";
    case PledgeState::kRedeemed: return "redeemed";
    case PledgeState::kVoid: return "void";
    case PledgeState::kExpired: return "expired";
  }
  return "unknown";
}

std::string_view PledgeEventName(PledgeEvent e) {
  switch (e) {
    case PledgeEvent::kPayDeposit: return "pay_deposit";
    case PledgeEvent::kLapse: return "lapse";
    case PledgeEvent::kCancel: return "cancel";
    case PledgeEvent::kRedeem: return "redeem";
    case PledgeEvent::kVoid: return "void";
    case PledgeEvent::kExpire: return "expire";
  }
  return "unknown";
}

base::Result<PledgeState> ParsePledgeState(std::string_view name) {
  for (PledgeState s : kAll) {
    if (PledgeStateName(s) == name) return s;
  }
  return Status::InvalidArgument("bad_pledge_state",
                                 "unknown pledge state '" + std::string(name) + "'");
}

PledgeState InitialPledgeState(const Deal& deal) {
  return deal.deposit.kind == DepositKind::kNone ? PledgeState::kActive : PledgeState::kReserved;
}

bool IsCommitted(PledgeState s) {
  return s == PledgeState::kActive || s == PledgeState::kRedeemed || s == PledgeState::kExpired;
}

bool HoldsSeat(PledgeState s) { return s == PledgeState::kReserved || IsCommitted(s); }

base::Result<PledgeState> ApplyPledgeEvent(PledgeState from, PledgeEvent event,
                                           const PledgeContext& c) {
  const int64_t pay_by = c.joined_at + c.deal.deposit.pay_within_s;
  switch (event) {
    case PledgeEvent::kPayDeposit:
      if (from != PledgeState::kReserved) return Illegal(from, event);
      if (c.deal_state == DealState::kFailed) {
        return Refuse("deal_failed", "the deal failed; no deposit is taken");
      }
      if (c.now >= pay_by) return Refuse("deposit_late", "the time to pay the deposit has passed");
      return PledgeState::kActive;
    case PledgeEvent::kLapse:
      if (from != PledgeState::kReserved) return Illegal(from, event);
      if (c.now < pay_by) return Refuse("deposit_window_open", "the deposit may still be paid");
      return PledgeState::kLapsed;
    case PledgeEvent::kCancel:
      if (from != PledgeState::kReserved && from != PledgeState::kActive) {
        return Illegal(from, event);
      }
      // After the stop nothing changes: the group counts on every pledge.
      if (!DealIsOn(c.deal_state) || c.now >= EffectiveStop(c.deal)) {
        return Refuse("after_stop", "sign-ups for this deal are stopped; it can no longer change");
      }
      return PledgeState::kCancelled;
    case PledgeEvent::kRedeem:
      if (from == PledgeState::kRedeemed) {
        return Refuse("already_redeemed", "this voucher was already redeemed");
      }
      if (from != PledgeState::kActive) return Illegal(from, event);
      if (!DealUnlocked(c.deal_state)) {
        return Refuse("not_unlocked", "the deal has not unlocked (yet)");
      }
      if (c.now >= c.deal.redeem_by) return Refuse("expired", "the redeem-by date has passed");
      return PledgeState::kRedeemed;
    case PledgeEvent::kVoid:
      if (from != PledgeState::kReserved && from != PledgeState::kActive) {
        return Illegal(from, event);
      }
      if (c.deal_state != DealState::kFailed) {
        return Refuse("deal_not_failed", "only a failed deal voids its pledges");
      }
      return PledgeState::kVoid;
    case PledgeEvent::kExpire:
      if (from != PledgeState::kActive) return Illegal(from, event);
      if (!DealUnlocked(c.deal_state) || c.now < c.deal.redeem_by) {
        return Refuse("not_expired", "the pledge can still be redeemed");
      }
      return PledgeState::kExpired;
  }
  return Illegal(from, event);
}

}  // namespace gb::rules
