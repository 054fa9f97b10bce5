// StaffSessions: the store's table of staff sessions (POST /v1/staff/session,
// docs/sync-protocol.md "Staff sessions"), kept in memory only: a store that
// restarts forgets them, and staff sign in again.
//
// A session is a random 32-byte token, given out once as 64 lower-case hex
// digits; the table keeps only its SHA-256. It belongs to one staff member
// (name, role, and the created_at of the staff row it was made from, so a
// member removed and added again does not inherit it) and to the kiosk whose
// token asked for it: any other kiosk presenting it is refused as if it were
// unknown. Check compares the token's hash with every session's hash in
// constant time (CRYPTO_memcmp, no early exit, no index on the secret).
//
// Lifetime: a session ends after `idle_seconds` without a successful Check,
// or `max_seconds` after it was opened, whichever comes first (15 min and
// 12 h by default); EndStaff and EndKiosk end sessions at once (a member
// removed, a kiosk revoked). Opening a session for a member at a kiosk ends
// that member's earlier session there, so the table holds at most one
// session per member and kiosk.
//
// Refusals (Unauthenticated; the router answers 401):
//   "staff_session_required"  no token, not 64 hex digits, unknown, or another kiosk's
//   "staff_session_expired"   idle or past its maximum age, or ended
//
// Pure: no I/O but OpenSSL's random bytes and hash; the clock is injected
// (seconds, monotonic). Thread-safe (one mutex).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <mutex>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "sync/store/token.h"

namespace gb::server {

struct StaffSessionPolicy {
  double idle_seconds = 15 * 60;
  double max_seconds = 12 * 60 * 60;
};

// Who a session speaks for.
struct StaffActor {
  std::string name;
  std::string role;  // "cashier" or "manager"
  int64_t created_at = 0;  // of the staff row the session was made from
  std::string kiosk_id;    // the kiosk the session is bound to
};

class StaffSessions {
 public:
  // `now` gives seconds on a monotonic clock (default: steady_clock).
  explicit StaffSessions(StaffSessionPolicy policy = {}, std::function<double()> now = {});

  // A new session for `who`: its token, 64 hex digits. Ends `who`'s earlier
  // session at the same kiosk and every expired session. "no_randomness".
  base::Result<std::string> Open(const StaffActor& who);
  // The session's actor, and the session's idle time starts again.
  base::Result<StaffActor> Check(std::string_view token, const std::string& kiosk_id);
  // Ends every session of the member / of the kiosk; how many ended.
  size_t EndStaff(const std::string& name);
  size_t EndKiosk(const std::string& kiosk_id);
  // Ends the sessions of every kiosk not in `active` (revoked meanwhile).
  size_t EndKiosksExcept(const std::set<std::string>& active);
  // Sessions held now, expired ones not yet swept included.
  size_t size();
  const StaffSessionPolicy& policy() const { return policy_; }

 private:
  struct Session {
    store::Digest hash;
    StaffActor who;
    double opened = 0;
    double used = 0;
  };
  bool Expired(const Session& s, double now) const;

  StaffSessionPolicy policy_;
  std::function<double()> now_;
  std::mutex mu_;
  std::vector<Session> sessions_;  // guarded by mu_
};

}  // namespace gb::server
