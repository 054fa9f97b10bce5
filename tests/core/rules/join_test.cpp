#include "core/rules/join.h"

#include <gtest/gtest.h>

#include "tests/core/rules/sample_deal.h"

namespace gb::rules {
namespace {

using namespace testing;  // NOLINT: sample deal constants

TEST(JoinTest, RefusalsNameTheRule) {
  Deal capped = SampleDeal();
  capped.cap = 12;
  capped.per_shopper = 2;
  struct Row {
    const char* name;
    DealState state;
    Tally tally;
    int32_t shopper_seats;
    int64_t now;
    const char* reason;  // "" = allowed
  };
  const Row rows[] = {
      {"open, room", DealState::kOpen, {3, 1}, 0, kOpens + 5, ""},
      {"draft", DealState::kDraft, {0, 0}, 0, kOpens + 5, "not_open"},
      {"before opens_at", DealState::kOpen, {0, 0}, 0, kOpens - 1, "not_open"},
      {"failed", DealState::kFailed, {0, 0}, 0, kOpens + 5, "not_open"},
      {"closed", DealState::kClosed, {12, 0}, 0, kOpens + 5, "after_stop"},
      {"at stop", DealState::kUnlocked, {10, 0}, 0, kStop, "after_stop"},
      {"unlocked, room", DealState::kUnlocked, {10, 1}, 1, kStop - 1, ""},
      {"cap by committed", DealState::kUnlocked, {12, 0}, 0, kOpens + 5, "sold_out"},
      {"cap by reserved too", DealState::kUnlocked, {10, 2}, 0, kOpens + 5, "sold_out"},
      {"one seat left", DealState::kUnlocked, {10, 1}, 0, kOpens + 5, ""},
      {"shopper at limit", DealState::kOpen, {3, 0}, 2, kOpens + 5, "shopper_limit"},
      {"shopper below limit", DealState::kOpen, {3, 0}, 1, kOpens + 5, ""},
  };
  for (const Row& r : rows) {
    base::Status s = CheckJoin({capped, r.state, r.tally, r.shopper_seats, r.now});
    if (std::string(r.reason).empty()) {
      EXPECT_TRUE(s.ok()) << r.name << ": " << s.ToString();
    } else {
      EXPECT_EQ(s.reason(), r.reason) << r.name;
    }
  }
}

TEST(JoinTest, DeadlinePassedWhileStillOpenRefuses) {
  Deal d = SampleDeal();
  d.stop_at = kDeadline + 3600;  // sign-ups could run past the deadline once unlocked
  EXPECT_EQ(CheckJoin({d, DealState::kOpen, {3, 0}, 0, kDeadline}).reason(), "deadline_passed");
  EXPECT_TRUE(CheckJoin({d, DealState::kUnlocked, {10, 0}, 0, kDeadline}).ok());
}

TEST(JoinTest, PerShopperLimitOfOneIsTheDefault) {
  Deal d = SampleDeal();
  EXPECT_TRUE(CheckJoin({d, DealState::kOpen, {0, 0}, 0, kOpens}).ok());
  EXPECT_EQ(CheckJoin({d, DealState::kOpen, {1, 0}, 1, kOpens}).reason(), "shopper_limit");
}

TEST(JoinTest, SettlementNeverChargesAboveTheVoucher) {
  Deal d = SampleDeal();
  struct Row {
    int64_t committed, voucher_price, deposit, price, charge, give_back;
  };
  const Row rows[] = {
      {10, 59900, 0, 59900, 59900, 0},       // threshold tier
      {25, 59900, 0, 54900, 54900, 0},       // better tier reached
      {60, 59900, 5990, 49900, 43910, 0},    // deposit counts towards the price
      {60, 59900, 59900, 49900, 0, 10000},   // full deposit above the final price
      {25, 50000, 0, 50000, 50000, 0},       // the printed price is a ceiling
  };
  for (const Row& r : rows) {
    Settlement s = SettleRedemption(d, r.committed, r.voucher_price, r.deposit);
    EXPECT_EQ(s.price, r.price) << r.committed;
    EXPECT_EQ(s.charge, r.charge) << r.committed;
    EXPECT_EQ(s.give_back, r.give_back) << r.committed;
    EXPECT_EQ(s.price, s.charge + s.deposit_paid - s.give_back);
  }
}

TEST(JoinTest, DepositsComeBackOnCancelAndFailureOnly) {
  struct Row {
    PledgeState state;
    int64_t refund;
  };
  const Row rows[] = {{PledgeState::kCancelled, 5990}, {PledgeState::kVoid, 5990},
                      {PledgeState::kRedeemed, 0},     {PledgeState::kExpired, 0},
                      {PledgeState::kActive, 0},       {PledgeState::kLapsed, 0}};
  for (const Row& r : rows) {
    EXPECT_EQ(DepositRefund(r.state, 5990), r.refund) << PledgeStateName(r.state);
  }
}

TEST(JoinTest, APausedDealTakesNoSignUpsUntilResumedAndItsTermsStayTheSame) {
  Deal d = SampleDeal();
  const std::string terms = CanonicalTerms(d);
  d.paused = true;
  EXPECT_EQ(CanonicalTerms(d), terms);  // vouchers already issued promise the same
  EXPECT_FALSE(AcceptsSignUps(d, DealState::kOpen, kOpens + 5));
  base::Status s = CheckJoin({d, DealState::kOpen, {3, 0}, 0, kOpens + 5});
  EXPECT_EQ(s.reason(), "paused") << s.ToString();
  // A stop is still a stop: after it, "after_stop", not "paused".
  EXPECT_EQ(CheckJoin({d, DealState::kUnlocked, {10, 0}, 0, kStop}).reason(), "after_stop");
  d.paused = false;
  EXPECT_TRUE(AcceptsSignUps(d, DealState::kOpen, kOpens + 5));
  EXPECT_TRUE(CheckJoin({d, DealState::kOpen, {3, 0}, 0, kOpens + 5}).ok());
}

}  // namespace
}  // namespace gb::rules
