#include <sqlite3.h>

#include "core/base/file_util.h"
#include "kiosk/ledger/schema.h"
#include "tests/kiosk/ledger/ledger_fixture.h"

namespace gb::ledger {
namespace {

using testing::LedgerFixture;

TEST_F(LedgerFixture, OpenAppliesSchemaAndDurabilitySettings) {
  Ledger l = OpenOrDie();
  EXPECT_EQ(Scalar(l, "PRAGMA user_version"), kSchemaVersion);
  EXPECT_EQ(Scalar(l, "PRAGMA foreign_keys"), 1);
  EXPECT_EQ(Scalar(l, "PRAGMA synchronous"), 2);  // FULL
  auto st = l.db().Prepare("PRAGMA journal_mode");
  ASSERT_TRUE(st.ok());
  ASSERT_TRUE(*st->Step());
  EXPECT_EQ(st->Text(0), "wal");
}

TEST_F(LedgerFixture, AnOlderLedgerAsksTheStoreForEverythingOnceMore) {
  {
    Ledger l = OpenOrDie();
    ASSERT_TRUE(l.ApplyRemoteState(RemoteState{42, {}, {}}, 1).ok());
    ASSERT_EQ(l.SyncRevision().value(), 42);
    // Back to version 7: before the state answer brought this kiosk's pledges.
    ASSERT_TRUE(l.db().Exec("PRAGMA user_version = 7").ok());
  }
  Ledger l = OpenOrDie();
  EXPECT_EQ(Scalar(l, "PRAGMA user_version"), kSchemaVersion);
  EXPECT_EQ(l.SyncRevision().value(), 0);  // the next poll asks from 0
  // Once only: a current ledger keeps its revision across reopening.
  ASSERT_TRUE(l.ApplyRemoteState(RemoteState{43, {}, {}}, 1).ok());
  Ledger again = OpenOrDie();
  EXPECT_EQ(again.SyncRevision().value(), 43);
}

TEST_F(LedgerFixture, ReopeningKeepsVersionAndData) {
  {
    Ledger l = OpenOrDie();
    ASSERT_TRUE(l.PutDeal(rules::testing::SampleDeal(), rules::DealState::kOpen, 1).ok());
  }
  Ledger l = OpenOrDie();
  EXPECT_EQ(Scalar(l, "PRAGMA user_version"), kSchemaVersion);
  EXPECT_TRUE(l.GetDeal(42, rules::testing::kOpens).ok());
}

TEST_F(LedgerFixture, AVersionOneFileIsMigratedKeepingItsData) {
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, SchemaStep(1), nullptr, nullptr, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw,
                         "PRAGMA user_version=1;"
                         "INSERT INTO meta VALUES('origin','kiosk-1');"
                         "INSERT INTO deals(id, terms_json, state, updated_at) VALUES(1,'{}','open',0);"
                         "INSERT INTO pledges(deal_id, state, phone_hash, joined_at, price_minor, "
                         "updated_at, key_id, serial, voucher, short_code) "
                         "VALUES(1,'active',x'00',0,5,0,7,1,'v','c');",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  Ledger l = OpenOrDie();
  EXPECT_EQ(Scalar(l, "PRAGMA user_version"), kSchemaVersion);
  EXPECT_EQ(Scalar(l, "SELECT count(*) FROM pledges WHERE lang='en' AND position=0"), 1);
  EXPECT_EQ(Scalar(l, "SELECT count(*) FROM print_jobs WHERE sent_at IS NOT NULL"), 0);
  EXPECT_EQ(Scalar(l, "SELECT local_committed FROM deals"), 1);
}

TEST_F(LedgerFixture, NewerSchemaIsRefusedByName) {
  { Ledger l = OpenOrDie(); }
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, "PRAGMA user_version=99", nullptr, nullptr, nullptr), SQLITE_OK);
  sqlite3_close(raw);
  auto l = Ledger::Open(path_, testing::TestIdentity());
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.status().reason(), "schema_too_new");
  EXPECT_NE(l.status().message().find("99"), std::string::npos);
}

TEST_F(LedgerFixture, AnotherDevicesLedgerIsRefused) {
  { Ledger l = OpenOrDie(); }
  auto l = Ledger::Open(path_, testing::TestIdentity("kiosk-2"));
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.status().reason(), "wrong_origin");
}

