// Staff set at the store reaching a kiosk: Ledger::ApplyRemoteState on a real
// ledger file, then the PIN pad (StaffDirectory) as the kiosk uses it.
#include <gtest/gtest.h>

#include "kiosk/staff/staff_directory.h"
#include "tests/kiosk/ledger/ledger_fixture.h"

namespace gb::staff {
namespace {

constexpr int64_t kNow = 1'700'000'000;
constexpr int kFast = 1000;  // PBKDF2 iterations in tests

class RemoteStaffTest : public ledger::testing::LedgerFixture {
 protected:
  static DirectoryOptions Fast() {
    DirectoryOptions o;
    o.pin_iterations = kFast;
    return o;
  }
  // What the store hands over after `groupbuy-provision staff add --dir SDIR`.
  static ledger::StoreStaff Member(const std::string& name, const std::string& role,
                                   const std::string& pin) {
    return {name, role, HashPin(pin, kFast).value(), kNow - 100, false};
  }
  static ledger::StoreStaff Removed(const std::string& name) { return {name, "", "", 0, true}; }

  ledger::ApplyReport Apply(ledger::Ledger& l, std::vector<ledger::StoreStaff> staff,
                            int64_t revision) {
    ledger::RemoteState s;
    s.revision = revision;
    s.staff = std::move(staff);
    auto r = l.ApplyRemoteState(s, kNow);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.ok() ? *r : ledger::ApplyReport{};
  }
};

TEST_F(RemoteStaffTest, AStorePinSignsInAfterSyncAndStopsWhenRemoved) {
  ledger::Ledger l = OpenOrDie();
  StaffDirectory d(l, Fast());
  EXPECT_EQ(d.SignInWithPin("2468", kNow).value().refusal, "no_staff");

  EXPECT_EQ(Apply(l, {Member("Vera", "manager", "2468")}, 5).staff, 1);
  SignIn in = d.SignInWithPin("2468", kNow).value();
  ASSERT_TRUE(in.ok()) << in.refusal;
  EXPECT_EQ(in.member->name, "Vera");
  EXPECT_EQ(in.member->role, Role::kManager);
  EXPECT_EQ(l.SyncRevision().value(), 5);

  Apply(l, {Removed("Vera")}, 6);
  SignIn after = d.SignInWithPin("2468", kNow).value();
  EXPECT_FALSE(after.ok());
  EXPECT_EQ(after.refusal, "no_staff");
}

TEST_F(RemoteStaffTest, ANewPinAtTheStoreReplacesTheOldOneAndLocalStaffStay) {
  ledger::Ledger l = OpenOrDie();
  StaffDirectory d(l, Fast());
  ASSERT_TRUE(d.Add("Local", Role::kStaff, "1111", kNow).ok());
  Apply(l, {Member("Vera", "staff", "2468")}, 1);
  Apply(l, {Member("Vera", "manager", "8642")}, 2);

  SignIn old_pin = d.SignInWithPin("2468", kNow).value();
  EXPECT_EQ(old_pin.refusal, "wrong_pin") << "the old PIN stopped working";
  SignIn new_pin = d.SignInWithPin("8642", kNow).value();
  ASSERT_TRUE(new_pin.ok());
  EXPECT_EQ(new_pin.member->role, Role::kManager);
  SignIn local = d.SignInWithPin("1111", kNow).value();
  ASSERT_TRUE(local.ok()) << "a kiosk-only member is not the store's to remove";
  EXPECT_EQ(local.member->name, "Local");
  auto names = d.List().value();
  ASSERT_EQ(names.size(), 2u);
}

TEST_F(RemoteStaffTest, TheLockOutStaysThisKiosksOwn) {
  ledger::Ledger l = OpenOrDie();
  StaffDirectory d(l, Fast());
  Apply(l, {Member("Vera", "staff", "2468")}, 1);
  ASSERT_EQ(d.SignInWithPin("0000", kNow).value().refusal, "wrong_pin");
  const ledger::PinGuard before = l.GetPinGuard().value();
  ASSERT_EQ(before.failed, 1);
  Apply(l, {Member("Ann", "staff", "1357")}, 2);
  EXPECT_EQ(l.GetPinGuard().value(), before) << "a sync neither resets nor adds attempts";
}

TEST_F(RemoteStaffTest, ARemovalOfAnUnknownNameAndABadRoleAreHandled) {
  ledger::Ledger l = OpenOrDie();
  EXPECT_EQ(Apply(l, {Removed("Nobody")}, 1).staff, 1) << "nothing to delete is fine";
  ledger::RemoteState s;
  s.revision = 2;
  s.staff = {{"Vera", "boss", HashPin("2468", kFast).value(), kNow, false}};
  auto r = l.ApplyRemoteState(s, kNow);
  EXPECT_EQ(r.status().reason(), "bad_role");
  EXPECT_EQ(l.SyncRevision().value(), 1) << "a refused state changes nothing";
  EXPECT_TRUE(l.ListStaff().value().empty());
}

}  // namespace
}  // namespace gb::staff
