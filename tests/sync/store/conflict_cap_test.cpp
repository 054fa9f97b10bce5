// One kiosk cannot fill the store with refused claims: past the per-kiosk
// cap its oldest conflicts are folded into a count, their rescue items and
// payload bytes go, and a resend of such an event is still recognised.
#include <gtest/gtest.h>

#include "core/sqlite/sqlite.h"
#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/store/event_maker.h"

namespace gb::store {
namespace {

constexpr int64_t kNow = test::kOpens + 4000;

class ConflictCapTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    auto db = StoreDb::Open(tmp_.File("store.db"));
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    auto key = voucher::SigningKey::Generate();
    ASSERT_TRUE(key.ok());
    for (const char* id : {"kiosk-1", "kiosk-2"}) {
      ASSERT_TRUE(db_->AddKiosk({id, id[6] == '1' ? 1u : 2u, key->Public().Pem(),
                                 Sha256(id), 0, std::nullopt})
                      .ok());
    }
    ASSERT_TRUE(db_->PutDeals({test::MakeDeal(42, 2)}, test::kOpens).ok());
    db_->set_conflict_cap(5);
  }
  void TearDown() override { EXPECT_EQ(db_->IntegrityCheck().value(), "ok"); }

  // A cancel of a pledge nobody signed up: refused as unknown_pledge.
  protocol::Event Junk(const std::string& origin, int64_t seq) {
    return test::Cancel(origin, seq, 1, static_cast<uint64_t>(1000 + seq), kNow);
  }
  IngestResult Ingest(std::vector<protocol::Event> events) {
    std::vector<protocol::Batch> group = {test::MakeBatch(std::move(events))};
    auto r = db_->IngestGroup(group, kNow);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->front() : IngestResult{};
  }
  int64_t Scalar(const std::string& sql) {
    auto db = sqlite::Db::Open(tmp_.File("store.db"), false);
    if (!db.ok()) return -1;
    auto st = db->Prepare(sql);
    if (!st.ok() || !*st->Step()) return -1;
    return st->Int(0);
  }

  test::ScopedTempDir tmp_;
  std::unique_ptr<StoreDb> db_;
};

TEST_F(ConflictCapTest, PastTheCapTheOldestAreFoldedIntoACountPerKind) {
  std::vector<protocol::Event> junk;
  for (int64_t seq = 1; seq <= 12; ++seq) junk.push_back(Junk("kiosk-1", seq));
  EXPECT_EQ(Ingest(junk).conflicts, 12);
  EXPECT_EQ(Scalar("SELECT count(*) FROM conflicts WHERE origin='kiosk-1'"), 5);
  // The newest are the ones kept.
  EXPECT_EQ(Scalar("SELECT min(seq) FROM conflicts WHERE origin='kiosk-1'"), 8);
  EXPECT_EQ(Scalar("SELECT n FROM conflict_summary WHERE origin='kiosk-1'"
                   " AND kind='unknown_pledge'"),
            7);
  EXPECT_EQ(db_->CountSummarisedConflicts().value(), 7);
  // The summarised events keep their place (origin, seq) but not their bytes.
  EXPECT_EQ(Scalar("SELECT count(*) FROM events WHERE origin='kiosk-1'"), 12);
  EXPECT_EQ(Scalar("SELECT count(*) FROM events WHERE origin='kiosk-1'"
                   " AND payload LIKE '{\"summarised\":%'"),
            7);
  // Another kiosk's conflicts are its own and untouched.
  EXPECT_EQ(Ingest({Junk("kiosk-2", 1)}).conflicts, 1);
  EXPECT_EQ(Scalar("SELECT count(*) FROM conflicts WHERE origin='kiosk-2'"), 1);
}

TEST_F(ConflictCapTest, AResendOfASummarisedEventIsTheSameEventNotAClone) {
  std::vector<protocol::Event> junk;
  for (int64_t seq = 1; seq <= 8; ++seq) junk.push_back(Junk("kiosk-1", seq));
  Ingest(junk);
  // A kiosk restored from a backup sends its first events again.
  IngestResult again = Ingest({Junk("kiosk-1", 1), Junk("kiosk-1", 2)});
  EXPECT_EQ(again.duplicates, 2);
  EXPECT_EQ(again.conflicts, 0);
  EXPECT_EQ(Scalar("SELECT count(*) FROM conflicts WHERE kind='seq_reuse'"), 0);
  // A different event under a summarised seq is still a clone's.
  protocol::Event other = Junk("kiosk-1", 3);
  other.at += 1;
  EXPECT_EQ(Ingest({other}).conflicts, 1);
  EXPECT_EQ(Scalar("SELECT count(*) FROM conflicts WHERE kind='seq_reuse'"), 1);
}

}  // namespace
}  // namespace gb::store
