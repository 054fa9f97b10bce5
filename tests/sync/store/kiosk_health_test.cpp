// Kiosks offline, told upward (kiosk_health.cpp): a store writes down which
// kiosks went quiet only when that changes, its snapshot carries them, and a
// head office keeps each store's last report for GET /v1/tallies.
#include <gtest/gtest.h>

#include <array>

#include "sync/store/schema.h"
#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/store/client_record.h"
#include "tests/sync/store/event_maker.h"

namespace gb::store {
namespace {

using nlohmann::json;

constexpr int64_t kStart = 1'764'720'000;  // when the store server started
constexpr int64_t kAfter = 60;             // the offline time

using test::ClientRecord;

class KioskHealthTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    auto db = StoreDb::Open(tmp_.File("store.db"));
    ASSERT_TRUE(db.ok());
    db_ = std::move(db).value();
    for (uint32_t i = 1; i <= 3; ++i) {
      ASSERT_TRUE(db_->AddKiosk(ClientRecord("kiosk-" + std::to_string(i), i)).ok());
    }
    ASSERT_TRUE(db_->RevokeKiosk("kiosk-3", kStart - 100).ok());  // never counted
  }

  bool Mark(int64_t now, std::map<std::string, int64_t> contacts, int64_t since = kStart) {
    auto r = db_->MarkKiosksOffline(contacts, now, since, kAfter);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() && *r;
  }
  protocol::KioskHealth Reported() {
    auto own = db_->OwnCounts();
    EXPECT_TRUE(own.ok()) << own.status().ToString();
    return own.ok() && own->payload.kiosks ? *own->payload.kiosks : protocol::KioskHealth{-1, {}, {}, {}};
  }

  test::ScopedTempDir tmp_;
  std::unique_ptr<StoreDb> db_;
};

TEST_F(KioskHealthTest, AKioskGoesOfflineAfterTheOfflineTimeAndBackWhenHeardFrom) {
  // Just started: nobody is offline before the offline time has passed.
  EXPECT_FALSE(Mark(kStart + 30, {{"kiosk-1", kStart + 20}}));
  EXPECT_EQ(Reported(), (protocol::KioskHealth{2, {}, {}, {}}));
  const int64_t rev = *db_->Revision();
  // kiosk-2 never came: offline, never seen. kiosk-1 polls.
  EXPECT_TRUE(Mark(kStart + 61, {{"kiosk-1", kStart + 60}}));
  EXPECT_EQ(*db_->Revision(), rev + 1);
  EXPECT_EQ(Reported(), (protocol::KioskHealth{2, {{"kiosk-2", std::nullopt}}, {}, {}}));
  // Nothing changed: nothing written, the revision stays.
  EXPECT_FALSE(Mark(kStart + 62, {{"kiosk-1", kStart + 62}}));
  EXPECT_EQ(*db_->Revision(), rev + 1);
  // kiosk-1 falls silent at +62 and is offline 61 s later, since +62.
  EXPECT_FALSE(Mark(kStart + 122, {{"kiosk-1", kStart + 62}}));
  EXPECT_TRUE(Mark(kStart + 123, {{"kiosk-1", kStart + 62}}));
  EXPECT_EQ(Reported(),
            (protocol::KioskHealth{2, {{"kiosk-1", kStart + 62}, {"kiosk-2", std::nullopt}}, {}, {}}));
  // Both come back.
  EXPECT_TRUE(Mark(kStart + 200, {{"kiosk-1", kStart + 199}, {"kiosk-2", kStart + 200}}));
  EXPECT_EQ(Reported(), (protocol::KioskHealth{2, {}, {}, {}}));
}

TEST_F(KioskHealthTest, ARestartedServerKeepsAnOfflineKioskOfflineUntilHeardFrom) {
  ASSERT_TRUE(Mark(kStart + 100, {{"kiosk-1", kStart + 99}}));  // kiosk-2: never seen
  // The server restarts at +500 and has heard from nobody yet.
  EXPECT_FALSE(Mark(kStart + 501, {}, kStart + 500));
  EXPECT_EQ(Reported(), (protocol::KioskHealth{2, {{"kiosk-2", std::nullopt}}, {}, {}}));
  // kiosk-1's last contact was in the old process: offline once the new one
  // has waited the offline time, since its last stored sign of life (none).
  EXPECT_TRUE(Mark(kStart + 561, {}, kStart + 500));
  EXPECT_EQ(Reported().offline.size(), 2u);
}

TEST_F(KioskHealthTest, AnEventCountsAsHearingFromTheKiosk) {
  voucher::SigningKey key = *voucher::SigningKey::FromSeed([] {
    std::array<uint8_t, 32> s{};
    s.fill(1);
    return s;
  }());
  ASSERT_TRUE(db_->PutDeals({test::MakeDeal(7, 3)}, test::kOpens).ok());
  std::vector<protocol::Batch> group = {
      test::MakeBatch({test::SignUp(key, 1, "kiosk-1", 1, 1, test::MakeDeal(7, 3))})};
  ASSERT_TRUE(db_->IngestGroup(group, kStart + 100).ok());  // received at +100
  EXPECT_TRUE(Mark(kStart + 161, {}));
  EXPECT_EQ(Reported().offline.size(), 2u);
  EXPECT_EQ(Reported().offline[0], (protocol::OfflineKiosk{"kiosk-1", kStart + 100}));
}

