#include "core/rules/deal_state.h"

#include <gtest/gtest.h>

#include "tests/core/rules/sample_deal.h"

namespace gb::rules {
namespace {

using namespace testing;  // NOLINT: sample deal constants

constexpr DealState kStates[] = {DealState::kDraft, DealState::kOpen, DealState::kUnlocked,
                                 DealState::kClosed, DealState::kFailed};
constexpr DealEvent kEvents[] = {DealEvent::kPublish, DealEvent::kUnlock, DealEvent::kClose,
                                 DealEvent::kFail};

// The full table: every (state, event) pair, legal or not.
TEST(DealStateTest, EveryPairFollowsTheTable) {
  auto expected = [](DealState s, DealEvent e) -> std::optional<DealState> {
    if (s == DealState::kDraft && e == DealEvent::kPublish) return DealState::kOpen;
    if (s == DealState::kOpen && e == DealEvent::kUnlock) return DealState::kUnlocked;
    if (s == DealState::kOpen && e == DealEvent::kFail) return DealState::kFailed;
    if (s == DealState::kUnlocked && e == DealEvent::kClose) return DealState::kClosed;
    return std::nullopt;
  };
  int legal = 0;
  for (DealState s : kStates) {
    for (DealEvent e : kEvents) {
      auto got = ApplyDealEvent(s, e);
      auto want = expected(s, e);
      if (want) {
        ++legal;
        ASSERT_TRUE(got.ok()) << DealStateName(s) << " " << DealEventName(e);
        EXPECT_EQ(*got, *want);
      } else {
        ASSERT_FALSE(got.ok()) << DealStateName(s) << " " << DealEventName(e);
        EXPECT_EQ(got.status().reason(), "illegal_transition");
        EXPECT_EQ(got.status().code(), base::Code::kFailedPrecondition);
      }
    }
  }
  EXPECT_EQ(legal, 4);
}

TEST(DealStateTest, NamesRoundTrip) {
  for (DealState s : kStates) {
    auto parsed = ParseDealState(DealStateName(s));
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(*parsed, s);
  }
  EXPECT_EQ(ParseDealState("opened").status().reason(), "bad_deal_state");
}

TEST(DealStateTest, AdvanceFollowsTimeAndTally) {
  Deal d = SampleDeal();
  struct Row {
    const char* name;
    DealState from;
    int64_t committed;
    int64_t now;
    DealState to;
  };
  const Row rows[] = {
      {"draft stays draft", DealState::kDraft, 50, kDeadline + 1, DealState::kDraft},
      {"open below threshold", DealState::kOpen, 9, kOpens + 10, DealState::kOpen},
      {"open reaches threshold", DealState::kOpen, 10, kOpens + 10, DealState::kUnlocked},
      {"open fails at deadline", DealState::kOpen, 9, kDeadline, DealState::kFailed},
      {"unlock counted before fail", DealState::kOpen, 10, kDeadline + 5, DealState::kClosed},
      {"unlocked stays until stop", DealState::kUnlocked, 12, kStop - 1, DealState::kUnlocked},
      {"unlocked closes at stop", DealState::kUnlocked, 12, kStop, DealState::kClosed},
      {"closed is final", DealState::kClosed, 0, kOpens, DealState::kClosed},
      {"failed is final", DealState::kFailed, 99, kOpens, DealState::kFailed},
      {"reserved do not unlock", DealState::kOpen, 9, kOpens + 10, DealState::kOpen},
  };
  for (const Row& r : rows) {
    Tally t{r.committed, 5};
    EXPECT_EQ(Advance(d, r.from, t, r.now), r.to) << r.name;
  }
}

// A caller may skip counting pledges when AdvanceReadsTally says no: then no
// tally, however large or small, changes where Advance goes.
TEST(DealStateTest, OnlyAnOpenDealReadsItsTally) {
  Deal d = SampleDeal();
  const int64_t times[] = {kOpens, kOpens + 10, kStop - 1, kStop, kDeadline, kDeadline + 5};
  for (DealState s : kStates) {
    EXPECT_EQ(AdvanceReadsTally(s), s == DealState::kOpen) << DealStateName(s);
    bool differs = false;
    for (int64_t now : times) {
      differs = differs || Advance(d, s, Tally{0, 0}, now) != Advance(d, s, Tally{1000, 1000}, now);
    }
    EXPECT_EQ(differs, AdvanceReadsTally(s)) << DealStateName(s);
  }
}

TEST(DealStateTest, EarlyStopClosesAnUnlockedDeal) {
  Deal d = SampleDeal();
  d.stopped_early_at = kOpens + 100;
  EXPECT_EQ(Advance(d, DealState::kUnlocked, {10, 0}, kOpens + 100), DealState::kClosed);
  EXPECT_FALSE(AcceptsSignUps(d, DealState::kOpen, kOpens + 100));
  EXPECT_TRUE(AcceptsSignUps(d, DealState::kOpen, kOpens + 99));
}

TEST(DealStateTest, SignUpsOnlyWhileOnAndInTime) {
  Deal d = SampleDeal();
  EXPECT_FALSE(AcceptsSignUps(d, DealState::kOpen, kOpens - 1));
  EXPECT_TRUE(AcceptsSignUps(d, DealState::kOpen, kOpens));
  EXPECT_FALSE(AcceptsSignUps(d, DealState::kDraft, kOpens + 1));
  EXPECT_TRUE(AcceptsSignUps(d, DealState::kUnlocked, kStop - 1));
  EXPECT_FALSE(AcceptsSignUps(d, DealState::kUnlocked, kStop));
  EXPECT_FALSE(AcceptsSignUps(d, DealState::kFailed, kOpens + 1));
  EXPECT_FALSE(AcceptsSignUps(d, DealState::kClosed, kOpens + 1));
}

}  // namespace
}  // namespace gb::rules
