#include "sync/server/staff_sign_in_guard.h"

#include <algorithm>

namespace gb::server {

SignInTicket StaffSignInGuard::Begin(const std::string& kiosk_id, const std::string& name,
                                     int64_t now) {
  std::lock_guard lock(mu_);
  // Guards back at rest are the same as none: forget them, so names a kiosk
  // made up do not pile up (each costs the kiosk a wrong PIN).
  if (guards_.size() > 1024) {
    std::erase_if(guards_, [&](const auto& kv) {
      return kv.second.failed % std::max(1, policy_.max_failures) == 0 &&
             !pin::IsLockedOut(kv.second, now) && pin::LockoutRounds(kv.second, policy_) == 0;
    });
  }
  pin::PinGuard& k = guards_[KioskKey(kiosk_id)];
  pin::PinGuard& s = guards_[StaffKey(name)];
  SignInTicket t;
  t.kiosk_before = k;
  t.staff_before = s;
  const int64_t until = std::max(k.locked_until, s.locked_until);
  if (until > now) {
    t.retry_after_s = until - now;
    return t;
  }
  k = pin::AfterWrongPin(k, now, policy_);
  s = pin::AfterWrongPin(s, now, policy_);
  t.allowed = true;
  return t;
}

void StaffSignInGuard::Right(const std::string& kiosk_id, const std::string& name,
                             const SignInTicket& ticket, bool manager, int64_t now) {
  const pin::PinMatch match = manager ? pin::PinMatch::kManager : pin::PinMatch::kStaff;
  std::lock_guard lock(mu_);
  guards_[KioskKey(kiosk_id)] = pin::Decide(ticket.kiosk_before, match, now, policy_).guard;
  guards_[StaffKey(name)] = pin::Decide(ticket.staff_before, match, now, policy_).guard;
}

int StaffSignInGuard::AttemptsLeft(const std::string& kiosk_id, const std::string& name) {
  std::lock_guard lock(mu_);
  // Looked up, never added: an unknown name leaves nothing behind.
  int left = pin::AttemptsLeft(pin::PinGuard{}, policy_);
  for (const std::string& key : {KioskKey(kiosk_id), StaffKey(name)}) {
    if (auto it = guards_.find(key); it != guards_.end()) {
      left = std::min(left, pin::AttemptsLeft(it->second, policy_));
    }
  }
  return left;
}

int64_t StaffSignInGuard::LockedUntil(const std::string& kiosk_id, const std::string& name,
                                      int64_t now) {
  std::lock_guard lock(mu_);
  int64_t until = 0;
  for (const std::string& key : {KioskKey(kiosk_id), StaffKey(name)}) {
    if (auto it = guards_.find(key); it != guards_.end()) {
      until = std::max(until, it->second.locked_until);
    }
  }
  return until > now ? until : 0;
}

}  // namespace gb::server
