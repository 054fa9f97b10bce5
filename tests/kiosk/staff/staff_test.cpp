// Staff PINs: the hash, the lock-out rules, and the directory on a real
// SQLite ledger file, with the clock passed in.
#include <gtest/gtest.h>

#include "kiosk/staff/staff_directory.h"
#include "tests/kiosk/ledger/ledger_fixture.h"

namespace gb::staff {
namespace {

constexpr int64_t kNow = 1'700'000'000;
constexpr int kFast = 1000;  // PBKDF2 iterations in tests: the same code, less waiting

TEST(PinHashTest, HashesSaltedAndVerifiesOnlyTheRightPin) {
  auto a = HashPin("1234", kFast);
  auto b = HashPin("1234", kFast);
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(*a, *b) << "each hash has its own salt";
  EXPECT_EQ(a->rfind("pbkdf2-sha256$1000$", 0), 0u) << *a;
  EXPECT_EQ(a->size(), std::string("pbkdf2-sha256$1000$").size() + 32 + 1 + 64);
  EXPECT_TRUE(VerifyPin("1234", *a));
  EXPECT_TRUE(VerifyPin("1234", *b));
  EXPECT_FALSE(VerifyPin("1235", *a));
  EXPECT_FALSE(VerifyPin("12345", *a));
  EXPECT_FALSE(VerifyPin("", *a));
}

TEST(PinHashTest, TheDefaultCostIsStoredInTheText) {
  auto h = HashPin("87654321");
  ASSERT_TRUE(h.ok());
  EXPECT_EQ(h->rfind("pbkdf2-sha256$" + std::to_string(kDefaultPinIterations) + "$", 0), 0u);
  EXPECT_TRUE(VerifyPin("87654321", *h));
}

TEST(PinHashTest, OnlyFourToEightDigitsArePins) {
  for (const char* bad : {"", "123", "123456789", "12a4", "12 34", "１２３４"}) {
    EXPECT_EQ(CheckPin(bad).reason(), "bad_pin") << bad;
    EXPECT_EQ(HashPin(bad, kFast).status().reason(), "bad_pin") << bad;
  }
  for (const char* good : {"0000", "12345678"}) EXPECT_TRUE(CheckPin(good).ok()) << good;
  EXPECT_EQ(HashPin("1234", 0).status().reason(), "bad_iterations");
}

TEST(PinHashTest, AMalformedStoredHashNeverMatches) {
  const std::string good = HashPin("1234", kFast).value();
  const std::string salt_and_hash = good.substr(std::string("pbkdf2-sha256$1000$").size());
  for (const std::string& bad :
       {std::string(), std::string("1234"), "scrypt$1000$" + salt_and_hash,
        "pbkdf2-sha256$0$" + salt_and_hash, "pbkdf2-sha256$-5$" + salt_and_hash,
        "pbkdf2-sha256$99999999999$" + salt_and_hash, "pbkdf2-sha256$1000x$" + salt_and_hash,
        "pbkdf2-sha256$1000$zz$" + good.substr(good.size() - 64), good.substr(0, good.size() - 2),
        good + "$", good + "00"}) {
    EXPECT_FALSE(VerifyPin("1234", bad)) << bad;
  }
}

TEST(LockoutTest, FiveWrongInARowLockForFiveMinutesThenCountAgain) {
  LockoutPolicy p;
  ledger::PinGuard g;
  for (int i = 1; i <= 4; ++i) {
    g = AfterWrongPin(g, kNow + i, p);
    EXPECT_FALSE(IsLockedOut(g, kNow + i));
    EXPECT_EQ(AttemptsLeft(g, p), 5 - i);
  }
  g = AfterWrongPin(g, kNow + 5, p);
  EXPECT_TRUE(IsLockedOut(g, kNow + 5));
  EXPECT_EQ(g.locked_until, kNow + 5 + 300);
  EXPECT_TRUE(IsLockedOut(g, kNow + 304));
  EXPECT_FALSE(IsLockedOut(g, kNow + 305));
  g = AfterWrongPin(g, kNow + 400, p);
  EXPECT_EQ(g, (ledger::PinGuard{1, 0})) << "a new run after the lock-out";
}

class StaffDirectoryTest : public ledger::testing::LedgerFixture {
 protected:
  void SetUp() override {
    LedgerFixture::SetUp();
    ledger_.emplace(OpenOrDie());
  }
  StaffDirectory Directory() { return StaffDirectory(*ledger_, {LockoutPolicy{}, kFast}); }
  SignIn Try(StaffDirectory& d, const char* pin, int64_t now) {
    auto r = d.SignInWithPin(pin, now);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : SignIn{};
  }
  std::optional<ledger::Ledger> ledger_;
};

TEST_F(StaffDirectoryTest, WrongThenRightPin) {
  StaffDirectory d = Directory();
  ASSERT_TRUE(d.Add("Vera", Role::kManager, "4321", kNow).ok());
  ASSERT_TRUE(d.Add("Ann", Role::kStaff, "1111", kNow).ok());
  SignIn wrong = Try(d, "9999", kNow + 1);
  EXPECT_FALSE(wrong.ok());
  EXPECT_EQ(wrong.refusal, "wrong_pin");
  EXPECT_EQ(wrong.attempts_left, 4);
  SignIn right = Try(d, "4321", kNow + 2);
  ASSERT_TRUE(right.ok());
  EXPECT_EQ(right.member->name, "Vera");
  EXPECT_EQ(right.member->role, Role::kManager);
  EXPECT_EQ(right.refusal, "");
  EXPECT_EQ(ledger_->GetPinGuard().value(), ledger::PinGuard{}) << "a right PIN resets the count";
  EXPECT_EQ(Try(d, "1111", kNow + 3).member->name, "Ann");
}

TEST_F(StaffDirectoryTest, FiveWrongPinsLockTheKioskEvenAcrossARestart) {
  {
    StaffDirectory d = Directory();
    ASSERT_TRUE(d.Add("Vera", Role::kManager, "4321", kNow).ok());
    for (int i = 1; i <= 4; ++i) EXPECT_EQ(Try(d, "0000", kNow + i).attempts_left, 5 - i);
    SignIn locked = Try(d, "0000", kNow + 5);
    EXPECT_EQ(locked.refusal, "locked_out");
    EXPECT_EQ(locked.locked_until, kNow + 5 + 300);
  }
  ledger_.reset();
  ledger_.emplace(OpenOrDie());  // the kiosk restarts
  StaffDirectory d = Directory();
  SignIn still = Try(d, "4321", kNow + 100);
  EXPECT_FALSE(still.ok()) << "the right PIN does not open a locked pad";
  EXPECT_EQ(still.refusal, "locked_out");
  EXPECT_EQ(still.locked_until, kNow + 305);
  SignIn after = Try(d, "4321", kNow + 305);
  ASSERT_TRUE(after.ok()) << after.refusal;
  EXPECT_EQ(after.member->name, "Vera");
}

TEST_F(StaffDirectoryTest, AfterALockOutEndsTheCountStartsAgain) {
  StaffDirectory d = Directory();
  ASSERT_TRUE(d.Add("Vera", Role::kManager, "4321", kNow).ok());
  for (int i = 1; i <= 5; ++i) (void)Try(d, "0000", kNow);
  EXPECT_EQ(Try(d, "0000", kNow + 299).refusal, "locked_out");
  SignIn next = Try(d, "0000", kNow + 300);
  EXPECT_EQ(next.refusal, "wrong_pin");
  EXPECT_EQ(next.attempts_left, 4);
}

TEST_F(StaffDirectoryTest, AddRefusesBadNamesPinsAndDuplicates) {
  StaffDirectory d = Directory();
  ASSERT_TRUE(d.Add("Vera", Role::kManager, "4321", kNow).ok());
  EXPECT_EQ(d.Add("Vera", Role::kStaff, "5555", kNow).reason(), "staff_exists");
  EXPECT_EQ(d.Add("Oleg", Role::kStaff, "4321", kNow).reason(), "pin_in_use");
  EXPECT_EQ(d.Add("Oleg", Role::kStaff, "43", kNow).reason(), "bad_pin");
  EXPECT_EQ(d.Add("", Role::kStaff, "5555", kNow).reason(), "bad_name");
  EXPECT_EQ(d.Add("a\nb", Role::kStaff, "5555", kNow).reason(), "bad_name");
  EXPECT_EQ(d.Add(std::string(65, 'x'), Role::kStaff, "5555", kNow).reason(), "bad_name");
  ASSERT_TRUE(d.Add("Олег", Role::kStaff, "5555", kNow + 1).ok());
  auto all = d.List();
  ASSERT_TRUE(all.ok());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ((*all)[0].name, "Vera");
  EXPECT_EQ((*all)[1].name, "Олег");
  EXPECT_EQ((*all)[1].created_at, kNow + 1);
  // Only hashes reach the file.
  EXPECT_EQ(Scalar(*ledger_,
                   "SELECT count(*) FROM staff WHERE pin_hash LIKE '%4321%' "
                   "AND pin_hash NOT LIKE 'pbkdf2-sha256$%'"),
            0);
  ASSERT_TRUE(d.Remove("Vera").ok());
  EXPECT_EQ(d.Remove("Vera").reason(), "staff_unknown");
  EXPECT_EQ(Try(d, "4321", kNow + 2).refusal, "wrong_pin");
}

TEST_F(StaffDirectoryTest, NoStaffYetIsSaidPlainlyAndCountsNothing) {
  StaffDirectory d = Directory();
  EXPECT_EQ(Try(d, "1234", kNow).refusal, "no_staff");
  EXPECT_EQ(ledger_->GetPinGuard().value(), ledger::PinGuard{});
  EXPECT_EQ(ParseRole("boss").status().reason(), "bad_role");
  EXPECT_EQ(ParseRole("manager").value(), Role::kManager);
}

}  // namespace
}  // namespace gb::staff
