#include "kiosk/config/kiosk_dir.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "core/base/file_util.h"
#include "tests/core/rules/sample_deal.h"
#include "tests/support/scoped_temp_dir.h"

namespace gb::config {
namespace {

class KioskDirTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(tmp_.ok()); }
  std::string Dir() { return tmp_.File("k"); }
  test::ScopedTempDir tmp_;
};

InitOptions Opts(const std::string& store, const std::string& country = "DE", int offset = 0) {
  InitOptions o;
  o.store_name = store;
  o.country = country;
  o.utc_offset_minutes = offset;
  return o;
}

int Mode(const std::string& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return static_cast<int>(st.st_mode & 0777);
}

TEST_F(KioskDirTest, InitWritesSecretsPrivatelyAndOpenReadsThemBack) {
  auto k = KioskDir::Init(Dir(), Opts("Sofa & Co", "RU", 180));
  ASSERT_TRUE(k.ok()) << k.status().ToString();
  for (const char* f : {"kiosk.json", "signing.key", "phone.key"}) {
    EXPECT_EQ(Mode(Dir() + "/" + f), 0600) << f;
  }
  EXPECT_EQ(Mode(Dir()), 0700);
  auto again = KioskDir::Open(Dir());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->settings().store_name, "Sofa & Co");
  EXPECT_EQ(again->settings().country, "RU");
  EXPECT_EQ(again->settings().utc_offset_minutes, 180);
  EXPECT_EQ(again->settings().printer, "png:" + Dir() + "/printer");
  EXPECT_EQ(again->settings().kiosk_id, k->settings().kiosk_id);
  EXPECT_EQ(again->settings().kiosk_id.rfind("kiosk-", 0), 0u);
  EXPECT_EQ(KioskDir::Init(Dir(), Opts("X")).status().reason(), "kiosk_exists");
}

TEST_F(KioskDirTest, TheStoresPhoneKeyIsWrittenAtInitOrAdoptedLater) {
  const std::string store_key(64, 'a');
  InitOptions o = Opts("Store");
  o.phone_key_hex = store_key;
  auto k = KioskDir::Init(Dir(), o);
  ASSERT_TRUE(k.ok()) << k.status().ToString();
  EXPECT_EQ(*base::ReadFile(Dir() + "/phone.key"), store_key + "\n");
  auto id = k->LoadIdentity();
  ASSERT_TRUE(id.ok());
  EXPECT_EQ(id->phone_key[0], 0xaa);
  EXPECT_EQ(id->phone_key[31], 0xaa);
  // add-kiosk: a standalone kiosk's own key is replaced by the store's.
  const std::string other(64, 'b');
  ASSERT_TRUE(k->AdoptPhoneKey(other).ok());
  EXPECT_EQ(Mode(Dir() + "/phone.key"), 0600);
  EXPECT_EQ(k->LoadIdentity()->phone_key[0], 0xbb);
  // Anything but 64 lower-case hex digits is refused, and the key stays.
  for (const std::string& bad : {std::string(63, 'b'), std::string(64, 'B'), std::string(64, 'g')}) {
    EXPECT_EQ(k->AdoptPhoneKey(bad).reason(), "bad_settings") << bad;
  }
  EXPECT_EQ(k->LoadIdentity()->phone_key[0], 0xbb);
  o.phone_key_hex = "12";
  EXPECT_EQ(KioskDir::Init(tmp_.File("k2"), o).status().reason(), "bad_settings");
}

TEST_F(KioskDirTest, TheIdentitySignsVouchersInTheLedger) {
  auto k = KioskDir::Init(Dir(), Opts("Store"));
  ASSERT_TRUE(k.ok());
  auto id = k->LoadIdentity();
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto l = ledger::Ledger::Open(k->ledger_path(), std::move(id).value());
  ASSERT_TRUE(l.ok()) << l.status().ToString();
  ASSERT_TRUE(l->PutDeal(rules::testing::SampleDeal(), rules::DealState::kOpen, 1).ok());
  ledger::SignUpRequest r;
  r.deal_id = 42;
  r.phone_e164 = "+4915112345678";
  r.now = rules::testing::kOpens + 5;
  EXPECT_TRUE(l->SignUp(r).ok());
}

