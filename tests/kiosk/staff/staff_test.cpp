// The PIN pad (StaffDirectory) on a real SQLite ledger file, with the clock
// passed in: adding staff, signing in, and the lock-out as the pad applies
// it (the rules themselves: lockout_test.cpp; the hashes: pin_hash_test.cpp).
#include <gtest/gtest.h>

#include "kiosk/staff/staff_directory.h"
#include "tests/kiosk/ledger/ledger_fixture.h"

namespace gb::staff {
namespace {

constexpr int64_t kNow = 1'700'000'000;
constexpr pin::ScryptParams kFast{16, 8, 1};  // in tests: the same code, less waiting

class StaffDirectoryTest : public ledger::testing::LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    ledger_.emplace(OpenOrDie());
  }
  StaffDirectory Directory() { return StaffDirectory(*ledger_, {pin::LockoutPolicy{}, kFast}); }
  SignIn Try(StaffDirectory& d, const char* pin, int64_t now) {
    auto r = d.SignInWithPin(pin, now);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : SignIn{};
  }
  std::optional<ledger::Ledger> ledger_;
};

TEST_F(StaffDirectoryTest, WrongThenRightPin) {
  StaffDirectory d = Directory();
  ASSERT_TRUE(d.Add("Vera", Role::kManager, "432100", kNow).ok());
  ASSERT_TRUE(d.Add("Ann", Role::kStaff, "111111", kNow).ok());
  SignIn wrong = Try(d, "999999", kNow + 1);
  EXPECT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.refusal, "wrong_pin");
  EXPECT_EQ(wrong.attempts_left, 4);
  SignIn right = Try(d, "432100", kNow + 2);
  ASSERT_TRUE(right.ok());
  EXPECT_EQ(right.member->name, "Vera");
  EXPECT_EQ(right.member->role, Role::kManager);
  EXPECT_EQ(right.refusal, "");
  EXPECT_TRUE(right.cleared_lockout) << "a manager's PIN cleared the wrong one";
  EXPECT_EQ(ledger_->GetPinGuard().value(), pin::PinGuard{}) << "a right PIN resets the count";
  SignIn ann = Try(d, "111111", kNow + 3);
  ASSERT_TRUE(ann.ok());
  EXPECT_EQ(ann.member->name, "Ann");
  EXPECT_FALSE(ann.cleared_lockout);
}

TEST_F(StaffDirectoryTest, ALockOutHoldsAcrossARestartAndOnlyAManagerOpensIt) {
  {
    StaffDirectory d = Directory();
    ASSERT_TRUE(d.Add("Vera", Role::kManager, "432100", kNow).ok());
    ASSERT_TRUE(d.Add("Ann", Role::kStaff, "111111", kNow).ok());
    for (int i = 1; i <= 4; ++i) EXPECT_EQ(Try(d, "000000", kNow + i).attempts_left, 5 - i);
    SignIn locked = Try(d, "000000", kNow + 5);
    EXPECT_EQ(locked.refusal, "locked_out");
    EXPECT_EQ(locked.locked_until, kNow + 5 + 300);
  }
  ledger_.reset();
  ledger_.emplace(OpenOrDie());  // the kiosk restarts
  StaffDirectory d = Directory();
  SignIn cashier = Try(d, "111111", kNow + 100);
  EXPECT_FALSE(cashier.ok()) << "a cashier's right PIN does not open a locked pad";
  EXPECT_EQ(cashier.refusal, "locked_out");
  EXPECT_EQ(cashier.locked_until, kNow + 305);
  EXPECT_EQ(ledger_->GetPinGuard().value(), (pin::PinGuard{6, kNow + 305}))
      << "it counts as any PIN typed in a lock-out";
  SignIn manager = Try(d, "432100", kNow + 101);
  ASSERT_TRUE(manager.ok()) << manager.refusal;
  EXPECT_EQ(manager.member->name, "Vera");
  EXPECT_TRUE(manager.cleared_lockout);
  EXPECT_EQ(ledger_->GetPinGuard().value(), pin::PinGuard{});
  EXPECT_TRUE(Try(d, "111111", kNow + 102).ok()) << "the pad is open again";
}

TEST_F(StaffDirectoryTest, EachFurtherRoundLocksTwiceAsLongUntilAManagerSignsIn) {
  StaffDirectory d = Directory();
  ASSERT_TRUE(d.Add("Vera", Role::kManager, "432100", kNow).ok());
  ASSERT_TRUE(d.Add("Ann", Role::kStaff, "111111", kNow).ok());
  auto round = [&](int64_t at) {
    SignIn last;
    for (int i = 0; i < 5; ++i) last = Try(d, "000000", at);
    EXPECT_EQ(last.refusal, "locked_out");
    return last.locked_until - at;
  };
  EXPECT_EQ(round(kNow), 300);
  EXPECT_EQ(round(kNow + 300), 600);
  EXPECT_EQ(round(kNow + 900), 1200);
  // A cashier signs in after it: the pad opens, the escalation stays.
  SignIn ann = Try(d, "111111", kNow + 2100);
  ASSERT_TRUE(ann.ok()) << ann.refusal;
  EXPECT_FALSE(ann.cleared_lockout);
  EXPECT_EQ(round(kNow + 2101), 2400);
  // A manager during the lock-out clears it all: the next round is 5 minutes.
  SignIn vera = Try(d, "432100", kNow + 2200);
  ASSERT_TRUE(vera.ok()) << vera.refusal;
  EXPECT_TRUE(vera.cleared_lockout);
  EXPECT_EQ(round(kNow + 2300), 300);
}

