#include "drivers/usb/usb_context.h"

#include <gtest/gtest.h>
#include <linux/capability.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "tests/drivers/usb/usb_testbed.h"

namespace gb::usb {
namespace {

using testing::UsbDeviceSpec;
using testing::UsbTestbed;

constexpr UsbId kTmT20{0x04b8, 0x0e15};
constexpr UsbId kUnknownPrinter{0x1a86, 0x7584};
constexpr UsbId kScanner{0x0c2e, 0x0b61};

class UsbContextTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(bed_.mocked()) << "run under LD_PRELOAD=libumockdev-preload.so.0";
  }
  // After the devices are added: discovery then needs no hotplug event.
  std::shared_ptr<UsbContext> Start() {
    auto ctx = UsbContext::Create();
    EXPECT_TRUE(ctx.ok()) << ctx.status().ToString();
    ctx_ = ctx.ok() ? *ctx : nullptr;
    return ctx_;
  }

  UsbTestbed bed_;  // first in, last out: outlives the context
  std::shared_ptr<UsbContext> ctx_;
};

TEST_F(UsbContextTest, NothingPluggedInGivesEmptyLists) {
  auto ctx = Start();
  ASSERT_TRUE(ctx);
  EXPECT_TRUE(ctx->ListPrinters().empty());
  EXPECT_TRUE(ctx->ListScanners().empty());
  auto p = ctx->FindPrinter("usb");
  ASSERT_FALSE(p.ok());
  EXPECT_EQ(p.status().reason(), "no_device");
  EXPECT_NE(p.status().message().find("found: none"), std::string::npos);
}

TEST_F(UsbContextTest, ListPrintersFindsTheEmulatedPrinterWithItsStrings) {
  bed_.Add(UsbDeviceSpec::Printer(kTmT20, "EPSON", "TM-T20", 2));
  auto ctx = Start();
  ASSERT_TRUE(ctx);
  auto printers = ctx->ListPrinters();
  ASSERT_EQ(printers.size(), 1u);
  EXPECT_EQ(printers[0].id, kTmT20);
  EXPECT_EQ(printers[0].bus, 1);
  EXPECT_EQ(printers[0].address, 10);
  EXPECT_EQ(printers[0].manufacturer, "EPSON");
  EXPECT_EQ(printers[0].product, "TM-T20");
  EXPECT_EQ(printers[0].profile, "epson-tm-t20");
  EXPECT_EQ(Describe(printers[0]), "usb 04b8:0e15 EPSON TM-T20");
}

TEST_F(UsbContextTest, PrinterClassWithUnknownIdIsGeneric) {
  bed_.Add(UsbDeviceSpec::Printer(kUnknownPrinter, "Acme", "POS-80", 2));
  auto ctx = Start();
  ASSERT_TRUE(ctx);
  auto printers = ctx->ListPrinters();
  ASSERT_EQ(printers.size(), 1u);
  EXPECT_EQ(printers[0].profile, "generic");
  EXPECT_EQ(printers[0].product, "POS-80");
}

TEST_F(UsbContextTest, KnownIdBehindAVendorClassIsStillAPrinter) {
  UsbDeviceSpec spec = UsbDeviceSpec::Printer({0x0416, 0x5011}, "Winbond", "POS58", 2);
  spec.interface_class = 0xFF;
  bed_.Add(spec);
  UsbDeviceSpec other = UsbDeviceSpec::Printer({0x1234, 0x0001}, "Acme", "Modem", 3);
  other.interface_class = 0xFF;  // unknown id, vendor class: not a printer
  bed_.Add(other);
  auto ctx = Start();
  ASSERT_TRUE(ctx);
  auto printers = ctx->ListPrinters();
  ASSERT_EQ(printers.size(), 1u);
  EXPECT_EQ(printers[0].profile, "generic-cn-58mm");
}

TEST_F(UsbContextTest, SelectorPicksByVidPid) {
  bed_.Add(UsbDeviceSpec::Printer(kUnknownPrinter, "Acme", "POS-80", 2));
  bed_.Add(UsbDeviceSpec::Printer(kTmT20, "EPSON", "TM-T20", 3));
  auto ctx = Start();
  ASSERT_TRUE(ctx);
  ASSERT_EQ(ctx->ListPrinters().size(), 2u);

  auto t20 = ctx->FindPrinter("usb:04b8:0e15");
  ASSERT_TRUE(t20.ok()) << t20.status().ToString();
  EXPECT_EQ(t20->product, "TM-T20");
  auto acme = ctx->FindPrinter("usb:1a86:7584");
  ASSERT_TRUE(acme.ok());
  EXPECT_EQ(acme->product, "POS-80");
  EXPECT_TRUE(ctx->FindPrinter("usb").ok());

  auto none = ctx->FindPrinter("usb:dead:beef");
  ASSERT_FALSE(none.ok());
  EXPECT_EQ(none.status().reason(), "no_device");
  EXPECT_NE(none.status().message().find("usb 04b8:0e15 EPSON TM-T20"), std::string::npos)
      << none.status().message();
  EXPECT_EQ(ctx->FindPrinter("usb:04b8").status().reason(), "bad_selector");
}

