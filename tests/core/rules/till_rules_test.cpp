// The till's four decisions (core/rules/till_rules.h), which the kiosk's
// ledger and the store both apply: what each allows, what it refuses and
// why, and the money it moves.
#include "core/rules/till_rules.h"

#include <gtest/gtest.h>

#include <string>

#include "tests/core/rules/sample_deal.h"

namespace gb::rules {
namespace {

using testing::kDeadline;
using testing::kOpens;
using testing::kRedeemBy;
using testing::kStop;

constexpr int64_t kJoined = kOpens + 3600;
constexpr int64_t kWindow = 2 * 86400;
constexpr int64_t kDeposit = 10000;  // 100.00 of the 599.00 voucher

Deal DepositDeal() {
  Deal d = testing::SampleDeal();
  d.deposit = {DepositKind::kAmount, kDeposit, kWindow};
  return d;
}

PledgeRecord Pledge(PledgeState s, int64_t paid = 0) {
  PledgeRecord p;
  p.id = 7;
  p.deal_id = 42;
  p.state = s;
  p.joined_at = kJoined;
  p.price_minor = 59900;
  p.deposit_due = kDeposit;
  p.deposit_paid = paid;
  if (paid > 0) {
    p.deposit_paid_at = kJoined + 60;
    p.deposit_till = "till-1";
  }
  return p;
}

std::string Reason(const base::Result<TillDecision>& r) {
  return r.ok() ? "ok" : r.status().reason();
}

TEST(TillRulesTest, DepositIsTakenOnceWithinItsWindow) {
  const Deal deal = DepositDeal();
  const TillFacts open{deal, DealState::kOpen, 0, kJoined + 600};
  auto taken = DecideDeposit(Pledge(PledgeState::kReserved), open);
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  EXPECT_EQ(taken->next, PledgeState::kActive);
  EXPECT_EQ(taken->amount, kDeposit);

  auto again = DecideDeposit(Pledge(PledgeState::kActive, kDeposit), open);
  EXPECT_EQ(Reason(again), "deposit_already_paid");
  EXPECT_NE(again.status().message().find("at till till-1"), std::string::npos)
      << again.status().message();

  const TillFacts late{deal, DealState::kOpen, 0, kJoined + kWindow};
  EXPECT_EQ(Reason(DecideDeposit(Pledge(PledgeState::kReserved), late)), "deposit_late");
  const TillFacts failed{deal, DealState::kFailed, 0, kDeadline};
  EXPECT_EQ(Reason(DecideDeposit(Pledge(PledgeState::kReserved), failed)), "deal_failed");
  const Deal none = testing::SampleDeal();
  EXPECT_EQ(Reason(DecideDeposit(Pledge(PledgeState::kActive), {none, DealState::kOpen, 0, kJoined})),
            "no_deposit");
}

TEST(TillRulesTest, ARefundIsOnlyForCancelledOrVoidPledgesThatPaid) {
  const Deal deal = DepositDeal();
  const TillFacts failed{deal, DealState::kFailed, 0, kDeadline + 1};
  auto voided = DecideRefund(Pledge(PledgeState::kActive, kDeposit), failed);
  ASSERT_TRUE(voided.ok()) << voided.status().ToString();
  EXPECT_EQ(voided->next, PledgeState::kVoid);
  EXPECT_EQ(voided->amount, kDeposit);

  const TillFacts open{deal, DealState::kOpen, 0, kJoined + 600};
  auto cancelled = DecideRefund(Pledge(PledgeState::kCancelled, kDeposit), open);
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled->next, PledgeState::kCancelled);
  EXPECT_EQ(cancelled->amount, kDeposit);

