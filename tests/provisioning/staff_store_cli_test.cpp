// groupbuy-provision staff add | remove | list --dir SDIR, run as a separate
// process on a real store folder: the store keeps the PIN's hash only, each
// change is a new revision for the kiosks' next sync, and refusals are named.
#include <gtest/gtest.h>

#include <string>

#include "core/base/file_util.h"
#include "core/pin/pin_hash.h"
#include "sync/store/store_db.h"
#include "tests/support/provision_run.h"
#include "tests/support/scoped_temp_dir.h"

namespace gb {
namespace {

using test::CliRun;

class StaffStoreCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    CliRun r = Provision("init-store --dir " + sdir_ + " --name Sofa --listen 127.0.0.1:8443");
    ASSERT_EQ(r.code, 0) << r.err;
  }

  CliRun Provision(const std::string& args, const std::string& stdin_text = "") {
    return test::Provision(args, dir_, stdin_text);
  }

  std::unique_ptr<store::StoreDb> Store() {
    auto db = store::StoreDb::Open(sdir_ + "/store.db");
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    return db.ok() ? std::move(db).value() : nullptr;
  }

  test::ScopedTempDir tmp_;
  const std::string dir_ = tmp_.str();
  const std::string sdir_ = dir_ + "/store";
};

TEST_F(StaffStoreCliTest, AddListRemoveKeepOnlyHashesAndBumpTheRevision) {
  const int64_t r0 = Store()->Revision().value();
  CliRun a =
      Provision("staff add --dir " + sdir_ + " --name Vera --role manager --pin -", "432100\n");
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_NE(a.out.find("manager 'Vera' at the store"), std::string::npos) << a.out;

  ASSERT_TRUE(base::WriteFileAtomic(dir_ + "/pin", "555500\n", 0600, base::Overwrite::kNo).ok());
  CliRun b = Provision("staff add --dir " + sdir_ + " --name Ann --pin-file " + dir_ + "/pin");
  ASSERT_EQ(b.code, 0) << b.err;
  EXPECT_NE(b.out.find("cashier 'Ann' at the store"), std::string::npos) << "the default role";

  auto staff = Store()->ListStaff().value();
  ASSERT_EQ(staff.size(), 2u);
  EXPECT_EQ(staff[0].role, "cashier");
  EXPECT_EQ(staff[1].role, "manager");
  EXPECT_EQ(staff[1].name, "Vera");
  EXPECT_TRUE(pin::VerifyPin("432100", staff[1].pin_hash)) << "the kiosks' own hash";
  EXPECT_EQ(staff[1].pin_hash.rfind("scrypt$16384$8$2$", 0), 0u) << staff[1].pin_hash;
  EXPECT_EQ(staff[1].pin_hash.find("432100"), std::string::npos);
  EXPECT_TRUE(pin::VerifyPin("555500", staff[0].pin_hash));
  EXPECT_EQ(Store()->Revision().value(), r0 + 2);

  CliRun list = Provision("staff list --dir " + sdir_);
  ASSERT_EQ(list.code, 0) << list.err;
  EXPECT_NE(list.out.find("Ann\tcashier"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("Vera\tmanager"), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find("scrypt"), std::string::npos) << "never a hash";
  EXPECT_EQ(list.out.find("432100"), std::string::npos);

  CliRun rm = Provision("staff remove --dir " + sdir_ + " --name Ann");
  ASSERT_EQ(rm.code, 0) << rm.err;
  list = Provision("staff list --dir " + sdir_);
  EXPECT_EQ(list.out.find("Ann"), std::string::npos) << list.out;
  auto state = Store()->State(r0 + 2).value();
  ASSERT_EQ(state["staff"].size(), 1u);
  EXPECT_EQ(state["staff"][0]["name"], "Ann");
  EXPECT_EQ(state["staff"][0]["removed"], true);
}

TEST_F(StaffStoreCliTest, RefusalsNameTheProblemAndNeverEchoThePin) {
  ASSERT_EQ(Provision("staff add --dir " + sdir_ + " --name Vera", "432100\n").code, 0);
  const int64_t rev = Store()->Revision().value();
  struct Row {
    std::string args;
    std::string stdin_text;
    int code;            // 1: refused; 2: a usage error
    std::string needle;  // in stderr
  };
  const Row rows[] = {
      {"staff add --dir " + sdir_ + " --name Oleg --pin -", "", 1, "bad_pin"},
      {"staff add --dir " + sdir_ + " --name Oleg", "12ab\n", 1, "bad_pin"},
      {"staff add --dir " + sdir_ + " --name Oleg", "4321\n", 1, "a new PIN is 6 to 12 digits"},
      {"staff add --dir " + sdir_ + " --name Oleg", "432100\n", 1, "pin_in_use"},
      {"staff add --dir " + sdir_ + " --name Vera", "777700\n", 1, "staff_exists"},
      {"staff add --dir " + sdir_ + " --name Oleg --role boss", "777700\n", 1, "bad_role"},
      {"staff add --dir " + sdir_ + " --name Oleg --role staff-ish", "777700\n", 1, "cashier"},
      // Refused as a usage error, before any PIN is read.
      {"staff add --dir " + sdir_ + " --name ''", "777700\n", 2,
       "the staff name must not be empty"},
      {"staff add --dir " + sdir_ + " --name \"$(printf 'Jos\\351')\"", "777700\n", 2,
       "the staff name is not valid UTF-8 (byte 3)"},
      {"staff add --dir " + sdir_ + " --name Oleg --pin 975300", "", 2, "--pin"},
      {"staff remove --dir " + sdir_ + " --name Nobody", "", 1, "staff_unknown"},
  };
  for (const Row& row : rows) {
    CliRun r = Provision(row.args, row.stdin_text);
    if (row.code == 1) {
      EXPECT_EQ(r.code, 1) << row.args << "\n" << r.err;
    } else {
      EXPECT_TRUE(r.code != 0 && r.code != 1) << row.args << " exited " << r.code;
    }
    EXPECT_NE(r.err.find(row.needle), std::string::npos) << row.args << "\n" << r.err;
    EXPECT_EQ(r.err.find("975300"), std::string::npos) << "a PIN is never repeated";
    EXPECT_EQ(r.err.find("432100"), std::string::npos) << "a PIN is never repeated";
    EXPECT_EQ(r.err.find("4321\n"), std::string::npos) << "a PIN is never repeated";
  }
  EXPECT_EQ(Store()->Revision().value(), rev) << "no refusal changed the store";
  EXPECT_EQ(Store()->ListStaff().value().size(), 1u);
}

}  // namespace
}  // namespace gb