TEST_F(UsbContextTest, ScannersAndPrintersDoNotMix) {
  bed_.Add(UsbDeviceSpec::Printer(kTmT20, "EPSON", "TM-T20", 2));
  UsbDeviceSpec scanner = UsbDeviceSpec::HidScanner(kScanner, "Xenon 1900", /*hid_pos=*/true, 3);
  scanner.report_descriptor_in_sysfs = true;
  bed_.Add(scanner);
  auto ctx = Start();
  ASSERT_TRUE(ctx);
  auto printers = ctx->ListPrinters();
  ASSERT_EQ(printers.size(), 1u);
  EXPECT_EQ(printers[0].id, kTmT20);
  auto scanners = ctx->ListScanners();
  ASSERT_EQ(scanners.size(), 1u);
  EXPECT_EQ(scanners[0].id, kScanner);
}

TEST_F(UsbContextTest, UnboundScannerIsAskedForItsReportDescriptor) {
  UsbDeviceSpec spec = UsbDeviceSpec::HidScanner(kScanner, "Xenon 1900", true, 2);
  spec.kernel_driver = "";  // nothing holds the interface: GET_DESCRIPTOR works
  bed_.Add(spec);
  auto ctx = Start();
  ASSERT_TRUE(ctx);
  auto scanners = ctx->ListScanners();
  ASSERT_EQ(scanners.size(), 1u);
  EXPECT_EQ(scanners[0].profile, "hid-pos");
  EXPECT_EQ(scanners[0].product, "Xenon 1900");
}

TEST_F(UsbContextTest, ScannerHeldByUsbhidIsFoundThroughSysfs) {
  // usbhid bound: the emulated kernel refuses interface requests (EBUSY), so
  // only the kernel's copy of the report descriptor can tell.
  UsbDeviceSpec spec = UsbDeviceSpec::HidScanner(kScanner, "Xenon 1900", true, 2);
  spec.report_descriptor_in_sysfs = true;
  bed_.Add(spec);
  UsbDeviceSpec hidden = UsbDeviceSpec::HidScanner({0x05e0, 0x1200}, "Symbol", true, 3);
  bed_.Add(hidden);  // bound, no sysfs copy: cannot be told from a keyboard
  auto ctx = Start();
  ASSERT_TRUE(ctx);
  auto scanners = ctx->ListScanners();
  ASSERT_EQ(scanners.size(), 1u);
  EXPECT_EQ(scanners[0].id, kScanner);
  EXPECT_EQ(scanners[0].profile, "hid-pos");
}

TEST_F(UsbContextTest, KeyboardWedgeScannerCountsOnlyWhenConfigured) {
  UsbDeviceSpec spec = UsbDeviceSpec::HidScanner(kScanner, "Voyager", /*hid_pos=*/false, 2);
  spec.kernel_driver = "";
  bed_.Add(spec);
  auto ctx = Start();
  ASSERT_TRUE(ctx);
  EXPECT_TRUE(ctx->ListScanners().empty());
  const UsbId configured[] = {kScanner};
  auto scanners = ctx->ListScanners(configured);
  ASSERT_EQ(scanners.size(), 1u);
  EXPECT_EQ(scanners[0].profile, "configured");
  EXPECT_TRUE(ctx->FindScanner("usb:0c2e:0b61", configured).ok());
  EXPECT_EQ(ctx->FindScanner("usb:0c2e:0b61").status().reason(), "no_device");
}

// As a user the udev rule does not cover: the printer is listed (sysfs is
// readable) but marked not accessible, from libusb's LIBUSB_ERROR_ACCESS.
// Root opens everything, so a child process gives up the capabilities that
// bypass file modes (it stays uid 0, so umockdev's files stay its own), and
// the emulated device node gets mode 0000.
TEST_F(UsbContextTest, ListPrintersMarksAPrinterThisUserMayNotOpen) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root to drop CAP_DAC_OVERRIDE";
  bed_.Add(UsbDeviceSpec::Printer(kTmT20, "EPSON", "TM-T20", 2));
  const char* root = std::getenv("UMOCKDEV_DIR");
  ASSERT_NE(root, nullptr);
  namespace fs = std::filesystem;
  std::error_code ec;
  int nodes = 0;
  for (auto it = fs::recursive_directory_iterator(std::string(root) + "/dev/bus/usb", ec);
       it != fs::end(it); it.increment(ec)) {
    if (it->is_directory(ec)) continue;
    fs::permissions(it->path(), fs::perms::none, ec);
    ++nodes;
  }
  ASSERT_GE(nodes, 1);
  const pid_t pid = ::fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    __user_cap_header_struct header{_LINUX_CAPABILITY_VERSION_3, 0};
    __user_cap_data_struct caps[2]{};
    if (::syscall(SYS_capget, &header, caps) != 0) ::_exit(10);
    caps[0].effective &= ~((1u << CAP_DAC_OVERRIDE) | (1u << CAP_DAC_READ_SEARCH));
    if (::syscall(SYS_capset, &header, caps) != 0) ::_exit(10);
    auto ctx = UsbContext::Create();
    if (!ctx.ok()) ::_exit(11);
    auto printers = (*ctx)->ListPrinters();
    if (printers.size() != 1) ::_exit(12);
    if (printers[0].id != kTmT20) ::_exit(13);
    ::_exit(printers[0].accessible ? 14 : 0);
  }
  int status = 0;
  ASSERT_EQ(::waitpid(pid, &status, 0), pid);
  ASSERT_TRUE(WIFEXITED(status));
  // 11: no libusb; 12: no printer seen; 14: it was opened after all.
  EXPECT_EQ(WEXITSTATUS(status), 0);
  // Root, as before: accessible.
  auto ctx = Start();
  ASSERT_TRUE(ctx);
  auto printers = ctx->ListPrinters();
  ASSERT_EQ(printers.size(), 1u);
  EXPECT_TRUE(printers[0].accessible);
}

}  // namespace
}  // namespace gb::usb
