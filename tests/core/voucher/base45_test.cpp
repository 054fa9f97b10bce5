#include "core/voucher/base45.h"

#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

namespace gb::voucher {
namespace {

std::vector<uint8_t> Bytes(std::string_view s) { return {s.begin(), s.end()}; }

std::string DecodeToString(std::string_view text) {
  auto decoded = Base45Decode(text);
  EXPECT_TRUE(decoded.ok()) << decoded.status().ToString();
  if (!decoded.ok()) return "<error>";
  return std::string(decoded->begin(), decoded->end());
}

// RFC 9285, section 4.
TEST(Base45Test, EncodesTheRfcExamples) {
  EXPECT_EQ(Base45Encode(Bytes("AB")), "BB8");
  EXPECT_EQ(Base45Encode(Bytes("Hello!!")), "%69 VD92EX0");
  EXPECT_EQ(Base45Encode(Bytes("base-45")), "UJCLQE7W581");
  EXPECT_EQ(Base45Encode(Bytes("ietf!")), "QED8WEX0");
}

TEST(Base45Test, DecodesTheRfcExamples) {
  EXPECT_EQ(DecodeToString("QED8WEX0"), "ietf!");
  EXPECT_EQ(DecodeToString("BB8"), "AB");
  EXPECT_EQ(DecodeToString("%69 VD92EX0"), "Hello!!");
  EXPECT_EQ(DecodeToString("UJCLQE7W581"), "base-45");
}

TEST(Base45Test, EmptyInputEncodesAndDecodesToEmpty) {
  EXPECT_EQ(Base45Encode({}), "");
  EXPECT_EQ(DecodeToString(""), "");
}

TEST(Base45Test, ExtremeValuesUseTheWholeRange) {
  EXPECT_EQ(Base45Encode(std::vector<uint8_t>{0xFF, 0xFF}), "FGW");  // 65535 = 15 + 16*45 + 32*45^2
  EXPECT_EQ(Base45Encode(std::vector<uint8_t>{0xFF}), "U5");
  EXPECT_EQ(Base45Encode(std::vector<uint8_t>{0x00, 0x00, 0x00}), "00000");
}

TEST(Base45Test, RandomBytesOfEveryLengthUpTo200RoundTrip) {
  std::mt19937 rng(9285);
  std::uniform_int_distribution<int> byte(0, 255);
  for (size_t len = 0; len <= 200; ++len) {
    std::vector<uint8_t> data(len);
    for (auto& b : data) b = static_cast<uint8_t>(byte(rng));
    std::string text = Base45Encode(data);
    EXPECT_EQ(text.size(), len / 2 * 3 + len % 2 * 2);
    auto decoded = Base45Decode(text);
    ASSERT_TRUE(decoded.ok()) << "length " << len << ": " << decoded.status().ToString();
    EXPECT_EQ(*decoded, data) << "length " << len;
  }
}

void ExpectRejected(std::string_view text, std::string_view reason, std::string_view in_message) {
  auto decoded = Base45Decode(text);
  ASSERT_FALSE(decoded.ok()) << "accepted \"" << text << "\"";
  EXPECT_EQ(decoded.status().reason(), reason) << decoded.status().ToString();
  EXPECT_NE(decoded.status().message().find(in_message), std::string::npos)
      << "message \"" << decoded.status().message() << "\" should contain \"" << in_message << "\"";
}

TEST(Base45Test, RejectsACharacterOutsideTheAlphabetNamingItAndItsPosition) {
  ExpectRejected("BB8QED8W@X0", "bad_base45", "character '@' at position 8");
}

TEST(Base45Test, RejectsLowerCaseWithAHint) {
  ExpectRejected("qED8WEX0", "bad_base45", "character 'q' at position 0");
  ExpectRejected("qED8WEX0", "bad_base45", "upper-case");
}

TEST(Base45Test, RejectsControlAndNonAsciiBytesShownAsHex) {
  ExpectRejected("BB8\n", "bad_base45", "byte 0x0A at position 3");
  ExpectRejected("BB\xC3\xA9", "bad_base45", "byte 0xC3 at position 2");
  ExpectRejected(std::string_view("BB\0", 3), "bad_base45", "byte 0x00 at position 2");
}

TEST(Base45Test, RejectsADanglingSingleCharacter) {
  ExpectRejected("B", "bad_base45", "length 1");
  ExpectRejected("BB8B", "bad_base45", "length 4");
}

TEST(Base45Test, ChecksCharactersBeforeLength) {
  ExpectRejected("BB8@", "bad_base45", "character '@' at position 3");
}

TEST(Base45Test, RejectsATripleOver65535) {
  // "GGW" = 16 + 16*45 + 32*2025 = 65536, one more than the largest 16-bit value.
  ExpectRejected("BB8GGW", "bad_base45_triple", "\"GGW\" at position 3");
  ExpectRejected(":::", "bad_base45_triple", "91124");
}

TEST(Base45Test, RejectsAFinalPairOver255) {
  // "V5" = 31 + 5*45 = 256.
  ExpectRejected("BB8V5", "bad_base45_triple", "pair \"V5\" at position 3");
  EXPECT_TRUE(Base45Decode("BB8U5").ok());  // 255, the largest single byte
}

TEST(Base45Test, EveryValidTripleAndPairRoundTrips) {
  for (unsigned n = 0; n <= 0xFFFF; ++n) {
    std::vector<uint8_t> two = {static_cast<uint8_t>(n >> 8), static_cast<uint8_t>(n)};
    auto decoded = Base45Decode(Base45Encode(two));
    ASSERT_TRUE(decoded.ok() && *decoded == two) << n;
  }
}

}  // namespace
}  // namespace gb::voucher
