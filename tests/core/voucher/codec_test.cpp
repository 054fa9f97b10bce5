#include "core/voucher/codec.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <set>
#include <string>
#include <vector>

#include "core/voucher/base45.h"
#include "tests/core/voucher/test_support.h"

namespace gb::voucher {
namespace {

using test::FromHex;

SigningKey KeyOf(const test::Vector& v) {
  auto key = SigningKey::FromSeed(FromHex<32>(v.seed_hex));
  EXPECT_TRUE(key.ok()) << key.status().ToString();
  return std::move(key).value();
}

// A ring trusting all three documented keys under the key ids their vectors use.
KeyRing VectorRing() {
  KeyRing ring;
  for (const auto& v : test::Vectors()) ring.Add(v.body.key_id, KeyOf(v).Public());
  return ring;
}

std::array<uint8_t, kVoucherSize> Decode98(std::string_view text) {
  auto bytes = Base45Decode(text.substr(kPrefix.size()));
  EXPECT_TRUE(bytes.ok() && bytes->size() == kVoucherSize) << text;
  std::array<uint8_t, kVoucherSize> out{};
  if (bytes.ok()) std::copy_n(bytes->begin(), std::min(bytes->size(), out.size()), out.begin());
  return out;
}

std::string Encode(std::span<const uint8_t> bytes) {
  return std::string(kPrefix) + Base45Encode(bytes);
}

// A voucher whose signature is genuine but whose body Issue() would refuse.
std::string SignRaw(const Body& body, const SigningKey& key) {
  auto bytes = EncodeBody(body);
  auto sig = key.Sign(bytes);
  std::vector<uint8_t> all(bytes.begin(), bytes.end());
  all.insert(all.end(), sig.begin(), sig.end());
  return Encode(all);
}

void ExpectReason(const base::Result<Voucher>& result, std::string_view reason,
                  std::string_view in_message = "") {
  ASSERT_FALSE(result.ok()) << "accepted, expected " << reason;
  EXPECT_EQ(result.status().reason(), reason) << result.status().ToString();
  EXPECT_NE(result.status().message().find(in_message), std::string::npos)
      << "message \"" << result.status().message() << "\" should contain \"" << in_message << "\"";
}

TEST(CodecTest, DocumentedVectorsAreReproducedExactly) {
  for (const auto& v : test::Vectors()) {
    SCOPED_TRACE(v.name);
    SigningKey key = KeyOf(v);
    EXPECT_EQ(key.PrivatePem(), v.private_pem);
    EXPECT_EQ(key.Public().Pem(), v.public_pem);
    EXPECT_EQ(Issue(v.body, key), v.text);
    // Sign + Encode is the same path, split so callers can keep the signature.
    Voucher signed_voucher = Sign(v.body, key);
    EXPECT_EQ(Encode(signed_voucher), v.text);
    auto parsed = Parse(v.text);
    ASSERT_TRUE(parsed.ok());
    EXPECT_EQ(parsed->body, signed_voucher.body);
    EXPECT_EQ(parsed->signature, signed_voucher.signature);
  }
}

TEST(CodecTest, DocumentedVectorsParseToTheirFieldsAndVerify) {
  KeyRing ring = VectorRing();
  for (const auto& v : test::Vectors()) {
    SCOPED_TRACE(v.name);
    auto parsed = Parse(v.text);
    ASSERT_TRUE(parsed.ok()) << parsed.status().ToString();
    EXPECT_EQ(parsed->body, v.body);
    auto verified = Verify(v.text, ring);
    ASSERT_TRUE(verified.ok()) << verified.status().ToString();
    EXPECT_EQ(verified->body, v.body);
    EXPECT_EQ(verified->signature, parsed->signature);
  }
}

TEST(CodecTest, IssuedVoucherRoundTripsWithAGeneratedKey) {
  auto key = SigningKey::Generate();
  ASSERT_TRUE(key.ok());
  KeyRing ring;
  ring.Add(99, key->Public());
  Body body{.key_id = 99,
            .deal_id = 5,
            .serial = 123456789,
            .issued_at = 1767000000,
            .price_minor = 1999,
            .terms_hash = {1, 2, 3, 4, 5, 6, 7, 8},
            .flags = kFlagOffline};
  auto verified = Verify(Issue(body, *key), ring);
  ASSERT_TRUE(verified.ok()) << verified.status().ToString();
  EXPECT_EQ(verified->body, body);
  EXPECT_TRUE(key->Public().Verify(EncodeBody(body), verified->signature));
}

TEST(CodecTest, VoucherTextIs151QrAlphanumericCharacters) {
  // QR alphanumeric mode: 0-9, A-Z, space and $%*+-./: (ISO/IEC 18004, table 5).
  const std::string_view qr_alphanumeric = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
  for (const auto& v : test::Vectors()) {
    std::string text = Issue(v.body, KeyOf(v));
    EXPECT_EQ(text.size(), 151u) << v.name;
    EXPECT_EQ(text.find_first_not_of(qr_alphanumeric), std::string::npos) << text;
  }
}

TEST(CodecTest, FlippingAnyOneBitOfTheDecodedBytesFailsVerification) {
  KeyRing ring = VectorRing();
  const auto& v = test::Vectors()[1];
  const std::array<uint8_t, kVoucherSize> good = Decode98(v.text);
  ASSERT_TRUE(Verify(Encode(good), ring).ok());
  const std::set<std::string> expected = {"unknown_version", "unknown_key", "bad_signature"};
  for (size_t bit = 0; bit < kVoucherSize * 8; ++bit) {
    auto bad = good;
    bad[bit / 8] = static_cast<uint8_t>(bad[bit / 8] ^ (1u << (bit % 8)));
    auto result = Verify(Encode(bad), ring);
    ASSERT_FALSE(result.ok()) << "flipping bit " << bit << " went unnoticed";
    EXPECT_TRUE(expected.contains(result.status().reason())) << result.status().ToString();
  }
}

TEST(CodecTest, MissingOrWrongPrefixIsBadPrefix) {
  const std::string body = std::string(test::Vectors()[0].text.substr(kPrefix.size()));
  ExpectReason(Parse(""), "bad_prefix", "empty");
  ExpectReason(Parse(body), "bad_prefix", "\"V500\"");
  ExpectReason(Parse("GB2:" + body), "bad_prefix", "\"GB2:\"");
  ExpectReason(Parse("gb1:" + body), "bad_prefix");
  ExpectReason(Parse(" GB1:" + body), "bad_prefix");
  ExpectReason(Parse("\x01GB1"), "bad_prefix", "\\x01GB1");
}

TEST(CodecTest, CharacterOutsideBase45IsBadBase45AtItsPosition) {
  std::string text(test::Vectors()[0].text);
  text[10] = 'a';
  ExpectReason(Parse(text), "bad_base45", "character 'a' at position 6");
  ExpectReason(Parse(text), "bad_base45", "after the \"GB1:\" prefix");
}

TEST(CodecTest, ScannerLineEndIsBadBase45) {
  ExpectReason(Parse(std::string(test::Vectors()[0].text) + "\r"), "bad_base45",
               "byte 0x0D at position 147");
}

TEST(CodecTest, DanglingCharacterIsBadBase45) {
  ExpectReason(Parse(std::string(test::Vectors()[0].text) + "0"), "bad_base45", "length 148");
}

TEST(CodecTest, TripleOver65535IsBadBase45Triple) {
  std::string text(test::Vectors()[0].text);
  text.replace(kPrefix.size(), 3, "GGW");
  ExpectReason(Parse(text), "bad_base45_triple", "65536");
}

TEST(CodecTest, OtherDecodedLengthsAreWrongLengthAndSaySo) {
  const auto good = Decode98(test::Vectors()[0].text);
  ExpectReason(Parse("GB1:"), "wrong_length", "decodes to 0 bytes");
  ExpectReason(Parse(Encode(std::span(good).first(97))), "wrong_length", "decodes to 97 bytes");
  std::vector<uint8_t> longer(good.begin(), good.end());
  longer.push_back(0);
  ExpectReason(Parse(Encode(longer)), "wrong_length", "decodes to 99 bytes");
}

TEST(CodecTest, OtherVersionIsUnknownVersionEvenWhenSigned) {
  const auto& v = test::Vectors()[0];
  Body body = v.body;
  body.version = 2;
  ExpectReason(Parse(SignRaw(body, KeyOf(v))), "unknown_version", "version 2");
  body.version = 0;
  ExpectReason(Verify(SignRaw(body, KeyOf(v)), VectorRing()), "unknown_version", "version 0");
}

TEST(CodecTest, ChecksAreMadeInTheDocumentedOrder) {
  // Each text has two faults; the one checked first is the one reported.
  const auto good = Decode98(test::Vectors()[0].text);
  ExpectReason(Parse("GB1:" + Base45Encode(std::span(good).first(96)) + "a"), "bad_base45",
               "character 'a'");
  ExpectReason(Parse("GB1:GGWa00"), "bad_base45", "character 'a'");
  ExpectReason(Parse("GB1:GGW" + Base45Encode(std::span(good).first(10))), "bad_base45_triple");
  auto wrong_version = good;
  wrong_version[0] = 9;
  ExpectReason(Parse(Encode(std::span(wrong_version).first(97))), "wrong_length");
  ExpectReason(Verify(Encode(wrong_version), KeyRing()), "unknown_version");
}

TEST(CodecTest, VerifyRefusesAnUnknownKey) {
  ExpectReason(Verify(test::Vectors()[0].text, KeyRing()), "unknown_key", "key id 1");
}

TEST(CodecTest, VerifyHonoursRevocationByIssueTime) {
  const auto& v = test::Vectors()[1];  // issued_at 1767100000
  KeyRing ring = VectorRing();
  ring.Revoke(v.body.key_id, v.body.issued_at + 1);
  EXPECT_TRUE(Verify(v.text, ring).ok()) << "issued before the revocation: still valid";
  ring.Revoke(v.body.key_id, v.body.issued_at);
  ExpectReason(Verify(v.text, ring), "revoked_key", "key id 7");
}

TEST(CodecTest, VerifyRefusesASignatureByAnotherKey) {
  const auto& v = test::Vectors()[0];
  KeyRing ring;
  ring.Add(v.body.key_id, KeyOf(test::Vectors()[1]).Public());
  ExpectReason(Verify(v.text, ring), "bad_signature", "key id 1");
}

}  // namespace
}  // namespace gb::voucher
