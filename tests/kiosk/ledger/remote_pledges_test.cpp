// Ledger::ApplyRemoteState's "pledges": the store's deposits, refunds and
// redemptions of this kiosk's vouchers (made at any till) move its rows
// forward, once, never backwards, and write nothing to the outbox.
#include <gtest/gtest.h>

#include "tests/kiosk/ledger/till_fixture.h"

namespace gb::ledger {
namespace {

using rules::PledgeState;
using testing::DepositDeal;
using testing::kJoin;
using testing::TillFixture;

constexpr int64_t kDeposit = 5990;  // 10 % of 599.00

class RemotePledgesTest : public TillFixture {
 protected:
  // What the store says of our pledge `r`.
  StorePledge Store(const SignUpReceipt& r, uint32_t deal_id, PledgeState state) {
    StorePledge p;
    p.key_id = l().identity().key_id;
    p.serial = r.serial;
    p.deal_id = deal_id;
    p.state = state;
    p.rev = ++rev_;
    return p;
  }
  static StorePledge Paid(StorePledge p, int64_t at, std::string place = "till-b") {
    p.deposit_amount = kDeposit;
    p.deposit_at = at;
    p.deposit_place = std::move(place);
    return p;
  }
  static StorePledge Redeemed(StorePledge p, int64_t at, std::string place = "Till B") {
    p.state = PledgeState::kRedeemed;
    p.redeemed_at = at;
    p.redeemed_place = std::move(place);
    return p;
  }
  ApplyReport Apply(std::vector<StorePledge> pledges) {
    RemoteState s{rev_, {}, {}};
    s.pledges = std::move(pledges);
    auto r = l().ApplyRemoteState(s, kJoin + 500);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : ApplyReport{};
  }
  int64_t Count(const std::string& table) { return Scalar(l(), "SELECT count(*) FROM " + table); }

