// Who acted offline: a kiosk's deposit, refund and redeem events name the
// staff member its own PIN pad signed in, and the store records that name
// as it records the name of a store session (tallies' by_staff). An event
// without one (a kiosk older than the field) is applied and names nobody;
// a malformed name is a bad_payload conflict that changes nothing.
#include <gtest/gtest.h>

#include <array>
#include <string>
#include <vector>

#include "sync/store/store_db.h"
#include "tests/support/scoped_temp_dir.h"
#include "tests/sync/store/event_maker.h"

namespace gb::store {
namespace {

using nlohmann::json;

constexpr int64_t kDeposit = 5000;
constexpr int64_t kAt = test::kOpens + 5000;

rules::Deal DepositDeal() {
  rules::Deal d = test::MakeDeal(42, 1);
  d.deposit = {rules::DepositKind::kAmount, kDeposit, 86400};
  return d;
}

class OfflineStaffTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    auto db = StoreDb::Open(tmp_.File("store.db"));
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    db_ = std::move(db).value();
    std::array<uint8_t, 32> seed{};
    seed.fill(7);
    key_.emplace(std::move(voucher::SigningKey::FromSeed(seed)).value());
    KioskRecord k{"kiosk-1", 1, key_->Public().Pem(), Sha256("token"), 0, std::nullopt};
    ASSERT_TRUE(db_->AddKiosk(k).ok());
    ASSERT_TRUE(db_->PutDeals({DepositDeal(), test::MakeDeal(43, 1)}, test::kOpens).ok());
    ASSERT_EQ(Ingest({test::SignUp(*key_, 1, "kiosk-1", Seq(), 1, DepositDeal()),
                      test::SignUp(*key_, 1, "kiosk-1", Seq(), 2, DepositDeal()),
                      test::SignUp(*key_, 1, "kiosk-1", Seq(), 3, test::MakeDeal(43, 1))}),
              0);
    ASSERT_TRUE(db_->AdvanceDeals(kAt).ok());
  }
  void TearDown() override { EXPECT_EQ(db_->IntegrityCheck().value(), "ok"); }

  int64_t Seq() { return ++seq_; }
  protocol::Event Money(std::string_view type, uint64_t serial, int64_t at, std::string staff) {
    protocol::DepositPayload p{1, serial, kDeposit, at, "till-1"};
    p.staff = std::move(staff);
    return {"kiosk-1", Seq(), std::string(type), at, protocol::ToJson(p)};
  }
  protocol::Event Redeem(uint64_t serial, int64_t at, std::string staff) {
    protocol::RedeemPayload p{1, serial, at, "Store 12", true};
    p.staff = std::move(staff);
    return {"kiosk-1", Seq(), std::string(protocol::kRedeem), at, protocol::ToJson(p)};
  }
  // The number of conflicts the batch made.
  int64_t Ingest(std::vector<protocol::Event> events) {
    std::vector<protocol::Batch> group = {test::MakeBatch(std::move(events))};
    auto r = db_->IngestGroup(group, kAt + 1000);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? r->front().conflicts : -1;
  }
  json ByStaff(uint32_t deal) {
    auto t = db_->Tallies();
    EXPECT_TRUE(t.ok());
    for (const json& d : (*t)["deals"]) {
      if (d["id"] == deal) return d["by_staff"];
    }
    return nullptr;
  }

  test::ScopedTempDir tmp_;
  std::unique_ptr<StoreDb> db_;
  std::optional<voucher::SigningKey> key_;
  int64_t seq_ = 0;
};

TEST_F(OfflineStaffTest, DepositsRefundsAndRedemptionsNameWhoActed) {
  EXPECT_EQ(Ingest({Money(protocol::kDeposit, 1, kAt, "Vera"),
                    Money(protocol::kDeposit, 2, kAt + 1, "Ann"),
                    test::Cancel("kiosk-1", Seq(), 1, 2, kAt + 2),
                    Money(protocol::kRefund, 2, kAt + 3, "Boris")}),
            0);
  // Pledge 1's deposit unlocked the deal: now it can be redeemed.
  ASSERT_TRUE(db_->AdvanceDeals(kAt + 3).ok());
  EXPECT_EQ(Ingest({Redeem(1, kAt + 4, "Vera")}), 0);
  EXPECT_EQ(ByStaff(42), (json{{"Vera", {{"redeemed", 1}, {"deposits", 1}, {"refunds", 0}}},
                               {"Ann", {{"redeemed", 0}, {"deposits", 1}, {"refunds", 0}}},
                               {"Boris", {{"redeemed", 0}, {"deposits", 0}, {"refunds", 1}}}}));
}

TEST_F(OfflineStaffTest, AnEventWithoutANameIsAppliedAndNamesNobody) {
  EXPECT_EQ(Ingest({Redeem(3, kAt, "")}), 0);
  EXPECT_EQ(ByStaff(43), json::object());
  auto t = db_->Tallies();
  ASSERT_TRUE(t.ok());
  for (const json& d : (*t)["deals"]) {
    if (d["id"] == 43) {
      EXPECT_EQ(d["redeemed"], 1) << d.dump();
    }
  }
}

TEST_F(OfflineStaffTest, AMalformedNameIsABadPayloadThatChangesNothing) {
  protocol::Event empty = Redeem(3, kAt, "");
  empty.payload["staff"] = "";
  protocol::Event too_long = Money(protocol::kDeposit, 1, kAt, std::string(65, 'x'));
  protocol::Event not_text = Money(protocol::kDeposit, 2, kAt, "Ann");
  not_text.payload["staff"] = 7;
  EXPECT_EQ(Ingest({empty, too_long, not_text}), 3);
  EXPECT_EQ(db_->CountConflicts().value(), 3);
  EXPECT_EQ(ByStaff(42), json::object());
  EXPECT_EQ(ByStaff(43), json::object());
  // Nothing moved: no deposit taken, nothing redeemed.
  auto t = db_->Tallies();
  ASSERT_TRUE(t.ok());
  for (const json& d : (*t)["deals"]) {
    EXPECT_EQ(d["redeemed"], 0) << d.dump();
    EXPECT_EQ(d["committed"], d["id"] == 43 ? 1 : 0) << d.dump();
  }
}

}  // namespace
}  // namespace gb::store