TEST_F(KioskDirTest, EveryBrokenFileIsNamed) {
  ASSERT_TRUE(KioskDir::Init(Dir(), Opts("Store")).ok());
  const std::string json = Dir() + "/kiosk.json";
  const std::string good = base::ReadFile(json).value();
  struct Row {
    std::string content;
    std::string needle;
  };
  const Row rows[] = {
      {"not json", "not a JSON object"},
      {R"({"kiosk_id": "k", "store_name": "S", "country": "XX", "printer": "", "language": "en",
          "key_id": 1, "utc_offset_minutes": 0})", "country 'XX'"},
      {R"({"kiosk_id": "k", "store_name": "S", "country": "DE", "printer": "", "language": "en",
          "key_id": -1, "utc_offset_minutes": 0})", "key_id"},
      {R"({"kiosk_id": "k", "store_name": "", "country": "DE", "printer": "", "language": "en",
          "key_id": 1, "utc_offset_minutes": 0})", "store_name"},
      {R"({"kiosk_id": "k", "store_name": "S", "country": "DE", "printer": "", "language": "en",
          "key_id": 1, "utc_offset_minutes": 5000})", "utc_offset_minutes"},
  };
  for (const Row& r : rows) {
    ASSERT_TRUE(base::WriteFileAtomic(json, r.content, 0600, base::Overwrite::kYes).ok());
    auto k = KioskDir::Open(Dir());
    ASSERT_FALSE(k.ok()) << r.content;
    EXPECT_EQ(k.status().reason(), "bad_settings");
    EXPECT_NE(k.status().message().find(r.needle), std::string::npos) << k.status().message();
  }
  ASSERT_TRUE(base::WriteFileAtomic(json, good, 0644, base::Overwrite::kYes).ok());
  EXPECT_EQ(KioskDir::Open(Dir()).status().reason(), "insecure_mode");
  ASSERT_EQ(::chmod(json.c_str(), 0600), 0);
  ASSERT_TRUE(base::WriteFileAtomic(Dir() + "/phone.key", "abc\n", 0600, base::Overwrite::kYes).ok());
  EXPECT_EQ(KioskDir::Open(Dir()).value().LoadIdentity().status().reason(), "bad_settings");
  EXPECT_EQ(KioskDir::Open(tmp_.File("none")).status().reason(), "file_missing");
}

TEST_F(KioskDirTest, EnrolWritesTheServerAndOpenReadsItBack) {
  auto k = KioskDir::Init(Dir(), Opts("Store 12"));
  ASSERT_TRUE(k.ok());
  EXPECT_FALSE(k->settings().server.has_value());  // standalone: no server object
  ServerSettings server{"10.0.0.5", 8443, std::string(64, 'a'), std::string(64, 'b'), true};
  ASSERT_TRUE(k->Enrol(7, server).ok());
  EXPECT_EQ(Mode(Dir() + "/kiosk.json"), 0600);
  auto again = KioskDir::Open(Dir());
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->settings().key_id, 7u);
  ASSERT_TRUE(again->settings().server.has_value());
  EXPECT_EQ(*again->settings().server, server);
  EXPECT_TRUE(again->settings().server->offline_redeem);
  EXPECT_EQ(again->settings().kiosk_id, k->settings().kiosk_id);
}

TEST_F(KioskDirTest, BadServerSettingsAreNamed) {
  auto k = KioskDir::Init(Dir(), Opts("Store 12"));
  ASSERT_TRUE(k.ok());
  EXPECT_EQ(k->Enrol(7, {"", 8443, std::string(64, 'a'), std::string(64, 'b')}).reason(),
            "bad_settings");
  EXPECT_EQ(k->Enrol(7, {"h", 8443, "AB", std::string(64, 'b')}).reason(), "bad_settings");
  const std::string json = Dir() + "/kiosk.json";
  std::string text = base::ReadFile(json).value();
  for (const char* server : {R"("server": 5)", R"("server": {"host": "h", "port": 0,
      "cert_sha256": "", "token": ""})", R"("server": {"host": "h"})",
                             R"("server": {"host": "h", "port": 1, "offline_redeem": "yes",
      "token": "tttttttttttttttttttttttttttttttttttttttt",
      "cert_sha256": "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"})"}) {
    std::string bad = text;
    bad.insert(1, std::string(server) + ",");
    ASSERT_TRUE(base::WriteFileAtomic(json, bad, 0600, base::Overwrite::kYes).ok());
    auto opened = KioskDir::Open(Dir());
    EXPECT_EQ(opened.status().reason(), "bad_settings") << server;
    EXPECT_NE(opened.status().message().find("server"), std::string::npos)
        << opened.status().message();
  }
}

}  // namespace
}  // namespace gb::config
