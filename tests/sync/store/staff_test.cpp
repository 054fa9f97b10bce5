// Staff kept at the store: add, remove and list on a real SQLite file, the
// revision each change bumps, the rows GET /v1/state carries, and the
// migration of a file made before the staff table existed.
#include <gtest/gtest.h>

#include "sync/store/schema.h"
#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"

namespace gb::store {
namespace {

constexpr int64_t kNow = 1'700'000'000;
// The store only checks the shape; kiosks verify the rest. New PINs are
// scrypt; a PIN set before keeps its PBKDF2 text.
const std::string kHashA = "scrypt$16384$8$2$" + std::string(32, 'a') + "$" + std::string(64, '1');
const std::string kHashB =
    "pbkdf2-sha256$1000$" + std::string(32, 'b') + "$" + std::string(64, '2');

class StoreStaffTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    auto db = StoreDb::Open(tmp_.File("store.db"));
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
  }

  int64_t Rev() { return db_->Revision().value(); }

  test::ScopedTempDir tmp_;
  std::unique_ptr<StoreDb> db_;
};

TEST_F(StoreStaffTest, AddListRemoveEachBumpTheRevision) {
  const int64_t r0 = Rev();
  ASSERT_TRUE(db_->AddStaff({"Vera", "manager", kHashA, kNow}).ok());
  EXPECT_EQ(Rev(), r0 + 1);
  ASSERT_TRUE(db_->AddStaff({"Ann", "cashier", kHashB, kNow + 1}).ok());
  EXPECT_EQ(Rev(), r0 + 2);

  auto all = db_->ListStaff();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "Ann");
  EXPECT_EQ((*all)[0].role, "cashier");
  EXPECT_EQ((*all)[0].pin_hash, kHashB);
  EXPECT_EQ((*all)[0].rev, r0 + 2);
  EXPECT_EQ((*all)[1].name, "Vera");

  ASSERT_TRUE(db_->RemoveStaff("Ann", kNow + 5).ok());
  EXPECT_EQ(Rev(), r0 + 3);
  all = db_->ListStaff();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 1u);
  EXPECT_EQ((*all)[0].name, "Vera");
}

TEST_F(StoreStaffTest, RefusalsNameTheProblemAndChangeNothing) {
  ASSERT_TRUE(db_->AddStaff({"Vera", "manager", kHashA, kNow}).ok());
  const int64_t r = Rev();
  EXPECT_EQ(db_->AddStaff({"Vera", "staff", kHashB, kNow}).reason(), "staff_exists");
  EXPECT_EQ(db_->AddStaff({"", "staff", kHashB, kNow}).reason(), "bad_name");
  EXPECT_EQ(db_->AddStaff({std::string(65, 'x'), "staff", kHashB, kNow}).reason(), "bad_name");
  EXPECT_EQ(db_->AddStaff({"Tab\there", "staff", kHashB, kNow}).reason(), "bad_name");
  EXPECT_EQ(db_->AddStaff({"Oleg", "boss", kHashB, kNow}).reason(), "bad_role");
  EXPECT_EQ(db_->AddStaff({"Oleg", "staff", "1234", kNow}).reason(), "bad_pin_hash");
  EXPECT_EQ(db_->AddStaff({"Oleg", "staff", "", kNow}).reason(), "bad_pin_hash");
  EXPECT_EQ(db_->AddStaff({"Oleg", "staff", "scrypt", kNow}).reason(), "bad_pin_hash");
  EXPECT_EQ(db_->AddStaff({"Oleg", "staff", "bcrypt$10$abc", kNow}).reason(), "bad_pin_hash");
  EXPECT_EQ(db_->AddStaff({"Oleg", "staff", "scrypt$" + std::string(300, '1'), kNow}).reason(),
            "bad_pin_hash");
  EXPECT_EQ(db_->RemoveStaff("Nobody", kNow).reason(), "staff_unknown");
  ASSERT_TRUE(db_->RemoveStaff("Vera", kNow).ok());
  EXPECT_EQ(db_->RemoveStaff("Vera", kNow).reason(), "staff_unknown") << "removed once";
  EXPECT_EQ(Rev(), r + 1) << "only the one removal changed anything";
}

TEST_F(StoreStaffTest, BothTheScryptAndTheOlderPbkdf2TextAreKept) {
  ASSERT_TRUE(db_->AddStaff({"New", "staff", kHashA, kNow}).ok()) << "a PIN added now";
  ASSERT_TRUE(db_->AddStaff({"Old", "staff", kHashB, kNow}).ok()) << "a PIN from before";
  auto all = db_->ListStaff().value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].pin_hash, kHashA);
  EXPECT_EQ(all[1].pin_hash, kHashB);
}

