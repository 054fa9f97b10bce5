// ScannerInput against a HID POS scanner emulated by umockdev (runs under
// libumockdev-preload, shared/notes/usb-testing.md), and its wedge path and
// --scanner parsing without any device.
#include "kiosk/shell/scanner_input.h"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <thread>
#include <vector>

#include "tests/drivers/scanner/hid_descriptors.h"
#include "tests/drivers/usb/event_log.h"
#include "tests/drivers/usb/usb_testbed.h"

namespace gb::shell {
namespace {

using namespace std::chrono_literals;
using usb::testing::EventLog;
using usb::testing::MockUsbDevice;
using usb::testing::UsbDeviceSpec;
using usb::testing::UsbTestbed;

constexpr usb::UsbId kScanner{0x0c2e, 0x0b61};
constexpr std::uint8_t kIn = 0x81;
// A voucher's text is longer than one 56-byte report.
const std::string kVoucher = "GB1:" + std::string(100, 'K') + "9$%*+-./:" + std::string(38, '7');

// Scanned Data Reports (layout of kHoneywellLike) carrying `text`.
void QueueScan(MockUsbDevice& device, const std::string& text) {
  for (size_t at = 0; at < text.size(); at += 56) {
    const std::string part = text.substr(at, 56);
    std::vector<uint8_t> r(64, 0);
    r[0] = 0x02;
    r[1] = static_cast<uint8_t>(part.size());
    r[2] = ']';
    r[3] = 'Q';
    r[4] = '1';
    for (size_t i = 0; i < part.size(); ++i) r[5 + i] = static_cast<uint8_t>(part[i]);
    r[63] = at + 56 < text.size() ? 1 : 0;
    device.QueueIn(kIn, std::move(r));
  }
}

// in_sysfs: the report descriptor is in sysfs (usbhid bound), as "usb"
// needs to tell a scanner from a keyboard as it arrives. Otherwise it is
// asked for with GET_DESCRIPTOR: the testbed's Unplug() leaves a sysfs hid
// node behind, so a device described there cannot be plugged in again.
UsbDeviceSpec PosScanner(bool in_sysfs) {
  UsbDeviceSpec spec = UsbDeviceSpec::HidScanner(kScanner, "Xenon 1900", true, 2);
  spec.hid_report_descriptor = scanner::testing::kHoneywellLike;
  spec.report_descriptor_in_sysfs = in_sysfs;
  spec.endpoints = {{kIn, 3, 64, 1}};
  return spec;
}

class ScannerInputUsbTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(bed_.mocked()) << "run under libumockdev-preload"; }

  std::unique_ptr<ScannerInput> Start(const std::string& option) {
    auto choice = ParseScannerOption(option);
    EXPECT_TRUE(choice.ok()) << choice.status().ToString();
    ScannerInput::Options o;
    o.choice = *choice;
    o.log = [this](const std::string& line) { log_.Add(line); };
    auto in = ScannerInput::Start(std::move(o));
    EXPECT_TRUE(in.ok()) << in.status().ToString();
    return in.ok() ? std::move(*in) : nullptr;
  }

  // Takes scans (as the UI loop does) until n have come or 2 s passed.
  std::vector<std::string> TakeUntil(ScannerInput& in, size_t n) {
    std::vector<std::string> got;
    const auto until = std::chrono::steady_clock::now() + 2s;
    while (got.size() < n && std::chrono::steady_clock::now() < until) {
      for (std::string& s : in.TakeScans()) got.push_back(std::move(s));
      std::this_thread::sleep_for(5ms);
    }
    return got;
  }

  bool LogHas(std::string_view what) {
    for (const std::string& line : log_.Items()) {
      if (line.find(what) != std::string::npos) return true;
    }
    return false;
  }

  // Waits until a log line containing `what` has been written.
  bool WaitForLog(std::string_view what) {
    const auto until = std::chrono::steady_clock::now() + 2s;
    while (!LogHas(what) && std::chrono::steady_clock::now() < until) {
      std::this_thread::sleep_for(5ms);
    }
    return LogHas(what);
  }

  UsbTestbed bed_;  // first: outlives the libusb context
  EventLog<std::string> log_;
};

TEST_F(ScannerInputUsbTest, AVoucherScanReachesTheUiThreadAndSurvivesAReplug) {
  MockUsbDevice& device = bed_.Add(PosScanner(false));
  auto in = Start("usb:0c2e:0b61");
  ASSERT_TRUE(in);
  EXPECT_TRUE(in->needs_polling());
  ASSERT_TRUE(WaitForLog("connected usb 0c2e:0b61"));
  ASSERT_TRUE(device.WaitForPending(kIn, 2s));
  QueueScan(device, kVoucher);
  EXPECT_EQ(TakeUntil(*in, 1), std::vector<std::string>{kVoucher});

  device.Unplug();
  ASSERT_TRUE(WaitForLog("unplugged"));
  device.Plug();
  ASSERT_TRUE(device.WaitForPending(kIn, 2s)) << "the scanner was not reopened after the replug";
  QueueScan(device, "7-1000-59198");
  EXPECT_EQ(TakeUntil(*in, 1), std::vector<std::string>{"7-1000-59198"});
  EXPECT_TRUE(in->TakeScans().empty());
  for (const std::string& line : log_.Items()) {
    EXPECT_EQ(line.find("GB1"), std::string::npos) << "a scan's text was logged: " << line;
    EXPECT_EQ(line.find("59198"), std::string::npos) << "a scan's text was logged: " << line;
  }
}

