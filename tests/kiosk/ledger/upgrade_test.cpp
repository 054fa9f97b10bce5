// Upgrades keep the data (issue #20 point 6), for the kiosk's ledger. A
// ledger made by an older schema, with the rows the kiosks of that step
// wrote (a deal, pledges active, redeemed and cancelled with their outbox
// events and print jobs, staff of the role "staff", the store's kiosks and
// a sync revision, a lease), opened by today's Ledger: every row is kept,
// integrity_check and foreign_key_check are clean, the new columns hold
// their defaults, the sync revision is forgotten once (step 8), and the
// kiosk signs the next shopper up with the next serial. Built here from the
// first N steps for every older N, and read from the committed dumps under
// tests/fixtures/upgrade (steps 1 and 7 as released), whose upgraded schema
// must be that of a new ledger.
#include <string>
#include <utility>
#include <vector>

#include "core/base/file_util.h"
#include "core/rules/deal_json.h"
#include "kiosk/ledger/schema.h"
#include "tests/kiosk/ledger/ledger_fixture.h"
#include "tests/support/schema_steps.h"

namespace gb::ledger {
namespace {

using rules::testing::kOpens;

std::string Quoted(const std::string& s) {
  std::string out = "'";
  for (char c : s) out += c == '\'' ? std::string("''") : std::string(1, c);
  return out + "'";
}

// What a kiosk of step 1 held: deal 42 with four pledges of key 7 (two
// active, one named; one redeemed; one cancelled), their sign-ups and the
// cancel in the outbox, and their voucher print jobs.
std::string Step1Rows() {
  std::string sql = "INSERT INTO meta VALUES ('origin', 'kiosk-1');";
  sql +=
      "INSERT INTO deals(id, terms_json, state, remote_committed, remote_reserved, "
      "updated_at) VALUES (42, " +
      Quoted(rules::DealToJson(rules::testing::SampleDeal()).dump()) + ", 'open', 6, 1, " +
      std::to_string(kOpens) + ");";
  sql += "INSERT INTO serials VALUES (7, 4);";
  const std::pair<const char*, const char*> pledges[] = {
      {"active", "'Anna'"}, {"active", "NULL"}, {"redeemed", "NULL"}, {"cancelled", "NULL"}};
  int serial = 0;
  for (const auto& [state, name] : pledges) {
    ++serial;
    const std::string s = std::to_string(serial);
    const std::string at = std::to_string(kOpens + 100 + serial);
    sql +=
        "INSERT INTO pledges(id, deal_id, state, phone_hash, name, joined_at, price_minor, "
        "updated_at, key_id, serial, voucher, short_code) VALUES (" +
        s + ", 42, '" + state + "', x'" + std::string(62, '5') + "0" + s + "', " + name + ", " +
        at + ", 59900, " + at + ", 7, " + s + ", 'GB1-7-" + s + "', 'C7-" + s + "');";
    sql += "INSERT INTO outbox(type, at, payload) VALUES ('sign_up', " + at +
           ", '{\"origin\":\"kiosk-1\",\"key_id\":7,\"serial\":" + s + "}');";
    sql +=
        "INSERT INTO print_jobs(kind, pledge_id, state, attempts, created_at, updated_at) "
        "VALUES ('voucher', " +
        s + ", '" + (serial == 2 ? "queued" : "done") + "', 1, " + at + ", " + at + ");";
  }
  sql += "INSERT INTO outbox(type, at, payload) VALUES ('cancel', " + std::to_string(kOpens + 200) +
         ", '{\"key_id\":7,\"serial\":4}');";
  return sql;
}

// Step 3's till and staff: the redemption on its row, staff of both roles,
// two wrong PINs counted.
const std::string kStep3Rows = "UPDATE pledges SET redeemed_at = " + std::to_string(kOpens + 300) +
                               ", redeemed_place = 'till-1' WHERE serial = 3;"
                               "INSERT INTO staff VALUES ('Ann', 'staff', 'pbkdf2-sha256$1000$" +
                               std::string(32, 'b') + "$" + std::string(64, '2') +
                               "', 500), ('Vera', 'manager', 'pbkdf2-sha256$1000$" +
                               std::string(32, 'c') + "$" + std::string(64, '3') +
                               "', 501);"
                               "UPDATE pin_guard SET failed = 2;";
// Step 4's sync: another kiosk of the store, and the revision last applied.
const std::string kStep4Rows =
    "INSERT INTO store_kiosks VALUES (8, 'kiosk-2', 'PEM', NULL);"
    "INSERT INTO meta VALUES ('sync_revision', '17');";
// Step 7's lease.
const char* const kStep7Rows = "INSERT INTO leases VALUES (42, 5, 1900000000, 2, 1700000500);";

void Build(const std::string& path, int n) {
  test::BuildBySteps(path, n, SchemaStep, {{1, Step1Rows()}, {3, kStep3Rows}, {4, kStep4Rows}, {7, kStep7Rows}});
}

std::string Rows(const std::string& path, const std::string& sql, int cols = 1) {
  return test::QueryRows(path, sql, cols);
}

// Step 1's columns of every table it made.
const std::pair<const char*, int> kStep1Columns[] = {
    {"SELECT key, value FROM meta WHERE key = 'origin'", 2},
    {"SELECT id, terms_json, state, remote_committed, remote_reserved, local_committed, "
     "updated_at FROM deals",
     7},
    {"SELECT key_id, last FROM serials", 2},
    {"SELECT id, deal_id, state, hex(phone_hash), name, joined_at, price_minor, deposit_due, "
     "deposit_paid, updated_at, key_id, serial, voucher, short_code FROM pledges ORDER BY id",
     14},
    {"SELECT seq, type, at, payload FROM outbox ORDER BY seq", 4},
    {"SELECT id, kind, pledge_id, reprint, state, reason, attempts, created_at, updated_at "
     "FROM print_jobs ORDER BY id",
     9},
};

std::vector<std::string> Step1Data(const std::string& path) {
  std::vector<std::string> out;
  for (const auto& [sql, cols] : kStep1Columns) out.push_back(Rows(path, sql, cols));
  return out;
}

std::string Schema(const std::string& path) {
  return Rows(path, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name", 4);
}

void ExpectUpgradeKeepsEverything(const std::string& path, int n) {
  const std::vector<std::string> before = Step1Data(path);
  ASSERT_FALSE(before[3].empty());
  {
    auto opened = Ledger::Open(path, testing::TestIdentity());
    ASSERT_TRUE(opened.ok()) << "from step " << n << ": " << opened.status().ToString();
    Ledger& l = *opened;
    EXPECT_EQ(l.CountVouchers().value(), 4);
    EXPECT_EQ(l.GetDeal(42, kOpens + 1000).value().tally.committed, 6 + 3);
    EXPECT_EQ(l.SyncRevision().value(), 0);  // step 8: the next poll asks from 0
    auto staff = l.ListStaff().value();
    if (n >= 3) {
      ASSERT_EQ(staff.size(), 2u);
      EXPECT_EQ(staff[0].name + " " + staff[0].role,
                "Ann staff");  // the kiosk's word for a cashier
      EXPECT_EQ(staff[1].name + " " + staff[1].role, "Vera manager");
      EXPECT_EQ(l.GetPinGuard().value().failed, 2);
      EXPECT_EQ(l.GetPledge(3).value().short_code, "C7-3");
    } else {
      EXPECT_TRUE(staff.empty());
      EXPECT_EQ(l.GetPinGuard().value(), pin::PinGuard{});
    }
  }
  EXPECT_EQ(Step1Data(path), before) << "from step " << n;
  EXPECT_EQ(Rows(path, "PRAGMA user_version"), std::to_string(kSchemaVersion) + "|\n");
  EXPECT_EQ(Rows(path, "PRAGMA integrity_check"), "ok|\n");
  EXPECT_EQ(Rows(path, "PRAGMA foreign_key_check"), "");
  EXPECT_EQ(Rows(path,
                 "SELECT count(*) FROM pledges WHERE lang = 'en' AND position = 0 AND "
                 "deposit_paid_at IS NULL AND cancelled_at IS NULL AND refunded_at IS NULL"),
            "4|\n");
  EXPECT_EQ(Rows(path,
                 "SELECT serial, redeemed_at, redeemed_place FROM pledges "
                 "WHERE redeemed_at IS NOT NULL",
                 3),
            n >= 3 ? std::to_string(3) + "|" + std::to_string(kOpens + 300) + "|till-1|\n" : "");
  EXPECT_EQ(Rows(path,
                 "SELECT count(*) FROM print_jobs WHERE lang = 'en' AND payload = '{}' "
                 "AND sent_at IS NULL"),
            "4|\n");
  EXPECT_EQ(Rows(path, "SELECT count(*) FROM deals WHERE stopped_early_at IS NULL"), "1|\n");
  EXPECT_EQ(
      Rows(path, "SELECT key_id, kiosk_id, suspended_at, suspend_reason FROM store_kiosks", 4),
      n >= 4 ? "8|kiosk-2|NULL||\n" : "");
  EXPECT_EQ(Rows(path, "SELECT deal_id, seats FROM leases", 2), n >= 7 ? "42|5|\n" : "");
  EXPECT_EQ(Rows(path, "SELECT count(*) FROM meta WHERE key = 'sync_revision'"), "0|\n");

  // The kiosk goes on: the next sign-up takes the next serial and seq.
  Ledger l = std::move(Ledger::Open(path, testing::TestIdentity())).value();
  SignUpRequest req;
  req.deal_id = 42;
  req.phone_e164 = testing::Phone(99);
  req.now = kOpens + 1000;
  auto r = l.SignUp(req);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->serial, 5u);
  EXPECT_EQ(l.OutboxAfter(5, 10).value().at(0).seq, 6);
}

class LedgerUpgradeTest : public ::testing::TestWithParam<int> {
 protected:
  void SetUp() override { ASSERT_TRUE(dir_.ok()); }
  test::ScopedTempDir dir_;
};

TEST_P(LedgerUpgradeTest, ALedgerOfThatStepKeepsEveryRowAndGainsTheDefaults) {
  const std::string path = dir_.File("ledger.db");
  Build(path, GetParam());
  ExpectUpgradeKeepsEverything(path, GetParam());
}

INSTANTIATE_TEST_SUITE_P(EveryOlderStep, LedgerUpgradeTest, ::testing::Range(1, kSchemaVersion));

TEST(LedgerUpgradeFixtureTest, TheCommittedLedgersUpgradeToTheSchemaOfANewLedger) {
  test::ScopedTempDir dir;
  ASSERT_TRUE(dir.ok());
  ASSERT_TRUE(Ledger::Open(dir.File("new.db"), testing::TestIdentity()).ok());
  for (int n : {1, 7}) {
    SCOPED_TRACE("ledger_step" + std::to_string(n) + ".sql");
    auto dump = base::ReadFile(std::string(GB_SOURCE_DIR) + "/tests/fixtures/upgrade/ledger_step" +
                               std::to_string(n) + ".sql");
    ASSERT_TRUE(dump.ok()) << dump.status().ToString();
    const std::string path = dir.File("step" + std::to_string(n) + ".db");
    {
      auto db = sqlite::Db::Open(path, true);
      ASSERT_TRUE(db.ok());
      ASSERT_TRUE(db->Exec(*dump).ok());
    }
    ASSERT_EQ(Rows(path, "PRAGMA user_version"), std::to_string(n) + "|\n");
    ExpectUpgradeKeepsEverything(path, n);
    EXPECT_EQ(Schema(path), Schema(dir.File("new.db")));
  }
}

}  // namespace
}  // namespace gb::ledger
