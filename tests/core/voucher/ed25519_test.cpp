#include "core/voucher/ed25519.h"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <string>
#include <type_traits>
#include <vector>

#include "core/base/file_util.h"
#include "tests/core/voucher/test_support.h"

namespace gb::voucher {
namespace {

using test::FromHex;
using test::Hex;

static_assert(!std::is_copy_constructible_v<SigningKey>, "a secret is not copied around");
static_assert(std::is_nothrow_move_constructible_v<SigningKey>);
static_assert(std::is_copy_constructible_v<PublicKey>);

// RFC 8032, section 7.1, TEST 1 and TEST 2.
constexpr std::string_view kRfcSeed1 =
    "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60";
constexpr std::string_view kRfcPublic1 =
    "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
constexpr std::string_view kRfcSignature1 =
    "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b4"
    "6bd25bf5f0595bbe24655141438e7a100b";
constexpr std::string_view kRfcSeed2 =
    "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb";
constexpr std::string_view kRfcSignature2 =
    "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d"
    "8c387b2eaeb4302aeeb00d291612bb0c00";

// Other key types, which must all be refused with "bad_key".
constexpr std::string_view kRsaPrivatePem =
    "-----BEGIN PRIVATE KEY-----\n"
    "MIIBUwIBADANBgkqhkiG9w0BAQEFAASCAT0wggE5AgEAAkEAunzVVZ10yyjyGvpK\n"
    "sYkQJinJHWQYwopiWfNTKADBDWN7q4LS38c1dpEHRLw/+wdpdhU33OAJWSCnJ0Tn\n"
    "w+6hnwIDAQABAkBYhkWm3JXCku9KiyHF4PB/jTpg71EpmBNT68O/q4v41D85vLjB\n"
    "bSyNifUMkDTItgXZ2c4lW8fJa77jqvexkyKRAiEA3knor8ZxekTxss/yL8yduMJj\n"
    "hE9fcpgoCcIizpAaHV0CIQDWxP2i8P9gr9lWrHjRF12KMR8QImVf9MR5Y+7WfqxP\n"
    "KwIgAU1tj5oaEB1XTTTqtlz8j5iT/LJ6XLGHiocYrR0rCgECIAMXHIsuqo4Kmbb8\n"
    "jlR74JWvdUH3LLw/umAAxxwBAJu3AiAW+QHWzoVWitFnqsOnUKBHdA9XnIQeSRmp\n"
    "fWSi+Nl9yg==\n"
    "-----END PRIVATE KEY-----\n";
constexpr std::string_view kX25519PrivatePem =
    "-----BEGIN PRIVATE KEY-----\n"
    "MC4CAQAwBQYDK2VuBCIEIFjZ1Qc++1U5NncuxNIJY0U0Lzqm4FPlOuOgTgaBnpVv\n"
    "-----END PRIVATE KEY-----\n";
constexpr std::string_view kEncryptedEd25519Pem =  // passphrase "secret"
    "-----BEGIN ENCRYPTED PRIVATE KEY-----\n"
    "MIGbMFcGCSqGSIb3DQEFDTBKMCkGCSqGSIb3DQEFDDAcBAjzKEqB9LsOfAICCAAw\n"
    "DAYIKoZIhvcNAgkFADAdBglghkgBZQMEAQIEEOrwATdqWC9w//0g2WE7kkAEQIES\n"
    "QckQCQd+cslFzNMCVKYO0GUSkfLXwBj3akzWudOJZIybwRTjgjQ/X25iPrAZApQy\n"
    "NEEuaSLMlM3gOEmUr9M=\n"
    "-----END ENCRYPTED PRIVATE KEY-----\n";
constexpr std::string_view kEcP256PublicPem =
    "-----BEGIN PUBLIC KEY-----\n"
    "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEsqfbUZ8LTzaat+JAiuK8xDqoiL17\n"
    "4YRA2XhILrNsqspTOM1XU0IaT3PnswOw5CCYsePr6uyBx7d4XzPol2Omyw==\n"
    "-----END PUBLIC KEY-----\n";
constexpr std::string_view kEd448PublicPem =
    "-----BEGIN PUBLIC KEY-----\n"
    "MEMwBQYDK2VxAzoA89HYXOO7ooxw4rEQnIMED11wbNtI/+1VoVF+GvadGwl1PH9x\n"
    "WKxzAuaSbatFFq/c8IQpDzkmzjIA\n"
    "-----END PUBLIC KEY-----\n";

// Well-framed PEM around DER that is cut short: OpenSSL queues several errors.
constexpr std::string_view kBadDerPem =
    "-----BEGIN PRIVATE KEY-----\nMAMCAQA=\n-----END PRIVATE KEY-----\n";
constexpr std::string_view kTruncatedPublicPem =
    "-----BEGIN PUBLIC KEY-----\n"
    "MCowBQYDK2VwAyEA11qYAYKxCrfVS/7TyWQHOg7hcvPapiMlrwIaaPcHUR==\n"
    "-----END PUBLIC KEY-----\n";

SigningKey KeyFromSeed(std::string_view seed_hex) {
  auto key = SigningKey::FromSeed(FromHex<32>(seed_hex));
  EXPECT_TRUE(key.ok()) << key.status().ToString();
  return std::move(key).value();
}

std::vector<uint8_t> Bytes(std::string_view s) { return {s.begin(), s.end()}; }

TEST(Ed25519Test, SeedGivesTheRfc8032PublicKeyAndSignatures) {
  SigningKey key1 = KeyFromSeed(kRfcSeed1);
  EXPECT_EQ(Hex(key1.Public().raw()), kRfcPublic1);
  EXPECT_EQ(Hex(key1.Sign({})), kRfcSignature1);
  SigningKey key2 = KeyFromSeed(kRfcSeed2);
  EXPECT_EQ(Hex(key2.Sign(std::vector<uint8_t>{0x72})), kRfcSignature2);
}

TEST(Ed25519Test, VerifyAcceptsTheRfcSignature) {
  PublicKey pub = PublicKey::FromRaw(FromHex<32>(kRfcPublic1));
  EXPECT_TRUE(pub.Verify({}, FromHex<64>(kRfcSignature1)));
}

TEST(Ed25519Test, VerifyRejectsAnAlteredMessageSignatureOrKey) {
  SigningKey key = KeyFromSeed(kRfcSeed1);
  std::vector<uint8_t> msg = Bytes("a voucher body");
  auto sig = key.Sign(msg);
  ASSERT_TRUE(key.Public().Verify(msg, sig));

  std::vector<uint8_t> other_msg = msg;
  other_msg.back() ^= 1;
  EXPECT_FALSE(key.Public().Verify(other_msg, sig));
  auto other_sig = sig;
  other_sig[10] ^= 0x80;
  EXPECT_FALSE(key.Public().Verify(msg, other_sig));
  EXPECT_FALSE(KeyFromSeed(kRfcSeed2).Public().Verify(msg, sig));
}

TEST(Ed25519Test, GeneratedKeysDifferAndSignVerifiably) {
  auto a = SigningKey::Generate();
  auto b = SigningKey::Generate();
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_NE(a->Public(), b->Public());
  std::vector<uint8_t> msg = Bytes("hello");
  EXPECT_TRUE(a->Public().Verify(msg, a->Sign(msg)));
  EXPECT_FALSE(b->Public().Verify(msg, a->Sign(msg)));
}

TEST(Ed25519Test, SigningIsDeterministic) {
  SigningKey key = KeyFromSeed(kRfcSeed2);
  std::vector<uint8_t> msg = Bytes("same input");
  EXPECT_EQ(key.Sign(msg), key.Sign(msg));
}

TEST(Ed25519Test, PemForms) {
  SigningKey key = KeyFromSeed(kRfcSeed1);
  std::string priv = key.PrivatePem();
  std::string pub = key.Public().Pem();
  EXPECT_TRUE(priv.starts_with("-----BEGIN PRIVATE KEY-----\n")) << priv;  // PKCS#8
  EXPECT_TRUE(pub.starts_with("-----BEGIN PUBLIC KEY-----\n")) << pub;     // SubjectPublicKeyInfo

  auto reread = SigningKey::FromPem(priv);
  ASSERT_TRUE(reread.ok()) << reread.status().ToString();
  EXPECT_EQ(reread->Public(), key.Public());
  auto reread_pub = PublicKey::FromPem(pub);
  ASSERT_TRUE(reread_pub.ok()) << reread_pub.status().ToString();
  EXPECT_EQ(*reread_pub, key.Public());
}

void ExpectBadKey(const base::Status& status) {
  EXPECT_EQ(status.reason(), "bad_key") << status.ToString();
  EXPECT_EQ(status.code(), base::Code::kInvalidArgument);
}

TEST(Ed25519Test, PrivateFromPemRefusesGarbageAndOtherKeyTypes) {
  ExpectBadKey(SigningKey::FromPem("").status());
  ExpectBadKey(SigningKey::FromPem("not a key at all").status());
  ExpectBadKey(SigningKey::FromPem(kBadDerPem).status());
  auto rsa = SigningKey::FromPem(kRsaPrivatePem);
  ExpectBadKey(rsa.status());
  EXPECT_NE(rsa.status().message().find("RSA"), std::string::npos) << rsa.status().message();
  ExpectBadKey(SigningKey::FromPem(kX25519PrivatePem).status());
  ExpectBadKey(SigningKey::FromPem(test::Vectors()[0].public_pem).status());
}

TEST(Ed25519Test, PrivateFromPemRefusesAnEncryptedKeyWithoutPrompting) {
  ExpectBadKey(SigningKey::FromPem(kEncryptedEd25519Pem).status());
}

TEST(Ed25519Test, PublicFromPemRefusesGarbageAndOtherKeyTypes) {
  ExpectBadKey(PublicKey::FromPem("garbage").status());
  ExpectBadKey(PublicKey::FromPem(kTruncatedPublicPem).status());
  ExpectBadKey(PublicKey::FromPem(kEcP256PublicPem).status());
  ExpectBadKey(PublicKey::FromPem(kEd448PublicPem).status());
  ExpectBadKey(PublicKey::FromPem(test::Vectors()[0].private_pem).status());
}

class Ed25519FileTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(dir_.ok()); }

