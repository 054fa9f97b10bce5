// The store database on real SQLite files: idempotent ingest, conflicts,
// tallies over kiosks, and the server's decisions on deal states.
#include "sync/store/schema.h"
#include "sync/store/store_db.h"

#include <gtest/gtest.h>

#include <array>

#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/store/event_maker.h"

namespace gb::store {
namespace {

using test::MakeBatch;
using test::SignUp;

class StoreDbTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    auto db = StoreDb::Open(tmp_.File("store.db"));
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    for (uint32_t i = 0; i < 3; ++i) {
      std::array<uint8_t, 32> seed{};
      seed.fill(static_cast<uint8_t>(i + 1));
      auto key = voucher::SigningKey::FromSeed(seed);
      ASSERT_TRUE(key.ok());
      KioskRecord k;
      k.kiosk_id = Origin(i);
      auto key_id = db_->NextKeyId();
      ASSERT_TRUE(key_id.ok());
      k.key_id = *key_id;
      k.public_key_pem = key->Public().Pem();
      k.token_sha256 = Sha256("token-" + std::to_string(i));
      ASSERT_TRUE(db_->AddKiosk(k).ok());
      keys_.push_back(std::move(key).value());
    }
    ASSERT_TRUE(db_->PutDeals({test::MakeDeal(42, 3), test::MakeDeal(43, 2)}, test::kOpens).ok());
  }

  static std::string Origin(uint32_t i) { return "kiosk-" + std::to_string(i + 1); }
  static uint32_t KeyId(uint32_t i) { return i + 1; }
  // The deals of SetUp (any other id: a deal this store does not have).
  static rules::Deal DealOf(uint32_t id) { return test::MakeDeal(id, id == 43 ? 2 : 3); }
  protocol::Event Sign(uint32_t kiosk, int64_t seq, uint64_t serial, uint32_t deal = 42) {
    return SignUp(keys_[kiosk], KeyId(kiosk), Origin(kiosk), seq, serial, DealOf(deal));
  }

  IngestResult Ingest(std::vector<protocol::Event> events, int64_t now = test::kOpens + 4000) {
    std::vector<protocol::Batch> group = {MakeBatch(std::move(events))};
    auto r = db_->IngestGroup(group, now);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->front() : IngestResult{};
  }

  nlohmann::json Deal(uint32_t id) {
    auto t = db_->Tallies();
    EXPECT_TRUE(t.ok());
    for (const auto& d : (*t)["deals"]) {
      if (d["id"] == id) return d;
    }
    return {};
  }

  std::vector<std::string> ConflictKinds() {
    std::vector<std::string> kinds;
    // Read straight from the table: the kinds are the contract for staff.
    auto db = sqlite::Db::Open(tmp_.File("store.db"), false);
    EXPECT_TRUE(db.ok());
    auto st = db->Prepare("SELECT kind FROM conflicts ORDER BY id");
    EXPECT_TRUE(st.ok());
    while (*st->Step()) kinds.push_back(st->Text(0));
    return kinds;
  }

  test::ScopedTempDir tmp_;
  std::unique_ptr<StoreDb> db_;
  std::vector<voucher::SigningKey> keys_;
};

TEST_F(StoreDbTest, OpensWithSchemaVersionAndWal) {
  auto db = sqlite::Db::Open(tmp_.File("store.db"), false);
  ASSERT_TRUE(db.ok());
  auto v = db->Prepare("PRAGMA user_version");
  ASSERT_TRUE(v.ok() && *v->Step());
  EXPECT_EQ(v->Int(0), store::kSchemaVersion);
  auto j = db->Prepare("PRAGMA journal_mode");
  ASSERT_TRUE(j.ok() && *j->Step());
  EXPECT_EQ(j->Text(0), "wal");
}

TEST_F(StoreDbTest, IngestStoresAndAcksHighestSeq) {
  IngestResult r = Ingest({Sign(0, 1, 1), Sign(0, 2, 2)});
  EXPECT_EQ(r.acked_seq, 2);
  EXPECT_EQ(r.new_events, 2);
  EXPECT_EQ(r.duplicates, 0);
  EXPECT_EQ(Deal(42)["committed"], 2);
  EXPECT_EQ(Deal(42)["by_kiosk"]["kiosk-1"]["committed"], 2);
  EXPECT_EQ(Deal(42)["state"], "open");
}

