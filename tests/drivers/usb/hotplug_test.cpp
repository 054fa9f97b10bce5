#include "drivers/usb/hotplug.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>

#include "tests/drivers/usb/event_log.h"
#include "tests/drivers/usb/usb_testbed.h"

namespace gb::usb {
namespace {

using namespace std::chrono_literals;
using testing::EventLog;
using testing::UsbDeviceSpec;
using testing::UsbTestbed;

constexpr UsbId kTmT20{0x04b8, 0x0e15};
constexpr UsbId kScanner{0x0c2e, 0x0b61};
constexpr auto kWait = 2s;  // an upper bound; events arrive in tens of ms

HotplugOptions Options(HotplugFilter filter, bool report_present) {
  HotplugOptions o;
  o.filter = filter;
  o.report_present = report_present;
  return o;
}

HotplugFilter ByClass(std::uint8_t interface_class) {
  HotplugFilter f;
  f.interface_class = interface_class;
  return f;
}

HotplugFilter ById(UsbId id) {
  HotplugFilter f;
  f.id = id;
  return f;
}

// Runs every test with libusb's hotplug callbacks and with the polling
// fallback.
class HotplugTest : public ::testing::TestWithParam<bool> {
 protected:
  void SetUp() override {
    ASSERT_TRUE(bed_.mocked()) << "run under LD_PRELOAD=libumockdev-preload.so.0";
    auto ctx = UsbContext::Create();
    ASSERT_TRUE(ctx.ok()) << ctx.status().ToString();
    ctx_ = *ctx;
  }

  std::unique_ptr<HotplugWatcher> Watch(HotplugOptions options) {
    options.force_polling = GetParam();
    options.poll_interval_ms = 10;
    auto w =
        HotplugWatcher::Start(ctx_, options, [this](const HotplugEvent& e) { events_.Add(e); });
    EXPECT_TRUE(w.ok()) << w.status().ToString();
    if (!w.ok()) return nullptr;
    EXPECT_EQ((*w)->polling(), GetParam());
    return std::move(*w);
  }

  UsbTestbed bed_;
  std::shared_ptr<UsbContext> ctx_;
  EventLog<HotplugEvent> events_;
};

TEST_P(HotplugTest, ReportsArrivalAndDepartureOfAPrinter) {
  auto w = Watch(Options(ByClass(7), false));
  ASSERT_TRUE(w);
  auto& printer = bed_.Add(UsbDeviceSpec::Printer(kTmT20, "EPSON", "TM-T20", 2));
  ASSERT_TRUE(events_.WaitFor(1, kWait));
  printer.Unplug();
  ASSERT_TRUE(events_.WaitFor(2, kWait));
  auto e = events_.Items();
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].kind, HotplugEvent::Kind::kArrived);
  EXPECT_EQ(e[0].device.id, kTmT20);
  EXPECT_EQ(e[0].device.address, 10);
  EXPECT_EQ(e[1].kind, HotplugEvent::Kind::kLeft);
  EXPECT_EQ(e[1].device.id, kTmT20);
  EXPECT_EQ(e[1].device.address, 10);
}

TEST_P(HotplugTest, ReplugArrivesAgainAtANewAddress) {
  auto& printer = bed_.Add(UsbDeviceSpec::Printer(kTmT20, "EPSON", "TM-T20", 2));
  auto w = Watch(Options(ById(kTmT20), true));
  ASSERT_TRUE(w);
  ASSERT_TRUE(events_.WaitFor(1, kWait)) << "present device reported at start";
  printer.Unplug();
  ASSERT_TRUE(events_.WaitFor(2, kWait));
  printer.Plug();
  ASSERT_TRUE(events_.WaitFor(3, kWait));
  auto e = events_.Items();
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].kind, HotplugEvent::Kind::kArrived);
  EXPECT_EQ(e[1].kind, HotplugEvent::Kind::kLeft);
  EXPECT_EQ(e[2].kind, HotplugEvent::Kind::kArrived);
  EXPECT_EQ(e[2].device.address, 11);
}

TEST_P(HotplugTest, IgnoresDevicesOutsideTheFilter) {
  auto w = Watch(Options(ByClass(7), false));
  ASSERT_TRUE(w);
  auto& scanner = bed_.Add(UsbDeviceSpec::HidScanner(kScanner, "Xenon", true, 3));
  // Events come in order: had the scanner matched, it would come first.
  bed_.Add(UsbDeviceSpec::Printer(kTmT20, "EPSON", "TM-T20", 2));
  ASSERT_TRUE(events_.WaitFor(1, kWait));
  scanner.Unplug();
  auto& second = bed_.Add(UsbDeviceSpec::Printer({0x1a86, 0x7584}, "Acme", "POS-80", 4));
  ASSERT_TRUE(events_.WaitFor(2, kWait));
  second.Unplug();
  ASSERT_TRUE(events_.WaitFor(3, kWait));
  auto e = events_.Items();
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].device.id, kTmT20);
  EXPECT_EQ(e[1].device.id, (UsbId{0x1a86, 0x7584}));
  EXPECT_EQ(e[1].kind, HotplugEvent::Kind::kArrived);
  EXPECT_EQ(e[2].device.id, (UsbId{0x1a86, 0x7584}));
  EXPECT_EQ(e[2].kind, HotplugEvent::Kind::kLeft);
}

TEST_P(HotplugTest, StopEndsDeliveries) {
  auto w = Watch(Options(HotplugFilter{}, false));
  ASSERT_TRUE(w);
  w->Stop();
  bed_.Add(UsbDeviceSpec::Printer(kTmT20, "EPSON", "TM-T20", 2));
  EXPECT_FALSE(events_.WaitFor(1, 100ms));
  w->Stop();  // idempotent
}

INSTANTIATE_TEST_SUITE_P(Modes, HotplugTest, ::testing::Values(false, true),
                         [](const ::testing::TestParamInfo<bool>& param_info) {
                           return param_info.param ? "Polling" : "LibusbHotplug";
                         });

}  // namespace
}  // namespace gb::usb
