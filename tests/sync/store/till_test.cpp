// StoreDb::Redeem: redemption decided at the server, once per voucher, and
// the till's own later "redeem" event recognised as that redemption.
#include <gtest/gtest.h>

#include <array>
#include <atomic>
#include <set>
#include <thread>

#include "core/voucher/codec.h"
#include "core/voucher/short_code.h"
#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/store/event_maker.h"

namespace gb::store {
namespace {

constexpr int64_t kNow = test::kOpens + 4000;

RedeemRequest ByVoucher(std::string text, std::string place, std::string origin = "kiosk-1") {
  return RedeemRequest{std::move(text), "", std::move(place), std::move(origin), 0};
}
RedeemRequest ByCode(std::string code, std::string place, std::string origin = "kiosk-1") {
  return RedeemRequest{"", std::move(code), std::move(place), std::move(origin), 0};
}

class StoreTillTest : public ::testing::Test {
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
    ASSERT_TRUE(db_->PutDeals({test::MakeDeal(42, 2), test::MakeDeal(43, 100)}, test::kOpens).ok());
    // Two pledges unlock deal 42; one sits in deal 43, still open.
    std::vector<protocol::Event> events = {Sign(1, 1, 42), Sign(2, 2, 42), Sign(3, 3, 43)};
    for (const auto& e : events) vouchers_.push_back(e.payload["voucher"].get<std::string>());
    std::vector<protocol::Batch> group = {test::MakeBatch(std::move(events))};
    ASSERT_TRUE(db_->IngestGroup(group, kNow).ok());
    ASSERT_TRUE(db_->AdvanceDeals(kNow).ok());
  }
  protocol::Event Sign(int64_t seq, uint64_t serial, uint32_t deal) {
    return test::SignUp(*key_, 1, "kiosk-1", seq, serial,
                        test::MakeDeal(deal, deal == 42 ? 2 : 100));
  }
  RedeemVerdict Redeem(RedeemRequest r) {
    r.origin = r.origin.empty() ? "kiosk-1" : r.origin;
    r.now = r.now == 0 ? kNow + 10 : r.now;
    auto v = db_->Redeem(r);
    EXPECT_TRUE(v.ok()) << v.status().ToString();
    return v.ok() ? *v : RedeemVerdict{};
  }
  int64_t Conflicts() {
    auto n = db_->CountConflicts();
    return n.ok() ? *n : -1;
  }

