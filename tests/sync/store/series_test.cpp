// The dashboard's reads from the store database: GET /v1/series (series.cpp)
// and the fields GET /v1/tallies gained for it (queries.cpp): server name and
// clock, kiosks last seen, deal titles and terms, redeemed and cancelled.
#include <gtest/gtest.h>

#include <array>
#include <map>

#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/store/event_maker.h"

namespace gb::store {
namespace {

using nlohmann::json;
using test::kOpens;

class DashboardReadsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    auto db = StoreDb::Open(tmp_.File("store.db"));
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    for (uint32_t i = 0; i < 2; ++i) {
      std::array<uint8_t, 32> seed{};
      seed.fill(static_cast<uint8_t>(i + 1));
      auto key = voucher::SigningKey::FromSeed(seed);
      ASSERT_TRUE(key.ok());
      KioskRecord k;
      k.kiosk_id = Origin(i);
      k.key_id = i + 1;
      k.public_key_pem = key->Public().Pem();
      k.token_sha256 = Sha256("token-" + std::to_string(i));
      ASSERT_TRUE(db_->AddKiosk(k).ok());
      keys_.push_back(std::move(key).value());
    }
    rules::Deal capped = test::MakeDeal(43, 5);
    capped.cap = 30;
    capped.currency = "SEK";
    deals_ = {{42, test::MakeDeal(42, 3)}, {43, capped}};
    ASSERT_TRUE(db_->PutDeals({deals_[42], capped}, kOpens).ok());
  }

  static std::string Origin(uint32_t i) { return "kiosk-" + std::to_string(i + 1); }
  protocol::Event Sign(uint32_t kiosk, int64_t seq, uint32_t deal, int64_t joined_at) {
    return test::SignUp(keys_[kiosk], kiosk + 1, Origin(kiosk), seq,
                        static_cast<uint64_t>(seq) + 1000 * kiosk, deals_.at(deal), joined_at);
  }
  void Ingest(std::vector<protocol::Event> events, int64_t now) {
    std::vector<protocol::Batch> group = {test::MakeBatch(std::move(events))};
    auto r = db_->IngestGroup(group, now);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
  }
  json Series(size_t max_points = 500) {
    auto s = db_->Series(max_points);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : json();
  }
  static const json& DealOf(const json& tallies, uint32_t id) {
    for (const json& d : tallies["deals"]) {
      if (d["id"] == id) return d;
    }
    static const json kNone;
    return kNone;
  }

  test::ScopedTempDir tmp_;
  std::unique_ptr<StoreDb> db_;
  std::map<uint32_t, rules::Deal> deals_;  // as published in SetUp
  std::vector<voucher::SigningKey> keys_;
};

TEST_F(DashboardReadsTest, SeriesIsCumulativeByJoinTimeOverKiosks) {
  Ingest({Sign(0, 1, 42, kOpens + 100), Sign(0, 2, 42, kOpens + 300)}, kOpens + 400);
  Ingest({Sign(1, 1, 42, kOpens + 200), Sign(1, 2, 42, kOpens + 300)}, kOpens + 400);
  EXPECT_EQ(Series(), json::parse(R"({"deals": {"42": [[1700000100, 1], [1700000200, 2],
                                                        [1700000300, 4]]}})"));
}

TEST_F(DashboardReadsTest, SeriesLeavesOutCancelledPledgesAndEmptyDeals) {
  Ingest({Sign(0, 1, 43, kOpens + 100), Sign(0, 2, 43, kOpens + 200),
          test::Cancel(Origin(0), 3, 1, 1, kOpens + 250)},
         kOpens + 300);
  EXPECT_EQ(Series(), json::parse(R"({"deals": {"43": [[1700000200, 1]]}})"));
}

TEST_F(DashboardReadsTest, LongSeriesIsThinnedButEndsAtTheTotal) {
  std::vector<protocol::Event> events;
  for (int64_t s = 1; s <= 25; ++s) events.push_back(Sign(0, s, 43, kOpens + 10 * s));
  Ingest(std::move(events), kOpens + 1000);
  json line = Series(10)["deals"]["43"];
  ASSERT_LE(line.size(), 10u);
  ASSERT_GE(line.size(), 5u);
  EXPECT_EQ(line.back(), json({kOpens + 250, 25}));
  for (size_t i = 1; i < line.size(); ++i) {
    EXPECT_LT(line[i - 1][0], line[i][0]);
    EXPECT_LT(line[i - 1][1], line[i][1]);
  }
  EXPECT_EQ(Series()["deals"]["43"].size(), 25u);
}

