#include "sync/server/staff_sessions.h"

#include <algorithm>
#include <chrono>
#include <utility>

namespace gb::server {
namespace {

base::Status Required(std::string message) {
  return base::Status::Error(base::Code::kUnauthenticated, "staff_session_required",
                             std::move(message));
}

bool IsHexToken(std::string_view token) {
  if (token.size() != 64) return false;
  return std::all_of(token.begin(), token.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
  });
}

}  // namespace

StaffSessions::StaffSessions(StaffSessionPolicy policy, std::function<double()> now)
    : policy_(policy), now_(std::move(now)) {
  if (!now_) {
    now_ = [] {
      return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch())
          .count();
    };
  }
}

bool StaffSessions::Expired(const Session& s, double now) const {
  return now - s.used >= policy_.idle_seconds || now - s.opened >= policy_.max_seconds;
}

base::Result<std::string> StaffSessions::Open(const StaffActor& who) {
  GB_ASSIGN_OR_RETURN(std::string token, store::NewToken());
  const double now = now_();
  std::lock_guard lock(mu_);
  std::erase_if(sessions_, [&](const Session& s) {
    return Expired(s, now) || (s.who.name == who.name && s.who.kiosk_id == who.kiosk_id);
  });
  sessions_.push_back({store::Sha256(token), who, now, now});
  return token;
}

base::Result<StaffActor> StaffSessions::Check(std::string_view token,
                                              const std::string& kiosk_id) {
  if (token.empty()) {
    return Required("this till call needs a staff member signed in: send X-Staff-Session "
                    "from POST /v1/staff/session");
  }
  if (!IsHexToken(token)) return Required("X-Staff-Session is not a session (64 hex digits)");
  const store::Digest hash = store::Sha256(token);
  const double now = now_();
  std::lock_guard lock(mu_);
  // Every hash is compared, whatever matched before: the time taken does not
  // tell which session, if any, was presented.
  Session* found = nullptr;
  for (Session& s : sessions_) {
    if (store::SameDigest(hash, s.hash) && found == nullptr) found = &s;
  }
  if (found == nullptr || found->who.kiosk_id != kiosk_id) {
    return Required("the staff session is not known here (the store may have restarted): "
                    "sign in again");
  }
  if (Expired(*found, now)) {
    const std::string name = found->who.name;
    std::erase_if(sessions_, [&](const Session& s) { return &s == found; });
    return base::Status::Error(base::Code::kUnauthenticated, "staff_session_expired",
                               "the staff session of " + name + " has expired: sign in again");
  }
  found->used = now;
  return found->who;
}

size_t StaffSessions::EndStaff(const std::string& name) {
  std::lock_guard lock(mu_);
  return std::erase_if(sessions_, [&](const Session& s) { return s.who.name == name; });
}

size_t StaffSessions::EndKiosk(const std::string& kiosk_id) {
  std::lock_guard lock(mu_);
  return std::erase_if(sessions_, [&](const Session& s) { return s.who.kiosk_id == kiosk_id; });
}

size_t StaffSessions::EndKiosksExcept(const std::set<std::string>& active) {
  std::lock_guard lock(mu_);
  return std::erase_if(sessions_,
                       [&](const Session& s) { return active.count(s.who.kiosk_id) == 0; });
}

size_t StaffSessions::size() {
  std::lock_guard lock(mu_);
  return sessions_.size();
}

}  // namespace gb::server
