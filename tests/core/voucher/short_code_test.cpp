#include "core/voucher/short_code.h"

#include <gtest/gtest.h>

#include <string>

#include "core/voucher/codec.h"
#include "tests/core/voucher/test_support.h"

namespace gb::voucher {
namespace {

Voucher VoucherOf(const test::Vector& v) {
  auto parsed = Parse(v.text);
  EXPECT_TRUE(parsed.ok()) << parsed.status().ToString();
  return parsed.ok() ? *parsed : Voucher{};
}

void ExpectReason(std::string_view code, std::string_view reason) {
  auto parts = ParseShortCode(code);
  ASSERT_FALSE(parts.ok()) << "accepted \"" << code << "\"";
  EXPECT_EQ(parts.status().reason(), reason) << "\"" << code << "\": " << parts.status().ToString();
}

TEST(DammTest, MatchesThePublishedExample) {
  EXPECT_EQ(DammCheckDigit("572"), '4');  // Damm (2004); also Wikipedia's worked example
  EXPECT_EQ(DammCheckDigit(""), '0');
}

TEST(ShortCodeTest, DocumentedVectorsGiveTheirShortCodes) {
  for (const auto& v : test::Vectors()) EXPECT_EQ(ShortCode(VoucherOf(v)), v.short_code) << v.name;
}

TEST(ShortCodeTest, AuthDigitsAreTheFirstSignatureBytesModulo10000) {
  Voucher voucher;
  voucher.body.key_id = 3;
  voucher.body.serial = 0;
  voucher.signature[0] = 0x00;
  voucher.signature[1] = 0x2A;  // 42, zero-padded to 0042
  std::string code = ShortCode(voucher);
  EXPECT_TRUE(code.starts_with("3-0-0042")) << code;
  voucher.signature[0] = 0xFF;
  voucher.signature[1] = 0xFF;  // 65535 % 10000 = 5535
  code = ShortCode(voucher);
  EXPECT_TRUE(code.starts_with("3-0-5535")) << code;
}

TEST(ShortCodeTest, RoundTripsAndMatchesItsVoucher) {
  for (const auto& v : test::Vectors()) {
    Voucher voucher = VoucherOf(v);
    auto parts = ParseShortCode(ShortCode(voucher));
    ASSERT_TRUE(parts.ok()) << parts.status().ToString();
    EXPECT_EQ(parts->key_id, v.body.key_id);
    EXPECT_EQ(parts->serial, v.body.serial);
    EXPECT_TRUE(MatchesShortCode(voucher, *parts)) << v.name;
  }
}

TEST(ShortCodeTest, DoesNotMatchAnotherVoucher) {
  Voucher voucher = VoucherOf(test::Vectors()[1]);
  auto parts = ParseShortCode(test::Vectors()[1].short_code);
  ASSERT_TRUE(parts.ok());
  Voucher other = voucher;
  other.body.serial += 1;
  EXPECT_FALSE(MatchesShortCode(other, *parts));
  other = voucher;
  other.body.key_id += 1;
  EXPECT_FALSE(MatchesShortCode(other, *parts));
  other = voucher;
  other.signature[1] = static_cast<uint8_t>(other.signature[1] + 1);
  EXPECT_FALSE(MatchesShortCode(other, *parts));
}

TEST(ShortCodeTest, ToleratesSpaces) {
  auto parts = ParseShortCode(" 7 - 1000 - 5919 8 ");
  ASSERT_TRUE(parts.ok()) << parts.status().ToString();
  EXPECT_TRUE(MatchesShortCode(VoucherOf(test::Vectors()[1]), *parts));
}

TEST(ShortCodeTest, CatchesEverySingleDigitSubstitution) {
  for (const auto& v : test::Vectors()) {
    const std::string good(v.short_code);
    for (size_t i = 0; i < good.size(); ++i) {
      if (good[i] == '-') continue;
      for (char d = '0'; d <= '9'; ++d) {
        if (d == good[i]) continue;
        std::string typo = good;
        typo[i] = d;
        EXPECT_FALSE(ParseShortCode(typo).ok()) << typo << " (from " << good << ") was accepted";
      }
    }
  }
}

TEST(ShortCodeTest, CatchesEveryAdjacentTransposition) {
  for (const auto& v : test::Vectors()) {
    const std::string good(v.short_code);
    // Neighbouring digits, also across a hyphen ("12-34": 2 and 3 are neighbours).
    std::vector<size_t> digits;
    for (size_t i = 0; i < good.size(); ++i) {
      if (good[i] != '-') digits.push_back(i);
    }
    int swaps = 0;
    for (size_t k = 0; k + 1 < digits.size(); ++k) {
      std::string typo = good;
      std::swap(typo[digits[k]], typo[digits[k + 1]]);
      if (typo == good) continue;  // two equal digits: no error to catch
      ++swaps;
      auto parts = ParseShortCode(typo);
      EXPECT_FALSE(parts.ok()) << typo << " (from " << good << ") was accepted";
    }
    EXPECT_GT(swaps, 0) << good;
  }
}

TEST(ShortCodeTest, ReportsAFailedCheckDigitAsShortCodeCheck) {
  ExpectReason("7-1000-59190", "short_code_check");
  ExpectReason("7-1001-59198", "short_code_check");
  ExpectReason("7-1000-95198", "short_code_check");
}

TEST(ShortCodeTest, RefusesMalformedShapesAsBadShortCode) {
  ExpectReason("", "bad_short_code");
  ExpectReason("   ", "bad_short_code");
  ExpectReason("7-1000", "bad_short_code");
  ExpectReason("7-1000-59198-1", "bad_short_code");
  ExpectReason("7--59198", "bad_short_code");
  ExpectReason("-1000-59198", "bad_short_code");
  ExpectReason("7-1000-", "bad_short_code");
  ExpectReason("7-1000-5919", "bad_short_code");    // 4 digits in the last group
  ExpectReason("7-1000-591980", "bad_short_code");  // 6
  ExpectReason("7-1000-5919A", "bad_short_code");
  ExpectReason("7_1000_59198", "bad_short_code");
  ExpectReason("07-1000-59198", "bad_short_code");  // leading zero
  ExpectReason("7-01000-59198", "bad_short_code");
  ExpectReason("4294967296-1-00000", "bad_short_code");  // key id over 32 bits
  ExpectReason("1-18446744073709551616-00000", "bad_short_code");
  ExpectReason("1-1-0196\xD9", "bad_short_code");
}

TEST(ShortCodeTest, ShapeErrorsNameTheProblem) {
  auto parts = ParseShortCode("4294967296-1-00000");
  EXPECT_NE(parts.status().message().find("larger than 4294967295"), std::string::npos)
      << parts.status().message();
  parts = ParseShortCode("7-1000");
  EXPECT_NE(parts.status().message().find("three groups"), std::string::npos)
      << parts.status().message();
}

}  // namespace
}  // namespace gb::voucher
