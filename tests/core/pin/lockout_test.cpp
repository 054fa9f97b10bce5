// The lock-out rules as tables: lock lengths per round, one typed PIN in
// each state, and a scripted evening at the pad.
#include "core/pin/lockout.h"

#include <gtest/gtest.h>

#include <climits>
#include <vector>

namespace gb::pin {
namespace {

constexpr int64_t kNow = 1'700'000'000;

const char* Name(PinMatch m) {
  switch (m) {
    case PinMatch::kNone:
      return "wrong";
    case PinMatch::kStaff:
      return "cashier";
    case PinMatch::kManager:
      return "manager";
  }
  return "?";
}

TEST(LockoutTest, EachFurtherRoundDoublesTheLockUpTo24Hours) {
  const LockoutPolicy p;
  struct Row {
    int round;
    int64_t seconds;
  };
  const std::vector<Row> rows = {
      {-1, 0},    {0, 0},      {1, 300},    {2, 600},      {3, 1200},
      {4, 2400},  {5, 4800},   {6, 9600},   {7, 19200},    {8, 38400},
      {9, 76800}, {10, 86400}, {11, 86400}, {1000, 86400}, {INT_MAX, 86400},
  };
  for (const Row& r : rows) EXPECT_EQ(LockSeconds(r.round, p), r.seconds) << "round " << r.round;
  EXPECT_EQ(LockSeconds(3, LockoutPolicy{3, 60, 200}), 200) << "the cap is the policy's";
  EXPECT_EQ(LockSeconds(5, LockoutPolicy{3, 0, 200}), 0);
}

TEST(LockoutTest, OneTypedPinInEachState) {
  const LockoutPolicy p;
  struct Row {
    const char* state;
    PinGuard before;
    PinMatch match;
    bool admitted;
    bool cleared;
    PinGuard after;
  };
  const int64_t past = kNow - 10;
  const int64_t later = kNow + 100;
  const std::vector<Row> rows = {
      // Not locked, no rounds yet.
      {"fresh", {0, 0}, PinMatch::kNone, false, false, {1, 0}},
      {"two wrong", {2, 0}, PinMatch::kNone, false, false, {3, 0}},
      {"two wrong", {2, 0}, PinMatch::kStaff, true, false, {0, 0}},
      {"two wrong", {2, 0}, PinMatch::kManager, true, true, {0, 0}},
      {"four wrong", {4, 0}, PinMatch::kNone, false, false, {5, kNow + 300}},
      // After two rounds, the lock-out over: a cashier keeps the rounds.
      {"2 rounds", {12, past}, PinMatch::kNone, false, false, {13, past}},
      {"2 rounds", {12, past}, PinMatch::kStaff, true, false, {10, past}},
      {"2 rounds", {12, past}, PinMatch::kManager, true, true, {0, 0}},
      {"2 rounds, 4 wrong", {14, past}, PinMatch::kNone, false, false, {15, kNow + 1200}},
      // Locked, checks left: only a manager opens it; the rest count.
      {"locked", {5, later}, PinMatch::kNone, false, false, {6, later}},
      {"locked", {5, later}, PinMatch::kStaff, false, false, {6, later}},
      {"locked", {5, later}, PinMatch::kManager, true, true, {0, 0}},
      {"locked, 3 used", {8, later}, PinMatch::kNone, false, false, {9, later}},
      // Locked, checks used up: nothing is checked or counted.
      {"locked, 4 used", {9, later}, PinMatch::kNone, false, false, {9, later}},
      {"locked, 4 used", {9, later}, PinMatch::kStaff, false, false, {9, later}},
      {"locked, 4 used", {9, later}, PinMatch::kManager, false, false, {9, later}},
      // Damaged rows neither crash nor overflow.
      {"negative", {-3, 0}, PinMatch::kNone, false, false, {1, 0}},
      {"huge", {INT_MAX, 0}, PinMatch::kNone, false, false, {1'000'001, 0}},
  };
  for (const Row& r : rows) {
    const PadVerdict v = Decide(r.before, r.match, kNow, p);
    EXPECT_EQ(v.admitted, r.admitted) << r.state << ", " << Name(r.match);
    EXPECT_EQ(v.cleared, r.cleared) << r.state << ", " << Name(r.match);
    EXPECT_EQ(v.guard, r.after) << r.state << ", " << Name(r.match) << ": " << v.guard.failed << " "
                                << v.guard.locked_until - kNow;
  }
}

TEST(LockoutTest, AScriptedEveningAtThePad) {
  const LockoutPolicy p;
  struct Step {
    int64_t at;  // seconds after kNow
    PinMatch match;
    bool admitted;
    PinGuard after;  // locked_until as seconds after kNow, 0 for none
  };
  const PinMatch no = PinMatch::kNone, cashier = PinMatch::kStaff, boss = PinMatch::kManager;
  // clang-format off
  const std::vector<Step> steps = {
      {1, no, false, {1, 0}},
      {2, no, false, {2, 0}},
      {3, no, false, {3, 0}},
      {4, no, false, {4, 0}},
      {5, no, false, {5, 305}},         // round 1: 5 minutes
      {6, cashier, false, {6, 305}},    // a cashier's right PIN is refused while locked
      {7, no, false, {7, 305}},
      {8, no, false, {8, 305}},
      {9, no, false, {9, 305}},         // this lock-out's checks are used up
      {10, boss, false, {9, 305}},      // not even checked now
      {305, no, false, {10, 905}},      // round 2: 10 minutes, from the wrong PIN
      {905, cashier, true, {10, 905}},  // signs in; the rounds stay
      {906, no, false, {11, 905}},
      {907, no, false, {12, 905}},
      {908, no, false, {13, 905}},
      {909, no, false, {14, 905}},
      {910, no, false, {15, 2110}},     // round 3: 20 minutes
      {911, boss, true, {0, 0}},        // a manager opens the pad and clears it all
      {912, no, false, {1, 0}},
  };
  // clang-format on
  PinGuard g;
  for (const Step& s : steps) {
    const PadVerdict v = Decide(g, s.match, kNow + s.at, p);
    const PinGuard want{s.after.failed, s.after.locked_until ? kNow + s.after.locked_until : 0};
    EXPECT_EQ(v.admitted, s.admitted) << "at +" << s.at << " " << Name(s.match);
    EXPECT_EQ(v.guard, want) << "at +" << s.at << " " << Name(s.match) << ": " << v.guard.failed
                             << " until +" << v.guard.locked_until - kNow;
    g = v.guard;
  }
}

TEST(LockoutTest, GuessesAreBoundedByWaitingNotByTyping) {
  // Someone types wrong PINs as fast as the pad lets them: each round allows
  // max_failures checks in all and the locks add up to 5 + 10 + ... minutes.
  const LockoutPolicy p;
  PinGuard g;
  int64_t now = kNow;
  int checks = 0;
  for (int round = 1; round <= 12; ++round) {
    while (MayCheckPin(g, now, p) && LockoutRounds(g, p) < round) {
      g = Decide(g, PinMatch::kNone, now, p).guard;
      ++checks;
    }
    ASSERT_TRUE(IsLockedOut(g, now));
    EXPECT_EQ(g.locked_until - now, LockSeconds(round, p)) << "round " << round;
    EXPECT_EQ(checks, 5 * round) << "round " << round;
    // In the lock-out: four more checks, then none.
    for (int i = 0; i < 4; ++i) {
      ASSERT_TRUE(MayCheckPin(g, now + 1, p));
      g = Decide(g, PinMatch::kNone, now + 1, p).guard;
      ++checks;
    }
    EXPECT_FALSE(MayCheckPin(g, now + 1, p));
    EXPECT_EQ(LockoutRounds(g, p), round) << "typing in a lock-out never ends a round";
    now = g.locked_until;
    EXPECT_EQ(AttemptsLeft(g, p), 1) << "after it, one more wrong PIN locks again";
  }
  EXPECT_EQ(checks, 5 * 12 + 4) << "12 rounds: 60 checks and 4 in the last lock-out";
}

TEST(LockoutTest, AttemptsLeftAndRoundsFromTheCount) {
  const LockoutPolicy p;
  struct Row {
    int failed;
    int left;
    int rounds;
  };
  const std::vector<Row> rows = {{0, 5, 0}, {1, 4, 0},  {4, 1, 0},  {5, 5, 1},
                                 {9, 1, 1}, {10, 5, 2}, {-7, 5, 0}, {INT_MAX, 5, 200'000}};
  for (const Row& r : rows) {
    EXPECT_EQ(AttemptsLeft(PinGuard{r.failed, 0}, p), r.left) << r.failed;
    EXPECT_EQ(LockoutRounds(PinGuard{r.failed, 0}, p), r.rounds) << r.failed;
  }
}

TEST(LockoutTest, AGuardWrittenBeforeEscalationIsReadAsRoundZero) {
  // The old rule reset the count to 0 when it locked the pad.
  const LockoutPolicy p;
  PinGuard g{0, kNow + 200};
  for (int i = 0; i < 4; ++i) g = Decide(g, PinMatch::kNone, kNow, p).guard;
  EXPECT_FALSE(MayCheckPin(g, kNow, p));
  g = Decide(g, PinMatch::kNone, kNow + 200, p).guard;
  EXPECT_EQ(g, (PinGuard{5, kNow + 200 + 300})) << "the next lock-out is round 1's 5 minutes";
}

TEST(LockoutTest, OneWrongPinPerRoundLeavesNoChecksWhileLocked) {
  const LockoutPolicy p{1, 60, 3600};
  PinGuard g = Decide({}, PinMatch::kNone, kNow, p).guard;
  EXPECT_EQ(g, (PinGuard{1, kNow + 60}));
  EXPECT_FALSE(MayCheckPin(g, kNow + 1, p));
  g = Decide(g, PinMatch::kNone, kNow + 60, p).guard;
  EXPECT_EQ(g, (PinGuard{2, kNow + 180}));
}

}  // namespace
}  // namespace gb::pin