TEST_F(DashboardReadsTest, TalliesNameTheServerAndItsClock) {
  auto t = db_->Tallies({"Main St", kOpens + 5, {}});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ((*t)["role"], "store");
  EXPECT_EQ((*t)["name"], "Main St");
  EXPECT_EQ((*t)["now"], kOpens + 5);
}

TEST_F(DashboardReadsTest, TalliesCarryTheTermsTheDashboardShows) {
  auto t = db_->Tallies({"Main St", kOpens, {}});
  ASSERT_TRUE(t.ok());
  const json& d = DealOf(*t, 43);
  EXPECT_EQ(d["title"], "Sofa 43");
  EXPECT_EQ(d["currency"], "SEK");
  EXPECT_EQ(d["deadline"], test::kDeadline);
  EXPECT_EQ(d["cap"], 30);
  EXPECT_EQ(DealOf(*t, 42)["cap"], 0);
}

TEST_F(DashboardReadsTest, TalliesCountRedeemedAndCancelled) {
  // Three sign-ups unlock deal 42; one is redeemed. One of deal 43's is cancelled.
  Ingest({Sign(0, 1, 42, kOpens + 100), Sign(0, 2, 42, kOpens + 110), Sign(0, 3, 42, kOpens + 120),
          Sign(0, 4, 43, kOpens + 130), Sign(0, 5, 43, kOpens + 140)},
         kOpens + 200);
  Ingest({test::Redeem(Origin(0), 6, 1, 2, kOpens + 300, "Till 1"),
          test::Cancel(Origin(0), 7, 1, 5, kOpens + 310)},
         kOpens + 400);
  auto t = db_->Tallies({"Main St", kOpens + 500, {}});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(DealOf(*t, 42)["state"], "unlocked");
  EXPECT_EQ(DealOf(*t, 42)["redeemed"], 1);
  EXPECT_EQ(DealOf(*t, 42)["cancelled"], 0);
  EXPECT_EQ(DealOf(*t, 42)["participants"], 3);
  EXPECT_EQ(DealOf(*t, 43)["redeemed"], 0);
  EXPECT_EQ(DealOf(*t, 43)["cancelled"], 1);
  EXPECT_EQ(DealOf(*t, 43)["participants"], 1);
}

TEST_F(DashboardReadsTest, KiosksLastSeenIsTheLaterOfEventsAndContacts) {
  Ingest({Sign(0, 1, 42, kOpens + 100)}, kOpens + 150);
  auto t = db_->Tallies({"Main St", kOpens + 1000, {}});
  ASSERT_TRUE(t.ok());
  ASSERT_EQ((*t)["kiosks"].size(), 2u);
  EXPECT_EQ((*t)["kiosks"][0], json({{"kiosk_id", "kiosk-1"},
                                     {"name", ""},
                                     {"last_seen_at", kOpens + 150},
                                     {"revoked", false}}));
  EXPECT_TRUE((*t)["kiosks"][1]["last_seen_at"].is_null());
  // A contact (a state poll) newer than the last event wins; an older one does not.
  t = db_->Tallies({"Main St", kOpens + 1000, {{"kiosk-1", kOpens + 900}, {"kiosk-2", 5}}});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ((*t)["kiosks"][0]["last_seen_at"], kOpens + 900);
  EXPECT_EQ((*t)["kiosks"][1]["last_seen_at"], 5);
  t = db_->Tallies({"Main St", kOpens + 1000, {{"kiosk-1", kOpens + 10}}});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ((*t)["kiosks"][0]["last_seen_at"], kOpens + 150);
}

TEST_F(DashboardReadsTest, RevokedKioskIsMarked) {
  ASSERT_TRUE(db_->RevokeKiosk("kiosk-2", kOpens).ok());
  auto t = db_->Tallies({"Main St", kOpens, {}});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ((*t)["kiosks"][1]["revoked"], true);
  EXPECT_EQ((*t)["kiosks"][0]["revoked"], false);
}

}  // namespace
}  // namespace gb::store
