#include "sync/protocol/server_identity_event.h"

#include "sync/protocol/json_reader.h"

namespace gb::protocol {
namespace {

using nlohmann::json;

// Times a dashboard's JavaScript can hold exactly.
constexpr int64_t kMaxTime = int64_t{1} << 53;

// first_at, last_at and mismatches of an event or of a store's report.
base::Status ReadIncident(const FieldReader& r, ServerIdentityPayload& p) {
  GB_ASSIGN_OR_RETURN(p.first_at, r.Int("first_at", 0, kMaxTime));
  GB_ASSIGN_OR_RETURN(p.last_at, r.Int("last_at", 0, kMaxTime));
  if (p.last_at < p.first_at) return r.Error("last_at", "must not be before first_at");
  GB_ASSIGN_OR_RETURN(p.mismatches, r.Int("mismatches", 1, 1'000'000'000));
  return base::Status::Ok();
}

}  // namespace

json ToJson(const ServerIdentityPayload& p) {
  return {{"first_at", p.first_at}, {"last_at", p.last_at}, {"mismatches", p.mismatches}};
}

base::Result<ServerIdentityPayload> ParseServerIdentityPayload(const json& payload,
                                                               const std::string& path) {
  FieldReader r(payload, path, "bad_payload");
  GB_RETURN_IF_ERROR(r.CheckObject({"first_at", "last_at", "mismatches"}));
  ServerIdentityPayload p;
  GB_RETURN_IF_ERROR(ReadIncident(r, p));
  return p;
}

json IdentityAlarmsJson(const std::vector<IdentityAlarm>& alarms) {
  json out = json::array();
  for (const IdentityAlarm& a : alarms) {
    out.push_back({{"kiosk_id", a.kiosk_id},
                   {"first_at", a.first_at},
                   {"last_at", a.last_at},
                   {"mismatches", a.mismatches},
                   {"reported_at", a.reported_at}});
  }
  return out;
}

base::Result<std::vector<IdentityAlarm>> ParseIdentityAlarms(const json& j,
                                                             const std::string& path,
                                                             size_t max_items) {
  if (!j.is_array()) return base::Status::InvalidArgument("bad_payload", path + " must be an array");
  if (j.size() > max_items) {
    return base::Status::InvalidArgument(
        "bad_payload", path + " has more than " + std::to_string(max_items) + " kiosks");
  }
  std::vector<IdentityAlarm> out;
  for (size_t i = 0; i < j.size(); ++i) {
    FieldReader k(j[i], path + "[" + std::to_string(i) + "]", "bad_payload");
    GB_RETURN_IF_ERROR(
        k.CheckObject({"kiosk_id", "first_at", "last_at", "mismatches", "reported_at"}));
    IdentityAlarm a;
    GB_ASSIGN_OR_RETURN(a.kiosk_id, k.String("kiosk_id", 1, 64));
    ServerIdentityPayload p;
    GB_RETURN_IF_ERROR(ReadIncident(k, p));
    a.first_at = p.first_at;
    a.last_at = p.last_at;
    a.mismatches = p.mismatches;
    GB_ASSIGN_OR_RETURN(a.reported_at, k.Int("reported_at", 0, kMaxTime));
    for (const IdentityAlarm& seen : out) {
      if (seen.kiosk_id == a.kiosk_id) return k.Error("kiosk_id", "appears twice");
    }
    out.push_back(std::move(a));
  }
  return out;
}

}  // namespace gb::protocol
