#include "drivers/usb/usb_scan_source.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

#include "tests/drivers/scanner/hid_descriptors.h"
#include "tests/drivers/usb/event_log.h"
#include "tests/drivers/usb/usb_testbed.h"

namespace gb::usb {
namespace {

using namespace std::chrono_literals;
using testing::EventLog;
using testing::MockUsbDevice;
using testing::UsbDeviceSpec;
using testing::UsbTestbed;

constexpr UsbId kScanner{0x0c2e, 0x0b61};
constexpr std::uint8_t kIn = 0x81;

// One 64-byte Scanned Data Report in the layout of kHoneywellLike.
std::vector<uint8_t> PosReport(std::string_view data, bool continued) {
  std::vector<uint8_t> r(64, 0);
  r[0] = 0x02;
  r[1] = static_cast<uint8_t>(data.size());
  r[2] = ']';
  r[3] = 'Q';
  r[4] = '1';
  for (size_t i = 0; i < data.size(); ++i) r[5 + i] = static_cast<uint8_t>(data[i]);
  r[63] = continued ? 1 : 0;
  return r;
}

// A boot-keyboard report holding one key (usage) with or without shift.
std::vector<uint8_t> Key(uint8_t usage, bool shift = false) {
  return {static_cast<uint8_t>(shift ? 0x02 : 0x00), 0, usage, 0, 0, 0, 0, 0};
}
const std::vector<uint8_t> kKeyUp(8, 0);

// A HID POS scanner whose 64-byte reports fill a full-speed interrupt packet.
UsbDeviceSpec PosScanner() {
  UsbDeviceSpec spec = UsbDeviceSpec::HidScanner(kScanner, "Xenon 1900", true, 2);
  spec.hid_report_descriptor = scanner::testing::kHoneywellLike;
  spec.report_descriptor_in_sysfs = true;
  spec.endpoints = {{kIn, 3, 64, 1}};
  return spec;
}

class UsbScanSourceTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(bed_.mocked()) << "run under libumockdev-preload"; }

  std::unique_ptr<UsbScanSource> Open(UsbDeviceSpec spec, std::span<const UsbId> configured = {}) {
    device_ = &bed_.Add(std::move(spec));
    auto ctx = UsbContext::Create();
    EXPECT_TRUE(ctx.ok());
    auto s = UsbScanSource::Open(
        *ctx, "usb", [this](const std::string& t) { scans_.Add(t); },
        [this](const base::Status& st) { errors_.Add(st.reason()); }, configured);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(*s) : nullptr;
  }

  UsbTestbed bed_;
  MockUsbDevice* device_ = nullptr;
  EventLog<std::string> scans_;
  EventLog<std::string> errors_;
};

TEST_F(UsbScanSourceTest, HidPosReportsBecomeOneScanEvenAcrossReports) {
  auto s = Open(PosScanner());
  ASSERT_TRUE(s);
  EXPECT_EQ(s->mode(), "hid-pos");
  const std::string voucher = "GB1:" + std::string(147, 'A');  // longer than one report
  device_->QueueIn(kIn, PosReport(voucher.substr(0, 56), true));
  device_->QueueIn(kIn, PosReport(voucher.substr(56, 56), true));
  device_->QueueIn(kIn, PosReport(voucher.substr(112), false));
  device_->QueueIn(kIn, PosReport("7-1-46101", false));
  ASSERT_TRUE(scans_.WaitFor(2, 2s));
  EXPECT_EQ(scans_.Items(), (std::vector<std::string>{voucher, "7-1-46101"}));
  EXPECT_TRUE(errors_.Items().empty());
}

TEST_F(UsbScanSourceTest, AMalformedReportIsReportedAndReadingGoesOn) {
  auto s = Open(PosScanner());
  ASSERT_TRUE(s);
  std::vector<uint8_t> bad = PosReport("X", false);
  bad[0] = 0x07;  // wrong report id
  device_->QueueIn(kIn, bad);
  device_->QueueIn(kIn, PosReport("OK12", false));
  ASSERT_TRUE(scans_.WaitFor(1, 2s));
  EXPECT_EQ(scans_.Items(), std::vector<std::string>{"OK12"});
  EXPECT_EQ(errors_.Items(), std::vector<std::string>{"bad_hid_report"});
}

TEST_F(UsbScanSourceTest, AKeyboardModeScannerIsReadAsKeysUntilEnter) {
  UsbDeviceSpec spec = UsbDeviceSpec::HidScanner(kScanner, "Voyager", /*hid_pos=*/false, 2);
  const UsbId configured[] = {kScanner};
  auto s = Open(spec, configured);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->mode(), "keyboard");
  // "G", "B", "1", ":" then Enter: usages 0x0A, 0x05, 0x1E, 0x33 (shift), 0x28.
  for (auto [usage, shift] : {std::pair<uint8_t, bool>{0x0A, true}, {0x05, true}, {0x1E, false},
                              {0x33, true}, {0x28, false}}) {
    device_->QueueIn(kIn, Key(usage, shift));
    device_->QueueIn(kIn, kKeyUp);
  }
  ASSERT_TRUE(scans_.WaitFor(1, 2s));
  EXPECT_EQ(scans_.Items(), std::vector<std::string>{"GB1:"});
}

TEST_F(UsbScanSourceTest, UnplugIsTheLastError) {
  auto s = Open(PosScanner());
  ASSERT_TRUE(s);
  ASSERT_TRUE(device_->WaitForPending(kIn, 2s));
  device_->Unplug();
  ASSERT_TRUE(errors_.WaitFor(1, 2s));
  s.reset();
  EXPECT_EQ(errors_.Items(), std::vector<std::string>{"unplugged"});
}

}  // namespace
}  // namespace gb::usb
