// Quota leases in the store database: what GrantLeases lends each kiosk of a
// capped deal, and that the kiosks together never hold more than the cap.
#include <gtest/gtest.h>

#include <array>

#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/store/event_maker.h"

namespace gb::store {
namespace {

constexpr int64_t kNow = test::kOpens + 4000;

class LeasesTest : public ::testing::Test {
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
      k.key_id = i + 1;
      k.public_key_pem = key->Public().Pem();
      k.token_sha256 = Sha256("token-" + std::to_string(i));
      ASSERT_TRUE(db_->AddKiosk(k).ok());
      keys_.push_back(std::move(key).value());
    }
    capped_ = test::MakeDeal(42, 3);
    capped_.cap = 6;
    rules::Deal open_ended = test::MakeDeal(43, 2);  // no cap: no lease
    ASSERT_TRUE(db_->PutDeals({capped_, open_ended}, test::kOpens).ok());
    policy_.block = 2;
  }

  static std::string Origin(uint32_t i) { return "kiosk-" + std::to_string(i + 1); }

  // Kiosk i's lease on deal 42 after it asks at `now`.
  rules::Lease Ask(uint32_t i, int64_t now = kNow) {
    const std::string who = Origin(i);
    auto r = db_->GrantLeases(std::span(&who, 1), now, policy_);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    if (!r.ok() || r->front().size() != 1) {
      ADD_FAILURE() << "expected exactly one lease (deal 42)";
      return {};
    }
    EXPECT_EQ(r->front().front().lease.deal_id, 42u);
    return r->front().front().lease;
  }

  // Kiosk i signs up n more shoppers for deal 42 (uploaded and ingested).
  void Use(uint32_t i, int n) {
    std::vector<protocol::Event> events;
    for (int k = 0; k < n; ++k) {
      ++seq_[i];
      events.push_back(test::SignUp(keys_[i], i + 1, Origin(i), seq_[i],
                                    static_cast<uint64_t>(seq_[i]), capped_, test::kOpens + 3600,
                                    (i + 1) * 1000 + static_cast<uint64_t>(seq_[i])));
    }
    std::vector<protocol::Batch> group = {test::MakeBatch(std::move(events))};
    auto r = db_->IngestGroup(group, kNow);
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    ASSERT_EQ(r->front().conflicts, 0);
  }

  int64_t TotalHeld() {
    auto leases = db_->ListLeases(42);
    EXPECT_TRUE(leases.ok());
    int64_t total = 0;
    for (const KioskLease& l : *leases) total += rules::HeldSeats({l.used, l.lease});
    return total;
  }

  test::ScopedTempDir tmp_;
  std::unique_ptr<StoreDb> db_;
  std::vector<voucher::SigningKey> keys_;
  std::array<int64_t, 3> seq_{};
  rules::LeasePolicy policy_;
  rules::Deal capped_;  // deal 42
};

TEST_F(LeasesTest, GrantsNeverExceedTheCapAcrossKiosks) {
  EXPECT_EQ(Ask(0).seats, 2);
  EXPECT_EQ(Ask(1).seats, 2);
  EXPECT_EQ(Ask(2).seats, 2);
  EXPECT_EQ(TotalHeld(), 6);
  // All lent: a kiosk that used its two gets no more, however often it asks.
  Use(0, 2);
  EXPECT_EQ(Ask(0).seats, 2);
  EXPECT_EQ(Ask(0).seats, 2);
  EXPECT_EQ(TotalHeld(), 6);
}

TEST_F(LeasesTest, AGroupOfKiosksInOneTransactionSharesTheCapToo) {
  policy_.block = 4;
  const std::vector<std::string> who = {Origin(0), Origin(1), Origin(2), Origin(0)};
  auto r = db_->GrantLeases(who, kNow, policy_);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->size(), 4u);
  EXPECT_EQ((*r)[0].front().lease.seats, 4);
  EXPECT_EQ((*r)[1].front().lease.seats, 2);
  EXPECT_EQ((*r)[2].front().lease.seats, 0);  // nothing left
  EXPECT_EQ((*r)[3].front().lease.seats, 4);  // asked again: unchanged
  EXPECT_EQ(TotalHeld(), 6);
}