TEST_F(StoreStaffTest, StateCarriesChangesSinceARevisionWithTombstones) {
  ASSERT_TRUE(db_->AddStaff({"Vera", "manager", kHashA, kNow}).ok());
  const int64_t after_vera = Rev();
  ASSERT_TRUE(db_->AddStaff({"Ann", "staff", kHashB, kNow}).ok());

  auto all = db_->State(0);
  ASSERT_TRUE(all.ok());
  ASSERT_EQ((*all)["staff"].size(), 2u);
  EXPECT_EQ((*all)["staff"][0]["name"], "Ann");
  EXPECT_EQ((*all)["staff"][0]["pin_hash"], kHashB);
  EXPECT_EQ((*all)["staff"][0]["removed"], false);

  auto since = db_->State(after_vera);
  ASSERT_TRUE(since.ok());
  ASSERT_EQ((*since)["staff"].size(), 1u) << "Vera did not change since";
  EXPECT_EQ((*since)["staff"][0]["name"], "Ann");

  ASSERT_TRUE(db_->RemoveStaff("Vera", kNow + 9).ok());
  const int64_t before_readd = Rev();
  auto removal = db_->State(before_readd - 1);
  ASSERT_TRUE(removal.ok());
  ASSERT_EQ((*removal)["staff"].size(), 1u);
  EXPECT_EQ((*removal)["staff"][0]["name"], "Vera");
  EXPECT_EQ((*removal)["staff"][0]["removed"], true);
  EXPECT_EQ((*removal)["staff"][0]["pin_hash"], "") << "a removed member's hash is not kept";

  // A removed name can come back, with a new PIN, as a new change.
  ASSERT_TRUE(db_->AddStaff({"Vera", "staff", kHashB, kNow + 20}).ok());
  auto back = db_->State(before_readd);
  ASSERT_TRUE(back.ok());
  ASSERT_EQ((*back)["staff"].size(), 1u);
  EXPECT_EQ((*back)["staff"][0]["removed"], false);
  EXPECT_EQ((*back)["staff"][0]["role"], "staff");
  EXPECT_EQ((*back)["staff"][0]["pin_hash"], kHashB);
  EXPECT_EQ((*back)["revision"], Rev());
}

TEST_F(StoreStaffTest, AFileFromBeforeStaffIsMigratedAndKeepsItsData) {
  ASSERT_TRUE(db_->PutDeals({}, kNow).ok());
  db_.reset();
  {
    // Turn the file back into a version-4 store: no staff table (step 5),
    // no refund_origin (step 6), no head office (step 7), no leases (step 8),
    // no (key_id, rev) index on pledges (step 9), no kiosk health (step 10)
    // and none of steps 11 to 13.
    auto raw = sqlite::Db::Open(tmp_.File("store.db"), false);
    ASSERT_TRUE(raw.ok());
    ASSERT_TRUE(raw->Exec("DROP TABLE staff").ok());
    ASSERT_TRUE(raw->Exec("DROP TABLE leases").ok());
    ASSERT_TRUE(raw->Exec("DROP TABLE retired_keys; DROP TABLE printer_status").ok());
    ASSERT_TRUE(raw->Exec("DROP TABLE deal_terms; DROP INDEX conflicts_by_voucher;"
                          " DROP INDEX pledges_by_phone")
                    .ok());
    ASSERT_TRUE(raw->Exec("DROP TABLE server_alarms").ok());
    ASSERT_TRUE(raw->Exec("ALTER TABLE kiosks DROP COLUMN flagged_at;"
                          " ALTER TABLE kiosks DROP COLUMN flag_reason")
                    .ok());
    ASSERT_TRUE(raw->Exec("DROP TABLE conflict_summary; DROP INDEX conflicts_by_origin").ok());
    ASSERT_TRUE(raw->Exec("DROP TABLE chain_leases").ok());
    ASSERT_TRUE(raw->Exec("DROP TABLE kiosks_offline; DROP TABLE store_kiosks").ok());
    ASSERT_TRUE(raw->Exec("DROP INDEX pledges_by_key_rev").ok());
    ASSERT_TRUE(raw->Exec("ALTER TABLE pledges DROP COLUMN refund_origin").ok());
    ASSERT_TRUE(raw->Exec("ALTER TABLE pledges DROP COLUMN redeem_staff;"
                          " ALTER TABLE pledges DROP COLUMN deposit_staff;"
                          " ALTER TABLE pledges DROP COLUMN refund_staff")
                    .ok());
    // ... and none of the head office's step either.
    ASSERT_TRUE(raw->Exec("DROP TABLE outside_tallies; DROP TABLE tally_history;"
                          " ALTER TABLE kiosks DROP COLUMN kind;"
                          " ALTER TABLE deals DROP COLUMN chain")
                    .ok());
    ASSERT_TRUE(raw->Exec("INSERT INTO meta(key, value) VALUES('marker', 'kept')").ok());
    ASSERT_TRUE(raw->Exec("PRAGMA user_version = 4").ok());
  }
  auto db = StoreDb::Open(tmp_.File("store.db"));
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  ASSERT_TRUE((*db)->AddStaff({"Vera", "manager", kHashA, kNow}).ok());
  auto all = (*db)->ListStaff();
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->size(), 1u);

  auto raw = sqlite::Db::Open(tmp_.File("store.db"), false);
  ASSERT_TRUE(raw.ok());
  auto v = raw->Prepare("PRAGMA user_version");
  ASSERT_TRUE(v.ok() && *v->Step());
  EXPECT_EQ(v->Int(0), kSchemaVersion);
  auto m = raw->Prepare("SELECT value FROM meta WHERE key='marker'");
  ASSERT_TRUE(m.ok() && *m->Step());
  EXPECT_EQ(m->Text(0), "kept");
}

