#include "sync/server/shopper_route.h"

#include <cstdint>

#include "sync/server/json_reply.h"
#include "sync/server/router.h"

namespace gb::server {
namespace {

base::Status BadRequest(const std::string& what) {
  return base::Status::InvalidArgument("bad_request", what);
}

bool IsHashHex(const std::string& s) {
  return s.size() == 64 && s.find_first_not_of("0123456789abcdef") == std::string::npos;
}

}  // namespace

base::Result<ShopperCheckCall> ParseShopperCheckBody(const std::string& body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return base::Status::InvalidArgument("bad_json", "the body is not JSON");
  if (!j.is_object()) return BadRequest("the body must be a JSON object");
  ShopperCheckCall call;
  bool has_deal = false;
  bool has_hash = false;
  for (const auto& [key, value] : j.items()) {
    if (key == "deal_id") {
      if (!value.is_number_unsigned() || value.get<uint64_t>() == 0 ||
          value.get<uint64_t>() > UINT32_MAX) {
        return BadRequest("deal_id must be a whole number from 1 to 4294967295");
      }
      call.deal_id = value.get<uint32_t>();
      has_deal = true;
    } else if (key == "phone_hash") {
      // The hash, never the phone: a kiosk that sent a number by mistake is
      // told so without the number being echoed.
      if (!value.is_string() || !IsHashHex(value.get<std::string>())) {
        return BadRequest("phone_hash must be 64 lower-case hex digits (the HMAC of the phone)");
      }
      call.phone_hash = value.get<std::string>();
      has_hash = true;
    } else {
      return BadRequest("unknown member " + key);
    }
  }
  if (!has_deal) return BadRequest("deal_id is missing");
  if (!has_hash) return BadRequest("phone_hash is missing");
  return call;
}

Response HandleShopperCheck(const Request& request, const Principal& who, Backend& backend,
                            RateLimiter* limiter) {
  if (who.admin) {
    return ErrorResponse(base::Status::Error(base::Code::kPermissionDenied, "kiosk_only",
                                             "a kiosk asks about its shopper, with its own token"));
  }
  if (limiter != nullptr) {
    RateDecision d = limiter->Take(who.kiosk_id);
    if (!d.allowed) {
      Response r = ErrorResponse(base::Status::Error(
          base::Code::kResourceExhausted, "rate_limited",
          "too many shopper checks from " + who.kiosk_id + "; sign up on the kiosk's own count"));
      r.status = 429;
      r.headers.emplace_back("Retry-After",
                             std::to_string(static_cast<int64_t>(d.retry_after_s) + 1));
      return r;
    }
  }
  base::Result<ShopperCheckCall> call = ParseShopperCheckBody(request.body);
  if (!call.ok()) return ErrorResponse(call.status());
  base::Result<nlohmann::json> reply = backend.ShopperCheck(call->deal_id, call->phone_hash);
  if (!reply.ok()) return ErrorResponse(reply.status());
  Response r;
  r.body = SafeDump(*reply);
  return r;
}

}  // namespace gb::server
