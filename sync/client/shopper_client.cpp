#include "sync/client/shopper_client.h"

#include <nlohmann/json.hpp>

namespace gb::sync_client {
namespace {

using nlohmann::json;

base::Status BadReply(const std::string& what) {
  return base::Status::InvalidArgument("bad_reply", "the store's shopper check answer " + what);
}

// The store's error body names the reason when it can be read. A 429 or 5xx
// is the store's trouble (Unavailable); a 4xx is this kiosk's request.
base::Status Refusal(const HttpReply& reply) {
  json body = json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  std::string reason = "server_error";
  if (body.is_object() && body.contains("error") && body["error"].is_string()) {
    reason = body["error"].get<std::string>();
  }
  std::string message = "the store server answered " + std::to_string(reply.status);
  if (body.is_object() && body.contains("message") && body["message"].is_string()) {
    message += ": " + body["message"].get<std::string>();
  }
  if (reply.status == 429 || reply.status >= 500) {
    return base::Status::Error(base::Code::kUnavailable, reason, message);
  }
  if (reply.status == 401 || reply.status == 403) {
    return base::Status::Error(base::Code::kPermissionDenied, reason, message);
  }
  if (reply.status == 404) return base::Status::NotFound(reason, message);
  return base::Status::InvalidArgument(reason, message);
}

}  // namespace

base::Result<ShopperAnswer> CheckShopper(HttpTransport& transport, uint32_t deal_id,
                                         const std::string& phone_hash_hex) {
  json body = {{"deal_id", deal_id}, {"phone_hash", phone_hash_hex}};
  GB_ASSIGN_OR_RETURN(HttpReply reply,
                      transport.Send(HttpRequest{"POST", "/v1/shopper-check", body.dump()}));
  if (reply.status != 200) return Refusal(reply);
  json j = json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return BadReply("is not a JSON object");
  ShopperAnswer out;
  for (auto [key, field] : {std::pair{"joined", &out.joined}, std::pair{"limit", &out.limit}}) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_integer() || it->get<int64_t>() < 0) {
      return BadReply(std::string(key) + " must be a whole number >= 0");
    }
    *field = it->get<int64_t>();
  }
  auto allowed = j.find("allowed");
  if (allowed == j.end() || !allowed->is_boolean()) return BadReply("allowed must be true or false");
  out.allowed = allowed->get<bool>();
  return out;
}

}  // namespace gb::sync_client
