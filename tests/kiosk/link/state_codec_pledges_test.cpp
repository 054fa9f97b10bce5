// DecodeState's "pledges" member: the store's changes to this kiosk's own
// pledges, a server that sends none, and malformed entries named by path.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "kiosk/link/state_codec.h"

namespace gb::link {
namespace {

using nlohmann::json;

json Body(json pledges) {
  json b = {{"revision", 9}, {"since", 0}, {"deals", json::array()}, {"kiosks", json::array()}};
  if (!pledges.is_null()) b["pledges"] = std::move(pledges);
  return b;
}

json Redeemed() {
  return {{"key_id", 3},       {"serial", 17},
          {"deal_id", 42},     {"state", "redeemed"},
          {"rev", 8},          {"deposit", {{"amount", 5990}, {"at", 1000}, {"place", "till-b"}}},
          {"refund", nullptr}, {"redemption", {{"at", 2000}, {"place", "Till B"}}}};
}

TEST(StateCodecPledgesTest, EntriesAreRead) {
  json cancelled = {{"key_id", 3},
                    {"serial", 18},
                    {"deal_id", 42},
                    {"state", "cancelled"},
                    {"rev", 9},
                    {"deposit", {{"amount", 5990}, {"at", nullptr}, {"place", ""}}},
                    {"refund", {{"amount", 5990}, {"at", 3000}, {"place", "till-c"}}}};
  auto s = DecodeState(Body(json::array({Redeemed(), cancelled})).dump(), "kiosk-a");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->pledges.size(), 2u);
  ledger::StorePledge want;
  want.key_id = 3;
  want.serial = 17;
  want.deal_id = 42;
  want.state = rules::PledgeState::kRedeemed;
  want.rev = 8;
  want.deposit_amount = 5990;
  want.deposit_at = 1000;
  want.deposit_place = "till-b";
  want.redeemed_at = 2000;
  want.redeemed_place = "Till B";
  EXPECT_EQ(s->pledges[0], want);
  const ledger::StorePledge& c = s->pledges[1];
  EXPECT_EQ(c.state, rules::PledgeState::kCancelled);
  EXPECT_EQ(c.deposit_amount, 5990);
  EXPECT_FALSE(c.deposit_at.has_value());  // taken before the store kept times
  EXPECT_EQ(c.refunded_at, 3000);
  EXPECT_EQ(c.refund_amount, 5990);
  EXPECT_EQ(c.refund_place, "till-c");
  EXPECT_FALSE(c.redeemed_at.has_value());  // "redemption" absent: not redeemed
}

TEST(StateCodecPledgesTest, AServerWithoutPledgesSendsNone) {
  auto s = DecodeState(Body(nullptr).dump(), "kiosk-a");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE(s->pledges.empty());
}

TEST(StateCodecPledgesTest, BadEntriesAreNamed) {
  struct Case {
    const char* pointer;  // the member to replace
    json value;
    const char* message;
  };
  const Case cases[] = {
      {"/key_id", -1, "pledges[1].key_id must be an integer >= 0"},
      {"/key_id", 4294967296LL, "pledges[1].key_id must be below 2^32"},
      {"/serial", "17", "pledges[1].serial must be an integer >= 0"},
      {"/deal_id", nullptr, "pledges[1].deal_id must be an integer >= 0"},
      {"/state", 3, "pledges[1].state must be a string"},
      {"/rev", -5, "pledges[1].rev must be an integer >= 0"},
      {"/deposit", "paid", "pledges[1].deposit must be null or an object"},
      {"/deposit/amount", 0, "pledges[1].deposit.amount must be above 0"},
      {"/deposit/at", "noon", "pledges[1].deposit.at must be null or an integer"},
      {"/deposit/place", 7, "pledges[1].deposit.place must be a string of at most 128 bytes"},
      {"/refund", json::object(), "pledges[1].refund.amount must be an integer >= 0"},
      {"/redemption/at", nullptr, "pledges[1].redemption.at must be an integer >= 0"},
      {"/redemption/place", std::string(129, 'x'),
       "pledges[1].redemption.place must be a string of at most 128 bytes"},
  };
  for (const Case& c : cases) {
    json bad = Redeemed();
    bad[json::json_pointer(c.pointer)] = c.value;
    auto s = DecodeState(Body(json::array({Redeemed(), bad})).dump(), "kiosk-a");
    ASSERT_FALSE(s.ok()) << c.pointer;
    EXPECT_EQ(s.status().reason(), "bad_state") << c.pointer;
    EXPECT_EQ(s.status().message(), c.message) << c.pointer;
  }
  // An unknown state is the rules' reason, with the member's path.
  json unknown = Redeemed();
  unknown["state"] = "melted";
  auto s = DecodeState(Body(json::array({unknown})).dump(), "kiosk-a");
  ASSERT_FALSE(s.ok());
  EXPECT_NE(s.status().ToString().find("pledges[0].state"), std::string::npos)
      << s.status().ToString();
  // Not an array, not an object.
  EXPECT_EQ(DecodeState(Body(json::object()).dump(), "kiosk-a").status().message(),
            "state.pledges must be an array");
  EXPECT_EQ(DecodeState(Body(json::array({5})).dump(), "kiosk-a").status().message(),
            "pledges[0] must be an object");
}

}  // namespace
}  // namespace gb::link
