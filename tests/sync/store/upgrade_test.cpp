// Upgrades keep the data (issue #20 point 6). A store database made by an
// older schema, with the rows the programs of that step wrote (kiosks,
// deals, events, cursors, pledges, one redeemed and one cancelled, a
// conflict, staff of the old role "staff", a head office's report of a
// linked store), opened by today's StoreDb:
// every row is kept, integrity_check and foreign_key_check are clean, the
// new columns hold their defaults, the old role is a cashier, and the store
// counts the pledges as before. Built here from the first N steps for every
// older N, and read from the committed dumps under tests/fixtures/upgrade
// (made by steps 1 and 17 as released), whose upgraded schema must be that
// of a new store: a released step edited afterwards fails here.
#include <gtest/gtest.h>

#include <map>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

#include "core/base/file_util.h"
#include "core/rules/deal_json.h"
#include "core/sqlite/sqlite.h"
#include "core/voucher/ed25519.h"
#include "sync/store/schema.h"
#include "sync/store/store_db.h"
#include "tests/support/schema_steps.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/store/event_maker.h"

namespace gb::store {
namespace {

using test::MakeDeal;

std::string Quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

std::string Pem(uint8_t seed_byte) {
  std::array<uint8_t, 32> seed{};
  seed.fill(seed_byte);
  return voucher::SigningKey::FromSeed(seed).value().Public().Pem();
}

// What a store of step 1 held: two kiosks, an unlocked and an open deal,
// five pledges (two active, one redeemed at the other kiosk, one active and
// one cancelled at kiosk-b) with their events, and a late sign-up refused.
std::string Step1Rows() {
  std::string sql = "UPDATE meta SET value = '9' WHERE key = 'revision';";
  sql += "INSERT INTO kiosks VALUES ('kiosk-a', 1, " + Quoted(Pem(1)) + ", x'" +
         std::string(64, 'a') + "', 100, NULL, 1), ('kiosk-b', 2, " + Quoted(Pem(2)) + ", x'" +
         std::string(64, 'b') + "', 101, NULL, 2);";
  sql += "INSERT INTO deals VALUES (1, " + Quoted(rules::DealToJson(MakeDeal(1, 2)).dump()) +
         ", 'unlocked', 200, 3), (2, " + Quoted(rules::DealToJson(MakeDeal(2, 10)).dump()) +
         ", 'open', 200, 3);";
  struct P {
    int key;
    int serial;
    int deal;
    const char* origin;
    const char* state;
    const char* redeemed;
  };
  const P pledges[] = {{1, 1, 1, "kiosk-a", "active", "NULL, NULL"},
                       {1, 2, 1, "kiosk-a", "active", "NULL, NULL"},
                       {1, 3, 1, "kiosk-a", "redeemed", "330, 'kiosk-b'"},
                       {2, 1, 2, "kiosk-b", "active", "NULL, NULL"},
                       {2, 2, 2, "kiosk-b", "cancelled", "NULL, NULL"}};
  int rev = 4;
  for (const P& p : pledges) {
    const std::string serial = std::to_string(p.serial);
    const std::string key = std::to_string(p.key);
    const std::string voucher = "GB1-" + key + "-" + serial;
    const std::string at = std::to_string(300 + p.serial);
    sql += "INSERT INTO pledges VALUES (" + key + ", " + serial + ", " + std::to_string(p.deal) +
           ", '" + p.origin + "', '" + p.state + "', '" +
           test::PhoneHash(static_cast<uint64_t>(p.key * 10 + p.serial)) +
           "', " + at + ", 59900, 0, '" + voucher + "', " + (p.key == 2 ? "1" : "0") + ", " +
           p.redeemed + ", " + std::to_string(rev++) + ");";
    const nlohmann::json payload = {{"key_id", p.key},
                                    {"serial", p.serial},
                                    {"deal_id", p.deal},
                                    {"voucher", voucher},
                                    {"joined_at", 300 + p.serial}};
    sql += "INSERT INTO events VALUES ('" + std::string(p.origin) + "', " + serial +
           ", 'sign_up', " + at + ", " + Quoted(payload.dump()) + ", " + at + ");";
  }
  sql +=
      "INSERT INTO events VALUES ('kiosk-b', 3, 'cancel', 340, "
      "'{\"key_id\":2,\"serial\":2}', 341);";
  sql += "INSERT INTO cursors VALUES ('kiosk-a', 3), ('kiosk-b', 4);";
  sql += "INSERT INTO events VALUES ('kiosk-b', 4, 'sign_up', 900000, '{\"serial\":3}', 900001);";
  sql +=
      "INSERT INTO conflicts VALUES (1, 'late_sign_up', 'kiosk-b', 4, 2, 3, 2, "
      "'after the stop', 900001, 9);";
  return sql;
}

// Staff as step 5's `staff add` wrote them: the old role "staff", a
// manager, and one removed (hash emptied, the row kept).
const std::string kStep5Rows = "INSERT INTO staff VALUES ('Ann', 'staff', 'pbkdf2-sha256$1000$" +
                               std::string(32, 'b') + "$" + std::string(64, '2') +
                               "', 500, NULL, 10), ('Vera', 'manager', 'pbkdf2-sha256$1000$" +
                               std::string(32, 'c') + "$" + std::string(64, '3') +
                               "', 501, NULL, 11), ('Old', 'staff', '', 502, 503, 12);"
                               "UPDATE meta SET value = '12' WHERE key = 'revision';";

// Step 7's head office tables: a linked store's last report of deal 2 (a
// deal's tally is its own pledges plus such rows) and its history.
const char* const kStep7Rows =
    "INSERT INTO outside_tallies(deal_id, source, title, state, committed, reserved, redeemed, "
    "cancelled, price_minor, seq, updated_at, rev) VALUES (2, 'store-x', 'Sofa 2', 'open', 4, 1, "
    "0, 0, 59900, 7, 600, 13);"
    "INSERT INTO tally_history VALUES ('store-x', 2, 600, 4, 1);"
    "UPDATE meta SET value = '13' WHERE key = 'revision';";

// A new file at `path` made by steps 1..n, with each step's rows.
void Build(const std::string& path, int n) {
  test::BuildBySteps(path, n, SchemaStep, {{1, Step1Rows()}, {5, kStep5Rows}, {7, kStep7Rows}});
}

std::string Rows(const std::string& path, const std::string& sql, int cols = 1) {
  return test::QueryRows(path, sql, cols);
}

// Step 1's columns of every table it made, as its program wrote them.
const std::pair<const char*, int> kStep1Columns[] = {
    {"SELECT key, value FROM meta WHERE key = 'revision'", 2},
    {"SELECT kiosk_id, key_id, public_key, hex(token_sha256), enrolled_at, revoked_at, rev "
     "FROM kiosks ORDER BY kiosk_id",
     7},
    {"SELECT id, terms_json, state, updated_at, rev FROM deals ORDER BY id", 5},
    {"SELECT origin, seq, type, at, payload, received_at FROM events ORDER BY origin, seq", 6},
    {"SELECT origin, acked_seq FROM cursors ORDER BY origin", 2},
    {"SELECT key_id, serial, deal_id, origin, state, phone_hash, joined_at, price_minor, "
     "deposit_paid, voucher, offline, redeemed_at, redeemed_place, rev FROM pledges "
     "ORDER BY key_id, serial",
     14},
    {"SELECT id, kind, origin, seq, key_id, serial, deal_id, detail, at, rev FROM conflicts "
     "ORDER BY id",
     10},
};

std::vector<std::string> Step1Data(const std::string& path) {
  std::vector<std::string> out;
  for (const auto& [sql, cols] : kStep1Columns) out.push_back(Rows(path, sql, cols));
  return out;
}

std::string Schema(const std::string& path) {
  return Rows(path, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name", 4);
}

// Opens the file of schema `n` with today's program and checks what an
// upgrade must keep and add.
void ExpectUpgradeKeepsEverything(const std::string& path, int n) {
  const std::vector<std::string> before = Step1Data(path);
  ASSERT_EQ(before[5].empty(), false);
  {
    auto db = StoreDb::Open(path);
    ASSERT_TRUE(db.ok()) << "from step " << n << ": " << db.status().ToString();
    EXPECT_EQ((*db)->IntegrityCheck().value(), "ok");
    const nlohmann::json tallies = (*db)->Tallies().value();
    std::map<int64_t, int64_t> committed;
    for (const nlohmann::json& d : tallies["deals"]) committed[d["id"]] = d["committed"];
    EXPECT_EQ(committed, (std::map<int64_t, int64_t>{{1, 3}, {2, n >= 7 ? 1 + 4 : 1}}))
        << tallies.dump();
    auto staff = (*db)->ListStaff().value();
    if (n >= 5) {
      ASSERT_EQ(staff.size(), 2u);  // the members today, not the removed one
      EXPECT_EQ(staff[0].name + " " + staff[0].role, "Ann cashier");
      EXPECT_EQ(staff[1].name + " " + staff[1].role, "Vera manager");
    } else {
      EXPECT_TRUE(staff.empty());
    }
  }
  EXPECT_EQ(Step1Data(path), before) << "from step " << n;
  EXPECT_EQ(Rows(path, "PRAGMA user_version"), std::to_string(kSchemaVersion) + "|\n");
  EXPECT_EQ(Rows(path, "PRAGMA integrity_check"), "ok|\n");
  EXPECT_EQ(Rows(path, "PRAGMA foreign_key_check"), "");
  // The later steps' columns hold their defaults; their backfills ran.
  EXPECT_EQ(Rows(path,
                 "SELECT count(*) FROM pledges WHERE redeem_origin IS NULL AND "
                 "deposit_paid_at IS NULL AND refunded_at IS NULL AND refund_origin IS NULL "
                 "AND redeem_staff = '' AND deposit_staff = '' AND refund_staff = ''"),
            "5|\n");
  EXPECT_EQ(Rows(path,
                 "SELECT count(*) FROM kiosks WHERE kind = 'kiosk' AND name IS NULL AND "
                 "suspended_at IS NULL AND flagged_at IS NULL AND flag_reason IS NULL"),
            "2|\n");
  EXPECT_EQ(Rows(path, "SELECT count(*) FROM deals WHERE chain = 0"), "2|\n");
  EXPECT_EQ(Rows(path,
                 "SELECT deal_id, live_from, live_until, price_minor FROM deal_terms "
                 "ORDER BY deal_id",
                 4),
            "1|0|NULL|59900|\n2|0|NULL|59900|\n");
  EXPECT_EQ(Rows(path, "SELECT conflict_id, resolution FROM rescue", 2), "1|NULL|\n");
  EXPECT_EQ(
      Rows(path, "SELECT deal_id, source, committed, reserved, seq, rev, held FROM outside_tallies",
           7),
      n >= 7 ? "2|store-x|4|1|7|13|0|\n" : "");
  EXPECT_EQ(Rows(path, "SELECT count(*) FROM tally_history"), n >= 7 ? "1|\n" : "0|\n");
  if (n >= 5) {
    // Every row, the removed one too (kiosks that sync later hear of it).
    EXPECT_EQ(
        Rows(path, "SELECT name, role, created_at, removed_at, rev FROM staff ORDER BY name", 5),
        "Ann|cashier|500|NULL|10|\nOld|cashier|502|503|12|\nVera|manager|501|NULL|11|\n");
  }
}

class StoreUpgradeTest : public ::testing::TestWithParam<int> {
 protected:
  void SetUp() override { ASSERT_TRUE(tmp_.ok()); }
  test::ScopedTempDir tmp_;
};

TEST_P(StoreUpgradeTest, AFileOfThatStepKeepsEveryRowAndGainsTheDefaults) {
  const std::string path = tmp_.File("store.db");
  Build(path, GetParam());
  ExpectUpgradeKeepsEverything(path, GetParam());
}

INSTANTIATE_TEST_SUITE_P(EveryOlderStep, StoreUpgradeTest, ::testing::Range(1, kSchemaVersion));

TEST(StoreUpgradeFixtureTest, TheCommittedFilesUpgradeToTheSchemaOfANewStore) {
  test::ScopedTempDir tmp;
  ASSERT_TRUE(tmp.ok());
  ASSERT_TRUE(StoreDb::Open(tmp.File("new.db")).ok());
  for (int n : {1, 17}) {
    SCOPED_TRACE("store_step" + std::to_string(n) + ".sql");
    auto dump = base::ReadFile(std::string(GB_SOURCE_DIR) + "/tests/fixtures/upgrade/store_step" +
                               std::to_string(n) + ".sql");
    ASSERT_TRUE(dump.ok()) << dump.status().ToString();
    const std::string path = tmp.File("step" + std::to_string(n) + ".db");
    {
      auto db = sqlite::Db::Open(path, true);
      ASSERT_TRUE(db.ok());
      ASSERT_TRUE(db->Exec(*dump).ok());
    }
    ASSERT_EQ(Rows(path, "PRAGMA user_version"), std::to_string(n) + "|\n");
    ExpectUpgradeKeepsEverything(path, n);
    EXPECT_EQ(Schema(path), Schema(tmp.File("new.db")));
  }
}

// The other way round: this program meets a file a newer one upgraded.
TEST(StoreUpgradeFixtureTest, AFileOfANewerSchemaIsRefusedAndLeftAsItIs) {
  test::ScopedTempDir tmp;
  ASSERT_TRUE(tmp.ok());
  const std::string path = tmp.File("store.db");
  Build(path, kSchemaVersion);
  {
    auto db = sqlite::Db::Open(path, false);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->Exec("PRAGMA user_version = " + std::to_string(kSchemaVersion + 1)).ok());
  }
  const std::vector<std::string> before = Step1Data(path);
  const std::string schema = Schema(path);
  auto db = StoreDb::Open(path);
  ASSERT_FALSE(db.ok());
  EXPECT_EQ(db.status().reason(), "schema_too_new");
  EXPECT_NE(db.status().message().find(std::to_string(kSchemaVersion + 1)), std::string::npos)
      << db.status().message();
  // Nothing migrated or changed (opening may switch the journal to WAL).
  EXPECT_EQ(Rows(path, "PRAGMA user_version"), std::to_string(kSchemaVersion + 1) + "|\n");
  EXPECT_TRUE(Step1Data(path) == before);
  EXPECT_TRUE(Schema(path) == schema);
}

}  // namespace
}  // namespace gb::store
