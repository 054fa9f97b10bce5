// StaffSignInGuard: the store's limit on wrong PINs at POST /v1/staff/session,
// per staff member and per kiosk, by the kiosk PIN pad's own lock-out rules
// (core/pin/lockout.h: 5 wrong PINs a round; the first round locks for
// 5 min, each further round twice as long, at most 24 h).
//
// Each attempt is counted as wrong before its PIN is checked (Begin), so
// attempts made at the same moment cannot slip past the limit; a right PIN
// then takes it back (Right): a cashier's forgets the unfinished round, a
// manager's clears the rounds too, as at the pad. While the member or the
// kiosk is locked out, no PIN is checked at all: Begin refuses with the
// seconds to wait (the route's 429 and Retry-After), a manager's right PIN
// too (unlike the pad, which a manager opens: here the kiosk's pad was
// already passed, and a kiosk token alone must not be able to try on).
//
// Only names of the store's staff are counted (the caller's choice): a
// made-up name cannot sign in whatever the PIN, and a member kept at one
// kiosk alone, unknown to the store, must not lock that kiosk out of store
// sign-ins for everyone.
//
// Kept in memory: a restart forgets it (like the sessions). Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>

#include "core/pin/lockout.h"

namespace gb::server {

struct SignInTicket {
  bool allowed = false;
  int64_t retry_after_s = 0;  // when not allowed: > 0
  // What Begin found, for Right.
  pin::PinGuard kiosk_before;
  pin::PinGuard staff_before;
};

class StaffSignInGuard {
 public:
  explicit StaffSignInGuard(pin::LockoutPolicy policy = {}) : policy_(policy) {}

  // `now` in Unix seconds.
  SignInTicket Begin(const std::string& kiosk_id, const std::string& name, int64_t now);
  // The PIN was right: undoes Begin's count as the pad would.
  void Right(const std::string& kiosk_id, const std::string& name, const SignInTicket& ticket,
             bool manager, int64_t now);
  // How many wrong PINs more before a lock-out (the fewer of the member's
  // and the kiosk's), and until when either is locked (0: not). Read only:
  // they add no guard for a name never counted.
  int AttemptsLeft(const std::string& kiosk_id, const std::string& name);
  int64_t LockedUntil(const std::string& kiosk_id, const std::string& name, int64_t now);

 private:
  static std::string KioskKey(const std::string& id) { return "kiosk\n" + id; }
  static std::string StaffKey(const std::string& name) { return "staff\n" + name; }

  pin::LockoutPolicy policy_;
  std::mutex mu_;
  std::map<std::string, pin::PinGuard> guards_;  // guarded by mu_
};

}  // namespace gb::server
