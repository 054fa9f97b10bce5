// groupbuy-provision purge, run as a separate process on a real kiosk folder
// and a real store folder: ended deals are named and counted, current ones
// kept, and a wrong command line is refused with exit 2.
#include <gtest/gtest.h>

#include <string>

#include "core/base/file_util.h"
#include "tests/support/provision_run.h"
#include "tests/support/scoped_temp_dir.h"

namespace gb {
namespace {

using test::CliRun;

class PurgeCliTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(tmp_.ok()); }

  CliRun Provision(const std::string& args) { return test::Provision(args, dir_); }

  // One deal that ended a year ago, one still running.
  std::string Catalog() {
    const std::string path = dir_ + "/catalog.json";
    const std::string deal = R"({"id": ID, "title": {"en": "Sofa"}, "currency": "EUR",
      "regular_price": 99900, "tiers": [{"participants": 2, "price": 59900}],
      "opens_at": "OPENS", "stop_at": "STOP", "deadline": "DEADLINE", "redeem_by": "REDEEM"})";
    auto make = [&](const char* id, const char* o, const char* s, const char* d, const char* r) {
      std::string t = deal;
      for (auto [k, v] : {std::pair{"ID", id}, {"OPENS", o}, {"STOP", s}, {"DEADLINE", d},
                          {"REDEEM", r}}) {
        t.replace(t.find(k), std::string(k).size(), v);
      }
      return t;
    };
    std::string text = R"({"deals": [)" + make("1", "-400d", "-390d", "-389d", "-360d") + "," +
                       make("2", "-1h", "+7d", "+8d", "+30d") + "]}";
    EXPECT_TRUE(base::WriteFileAtomic(path, text, 0600, base::Overwrite::kYes).ok());
    return path;
  }

  test::ScopedTempDir tmp_;
  const std::string dir_ = tmp_.str();
};

TEST_F(PurgeCliTest, AKioskNamesItsEndedDealsAndKeepsTheCurrentOne) {
  const std::string kdir = dir_ + "/kiosk";
  ASSERT_EQ(Provision("init-kiosk --dir " + kdir + " --store-name Sofa").code, 0);
  CliRun imported = Provision("catalog import --dir " + kdir + " " + Catalog());
  ASSERT_EQ(imported.code, 0) << imported.err;
  CliRun r = Provision("purge --dir " + kdir);
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("kiosk: 1 deal(s) ended 30+ days ago"), std::string::npos) << r.out;
  CliRun none = Provision("purge --dir " + kdir + " --keep-days 3650");
  ASSERT_EQ(none.code, 0) << none.err;
  EXPECT_NE(none.out.find("kiosk: 0 deal(s)"), std::string::npos) << none.out;
}

TEST_F(PurgeCliTest, AStoreIsPurgedToo) {
  const std::string sdir = dir_ + "/store";
  ASSERT_EQ(Provision("init-store --dir " + sdir + " --name Sofa --listen 127.0.0.1:8443").code, 0);
  CliRun imported = Provision("catalog import --dir " + sdir + " " + Catalog());
  ASSERT_EQ(imported.code, 0) << imported.err;
  CliRun r = Provision("purge --dir " + sdir + " --keep-days 0");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("store: 1 deal(s) ended 0+ days ago"), std::string::npos) << r.out;
}

TEST_F(PurgeCliTest, AWrongCommandLineIsExitTwoAndAMissingFolderIsNamed) {
  EXPECT_EQ(Provision("purge").code, 2);
  CliRun bad = Provision("purge --dir " + dir_ + " --keep-days -1");
  EXPECT_EQ(bad.code, 2);
  EXPECT_NE(bad.err.find("keep-days"), std::string::npos) << bad.err;
  CliRun missing = Provision("purge --dir " + dir_ + "/nowhere");
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("nowhere"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace gb