  EXPECT_EQ(Reason(DecideRefund(Pledge(PledgeState::kActive, kDeposit), open)),
            "nothing_to_refund");
  EXPECT_EQ(Reason(DecideRefund(Pledge(PledgeState::kCancelled, 0), open)), "nothing_to_refund");
  PledgeRecord given = Pledge(PledgeState::kCancelled, kDeposit);
  given.refunded_at = kJoined + 900;
  given.refund_till = "till-2";
  auto again = DecideRefund(given, open);
  EXPECT_EQ(Reason(again), "already_refunded");
  EXPECT_NE(again.status().message().find("till-2"), std::string::npos);
}

TEST(TillRulesTest, CancellingBeforeTheStopOwesTheDepositBack) {
  const Deal deal = DepositDeal();
  auto before = DecideCancel(Pledge(PledgeState::kActive, kDeposit),
                             {deal, DealState::kOpen, 0, kStop - 1});
  ASSERT_TRUE(before.ok()) << before.status().ToString();
  EXPECT_EQ(before->next, PledgeState::kCancelled);
  EXPECT_EQ(before->amount, kDeposit);

  EXPECT_EQ(Reason(DecideCancel(Pledge(PledgeState::kActive, kDeposit),
                                {deal, DealState::kOpen, 0, kStop})),
            "after_stop");
  EXPECT_EQ(Reason(DecideCancel(Pledge(PledgeState::kCancelled, kDeposit),
                                {deal, DealState::kOpen, 0, kJoined})),
            "already_cancelled");
  EXPECT_EQ(Reason(DecideCancel(Pledge(PledgeState::kActive, kDeposit),
                                {deal, DealState::kFailed, 0, kDeadline})),
            "pledge_void");
}

TEST(TillRulesTest, RedeemSettlesAtTheTierReachedOnce) {
  const Deal deal = DepositDeal();
  // 20 committed: the 549.00 tier; 100.00 already taken.
  auto valid = DecideRedeem(Pledge(PledgeState::kActive, kDeposit),
                            {deal, DealState::kUnlocked, 20, kRedeemBy - 1});
  ASSERT_TRUE(valid.ok()) << valid.status().ToString();
  EXPECT_EQ(valid->next, PledgeState::kRedeemed);
  EXPECT_EQ(valid->settlement.price, 54900);
  EXPECT_EQ(valid->settlement.charge, 54900 - kDeposit);
  EXPECT_EQ(valid->amount, valid->settlement.charge);

  PledgeRecord used = Pledge(PledgeState::kRedeemed, kDeposit);
  used.redeemed_at = kRedeemBy - 100;
  used.redeemed_place = "Till 3";
  auto again = DecideRedeem(used, {deal, DealState::kUnlocked, 20, kRedeemBy - 1});
  EXPECT_EQ(Reason(again), "already_redeemed");
  EXPECT_NE(again.status().message().find("at Till 3"), std::string::npos);

  EXPECT_EQ(Reason(DecideRedeem(Pledge(PledgeState::kActive), {deal, DealState::kOpen, 5, kJoined})),
            "not_unlocked");
  EXPECT_EQ(Reason(DecideRedeem(Pledge(PledgeState::kActive),
                                {deal, DealState::kUnlocked, 20, kRedeemBy})),
            "expired");
  EXPECT_EQ(Reason(DecideRedeem(Pledge(PledgeState::kActive),
                                {deal, DealState::kFailed, 0, kDeadline})),
            "pledge_void");
}

TEST(TillRulesTest, RedeemBelowTheThresholdChargesTheVouchersOwnPrice) {
  // A store whose tallies disagree with a redeemable pledge: never a tier
  // the deal did not reach, never more than the voucher says.
  const Deal deal = DepositDeal();
  auto r = DecideRedeem(Pledge(PledgeState::kActive, kDeposit),
                        {deal, DealState::kUnlocked, 3, kRedeemBy - 1});
  ASSERT_TRUE(r.ok());
  EXPECT_EQ(r->settlement.price, 59900);
  EXPECT_EQ(r->settlement.charge, 59900 - kDeposit);
  EXPECT_EQ(r->settlement.give_back, 0);
}

}  // namespace
}  // namespace gb::rules
