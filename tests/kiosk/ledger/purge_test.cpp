// Ledger::PurgePersonalData: names and phone hashes go once a deal has been
// over for the retention time; vouchers, states and counts stay.
#include <nlohmann/json.hpp>

#include "tests/kiosk/ledger/ledger_fixture.h"

namespace gb::ledger {
namespace {

using rules::testing::kOpens;
using rules::testing::kRedeemBy;
using testing::LedgerFixture;

constexpr int64_t kKeep = 30 * 86400;

class PurgeTest : public LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    ledger_.emplace(OpenOrDie());
    ASSERT_TRUE(ledger_->PutDeal(rules::testing::SampleDeal(), rules::DealState::kOpen, kOpens).ok());
    rules::Deal later = rules::testing::SampleDeal();
    later.id = 43;
    later.redeem_by = kRedeemBy + 365 * 86400;  // still being redeemed a year on
    ASSERT_TRUE(ledger_->PutDeal(later, rules::DealState::kOpen, kOpens).ok());
    for (int i = 1; i <= 3; ++i) SignUp(42, i);
    SignUp(43, 9);
  }
  SignUpReceipt SignUp(uint32_t deal, int phone) {
    SignUpRequest r;
    r.deal_id = deal;
    r.phone_e164 = testing::Phone(phone);
    r.name = "Anna " + std::to_string(phone);
    r.now = kOpens + 100;
    auto got = ledger_->SignUp(r);
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    return got.ok() ? *got : SignUpReceipt{};
  }
  int64_t Count(const std::string& sql) { return Scalar(*ledger_, sql); }
  std::optional<Ledger> ledger_;
};

TEST_F(PurgeTest, NothingGoesBeforeTheDealHasBeenOverForTheRetentionTime) {
  auto c = ledger_->PurgePersonalData(kRedeemBy + kKeep - 1, kKeep, INT64_MAX);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->deals, 0);
  EXPECT_EQ(c->pledges, 0);
  EXPECT_EQ(Count("SELECT count(*) FROM pledges WHERE name IS NOT NULL"), 4);
}

TEST_F(PurgeTest, AnEndedDealKeepsItsVouchersAndLosesNamesAndPhones) {
  auto c = ledger_->PurgePersonalData(kRedeemBy + kKeep, kKeep, INT64_MAX);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->deals, 1);
  EXPECT_EQ(c->pledges, 3);
  EXPECT_EQ(c->outbox, 3);
  EXPECT_EQ(Count("SELECT count(*) FROM pledges WHERE deal_id=42 AND name IS NULL"
                  " AND phone_hash=zeroblob(32)"),
            3);
  EXPECT_EQ(Count("SELECT count(*) FROM pledges WHERE deal_id=43 AND name IS NOT NULL"
                  " AND phone_hash<>zeroblob(32)"),
            1)
      << "the deal still being redeemed keeps its data";
  EXPECT_EQ(Count("SELECT count(*) FROM outbox WHERE type='sign_up'"
                  " AND json_extract(payload, '$.phone_hash') GLOB '*[1-9a-f]*'"),
            1);
  EXPECT_EQ(Count("SELECT count(*) FROM pledges WHERE deal_id=42 AND voucher LIKE 'GB1:%'"), 3);
  // A second run finds nothing left to delete.
  auto again = ledger_->PurgePersonalData(kRedeemBy + kKeep + 86400, kKeep, INT64_MAX);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->pledges, 0);
  EXPECT_EQ(again->outbox, 0);
  auto integrity = ledger_->db().Prepare("PRAGMA integrity_check");
  ASSERT_TRUE(integrity.ok());
  ASSERT_TRUE(integrity->Step().value());
  EXPECT_EQ(integrity->Text(0), "ok");
}

TEST_F(PurgeTest, OutboxEventsTheStoreHasNotAcknowledgedAreSentAsWritten) {
  // Seqs 1..3 are deal 42's sign-ups; the store has acknowledged only seq 1.
  auto c = ledger_->PurgePersonalData(kRedeemBy + kKeep, kKeep, 1);
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->pledges, 3);
  EXPECT_EQ(c->outbox, 1);
  EXPECT_EQ(c->outbox_unsent, 2);
  EXPECT_EQ(Count("SELECT count(*) FROM outbox WHERE seq IN (2, 3)"
                  " AND json_extract(payload, '$.phone_hash') GLOB '*[1-9a-f]*'"),
            2);
  EXPECT_FALSE(ledger_->PurgePersonalData(kRedeemBy + kKeep, -1, 1).ok()) << "bad keep";
  // The outbox is still append-only for everything but the purge.
  EXPECT_FALSE(ledger_->db().Exec("UPDATE outbox SET at = at + 1 WHERE seq = 1").ok());
  EXPECT_FALSE(ledger_->db()
                   .Exec("UPDATE outbox SET payload = json_set(payload, '$.deal_id', 7)"
                         " WHERE seq = 2")
                   .ok());
  EXPECT_FALSE(ledger_->db()
                   .Exec("UPDATE outbox SET payload = json_set(payload, '$.phone_hash', 'ab')"
                         " WHERE seq = 2")
                   .ok());
}

}  // namespace
}  // namespace gb::ledger
