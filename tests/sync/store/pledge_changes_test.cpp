// StoreDb::State's "pledges": the asking kiosk hears what the store changed
// of the pledges it issued (deposits, refunds, redemptions at any till),
// since a revision, and nothing of any other kiosk's pledges or phones.
#include <gtest/gtest.h>

#include <array>

#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/store/event_maker.h"

namespace gb::store {
namespace {

using nlohmann::json;

constexpr int64_t kNow = test::kOpens + 4000;
constexpr int64_t kDeposit = 5000;

class PledgeChangesTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    auto db = StoreDb::Open(tmp_.File("store.db"));
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    for (uint8_t k = 1; k <= 2; ++k) {
      std::array<uint8_t, 32> seed{};
      seed.fill(k);
      keys_.push_back(std::move(voucher::SigningKey::FromSeed(seed)).value());
      KioskRecord r{Kiosk(k), k, keys_.back().Public().Pem(), Sha256(Kiosk(k)), 0, std::nullopt};
      ASSERT_TRUE(db_->AddKiosk(r).ok());
    }
    // Deal 42 asks a 50.00 deposit within a day and unlocks at 2.
    deal_ = test::MakeDeal(42, 2);
    deal_.deposit = {rules::DepositKind::kAmount, kDeposit, 86400};
    ASSERT_TRUE(db_->PutDeals({deal_}, test::kOpens).ok());
    // kiosk-1 issues serials 1 and 2 (phones 101, 102); kiosk-2 serial 1 (phone 201).
    std::vector<protocol::Batch> group = {test::MakeBatch({Sign(1, 1, 101), Sign(1, 2, 102)}),
                                          test::MakeBatch({Sign(2, 1, 201)})};
    ASSERT_TRUE(db_->IngestGroup(group, kNow).ok());
    signed_rev_ = db_->Revision().value();
  }

  static std::string Kiosk(int k) { return "kiosk-" + std::to_string(k); }
  protocol::Event Sign(int kiosk, uint64_t serial, uint64_t phone) {
    const auto key_id = static_cast<uint32_t>(kiosk);
    protocol::Event e =
        test::SignUp(keys_[static_cast<size_t>(kiosk - 1)], key_id, Kiosk(kiosk),
                     static_cast<int64_t>(serial), serial, deal_, test::kOpens + 3600, phone);
    vouchers_[{key_id, serial}] = e.payload["voucher"].get<std::string>();
    return e;
  }
  json Pledges(int64_t since, const std::string& kiosk) {
    auto s = db_->State(since, kiosk);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? (*s)["pledges"] : json();
  }
  // kiosk-2's till takes the deposit of kiosk-1's voucher `serial`.
  void DepositAtB(uint64_t serial) {
    auto v = db_->Deposit({vouchers_[{1, serial}], "", "till-b", Kiosk(2), kNow + 10});
    ASSERT_TRUE(v.ok()) << v.status().ToString();
    ASSERT_EQ(v->verdict, "PAID");
  }

  test::ScopedTempDir tmp_;
  std::unique_ptr<StoreDb> db_;
  rules::Deal deal_;  // deal 42, as published in SetUp
  std::vector<voucher::SigningKey> keys_;
  std::map<std::pair<uint32_t, uint64_t>, std::string> vouchers_;
  int64_t signed_rev_ = 0;
};

TEST_F(PledgeChangesTest, AKioskHearsOfItsPledgesPaidAndRedeemedElsewhere) {
  DepositAtB(1);
  DepositAtB(2);  // two committed: the deal unlocks
  auto redeemed = db_->Redeem({vouchers_[{1, 1}], "", "Till B", Kiosk(2), kNow + 20});
  ASSERT_TRUE(redeemed.ok()) << redeemed.status().ToString();
  ASSERT_EQ(redeemed->verdict, "VALID");
  const int64_t rev = db_->Revision().value();

  const json p = Pledges(signed_rev_, Kiosk(1));
  ASSERT_EQ(p.size(), 2u) << p.dump();
  // Oldest change first: serial 2's deposit, then serial 1's redemption.
  EXPECT_EQ(p[0]["serial"], 2);
  EXPECT_EQ(p[0]["state"], "active");
  EXPECT_EQ(p[0]["deposit"], (json{{"amount", kDeposit}, {"at", kNow + 10}, {"place", "till-b"}}));
  EXPECT_TRUE(p[0]["redemption"].is_null());
  EXPECT_TRUE(p[0]["refund"].is_null());
  EXPECT_EQ(p[1]["key_id"], 1);
  EXPECT_EQ(p[1]["serial"], 1);
  EXPECT_EQ(p[1]["deal_id"], 42);
  EXPECT_EQ(p[1]["state"], "redeemed");
  EXPECT_EQ(p[1]["rev"], rev);
  EXPECT_EQ(p[1]["deposit"]["amount"], kDeposit);
  EXPECT_EQ(p[1]["redemption"], (json{{"at", kNow + 20}, {"place", "Till B"}}));
  // Nothing changed since: nothing to say.
  EXPECT_EQ(Pledges(rev, Kiosk(1)), json::array());
}

TEST_F(PledgeChangesTest, ARefundElsewhereIsReported) {
  DepositAtB(2);
  std::vector<protocol::Batch> cancel = {test::MakeBatch({test::Cancel(Kiosk(1), 3, 1, 2)})};
  ASSERT_TRUE(db_->IngestGroup(cancel, kNow + 30).ok());
  const int64_t before = db_->Revision().value();
  auto v = db_->Refund({vouchers_[{1, 2}], "", "till-b", Kiosk(2), kNow + 40});
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  ASSERT_EQ(v->verdict, "REFUNDED");
  const json p = Pledges(before, Kiosk(1));
  ASSERT_EQ(p.size(), 1u) << p.dump();
  EXPECT_EQ(p[0]["state"], "cancelled");
  EXPECT_EQ(p[0]["refund"], (json{{"amount", kDeposit}, {"at", kNow + 40}, {"place", "till-b"}}));
}

TEST_F(PledgeChangesTest, OnlyTheAskingKiosksPledgesAndNoPhones) {
  DepositAtB(1);
  // From the start: each kiosk gets exactly the pledges it issued.
  const json one = Pledges(0, Kiosk(1));
  ASSERT_EQ(one.size(), 2u);
  for (const json& p : one) EXPECT_EQ(p["key_id"], 1);
  const json two = Pledges(0, Kiosk(2));
  ASSERT_EQ(two.size(), 1u);
  EXPECT_EQ(two[0]["key_id"], 2);
  EXPECT_EQ(two[0]["state"], "reserved");
  // kiosk-2 took kiosk-1's deposit, yet hears nothing of that pledge.
  EXPECT_EQ(Pledges(signed_rev_, Kiosk(2)), json::array());
  // The admin, and a kiosk the store does not know, get none.
  EXPECT_EQ(Pledges(0, ""), json::array());
  EXPECT_EQ(Pledges(0, "kiosk-9"), json::array());
  // No phone hash, no voucher text: the kiosk has its own.
  auto whole = db_->State(0, Kiosk(1));
  ASSERT_TRUE(whole.ok());
  const std::string text = whole->dump();
  for (uint64_t phone : {101u, 102u, 201u}) {
    EXPECT_EQ(text.find(test::PhoneHash(phone)), std::string::npos) << phone;
  }
  EXPECT_EQ(text.find("phone"), std::string::npos);
  EXPECT_EQ(text.find(vouchers_[{1, 1}]), std::string::npos);
}

}  // namespace
}  // namespace gb::store