TEST_F(StaffDirectoryTest, WhenTheLockOutsChecksAreUsedUpNothingIsChecked) {
  StaffDirectory d = Directory();
  ASSERT_TRUE(d.Add("Vera", Role::kManager, "432100", kNow).ok());
  for (int i = 0; i < 5; ++i) (void)Try(d, "000000", kNow);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(Try(d, "000000", kNow + 1).refusal, "locked_out");
  const pin::PinGuard used_up = ledger_->GetPinGuard().value();
  EXPECT_EQ(used_up, (pin::PinGuard{9, kNow + 300}));
  SignIn vera = Try(d, "432100", kNow + 2);
  EXPECT_EQ(vera.refusal, "locked_out") << "not checked, so not even a manager's";
  EXPECT_EQ(vera.locked_until, kNow + 300);
  EXPECT_EQ(ledger_->GetPinGuard().value(), used_up) << "and not counted";
  EXPECT_TRUE(Try(d, "432100", kNow + 300).ok()) << "when it ends, the manager signs in";
}

TEST_F(StaffDirectoryTest, AfterALockOutEndsTheCountGoesOn) {
  StaffDirectory d = Directory();
  ASSERT_TRUE(d.Add("Vera", Role::kManager, "432100", kNow).ok());
  for (int i = 1; i <= 5; ++i) (void)Try(d, "000000", kNow);
  EXPECT_EQ(Try(d, "000000", kNow + 299).refusal, "locked_out");
  SignIn next = Try(d, "000000", kNow + 300);
  EXPECT_EQ(next.refusal, "wrong_pin");
  EXPECT_EQ(next.attempts_left, 3) << "the PIN typed in the lock-out counted too";
}

TEST_F(StaffDirectoryTest, AddRefusesBadNamesPinsAndDuplicates) {
  StaffDirectory d = Directory();
  ASSERT_TRUE(d.Add("Vera", Role::kManager, "432100", kNow).ok());
  EXPECT_EQ(d.Add("Vera", Role::kStaff, "555555", kNow).reason(), "staff_exists");
  EXPECT_EQ(d.Add("Oleg", Role::kStaff, "432100", kNow).reason(), "pin_in_use");
  EXPECT_EQ(d.Add("Oleg", Role::kStaff, "43", kNow).reason(), "bad_pin");
  EXPECT_EQ(d.Add("Oleg", Role::kStaff, "5555", kNow).reason(), "bad_pin")
      << "a new PIN has at least 6 digits";
  EXPECT_EQ(d.Add("Oleg", Role::kStaff, "12345", kNow).reason(), "bad_pin");
  EXPECT_EQ(d.Add("Oleg", Role::kStaff, "1234567890123", kNow).reason(), "bad_pin");
  EXPECT_EQ(d.Add("", Role::kStaff, "555555", kNow).reason(), "bad_name");
  EXPECT_EQ(d.Add("a\nb", Role::kStaff, "555555", kNow).reason(), "bad_name");
  EXPECT_EQ(d.Add(std::string(65, 'x'), Role::kStaff, "555555", kNow).reason(), "bad_name");
  ASSERT_TRUE(d.Add("Олег", Role::kStaff, "555555555555", kNow + 1).ok());
  auto all = d.List();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "Vera");
  EXPECT_EQ((*all)[1].name, "Олег");
  EXPECT_EQ((*all)[1].created_at, kNow + 1);
  // Only scrypt hashes reach the file.
  EXPECT_EQ(Scalar(*ledger_, "SELECT count(*) FROM staff WHERE pin_hash NOT LIKE 'scrypt$%'"), 0);
  EXPECT_EQ(Scalar(*ledger_, "SELECT count(*) FROM staff WHERE pin_hash LIKE '%432100%'"), 0);
  ASSERT_TRUE(d.Remove("Vera").ok());
  EXPECT_EQ(d.Remove("Vera").reason(), "staff_unknown");
  EXPECT_EQ(Try(d, "432100", kNow + 2).refusal, "wrong_pin");
}

TEST_F(StaffDirectoryTest, AFourDigitPinStoredBeforeTheRuleStillSignsIn) {
  // A kiosk set up before scrypt and the 6-digit rule: its row as written then.
  const std::string old_hash =
      "pbkdf2-sha256$1000$00112233445566778899aabbccddeeff$"
      "b8ad0f1dacec0beb4f418fadcb2ee5939ef45823391bb89692028dd1b67e9cef";  // PIN 1234
  ASSERT_TRUE(ledger_->AddStaff({"Old", "manager", old_hash, kNow}).ok());
  StaffDirectory d = Directory();
  SignIn in = Try(d, "1234", kNow + 1);
  ASSERT_TRUE(in.ok()) << in.refusal;
  EXPECT_EQ(in.member->name, "Old");
  EXPECT_EQ(in.member->role, Role::kManager);
  EXPECT_EQ(d.Add("New", Role::kStaff, "4321", kNow).reason(), "bad_pin") << "none are added";
  EXPECT_EQ(d.Add("New", Role::kStaff, "1234", kNow).reason(), "bad_pin");
}

TEST_F(StaffDirectoryTest, NoStaffYetIsSaidPlainlyAndCountsNothing) {
  StaffDirectory d = Directory();
  EXPECT_EQ(Try(d, "123456", kNow).refusal, "no_staff");
  EXPECT_EQ(ledger_->GetPinGuard().value(), pin::PinGuard{});
  EXPECT_EQ(ParseRole("boss").status().reason(), "bad_role");
  EXPECT_EQ(ParseRole("manager").value(), Role::kManager);
}

}  // namespace
}  // namespace gb::staff
