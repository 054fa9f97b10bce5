// The "server_identity" event's payload and the "identity_alarms" part of a
// store's tallies snapshot: what parses, and what is refused, field named.
#include <gtest/gtest.h>

#include "sync/protocol/event.h"
#include "sync/protocol/server_identity_event.h"
#include "sync/protocol/tallies_event.h"

namespace gb::protocol {
namespace {

using nlohmann::json;

TEST(ServerIdentityEventTest, AnIncidentRoundTrips) {
  const ServerIdentityPayload p{1000, 1420, 37};
  auto back = ParseServerIdentityPayload(ToJson(p), "payload");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, p);
  EXPECT_TRUE(ValidatePayload(Event{"kiosk-1", 1, "server_identity", 1500, ToJson(p)}, "e").ok());
}

TEST(ServerIdentityEventTest, BadPayloadsNameTheField) {
  const std::vector<std::pair<json, std::string>> bad = {
      {json{{"first_at", 10}, {"last_at", 5}, {"mismatches", 1}}, "payload.last_at"},
      {json{{"first_at", -1}, {"last_at", 5}, {"mismatches", 1}}, "payload.first_at"},
      {json{{"first_at", 1}, {"last_at", 5}, {"mismatches", 0}}, "payload.mismatches"},
      {json{{"first_at", 1}, {"last_at", 5}}, "payload.mismatches"},
      {json{{"first_at", 1}, {"last_at", "5"}, {"mismatches", 1}}, "payload.last_at"},
      {json{{"first_at", 1}, {"last_at", 5}, {"mismatches", 1}, {"phone", "+49"}}, "phone"},
      {json::array(), "payload"},
  };
  for (const auto& [payload, field] : bad) {
    auto r = ParseServerIdentityPayload(payload, "payload");
    ASSERT_FALSE(r.ok()) << payload.dump();
    EXPECT_EQ(r.status().reason(), "bad_payload") << payload.dump();
    EXPECT_NE(r.status().message().find(field), std::string::npos)
        << payload.dump() << ": " << r.status().message();
  }
}

TEST(ServerIdentityEventTest, TalliesCarryAlarmsOnlyWhenThereAreSome) {
  TalliesPayload p;
  p.kiosks = KioskHealth{2, {}, {}, {}};
  EXPECT_FALSE(ToJson(p)["kiosks"].contains("identity_alarms"));  // a head office before them
  p.kiosks->identity_alarms = {{"kiosk-a", 100, 160, 4, 200}, {"kiosk-b", 90, 90, 1, 210}};
  json j = ToJson(p);
  ASSERT_EQ(j["kiosks"]["identity_alarms"].size(), 2u);
  auto back = ParseTalliesPayload(j, "payload");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->kiosks->identity_alarms, p.kiosks->identity_alarms);
  j["kiosks"]["identity_alarms"][1]["kiosk_id"] = "kiosk-a";
  auto twice = ParseTalliesPayload(j, "payload");
  ASSERT_FALSE(twice.ok());
  EXPECT_NE(twice.status().message().find("appears twice"), std::string::npos);
  j["kiosks"]["identity_alarms"][1]["kiosk_id"] = "kiosk-b";
  j["kiosks"]["identity_alarms"][1]["last_at"] = 10;
  auto backwards = ParseTalliesPayload(j, "payload");
  ASSERT_FALSE(backwards.ok());
  EXPECT_NE(backwards.status().message().find("identity_alarms[1].last_at"), std::string::npos)
      << backwards.status().message();
  j["kiosks"]["identity_alarms"] = "none";
  EXPECT_FALSE(ParseTalliesPayload(j, "payload").ok());
}

}  // namespace
}  // namespace gb::protocol