TEST_F(ScannerInputUsbTest, NoScannerAtStartIsNotFatalAndOnePluggedInLaterWorks) {
  MockUsbDevice& device = bed_.AddUnplugged(PosScanner(true));
  auto in = Start("usb");
  ASSERT_TRUE(in);
  EXPECT_EQ(in->Describe(), "scanner usb");
  EXPECT_TRUE(in->TakeScans().empty());
  ASSERT_EQ(log_.Items().size(), 1u);
  EXPECT_NE(log_.Items()[0].find("waiting"), std::string::npos) << log_.Items()[0];
  device.Plug();
  ASSERT_TRUE(device.WaitForPending(kIn, 2s));
  QueueScan(device, kVoucher);
  EXPECT_EQ(TakeUntil(*in, 1), std::vector<std::string>{kVoucher});
}

TEST_F(ScannerInputUsbTest, AnotherDeviceIsNotOpenedForAFixedId) {
  MockUsbDevice& other = bed_.Add(PosScanner(true));  // 0c2e:0b61, not the one asked for
  auto in = Start("usb:05e0:1200");
  ASSERT_TRUE(in);
  ASSERT_TRUE(WaitForLog("waiting"));
  EXPECT_FALSE(other.WaitForPending(kIn, 200ms));
  EXPECT_FALSE(other.observed().claimed);
}

TEST(ScannerInputWedgeTest, AFastBurstEndingInEnterIsOneScan) {
  ScannerInput::Options o;
  o.log = [](const std::string&) {};
  auto in = ScannerInput::Start(std::move(o));
  ASSERT_TRUE(in.ok()) << in.status().ToString();
  EXPECT_FALSE((*in)->needs_polling());
  EXPECT_EQ((*in)->Describe(), "scanner wedge");
  int64_t t = 1000;
  for (char c : std::string("7-1000-59198")) (*in)->OnWedgeText(std::string(1, c), t += 8);
  (*in)->OnWedgeEnter(t += 8);
  EXPECT_EQ((*in)->TakeScans(), std::vector<std::string>{"7-1000-59198"});
  EXPECT_TRUE((*in)->TakeScans().empty());
}

TEST(ScannerInputWedgeTest, SlowKeysOrABurstWithoutEnterAreNoScan) {
  ScannerInput::Options o;
  o.log = [](const std::string&) {};
  auto in = ScannerInput::Start(std::move(o));
  ASSERT_TRUE(in.ok());
  int64_t t = 1000;
  for (char c : std::string("hello")) (*in)->OnWedgeText(std::string(1, c), t += 200);
  (*in)->OnWedgeEnter(t += 200);
  for (char c : std::string("GB1:ABCDEF")) (*in)->OnWedgeText(std::string(1, c), t += 8);
  (*in)->OnWedgeText("x", t += 1000);  // the burst ended in silence, not Enter
  EXPECT_TRUE((*in)->TakeScans().empty());
}

TEST(ScannerOptionTest, AcceptsWedgeUsbAndUsbWithAnId) {
  auto wedge = ParseScannerOption("wedge");
  ASSERT_TRUE(wedge.ok());
  EXPECT_EQ(wedge->kind, ScannerChoice::Kind::kWedge);
  auto any = ParseScannerOption("usb");
  ASSERT_TRUE(any.ok());
  EXPECT_EQ(any->kind, ScannerChoice::Kind::kUsb);
  EXPECT_FALSE(any->id.has_value());
  auto fixed = ParseScannerOption("usb:0C2E:b61");
  ASSERT_TRUE(fixed.ok());
  EXPECT_EQ(fixed->id, (usb::UsbId{0x0c2e, 0x0b61}));
}

TEST(ScannerOptionTest, RejectsBadValuesSayingWhatIsWrong) {
  const std::pair<const char*, const char*> cases[] = {
      {"usb:0c2e", "PID is missing"},
      {"usb:0c2e:", "PID is not"},
      {"usb::0b61", "VID is not"},
      {"usb:zz:0b61", "VID is not"},
      {"usb:0c2e:0b61x", "PID is not"},
      {"usb:12345:1", "VID is not"},
      {"usb:0c2e:0b61:1", "PID is not"},
      {"serial", "unknown kind"},
      {"", "unknown kind"},
      {"USB", "unknown kind"},
  };
  for (const auto& [text, why] : cases) {
    auto r = ParseScannerOption(text);
    ASSERT_FALSE(r.ok()) << text;
    EXPECT_EQ(r.status().reason(), "bad_scanner") << text;
    EXPECT_NE(r.status().message().find(why), std::string::npos) << r.status().message();
    EXPECT_NE(r.status().message().find(std::string("\"") + text + "\""), std::string::npos)
        << r.status().message();
  }
}

}  // namespace
}  // namespace gb::shell