  std::string Write(std::string_view name, std::string_view data, mode_t mode) {
    std::string path = dir_.File(name);
    base::Status s = base::WriteFileAtomic(path, data, mode, base::Overwrite::kYes);
    EXPECT_TRUE(s.ok()) << s.ToString();
    return path;
  }

  test::ScopedTempDir dir_;
};

TEST_F(Ed25519FileTest, PrivateKeyFileWithMode0600Loads) {
  const auto& v = test::Vectors()[1];
  auto key = SigningKey::FromPemFile(Write("signing.pem", v.private_pem, 0600));
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(key->Public().Pem(), v.public_pem);
}

TEST_F(Ed25519FileTest, PrivateKeyFileReadableByOthersIsRefused) {
  const auto& v = test::Vectors()[1];
  auto key = SigningKey::FromPemFile(Write("signing.pem", v.private_pem, 0644));
  ASSERT_FALSE(key.ok());
  EXPECT_EQ(key.status().reason(), "insecure_mode") << key.status().ToString();
  auto group = SigningKey::FromPemFile(Write("group.pem", v.private_pem, 0640));
  EXPECT_EQ(group.status().reason(), "insecure_mode") << group.status().ToString();
}

TEST_F(Ed25519FileTest, MissingPrivateKeyFileSaysSo) {
  auto key = SigningKey::FromPemFile(dir_.File("absent.pem"));
  EXPECT_EQ(key.status().reason(), "file_missing") << key.status().ToString();
}

