// Server identity alarms at the store (server_alarms.cpp): a kiosk's
// "server_identity" report kept as its latest, counted, shown in the
// tallies for a week, carried in the snapshot to the head office, and shown
// there by store; a malformed one is a conflict and changes nothing.
#include <gtest/gtest.h>

#include "sync/protocol/server_identity_event.h"
#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/store/client_record.h"
#include "tests/sync/store/event_maker.h"

namespace gb::store {
namespace {

using nlohmann::json;

constexpr int64_t kT = 1'764'720'000;

using test::ClientRecord;

class ServerAlarmsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    auto db = StoreDb::Open(tmp_.File("store.db"));
    ASSERT_TRUE(db.ok());
    db_ = std::move(db).value();
    ASSERT_TRUE(db_->AddKiosk(ClientRecord("kiosk-1", 1)).ok());
    ASSERT_TRUE(db_->AddKiosk(ClientRecord("kiosk-2", 2)).ok());
  }
  // Ingests one event at store time `now`; returns the conflicts it made.
  int Ingest(protocol::Event e, int64_t now) {
    std::vector<protocol::Batch> group = {test::MakeBatch({std::move(e)})};
    auto r = db_->IngestGroup(group, now);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? (*r)[0].conflicts : -1;
  }
  int Report(const std::string& kiosk, int64_t seq, protocol::ServerIdentityPayload p,
             int64_t now) {
    return Ingest(protocol::Event{kiosk, seq, "server_identity", p.last_at, protocol::ToJson(p)},
                  now);
  }
  json Alarms(int64_t now) {
    TalliesContext c;
    c.now = now;
    auto t = db_->Tallies(c);
    EXPECT_TRUE(t.ok()) << t.status().ToString();
    return t.ok() ? (*t)["identity_alarms"] : json();
  }

  test::ScopedTempDir tmp_;
  std::unique_ptr<StoreDb> db_;
};

TEST_F(ServerAlarmsTest, EachKiosksLatestReportShowsForAWeekAndEveryOneCounts) {
  EXPECT_EQ(Alarms(kT), json::array());
  EXPECT_EQ(*db_->CountIdentityReports(), 0);
  const int64_t rev0 = *db_->Revision();
  ASSERT_EQ(Report("kiosk-1", 1, {kT - 600, kT - 60, 12}, kT), 0);
  EXPECT_GT(*db_->Revision(), rev0);
  json a = Alarms(kT + 10);
  ASSERT_EQ(a.size(), 1u) << a.dump();
  EXPECT_EQ(a[0]["kiosk_id"], "kiosk-1");
  EXPECT_EQ(a[0]["name"], "kiosk-1");
  EXPECT_EQ(a[0]["first_at"], kT - 600);
  EXPECT_EQ(a[0]["last_at"], kT - 60);
  EXPECT_EQ(a[0]["mismatches"], 12);
  EXPECT_EQ(a[0]["reported_at"], kT);
  // A second incident of the same kiosk replaces the first; both are counted.
  ASSERT_EQ(Report("kiosk-1", 2, {kT + 100, kT + 130, 2}, kT + 200), 0);
  ASSERT_EQ(Report("kiosk-2", 1, {kT + 100, kT + 100, 1}, kT + 200), 0);
  a = Alarms(kT + 300);
  ASSERT_EQ(a.size(), 2u);
  EXPECT_EQ(a[0]["first_at"], kT + 100);
  EXPECT_EQ(a[0]["mismatches"], 2);
  EXPECT_EQ(*db_->CountIdentityReports(), 3);
  // The store's snapshot for its head office carries them.
  auto shown = db_->OwnIdentityAlarms(kT);
  ASSERT_TRUE(shown.ok());
  EXPECT_EQ(shown->size(), 2u);
  // A week after the report it leaves the dashboards; the count stays.
  EXPECT_EQ(Alarms(kT + 200 + kAlarmShownS + 1), json::array());
  EXPECT_EQ(*db_->CountIdentityReports(), 3);
}

TEST_F(ServerAlarmsTest, AMalformedReportIsAConflictAndShowsNothing) {
  EXPECT_EQ(Ingest(protocol::Event{"kiosk-1", 1, "server_identity", kT,
                                   json{{"first_at", kT}, {"last_at", kT - 1}, {"mismatches", 1}}},
                   kT),
            1);
  EXPECT_EQ(Alarms(kT), json::array());
  EXPECT_EQ(*db_->CountIdentityReports(), 0);
}

TEST_F(ServerAlarmsTest, TheHeadOfficeShowsEachStoresAlarmsByName) {
  ASSERT_TRUE(db_->SetHeadOffice().ok());
  ASSERT_TRUE(db_->AddKiosk(ClientRecord("store-a", 10, "store")).ok());
  protocol::TalliesPayload p;
  p.kiosks = protocol::KioskHealth{2, {}, {}, {{"kiosk-7", kT - 50, kT - 20, 3, kT}}};
  ASSERT_EQ(Ingest(protocol::Event{"store-a", 5, std::string(protocol::kTallies), kT,
                                   protocol::ToJson(p)},
                   kT + 5),
            0);
  json a = Alarms(kT + 10);
  ASSERT_EQ(a.size(), 1u) << a.dump();
  EXPECT_EQ(a[0]["store"], "store-a");
  EXPECT_EQ(a[0]["kiosk_id"], "kiosk-7");
  EXPECT_EQ(a[0]["name"], "Shop store-a · kiosk-7");
  EXPECT_EQ(a[0]["mismatches"], 3);
  // A store's own kiosk report would be a conflict at a head office.
  EXPECT_EQ(Report("store-a", 6, {kT, kT, 1}, kT + 20), 1);
}

}  // namespace
}  // namespace gb::store
