#include "sync/server/deal_routes.h"

#include <limits>

#include "sync/server/json_reply.h"
#include "sync/server/router.h"

namespace gb::server {
namespace {

using nlohmann::json;

base::Status BadRequest(const std::string& what) {
  return base::Status::InvalidArgument("bad_request", what);
}

}  // namespace

base::Result<uint32_t> ParseStopBody(const std::string& body) {
  json j = json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return base::Status::InvalidArgument("bad_json", "the body is not JSON");
  if (!j.is_object()) return BadRequest("the body must be a JSON object");
  std::optional<uint32_t> id;
  for (const auto& [key, value] : j.items()) {
    if (key != "deal_id") return BadRequest("unknown member " + key);
    // 1.0 and "77" are refused, as everywhere in the protocol.
    if (!value.is_number_integer() || value.get<int64_t>() < 1 ||
        value.get<int64_t>() > std::numeric_limits<uint32_t>::max()) {
      return BadRequest("deal_id must be a whole number from 1 to 4294967295");
    }
    id = static_cast<uint32_t>(value.get<int64_t>());
  }
  if (!id) return BadRequest("deal_id is missing");
  return *id;
}

Response HandleStopDeal(const Request& request, const Principal& who, Backend& backend) {
  if (!who.admin) {
    return ErrorResponse(base::Status::Error(base::Code::kPermissionDenied, "admin_only",
                                             "deals are stopped with the admin token"));
  }
  auto id = ParseStopBody(request.body);
  if (!id.ok()) return ErrorResponse(id.status());
  auto stopped = backend.StopDeal(*id);
  if (!stopped.ok()) return ErrorResponse(stopped.status());
  Response out;
  out.body = SafeDump(*stopped);
  return out;
}

Response HandlePauseDeal(const Request& request, const Principal& who, Backend& backend,
                         bool paused) {
  if (!who.admin) {
    return ErrorResponse(base::Status::Error(base::Code::kPermissionDenied, "admin_only",
                                             "deals are paused with the admin token"));
  }
  auto id = ParseStopBody(request.body);
  if (!id.ok()) return ErrorResponse(id.status());
  auto done = backend.PauseDeal(*id, paused);
  if (!done.ok()) return ErrorResponse(done.status());
  Response out;
  out.body = SafeDump(*done);
  return out;
}

}  // namespace gb::server