TEST_F(StoreDbTest, ReplayChangesNothingAndAcksAgain) {
  Ingest({Sign(0, 1, 1), Sign(0, 2, 2)});
  auto rev = db_->Revision();
  IngestResult again = Ingest({Sign(0, 1, 1), Sign(0, 2, 2)});
  EXPECT_EQ(again.acked_seq, 2);
  EXPECT_EQ(again.new_events, 0);
  EXPECT_EQ(again.duplicates, 2);
  EXPECT_EQ(Deal(42)["committed"], 2);
  EXPECT_EQ(*db_->Revision(), *rev);
  // An old batch after a newer one still acks the newest stored seq.
  Ingest({Sign(0, 3, 3)});
  EXPECT_EQ(Ingest({Sign(0, 1, 1)}).acked_seq, 3);
}

TEST_F(StoreDbTest, UnlocksBySumOverKiosks) {
  Ingest({Sign(0, 1, 1)});
  Ingest({Sign(1, 1, 1)});
  EXPECT_EQ(Deal(42)["state"], "open");
  Ingest({Sign(2, 1, 1)});
  nlohmann::json d = Deal(42);
  EXPECT_EQ(d["state"], "unlocked");
  EXPECT_EQ(d["committed"], 3);
  EXPECT_EQ(d["by_kiosk"].size(), 3u);
  EXPECT_EQ(d["tier"], 0);
  EXPECT_EQ(d["price"], 59900);
}

TEST_F(StoreDbTest, GroupOfBatchesFromThreeKiosksIsOneRevision) {
  auto before = *db_->Revision();
  std::vector<protocol::Batch> group = {MakeBatch({Sign(0, 1, 1)}), MakeBatch({Sign(1, 5, 9)}),
                                        MakeBatch({Sign(2, 1, 1), Sign(2, 2, 2)})};
  auto r = db_->IngestGroup(group, test::kOpens + 4000);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ((*r)[0].acked_seq, 1);
  EXPECT_EQ((*r)[1].acked_seq, 5);
  EXPECT_EQ((*r)[2].acked_seq, 2);
  EXPECT_EQ(*db_->Revision(), before + 1);
  EXPECT_EQ(Deal(42)["committed"], 4);
}

TEST_F(StoreDbTest, SameSeqWithOtherContentIsAConflictOnce) {
  Ingest({Sign(0, 1, 1)});
  IngestResult r = Ingest({Sign(0, 1, 2)});  // a restored kiosk reuses seq 1
  EXPECT_EQ(r.conflicts, 1);
  EXPECT_EQ(Ingest({Sign(0, 1, 2)}).conflicts, 0);
  EXPECT_EQ(ConflictKinds(), std::vector<std::string>{"seq_reuse"});
  EXPECT_EQ(Deal(42)["committed"], 1);
}

TEST_F(StoreDbTest, SameSerialWithOtherVoucherIsAConflict) {
  Ingest({Sign(0, 1, 7)});
  // A cloned kiosk: new seq, same key id and serial, another shopper.
  protocol::Event clone = SignUp(keys_[0], KeyId(0), Origin(0), 2, 7, DealOf(42), test::kOpens + 3600, 99);
  IngestResult r = Ingest({clone});
  EXPECT_EQ(r.conflicts, 1);
  EXPECT_EQ(ConflictKinds(), std::vector<std::string>{"serial_reuse"});
  EXPECT_EQ(Deal(42)["committed"], 1);
  EXPECT_EQ(Deal(42)["conflicts"], 1);
}

TEST_F(StoreDbTest, BadSignatureForeignKeyAndUnknownDealAreRecordedNotCounted) {
  // Signed by kiosk 2's key but claiming kiosk 1's key id.
  protocol::Event forged = SignUp(keys_[1], KeyId(0), Origin(0), 1, 1, DealOf(42));
  // Kiosk 1 sending a voucher of kiosk 2's key.
  protocol::Event foreign = SignUp(keys_[1], KeyId(1), Origin(0), 2, 1, DealOf(42));
  protocol::Event no_deal = Sign(0, 3, 2, 777);
  IngestResult r = Ingest({forged, foreign, no_deal, Sign(0, 4, 3)});
  EXPECT_EQ(r.acked_seq, 4);  // refused events never block later ones
  EXPECT_EQ(r.conflicts, 3);
  EXPECT_EQ(ConflictKinds(),
            (std::vector<std::string>{"bad_signature", "foreign_key", "unknown_deal"}));
  EXPECT_EQ(Deal(42)["committed"], 1);
}