TEST_F(Ed25519FileTest, BadKeyFileNamesThePath) {
  std::string path = Write("signing.pem", kRsaPrivatePem, 0600);
  auto key = SigningKey::FromPemFile(path);
  ExpectBadKey(key.status());
  EXPECT_NE(key.status().message().find(path), std::string::npos) << key.status().message();
}

TEST_F(Ed25519FileTest, PublicKeyFileLoads) {
  const auto& v = test::Vectors()[2];
  auto key = PublicKey::FromPemFile(Write("signing.pub", v.public_pem, 0644));
  ASSERT_TRUE(key.ok()) << key.status().ToString();
  EXPECT_EQ(key->Pem(), v.public_pem);
}

// What OpenSslError() reports when OpenSSL's queue for this thread is empty.
constexpr std::string_view kNothingQueued = "probe: no error recorded by OpenSSL";

TEST(Ed25519Test, FailuresLeaveNoStaleOpenSslErrorBehind) {
  // A stale entry in OpenSSL's per-thread queue would be blamed on the next,
  // unrelated failure; every failing path drains it. These inputs make
  // OpenSSL queue several errors each.
  EXPECT_FALSE(SigningKey::FromPem(kBadDerPem).ok());
  EXPECT_EQ(OpenSslError("probe").message(), kNothingQueued);
  EXPECT_FALSE(PublicKey::FromPem(kTruncatedPublicPem).ok());
  EXPECT_EQ(OpenSslError("probe").message(), kNothingQueued);
  EXPECT_FALSE(SigningKey::FromPem(kEncryptedEd25519Pem).ok());
  EXPECT_EQ(OpenSslError("probe").message(), kNothingQueued);
  EXPECT_FALSE(KeyFromSeed(kRfcSeed1).Public().Verify({}, FromHex<64>(kRfcSignature2)));
  EXPECT_EQ(OpenSslError("probe").message(), kNothingQueued);
}

TEST(Ed25519Test, OpenSslErrorNamesTheOperation) {
  base::Status s = OpenSslError("probe");
  EXPECT_EQ(s.reason(), "openssl");
  EXPECT_EQ(s.code(), base::Code::kInternal);
  EXPECT_EQ(s.message(), kNothingQueued);
}

}  // namespace
}  // namespace gb::voucher
