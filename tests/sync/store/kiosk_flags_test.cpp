// The store's count of one shopper over every kiosk (POST /v1/shopper-check's
// StoreDb::ShopperCheck) and kiosks flagged at ingest when their voucher
// serials or event seqs jump (kiosk_flags.cpp), on a real StoreDb file.
#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/store/event_maker.h"

namespace gb::store {
namespace {

constexpr int64_t kNow = test::kOpens + 4000;
constexpr uint32_t kDeal = 42;  // two places per shopper

voucher::SigningKey Key(uint8_t fill) {
  std::array<uint8_t, 32> seed{};
  seed.fill(fill);
  return std::move(voucher::SigningKey::FromSeed(seed)).value();
}

class KioskFlagsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    auto db = StoreDb::Open(tmp_.File("store.db"));
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    for (uint32_t k = 1; k <= 2; ++k) {
      KioskRecord r{Kiosk(k), k, keys_[k - 1].Public().Pem(), Sha256("token-" + Kiosk(k)), 0,
                    std::nullopt};
      ASSERT_TRUE(db_->AddKiosk(r).ok());
    }
    deal_ = test::MakeDeal(kDeal, 5);
    deal_.per_shopper = 2;
    ASSERT_TRUE(db_->PutDeals({deal_}, test::kOpens).ok());
  }
  void TearDown() override { EXPECT_EQ(db_->IntegrityCheck().value(), "ok"); }

  static std::string Kiosk(uint32_t k) { return "kiosk-" + std::to_string(k); }
  protocol::Event Sign(uint32_t kiosk, uint64_t serial, uint64_t phone = 0) {
    return test::TamperedSignUp(keys_[kiosk - 1], kiosk, Kiosk(kiosk), ++seq_[kiosk - 1], serial,
                                deal_, test::kOpens + 3600, phone, nullptr);
  }
  IngestResult Ingest(std::vector<protocol::Event> events) {
    std::vector<protocol::Batch> group = {test::MakeBatch(std::move(events))};
    auto r = db_->IngestGroup(group, kNow);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->front() : IngestResult{};
  }
  ShopperStanding Standing(uint64_t phone) {
    auto s = db_->ShopperCheck(kDeal, test::PhoneHash(phone), kNow);
    EXPECT_TRUE(s.ok() && s->has_value());
    return s.ok() && *s ? **s : ShopperStanding{-1, -1};
  }
  const KioskRecord* Record(uint32_t k) {
    auto all = db_->ListKiosks();
    EXPECT_TRUE(all.ok());
    kiosks_ = all.ok() ? *all : std::vector<KioskRecord>{};
    for (const KioskRecord& r : kiosks_) {
      if (r.kiosk_id == Kiosk(k)) return &r;
    }
    return nullptr;
  }

  test::ScopedTempDir tmp_;
  std::unique_ptr<StoreDb> db_;
  std::array<voucher::SigningKey, 2> keys_{Key(1), Key(2)};
  std::array<int64_t, 2> seq_{};
  rules::Deal deal_;
  std::vector<KioskRecord> kiosks_;
};

TEST_F(KioskFlagsTest, TheShopperCheckCountsOnePhoneOverEveryKiosk) {
  EXPECT_EQ(Standing(777).joined, 0);
  EXPECT_TRUE(Standing(777).allowed());
  ASSERT_EQ(Ingest({Sign(1, 1, 777)}).conflicts, 0);
  EXPECT_EQ(Standing(777).joined, 1);
  EXPECT_EQ(Standing(777).limit, 2);
  EXPECT_TRUE(Standing(777).allowed());
  ASSERT_EQ(Ingest({Sign(2, 1, 777)}).conflicts, 0);  // the same hash at the other kiosk
  EXPECT_EQ(Standing(777).joined, 2);
  EXPECT_FALSE(Standing(777).allowed());
  EXPECT_EQ(Standing(778).joined, 0);  // another phone
  // A third place at either kiosk is the store's "shopper_limit" at ingest.
  EXPECT_EQ(Ingest({Sign(1, 2, 777)}).conflicts, 1);
  EXPECT_EQ(Standing(777).joined, 2);
  auto unknown = db_->ShopperCheck(99, test::PhoneHash(777), kNow);
  ASSERT_TRUE(unknown.ok());
  EXPECT_FALSE(unknown->has_value());
}

TEST_F(KioskFlagsTest, ASerialJumpFlagsTheKioskOnceAndItsSignUpStillCounts) {
  ASSERT_EQ(Ingest({Sign(1, 1)}).conflicts, 0);
  // Up to the bound beyond the highest is no jump (serials may be lost to
  // a crash, or to refused sign-ups, but not thousands).
  ASSERT_EQ(Ingest({Sign(1, 1 + kSerialJumpBound)}).conflicts, 0);
  ASSERT_NE(Record(1), nullptr);
  EXPECT_FALSE(Record(1)->flagged_at.has_value());
  const uint64_t far = 2 + 2 * kSerialJumpBound;
  ASSERT_EQ(Ingest({Sign(1, far)}).conflicts, 0);
  ASSERT_TRUE(Record(1)->flagged_at.has_value());
  EXPECT_EQ(*Record(1)->flagged_at, kNow);
  EXPECT_EQ(Record(1)->flag_reason, "serial_jump: key 1 serial " + std::to_string(far) +
                                        " after " + std::to_string(1 + kSerialJumpBound));
  auto t = db_->Tallies();
  ASSERT_TRUE(t.ok());
  EXPECT_EQ((*t)["deals"][0]["participants"], 3);  // a flag, not a refusal
  // Recorded once: a later jump keeps the first reason.
  ASSERT_EQ(Ingest({Sign(1, far + 3 * kSerialJumpBound)}).conflicts, 0);
  EXPECT_NE(Record(1)->flag_reason.find(" serial " + std::to_string(far) + " "), std::string::npos);
  EXPECT_FALSE(Record(2)->flagged_at.has_value());
  // The dashboard's kiosk list carries it.
  bool shown = false;
  auto after = db_->Tallies();
  ASSERT_TRUE(after.ok());
  for (const auto& k : (*after)["kiosks"]) {
    if (k["kiosk_id"] == Kiosk(1)) shown = k.contains("flagged_at") && k.contains("flag_reason");
  }
  EXPECT_TRUE(shown);
}

TEST_F(KioskFlagsTest, AFirstSerialFarFromOneIsAJumpToo) {
  ASSERT_EQ(Ingest({Sign(2, kSerialJumpBound)}).conflicts, 0);
  EXPECT_FALSE(Record(2)->flagged_at.has_value());
  ASSERT_EQ(Ingest({Sign(1, kSerialJumpBound + 1)}).conflicts, 0);
  ASSERT_TRUE(Record(1)->flagged_at.has_value());
  EXPECT_EQ(Record(1)->flag_reason.rfind("serial_jump:", 0), 0u);
}

TEST_F(KioskFlagsTest, AnEventSeqJumpFlagsTheKiosk) {
  ASSERT_EQ(Ingest({Sign(2, 1)}).conflicts, 0);
  seq_[1] += kSerialJumpBound;  // the next seq is 2 + bound: one beyond it
  ASSERT_EQ(Ingest({Sign(2, 2)}).conflicts, 0);
  ASSERT_TRUE(Record(2)->flagged_at.has_value());
  EXPECT_EQ(Record(2)->flag_reason,
            "seq_jump: event seq " + std::to_string(kSerialJumpBound + 2) + " after 1");
  EXPECT_FALSE(Record(1)->flagged_at.has_value());
}

}  // namespace
}  // namespace gb::store
