#include "sync/server/till_routes.h"

#include "sync/server/json_reply.h"
#include "sync/server/router.h"
#include "sync/server/staff_routes.h"

namespace gb::server {
namespace {

using nlohmann::json;

base::Status BadRequest(const std::string& what) {
  return base::Status::InvalidArgument("bad_request", what);
}

base::Result<json> ParseObject(const std::string& body) {
  json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return base::Status::InvalidArgument("bad_json", "the body is not JSON");
  if (!j.is_object()) return BadRequest("the body must be a JSON object");
  return j;
}

Response Answer(const base::Result<json>& r) {
  if (!r.ok()) return ErrorResponse(r.status());
  Response out;
  out.body = SafeDump(*r);
  return out;
}

Response Forbidden(std::string reason, std::string message) {
  return ErrorResponse(
      base::Status::Error(base::Code::kPermissionDenied, std::move(reason), std::move(message)));
}

}  // namespace

base::Result<TillCall> ParseTillBody(const std::string& body, const std::string& origin) {
  GB_ASSIGN_OR_RETURN(json j, ParseObject(body));
  TillCall call;
  call.origin = origin;
  for (const auto& [key, value] : j.items()) {
    if (key == "dry_run") {
      if (!value.is_boolean()) return BadRequest("dry_run must be true or false");
      call.dry_run = value.get<bool>();
      continue;
    }
    std::string* field = key == "voucher"      ? &call.voucher
                         : key == "short_code" ? &call.short_code
                         : key == "place"      ? &call.place
                                               : nullptr;
    if (field == nullptr) return BadRequest("unknown member " + key);
    if (!value.is_string()) return BadRequest(key + " must be a string");
    *field = value.get<std::string>();
  }
  return call;
}

base::Result<RescueCall> ParseRescueBody(const std::string& body) {
  GB_ASSIGN_OR_RETURN(json j, ParseObject(body));
  RescueCall call;
  bool has_id = false;
  for (const auto& [key, value] : j.items()) {
    if (key == "id") {
      // 1.0 and "1" are refused, as everywhere in the protocol.
      if (!value.is_number_integer() || value.get<int64_t>() < 1) {
        return BadRequest("id must be a whole number >= 1");
      }
      call.id = value.get<int64_t>();
      has_id = true;
    } else if (key == "resolution" || key == "note") {
      if (!value.is_string()) return BadRequest(key + " must be a string");
      (key == "note" ? call.note : call.resolution) = value.get<std::string>();
    } else {
      return BadRequest("unknown member " + key);
    }
  }
  if (!has_id) return BadRequest("id is missing");
  return call;
}

Response HandleMoney(Money what, const Request& request, const Principal& who, Backend& backend) {
  if (who.admin) return Forbidden("kiosk_only", "a till uses its kiosk's token");
  auto call = ParseTillBody(request.body, who.kiosk_id);
  if (!call.ok()) return ErrorResponse(call.status());
  // A dry run changes nothing and needs no one signed in; money that moves
  // names who moved it, and a refund needs a manager.
  if (!call->dry_run) {
    const bool refund = what == Money::kRefund;
    auto actor = RequireStaff(request, who, backend, refund ? "manager" : "",
                              refund ? "a refund" : "a deposit");
    if (!actor.ok()) return ErrorResponse(actor.status());
    call->staff = actor->name;
  }
  return Answer(what == Money::kDeposit ? backend.Deposit(*call) : backend.Refund(*call));
}

Response HandleRescueList(const Principal& who, Backend& backend) {
  (void)who;  // staff read it at any kiosk; resolving takes the admin token
  return Answer(backend.Rescue());
}

Response HandleRescueResolve(const Request& request, const Principal& who, Backend& backend) {
  if (!who.admin) return Forbidden("admin_only", "rescue items are resolved with the admin token");
  auto call = ParseRescueBody(request.body);
  if (!call.ok()) return ErrorResponse(call.status());
  return Answer(backend.ResolveRescue(*call));
}

}  // namespace gb::server
