// StoreDb::RotateKey: a kiosk's new key under a new key id, the old one kept
// and valid for what it signed before the rotation, nothing else changed.
#include <gtest/gtest.h>

#include <array>
#include <map>

#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/store/event_maker.h"

namespace gb::store {
namespace {

using nlohmann::json;

constexpr int64_t kRotated = test::kOpens + 5000;

voucher::SigningKey Key(uint8_t n) {
  std::array<uint8_t, 32> seed{};
  seed.fill(n);
  return std::move(voucher::SigningKey::FromSeed(seed)).value();
}

class RotateKeyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    auto db = StoreDb::Open(tmp_.File("store.db"));
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    KioskRecord r{"kiosk-1", 1, old_.Public().Pem(), Sha256("t1"), 0, std::nullopt};
    ASSERT_TRUE(db_->AddKiosk(r).ok());
    KioskRecord other{"kiosk-2", 2, Key(2).Public().Pem(), Sha256("t2"), 0, std::nullopt};
    ASSERT_TRUE(db_->AddKiosk(other).ok());
    ASSERT_TRUE(db_->PutDeals({test::MakeDeal(42, 3)}, test::kOpens).ok());
  }

  // One sign-up of kiosk-1 signed with `key` as key id `key_id` at `at`;
  // returns the conflicts it caused (0: taken).
  int SignUp(const voucher::SigningKey& key, uint32_t key_id, uint64_t serial, int64_t at) {
    protocol::Event e = test::SignUp(key, key_id, "kiosk-1", ++seq_, serial, test::MakeDeal(42, 3), at);
    if (key_id == 1) vouchers_[serial] = e.payload["voucher"].get<std::string>();
    std::vector<protocol::Batch> group = {test::MakeBatch({e})};
    auto r = db_->IngestGroup(group, at + 10);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? (*r)[0].conflicts : -1;
  }
  int64_t Committed() {
    auto t = db_->Tallies(TalliesContext{"S", kRotated, {}});
    EXPECT_TRUE(t.ok());
    for (const json& d : (*t)["deals"]) {
      if (d["id"] == 42) return d["committed"].get<int64_t>() + d["reserved"].get<int64_t>();
    }
    return -1;
  }

  test::ScopedTempDir tmp_;
  std::unique_ptr<StoreDb> db_;
  voucher::SigningKey old_ = Key(1);
  voucher::SigningKey new_ = Key(9);
  int64_t seq_ = 0;
  std::map<uint64_t, std::string> vouchers_;  // key id 1's, by serial
};

