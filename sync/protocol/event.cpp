#include "sync/protocol/event.h"

#include <limits>

#include "core/base/text.h"
#include "core/voucher/codec.h"
#include "sync/protocol/json_reader.h"
#include "sync/protocol/printer_event.h"
#include "sync/protocol/server_identity_event.h"
#include "sync/protocol/tallies_event.h"

namespace gb::protocol {
namespace {

using nlohmann::json;

constexpr int64_t kMaxInt = std::numeric_limits<int64_t>::max();
constexpr uint32_t kMaxU32 = std::numeric_limits<uint32_t>::max();
constexpr uint64_t kMaxU64 = std::numeric_limits<uint64_t>::max();
// The voucher text is a fixed 151 characters; a little slack lets Parse name
// the real problem ("wrong_length", "bad_prefix") instead of a size error.
constexpr size_t kMaxVoucherBytes = 512;

// The optional "staff" member: absent means "" (a kiosk older than staff
// names in events); present, it must be a real name, never "".
// The store's own rule for staff names (sync/store/staff.cpp) holds here too:
// the name reaches the dashboards and report.csv.
base::Result<std::string> OptionalStaff(const json& payload, const FieldReader& r) {
  if (!payload.contains("staff")) return std::string();
  GB_ASSIGN_OR_RETURN(std::string name, r.String("staff", 1, kMaxStaffBytes));
  if (!base::CheckText("staff", name, {.max_bytes = kMaxStaffBytes}).ok()) {
    return r.Error("staff", "must be a name without control characters");
  }
  return name;
}

bool IsLowerHex(std::string_view s) {
  for (char c : s) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

}  // namespace

json ToJson(const SignUpPayload& p) {
  return {{"origin", p.origin},       {"key_id", p.key_id},   {"serial", p.serial},
          {"deal_id", p.deal_id},     {"voucher", p.voucher}, {"phone_hash", p.phone_hash},
          {"joined_at", p.joined_at}, {"state", p.state},     {"offline", p.offline}};
}

json ToJson(const CancelPayload& p) {
  return {{"key_id", p.key_id}, {"serial", p.serial}, {"at", p.at}};
}

json ToJson(const DepositPayload& p) {
  json j = {{"key_id", p.key_id},
            {"serial", p.serial},
            {"amount", p.amount},
            {"at", p.at},
            {"till", p.till}};
  if (!p.staff.empty()) j["staff"] = p.staff;
  return j;
}

json ToJson(const RedeemPayload& p) {
  json j = {{"key_id", p.key_id},
            {"serial", p.serial},
            {"at", p.at},
            {"place", p.place},
            {"offline", p.offline}};
  if (!p.staff.empty()) j["staff"] = p.staff;
  return j;
}

base::Result<SignUpPayload> ParseSignUpPayload(const json& payload, const std::string& path,
                                               std::string_view batch_origin) {
  FieldReader r(payload, path, "bad_payload");
  GB_RETURN_IF_ERROR(r.CheckObject({"origin", "key_id", "serial", "deal_id", "voucher",
                                    "phone_hash", "joined_at", "state", "offline"}));
  SignUpPayload p;
  GB_ASSIGN_OR_RETURN(p.origin, r.String("origin", 1, kMaxOriginBytes));
  // The batch is authenticated as one origin (later); an event claiming
  // another would let one kiosk write into another's sequence.
  if (p.origin != batch_origin) return r.Error("origin", "must equal the batch origin");
  GB_ASSIGN_OR_RETURN(uint64_t key_id, r.Uint("key_id", 0, kMaxU32));
  p.key_id = static_cast<uint32_t>(key_id);
  GB_ASSIGN_OR_RETURN(p.serial, r.Uint("serial", 1, kMaxU64));
  GB_ASSIGN_OR_RETURN(uint64_t deal_id, r.Uint("deal_id", 0, kMaxU32));
  p.deal_id = static_cast<uint32_t>(deal_id);
  GB_ASSIGN_OR_RETURN(p.voucher, r.String("voucher", 1, kMaxVoucherBytes));
  GB_ASSIGN_OR_RETURN(p.phone_hash, r.String("phone_hash", 64, 64));
  if (!IsLowerHex(p.phone_hash)) return r.Error("phone_hash", "must be 64 lower-case hex digits");
  GB_ASSIGN_OR_RETURN(p.joined_at, r.Int("joined_at", 0, kMaxInt));
  GB_ASSIGN_OR_RETURN(p.state, r.String("state", 1, 16));
  if (p.state != "active" && p.state != "reserved") {
    return r.Error("state", "must be \"active\" or \"reserved\"");
  }
  GB_ASSIGN_OR_RETURN(p.offline, r.Bool("offline"));

  // The server keys pledges by the payload's fields but counts and redeems
  // by the voucher: the two must not be able to disagree.
  auto parsed = voucher::Parse(p.voucher);
  if (!parsed.ok()) {
    return r.Error("voucher", "is not a GB1 voucher (" + parsed.status().ToString() + ")");
  }
  const voucher::Body& body = parsed->body;
  if (body.key_id != p.key_id) return r.Error("key_id", "differs from the voucher's key id");
  if (body.serial != p.serial) return r.Error("serial", "differs from the voucher's serial");
  if (body.deal_id != p.deal_id) return r.Error("deal_id", "differs from the voucher's deal id");
  if (body.offline() != p.offline) {
    return r.Error("offline", "differs from the voucher's offline flag");
  }
  return p;
}

base::Result<CancelPayload> ParseCancelPayload(const json& payload, const std::string& path) {
  FieldReader r(payload, path, "bad_payload");
  GB_RETURN_IF_ERROR(r.CheckObject({"key_id", "serial", "at"}));
  CancelPayload p;
  GB_ASSIGN_OR_RETURN(uint64_t key_id, r.Uint("key_id", 0, kMaxU32));
  p.key_id = static_cast<uint32_t>(key_id);
  GB_ASSIGN_OR_RETURN(p.serial, r.Uint("serial", 1, kMaxU64));
  GB_ASSIGN_OR_RETURN(p.at, r.Int("at", 0, kMaxInt));
  return p;
}

base::Result<DepositPayload> ParseDepositPayload(const json& payload, const std::string& path) {
  FieldReader r(payload, path, "bad_payload");
  GB_RETURN_IF_ERROR(r.CheckObject({"key_id", "serial", "amount", "at", "till", "staff"}));
  DepositPayload p;
  GB_ASSIGN_OR_RETURN(uint64_t key_id, r.Uint("key_id", 0, kMaxU32));
  p.key_id = static_cast<uint32_t>(key_id);
  GB_ASSIGN_OR_RETURN(p.serial, r.Uint("serial", 1, kMaxU64));
  GB_ASSIGN_OR_RETURN(p.amount, r.Int("amount", 1, kMaxInt));
  GB_ASSIGN_OR_RETURN(p.at, r.Int("at", 0, kMaxInt));
  GB_ASSIGN_OR_RETURN(p.till, r.String("till", 1, kMaxTillBytes));
  GB_ASSIGN_OR_RETURN(p.staff, OptionalStaff(payload, r));
  return p;
}

base::Result<RedeemPayload> ParseRedeemPayload(const json& payload, const std::string& path) {
  FieldReader r(payload, path, "bad_payload");
  GB_RETURN_IF_ERROR(r.CheckObject({"key_id", "serial", "at", "place", "offline", "staff"}));
  RedeemPayload p;
  GB_ASSIGN_OR_RETURN(uint64_t key_id, r.Uint("key_id", 0, kMaxU32));
  p.key_id = static_cast<uint32_t>(key_id);
  GB_ASSIGN_OR_RETURN(p.serial, r.Uint("serial", 1, kMaxU64));
  GB_ASSIGN_OR_RETURN(p.at, r.Int("at", 0, kMaxInt));
  GB_ASSIGN_OR_RETURN(p.place, r.String("place", 1, kMaxPlaceBytes));
  GB_ASSIGN_OR_RETURN(p.offline, r.Bool("offline"));
  GB_ASSIGN_OR_RETURN(p.staff, OptionalStaff(payload, r));
  return p;
}

base::Result<RefundPayload> ParseRefundPayload(const json& payload, const std::string& path) {
  return ParseDepositPayload(payload, path);
}

base::Status ValidatePayload(const Event& event, const std::string& event_path) {
  const std::string path = event_path + ".payload";
  // Each parser is run for its checks only; the envelope keeps the JSON so
  // the server stores exactly what the kiosk sent.
  if (event.type == kSignUp) return ParseSignUpPayload(event.payload, path, event.origin).status();
  if (event.type == kCancel) return ParseCancelPayload(event.payload, path).status();
  if (event.type == kDeposit) return ParseDepositPayload(event.payload, path).status();
  if (event.type == kRedeem) return ParseRedeemPayload(event.payload, path).status();
  if (event.type == kRefund) return ParseRefundPayload(event.payload, path).status();
  if (event.type == kTallies) return ParseTalliesPayload(event.payload, path).status();
  if (event.type == kPrinter) return ParsePrinterPayload(event.payload, path).status();
  if (event.type == kServerIdentity) {
    return ParseServerIdentityPayload(event.payload, path).status();
  }
  return base::Status::InvalidArgument(
      "unknown_event_type", event_path +
                                ".type is not a known event type "
                                "(sign_up, cancel, deposit, redeem, refund, tallies, printer, "
                                "server_identity)");
}

}  // namespace gb::protocol
