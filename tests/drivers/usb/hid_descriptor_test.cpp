#include "drivers/usb/hid_descriptor.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

namespace gb::usb {
namespace {

TEST(HidDescriptorTest, FindsTwoByteUsagePage) {
  // Usage Page (0x8C), Usage (2), Collection (Application) ... End Collection.
  std::vector<std::uint8_t> d = {0x06, 0x8C, 0x00, 0x09, 0x02, 0xA1, 0x01, 0xC0};
  EXPECT_TRUE(ReportDescriptorUsesPage(d, kHidUsagePageBarCodeScanner));
  EXPECT_FALSE(ReportDescriptorUsesPage(d, 0x01));
}

TEST(HidDescriptorTest, KeyboardIsNotAScanner) {
  std::vector<std::uint8_t> d = {0x05, 0x01, 0x09, 0x06, 0xA1, 0x01, 0x05, 0x07,
                                 0x19, 0xE0, 0x29, 0xE7, 0x81, 0x02, 0xC0};
  EXPECT_TRUE(ReportDescriptorUsesPage(d, 0x01));
  EXPECT_TRUE(ReportDescriptorUsesPage(d, 0x07));
  EXPECT_FALSE(ReportDescriptorUsesPage(d, kHidUsagePageBarCodeScanner));
}

TEST(HidDescriptorTest, ExtendedUsageCarriesItsPage) {
  // Usage Page (Generic Desktop), then Usage 0x008C0002 (4 bytes, little-endian).
  std::vector<std::uint8_t> d = {0x05, 0x01, 0x0B, 0x02, 0x00, 0x8C, 0x00};
  EXPECT_TRUE(ReportDescriptorUsesPage(d, kHidUsagePageBarCodeScanner));
}

TEST(HidDescriptorTest, DataBytesThatLookLikeAPageDoNotCount) {
  // Logical Maximum (0x068C: bytes 0x8C 0x06): 0x8C is data, not a page.
  std::vector<std::uint8_t> d = {0x26, 0x8C, 0x06, 0x05, 0x01};
  EXPECT_FALSE(ReportDescriptorUsesPage(d, kHidUsagePageBarCodeScanner));
}

TEST(HidDescriptorTest, SkipsLongItems) {
  // A long item (0xFE, 2 data bytes, tag 0x10) whose data hides 0x05 0x8C.
  std::vector<std::uint8_t> d = {0xFE, 0x02, 0x10, 0x05, 0x8C, 0x05, 0x01};
  EXPECT_FALSE(ReportDescriptorUsesPage(d, kHidUsagePageBarCodeScanner));
  d.insert(d.end(), {0x06, 0x8C, 0x00});
  EXPECT_TRUE(ReportDescriptorUsesPage(d, kHidUsagePageBarCodeScanner));
}

TEST(HidDescriptorTest, TruncatedItemEndsTheWalk) {
  EXPECT_FALSE(
      ReportDescriptorUsesPage(std::vector<std::uint8_t>{0x06, 0x8C}, kHidUsagePageBarCodeScanner));
  EXPECT_FALSE(ReportDescriptorUsesPage(std::vector<std::uint8_t>{}, kHidUsagePageBarCodeScanner));
  EXPECT_FALSE(
      ReportDescriptorUsesPage(std::vector<std::uint8_t>{0xFE}, kHidUsagePageBarCodeScanner));
}

}  // namespace
}  // namespace gb::usb