TEST_F(StoreDbTest, LateSignUpGoesToTheConflictList) {
  protocol::Event late = SignUp(keys_[0], KeyId(0), Origin(0), 1, 1, DealOf(42), test::kStop + 1);
  EXPECT_EQ(Ingest({late}).conflicts, 1);
  EXPECT_EQ(ConflictKinds(), std::vector<std::string>{"late_sign_up"});
  EXPECT_EQ(Deal(42)["committed"], 0);
}

TEST_F(StoreDbTest, CancelFreesTheSeat) {
  Ingest({Sign(0, 1, 1), Sign(0, 2, 2), test::Cancel(Origin(0), 3, KeyId(0), 1)});
  EXPECT_EQ(Deal(42)["committed"], 1);
  EXPECT_EQ(Ingest({test::Cancel(Origin(0), 4, KeyId(0), 99)}).conflicts, 1);
  EXPECT_EQ(ConflictKinds(), std::vector<std::string>{"unknown_pledge"});
}

TEST_F(StoreDbTest, SecondRedemptionIsADoubleRedeemConflict) {
  Ingest({Sign(0, 1, 1, 43), Sign(1, 1, 1, 43)});
  ASSERT_EQ(Deal(43)["state"], "unlocked");
  const int64_t at = test::kOpens + 5000;
  // Two of the issuing kiosk's own tills, offline: the events are its own.
  EXPECT_EQ(Ingest({test::Redeem(Origin(0), 10, KeyId(0), 1, at, "Till 1")}).conflicts, 0);
  EXPECT_EQ(Ingest({test::Redeem(Origin(0), 11, KeyId(0), 1, at + 9, "Till 2")}).conflicts, 1);
  EXPECT_EQ(ConflictKinds(), std::vector<std::string>{"double_redeem"});
  EXPECT_EQ(Deal(43)["committed"], 2);  // redeemed pledges still count
}

TEST_F(StoreDbTest, DealFailsAtItsDeadlineAndItsPledgesAreVoid) {
  Ingest({Sign(0, 1, 1)});
  auto none = db_->AdvanceDeals(test::kDeadline - 1);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, 0);
  auto changed = db_->AdvanceDeals(test::kDeadline + 1);
  ASSERT_TRUE(changed.ok());
  EXPECT_EQ(*changed, 2);  // both deals were below their thresholds
  EXPECT_EQ(Deal(42)["state"], "failed");
  EXPECT_EQ(Deal(42)["committed"], 0);
}

TEST_F(StoreDbTest, StateSinceReturnsOnlyWhatChanged) {
  auto all = db_->State(0);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ((*all)["deals"].size(), 2u);
  EXPECT_EQ((*all)["kiosks"].size(), 3u);
  const int64_t rev = (*all)["revision"];
  Ingest({Sign(0, 1, 1)});
  auto delta = db_->State(rev);
  ASSERT_TRUE(delta.ok());
  EXPECT_EQ((*delta)["revision"], rev + 1);
  ASSERT_EQ((*delta)["deals"].size(), 1u);
  EXPECT_EQ((*delta)["deals"][0]["deal"]["id"], 42);
  EXPECT_EQ((*delta)["deals"][0]["committed"], 1);
  EXPECT_TRUE((*delta)["kiosks"].empty());
  auto nothing = db_->State(rev + 1);
  ASSERT_TRUE(nothing.ok());
  EXPECT_TRUE((*nothing)["deals"].empty());
}

TEST_F(StoreDbTest, TermsOfADealWithPledgesAreLocked) {
  Ingest({Sign(0, 1, 1)});
  rules::Deal changed = test::MakeDeal(42, 5);
  base::Status s = db_->PutDeals({changed}, test::kOpens);
  EXPECT_EQ(s.reason(), "terms_locked");
  EXPECT_TRUE(db_->PutDeals({test::MakeDeal(43, 5)}, test::kOpens).ok());  // no pledges yet
}

TEST_F(StoreDbTest, EnrollingTwiceIsRefused) {
  KioskRecord k;
  k.kiosk_id = Origin(0);
  k.key_id = 9;
  k.public_key_pem = keys_[0].Public().Pem();
  EXPECT_EQ(db_->AddKiosk(k).reason(), "kiosk_enrolled");
  EXPECT_EQ(*db_->NextKeyId(), 4u);
}

TEST_F(StoreDbTest, IntegrityCheckAndWritableOnAFreshFile) {
  EXPECT_EQ(*db_->IntegrityCheck(), "ok");
  EXPECT_TRUE(db_->CheckWritable().ok());
}

}  // namespace
}  // namespace gb::store
