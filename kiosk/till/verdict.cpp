#include "kiosk/till/verdict.h"

namespace gb::till {
namespace {

using rules::PledgeState;

Verdict Kind(VerdictKind kind, std::string reason) {
  Verdict v;
  v.kind = kind;
  v.reason = std::move(reason);
  return v;
}

// A failed authentication or lookup, before any pledge is known.
Verdict FromAuthenticity(const base::Status& s) {
  const std::string& r = s.reason();
  if (r == "unknown_key") return Kind(VerdictKind::kUnknownKey, r);
  // A short code is a lookup key with a typo check, not a proof: a typo is
  // "not found, check the digits", never an accusation of forgery.
  if (r == "bad_short_code" || r == "short_code_check") return Kind(VerdictKind::kNotFound, r);
  // Everything else means the text is not what this kiosk's keys signed:
  // not a voucher at all, a bad signature, or a key revoked before it was issued.
  return Kind(VerdictKind::kForged, r.empty() ? "bad_voucher" : r);
}

}  // namespace

std::string_view VerdictName(VerdictKind kind) {
  switch (kind) {
    case VerdictKind::kValid:
      return "VALID";
    case VerdictKind::kAlreadyRedeemed:
      return "ALREADY_REDEEMED";
    case VerdictKind::kNotYetUnlocked:
      return "NOT_YET_UNLOCKED";
    case VerdictKind::kVoid:
      return "VOID";
    case VerdictKind::kExpired:
      return "EXPIRED";
    case VerdictKind::kForged:
      return "FORGED";
    case VerdictKind::kUnknownKey:
      return "UNKNOWN_KEY";
    case VerdictKind::kNotFound:
      return "NOT_FOUND";
  }
  return "NOT_FOUND";
}

Verdict Decide(const Evidence& e, int64_t now) {
  if (!e.authenticity.ok()) return FromAuthenticity(e.authenticity);
  if (e.pledge == nullptr || !e.deal) return Kind(VerdictKind::kNotFound, "not_issued_here");

  const rules::PledgeRecord& p = *e.pledge;
  const DealFacts& d = *e.deal;
  Verdict v;
  v.pledge_id = p.id;
  v.deal_id = p.deal_id;
  v.currency = d.deal.currency;
  v.short_code = p.short_code;
  v.redeem_by = d.deal.redeem_by;

  // Order matters: a redeemed voucher is "already redeemed" even after the
  // redeem-by date, and a cancelled one is void even if the deal unlocked.
  if (p.state == PledgeState::kRedeemed) {
    v.kind = VerdictKind::kAlreadyRedeemed;
    v.reason = "already_redeemed";
    v.redeemed_at = p.redeemed_at;
    v.redeemed_place = p.redeemed_place;
    return v;
  }
  const PledgeState effective = rules::EffectivePledgeState(p, d.deal, d.state, now);
  switch (effective) {
    case PledgeState::kCancelled:
      v.kind = VerdictKind::kVoid;
      v.reason = "cancelled";
      return v;
    case PledgeState::kVoid:
      v.kind = VerdictKind::kVoid;
      v.reason = "deal_failed";
      return v;
    case PledgeState::kLapsed:
      v.kind = VerdictKind::kVoid;
      v.reason = "lapsed";
      return v;
    case PledgeState::kExpired:
      v.kind = VerdictKind::kExpired;
      v.reason = "expired";
      return v;
    default:
      break;
  }
  const bool unlocked =
      d.state == rules::DealState::kUnlocked || d.state == rules::DealState::kClosed;
  if (!unlocked) {
    v.kind = VerdictKind::kNotYetUnlocked;
    v.reason = "deal_open";
    return v;
  }
  if (effective == PledgeState::kReserved) {
    // The deal unlocked but this shopper's deposit is still due (and may
    // still be paid): take it first, then the voucher is valid.
    v.kind = VerdictKind::kNotYetUnlocked;
    v.reason = "deposit_unpaid";
    v.deposit_due = p.deposit_due;
    return v;
  }
  if (now >= d.deal.redeem_by) {
    v.kind = VerdictKind::kExpired;
    v.reason = "expired";
    return v;
  }
  v.kind = VerdictKind::kValid;
  v.reason = "valid";
  v.settlement = rules::SettleRedemption(d.deal, d.tally.committed, p.price_minor, p.deposit_paid);
  return v;
}

}  // namespace gb::till
