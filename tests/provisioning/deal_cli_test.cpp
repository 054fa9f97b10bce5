// groupbuy-provision deal stop, run as a separate process on a real store
// folder and a real head office folder: the deal is stopped once, a second
// stop and an unknown deal are refused, and a wrong command line is exit 2.
#include <gtest/gtest.h>

#include <string>

#include "core/base/file_util.h"
#include "tests/support/provision_run.h"
#include "tests/support/scoped_temp_dir.h"

namespace gb {
namespace {

using test::CliRun;

class DealCliTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(tmp_.ok()); }

  CliRun Provision(const std::string& args) { return test::Provision(args, dir_); }

  std::string Catalog() {
    const std::string path = dir_ + "/catalog.json";
    const std::string text = R"({"deals": [{"id": 7, "title": {"en": "Sofa"}, "currency": "EUR",
      "regular_price": 99900, "tiers": [{"participants": 2, "price": 59900}],
      "opens_at": "-1h", "stop_at": "+7d", "deadline": "+8d", "redeem_by": "+30d"}]})";
    EXPECT_TRUE(base::WriteFileAtomic(path, text, 0600, base::Overwrite::kYes).ok());
    return path;
  }

  test::ScopedTempDir tmp_;
  const std::string dir_ = tmp_.str();
};

TEST_F(DealCliTest, AHeadOfficeStopsItsDealOnce) {
  const std::string hdir = dir_ + "/hq";
  ASSERT_EQ(Provision("init-hq --dir " + hdir + " --name Chain --listen 127.0.0.1:9443").code, 0);
  ASSERT_EQ(Provision("catalog import --dir " + hdir + " " + Catalog()).code, 0);
  CliRun r = Provision("deal stop --dir " + hdir + " --deal 7");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("deal 7: sign-ups stopped at "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("every linked store"), std::string::npos) << r.out;
  CliRun again = Provision("deal stop --dir " + hdir + " --deal 7");
  EXPECT_EQ(again.code, 1);
  EXPECT_NE(again.err.find("already_stopped"), std::string::npos) << again.err;
  // Re-importing the catalog does not restart it.
  ASSERT_EQ(Provision("catalog import --dir " + hdir + " " + Catalog()).code, 0);
  EXPECT_NE(Provision("deal stop --dir " + hdir + " --deal 7").err.find("already_stopped"),
            std::string::npos);
}

TEST_F(DealCliTest, AStoreStopsItsOwnDealAndAnUnknownOneIsNamed) {
  const std::string sdir = dir_ + "/store";
  ASSERT_EQ(Provision("init-store --dir " + sdir + " --name Sofa --listen 127.0.0.1:8443").code, 0);
  ASSERT_EQ(Provision("catalog import --dir " + sdir + " " + Catalog()).code, 0);
  CliRun unknown = Provision("deal stop --dir " + sdir + " --deal 8");
  EXPECT_EQ(unknown.code, 1);
  EXPECT_NE(unknown.err.find("unknown_deal"), std::string::npos) << unknown.err;
  CliRun r = Provision("deal stop --dir " + sdir + " --deal 7");
  ASSERT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.out.find("state open"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("the store's kiosks"), std::string::npos) << r.out;
}

TEST_F(DealCliTest, AWrongCommandLineIsExitTwo) {
  EXPECT_EQ(Provision("deal").code, 2);
  EXPECT_EQ(Provision("deal stop --dir " + dir_).code, 2);
  EXPECT_EQ(Provision("deal stop --dir " + dir_ + " --deal 0").code, 2);
  EXPECT_EQ(Provision("deal stop --dir " + dir_ + " --deal x").code, 2);
  CliRun missing = Provision("deal stop --dir " + dir_ + "/nowhere --deal 7");
  EXPECT_EQ(missing.code, 1);
  EXPECT_NE(missing.err.find("nowhere"), std::string::npos) << missing.err;
}

}  // namespace
}  // namespace gb