  test::ScopedTempDir tmp_;
  std::unique_ptr<StoreDb> db_;
  std::optional<voucher::SigningKey> key_;
  std::vector<std::string> vouchers_;
};

TEST_F(StoreTillTest, TheFirstRedemptionIsValidAndTheSecondSaysWhenAndWhere) {
  const int64_t rev = db_->Revision().value();
  RedeemVerdict first = Redeem(ByVoucher(vouchers_[0], "till-1"));
  EXPECT_EQ(first.verdict, "VALID");
  EXPECT_EQ(first.serial, 1u);
  EXPECT_EQ(first.deal_id, 42u);
  EXPECT_EQ(db_->Revision().value(), rev + 1);
  auto parsed = voucher::Parse(vouchers_[0]);
  ASSERT_TRUE(parsed.ok());
  RedeemVerdict second = Redeem(ByCode(voucher::ShortCode(*parsed), "till-2", "kiosk-2"));
  EXPECT_EQ(second.verdict, "ALREADY_REDEEMED");
  EXPECT_EQ(second.redeemed_at, kNow + 10);
  EXPECT_EQ(second.place, "till-1");
  EXPECT_EQ(db_->Revision().value(), rev + 1);
}

TEST_F(StoreTillTest, ADryRunSaysWhatARedemptionWouldChargeAndWritesNothing) {
  const int64_t rev = db_->Revision().value();
  RedeemRequest look = ByVoucher(vouchers_[0], "till-1");
  look.dry_run = true;
  RedeemVerdict v = Redeem(look);
  EXPECT_EQ(v.verdict, "VALID");
  ASSERT_TRUE(v.settlement.has_value());
  // Two joined: the first tier, 599.00, and no deposit on record.
  EXPECT_EQ(v.settlement->price, 59900);
  EXPECT_EQ(v.settlement->deposit_paid, 0);
  EXPECT_EQ(v.settlement->charge, 59900);
  EXPECT_EQ(v.settlement->give_back, 0);
  EXPECT_EQ(db_->Revision().value(), rev) << "a dry run changes nothing";
  // Looked at twice, still redeemable once.
  EXPECT_EQ(Redeem(look).verdict, "VALID");
  RedeemVerdict real = Redeem(ByVoucher(vouchers_[0], "till-1"));
  EXPECT_EQ(real.verdict, "VALID");
  ASSERT_TRUE(real.settlement.has_value());
  EXPECT_EQ(real.settlement->charge, 59900);
  EXPECT_EQ(db_->Revision().value(), rev + 1);
  look.dry_run = true;
  EXPECT_EQ(Redeem(look).verdict, "ALREADY_REDEEMED");
}

TEST_F(StoreTillTest, AGroupOfRedemptionsIsDecidedInOrderInOneCommit) {
  const int64_t rev = db_->Revision().value();
  auto parsed = voucher::Parse(vouchers_[1]);
  ASSERT_TRUE(parsed.ok());
  std::vector<RedeemRequest> reqs = {
      ByVoucher(vouchers_[0], "till-1"),
      ByCode("1-1-00000", "till-2"),                        // a typo: its own error
      ByCode(voucher::ShortCode(*parsed), "till-2"),       // the second voucher
      ByVoucher(vouchers_[0], "till-3"),                    // the first again
      ByVoucher(vouchers_[2], "till-1"),                    // deal 43 is still open
  };
  reqs[4].dry_run = true;
  for (auto& r : reqs) r.now = kNow + 10;
  auto got = db_->RedeemGroup(reqs);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  ASSERT_EQ(got->size(), 5u);
  ASSERT_TRUE((*got)[0].ok());
  EXPECT_EQ((*got)[0]->verdict, "VALID");
  EXPECT_FALSE((*got)[1].ok());
  EXPECT_EQ((*got)[2]->verdict, "VALID");
  EXPECT_EQ((*got)[3]->verdict, "ALREADY_REDEEMED");
  EXPECT_EQ((*got)[3]->place, "till-1");
  EXPECT_EQ((*got)[4]->verdict, "REFUSED");
  EXPECT_EQ(db_->Revision().value(), rev + 2) << "two redemptions, nothing else";
  // Committed: a later single request sees both.
  EXPECT_EQ(Redeem(ByVoucher(vouchers_[1], "till-9")).verdict, "ALREADY_REDEEMED");
}

TEST_F(StoreTillTest, TheTillsOwnRedeemEventIsNotASecondRedemption) {
  ASSERT_EQ(Redeem(ByVoucher(vouchers_[0], "till-1")).verdict, "VALID");
  std::vector<protocol::Batch> own = {
      test::MakeBatch({test::Redeem("kiosk-1", 4, 1, 1, kNow + 10, "till-1")})};
  ASSERT_TRUE(db_->IngestGroup(own, kNow + 20).ok());
  EXPECT_EQ(Conflicts(), 0);
  // Another till's offline redemption of the same voucher is a conflict.
  std::vector<protocol::Batch> other = {
      test::MakeBatch({test::Redeem("kiosk-1", 5, 1, 1, kNow + 30, "till-9")})};
  ASSERT_TRUE(db_->IngestGroup(other, kNow + 40).ok());
  EXPECT_EQ(Conflicts(), 1);
}

TEST_F(StoreTillTest, UnknownVouchersAndLockedDealsAreVerdictsNotErrors) {
  auto parsed = voucher::Parse(vouchers_[1]);
  ASSERT_TRUE(parsed.ok());
  voucher::Voucher other = *parsed;
  other.body.serial = 99;
  EXPECT_EQ(Redeem(ByVoucher(voucher::Encode(other), "till-1")).verdict, "UNKNOWN");
  // Right serial, another signature: not the voucher the server holds.
  voucher::Voucher forged = *parsed;
  forged.signature[0] ^= 0xff;
  EXPECT_EQ(Redeem(ByVoucher(voucher::Encode(forged), "till-1")).verdict, "UNKNOWN");
  RedeemVerdict open = Redeem(ByVoucher(vouchers_[2], "till-1"));
  EXPECT_EQ(open.verdict, "REFUSED");
  EXPECT_EQ(open.reason, "not_unlocked");
}

TEST_F(StoreTillTest, BadRequestsAreErrors) {
  EXPECT_EQ(db_->Redeem(ByVoucher("", "till-1")).status().reason(), "bad_request");
  EXPECT_EQ(db_->Redeem(RedeemRequest{vouchers_[0], "1-1-1", "x", "kiosk-1", kNow})
                .status()
                .reason(),
            "bad_request");
  EXPECT_EQ(db_->Redeem(ByVoucher(vouchers_[0], "")).status().reason(), "bad_place");
  EXPECT_EQ(db_->Redeem(ByCode("12", "till-1")).status().code(),
            base::Code::kInvalidArgument);
  EXPECT_FALSE(db_->Redeem(ByVoucher("GB1:garbage", "till-1")).ok());
}

TEST_F(StoreTillTest, TwoConnectionsRacingForOneVoucherGetOneValid) {
  // As two server processes on one database would: separate connections.
  for (size_t v = 0; v < 2; ++v) {
    std::unique_ptr<StoreDb> dbs[2];
    for (auto& db : dbs) {
      auto opened = StoreDb::Open(tmp_.File("store.db"));
      ASSERT_TRUE(opened.ok());
      db = std::move(opened).value();
    }
    std::atomic<int> ready = 0;
    base::Result<RedeemVerdict> got[2] = {base::Status::Internal("x", "unset"),
                                          base::Status::Internal("x", "unset")};
    std::vector<std::thread> tills;
    for (int t = 0; t < 2; ++t) {
      tills.emplace_back([&, t] {
        ++ready;
        while (ready < 2) {
        }
        RedeemRequest r = ByVoucher(vouchers_[v], "till-" + std::to_string(t));
        r.now = kNow + 10;
        got[t] = dbs[t]->Redeem(r);
      });
    }
    for (auto& t : tills) t.join();
    ASSERT_TRUE(got[0].ok()) << got[0].status().ToString();
    ASSERT_TRUE(got[1].ok()) << got[1].status().ToString();
    std::multiset<std::string> verdicts = {got[0]->verdict, got[1]->verdict};
    EXPECT_EQ(verdicts, (std::multiset<std::string>{"ALREADY_REDEEMED", "VALID"}));
  }
}

}  // namespace
}  // namespace gb::store
