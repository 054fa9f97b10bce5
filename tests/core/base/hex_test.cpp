#include "core/base/hex.h"

#include <gtest/gtest.h>

namespace gb::base {
namespace {

TEST(HexTest, RoundTripsAndRefusesNonHex) {
  const std::vector<uint8_t> bytes{0x00, 0x1f, 0xab, 0xff};
  EXPECT_EQ(ToHex(bytes), "001fabff");
  EXPECT_EQ(FromHex("001FabFF").value(), bytes);
  EXPECT_TRUE(FromHex("").value().empty());
  EXPECT_EQ(FromHex("abc").status().reason(), "bad_hex");
  EXPECT_EQ(FromHex("zz").status().reason(), "bad_hex");
  EXPECT_EQ(FromHex("0g").status().message(), "character 1 of the hex text is not a hex digit");
}

}  // namespace
}  // namespace gb::base