TEST_F(StoreStaffTest, TheOlderRoleStaffIsACashier) {
  ASSERT_TRUE(db_->AddStaff({"Ann", "staff", kHashB, kNow}).ok()) << "a script from before";
  auto ann = db_->FindStaff("Ann");
  ASSERT_TRUE(ann.ok() && ann->has_value());
  EXPECT_EQ((*ann)->role, "cashier");
  EXPECT_EQ(db_->FindStaff("Nobody").value(), std::nullopt);
  // Kiosks from before step 16 know only "staff" and "manager".
  EXPECT_EQ(db_->State(0).value()["staff"][0]["role"], "staff");
}

TEST_F(StoreStaffTest, AFileFromBeforeTheRolesStepHasItsStaffBecomeCashiers) {
  db_.reset();
  {
    auto raw = sqlite::Db::Open(tmp_.File("store.db"), false);
    ASSERT_TRUE(raw.ok());
    // Step 17's staff table (before step 18, staff roles), whose CHECK knows
    // only 'staff' and 'manager'.
    ASSERT_TRUE(raw->Exec("DROP TABLE staff; CREATE TABLE staff (name TEXT PRIMARY KEY,"
                          " role TEXT NOT NULL CHECK (role IN ('staff','manager')),"
                          " pin_hash TEXT NOT NULL, created_at INTEGER NOT NULL,"
                          " removed_at INTEGER, rev INTEGER NOT NULL);"
                          " CREATE INDEX staff_by_rev ON staff(rev);"
                          " ALTER TABLE pledges DROP COLUMN redeem_staff;"
                          " ALTER TABLE pledges DROP COLUMN deposit_staff;"
                          " ALTER TABLE pledges DROP COLUMN refund_staff;"
                          " PRAGMA user_version = 17")
                    .ok());
    ASSERT_TRUE(raw->Exec("INSERT INTO staff VALUES ('Ann', 'staff', '" + kHashB +
                          "', 1, NULL, 3), ('Vera', 'manager', '" + kHashA + "', 2, NULL, 4)")
                    .ok());
  }
  auto db = StoreDb::Open(tmp_.File("store.db"));
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  auto all = (*db)->ListStaff().value();
  ASSERT_EQ(all.size(), 2u);
  EXPECT_EQ(all[0].role, "cashier");
  EXPECT_EQ(all[0].pin_hash, kHashB);
  EXPECT_EQ(all[0].rev, 3) << "kiosks see no change";
  EXPECT_EQ(all[1].role, "manager");
  auto raw = sqlite::Db::Open(tmp_.File("store.db"), false);
  ASSERT_TRUE(raw.ok());
  EXPECT_FALSE(raw->Exec("UPDATE staff SET role='staff'").ok()) << "the new CHECK holds";
  auto cols = raw->Prepare("SELECT redeem_staff, deposit_staff, refund_staff FROM pledges");
  EXPECT_TRUE(cols.ok()) << "the columns who acted are there";
}

}  // namespace
}  // namespace gb::store
