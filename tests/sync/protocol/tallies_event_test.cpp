#include "sync/protocol/tallies_event.h"

#include <gtest/gtest.h>

#include "sync/protocol/event.h"

namespace gb::protocol {
namespace {

using nlohmann::json;

TalliesPayload Sample() {
  TalliesPayload p;
  p.deals.push_back({7, "Sofa Oslo", true, "open", 3, 1, 1, 2, 59900});
  p.deals.push_back({9, "Lamp", false, "unlocked", 10, 0, 4, 0, 1990});
  return p;
}

TEST(TalliesEventTest, RoundTrips) {
  const TalliesPayload p = Sample();
  auto back = ParseTalliesPayload(ToJson(p), "events[0].payload");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, p);
}

TEST(TalliesEventTest, HeldSeatsRoundTripAndAreLeftOutWhenNone) {
  TalliesPayload p = Sample();
  p.deals[0].held = 5;  // a capped chain-wide deal
  const json j = ToJson(p);
  EXPECT_EQ(j["deals"][0]["held"], 5);
  EXPECT_FALSE(j["deals"][1].contains("held"));  // as an older store sends it
  auto back = ParseTalliesPayload(j, "p");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, p);
}

TEST(TalliesEventTest, KioskHealthRoundTripsAndIsOptional) {
  TalliesPayload p = Sample();
  EXPECT_FALSE(ToJson(p).contains("kiosks"));  // an older store's snapshot
  p.kiosks = KioskHealth{3, {{"kiosk-1a2b3c", 1764719000}, {"kiosk-4d5e6f", std::nullopt}}, {}, {}};
  const json j = ToJson(p);
  EXPECT_EQ(j["kiosks"]["offline"][1]["since"], nullptr);
  auto back = ParseTalliesPayload(j, "p");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(*back, p);
}

TEST(TalliesEventTest, RefusesBadKioskHealthNamingTheField) {
  struct Case {
    json kiosks;
    const char* field;
  };
  const Case cases[] = {
      {json{{"enrolled", -1}, {"offline", json::array()}}, "p.kiosks.enrolled"},
      {json{{"enrolled", 1}}, "p.kiosks.offline"},
      {json{{"enrolled", 1}, {"offline", json::array({{{"kiosk_id", ""}, {"since", 5}}})}},
       "p.kiosks.offline[0].kiosk_id"},
      {json{{"enrolled", 1}, {"offline", json::array({{{"kiosk_id", "k"}}})}},
       "p.kiosks.offline[0].since"},
      {json{{"enrolled", 1}, {"offline", json::array({{{"kiosk_id", "k"}, {"since", "x"}}})}},
       "p.kiosks.offline[0].since"},
      {json{{"enrolled", 1},
            {"offline", json::array({{{"kiosk_id", "k"}, {"since", 1}, {"phone", "+49"}}})}},
       "phone"},
      {json{{"enrolled", 2},
            {"offline", json::array({{{"kiosk_id", "k"}, {"since", 1}},
                                     {{"kiosk_id", "k"}, {"since", nullptr}}})}},
       "p.kiosks.offline[1].kiosk_id"},
  };
  for (const Case& c : cases) {
    json payload = ToJson(Sample());
    payload["kiosks"] = c.kiosks;
    auto r = ParseTalliesPayload(payload, "p");
    ASSERT_FALSE(r.ok()) << c.kiosks.dump();
    EXPECT_EQ(r.status().reason(), "bad_payload");
    EXPECT_NE(r.status().message().find(c.field), std::string::npos) << r.status().message();
  }
}

TEST(TalliesEventTest, AnEmptySnapshotIsValid) {
  auto back = ParseTalliesPayload(json{{"deals", json::array()}}, "p");
  ASSERT_TRUE(back.ok());
  EXPECT_TRUE(back->deals.empty());
}

TEST(TalliesEventTest, ValidatePayloadKnowsTheType) {
  Event e{"store-1", 5, std::string(kTallies), 100, ToJson(Sample())};
  EXPECT_TRUE(ValidatePayload(e, "events[0]").ok());
  e.payload["deals"][0]["committed"] = -1;
  base::Status s = ValidatePayload(e, "events[0]");
  EXPECT_EQ(s.reason(), "bad_payload");
  EXPECT_NE(s.message().find("events[0].payload.deals[0].committed"), std::string::npos)
      << s.message();
}

struct BadCase {
  const char* what;
  json payload;
  const char* field;  // expected in the message
};

TEST(TalliesEventTest, RefusesBadSnapshotsNamingTheField) {
  json good = ToJson(Sample());
  std::vector<BadCase> cases;
  cases.push_back({"not an object", json::array(), "p"});
  cases.push_back({"no deals", json::object(), "p.deals"});
  json unknown = good;
  unknown["extra"] = 1;
  cases.push_back({"unknown member", unknown, "extra"});
  json twice = good;
  twice["deals"][1]["deal_id"] = 7;
  cases.push_back({"a deal twice", twice, "p.deals[1].deal_id"});
  json state = good;
  state["deals"][0]["state"] = "melted";
  cases.push_back({"bad state", state, "p.deals[0].state"});
  json zero = good;
  zero["deals"][0]["deal_id"] = 0;
  cases.push_back({"deal 0", zero, "p.deals[0].deal_id"});
  json huge = good;
  huge["deals"][0]["reserved"] = 2'000'000'000;
  cases.push_back({"huge count", huge, "p.deals[0].reserved"});
  json held = good;
  held["deals"][0]["held"] = -1;
  cases.push_back({"negative held", held, "p.deals[0].held"});
  json text = good;
  text["deals"][0]["price"] = "12";
  cases.push_back({"price as text", text, "p.deals[0].price"});
  json long_title = good;
  long_title["deals"][0]["title"] = std::string(300, 'x');
  cases.push_back({"long title", long_title, "p.deals[0].title"});
  json many = {{"deals", json::array()}};
  for (size_t i = 0; i <= kMaxTallyDeals; ++i) many["deals"].push_back(good["deals"][0]);
  cases.push_back({"too many deals", many, "p.deals"});
  for (const BadCase& c : cases) {
    auto r = ParseTalliesPayload(c.payload, "p");
    ASSERT_FALSE(r.ok()) << c.what;
    EXPECT_EQ(r.status().reason(), "bad_payload") << c.what;
    EXPECT_NE(r.status().message().find(c.field), std::string::npos)
        << c.what << ": " << r.status().message();
  }
}

}  // namespace
}  // namespace gb::protocol
