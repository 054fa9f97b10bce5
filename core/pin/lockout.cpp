#include "core/pin/lockout.h"

#include <algorithm>

namespace gb::pin {
namespace {

// Far beyond any real count (24 h lock-outs allow a few PINs a day); keeps a
// damaged row from overflowing the count.
constexpr int kMaxCount = 1'000'000;

int PerRound(const LockoutPolicy& policy) { return std::max(1, policy.max_failures); }

int Count(const PinGuard& guard) { return std::clamp(guard.failed, 0, kMaxCount); }

}  // namespace

bool IsLockedOut(const PinGuard& guard, int64_t now) { return now < guard.locked_until; }

int LockoutRounds(const PinGuard& guard, const LockoutPolicy& policy) {
  return Count(guard) / PerRound(policy);
}

int64_t LockSeconds(int round, const LockoutPolicy& policy) {
  if (round < 1) return 0;
  int64_t s = std::max<int64_t>(policy.lock_seconds, 0);
  for (int i = 1; i < round && s > 0 && s < policy.max_lock_seconds; ++i) {
    s = s > policy.max_lock_seconds / 2 ? policy.max_lock_seconds : s * 2;
  }
  return std::min(s, policy.max_lock_seconds);
}

bool MayCheckPin(const PinGuard& guard, int64_t now, const LockoutPolicy& policy) {
  if (!IsLockedOut(guard, now)) return true;
  // A lock-out begins with the round's count at 0; the last wrong PIN of the
  // round is kept for after it, so waiting is the only way to a new round.
  return Count(guard) % PerRound(policy) < PerRound(policy) - 1;
}

PinGuard AfterWrongPin(const PinGuard& guard, int64_t now, const LockoutPolicy& policy) {
  PinGuard next = guard;
  next.failed = Count(guard) + 1;
  if (!IsLockedOut(guard, now) && next.failed % PerRound(policy) == 0) {
    next.locked_until = now + LockSeconds(next.failed / PerRound(policy), policy);
  }
  return next;
}

PadVerdict Decide(const PinGuard& guard, PinMatch match, int64_t now, const LockoutPolicy& policy) {
  if (!MayCheckPin(guard, now, policy)) return {guard, false, false};
  const bool locked = IsLockedOut(guard, now);
  if (match == PinMatch::kManager) {
    return {PinGuard{}, true, locked || guard.failed != 0};
  }
  if (match == PinMatch::kStaff && !locked) {
    PinGuard next = guard;
    next.failed = LockoutRounds(guard, policy) * PerRound(policy);
    return {next, true, false};
  }
  return {AfterWrongPin(guard, now, policy), false, false};
}

int AttemptsLeft(const PinGuard& guard, const LockoutPolicy& policy) {
  return PerRound(policy) - Count(guard) % PerRound(policy);
}

}  // namespace gb::pin
