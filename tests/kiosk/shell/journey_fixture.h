// The fixture of the scripted journeys: a kiosk folder made by
// groupbuy-provision (init-kiosk, catalog import of docs/examples/catalog.json)
// and the real groupbuy-kiosk process, headless, run on a script.
#pragma once

#include <gtest/gtest.h>
#include <sys/wait.h>

#include <cstdlib>
#include <fstream>
#include <string>

#include "core/base/file_util.h"
#include "kiosk/config/kiosk_dir.h"
#include "kiosk/ledger/ledger.h"
#include "tests/support/scoped_temp_dir.h"

namespace gb::shell {

struct ProcessRun {
  int code = -1;
  std::string err;
};

class JourneyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(tmp_.ok());
    kdir_ = tmp_.File("kiosk");
    ASSERT_EQ(Sh(std::string(GB_PROVISION_BIN) + " init-kiosk --dir " + kdir_ +
                 " --store-name 'Test Store' --country DE")
                  .code,
              0);
    ASSERT_EQ(Sh(std::string(GB_PROVISION_BIN) + " catalog import --dir " + kdir_ + " " +
                 GB_SOURCE_DIR + "/docs/examples/catalog.json")
                  .code,
              0);
  }

  // The till journeys' shop: a floor lamp (deal 7) that two sign-ups
  // unlock, as in make demo, and staff member Lena with PIN 246810.
  void AddLampAndStaff() {
    const std::string deal = tmp_.File("deal.json");
    std::ofstream(deal) << R"({"deals": [{"id": 7, "title": {"en": "Floor lamp Nordlys"},
      "currency": "EUR", "regular_price": 14900,
      "tiers": [{"participants": 2, "price": 9900}],
      "opens_at": "-1h", "stop_at": "+2d", "deadline": "+2d", "redeem_by": "+14d",
      "fee_bp": 200}]})";
    ASSERT_EQ(
        Sh(std::string(GB_PROVISION_BIN) + " catalog import --dir " + kdir_ + " " + deal).code, 0);
    ASSERT_EQ(Sh("echo 246810 | " + std::string(GB_PROVISION_BIN) + " staff add --dir " + kdir_ +
                 " --name Lena --role manager")
                  .code,
              0);
    // A cashier too: a manager's PIN opens a locked pad, a cashier's does not.
    ASSERT_EQ(Sh("echo 135791 | " + std::string(GB_PROVISION_BIN) + " staff add --dir " + kdir_ +
                 " --name Ivan --role cashier")
                  .code,
              0);
  }

  ProcessRun Sh(const std::string& cmd) {
    const std::string err = tmp_.File("stderr.txt");
    const int status = std::system((cmd + " >/dev/null 2>" + err).c_str());
    ProcessRun r{WIFEXITED(status) ? WEXITSTATUS(status) : 128, ""};
    auto text = base::ReadFile(err);
    if (text.ok()) r.err = *text;
    return r;
  }

  ProcessRun Kiosk(const std::string& script, const std::string& extra = "") {
    const std::string path = tmp_.File("script.txt");
    std::ofstream(path) << script;
    return Sh(std::string(GB_KIOSK_BIN) + " --dir " + kdir_ + " --headless --script " + path +
              " --screenshots " + tmp_.File("shots") + " " + extra);
  }

  ledger::Ledger OpenLedger() {
    auto dir = config::KioskDir::Open(kdir_);
    EXPECT_TRUE(dir.ok()) << dir.status().ToString();
    auto id = dir->LoadIdentity();
    EXPECT_TRUE(id.ok());
    auto l = ledger::Ledger::Open(dir->ledger_path(), std::move(id).value().WithoutKey());
    EXPECT_TRUE(l.ok()) << l.status().ToString();
    return std::move(l).value();
  }

  static constexpr const char* kJoin =
      "tap #deal-1\n"
      "tap #join\n"
      "type 015112345678\n"
      "tap #name\n"
      "type Anna\n"
      "expect #name =Anna\n"
      "tap #consent\n"
      "tap #confirm\n";

  test::ScopedTempDir tmp_;
  std::string kdir_;
};

}  // namespace gb::shell
