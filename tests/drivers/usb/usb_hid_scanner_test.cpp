#include "drivers/usb/usb_hid_scanner.h"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <memory>
#include <utility>
#include <vector>

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
constexpr auto kWait = 2s;

struct Delivery {
  base::Status status;
  std::vector<std::uint8_t> report;
};

class UsbHidScannerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(bed_.mocked()) << "run under LD_PRELOAD=libumockdev-preload.so.0";
  }

  void Start(UsbDeviceSpec spec) {
    spec_ = spec;
    device_ = &bed_.Add(std::move(spec));
    auto ctx = UsbContext::Create();
    ASSERT_TRUE(ctx.ok()) << ctx.status().ToString();
    ctx_ = *ctx;
  }

  std::unique_ptr<UsbHidScanner> Open(std::span<const UsbId> configured = {}) {
    auto s = UsbHidScanner::Open(
        ctx_, "usb",
        [this](const base::Status& st, std::span<const std::uint8_t> report) {
          log_.Add(Delivery{st, std::vector<std::uint8_t>(report.begin(), report.end())});
        },
        configured);
    EXPECT_TRUE(s.ok()) << s.status().ToString();
    return s.ok() ? std::move(*s) : nullptr;
  }

  UsbTestbed bed_;
  UsbDeviceSpec spec_;
  MockUsbDevice* device_ = nullptr;
  std::shared_ptr<UsbContext> ctx_;
  EventLog<Delivery> log_;
};

UsbDeviceSpec HidPosScanner() {
  UsbDeviceSpec spec = UsbDeviceSpec::HidScanner(kScanner, "Xenon 1900", true, 2);
  spec.report_descriptor_in_sysfs = true;  // as while usbhid is bound
  return spec;
}

TEST_F(UsbHidScannerTest, DeliversInterruptReportsInOrder) {
  Start(HidPosScanner());
  auto s = Open();
  ASSERT_TRUE(s);
  EXPECT_TRUE(device_->observed().claimed);
  EXPECT_FALSE(device_->observed().kernel_driver_bound) << "usbhid detached";
  EXPECT_EQ(s->report_descriptor(), spec_.hid_report_descriptor);
  std::vector<std::uint8_t> r1 = {0x02, '4', '0', '1', '2', '3', '4', '5'};
  std::vector<std::uint8_t> r2 = {0x02, '6', '7', '8', 0, 0, 0, 0};
  device_->QueueIn(kIn, r1);
  device_->QueueIn(kIn, r2);
  ASSERT_TRUE(log_.WaitFor(2, kWait));
  auto got = log_.Items();
  ASSERT_EQ(got.size(), 2u);
  EXPECT_TRUE(got[0].status.ok());
  EXPECT_EQ(got[0].report, r1);
  EXPECT_TRUE(got[1].status.ok());
  EXPECT_EQ(got[1].report, r2);
}

TEST_F(UsbHidScannerTest, UnplugIsTheLastCall) {
  Start(HidPosScanner());
  auto s = Open();
  ASSERT_TRUE(s);
  ASSERT_TRUE(device_->WaitForPending(kIn, kWait));
  device_->Unplug();
  ASSERT_TRUE(log_.WaitFor(1, kWait));
  s->Stop();
  auto got = log_.Items();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].status.reason(), "unplugged") << got[0].status.ToString();
  EXPECT_TRUE(got[0].report.empty());
}

TEST_F(UsbHidScannerTest, StallEndsReadingWithIoError) {
  Start(HidPosScanner());
  device_->StallNext(kIn);
  auto s = Open();
  ASSERT_TRUE(s);
  ASSERT_TRUE(log_.WaitFor(1, kWait));
  s->Stop();
  auto got = log_.Items();
  ASSERT_EQ(got.size(), 1u);
  EXPECT_EQ(got[0].status.reason(), "io_error");
}

TEST_F(UsbHidScannerTest, StopCancelsTheTransferAndGivesTheDeviceBack) {
  Start(HidPosScanner());
  auto s = Open();
  ASSERT_TRUE(s);
  ASSERT_TRUE(device_->WaitForPending(kIn, kWait));
  // The interrupt transfer has no timeout, so Stop() returning at all shows
  // it cancelled the transfer (a hang would trip ctest's timeout).
  s->Stop();
  s.reset();
  EXPECT_FALSE(device_->observed().claimed);
  EXPECT_TRUE(device_->observed().kernel_driver_bound) << "usbhid re-attached";
  EXPECT_TRUE(log_.Items().empty()) << "a cancelled transfer is not a report";
}

TEST_F(UsbHidScannerTest, OpensAConfiguredKeyboardWedgeScanner) {
  UsbDeviceSpec spec = UsbDeviceSpec::HidScanner(kScanner, "Voyager", /*hid_pos=*/false, 2);
  Start(spec);
  EXPECT_EQ(UsbHidScanner::Open(ctx_, "usb", [](const base::Status&, auto) {}).status().reason(),
            "no_device");
  const UsbId configured[] = {kScanner};
  auto s = Open(configured);
  ASSERT_TRUE(s);
  EXPECT_EQ(s->info().profile, "configured");
  // Claimed, so the device answers GET_DESCRIPTOR itself.
  EXPECT_EQ(s->report_descriptor(), spec.hid_report_descriptor);
  device_->QueueIn(kIn, {0, 0, 0x27, 0, 0, 0, 0, 0});
  ASSERT_TRUE(log_.WaitFor(1, kWait));
  EXPECT_EQ(log_.Items()[0].report, (std::vector<std::uint8_t>{0, 0, 0x27, 0, 0, 0, 0, 0}));
}

}  // namespace
}  // namespace gb::usb
