#include "core/rules/pledge.h"

#include <gtest/gtest.h>

#include "tests/core/rules/sample_deal.h"

namespace gb::rules {
namespace {

using namespace testing;  // NOLINT: sample deal constants

constexpr int64_t kJoined = kOpens + 1000;
constexpr int64_t kWindow = 3600;

Deal DepositDeal() {
  Deal d = SampleDeal();
  d.deposit = {DepositKind::kPercent, 1000, kWindow};
  return d;
}

struct Row {
  const char* name;
  PledgeState from;
  PledgeEvent event;
  DealState deal_state;
  int64_t now;
  std::optional<PledgeState> to;  // nullopt: refused
  const char* reason;             // when refused
};

TEST(PledgeTest, TransitionsFollowStateAndTime) {
  const Deal d = DepositDeal();
  using P = PledgeState;
  using E = PledgeEvent;
  using D = DealState;
  const Row rows[] = {
      {"pay in window", P::kReserved, E::kPayDeposit, D::kOpen, kJoined + 10, P::kActive, ""},
      {"pay late", P::kReserved, E::kPayDeposit, D::kOpen, kJoined + kWindow, {}, "deposit_late"},
      {"pay on failed deal", P::kReserved, E::kPayDeposit, D::kFailed, kJoined + 1, {},
       "deal_failed"},
      {"pay twice", P::kActive, E::kPayDeposit, D::kOpen, kJoined + 1, {}, "illegal_transition"},
      {"lapse after window", P::kReserved, E::kLapse, D::kOpen, kJoined + kWindow, P::kLapsed, ""},
      {"lapse too early", P::kReserved, E::kLapse, D::kOpen, kJoined + 5, {},
       "deposit_window_open"},
      {"lapse active", P::kActive, E::kLapse, D::kOpen, kJoined + kWindow, {},
       "illegal_transition"},
      {"cancel active before stop", P::kActive, E::kCancel, D::kOpen, kStop - 1, P::kCancelled,
       ""},
      {"cancel reserved", P::kReserved, E::kCancel, D::kUnlocked, kStop - 1, P::kCancelled, ""},
      {"cancel at stop", P::kActive, E::kCancel, D::kUnlocked, kStop, {}, "after_stop"},
      {"cancel closed deal", P::kActive, E::kCancel, D::kClosed, kStop - 1, {}, "after_stop"},
      {"cancel failed deal", P::kActive, E::kCancel, D::kFailed, kStop - 1, {}, "after_stop"},
      {"cancel redeemed", P::kRedeemed, E::kCancel, D::kUnlocked, kStop - 1, {},
       "illegal_transition"},
      {"redeem unlocked", P::kActive, E::kRedeem, D::kUnlocked, kJoined, P::kRedeemed, ""},
      {"redeem closed", P::kActive, E::kRedeem, D::kClosed, kRedeemBy - 1, P::kRedeemed, ""},
      {"redeem open", P::kActive, E::kRedeem, D::kOpen, kJoined, {}, "not_unlocked"},
      {"redeem twice", P::kRedeemed, E::kRedeem, D::kClosed, kJoined, {}, "already_redeemed"},
      {"redeem late", P::kActive, E::kRedeem, D::kClosed, kRedeemBy, {}, "expired"},
      {"redeem reserved", P::kReserved, E::kRedeem, D::kUnlocked, kJoined, {},
       "illegal_transition"},
      {"redeem void", P::kVoid, E::kRedeem, D::kFailed, kJoined, {}, "illegal_transition"},
      {"void on fail", P::kActive, E::kVoid, D::kFailed, kDeadline, P::kVoid, ""},
      {"void reserved on fail", P::kReserved, E::kVoid, D::kFailed, kDeadline, P::kVoid, ""},
      {"void on open deal", P::kActive, E::kVoid, D::kOpen, kJoined, {}, "deal_not_failed"},
      {"void cancelled", P::kCancelled, E::kVoid, D::kFailed, kDeadline, {},
       "illegal_transition"},
      {"expire after redeem_by", P::kActive, E::kExpire, D::kClosed, kRedeemBy, P::kExpired, ""},
      {"expire too early", P::kActive, E::kExpire, D::kClosed, kRedeemBy - 1, {}, "not_expired"},
      {"expire redeemed", P::kRedeemed, E::kExpire, D::kClosed, kRedeemBy, {},
       "illegal_transition"},
  };
  for (const Row& r : rows) {
    PledgeContext ctx{d, r.deal_state, kJoined, r.now};
    auto got = ApplyPledgeEvent(r.from, r.event, ctx);
    if (r.to) {
      ASSERT_TRUE(got.ok()) << r.name << ": " << got.status().ToString();
      EXPECT_EQ(*got, *r.to) << r.name;
    } else {
      ASSERT_FALSE(got.ok()) << r.name;
      EXPECT_EQ(got.status().reason(), r.reason) << r.name;
    }
  }
}

TEST(PledgeTest, FinalStatesRefuseEveryEvent) {
  const Deal d = DepositDeal();
  for (PledgeState s : {PledgeState::kLapsed, PledgeState::kCancelled, PledgeState::kVoid,
                        PledgeState::kExpired}) {
    for (PledgeEvent e : {PledgeEvent::kPayDeposit, PledgeEvent::kLapse, PledgeEvent::kCancel,
                          PledgeEvent::kRedeem, PledgeEvent::kVoid, PledgeEvent::kExpire}) {
      for (DealState ds : {DealState::kOpen, DealState::kUnlocked, DealState::kClosed,
                           DealState::kFailed}) {
        PledgeContext ctx{d, ds, kJoined, kRedeemBy + 1};
        EXPECT_FALSE(ApplyPledgeEvent(s, e, ctx).ok())
            << PledgeStateName(s) << " " << PledgeEventName(e);
      }
    }
  }
}

TEST(PledgeTest, InitialStateDependsOnDeposit) {
  EXPECT_EQ(InitialPledgeState(SampleDeal()), PledgeState::kActive);
  EXPECT_EQ(InitialPledgeState(DepositDeal()), PledgeState::kReserved);
}

TEST(PledgeTest, CommittedAndSeatCounting) {
  EXPECT_TRUE(IsCommitted(PledgeState::kActive));
  EXPECT_TRUE(IsCommitted(PledgeState::kRedeemed));
  EXPECT_FALSE(IsCommitted(PledgeState::kReserved));
  EXPECT_TRUE(HoldsSeat(PledgeState::kReserved));
  EXPECT_FALSE(HoldsSeat(PledgeState::kLapsed));
  EXPECT_FALSE(HoldsSeat(PledgeState::kCancelled));
  EXPECT_FALSE(HoldsSeat(PledgeState::kVoid));
}

TEST(PledgeTest, NamesRoundTrip) {
  for (auto s : {PledgeState::kReserved, PledgeState::kActive, PledgeState::kLapsed,
                 PledgeState::kCancelled, PledgeState::kRedeemed, PledgeState::kVoid,
                 PledgeState::kExpired}) {
    auto p = ParsePledgeState(PledgeStateName(s));
    ASSERT_TRUE(p.ok());
    EXPECT_EQ(*p, s);
  }
  EXPECT_FALSE(ParsePledgeState("").ok());
}

}  // namespace
}  // namespace gb::rules
