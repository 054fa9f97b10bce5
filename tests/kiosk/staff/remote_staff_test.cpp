// Staff set at the store reaching a kiosk: Ledger::ApplyRemoteState on a real
// ledger file, then the PIN pad (StaffDirectory) as the kiosk uses it.
#include <gtest/gtest.h>

#include "kiosk/staff/staff_directory.h"
#include "tests/kiosk/ledger/ledger_fixture.h"

namespace gb::staff {
namespace {

constexpr int64_t kNow = 1'700'000'000;
constexpr int kFast = 4;  // scrypt log2(N) in tests: the same code, less waiting

class RemoteStaffTest : public ledger::testing::LedgerFixture {
 protected:
  static DirectoryOptions Fast() {
    DirectoryOptions o;
    o.pin_kdf.n = uint64_t{1} << kFast;
    return o;
  }
  // What the store hands over after `groupbuy-provision staff add --dir SDIR`.
  static ledger::StoreStaff Member(const std::string& name, const std::string& role,
                                   const std::string& pin) {
    return {name, role, pin::HashPin(pin, kFast).value(), kNow - 100, false};
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
  EXPECT_EQ(d.SignInWithPin("246802", kNow).value().refusal, "no_staff");

  EXPECT_EQ(Apply(l, {Member("Vera", "manager", "246802")}, 5).staff, 1);
  SignIn in = d.SignInWithPin("246802", kNow).value();
  ASSERT_TRUE(in.ok()) << in.refusal;
  EXPECT_EQ(in.member->name, "Vera");
  EXPECT_EQ(in.member->role, Role::kManager);
  EXPECT_EQ(l.SyncRevision().value(), 5);

  Apply(l, {Removed("Vera")}, 6);
  SignIn after = d.SignInWithPin("246802", kNow).value();
  EXPECT_FALSE(after.ok());
  EXPECT_EQ(after.refusal, "no_staff");
}

TEST_F(RemoteStaffTest, ANewPinAtTheStoreReplacesTheOldOneAndLocalStaffStay) {
  ledger::Ledger l = OpenOrDie();
  StaffDirectory d(l, Fast());
  ASSERT_TRUE(d.Add("Local", Role::kStaff, "111111", kNow).ok());
  Apply(l, {Member("Vera", "staff", "246802")}, 1);
  Apply(l, {Member("Vera", "manager", "864202")}, 2);

  SignIn old_pin = d.SignInWithPin("246802", kNow).value();
  EXPECT_EQ(old_pin.refusal, "wrong_pin") << "the old PIN stopped working";
  SignIn new_pin = d.SignInWithPin("864202", kNow).value();
  ASSERT_TRUE(new_pin.ok());
  EXPECT_EQ(new_pin.member->role, Role::kManager);
  SignIn local = d.SignInWithPin("111111", kNow).value();
  ASSERT_TRUE(local.ok()) << "a kiosk-only member is not the store's to remove";
  EXPECT_EQ(local.member->name, "Local");
  auto names = d.List().value();
  ASSERT_EQ(names.size(), 2u);
}

TEST_F(RemoteStaffTest, TheLockOutStaysThisKiosksOwn) {
  ledger::Ledger l = OpenOrDie();
  StaffDirectory d(l, Fast());
  Apply(l, {Member("Vera", "staff", "246802")}, 1);
  ASSERT_EQ(d.SignInWithPin("000000", kNow).value().refusal, "wrong_pin");
  const pin::PinGuard before = l.GetPinGuard().value();
  ASSERT_EQ(before.failed, 1);
  Apply(l, {Member("Ann", "staff", "135702")}, 2);
  EXPECT_EQ(l.GetPinGuard().value(), before) << "a sync neither resets nor adds attempts";
}

TEST_F(RemoteStaffTest, AFourDigitPinHashedBeforeScryptStillSignsIn) {
  // A store set up before the 6-digit rule hands over its PBKDF2 text.
  // hashlib.pbkdf2_hmac("sha256", b"1234", bytes.fromhex(salt), 1000):
  const std::string old_hash =
      "pbkdf2-sha256$1000$00112233445566778899aabbccddeeff$"
      "b8ad0f1dacec0beb4f418fadcb2ee5939ef45823391bb89692028dd1b67e9cef";
  ledger::Ledger l = OpenOrDie();
  StaffDirectory d(l, Fast());
  Apply(l, {{"Old", "staff", old_hash, kNow - 100, false}}, 1);
  SignIn in = d.SignInWithPin("1234", kNow).value();
  ASSERT_TRUE(in.ok()) << in.refusal;
  EXPECT_EQ(in.member->name, "Old");
  EXPECT_EQ(d.SignInWithPin("1235", kNow).value().refusal, "wrong_pin");
}

TEST_F(RemoteStaffTest, ARemovalOfAnUnknownNameAndABadRoleAreHandled) {
  ledger::Ledger l = OpenOrDie();
  EXPECT_EQ(Apply(l, {Removed("Nobody")}, 1).staff, 1) << "nothing to delete is fine";
  ledger::RemoteState s;
  s.revision = 2;
  s.staff = {{"Vera", "boss", pin::HashPin("246802", kFast).value(), kNow, false}};
  auto r = l.ApplyRemoteState(s, kNow);
  EXPECT_EQ(r.status().reason(), "bad_role");
  EXPECT_EQ(l.SyncRevision().value(), 1) << "a refused state changes nothing";
  EXPECT_TRUE(l.ListStaff().value().empty());
}

}  // namespace
}  // namespace gb::staff
