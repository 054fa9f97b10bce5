// EffectivePledgeState: what a stored pledge really is at a given time, as a
// table over stored state x deal state x time. The kiosk's till and the
// store's money calls both decide from it.
#include "core/rules/pledge_record.h"

#include <gtest/gtest.h>

#include "tests/core/rules/sample_deal.h"

namespace gb::rules {
namespace {

using testing::kDeadline;
using testing::kOpens;
using testing::kRedeemBy;

constexpr int64_t kJoined = kOpens + 3600;
constexpr int64_t kWindow = 2 * 86400;  // the deposit's pay_within_s

struct Case {
  const char* name;
  PledgeState stored;
  DealState deal;
  int64_t now;
  PledgeState want;
};

PledgeRecord Stored(PledgeState s) {
  PledgeRecord p;
  p.id = 7;
  p.deal_id = 42;
  p.state = s;
  p.joined_at = kJoined;
  return p;
}

Deal DepositDeal() {
  Deal d = testing::SampleDeal();
  d.deposit.pay_within_s = kWindow;
  return d;
}

TEST(EffectivePledgeStateTest, FollowsTheStoredStateTheDealAndTheClock) {
  const Case cases[] = {
      {"reserved, open, in window", PledgeState::kReserved, DealState::kOpen, kJoined + kWindow - 1,
       PledgeState::kReserved},
      {"reserved, open, window over", PledgeState::kReserved, DealState::kOpen, kJoined + kWindow,
       PledgeState::kLapsed},
      {"reserved, failed deal: void, not lapsed", PledgeState::kReserved, DealState::kFailed,
       kJoined + kWindow + 5, PledgeState::kVoid},
      {"active, failed deal", PledgeState::kActive, DealState::kFailed, kDeadline,
       PledgeState::kVoid},
      {"active, unlocked, before redeem_by", PledgeState::kActive, DealState::kUnlocked,
       kRedeemBy - 1, PledgeState::kActive},
      {"active, unlocked, at redeem_by", PledgeState::kActive, DealState::kUnlocked, kRedeemBy,
       PledgeState::kExpired},
      {"active, closed, after redeem_by", PledgeState::kActive, DealState::kClosed, kRedeemBy + 9,
       PledgeState::kExpired},
      {"active, open, after redeem_by: not expired", PledgeState::kActive, DealState::kOpen,
       kRedeemBy + 9, PledgeState::kActive},
      {"redeemed stays redeemed", PledgeState::kRedeemed, DealState::kClosed, kRedeemBy + 9,
       PledgeState::kRedeemed},
      {"cancelled stays cancelled in a failed deal", PledgeState::kCancelled, DealState::kFailed,
       kDeadline, PledgeState::kCancelled},
      {"lapsed stays lapsed", PledgeState::kLapsed, DealState::kUnlocked, kJoined,
       PledgeState::kLapsed},
  };
  const Deal deal = DepositDeal();
  for (const Case& c : cases) {
    EXPECT_EQ(EffectivePledgeState(Stored(c.stored), deal, c.deal, c.now), c.want) << c.name;
  }
}

TEST(EffectivePledgeStateTest, AReservationWithoutADepositWindowLapsesAtOnce) {
  // pay_within_s = 0 would be a deal with no deposit, whose pledges are
  // never reserved; a stored reservation of one is past its window.
  const Deal deal = testing::SampleDeal();
  EXPECT_EQ(EffectivePledgeState(Stored(PledgeState::kReserved), deal, DealState::kOpen, kJoined),
            PledgeState::kLapsed);
}

}  // namespace
}  // namespace gb::rules
