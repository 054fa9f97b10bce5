// StoreBackend's staff sessions (store_backend.h, staff_routes.h): sign-in
// against the store's PIN hashes and the check of each till call's session.
#include <chrono>

#include "core/pin/pin_hash.h"
#include "sync/server/store_backend.h"

namespace gb::server {
namespace {

int64_t UnixNow() {
  return std::chrono::duration_cast<std::chrono::seconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

// A hash made once with the PINs' own cost, so that an unknown name takes
// as long to refuse as a wrong PIN (what it matches does not matter: an
// unknown name is refused whatever the PIN).
const std::string& DecoyHash() {
  static const std::string hash = [] {
    auto h = pin::HashPin(std::to_string(UnixNow()));  // 10 digits
    return h.ok() ? *h : std::string();
  }();
  return hash;
}

}  // namespace

base::Result<StaffSignInResult> StoreBackend::StaffSignIn(const StaffSignInCall& call) {
  const int64_t now = UnixNow();
  StaffSignInResult out;
  auto refuse = [&] {
    const int64_t until = sign_in_guard_.LockedUntil(call.kiosk_id, call.name, now);
    if (until > 0) {
      out.refusal = "locked_out";
      out.retry_after_s = until - now;
    } else {
      out.refusal = "wrong_pin";
      out.attempts_left = sign_in_guard_.AttemptsLeft(call.kiosk_id, call.name);
    }
    return out;
  };
  std::optional<store::StaffRecord> member;
  {
    std::lock_guard lock(db_mu_);
    GB_ASSIGN_OR_RETURN(member, reader_->FindStaff(call.name));
  }
  if (!member) {
    // Not counted (staff_sign_in_guard.h says why), but as slow as a check,
    // and refused in the same words.
    (void)pin::VerifyPin(call.pin, DecoyHash());
    return refuse();
  }
  const SignInTicket ticket = sign_in_guard_.Begin(call.kiosk_id, call.name, now);
  if (!ticket.allowed) {
    out.refusal = "locked_out";
    out.retry_after_s = ticket.retry_after_s;
    return out;
  }
  // About 70 ms of scrypt, with no lock held: other requests go on.
  if (!pin::VerifyPin(call.pin, member->pin_hash)) return refuse();
  sign_in_guard_.Right(call.kiosk_id, call.name, ticket, member->role == store::kManager, now);
  GB_ASSIGN_OR_RETURN(out.session,
                      sessions_.Open({member->name, member->role, member->created_at,
                                      call.kiosk_id}));
  out.ok = true;
  out.name = member->name;
  out.role = member->role;
  out.idle_seconds = sessions_.policy().idle_seconds;
  out.max_seconds = sessions_.policy().max_seconds;
  return out;
}

base::Result<StaffSessionActor> StoreBackend::StaffSession(std::string_view token,
                                                           const std::string& kiosk_id) {
  GB_ASSIGN_OR_RETURN(StaffActor actor, sessions_.Check(token, kiosk_id));
  std::optional<store::StaffRecord> member;
  {
    std::lock_guard lock(db_mu_);
    GB_ASSIGN_OR_RETURN(member, reader_->FindStaff(actor.name));
  }
  // Removed (perhaps added again since, with a new PIN): the session ends.
  if (!member || member->created_at != actor.created_at) {
    if (!member) sessions_.EndStaff(actor.name);
    return base::Status::Error(base::Code::kUnauthenticated, "staff_session_expired",
                               "the staff session of " + actor.name +
                                   " has ended: they are no longer staff at this store");
  }
  return StaffSessionActor{member->name, member->role};
}

}  // namespace gb::server