TEST_F(KioskHealthTest, TheHeadOfficeKeepsEachStoresLastReport) {
  ASSERT_TRUE(db_->SetHeadOffice().ok());
  ASSERT_TRUE(db_->AddKiosk(ClientRecord("store-a", 10, "store")).ok());
  ASSERT_TRUE(db_->AddKiosk(ClientRecord("store-b", 11, "store")).ok());
  auto report = [](int64_t seq, int64_t enrolled, std::vector<protocol::OfflineKiosk> off) {
    protocol::TalliesPayload p;
    p.kiosks = protocol::KioskHealth{enrolled, std::move(off), {}, {}};
    return protocol::Event{"store-a", seq, std::string(protocol::kTallies), kStart,
                           protocol::ToJson(p)};
  };
  auto ingest = [&](protocol::Event e) {
    std::vector<protocol::Batch> group = {test::MakeBatch({std::move(e)})};
    ASSERT_TRUE(db_->IngestGroup(group, kStart + 5).ok());
  };
  ingest(report(8, 4, {{"kiosk-7", kStart - 300}, {"kiosk-9", std::nullopt}}));
  ingest(report(6, 4, {}));  // older, arriving late: changes nothing
  auto t = db_->Tallies();
  ASSERT_TRUE(t.ok());
  json a, b;
  for (const json& s : (*t)["stores"]) (s["id"] == "store-a" ? a : b) = s;
  EXPECT_EQ(a["kiosks_enrolled"], 4);
  EXPECT_EQ(a["kiosks_offline"], json::parse(R"([{"kiosk_id":"kiosk-7","since":1764719700},)"
                                             R"({"kiosk_id":"kiosk-9","since":null}])"));
  EXPECT_EQ(a["kiosks_reported_at"], kStart + 5);
  // A store that never reported its kiosks shows none offline, and no count.
  EXPECT_EQ(b["kiosks_offline"], json::array());
  EXPECT_FALSE(b.contains("kiosks_enrolled"));
  ingest(report(9, 4, {}));
  t = db_->Tallies();
  for (const json& s : (*t)["stores"]) {
    if (s["id"] == "store-a") {
      EXPECT_EQ(s["kiosks_offline"], json::array());
    }
  }
  // Linked stores are clients, not kiosks: never counted or marked offline.
  ASSERT_TRUE(db_->MarkKiosksOffline({}, kStart + 10'000, kStart, kAfter).ok());
  EXPECT_EQ(Reported().enrolled, 2);
  ASSERT_EQ(Reported().offline.size(), 2u);
  for (const auto& k : Reported().offline)
    EXPECT_EQ(k.kiosk_id.rfind("kiosk-", 0), 0u) << k.kiosk_id;
}

TEST_F(KioskHealthTest, AFileOfStepNineIsMigratedAndKeepsItsKiosks) {
  db_.reset();
  {
    auto raw = sqlite::Db::Open(tmp_.File("store.db"), false);
    ASSERT_TRUE(raw.ok());
    // Undo steps 10 to 16: a file as step 9 left it.
    ASSERT_TRUE(raw->Exec("ALTER TABLE kiosks DROP COLUMN flagged_at;"
                          " ALTER TABLE kiosks DROP COLUMN flag_reason")
                    .ok());
    ASSERT_TRUE(raw->Exec("ALTER TABLE pledges DROP COLUMN redeem_staff; ALTER TABLE pledges DROP COLUMN deposit_staff;"
                          " ALTER TABLE pledges DROP COLUMN refund_staff;").ok());
    ASSERT_TRUE(raw->Exec("DROP TABLE conflict_summary; DROP INDEX conflicts_by_origin;").ok());
    ASSERT_TRUE(raw->Exec("DROP TABLE deal_terms; DROP INDEX conflicts_by_voucher;"
                          " DROP INDEX pledges_by_phone")
                    .ok());
    ASSERT_TRUE(raw->Exec("DROP TABLE kiosks_offline; DROP TABLE store_kiosks;"
                          " DROP TABLE retired_keys; DROP TABLE printer_status;"
                          " DROP TABLE chain_leases; ALTER TABLE outside_tallies DROP COLUMN held;"
                          " DROP TABLE server_alarms")
                    .ok());
    ASSERT_TRUE(raw->Exec("PRAGMA user_version = 9").ok());
  }
  auto db = StoreDb::Open(tmp_.File("store.db"));
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  db_ = std::move(db).value();
  EXPECT_EQ(db_->ListKiosks()->size(), 3u);
  EXPECT_TRUE(Mark(kStart + 61, {}));
  EXPECT_EQ(Reported().offline.size(), 2u);
  auto raw = sqlite::Db::Open(tmp_.File("store.db"), false);
  ASSERT_TRUE(raw.ok());
  auto v = raw->Prepare("PRAGMA user_version");
  ASSERT_TRUE(v.ok() && *v->Step());
  EXPECT_EQ(v->Int(0), kSchemaVersion);
}

}  // namespace
}  // namespace gb::store
