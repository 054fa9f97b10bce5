// Helpers for the till operation tests: deals that unlock with few sign-ups,
// with and without a deposit, and a sign-up in one call.
#pragma once

#include "tests/kiosk/ledger/ledger_fixture.h"

namespace gb::ledger::testing {

using rules::testing::kDeadline;
using rules::testing::kOpens;
using rules::testing::kRedeemBy;
using rules::testing::kStop;

inline constexpr int64_t kJoin = kOpens + 100;

// Deal 42: unlocks at 2 (599.00), 3 -> 549.00; no deposit.
inline rules::Deal SmallDeal() {
  rules::Deal d = rules::testing::SampleDeal();
  d.tiers = {{2, 59900}, {3, 54900}};
  return d;
}

// Deal 43: as SmallDeal with a 10 % deposit (59.90) to pay within a day.
inline rules::Deal DepositDeal() {
  rules::Deal d = SmallDeal();
  d.id = 43;
  d.deposit = {rules::DepositKind::kPercent, 1000, 86400};
  return d;
}

class TillFixture : public LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    ledger_.emplace(OpenOrDie());
    ASSERT_TRUE(
        ledger_->PutDeals({SmallDeal(), DepositDeal()}, rules::DealState::kOpen, kOpens).ok());
  }

  Ledger& l() { return *ledger_; }

  SignUpReceipt Join(uint32_t deal_id, int phone, int64_t now = kJoin) {
    SignUpRequest r;
    r.deal_id = deal_id;
    r.phone_e164 = Phone(phone);
    r.now = now;
    auto s = l().SignUp(r);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? *s : SignUpReceipt{};
  }

  TillRequest At(int64_t pledge_id, int64_t now, std::string till = "till-1") {
    return TillRequest{pledge_id, now, std::move(till), ""};
  }

  std::optional<Ledger> ledger_;
};

}  // namespace gb::ledger::testing
