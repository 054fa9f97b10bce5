#include "core/rules/lease.h"

#include <gtest/gtest.h>

#include "core/rules/join.h"
#include "tests/core/rules/sample_deal.h"

namespace gb::rules {
namespace {

using namespace testing;  // NOLINT: sample deal constants

Deal Capped(int32_t cap) {
  Deal d = SampleDeal();
  d.cap = cap;
  return d;
}

TEST(LeaseTest, CheckLeaseRefusesSoldOutHereOnlyWhenTheLeaseSaysSo) {
  const Deal d = Capped(6);
  const int64_t now = kOpens + 100;
  const Lease lease{d.id, 3, now + 600};
  struct Row {
    const char* name;
    LeaseCheck check;
    const char* reason;  // "" = allowed
  };
  const Row rows[] = {
      {"not required (standalone)", {false, std::nullopt, 99}, ""},
      {"required, never received", {true, std::nullopt, 0}, "sold_out_here"},
      {"free seats", {true, lease, 2}, ""},
      {"all seats used", {true, lease, 3}, "sold_out_here"},
      {"more used than lent", {true, lease, 5}, "sold_out_here"},
      {"expired", {true, Lease{d.id, 3, now}, 0}, "sold_out_here"},
      {"one second left", {true, Lease{d.id, 3, now + 1}, 0}, ""},
      {"zero seats lent", {true, Lease{d.id, 0, now + 600}, 0}, "sold_out_here"},
  };
  for (const Row& r : rows) {
    base::Status s = CheckLease(d, r.check, now);
    if (std::string(r.reason).empty()) {
      EXPECT_TRUE(s.ok()) << r.name << ": " << s.ToString();
    } else {
      EXPECT_EQ(s.reason(), r.reason) << r.name;
    }
  }
}

TEST(LeaseTest, UncappedDealsNeedNoLease) {
  const Deal d = Capped(0);
  EXPECT_TRUE(CheckLease(d, {true, std::nullopt, 50}, kOpens).ok());
}

TEST(LeaseTest, JoinPutsSoldOutBeforeSoldOutHereAndHereBeforeShopperLimit) {
  const Deal d = Capped(6);
  const int64_t now = kOpens + 5;
  const LeaseCheck used_up{true, Lease{d.id, 2, now + 600}, 2};
  // The whole deal is full: "sold_out" says more than "here".
  EXPECT_EQ(CheckJoin({d, DealState::kUnlocked, {6, 0}, 0, now, used_up}).reason(), "sold_out");
  EXPECT_EQ(CheckJoin({d, DealState::kOpen, {2, 0}, 1, now, used_up}).reason(), "sold_out_here");
  const LeaseCheck room{true, Lease{d.id, 3, now + 600}, 2};
  EXPECT_TRUE(CheckJoin({d, DealState::kOpen, {2, 0}, 0, now, room}).ok());
  EXPECT_EQ(CheckJoin({d, DealState::kOpen, {2, 0}, 1, now, room}).reason(), "shopper_limit");
}

TEST(LeaseTest, AutomaticBlockSharesHalfTheCap) {
  LeasePolicy p;
  EXPECT_EQ(LeaseBlock(Capped(100), 5, p), 10);
  EXPECT_EQ(LeaseBlock(Capped(6), 2, p), 1);
  EXPECT_EQ(LeaseBlock(Capped(3), 4, p), 1);  // never 0
  EXPECT_EQ(LeaseBlock(Capped(6), 0, p), 3);  // no kiosk known: as if one
  p.block = 4;
  EXPECT_EQ(LeaseBlock(Capped(100), 5, p), 4);
}

TEST(LeaseTest, FirstGrantIsUsedPlusBlockBoundedByWhatIsFree) {
  const Deal d = Capped(6);
  LeasePolicy p;
  p.block = 2;
  const int64_t now = kOpens + 10;
  EXPECT_EQ(GrantLease({d, 0, std::nullopt, 0, 2, now}, p), (Lease{d.id, 2, now + 600}));
  EXPECT_EQ(GrantLease({d, 1, std::nullopt, 4, 2, now}, p).seats, 2);  // room 2
  EXPECT_EQ(GrantLease({d, 0, std::nullopt, 6, 2, now}, p).seats, 0);  // nothing free
  EXPECT_EQ(GrantLease({d, 0, std::nullopt, 9, 2, now}, p).seats, 0);  // already oversold
}

TEST(LeaseTest, ACeilingBelowTheCapBoundsWhatIsLentButNotTheBlock) {
  // A store holding 5 of a chain-wide cap of 100 lends its kiosks at most 5
  // between them; the block is still the cap's (p.block unset: 100 / 4 = 25).
  const Deal d = Capped(100);
  const LeasePolicy p;
  const int64_t now = kOpens + 10;
  GrantInput in{d, 0, std::nullopt, 0, 2, now};
  in.ceiling = 5;
  EXPECT_EQ(GrantLease(in, p).seats, 5);
  in.others_held = 3;
  EXPECT_EQ(GrantLease(in, p).seats, 2);
  in.ceiling = 2;  // the store's share shrank below what others hold: nothing new
  EXPECT_EQ(GrantLease(in, p).seats, 0);
  in.ceiling = 1000;  // never beyond the cap itself
  EXPECT_EQ(GrantLease(in, p).seats, 25);
  in.others_held = 90;
  EXPECT_EQ(GrantLease(in, p).seats, 10);
  // A lease in use keeps its seats even when the ceiling fell below them.
  in.others_held = 0;
  in.ceiling = 1;
  in.current = Lease{d.id, 4, now + 500};
  EXPECT_EQ(GrantLease(in, p).seats, 4);
}

TEST(LeaseTest, ALeaseInUseIsToppedUpNeverShrunk) {
  const Deal d = Capped(10);
  LeasePolicy p;
  p.block = 3;
  const int64_t now = kOpens + 10;
  const Lease cur{d.id, 3, now + 500};
  // 2 of 3 used: topped up to used + block, expiry extended with the top-up.
  EXPECT_EQ(GrantLease({d, 2, cur, 3, 2, now}, p), (Lease{d.id, 5, now + 600}));
  // Nothing used, plenty of time left: unchanged (no write needed).
  EXPECT_EQ(GrantLease({d, 0, cur, 3, 2, now}, p), cur);
  // Others took everything else: the 3 lent seats stay lent.
  EXPECT_EQ(GrantLease({d, 0, cur, 7, 2, now}, p).seats, 3);
  // Running low on time: extended, same seats.
  const Lease old{d.id, 3, now + 100};
  EXPECT_EQ(GrantLease({d, 0, old, 3, 2, now}, p), (Lease{d.id, 3, now + 600}));
  // Past expires_at but within the grace: the kiosk may still be signing up
  // by a slow clock, so nothing is taken back.
  const Lease just_expired{d.id, 3, now - 60};
  EXPECT_EQ(GrantLease({d, 0, just_expired, 3, 2, now}, p).seats, 3);
}

TEST(LeaseTest, AnExpiredLeaseIsRebasedAndReturnsItsUnusedSeats) {
  const Deal d = Capped(10);
  LeasePolicy p;
  p.block = 3;
  const int64_t now = kOpens + 1000;
  const Lease stale{d.id, 8, now - p.grace_s};  // expired, grace over
  EXPECT_EQ(GrantLease({d, 1, stale, 0, 2, now}, p), (Lease{d.id, 4, now + 600}));
}

TEST(LeaseTest, HeldSeatsAreUsedOrLentWhicheverIsMore) {
  EXPECT_EQ(HeldSeats({3, std::nullopt}), 3);
  EXPECT_EQ(HeldSeats({1, Lease{1, 4, 0}}), 4);
  EXPECT_EQ(HeldSeats({5, Lease{1, 4, 0}}), 5);
}

// Many kiosks asking in any order never get more than the cap between them.
TEST(LeaseTest, GrantsNeverExceedTheCapAcrossKiosks) {
  const Deal d = Capped(7);
  LeasePolicy p;
  p.block = 3;
  std::vector<LeaseHolder> kiosks(4);
  for (int round = 0; round < 20; ++round) {
    for (size_t k = 0; k < kiosks.size(); ++k) {
      int64_t others = 0;
      for (size_t j = 0; j < kiosks.size(); ++j) others += j == k ? 0 : HeldSeats(kiosks[j]);
      Lease l = GrantLease({d, kiosks[k].used, kiosks[k].lease, others, 4, kOpens + round}, p);
      kiosks[k].lease = l;
      if (kiosks[k].used < l.seats && (round + static_cast<int>(k)) % 2 == 0) ++kiosks[k].used;
      int64_t total = 0;
      for (const LeaseHolder& h : kiosks) total += HeldSeats(h);
      ASSERT_LE(total, d.cap) << "round " << round << " kiosk " << k;
    }
  }
  int64_t used = 0;
  for (const LeaseHolder& h : kiosks) used += h.used;
  EXPECT_EQ(used, d.cap);  // and the cap is reached: nothing is stranded
}

}  // namespace
}  // namespace gb::rules
