// DecodeState's "staff" member: store-set staff members and removals, and a
// server that does not send staff at all.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "kiosk/link/state_codec.h"

namespace gb::link {
namespace {

using nlohmann::json;

json Body(json staff) {
  json b = {{"revision", 4}, {"since", 0}, {"deals", json::array()}, {"kiosks", json::array()}};
  if (!staff.is_null()) b["staff"] = std::move(staff);
  return b;
}

TEST(StateCodecStaffTest, MembersAndRemovalsAreRead) {
  json staff = json::array({{{"name", "Vera"},
                             {"role", "manager"},
                             {"pin_hash", "pbkdf2-sha256$1000$ab$cd"},
                             {"created_at", 17},
                             {"removed", false},
                             {"rev", 3}},
                            {{"name", "Ann"},
                             {"role", "staff"},
                             {"pin_hash", ""},
                             {"created_at", 5},
                             {"removed", true},
                             {"rev", 4}}});
  auto s = DecodeState(Body(staff).dump(), "kiosk-a");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->staff.size(), 2u);
  EXPECT_EQ(s->staff[0],
            (ledger::StoreStaff{"Vera", "manager", "pbkdf2-sha256$1000$ab$cd", 17, false}));
  EXPECT_EQ(s->staff[1].name, "Ann");
  EXPECT_TRUE(s->staff[1].removed);
}

TEST(StateCodecStaffTest, ACashierIsKeptUnderTheLedgersOlderName) {
  json staff = json::array({{{"name", "Ann"},
                             {"role", "cashier"},
                             {"pin_hash", "scrypt$x"},
                             {"created_at", 5},
                             {"removed", false},
                             {"rev", 4}}});
  auto s = DecodeState(Body(staff).dump(), "kiosk-a");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_EQ(s->staff.size(), 1u);
  EXPECT_EQ(s->staff[0].role, "staff") << "the ledger's CHECK knows staff and manager";
}

TEST(StateCodecStaffTest, AServerWithoutStaffSendsNone) {
  auto s = DecodeState(Body(nullptr).dump(), "kiosk-a");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_TRUE(s->staff.empty());
}

TEST(StateCodecStaffTest, BadMembersAreNamed) {
  const json good = {
      {"name", "Vera"}, {"role", "staff"}, {"pin_hash", "pbkdf2-sha256$1$a$b"}, {"removed", false}};
  struct Row {
    const char* key;
    json value;
    std::string needle;
  };
  const Row rows[] = {
      {"name", "", "staff[0].name"},
      {"name", std::string(65, 'x'), "staff[0].name"},
      {"role", "boss", "staff[0].role"},
      {"pin_hash", "", "staff[0].pin_hash"},
      {"pin_hash", 7, "staff[0].pin_hash"},
      {"removed", "no", "staff[0].removed"},
      {"created_at", "yesterday", "staff[0].created_at"},
  };
  for (const Row& r : rows) {
    json m = good;
    m[r.key] = r.value;
    auto s = DecodeState(Body(json::array({m})).dump(), "kiosk-a");
    ASSERT_FALSE(s.ok()) << r.key;
    EXPECT_EQ(s.status().reason(), "bad_state");
    EXPECT_NE(s.status().ToString().find(r.needle), std::string::npos) << s.status().ToString();
  }
  auto not_array = DecodeState(Body(json::object()).dump(), "kiosk-a");
  EXPECT_EQ(not_array.status().reason(), "bad_state");
}

}  // namespace
}  // namespace gb::link
