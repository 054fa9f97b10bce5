#include "sync/client/till_client.h"

#include <nlohmann/json.hpp>

#include "core/voucher/voucher.h"
#include "sync/client/server_identity.h"
#include "sync/protocol/json_reader.h"

namespace gb::sync_client {
namespace {

using nlohmann::json;

base::Status BadReply(const std::string& what) {
  return base::Status::InvalidArgument("bad_reply", "the store server's till reply " + what);
}

// A 4xx or 5xx as the Status the till shows; the server's error body names
// the reason when it can be read.
base::Status FromErrorReply(const HttpReply& reply) {
  json body = json::parse(reply.body, nullptr, /*allow_exceptions=*/false);
  std::string reason = "server_error";
  std::string message = "the store server answered " + std::to_string(reply.status);
  if (body.is_object() && body.contains("message") && body["message"].is_string()) {
    message += ": " + body["message"].get<std::string>();
  }
  if (reply.status == 401 || reply.status == 403) {
    // The staff member's, not the kiosk's: staff can act on these (sign in
    // again, call a manager), so their reason is kept.
    std::string why = "server_refused";
    if (body.is_object() && body.contains("error") && body["error"].is_string()) {
      const std::string e = body["error"].get<std::string>();
      if (e == "staff_session_required" || e == "staff_session_expired" ||
          e == "role_required" || e == "wrong_pin") {
        why = e;
      }
    }
    return base::Status::Error(base::Code::kPermissionDenied, why, message);
  }
  if (reply.status >= 400 && reply.status < 500) {
    if (body.is_object() && body.contains("error") && body["error"].is_string()) {
      reason = body["error"].get<std::string>();
    }
    return base::Status::InvalidArgument(reason, message);
  }
  return base::Status::Error(base::Code::kUnavailable, reason, message);
}

}  // namespace

base::Result<ServerVerdict> DecodeServerVerdict(std::string_view text) {
  base::Result<json> parsed = protocol::ParseJson(text);
  if (!parsed.ok() || !parsed->is_object()) return BadReply("is not a JSON object");
  const json& body = *parsed;
  const protocol::FieldReader r(body, "", "bad_reply");
  ServerVerdict v;
  GB_ASSIGN_OR_RETURN(v.verdict, r.String("verdict", 1, 32));
  if (v.verdict != "VALID" && v.verdict != "ALREADY_REDEEMED" && v.verdict != "UNKNOWN" &&
      v.verdict != "REFUSED") {
    return BadReply("names an unknown verdict \"" + v.verdict + "\"");
  }
  // Members a verdict may lack are read only when present; a present member
  // of the wrong type is a broken server, not something to guess at.
  auto has = [&](const char* key) { return body.contains(key); };
  if (has("key_id")) {
    GB_ASSIGN_OR_RETURN(uint64_t key_id, r.Uint("key_id", 0, UINT32_MAX));
    v.key_id = static_cast<uint32_t>(key_id);
  }
  if (has("serial")) {
    GB_ASSIGN_OR_RETURN(v.serial, r.Uint("serial", 0, UINT64_MAX));
  }
  if (has("deal_id")) {
    GB_ASSIGN_OR_RETURN(uint64_t deal_id, r.Uint("deal_id", 0, UINT32_MAX));
    v.deal_id = static_cast<uint32_t>(deal_id);
  }
  if (has("redeemed_at")) {
    GB_ASSIGN_OR_RETURN(v.redeemed_at, r.Int("redeemed_at", 0, INT64_MAX));
  }
  if (has("place")) {
    GB_ASSIGN_OR_RETURN(v.place, r.String("place", 0, 128));
  }
  if (has("reason")) {
    GB_ASSIGN_OR_RETURN(v.reason, r.String("reason", 0, 64));
  }
  if (has("message")) {
    GB_ASSIGN_OR_RETURN(v.message, r.String("message", 0, 1024));
  }
  if (has("settlement")) {
    const protocol::FieldReader s(body["settlement"], "settlement", "bad_reply");
    GB_RETURN_IF_ERROR(s.CheckObject({"price", "deposit_paid", "charge", "give_back"}));
    rules::Settlement out;
    GB_ASSIGN_OR_RETURN(out.price, s.Int("price", 0, INT64_MAX));
    GB_ASSIGN_OR_RETURN(out.deposit_paid, s.Int("deposit_paid", 0, INT64_MAX));
    GB_ASSIGN_OR_RETURN(out.charge, s.Int("charge", 0, INT64_MAX));
    GB_ASSIGN_OR_RETURN(out.give_back, s.Int("give_back", 0, INT64_MAX));
    v.settlement = out;
  }
  return v;
}

base::Result<MoneyVerdict> DecodeMoneyVerdict(MoneyCall what, std::string_view text) {
  base::Result<json> parsed = protocol::ParseJson(text);
  if (!parsed.ok() || !parsed->is_object()) return BadReply("is not a JSON object");
  const json& body = *parsed;
  const protocol::FieldReader r(body, "", "bad_reply");
  MoneyVerdict v;
  GB_ASSIGN_OR_RETURN(v.verdict, r.String("verdict", 1, 32));
  const bool deposit = what == MoneyCall::kDeposit;
  const std::string done = deposit ? "PAID" : "REFUNDED";
  const std::string before = deposit ? "ALREADY_PAID" : "ALREADY_REFUNDED";
  if (v.verdict != done && v.verdict != before && v.verdict != "UNKNOWN" &&
      v.verdict != "REFUSED") {
    return BadReply("names a verdict \"" + v.verdict + "\" that " +
                    (deposit ? "a deposit" : "a refund") + " does not have");
  }
  GB_ASSIGN_OR_RETURN(uint64_t key_id, r.Uint("key_id", 0, UINT32_MAX));
  v.key_id = static_cast<uint32_t>(key_id);
  GB_ASSIGN_OR_RETURN(v.serial, r.Uint("serial", 0, UINT64_MAX));
  if (v.verdict == "UNKNOWN") return v;
  // The server sends every member of a verdict (docs/sync-protocol.md): one
  // missing or of the wrong type is a broken server, not a default to guess.
  GB_ASSIGN_OR_RETURN(uint64_t deal_id, r.Uint("deal_id", 1, UINT32_MAX));
  v.deal_id = static_cast<uint32_t>(deal_id);
  if (v.verdict == "REFUSED") {
    GB_ASSIGN_OR_RETURN(v.reason, r.String("reason", 1, 64));
    GB_ASSIGN_OR_RETURN(v.message, r.String("message", 0, 1024));
    return v;
  }
  GB_ASSIGN_OR_RETURN(v.amount_minor, r.Int("amount_minor", 0, INT64_MAX));
  GB_ASSIGN_OR_RETURN(v.at, r.Int("at", 0, INT64_MAX));
  GB_ASSIGN_OR_RETURN(v.place, r.String("place", 0, 64));
  return v;
}

bool IsOffline(const base::Status& status) {
  const std::string& r = status.reason();
  return r == "unreachable" || r == "timeout" || r == "connection_lost" || r == "tls_failed";
}

base::Result<HttpReply> TillClient::Post(const char* target, std::string_view code,
                                         std::string_view place, bool dry_run) {
  const bool is_text = code.starts_with(voucher::kPrefix);
  json body = {{is_text ? "voucher" : "short_code", std::string(code)},
               {"place", std::string(place)}};
  if (dry_run) body["dry_run"] = true;
  HttpRequest request{"POST", target, body.dump()};
  request.staff_session = staff_session_;
  base::Result<HttpReply> sent = transport_->Send(request);
  // Another certificate than the pinned one is the alarm, never "offline".
  if (!sent.ok()) return AsIdentityAlarm(sent.status());
  HttpReply reply = std::move(sent).value();
  if (reply.status != 200) return FromErrorReply(reply);
  return reply;
}

base::Result<StaffGrant> TillClient::SignIn(std::string_view name, std::string_view pin) {
  json body = {{"name", std::string(name)}, {"pin", std::string(pin)}};
  base::Result<HttpReply> sent = transport_->Send({"POST", "/v1/staff/session", body.dump()});
  if (!sent.ok()) return AsIdentityAlarm(sent.status());
  HttpReply reply = std::move(sent).value();
  if (reply.status != 200) return FromErrorReply(reply);
  base::Result<json> parsed = protocol::ParseJson(reply.body);
  if (!parsed.ok() || !parsed->is_object()) return BadReply("is not a JSON object");
  const protocol::FieldReader r(*parsed, "", "bad_reply");
  StaffGrant grant;
  GB_ASSIGN_OR_RETURN(grant.session, r.String("session", 64, 64));
  GB_ASSIGN_OR_RETURN(grant.role, r.String("role", 1, 32));
  return grant;
}

base::Result<ServerVerdict> TillClient::Redeem(std::string_view code, std::string_view place,
                                               bool dry_run) {
  GB_ASSIGN_OR_RETURN(HttpReply reply, Post("/v1/redeem", code, place, dry_run));
  return DecodeServerVerdict(reply.body);
}

base::Result<MoneyVerdict> TillClient::Deposit(std::string_view code, std::string_view place,
                                               bool dry_run) {
  GB_ASSIGN_OR_RETURN(HttpReply reply, Post("/v1/deposit", code, place, dry_run));
  return DecodeMoneyVerdict(MoneyCall::kDeposit, reply.body);
}

base::Result<MoneyVerdict> TillClient::Refund(std::string_view code, std::string_view place,
                                              bool dry_run) {
  GB_ASSIGN_OR_RETURN(HttpReply reply, Post("/v1/refund", code, place, dry_run));
  return DecodeMoneyVerdict(MoneyCall::kRefund, reply.body);
}

}  // namespace gb::sync_client
