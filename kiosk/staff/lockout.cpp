#include "kiosk/staff/lockout.h"

#include <algorithm>

namespace gb::staff {

bool IsLockedOut(const ledger::PinGuard& guard, int64_t now) { return now < guard.locked_until; }

ledger::PinGuard AfterWrongPin(const ledger::PinGuard& guard, int64_t now,
                               const LockoutPolicy& policy) {
  ledger::PinGuard next = guard;
  // A lock-out that has ended leaves a count that no longer applies: the
  // attempts after it are a new run.
  if (guard.locked_until != 0 && now >= guard.locked_until) next = {};
  next.failed += 1;
  if (next.failed >= policy.max_failures) {
    next.failed = 0;
    next.locked_until = now + policy.lock_seconds;
  }
  return next;
}

int AttemptsLeft(const ledger::PinGuard& guard, const LockoutPolicy& policy) {
  return std::max(0, policy.max_failures - guard.failed);
}

}  // namespace gb::staff
