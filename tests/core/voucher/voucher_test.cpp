#include "core/voucher/voucher.h"

#include <gtest/gtest.h>

#include "tests/core/voucher/test_support.h"

namespace gb::voucher {
namespace {

using test::Hex;

// Every field holds distinct bytes, so a swapped field or a little-endian
// write shows up as a wrong position in the hex.
Body DistinctBody() {
  return Body{.version = 1,
              .key_id = 0x02030405,
              .deal_id = 0x06070809,
              .serial = 0x0A0B0C0D0E0F1011,
              .issued_at = 0x12131415,
              .price_minor = 0x16171819,
              .terms_hash = {0x1A, 0x1B, 0x1C, 0x1D, 0x1E, 0x1F, 0x20, 0x21},
              .flags = 0x22};
}

TEST(VoucherBodyTest, EncodesBigEndianInTheDocumentedOrder) {
  EXPECT_EQ(Hex(EncodeBody(DistinctBody())),
            "01"                // 0  version
            "02030405"          // 1  key_id
            "06070809"          // 5  deal_id
            "0a0b0c0d0e0f1011"  // 9  serial
            "12131415"          // 17 issued_at
            "16171819"          // 21 price_minor
            "1a1b1c1d1e1f2021"  // 25 terms_hash
            "22");              // 33 flags
}

TEST(VoucherBodyTest, DecodeInvertsEncode) {
  Body body = DistinctBody();
  EXPECT_EQ(DecodeBody(EncodeBody(body)), body);
  for (const auto& v : test::Vectors()) EXPECT_EQ(DecodeBody(EncodeBody(v.body)), v.body) << v.name;
}

TEST(VoucherBodyTest, DocumentedVectorsEncodeToTheirBodyHex) {
  for (const auto& v : test::Vectors()) EXPECT_EQ(Hex(EncodeBody(v.body)), v.body_hex) << v.name;
}

TEST(VoucherBodyTest, OfflineIsBitZeroOfFlags) {
  Body body;
  EXPECT_FALSE(body.offline());
  body.flags = kFlagOffline;
  EXPECT_TRUE(body.offline());
  body.flags = 0xFE;  // every bit but bit 0
  EXPECT_FALSE(body.offline());
}

TEST(VoucherBodyTest, DefaultsToTheCurrentVersion) {
  EXPECT_EQ(Body{}.version, kVersion);
  EXPECT_EQ(EncodeBody(Body{})[0], 1);
}

TEST(VoucherBodyTest, SizesMatchTheQrBudget) {
  EXPECT_EQ(kVoucherSize, 98u);
  EXPECT_EQ(kTextSize, 151u);  // version 6 QR code, level M, alphanumeric mode
}

}  // namespace
}  // namespace gb::voucher
