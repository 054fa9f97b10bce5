// StoreDb::PurgePersonalData: phone hashes of ended deals go from pledges and
// stored events; a kiosk's resend of a purged event is still the same event.
#include <gtest/gtest.h>

#include <map>

#include "core/sqlite/sqlite.h"
#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/store/event_maker.h"

namespace gb::store {
namespace {

constexpr int64_t kKeep = 30 * 86400;
constexpr int64_t kEnded = test::kOpens + 30 * 86400;  // MakeDeal's redeem_by

class StorePurgeTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    auto db = StoreDb::Open(tmp_.File("store.db"));
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    std::array<uint8_t, 32> seed{};
    seed.fill(9);
    key_.emplace(std::move(voucher::SigningKey::FromSeed(seed)).value());
    KioskRecord k{"kiosk-1", 1, key_->Public().Pem(), Sha256("token"), 0, std::nullopt};
    ASSERT_TRUE(db_->AddKiosk(k).ok());
    rules::Deal later = test::MakeDeal(43, 2);
    later.redeem_by = kEnded + 365 * 86400;
    deals_ = {{42, test::MakeDeal(42, 2)}, {43, later}};
    ASSERT_TRUE(db_->PutDeals({deals_[42], later}, test::kOpens).ok());
    events_ = {Sign(1, 1, 42), Sign(2, 2, 42), Sign(3, 3, 43)};
    ASSERT_TRUE(Ingest(events_).ok());
  }
  protocol::Event Sign(int64_t seq, uint64_t serial, uint32_t deal) {
    return test::SignUp(*key_, 1, "kiosk-1", seq, serial, deals_.at(deal));
  }
  base::Result<std::vector<IngestResult>> Ingest(std::vector<protocol::Event> events) {
    std::vector<protocol::Batch> group = {test::MakeBatch(std::move(events))};
    return db_->IngestGroup(group, test::kOpens + 4000);
  }
  // A second connection, as an auditor would read the file.
  int64_t Count(const std::string& sql) {
    auto db = sqlite::Db::Open(tmp_.File("store.db"), /*create=*/false);
    if (!db.ok()) return -1;
    auto st = db->Prepare(sql);
    if (!st.ok()) return -1;
    auto row = st->Step();
    return row.ok() && *row ? st->Int(0) : -1;
  }

  test::ScopedTempDir tmp_;
  std::unique_ptr<StoreDb> db_;
  std::map<uint32_t, rules::Deal> deals_;  // as published in SetUp
  std::optional<voucher::SigningKey> key_;
  std::vector<protocol::Event> events_;
};

constexpr char kZero[] = "'0000000000000000000000000000000000000000000000000000000000000000'";

TEST_F(StorePurgeTest, AnEndedDealLosesItsPhoneHashesAndKeepsItsCounts) {
  auto early = db_->PurgePersonalData(kEnded + kKeep - 1, kKeep);
  ASSERT_TRUE(early.ok()) << early.status().ToString();
  EXPECT_EQ(early->deals, 0);
  auto c = db_->PurgePersonalData(kEnded + kKeep, kKeep);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->deals, 1);
  EXPECT_EQ(c->pledges, 2);
  EXPECT_EQ(c->events, 2);
  EXPECT_EQ(Count(std::string("SELECT count(*) FROM pledges WHERE phone_hash=") + kZero), 2);
  EXPECT_EQ(Count(std::string("SELECT count(*) FROM events WHERE json_extract(payload,"
                              " '$.phone_hash')=") + kZero),
            2);
  EXPECT_EQ(Count("SELECT count(*) FROM pledges WHERE deal_id=43 AND phone_hash GLOB '*[1-9a-f]*'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM pledges WHERE deal_id=42"), 2) << "the count stays";
  EXPECT_EQ(db_->PurgePersonalData(kEnded + kKeep, kKeep)->pledges, 0) << "nothing left";
  EXPECT_EQ(db_->IntegrityCheck().value(), "ok");
}

TEST_F(StorePurgeTest, AResendOfAPurgedEventIsNotAClone) {
  ASSERT_TRUE(db_->PurgePersonalData(kEnded + kKeep, kKeep).ok());
  // The kiosk lost its cursor and sends everything again, hashes intact.
  auto again = Ingest(events_);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->front().duplicates, 3);
  EXPECT_EQ(again->front().conflicts, 0);
  EXPECT_EQ(db_->CountConflicts().value(), 0);
  // A different event under a purged one's seq is still a clone's.
  protocol::Event other = Sign(1, 9, 42);
  auto clone = Ingest({other});
  ASSERT_TRUE(clone.ok());
  EXPECT_EQ(db_->CountConflicts().value(), 1);
}

}  // namespace
}  // namespace gb::store
