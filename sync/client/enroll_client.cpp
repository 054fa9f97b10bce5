#include "sync/client/enroll_client.h"

#include <nlohmann/json.hpp>
#include <tuple>

#include "core/base/hex.h"

namespace gb::sync_client {
namespace {

using base::Code;
using base::Status;
using nlohmann::json;

Status BadReply(const std::string& what) {
  return Status::Error(Code::kInternal, "bad_reply", "the store's enrolment answer: " + what);
}

Code CodeForHttp(int status) {
  switch (status) {
    case 400:
      return Code::kInvalidArgument;
    case 401:
      return Code::kUnauthenticated;
    case 403:
    case 410:
      return Code::kPermissionDenied;
    case 404:
    case 405:
      return Code::kNotFound;  // a server too old to enrol kiosks
    case 429:
    case 503:
      return Code::kUnavailable;
    default:
      return Code::kInternal;
  }
}

// The server's {"error", "message"}; its words are kept, as they name the
// problem better than anything said here.
Status Refusal(const HttpReply& reply) {
  json j = json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  std::string reason = "http_" + std::to_string(reply.status);
  std::string message = "the store answered HTTP " + std::to_string(reply.status);
  if (j.is_object() && j.contains("error") && j["error"].is_string()) {
    reason = j["error"].get<std::string>();
    if (j.contains("message") && j["message"].is_string())
      message = j["message"].get<std::string>();
  }
  return Status::Error(CodeForHttp(reply.status), reason, message);
}

}  // namespace

ServerEndpoint EndpointFor(const protocol::EnrollCode& code, int timeout_ms) {
  ServerEndpoint ep;
  ep.host = code.host;
  ep.port = code.port;
  ep.tls = true;
  ep.cert_sha256 = base::ToHex(code.cert_sha256);
  ep.timeout_ms = timeout_ms;
  return ep;
}

base::Result<EnrollReply> Enroll(HttpTransport& transport, const EnrollRequest& request) {
  json body = {{"code_secret", base::ToHex(request.secret)},
               {"public_key", request.public_key_pem}};
  if (!request.name.empty()) body["name"] = request.name;
  if (request.kind != "kiosk") body["kind"] = request.kind;
  GB_ASSIGN_OR_RETURN(HttpReply reply,
                      transport.Send(HttpRequest{"POST", "/v1/enroll", body.dump()}));
  if (reply.status != 200) return Refusal(reply);
  json j = json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return BadReply("not a JSON object");
  EnrollReply out;
  for (auto [key, field] : {std::pair{"kiosk_id", &out.kiosk_id}, std::pair{"token", &out.token},
                            std::pair{"store_name", &out.store_name}}) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string() || it->get<std::string>().empty()) {
      return BadReply(std::string(key) + " must be a non-empty string");
    }
    *field = it->get<std::string>();
  }
  auto key_id = j.find("key_id");
  if (key_id == j.end() || !key_id->is_number_unsigned() || key_id->get<uint64_t>() == 0 ||
      key_id->get<uint64_t>() > UINT32_MAX) {
    return BadReply("key_id must be a whole number from 1 to 2^32-1");
  }
  out.key_id = key_id->get<uint32_t>();
  auto state = j.find("state");
  if (state == j.end() || !state->is_object()) return BadReply("state must be an object");
  out.state_body = state->dump();
  // The store's phone key (docs/sync-protocol.md): absent from a store older
  // than store-wide keys, when the kiosk makes its own.
  if (auto phone = j.find("phone_key"); phone != j.end()) {
    if (!phone->is_string() || phone->get<std::string>().size() != 64 ||
        phone->get<std::string>().find_first_not_of("0123456789abcdef") != std::string::npos) {
      return BadReply("phone_key must be 64 lower-case hex digits");
    }
    out.phone_key = phone->get<std::string>();
  }
  return out;
}

base::Result<RotateReply> RotateKey(HttpTransport& transport, const std::string& public_key_pem) {
  json body = {{"public_key", public_key_pem}};
  GB_ASSIGN_OR_RETURN(HttpReply reply,
                      transport.Send(HttpRequest{"POST", "/v1/rotate-key", body.dump()}));
  if (reply.status != 200) return Refusal(reply);
  json j = json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  if (!j.is_object()) return BadReply("not a JSON object");
  RotateReply out;
  for (auto [key, field, least] : {std::tuple{"key_id", &out.key_id, uint64_t{1}},
                                   std::tuple{"retired_key_id", &out.retired_key_id, uint64_t{0}}}) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_number_unsigned() || it->get<uint64_t>() < least ||
        it->get<uint64_t>() > UINT32_MAX) {
      return BadReply(std::string(key) + " must be a whole number below 2^32");
    }
    *field = it->get<uint32_t>();
  }
  // A store that rotated the key rotated the token: without the new one the
  // kiosk could not reach it again.
  auto token = j.find("token");
  if (token != j.end()) {
    if (!token->is_string() || token->get<std::string>().size() != 64 ||
        token->get<std::string>().find_first_not_of("0123456789abcdef") != std::string::npos) {
      return BadReply("token must be 64 lower-case hex digits");
    }
    out.token = token->get<std::string>();
  }
  if (out.retired_key_id != 0 && out.token.empty()) {
    return BadReply("a rotation must carry the kiosk's new token");
  }
  return out;
}

}  // namespace gb::sync_client
