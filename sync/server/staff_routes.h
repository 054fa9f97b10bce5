// Staff sessions at the store's routes (issue #16; docs/sync-protocol.md
// "Staff sessions"), as pure request handling like the router's.
//
//   POST /v1/staff/session  {"name", "pin"} with a kiosk's token
//        -> 200 {"session", "name", "role", "idle_seconds", "max_seconds"}
//        401 "wrong_pin" (with "attempts_left"; an unknown name too),
//        429 "locked_out" with Retry-After (staff_sign_in_guard.h),
//        403 "kiosk_only" for the admin token, 400 "bad_json" / "bad_request".
//
// The till's money calls that change something (POST /v1/redeem, /v1/deposit,
// /v1/refund without dry_run) carry the session as X-Staff-Session:
// RequireStaff answers who it speaks for, or 401 "staff_session_required" /
// "staff_session_expired", or 403 "role_required" naming the role needed.
// The PIN is never logged nor echoed. Thread-safe as the Backend is.
#pragma once

#include <string>
#include <string_view>

#include "core/base/result.h"
#include "sync/server/backend.h"
#include "sync/server/http_types.h"

namespace gb::server {

// The body of /v1/staff/session: an object of string members name (1..64
// bytes) and pin (1..64 bytes), only.
base::Result<StaffSignInCall> ParseStaffSignInBody(const std::string& body,
                                                   const std::string& kiosk_id);
Response HandleStaffSignIn(const Request& request, const Principal& who, Backend& backend);

// The staff member acting for `who` through the request's X-Staff-Session.
// `role` "" takes any role; "manager" only a manager (`what` names the act
// in the refusal: "a refund").
base::Result<StaffSessionActor> RequireStaff(const Request& request, const Principal& who,
                                             Backend& backend, std::string_view role,
                                             std::string_view what);

}  // namespace gb::server
