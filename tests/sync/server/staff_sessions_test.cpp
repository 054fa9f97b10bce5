// The store's staff session table and its sign-in guard, with an injected
// clock: expiry (idle and maximum age), binding to the kiosk that asked,
// ending by member and by kiosk, and the lock-out after wrong PINs.
#include "sync/server/staff_sessions.h"

#include <gtest/gtest.h>

#include "sync/server/staff_sign_in_guard.h"

namespace gb::server {
namespace {

class StaffSessionsTest : public ::testing::Test {
 protected:
  double now_ = 1000;
  StaffSessions sessions_{{.idle_seconds = 60, .max_seconds = 600}, [this] { return now_; }};
  const StaffActor ann_{"Ann", "cashier", 5, "kiosk-1"};
};

TEST_F(StaffSessionsTest, ASessionIsSixtyFourHexDigitsAndSpeaksForItsMember) {
  auto token = sessions_.Open(ann_);
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token->size(), 64u);
  EXPECT_EQ(token->find_first_not_of("0123456789abcdef"), std::string::npos);
  auto who = sessions_.Check(*token, "kiosk-1");
  ASSERT_TRUE(who.ok()) << who.status().ToString();
  EXPECT_EQ(who->name, "Ann");
  EXPECT_EQ(who->role, "cashier");
  EXPECT_EQ(who->created_at, 5);
  EXPECT_NE(*sessions_.Open({"Vera", "manager", 6, "kiosk-1"}), *token) << "random, not derived";
}

TEST_F(StaffSessionsTest, AnotherKioskCannotUseIt) {
  auto token = sessions_.Open(ann_).value();
  auto other = sessions_.Check(token, "kiosk-2");
  EXPECT_EQ(other.status().reason(), "staff_session_required");
  EXPECT_EQ(other.status().code(), base::Code::kUnauthenticated);
  EXPECT_TRUE(sessions_.Check(token, "kiosk-1").ok()) << "refusing kiosk-2 did not end it";
}

TEST_F(StaffSessionsTest, NoTokenAMalformedOneAndAnUnknownOneAreRefused) {
  auto token = sessions_.Open(ann_).value();
  EXPECT_EQ(sessions_.Check("", "kiosk-1").status().reason(), "staff_session_required");
  EXPECT_EQ(sessions_.Check("abc", "kiosk-1").status().reason(), "staff_session_required");
  std::string upper = token;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper != token) {
    EXPECT_EQ(sessions_.Check(upper, "kiosk-1").status().reason(), "staff_session_required");
  }
  std::string flipped = token;
  flipped[63] = flipped[63] == '0' ? '1' : '0';
  EXPECT_EQ(sessions_.Check(flipped, "kiosk-1").status().reason(), "staff_session_required")
      << "one digit off is no session";
  std::string prefix = token.substr(0, 63) + "g";
  EXPECT_EQ(sessions_.Check(prefix, "kiosk-1").status().reason(), "staff_session_required");
}

TEST_F(StaffSessionsTest, AnIdleSessionExpiresAndUseKeepsItAlive) {
  auto token = sessions_.Open(ann_).value();
  now_ += 59;
  ASSERT_TRUE(sessions_.Check(token, "kiosk-1").ok());
  now_ += 59;
  ASSERT_TRUE(sessions_.Check(token, "kiosk-1").ok()) << "the last use restarted the idle time";
  now_ += 60;
  auto late = sessions_.Check(token, "kiosk-1");
  EXPECT_EQ(late.status().reason(), "staff_session_expired");
  EXPECT_NE(late.status().message().find("Ann"), std::string::npos);
  EXPECT_EQ(sessions_.Check(token, "kiosk-1").status().reason(), "staff_session_required")
      << "an expired session is forgotten";
  EXPECT_EQ(sessions_.size(), 0u);
}

TEST_F(StaffSessionsTest, EvenABusySessionEndsAtItsMaximumAge) {
  auto token = sessions_.Open(ann_).value();
  for (int i = 0; i < 11; ++i) {
    now_ += 50;
    ASSERT_TRUE(sessions_.Check(token, "kiosk-1").ok()) << i;
  }
  now_ += 50;  // 600 s after it was opened
  EXPECT_EQ(sessions_.Check(token, "kiosk-1").status().reason(), "staff_session_expired");
}

