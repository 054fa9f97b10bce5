// Signatures checked on the I/O threads spare the writer thread the work,
// but never let through a voucher its own key ring would refuse.
#include "sync/store/signature_memo.h"

#include <gtest/gtest.h>

#include "core/voucher/codec.h"
#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/store/event_maker.h"

namespace gb::store {
namespace {

voucher::SigningKey NewKey() {
  auto key = voucher::SigningKey::Generate();
  EXPECT_TRUE(key.ok());
  return std::move(key).value();
}

std::string VoucherOf(const protocol::Event& e) { return e.payload.at("voucher"); }

TEST(SignatureMemoTest, AGenuineVoucherIsRememberedUnderItsKeyAndTakenOnce) {
  voucher::SigningKey key = NewKey();
  voucher::KeyRing ring;
  ring.Add(1, key.Public());
  const std::string text =
      VoucherOf(test::SignUp(key, 1, "kiosk-1", 1, 1, test::MakeDeal(42, 2)));
  SignatureMemo memo;
  EXPECT_TRUE(memo.Precheck(text, ring));
  auto taken = memo.Take(text);
  ASSERT_TRUE(taken.has_value());
  EXPECT_EQ(*taken, key.Public());
  EXPECT_FALSE(memo.Take(text).has_value());
  EXPECT_EQ(memo.hits(), 1u);
  EXPECT_EQ(memo.misses(), 1u);
}

TEST(SignatureMemoTest, AForgedOrUnknownVoucherIsNotRemembered) {
  voucher::SigningKey key = NewKey();
  voucher::SigningKey thief = NewKey();
  voucher::KeyRing ring;
  ring.Add(1, key.Public());
  const std::string forged =
      VoucherOf(test::SignUp(thief, 1, "kiosk-1", 1, 1, test::MakeDeal(42, 2)));
  const std::string unknown =
      VoucherOf(test::SignUp(key, 7, "kiosk-7", 1, 1, test::MakeDeal(42, 2)));
  SignatureMemo memo;
  EXPECT_FALSE(memo.Precheck(forged, ring));
  EXPECT_FALSE(memo.Precheck(unknown, ring));
  EXPECT_FALSE(memo.Precheck("GB1:not a voucher", ring));
  EXPECT_EQ(memo.size(), 0u);
}

TEST(SignatureMemoTest, WhenFullItForgetsEverythingRatherThanGrow) {
  voucher::SigningKey key = NewKey();
  voucher::KeyRing ring;
  ring.Add(1, key.Public());
  SignatureMemo memo(/*capacity=*/3);
  for (uint64_t serial = 1; serial <= 4; ++serial) {
    EXPECT_TRUE(memo.Precheck(
        VoucherOf(test::SignUp(key, 1, "kiosk-1", 1, serial, test::MakeDeal(42, 2))), ring));
  }
  EXPECT_EQ(memo.size(), 1u);  // the fourth, after the three were dropped
}

TEST(SignatureMemoTest, VerifyTrustsACheckOnlyWithTheRingsOwnKey) {
  voucher::SigningKey key = NewKey();
  voucher::SigningKey other = NewKey();
  voucher::KeyRing ring;
  ring.Add(1, key.Public());
  // Signed by `other` under key id 1: not genuine for this ring.
  const std::string forged =
      VoucherOf(test::SignUp(other, 1, "kiosk-1", 1, 1, test::MakeDeal(42, 2)));
  const voucher::PublicKey other_public = other.Public();
  auto v = voucher::Verify(forged, ring, &other_public);
  ASSERT_FALSE(v.ok());
  EXPECT_EQ(v.status().reason(), "bad_signature");
  EXPECT_EQ(voucher::Verify(forged, ring, nullptr).status().reason(), "bad_signature");
}

class MemoIngestTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    auto db = StoreDb::Open(tmp_.File("store.db"));
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    ASSERT_TRUE(
        db_->AddKiosk({"kiosk-1", 1u, enrolled_.Public().Pem(), Sha256("t1"), 0, std::nullopt})
            .ok());
    ASSERT_TRUE(db_->PutDeals({deal_}, test::kOpens).ok());
    db_->UseSignatureMemo(memo_);
  }
  void TearDown() override { EXPECT_EQ(db_->IntegrityCheck().value(), "ok"); }
  IngestResult Ingest(protocol::Event e) {
    std::vector<protocol::Batch> group = {test::MakeBatch({std::move(e)})};
    auto r = db_->IngestGroup(group, test::kOpens + 4000);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->front() : IngestResult{};
  }

  test::ScopedTempDir tmp_;
  std::unique_ptr<StoreDb> db_;
  std::shared_ptr<SignatureMemo> memo_ = std::make_shared<SignatureMemo>();
  voucher::SigningKey enrolled_ = NewKey();
  rules::Deal deal_ = test::MakeDeal(42, 2);
};

TEST_F(MemoIngestTest, APrecheckedSignUpIsStoredWithoutASecondCheck) {
  voucher::KeyRing ring;
  ring.Add(1, enrolled_.Public());
  protocol::Event e = test::SignUp(enrolled_, 1, "kiosk-1", 1, 1, deal_);
  ASSERT_TRUE(memo_->Precheck(VoucherOf(e), ring));
  IngestResult r = Ingest(e);
  EXPECT_EQ(r.conflicts, 0);
  EXPECT_EQ(memo_->hits(), 1u);
  EXPECT_EQ(memo_->size(), 0u);
}

TEST_F(MemoIngestTest, ACheckUnderAKeyTheStoreDoesNotHoldIsVerifiedAgainAndRefused) {
  // An I/O thread's ring said key id 1 was `stale` (say, before a rotation);
  // the writer's ring holds the enrolled key, so the check does not carry over.
  voucher::SigningKey stale = NewKey();
  voucher::KeyRing stale_ring;
  stale_ring.Add(1, stale.Public());
  protocol::Event e = test::SignUp(stale, 1, "kiosk-1", 1, 1, deal_);
  ASSERT_TRUE(memo_->Precheck(VoucherOf(e), stale_ring));
  IngestResult r = Ingest(e);
  EXPECT_EQ(r.conflicts, 1);
  EXPECT_EQ(memo_->hits(), 1u);
}

TEST_F(MemoIngestTest, WithoutACheckTheWriterVerifiesItself) {
  EXPECT_EQ(Ingest(test::SignUp(enrolled_, 1, "kiosk-1", 1, 1, deal_)).conflicts, 0);
  voucher::SigningKey thief = NewKey();
  EXPECT_EQ(Ingest(test::SignUp(thief, 1, "kiosk-1", 2, 2, deal_)).conflicts, 1);
  EXPECT_EQ(memo_->misses(), 2u);
}

}  // namespace
}  // namespace gb::store
