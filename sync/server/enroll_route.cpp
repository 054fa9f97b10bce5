#include "sync/server/enroll_route.h"

#include <algorithm>

#include "core/base/hex.h"
#include "core/base/text.h"
#include "core/voucher/ed25519.h"
#include "sync/server/json_reply.h"
#include "sync/server/router.h"

namespace gb::server {
namespace {

using base::Status;

Status Bad(const std::string& what) { return Status::InvalidArgument("bad_request", what); }

// PEM, or the 32 raw bytes as hex: whatever a kiosk holds, as the PEM the
// store keeps (one spelling per key, so a key enrolled twice is seen).
base::Result<std::string> NormalizeKey(const std::string& text) {
  if (text.find("-----BEGIN") != std::string::npos) {
    GB_ASSIGN_OR_RETURN(voucher::PublicKey key, voucher::PublicKey::FromPem(text));
    return key.Pem();
  }
  base::Result<std::vector<uint8_t>> raw = base::FromHex(text);
  if (!raw.ok() || raw->size() != voucher::kEd25519KeySize) {
    return Status::InvalidArgument(
        "bad_key", "public_key must be an Ed25519 public key: PEM, or 64 hex digits");
  }
  std::array<uint8_t, voucher::kEd25519KeySize> bytes{};
  std::copy(raw->begin(), raw->end(), bytes.begin());
  return voucher::PublicKey::FromRaw(bytes).Pem();
}


}  // namespace

base::Result<EnrollCall> ParseEnrollBody(const std::string& body) {
  nlohmann::json j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return Status::InvalidArgument("bad_json", "the body is not JSON");
  if (!j.is_object()) return Bad("the body must be a JSON object");
  std::string secret_hex, key_text;
  EnrollCall call;
  for (const auto& [member, value] : j.items()) {
    std::string* field = member == "code_secret"  ? &secret_hex
                         : member == "public_key" ? &key_text
                         : member == "name"       ? &call.name
                         : member == "kind"       ? &call.kind
                                                  : nullptr;
    if (field == nullptr) return Bad("unknown member " + member);
    if (!value.is_string()) return Bad(member + " must be a string");
    *field = value.get<std::string>();
  }
  base::Result<std::vector<uint8_t>> secret = base::FromHex(secret_hex);
  if (!secret.ok() || secret->size() != call.secret.size()) {
    return Bad("code_secret must be the code's secret as 32 hex digits");
  }
  std::copy(secret->begin(), secret->end(), call.secret.begin());
  if (key_text.empty()) return Bad("public_key is required");
  GB_ASSIGN_OR_RETURN(call.public_key_pem, NormalizeKey(key_text));
  if (base::Status s = base::CheckText("name", call.name, {.max_bytes = 64, .allow_empty = true});
      !s.ok()) {
    return Bad(s.message() + "; the name must be at most 64 bytes of printable UTF-8");
  }
  if (call.kind != "kiosk" && call.kind != "store") return Bad("kind must be kiosk or store");
  return call;
}

Response HandleEnroll(const Request& request, Backend& backend) {
  base::Result<EnrollCall> call = ParseEnrollBody(request.body);
  if (!call.ok()) return ErrorResponse(call.status());
  base::Result<nlohmann::json> reply = backend.Enroll(*call);
  if (!reply.ok()) return ErrorResponse(reply.status());
  Response r;
  r.body = SafeDump(*reply);
  // The reply holds the kiosk's only copy of its token.
  r.headers.emplace_back("Cache-Control", "no-store");
  return r;
}

Response HandleRotateKey(const Request& request, const Principal& who, Backend& backend) {
  if (who.admin) {
    return ErrorResponse(Status::Error(base::Code::kPermissionDenied, "kiosk_only",
                                       "a kiosk rotates its own key, with its own token"));
  }
  nlohmann::json j = nlohmann::json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (j.is_discarded()) return ErrorResponse(Status::InvalidArgument("bad_json", "the body is not JSON"));
  if (!j.is_object()) return ErrorResponse(Bad("the body must be a JSON object"));
  for (const auto& [member, value] : j.items()) {
    if (member != "public_key") return ErrorResponse(Bad("unknown member " + member));
    if (!value.is_string()) return ErrorResponse(Bad("public_key must be a string"));
  }
  auto key = j.find("public_key");
  if (key == j.end()) return ErrorResponse(Bad("public_key is required"));
  base::Result<std::string> pem = NormalizeKey(key->get<std::string>());
  if (!pem.ok()) return ErrorResponse(pem.status());
  base::Result<nlohmann::json> reply = backend.RotateKey(who.kiosk_id, *pem);
  if (!reply.ok()) return ErrorResponse(reply.status());
  Response r;
  r.body = SafeDump(*reply);
  return r;
}

}  // namespace gb::server