TEST_F(StaffSessionsTest, SigningInAgainAtTheSameKioskReplacesTheSession) {
  auto first = sessions_.Open(ann_).value();
  auto elsewhere = sessions_.Open({"Ann", "cashier", 5, "kiosk-2"}).value();
  auto second = sessions_.Open(ann_).value();
  EXPECT_EQ(sessions_.Check(first, "kiosk-1").status().reason(), "staff_session_required");
  EXPECT_TRUE(sessions_.Check(second, "kiosk-1").ok());
  EXPECT_TRUE(sessions_.Check(elsewhere, "kiosk-2").ok()) << "another kiosk's is its own";
  EXPECT_EQ(sessions_.size(), 2u);
}

TEST_F(StaffSessionsTest, EndingAMemberOrAKioskEndsTheirSessions) {
  auto ann1 = sessions_.Open(ann_).value();
  auto ann2 = sessions_.Open({"Ann", "cashier", 5, "kiosk-2"}).value();
  auto vera1 = sessions_.Open({"Vera", "manager", 6, "kiosk-1"}).value();
  auto vera3 = sessions_.Open({"Vera", "manager", 6, "kiosk-3"}).value();
  EXPECT_EQ(sessions_.EndStaff("Ann"), 2u);
  EXPECT_FALSE(sessions_.Check(ann1, "kiosk-1").ok());
  EXPECT_FALSE(sessions_.Check(ann2, "kiosk-2").ok());
  EXPECT_TRUE(sessions_.Check(vera1, "kiosk-1").ok());
  EXPECT_EQ(sessions_.EndKiosk("kiosk-1"), 1u);
  EXPECT_FALSE(sessions_.Check(vera1, "kiosk-1").ok());
  EXPECT_EQ(sessions_.EndKiosksExcept({"kiosk-1", "kiosk-2"}), 1u) << "kiosk-3 was revoked";
  EXPECT_FALSE(sessions_.Check(vera3, "kiosk-3").ok());
  EXPECT_EQ(sessions_.size(), 0u);
}

TEST(StaffSignInGuardTest, FiveWrongPinsForAMemberLockThemOutEverywhere) {
  StaffSignInGuard guard;
  const int64_t t = 1'700'000'000;
  for (int i = 0; i < 5; ++i) {
    SignInTicket ticket = guard.Begin("kiosk-" + std::to_string(i), "Ann", t);
    ASSERT_TRUE(ticket.allowed) << i;
  }
  SignInTicket refused = guard.Begin("kiosk-9", "Ann", t + 1);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retry_after_s, 5 * 60 - 1);
  EXPECT_TRUE(guard.Begin("kiosk-9", "Vera", t + 1).allowed) << "another member is not locked";
  EXPECT_TRUE(guard.Begin("kiosk-9", "Ann", t + 5 * 60).allowed) << "the lock-out ends";
}

TEST(StaffSignInGuardTest, FiveWrongPinsAtAKioskLockItForEveryName) {
  StaffSignInGuard guard;
  const int64_t t = 1'700'000'000;
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(guard.Begin("kiosk-1", "N" + std::to_string(i), t).allowed);
  EXPECT_EQ(guard.AttemptsLeft("kiosk-1", "N9"), 1);
  ASSERT_TRUE(guard.Begin("kiosk-1", "N4", t).allowed);
  EXPECT_GT(guard.LockedUntil("kiosk-1", "N4", t), t);
  EXPECT_FALSE(guard.Begin("kiosk-1", "Vera", t + 10).allowed);
  EXPECT_TRUE(guard.Begin("kiosk-2", "Vera", t + 10).allowed) << "another kiosk is not locked";
}

TEST(StaffSignInGuardTest, ARightPinTakesItsAttemptBackAndAManagersClearsTheRounds) {
  StaffSignInGuard guard;
  const int64_t t = 1'700'000'000;
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(guard.Begin("kiosk-1", "Ann", t).allowed);
  SignInTicket right = guard.Begin("kiosk-1", "Ann", t);
  ASSERT_TRUE(right.allowed);
  guard.Right("kiosk-1", "Ann", right, /*manager=*/false, t);
  EXPECT_EQ(guard.AttemptsLeft("kiosk-1", "Ann"), 5) << "the unfinished round is forgotten";
  // The fifth attempt, counted before its PIN was checked, locked; a right
  // PIN undoes that too.
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(guard.Begin("kiosk-1", "Vera", t).allowed);
  SignInTicket fifth = guard.Begin("kiosk-1", "Vera", t);
  ASSERT_TRUE(fifth.allowed);
  EXPECT_GT(guard.LockedUntil("kiosk-1", "Vera", t), 0);
  guard.Right("kiosk-1", "Vera", fifth, /*manager=*/true, t);
  EXPECT_EQ(guard.LockedUntil("kiosk-1", "Vera", t), 0);
  EXPECT_EQ(guard.AttemptsLeft("kiosk-1", "Vera"), 5);
}

}  // namespace
}  // namespace gb::server
