// DecodeState: the server's /v1/state body as the ledger takes it, with this
// kiosk's own share taken out of the totals.
#include "kiosk/link/state_codec.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/rules/deal_json.h"
#include "tests/core/rules/sample_deal.h"

namespace gb::link {
namespace {

using nlohmann::json;

constexpr const char* kPem =
    "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n";

json Body() {
  return {{"revision", 9},
          {"since", 0},
          {"deals", json::array({{{"deal", rules::DealToJson(rules::testing::SampleDeal())},
                                  {"state", "unlocked"},
                                  {"committed", 12},
                                  {"reserved", 3},
                                  {"by_kiosk",
                                   {{"kiosk-a", {{"committed", 5}, {"reserved", 1}}},
                                    {"kiosk-b", {{"committed", 7}, {"reserved", 2}}}}},
                                  {"rev", 9}}})},
          {"kiosks", json::array({{{"kiosk_id", "kiosk-b"},
                                   {"key_id", 2},
                                   {"public_key", kPem},
                                   {"revoked_at", nullptr}}})}};
}

TEST(StateCodecTest, TheKiosksOwnShareIsTakenOutOfTheTotals) {
  auto s = DecodeState(Body().dump(), "kiosk-a");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->revision, 9);
  ASSERT_EQ(s->deals.size(), 1u);
  EXPECT_EQ(s->deals[0].deal.id, 42u);
  EXPECT_EQ(s->deals[0].state, rules::DealState::kUnlocked);
  EXPECT_EQ(s->deals[0].others, (rules::Tally{7, 2}));
  ASSERT_EQ(s->kiosks.size(), 1u);
  EXPECT_EQ(s->kiosks[0], (ledger::StoreKiosk{"kiosk-b", 2, kPem, std::nullopt, std::nullopt, ""}));
}

TEST(StateCodecTest, ASuspendedKioskIsReadWithWhenAndWhy) {
  json b = Body();
  b["kiosks"][0]["suspended"] = true;
  b["kiosks"][0]["suspended_at"] = 1'767'225'600;
  b["kiosks"][0]["suspend_reason"] = "serial_reuse";
  auto s = DecodeState(b.dump(), "kiosk-a");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->kiosks[0].suspended_at, 1'767'225'600);
  EXPECT_EQ(s->kiosks[0].suspend_reason, "serial_reuse");
  b["kiosks"][0]["suspended"] = false;  // lifted: when and why are not read
  s = DecodeState(b.dump(), "kiosk-a");
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->kiosks[0].suspended_at.has_value());
  b["kiosks"][0]["suspended"] = "yes";
  EXPECT_EQ(DecodeState(b.dump(), "kiosk-a").status().reason(), "bad_state");
  b["kiosks"][0]["suspended"] = true;
  b["kiosks"][0].erase("suspended_at");
  auto bad = DecodeState(b.dump(), "kiosk-a");
  EXPECT_NE(bad.status().message().find("kiosks[0].suspended_at"), std::string::npos)
      << bad.status().ToString();
}

TEST(StateCodecTest, AKioskTheServerHasNotHeardFromGetsTheWholeTotal) {
  auto s = DecodeState(Body().dump(), "kiosk-new");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(s->deals[0].others, (rules::Tally{12, 3}));
}

TEST(StateCodecTest, UnknownMembersAreIgnored) {
  json b = Body();
  b["future"] = 1;
  b["deals"][0]["future"] = "x";
  EXPECT_TRUE(DecodeState(b.dump(), "kiosk-a").ok());
}

TEST(StateCodecTest, BadBodiesNameTheMember) {
  struct Case {
    std::function<void(json&)> spoil;
    std::string reason;
    std::string names;
  };
  const std::vector<Case> cases = {
      {[](json& b) { b.erase("revision"); }, "bad_state", "state.revision"},
      {[](json& b) { b["revision"] = -1; }, "bad_state", "state.revision"},
      {[](json& b) { b["deals"] = 3; }, "bad_state", "state.deals"},
      {[](json& b) { b["deals"][0]["committed"] = "12"; }, "bad_state", "deals[0].committed"},
      {[](json& b) { b["deals"][0]["by_kiosk"]["kiosk-a"] = 5; }, "bad_state",
       "deals[0].by_kiosk.kiosk-a"},
      {[](json& b) { b["deals"][0].erase("by_kiosk"); }, "bad_state", "deals[0].by_kiosk"},
      {[](json& b) { b["deals"][0]["state"] = "melted"; }, "", "deals[0].state"},
      {[](json& b) { b["deals"][0]["deal"]["tiers"] = json::array(); }, "", "deals[0].deal"},
      {[](json& b) { b["kiosks"][0]["public_key"] = "nope"; }, "bad_state", "kiosks[0].public_key"},
      {[](json& b) { b["kiosks"][0]["key_id"] = int64_t{1} << 40; }, "bad_state",
       "kiosks[0].key_id"},
      {[](json& b) { b["kiosks"][0]["revoked_at"] = "soon"; }, "bad_state", "kiosks[0].revoked_at"},
  };
  for (const Case& c : cases) {
    json b = Body();
    c.spoil(b);
    auto s = DecodeState(b.dump(), "kiosk-a");
    ASSERT_FALSE(s.ok()) << c.names;
    if (!c.reason.empty()) {
      EXPECT_EQ(s.status().reason(), c.reason) << c.names;
    }
    EXPECT_NE(s.status().ToString().find(c.names), std::string::npos) << s.status().ToString();
  }
}

TEST(StateCodecTest, NotJsonIsBadJson) {
  EXPECT_EQ(DecodeState("{\"revision\":", "kiosk-a").status().reason(), "bad_json");
  EXPECT_EQ(DecodeState("[1]", "kiosk-a").status().reason(), "bad_state");
}

TEST(StateCodecTest, LeasesAreReadWhenSentAndLeftAloneWhenNot) {
  auto none = DecodeState(Body().dump(), "kiosk-a");
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->leases.has_value());  // an older server: keep what the kiosk has
  json b = Body();
  b["leases"] = json::array();
  auto empty = DecodeState(b.dump(), "kiosk-a");
  ASSERT_TRUE(empty.ok());
  ASSERT_TRUE(empty->leases.has_value());
  EXPECT_TRUE(empty->leases->empty());  // no lease on anything now
  b["leases"] =
      json::array({{{"deal_id", 42}, {"seats", 3}, {"expires_at", 1'700'000'600}, {"used", 1}}});
  auto one = DecodeState(b.dump(), "kiosk-a");
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  ASSERT_EQ(one->leases->size(), 1u);
  EXPECT_EQ((*one->leases)[0], (ledger::StoreLease{rules::Lease{42, 3, 1'700'000'600}, 1}));
}

TEST(StateCodecTest, ABadLeaseNamesItsMember) {
  json b = Body();
  b["leases"] = json::array({{{"deal_id", 42}, {"seats", -1}, {"expires_at", 5}}});
  auto s = DecodeState(b.dump(), "kiosk-a");
  EXPECT_EQ(s.status().reason(), "bad_state");
  EXPECT_NE(s.status().message().find("leases[0].seats"), std::string::npos);
  b["leases"] = json::object();
  EXPECT_EQ(DecodeState(b.dump(), "kiosk-a").status().reason(), "bad_state");
}

}  // namespace
}  // namespace gb::link
