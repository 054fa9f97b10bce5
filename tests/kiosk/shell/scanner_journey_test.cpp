// groupbuy-kiosk --mode till --scanner usb:VID:PID as a real process: this
// test owns the umockdev testbed (and so the emulated HID POS scanner), the
// kiosk runs under libumockdev-preload and sees the scanner through libusb.
// The scan is fed once the script's "ready" shot shows the redeem screen;
// the script then awaits the verdict. And bad --scanner values exit 2.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include "tests/drivers/scanner/hid_descriptors.h"
#include "tests/drivers/usb/usb_testbed.h"
#include "tests/kiosk/shell/journey_fixture.h"

namespace gb::shell {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using usb::testing::MockUsbDevice;
using usb::testing::UsbDeviceSpec;

constexpr std::uint8_t kIn = 0x81;

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

class ScannerJourneyTest : public JourneyTest {
 protected:
  void SetUp() override {
    ASSERT_TRUE(bed_.mocked()) << "run under libumockdev-preload";
    // As kiosk_journey_test's environment: the software renderer.
    setenv("SDL_RENDER_DRIVER", "software", 1);
    setenv("SDL_FRAMEBUFFER_ACCELERATION", "0", 1);
    JourneyTest::SetUp();
    AddLampAndStaff();
    ASSERT_FALSE(HasFatalFailure());
  }

  usb::testing::UsbTestbed bed_;  // before the kiosk runs: it sets UMOCKDEV_DIR
};

TEST_F(ScannerJourneyTest, AUsbScanOfAVoucherIsRedeemedOnTheTill) {
  ProcessRun r = Kiosk(
      "tap #deal-7\ntap #join\ntype 015112345678\ntap #consent\ntap #confirm\nexpect "
      "#screen-done\ntap #done\n"
      "tap #deal-7\ntap #join\ntype 015198765432\ntap #consent\ntap #confirm\nexpect "
      "#screen-done\ntap #done\n");
  ASSERT_EQ(r.code, 0) << r.err;
  ledger::Ledger l = OpenLedger();
  auto v = l.VoucherForPrint(1, static_cast<int64_t>(std::time(nullptr)));
  ASSERT_TRUE(v.ok()) << v.status().ToString();
  const std::string voucher = v->voucher_text;

  UsbDeviceSpec spec = UsbDeviceSpec::HidScanner({0x0c2e, 0x0b61}, "Xenon 1900", true, 2);
  spec.hid_report_descriptor = scanner::testing::kHoneywellLike;
  spec.endpoints = {{kIn, 3, 64, 1}};
  MockUsbDevice& device = bed_.Add(spec);

  const std::string ready = tmp_.File("shots") + "/ready.png";
  std::thread kiosk([&] {
    r = Kiosk(
        "expect #screen-pin\ntype 246810\ntap #pin-enter\nexpect #screen-redeem\n"
        // The test scans once this shot exists.
        "shot ready\n"
        "await #redeem-verdict =VALID\n"
        "expect #redeem-detail To charge now: €99.00\n"
        "shot verdict\n",
        "--mode till --scanner usb:0c2e:0b61");
  });
  for (int i = 0; i < 600 && !fs::exists(ready); ++i) std::this_thread::sleep_for(50ms);
  const bool on_redeem = fs::exists(ready);
  const bool reading = on_redeem && device.WaitForPending(kIn, 10s);
  if (reading) QueueScan(device, voucher);
  kiosk.join();
  ASSERT_TRUE(on_redeem) << r.err;
  ASSERT_TRUE(reading) << "the kiosk never read the scanner: " << r.err;
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_TRUE(fs::exists(tmp_.File("shots") + "/verdict.png"));
  EXPECT_NE(r.err.find("scanner usb:0c2e:0b61"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("connected usb 0c2e:0b61"), std::string::npos) << r.err;
  EXPECT_EQ(r.err.find(voucher.substr(0, 12)), std::string::npos) << "voucher text logged";
}

TEST_F(ScannerJourneyTest, NoScannerPluggedInIsNotFatal) {
  const ProcessRun r = Kiosk("expect #screen-pin\n", "--mode till --scanner usb");
  EXPECT_EQ(r.code, 0) << r.err;
  EXPECT_NE(r.err.find("no usb scanner plugged in yet"), std::string::npos) << r.err;
}

TEST_F(ScannerJourneyTest, BadScannerValuesExitTwoNamingTheProblem) {
  for (const char* bad : {"usb:0c2e", "usb:xyz:1", "serial"}) {
    const ProcessRun r = Kiosk("expect #screen-wall\n", std::string("--scanner ") + bad);
    EXPECT_EQ(r.code, 2) << bad;
    EXPECT_NE(r.err.find("--scanner wants wedge, usb or usb:VID:PID"), std::string::npos) << r.err;
  }
}

}  // namespace
}  // namespace gb::shell
