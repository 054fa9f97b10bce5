#include "drivers/usb/usb_device_info.h"

#include <gtest/gtest.h>

#include <string>
#include <utility>

namespace gb::usb {
namespace {

UsbDeviceInfo Device(UsbId id, std::string manufacturer = "", std::string product = "") {
  UsbDeviceInfo d;
  d.id = id;
  d.manufacturer = std::move(manufacturer);
  d.product = std::move(product);
  return d;
}

TEST(UsbSelectorTest, BareUsbMatchesAnything) {
  auto s = ParseSelector("usb");
  ASSERT_TRUE(s.ok());
  EXPECT_FALSE(s->id.has_value());
  EXPECT_TRUE(Matches(*s, Device({0x1234, 0x5678})));
}

TEST(UsbSelectorTest, VidPidIsHex) {
  auto s = ParseSelector("usb:04b8:0e15");
  ASSERT_TRUE(s.ok()) << s.status().ToString();
  ASSERT_TRUE(s->id.has_value());
  EXPECT_EQ(s->id->vid, 0x04b8);
  EXPECT_EQ(s->id->pid, 0x0e15);
  EXPECT_TRUE(Matches(*s, Device({0x04b8, 0x0e15})));
  EXPECT_FALSE(Matches(*s, Device({0x04b8, 0x0202})));
  auto upper = ParseSelector("usb:4B8:E15");
  ASSERT_TRUE(upper.ok());
  EXPECT_EQ(*upper->id, (UsbId{0x04b8, 0x0e15}));
}

TEST(UsbSelectorTest, RejectsMalformedSelectors) {
  for (const char* bad : {"", "usb:", "usb:04b8", "usb:04b8:", "usb:04b8:0e15:1", "usb:xyz:0001",
                          "usb:12345:0001", "file:/dev/usb/lp0", "USB"}) {
    SCOPED_TRACE(bad);
    auto s = ParseSelector(bad);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.status().reason(), "bad_selector");
    EXPECT_EQ(s.status().code(), base::Code::kInvalidArgument);
  }
}

TEST(UsbDeviceInfoTest, DescribeNamesIdAndStrings) {
  UsbDeviceInfo d = Device({0x04b8, 0x0e15}, "EPSON", "TM-T20");
  EXPECT_EQ(Describe(d), "usb 04b8:0e15 EPSON TM-T20");
  EXPECT_EQ(Describe(Device({0x0416, 0x5011})), "usb 0416:5011");
  EXPECT_EQ(ToString(UsbId{0xabcd, 0x0001}), "abcd:0001");
}

}  // namespace
}  // namespace gb::usb
