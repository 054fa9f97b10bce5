// The PIN pad's lock-out, as pure functions over the stored guard
// (PinGuard: the kiosk keeps one, kiosk-wide, in its ledger so a restart
// changes nothing; the store keeps one per kiosk and one per staff member).
// Thread-safe, no I/O.
//
//  - guard.failed counts the wrong PINs since a manager last signed in; every
//    `max_failures` of them make a round. The wrong PIN that completes a
//    round locks the pad: the first round for lock_seconds (5 min), each
//    further round twice as long as the one before (10, 20, 40 min, ...),
//    never longer than max_lock_seconds (24 h).
//  - While locked, a manager's right PIN opens the pad and clears the rounds.
//    Any other PIN, a cashier's right one too, is refused as locked out and
//    counts as wrong; but a round cannot be completed while locked: after
//    max_failures - 1 such PINs the pad checks nothing until the lock-out
//    ends. So each round allows max_failures checks in all, however they are
//    split, and each round waits longer than the last.
//  - A cashier's right PIN outside a lock-out signs in and forgets the wrong
//    PINs of the unfinished round, but not the rounds: only a manager clears
//    the escalation.
//
// A guard written before escalation (failed reset to 0 at each lock-out) is
// read the same way: its lock-out counts as round 0, so the next one is 5 min.
#pragma once

#include <cstdint>

namespace gb::pin {

// The count of wrong PINs in a row and the lock-out it led to.
struct PinGuard {
  int failed = 0;
  int64_t locked_until = 0;  // Unix seconds; 0 or past: not locked
  bool operator==(const PinGuard&) const = default;
};

struct LockoutPolicy {
  int max_failures = 5;                     // wrong PINs per round; >= 1
  int64_t lock_seconds = 5 * 60;            // the first round's lock-out
  int64_t max_lock_seconds = 24 * 60 * 60;  // the doubling stops here
};

// What the typed PIN turned out to be (the caller matches it against its
// staff list).
enum class PinMatch { kNone, kStaff, kManager };

// The guard after one typed PIN, and whether the pad opens.
struct PadVerdict {
  PinGuard guard;
  bool admitted = false;
  bool cleared = false;  // a manager's PIN reset a lock-out or wrong PINs
};

bool IsLockedOut(const PinGuard& guard, int64_t now);

// Completed rounds since a manager last signed in.
int LockoutRounds(const PinGuard& guard, const LockoutPolicy& policy);

// How long round `round` (1, 2, ...) locks the pad; 0 for round < 1.
int64_t LockSeconds(int round, const LockoutPolicy& policy);

// False while locked with this lock-out's checks used up: the PIN is then
// refused without being checked, and nothing is counted.
bool MayCheckPin(const PinGuard& guard, int64_t now, const LockoutPolicy& policy);

// The guard after a wrong PIN at `now`. REQUIRES: MayCheckPin(guard, now, policy).
PinGuard AfterWrongPin(const PinGuard& guard, int64_t now, const LockoutPolicy& policy);

// The whole rule for one typed PIN: the guard to store and whether the pad
// opens. A PIN that may not be checked (MayCheckPin) changes nothing.
PadVerdict Decide(const PinGuard& guard, PinMatch match, int64_t now, const LockoutPolicy& policy);

// Wrong PINs left before the next lock-out (outside a lock-out).
int AttemptsLeft(const PinGuard& guard, const LockoutPolicy& policy);

}  // namespace gb::pin
