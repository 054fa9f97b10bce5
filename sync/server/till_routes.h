// The till's money routes and the rescue list, as pure request handling
// like the router's (no sockets, no SQLite). The router checks the method,
// the body size and the token first, then hands over.
//
//   POST /v1/deposit         {"voucher"|"short_code", "place", "dry_run"?} -> the verdict
//   POST /v1/refund          the same body                                -> the verdict
//   GET  /v1/rescue          the open rescue items (admin or kiosk token)
//   POST /v1/rescue/resolve  {"id", "resolution", "note"}      (admin token only)
//
// 400 "bad_json" / "bad_request" naming the member, or the store's reasons
// ("bad_place", "bad_short_code", "bad_resolution", ...); 403 "kiosk_only"
// (deposit and refund take a till's kiosk token) or "admin_only" (resolve);
// 404 "unknown_rescue"; 409 "already_resolved", "cannot_accept".
// A deposit or refund that is not a dry run needs X-Staff-Session (staff_routes.h:
// 401 "staff_session_required" / "staff_session_expired"); a refund a
// manager's (403 "role_required"). The member is recorded with it.
// Thread-safe as the Backend is.
#pragma once

#include <string>

#include "core/base/result.h"
#include "sync/server/backend.h"
#include "sync/server/http_types.h"

namespace gb::server {

// The body of /v1/deposit and /v1/refund: an object of string members
// voucher, short_code and place, and the boolean dry_run, only.
base::Result<TillCall> ParseTillBody(const std::string& body, const std::string& origin);
// The body of /v1/rescue/resolve: id (an integer >= 1), resolution (a
// string), note (a string, optional).
base::Result<RescueCall> ParseRescueBody(const std::string& body);

enum class Money { kDeposit, kRefund };
Response HandleMoney(Money what, const Request& request, const Principal& who, Backend& backend);
Response HandleRescueList(const Principal& who, Backend& backend);
Response HandleRescueResolve(const Request& request, const Principal& who, Backend& backend);

}  // namespace gb::server