TEST_F(RotateKeyTest, TheOldKeyStaysValidForWhatItSignedBeforeAndTheNewOneTakesOver) {
  ASSERT_EQ(SignUp(old_, 1, 1, test::kOpens + 3600), 0);
  const int64_t rev = *db_->Revision();
  auto r = db_->RotateKey("kiosk-1", new_.Public().Pem(), kRotated);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->key_id, 3u);  // the next key id of the store, not reused
  EXPECT_EQ(r->retired_key_id, 1u);
  EXPECT_EQ(r->token.size(), 64u);  // the token rotates too
  // Signed with the old key, and received, before the rotation time: counts.
  EXPECT_EQ(SignUp(old_, 1, 2, kRotated - 60), 0);
  // Signed with the old key after it: refused as a revoked key's.
  EXPECT_EQ(SignUp(old_, 1, 3, kRotated + 60), 1);
  // The new key under its new id, serials from 1 again.
  EXPECT_EQ(SignUp(new_, 3, 1, kRotated + 60), 0);
  // Another kiosk's key id is still refused for kiosk-1.
  EXPECT_EQ(SignUp(Key(2), 2, 9, kRotated + 60), 1);
  EXPECT_EQ(Committed(), 3);
  // Kiosks hear of both keys: the old one as revoked at the rotation.
  auto state = db_->State(rev);
  ASSERT_TRUE(state.ok());
  std::map<int64_t, json> keys;
  for (const json& k : (*state)["kiosks"]) keys[k["key_id"].get<int64_t>()] = k;
  ASSERT_EQ(keys.count(1), 1u) << (*state)["kiosks"].dump();
  ASSERT_EQ(keys.count(3), 1u) << (*state)["kiosks"].dump();
  EXPECT_EQ(keys[1]["kiosk_id"], "kiosk-1");
  EXPECT_EQ(keys[1]["revoked_at"], kRotated);
  EXPECT_EQ(keys[1]["public_key"], old_.Public().Pem());
  EXPECT_EQ(keys[3]["kiosk_id"], "kiosk-1");
  EXPECT_TRUE(keys[3]["revoked_at"].is_null());
  EXPECT_EQ(keys.count(2), 0u);  // unchanged since rev
  // The deal unlocked at 3; an old-key voucher signed before the rotation
  // redeems at a till as VALID, and the kiosk hears of that change to a
  // pledge of its old key.
  ASSERT_TRUE(db_->AdvanceDeals(kRotated + 100).ok());
  const int64_t before_redeem = *db_->Revision();
  RedeemRequest req;
  req.voucher = vouchers_[1];
  req.place = "till-1";
  req.now = kRotated + 120;
  auto v = db_->Redeem(req);
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  EXPECT_EQ(v->verdict, "VALID") << v->reason << " " << v->message;
  auto mine = db_->State(before_redeem, "kiosk-1");
  ASSERT_TRUE(mine.ok());
  ASSERT_EQ((*mine)["pledges"].size(), 1u) << (*mine)["pledges"].dump();
  EXPECT_EQ((*mine)["pledges"][0]["key_id"], 1);
  EXPECT_EQ((*mine)["pledges"][0]["serial"], 1);
}

TEST_F(RotateKeyTest, AskingAgainWithTheSameKeyChangesNothing) {
  auto first = db_->RotateKey("kiosk-1", new_.Public().Pem(), kRotated);
  ASSERT_TRUE(first.ok());
  const int64_t rev = *db_->Revision();
  auto again = db_->RotateKey("kiosk-1", new_.Public().Pem(), kRotated + 100);
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->key_id, first->key_id);
  EXPECT_EQ(again->retired_key_id, 0u);
  EXPECT_EQ(*db_->Revision(), rev);
}

TEST_F(RotateKeyTest, RefusalsNameTheProblemAndChangeNothing) {
  const int64_t rev = *db_->Revision();
  EXPECT_EQ(db_->RotateKey("kiosk-9", new_.Public().Pem(), kRotated).status().reason(),
            "unknown_kiosk");
  // Another kiosk's key, or the kiosk's own retired key, is not a new key.
  EXPECT_EQ(db_->RotateKey("kiosk-1", Key(2).Public().Pem(), kRotated).status().reason(),
            "key_enrolled");
  EXPECT_EQ(*db_->Revision(), rev);
  ASSERT_TRUE(db_->RotateKey("kiosk-1", new_.Public().Pem(), kRotated).ok());
  EXPECT_EQ(db_->RotateKey("kiosk-1", old_.Public().Pem(), kRotated).status().reason(),
            "key_enrolled");
  ASSERT_TRUE(db_->RevokeKiosk("kiosk-2", kRotated).ok());
  EXPECT_EQ(db_->RotateKey("kiosk-2", Key(7).Public().Pem(), kRotated).status().reason(),
            "kiosk_revoked");
  KioskRecord store{"store-1", 0, Key(5).Public().Pem(), Sha256("s"), 0, std::nullopt};
  store.key_id = *db_->NextKeyId();
  store.kind = "store";
  ASSERT_TRUE(db_->AddKiosk(store).ok());
  EXPECT_EQ(db_->RotateKey("store-1", Key(6).Public().Pem(), kRotated).status().reason(),
            "not_a_kiosk");
  // A new kiosk never gets a retired key id.
  EXPECT_EQ(*db_->NextKeyId(), store.key_id + 1);
}

}  // namespace
}  // namespace gb::store
