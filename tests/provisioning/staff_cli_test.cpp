// groupbuy-provision staff add | remove | list, run as a separate process on
// a real kiosk folder. The PIN comes from stdin or a 0600 file, never argv.
#include <gtest/gtest.h>

#include <string>

#include "core/base/file_util.h"
#include "tests/support/provision_run.h"
#include "tests/support/scoped_temp_dir.h"

namespace {

using gb::test::CliRun;

class StaffCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    CliRun r = Provision("init-kiosk --dir " + kdir_ + " --store-name Test");
    ASSERT_EQ(r.code, 0) << r.err;
  }

  // Runs the binary with `stdin_text` as its standard input.
  CliRun Provision(const std::string& args, const std::string& stdin_text = "") {
    return gb::test::Provision(args, dir_, stdin_text);
  }

  gb::test::ScopedTempDir tmp_;
  const std::string dir_ = tmp_.str();
  const std::string kdir_ = dir_ + "/kiosk";
};

TEST_F(StaffCliTest, AddFromStdinAndFileListRemove) {
  CliRun a = Provision("staff add --dir " + kdir_ + " --name Vera --role manager", "432100\n");
  ASSERT_EQ(a.code, 0) << a.err;
  EXPECT_NE(a.out.find("manager 'Vera'"), std::string::npos) << a.out;
  CliRun twelve = Provision("staff add --dir " + kdir_ + " --name Max", "123456789012\n");
  ASSERT_EQ(twelve.code, 0) << "12 digits are the most" << twelve.err;

  ASSERT_TRUE(
      gb::base::WriteFileAtomic(dir_ + "/pin", "555500\n", 0600, gb::base::Overwrite::kNo).ok());
  CliRun b = Provision("staff add --dir " + kdir_ + " --name Ann --pin-file " + dir_ + "/pin");
  ASSERT_EQ(b.code, 0) << b.err;

  CliRun list = Provision("staff list --dir " + kdir_);
  ASSERT_EQ(list.code, 0) << list.err;
  EXPECT_NE(list.out.find("Ann\tcashier"), std::string::npos) << list.out;
  EXPECT_NE(list.out.find("Vera\tmanager"), std::string::npos) << list.out;
  EXPECT_EQ(list.out.find("scrypt"), std::string::npos) << "never a hash";
  EXPECT_EQ(list.out.find("432100"), std::string::npos);

  ASSERT_EQ(Provision("staff remove --dir " + kdir_ + " --name Ann").code, 0);
  list = Provision("staff list --dir " + kdir_);
  EXPECT_EQ(list.out.find("Ann"), std::string::npos) << list.out;
}

TEST_F(StaffCliTest, TheHelpNamesThePinRule) {
  CliRun r = Provision("staff add --help");
  EXPECT_EQ(r.code, 0);
  EXPECT_NE(r.out.find("6 to 12 digits"), std::string::npos) << r.out;
}

TEST_F(StaffCliTest, RefusalsNameTheProblem) {
  ASSERT_EQ(Provision("staff add --dir " + kdir_ + " --name Vera", "432100\n").code, 0);
  struct Row {
    std::string args;
    std::string stdin_text;
    int code;            // 1: refused; 2: a usage error
    std::string needle;  // in stderr
  };
  const Row rows[] = {
      {"staff add --dir " + kdir_ + " --name Oleg", "", 1, "bad_pin"},
      {"staff add --dir " + kdir_ + " --name Oleg", "12\n", 1, "bad_pin"},
      // New PINs have 6 to 12 digits, and the message says so.
      {"staff add --dir " + kdir_ + " --name Oleg", "4321\n", 1, "6 to 12 digits"},
      {"staff add --dir " + kdir_ + " --name Oleg", "12345\n", 1, "bad_pin"},
      {"staff add --dir " + kdir_ + " --name Oleg", "1234567890123\n", 1, "6 to 12 digits"},
      {"staff add --dir " + kdir_ + " --name Oleg", "432100\n", 1, "pin_in_use"},
      {"staff add --dir " + kdir_ + " --name Vera", "777700\n", 1, "staff_exists"},
      {"staff add --dir " + kdir_ + " --name Oleg --role boss", "777700\n", 1, "bad_role"},
      {"staff add --dir " + dir_ + "/nowhere --name Oleg", "777700\n", 1, "nowhere"},
      {"staff add --dir " + kdir_ + " --name Oleg --pin 777700", "", 2, "--pin"},
      {"staff add --dir " + kdir_, "777700\n", 2, "--name"},
      {"staff remove --dir " + kdir_ + " --name Nobody", "", 1, "staff_unknown"},
      {"staff", "", 2, "subcommand"},
  };
  for (const Row& row : rows) {
    CliRun r = Provision(row.args, row.stdin_text);
    // 1: the command failed; a usage error exits with CLI11's own code (not 0 or 1).
    if (row.code == 1) {
      EXPECT_EQ(r.code, 1) << row.args << "\n" << r.err;
    } else {
      EXPECT_TRUE(r.code != 0 && r.code != 1) << row.args << " exited " << r.code;
    }
    EXPECT_NE(r.err.find(row.needle), std::string::npos) << row.args << "\n" << r.err;
    EXPECT_EQ(r.err.find("4321"), std::string::npos) << "a PIN is never repeated";
  }
}

TEST_F(StaffCliTest, APinFileOthersCanReadIsRefused) {
  ASSERT_TRUE(
      gb::base::WriteFileAtomic(dir_ + "/pin", "555500\n", 0644, gb::base::Overwrite::kNo).ok());
  CliRun r = Provision("staff add --dir " + kdir_ + " --name Ann --pin-file " + dir_ + "/pin");
  EXPECT_EQ(r.code, 1);
  EXPECT_NE(r.err.find("insecure_mode"), std::string::npos) << r.err;
}

TEST_F(StaffCliTest, HelpForEachStaffCommand) {
  for (const char* args :
       {"staff --help", "staff add --help", "staff remove --help", "staff list --help"}) {
    CliRun r = Provision(args);
    EXPECT_EQ(r.code, 0) << args;
    EXPECT_NE(r.out.find("Usage"), std::string::npos) << args;
  }
}

}  // namespace