  int64_t rev_ = 10;
};

TEST_F(RemotePledgesTest, ADepositAndARedemptionElsewhereMoveThePledgeForwardOnce) {
  const SignUpReceipt r = Join(43, 1);
  ASSERT_EQ(r.state, PledgeState::kReserved);
  const int64_t outbox = Count("outbox");
  const int64_t jobs = Count("print_jobs");

  const StorePledge paid = Paid(Store(r, 43, PledgeState::kActive), kJoin + 50);
  ApplyReport first = Apply({paid});
  EXPECT_EQ(first.pledges_updated, 1);
  rules::PledgeRecord p = l().GetPledge(r.pledge_id).value();
  EXPECT_EQ(p.state, PledgeState::kActive);
  EXPECT_EQ(p.deposit_paid, kDeposit);
  EXPECT_EQ(p.deposit_paid_at, kJoin + 50);
  EXPECT_EQ(p.deposit_till, "till-b");
  // The deal counts it as committed now, not reserved.
  EXPECT_EQ(l().GetDeal(43, kJoin + 500)->tally, (rules::Tally{1, 0}));
  // The same answer again (a repeated poll) changes nothing.
  ApplyReport again = Apply({paid});
  EXPECT_EQ(again.pledges_updated, 0);
  EXPECT_EQ(again.pledges_unchanged, 1);

  ASSERT_TRUE(Apply({Redeemed(paid, kJoin + 300)}).pledges_updated == 1);
  p = l().GetPledge(r.pledge_id).value();
  EXPECT_EQ(p.state, PledgeState::kRedeemed);
  EXPECT_EQ(p.redeemed_at, kJoin + 300);
  EXPECT_EQ(p.redeemed_place, "Till B");
  EXPECT_EQ(p.deposit_paid, kDeposit);
  // The till here refuses what the store has done already.
  auto cancel = l().CancelPledge(At(r.pledge_id, kJoin + 600));
  ASSERT_FALSE(cancel.ok());
  auto deposit = l().PayDeposit(At(r.pledge_id, kJoin + 600));
  ASSERT_FALSE(deposit.ok());
  EXPECT_EQ(deposit.status().reason(), "deposit_already_paid");
  // Nothing echoes back to the store, nothing prints.
  EXPECT_EQ(Count("outbox"), outbox);
  EXPECT_EQ(Count("print_jobs"), jobs);
}

TEST_F(RemotePledgesTest, AnOlderAnswerNeverTakesBackWhatHappenedHere) {
  const SignUpReceipt a = Join(42, 1);
  const SignUpReceipt b = Join(42, 2);  // two: deal 42 unlocks
  ASSERT_TRUE(l().Redeem(At(a.pledge_id, kJoin + 10, "till-1")).ok());
  // The store has not heard of the redemption yet: it still says active.
  ApplyReport stale = Apply({Store(a, 42, PledgeState::kActive)});
  EXPECT_EQ(stale.pledges_unchanged, 1);
  rules::PledgeRecord p = l().GetPledge(a.pledge_id).value();
  EXPECT_EQ(p.state, PledgeState::kRedeemed);
  EXPECT_EQ(p.redeemed_place, "till-1");
  // A redemption the ledger has is kept, whatever the store says of it (a
  // second one is the store's conflict to report).
  Apply({Redeemed(Store(a, 42, PledgeState::kActive), kJoin + 20, "Till B")});
  p = l().GetPledge(a.pledge_id).value();
  EXPECT_EQ(p.redeemed_at, kJoin + 10);
  EXPECT_EQ(p.redeemed_place, "till-1");

  // Cancelled here, not uploaded yet: the store's "active" does not revive it.
  ASSERT_TRUE(l().CancelPledge(At(b.pledge_id, kJoin + 30)).ok());
  Apply({Store(b, 42, PledgeState::kActive)});
  EXPECT_EQ(l().GetPledge(b.pledge_id)->state, PledgeState::kCancelled);
  // But the store's redemption outranks a cancellation it never heard of.
  Apply({Redeemed(Store(b, 42, PledgeState::kActive), kJoin + 25)});
  EXPECT_EQ(l().GetPledge(b.pledge_id)->state, PledgeState::kRedeemed);
}

TEST_F(RemotePledgesTest, ARefundElsewhereIsRecordedOnce) {
  const SignUpReceipt r = Join(43, 1);
  ASSERT_TRUE(l().PayDeposit(At(r.pledge_id, kJoin + 10)).ok());
  ASSERT_TRUE(l().CancelPledge(At(r.pledge_id, kJoin + 20)).ok());
  StorePledge s = Paid(Store(r, 43, PledgeState::kCancelled), kJoin + 10, "till-1");
  s.refunded_at = kJoin + 40;
  s.refund_amount = kDeposit;
  s.refund_place = "till-b";
  EXPECT_EQ(Apply({s}).pledges_updated, 1);
  const rules::PledgeRecord p = l().GetPledge(r.pledge_id).value();
  EXPECT_EQ(p.state, PledgeState::kCancelled);
  EXPECT_EQ(p.refunded_at, kJoin + 40);
  EXPECT_EQ(p.refund_minor, kDeposit);
  EXPECT_EQ(p.refund_till, "till-b");
  EXPECT_EQ(p.deposit_till, "till-1");  // our own deposit stays as we took it
  auto twice = l().GiveRefund(At(r.pledge_id, kJoin + 50));
  ASSERT_FALSE(twice.ok());
  EXPECT_EQ(twice.status().reason(), "already_refunded");
  EXPECT_EQ(Apply({s}).pledges_unchanged, 1);
}

TEST_F(RemotePledgesTest, APledgeThisLedgerDoesNotHaveIsCountedAndLeftAlone) {
  const SignUpReceipt r = Join(43, 1);
  StorePledge stranger = Store(r, 43, PledgeState::kRedeemed);
  stranger.serial = r.serial + 100;
  StorePledge other_deal = Paid(Store(r, 42, PledgeState::kActive), kJoin + 5);
  const int64_t pledges = Count("pledges");
  ApplyReport report = Apply({stranger, other_deal});
  EXPECT_EQ(report.pledges_unknown, 2);
  EXPECT_EQ(report.pledges_updated, 0);
  EXPECT_EQ(Count("pledges"), pledges);
  EXPECT_EQ(l().GetPledge(r.pledge_id)->state, PledgeState::kReserved);
  EXPECT_FALSE(l().GetPledge(r.pledge_id)->deposit_paid_at.has_value());
  // The rest of the answer still applies.
  EXPECT_EQ(l().SyncRevision().value(), rev_);
}

}  // namespace
}  // namespace gb::ledger
