#include "sync/server/staff_routes.h"

#include "sync/server/json_reply.h"
#include "sync/server/router.h"

namespace gb::server {
namespace {

using nlohmann::json;

base::Status BadRequest(const std::string& what) {
  return base::Status::InvalidArgument("bad_request", what);
}

}  // namespace

base::Result<StaffSignInCall> ParseStaffSignInBody(const std::string& body,
                                                   const std::string& kiosk_id) {
  json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return base::Status::InvalidArgument("bad_json", "the body is not JSON");
  if (!j.is_object()) return BadRequest("the body must be a JSON object");
  StaffSignInCall call;
  call.kiosk_id = kiosk_id;
  bool has_name = false;
  bool has_pin = false;
  for (const auto& [key, value] : j.items()) {
    if (key != "name" && key != "pin") return BadRequest("unknown member " + key);
    // The PIN's value is never repeated in a message.
    if (!value.is_string()) return BadRequest(key + " must be a string");
    std::string text = value.get<std::string>();
    if (text.empty() || text.size() > 64) return BadRequest(key + " must be 1 to 64 bytes");
    (key == "name" ? call.name : call.pin) = std::move(text);
    (key == "name" ? has_name : has_pin) = true;
  }
  if (!has_name) return BadRequest("name is missing");
  if (!has_pin) return BadRequest("pin is missing");
  return call;
}

Response HandleStaffSignIn(const Request& request, const Principal& who, Backend& backend) {
  if (who.admin) {
    return ErrorResponse(base::Status::Error(base::Code::kPermissionDenied, "kiosk_only",
                                             "staff sign in at a kiosk, with its token"));
  }
  auto call = ParseStaffSignInBody(request.body, who.kiosk_id);
  if (!call.ok()) return ErrorResponse(call.status());
  auto r = backend.StaffSignIn(*call);
  if (!r.ok()) return ErrorResponse(r.status());
  if (r->ok) {
    return JsonResponse(200,
                        json{{"session", r->session},
                             {"name", r->name},
                             {"role", r->role},
                             {"idle_seconds", static_cast<int64_t>(r->idle_seconds)},
                             {"max_seconds", static_cast<int64_t>(r->max_seconds)}},
                        "/v1/staff/session");
  }
  if (r->refusal == "locked_out") {
    Response out = JsonResponse(
        429,
        json{{"error", "locked_out"},
             {"message", "too many wrong PINs for this staff member or at this kiosk; wait " +
                             std::to_string(r->retry_after_s) + " s"}},
        "/v1/staff/session");
    out.headers.emplace_back("Retry-After", std::to_string(r->retry_after_s));
    return out;
  }
  // An unknown name is answered as a wrong PIN: same words, same time.
  return JsonResponse(401,
                      json{{"error", "wrong_pin"},
                           {"message", "the name or the PIN is wrong"},
                           {"attempts_left", r->attempts_left}},
                      "/v1/staff/session");
}

base::Result<StaffSessionActor> RequireStaff(const Request& request, const Principal& who,
                                             Backend& backend, std::string_view role,
                                             std::string_view what) {
  GB_ASSIGN_OR_RETURN(StaffSessionActor actor,
                      backend.StaffSession(request.staff_session, who.kiosk_id));
  if (!role.empty() && actor.role != role) {
    return base::Status::Error(base::Code::kPermissionDenied, "role_required",
                               std::string(what) + " needs a " + std::string(role) + "; " +
                                   actor.name + " is a " + actor.role);
  }
  return actor;
}

}  // namespace gb::server
