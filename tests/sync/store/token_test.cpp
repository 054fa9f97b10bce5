// Tokens, their hashes, the TLS identity and the store folder.
#include "sync/store/token.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include "core/base/file_util.h"
#include "sync/store/store_dir.h"
#include "sync/store/tls_cert.h"
#include "tests/support/scoped_temp_dir.h"

namespace gb::store {
namespace {

int Mode(const std::string& p) {
  struct stat st {};
  EXPECT_EQ(::stat(p.c_str(), &st), 0) << p;
  return static_cast<int>(st.st_mode & 0777);
}

TEST(TokenTest, TokensAreFreshHexAndHashesCompare) {
  auto a = NewToken();
  auto b = NewToken();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_EQ(a->size(), 64u);
  EXPECT_NE(*a, *b);
  EXPECT_TRUE(SameDigest(Sha256(*a), Sha256(*a)));
  EXPECT_FALSE(SameDigest(Sha256(*a), Sha256(*b)));
  // SHA-256("abc"), FIPS 180-2.
  Digest abc = Sha256("abc");
  EXPECT_EQ(abc[0], 0xba);
  EXPECT_EQ(abc[31], 0xad);
}

TEST(TlsCertTest, FingerprintIsStableAndCertsDiffer) {
  auto one = MakeSelfSignedCert("Store 1", {"localhost", "127.0.0.1"});
  auto two = MakeSelfSignedCert("Store 1", {"localhost"});
  ASSERT_TRUE(one.ok() && two.ok()) << one.status().ToString();
  EXPECT_NE(one->key_pem.find("BEGIN PRIVATE KEY"), std::string::npos);
  auto f1 = CertFingerprint(one->cert_pem);
  ASSERT_TRUE(f1.ok());
  EXPECT_EQ(f1->size(), 64u);
  EXPECT_EQ(*f1, *CertFingerprint(one->cert_pem));
  EXPECT_NE(*f1, *CertFingerprint(two->cert_pem));
  EXPECT_EQ(CertFingerprint("not a cert").status().reason(), "bad_cert");
}

TEST(StoreDirTest, InitMakesSecretsPrivateAndOpenReadsThem) {
  test::ScopedTempDir tmp;
  ASSERT_TRUE(tmp.ok());
  const std::string dir = tmp.File("s");
  std::string token;
  auto s = StoreDir::Init(dir, {"Store 12", "127.0.0.1:8443"}, &token);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(Mode(dir + "/tls.key"), 0600);
  EXPECT_EQ(Mode(dir + "/admin.token"), 0600);
  EXPECT_EQ(Mode(dir + "/store.db"), 0600);
  EXPECT_EQ(*base::ReadFile(dir + "/admin.token"), token + "\n");
  auto opened = StoreDir::Open(dir);
  ASSERT_TRUE(opened.ok()) << opened.status().ToString();
  EXPECT_EQ(opened->settings().name, "Store 12");
  EXPECT_TRUE(SameDigest(*opened->AdminTokenHash(), Sha256(token)));
  EXPECT_TRUE(StoreDir::IsStoreDir(dir));
  std::string again;
  EXPECT_EQ(StoreDir::Init(dir, {"Store 12", "127.0.0.1:8443"}, &again).status().reason(),
            "store_exists");
  ASSERT_EQ(::chmod((dir + "/admin.token").c_str(), 0644), 0);
  EXPECT_EQ(StoreDir::Open(dir).status().reason(), "insecure_mode");
}

TEST(StoreDirTest, TheStoresPhoneKeyIsPrivateAndAnOldFolderGetsOneWhenOpened) {
  test::ScopedTempDir tmp;
  ASSERT_TRUE(tmp.ok());
  const std::string dir = tmp.File("s");
  std::string token;
  auto s = StoreDir::Init(dir, {"Store 12", "127.0.0.1:8443"}, &token);
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  EXPECT_EQ(Mode(dir + "/phone.key"), 0600);
  auto key = s->PhoneKeyHex();
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(key->size(), 64u);
  EXPECT_EQ(*StoreDir::Open(dir)->PhoneKeyHex(), *key);  // kept, never remade
  // A folder made before stores had a phone key: the first Open makes one,
  // and every later Open keeps it.
  ASSERT_EQ(::unlink((dir + "/phone.key").c_str()), 0);
  auto old = StoreDir::Open(dir);
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  EXPECT_EQ(Mode(dir + "/phone.key"), 0600);
  auto made = old->PhoneKeyHex();
  ASSERT_TRUE(made.ok());
  EXPECT_NE(*made, *key);
  EXPECT_EQ(*StoreDir::Open(dir)->PhoneKeyHex(), *made);
  // A damaged or readable key stops the store rather than hash with it.
  ASSERT_EQ(::chmod((dir + "/phone.key").c_str(), 0644), 0);
  EXPECT_EQ(StoreDir::Open(dir).status().reason(), "insecure_mode");
  ASSERT_TRUE(base::WriteFileAtomic(dir + "/phone.key", "not hex\n", 0600, base::Overwrite::kYes)
                  .ok());
  EXPECT_EQ(StoreDir::Open(dir).status().reason(), "bad_settings");
}

TEST(StoreDirTest, ListenAddressesAreChecked) {
  EXPECT_EQ(ParseHostPort("127.0.0.1:0")->port, 0);
  EXPECT_EQ(ParseHostPort("[::1]:8443")->host, "::1");
  for (const char* bad : {"", "8443", ":8443", "host:", "host:65536", "host:12x"}) {
    EXPECT_EQ(ParseHostPort(bad).status().reason(), "bad_listen") << bad;
  }
}

}  // namespace
}  // namespace gb::store
