// The "server_identity" event: a kiosk tells its store that, between
// first_at and last_at, a server at the store's address presented a
// certificate other than the one pinned at enrolment (`mismatches` times),
// and that the store's own certificate has been seen again (the event is
// written when the kiosk's alarm clears, so it travels over that good
// connection). docs/sync-protocol.md, "server_identity". Nothing about people.
//
//   {"first_at": 1765130000, "last_at": 1765130420, "mismatches": 37}
//
// first_at <= last_at, Unix seconds (0..2^53); mismatches 1..1e9.
// Pure; thread-compatible.
#pragma once

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace gb::protocol {

inline constexpr std::string_view kServerIdentity = "server_identity";

struct ServerIdentityPayload {
  int64_t first_at = 0;
  int64_t last_at = 0;
  int64_t mismatches = 1;

  bool operator==(const ServerIdentityPayload&) const = default;
};

// A kiosk's latest report as its store keeps it, shows it in GET /v1/tallies
// ("identity_alarms") and reports it to its head office (tallies_event.h).
struct IdentityAlarm {
  std::string kiosk_id;
  int64_t first_at = 0;
  int64_t last_at = 0;
  int64_t mismatches = 1;
  int64_t reported_at = 0;  // when the store received it, by the store's clock

  bool operator==(const IdentityAlarm&) const = default;
};

nlohmann::json ToJson(const ServerIdentityPayload& p);
// [{"kiosk_id", "first_at", "last_at", "mismatches", "reported_at"}, ...].
nlohmann::json IdentityAlarmsJson(const std::vector<IdentityAlarm>& alarms);
// The same, as a store's tallies snapshot carries it ("<path>[i].<field>"
// named; at most max_items, each kiosk once).
base::Result<std::vector<IdentityAlarm>> ParseIdentityAlarms(const nlohmann::json& j,
                                                             const std::string& path,
                                                             size_t max_items);
// InvalidArgument "bad_payload" naming the field.
base::Result<ServerIdentityPayload> ParseServerIdentityPayload(const nlohmann::json& payload,
                                                               const std::string& path);

}  // namespace gb::protocol