TEST_F(LedgerFixture, GarbageFileIsRefusedNotOverwritten) {
  ASSERT_TRUE(base::WriteFileAtomic(path_, std::string(4096, 'x'), 0600, base::Overwrite::kNo).ok());
  auto l = Ledger::Open(path_, testing::TestIdentity());
  ASSERT_FALSE(l.ok());
  EXPECT_EQ(l.status().reason(), "db_corrupt");
  EXPECT_EQ(base::ReadFile(path_).value(), std::string(4096, 'x'));
}

TEST_F(LedgerFixture, OutboxIsAppendOnly) {
  Ledger l = OpenOrDie();
  ASSERT_TRUE(l.db().Exec("INSERT INTO outbox(type, at, payload) VALUES('x', 1, '{}')").ok());
  base::Status s = l.db().Exec("UPDATE outbox SET payload='{\"a\":1}'");
  EXPECT_FALSE(s.ok());
}

}  // namespace
}  // namespace gb::ledger

namespace gb::ledger {
namespace {

using testing::LedgerFixture;

TEST_F(LedgerFixture, AVersionTwoFileGainsTheTillColumnsAndStaffTables) {
  sqlite3* raw = nullptr;
  ASSERT_EQ(sqlite3_open(path_.c_str(), &raw), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, SchemaStep(1), nullptr, nullptr, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw, SchemaStep(2), nullptr, nullptr, nullptr), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(raw,
                         "PRAGMA user_version=2;"
                         "INSERT INTO meta VALUES('origin','kiosk-1');"
                         "INSERT INTO deals(id, terms_json, state, updated_at) VALUES(1,'{}','open',0);"
                         "INSERT INTO pledges(deal_id, state, phone_hash, joined_at, price_minor, "
                         "updated_at, key_id, serial, voucher, short_code) "
                         "VALUES(1,'active',x'00',0,5,0,7,1,'v','c');",
                         nullptr, nullptr, nullptr),
            SQLITE_OK);
  sqlite3_close(raw);
  Ledger l = OpenOrDie();
  EXPECT_EQ(Scalar(l, "PRAGMA user_version"), kSchemaVersion);
  EXPECT_EQ(Scalar(l, "SELECT count(*) FROM pledges WHERE redeemed_at IS NULL AND "
                      "deposit_paid_at IS NULL AND refunded_at IS NULL AND cancelled_at IS NULL"),
            1);
  EXPECT_EQ(Scalar(l, "SELECT count(*) FROM deals WHERE stopped_early_at IS NULL"), 1);
  EXPECT_EQ(Scalar(l, "SELECT count(*) FROM staff"), 0);
  EXPECT_EQ(l.GetPinGuard().value(), pin::PinGuard{});
  auto pledge = l.GetPledge(1);
  ASSERT_TRUE(pledge.ok()) << pledge.status().ToString();
  EXPECT_EQ(pledge->short_code, "c");
}

TEST_F(LedgerFixture, StaffRowsAndThePinGuardAreKept) {
  Ledger l = OpenOrDie();
  ASSERT_TRUE(l.AddStaff({"Vera", "manager", "h1", 5}).ok());
  ASSERT_TRUE(l.AddStaff({"Ann", "staff", "h2", 6}).ok());
  EXPECT_EQ(l.AddStaff({"Ann", "staff", "h3", 7}).reason(), "staff_exists");
  EXPECT_EQ(l.AddStaff({"Bob", "boss", "h3", 7}).reason(), "bad_role");
  auto all = l.ListStaff().value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].name, "Ann");
  EXPECT_EQ(all[1].pin_hash, "h1");
  EXPECT_EQ(l.RemoveStaff("Ann").code(), base::Code::kOk);
  EXPECT_EQ(l.RemoveStaff("Ann").reason(), "staff_unknown");
  auto g = l.UpdatePinGuard([](const pin::PinGuard& p) { return pin::PinGuard{p.failed + 1, 99}; });
  ASSERT_TRUE(g.ok());
  EXPECT_EQ(*g, (pin::PinGuard{1, 99}));
  EXPECT_EQ(l.GetPinGuard().value(), (pin::PinGuard{1, 99}));
}

}  // namespace
}  // namespace gb::ledger