TEST_F(LeasesTest, UsingTheLeaseTopsItUpAndExtendsIt) {
  policy_.block = 2;
  const rules::Lease first = Ask(0);
  EXPECT_EQ(first, (rules::Lease{42, 2, kNow + policy_.ttl_s}));
  Use(0, 1);
  const rules::Lease later = Ask(0, kNow + 60);
  EXPECT_EQ(later.seats, 3);  // used 1 + block 2
  EXPECT_EQ(later.expires_at, kNow + 60 + policy_.ttl_s);
}

TEST_F(LeasesTest, AnExpiredLeaseReturnsItsUnusedSeatsWhenItsKioskAsksAgain) {
  policy_.block = 3;
  EXPECT_EQ(Ask(0).seats, 3);
  EXPECT_EQ(Ask(1).seats, 3);
  EXPECT_EQ(Ask(2).seats, 0);
  Use(0, 1);
  const int64_t later = kNow + policy_.ttl_s + policy_.grace_s;
  // Kiosk 1 comes back after its lease ran out: re-based on its 0 used.
  policy_.block = 1;
  EXPECT_EQ(Ask(1, later).seats, 1);
  // Kiosk 0's lease ran out too, but it has not asked: it may have signed
  // up offline what the store has not heard of yet, so it still holds 3.
  EXPECT_EQ(Ask(2, later).seats, 1);
  EXPECT_EQ(TotalHeld(), 5);
}

TEST_F(LeasesTest, UsedSeatsCountAfterExpiryAndWithoutALease) {
  policy_.block = 2;
  EXPECT_EQ(Ask(0).seats, 2);
  Use(0, 2);
  Use(2, 3);  // kiosk 2 never asked for a lease (an older kiosk)
  const int64_t later = kNow + 10 * policy_.ttl_s;
  // Kiosk 0 re-based on its 2 used; 3 used by kiosk 2: 1 seat is left.
  EXPECT_EQ(Ask(0, later).seats, 3);
  EXPECT_EQ(Ask(1, later).seats, 0);
  EXPECT_EQ(TotalHeld(), 3);  // the leases; with kiosk 2's 3 outside them: the cap
}

TEST_F(LeasesTest, ARevokedKioskHoldsOnlyWhatItUsed) {
  policy_.block = 3;
  EXPECT_EQ(Ask(0).seats, 3);
  EXPECT_EQ(Ask(1).seats, 3);
  Use(0, 1);
  ASSERT_TRUE(db_->RevokeKiosk(Origin(0), kNow + 10).ok());
  EXPECT_EQ(Ask(2, kNow + 20).seats, 2);
}

TEST_F(LeasesTest, OnlyCappedDealsTakingSignUpsAreLent) {
  const std::string who = Origin(0);
  auto before = db_->GrantLeases(std::span(&who, 1), test::kOpens - 10, policy_);
  ASSERT_TRUE(before.ok());
  EXPECT_TRUE(before->front().empty());  // not open yet
  auto after = db_->GrantLeases(std::span(&who, 1), test::kStop, policy_);
  ASSERT_TRUE(after.ok());
  EXPECT_TRUE(after->front().empty());  // stopped
  auto now = db_->GrantLeases(std::span(&who, 1), kNow, policy_);
  ASSERT_TRUE(now.ok());
  ASSERT_EQ(now->front().size(), 1u);  // deal 42 only: 43 has no cap
  auto integrity = db_->IntegrityCheck();
  ASSERT_TRUE(integrity.ok());
  EXPECT_EQ(*integrity, "ok");
}

}  // namespace
}  // namespace gb::store
