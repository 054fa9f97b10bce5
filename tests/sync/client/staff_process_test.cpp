// Staff set at the store reach the kiosks by sync: groupbuy-provision staff
// add|remove --dir SDIR beside a running groupbuy-store, two kiosks polling
// it, and the PIN pad (StaffDirectory) on each kiosk's ledger.
#include "kiosk/staff/staff_directory.h"
#include "tests/sync/client/store_fixture.h"

namespace gb::test {
namespace {

bool HasMember(KioskNode& node, const std::string& name) {
  auto rows = node.ledger().ListStaff();
  if (!rows.ok()) return false;
  for (const ledger::StaffRow& r : *rows) {
    if (r.name == name) return true;
  }
  return false;
}

TEST_F(SyncProcessTest, AStorePinWorksAtEveryKioskAndARemovalStopsIt) {
  ASSERT_TRUE(server_.Start(Sdir())) << server_.Output();
  auto k0 = NewKiosk(0);
  auto k1 = NewKiosk(1);
  ASSERT_TRUE(k0->StartSync(server_.port()));
  ASSERT_TRUE(k1->StartSync(server_.port()));

  ASSERT_TRUE(
      base::WriteFileAtomic(tmp_.File("vera.pin"), "246810\n", 0600, base::Overwrite::kNo).ok());
  CliRun add = Provision("staff add --dir " + Sdir() + " --name Vera --role manager --pin-file " +
                             tmp_.File("vera.pin"),
                         tmp_.str());
  ASSERT_EQ(add.code, 0) << add.err;

  // Wait for the row, not by typing the PIN: wrong tries would count towards the lock-out.
  for (KioskNode* node : {k0.get(), k1.get()}) {
    ASSERT_TRUE(WaitFor([&] { return HasMember(*node, "Vera"); })) << node->origin();
    staff::StaffDirectory pad(node->ledger());
    staff::SignIn in =
        pad.SignInWithPin("246810", static_cast<int64_t>(std::time(nullptr))).value();
    ASSERT_TRUE(in.ok()) << node->origin() << ": " << in.refusal;
    EXPECT_EQ(in.member->name, "Vera");
    EXPECT_EQ(in.member->role, staff::Role::kManager);
  }

  CliRun rm = Provision("staff remove --dir " + Sdir() + " --name Vera", tmp_.str());
  ASSERT_EQ(rm.code, 0) << rm.err;
  for (KioskNode* node : {k0.get(), k1.get()}) {
    ASSERT_TRUE(WaitFor([&] { return !HasMember(*node, "Vera"); })) << node->origin();
    staff::StaffDirectory pad(node->ledger());
    staff::SignIn in =
        pad.SignInWithPin("246810", static_cast<int64_t>(std::time(nullptr))).value();
    EXPECT_FALSE(in.ok()) << node->origin();
    EXPECT_EQ(in.refusal, "no_staff");
  }
  k0->StopSync();
  k1->StopSync();
  EXPECT_EQ(server_.Stop(), 0) << server_.Output();
}

}  // namespace
}  // namespace gb::test
