// The PIN pad's lock-out, as pure functions over the stored guard
// (ledger::PinGuard): after `max_failures` wrong PINs in a row the pad is
// locked for `lock_seconds`; a right PIN resets the count; when a lock-out
// ends, the count starts again from zero. Thread-safe, no I/O.
#pragma once

#include <cstdint>

#include "kiosk/ledger/till_records.h"

namespace gb::staff {

struct LockoutPolicy {
  int max_failures = 5;
  int64_t lock_seconds = 5 * 60;
};

bool IsLockedOut(const ledger::PinGuard& guard, int64_t now);

// The guard after a wrong PIN at `now`. REQUIRES: !IsLockedOut(guard, now).
ledger::PinGuard AfterWrongPin(const ledger::PinGuard& guard, int64_t now,
                               const LockoutPolicy& policy);

// Wrong PINs left before the lock-out.
int AttemptsLeft(const ledger::PinGuard& guard, const LockoutPolicy& policy);

}  // namespace gb::staff
