#include "drivers/usb/usb_error.h"

#include <gtest/gtest.h>

#include <string>

namespace gb::usb {
namespace {

// libusb_error values, written out because only drivers/usb includes libusb.h.
constexpr int kIo = -1, kAccess = -3, kNoDevice = -4, kNotFound = -5, kBusy = -6, kTimeout = -7,
              kOverflow = -8, kPipe = -9;

TEST(UsbErrorTest, MapsLibusbCodesToTransportReasons) {
  struct Row {
    int code;
    const char* reason;
    base::Code status_code;
  };
  for (Row row :
       {Row{kNoDevice, "unplugged", base::Code::kUnavailable},
        Row{kNotFound, "no_device", base::Code::kNotFound},
        Row{kBusy, "busy", base::Code::kFailedPrecondition},
        Row{kAccess, "no_permission", base::Code::kPermissionDenied},
        Row{kTimeout, "timeout", base::Code::kDeadlineExceeded},
        Row{kPipe, "io_error", base::Code::kIoError}, Row{kIo, "io_error", base::Code::kIoError},
        Row{kOverflow, "io_error", base::Code::kIoError}}) {
    SCOPED_TRACE(row.code);
    base::Status s = UsbError(row.code, "bulk write to", "usb 04b8:0e15");
    EXPECT_EQ(s.reason(), row.reason);
    EXPECT_EQ(s.code(), row.status_code);
  }
}

TEST(UsbErrorTest, MessageNamesOperationDeviceAndLibusbCode) {
  base::Status s = UsbError(kNoDevice, "bulk write to", "usb 04b8:0e15 EPSON TM-T20");
  EXPECT_NE(s.message().find("bulk write to"), std::string::npos) << s.message();
  EXPECT_NE(s.message().find("usb 04b8:0e15 EPSON TM-T20"), std::string::npos);
  EXPECT_NE(s.message().find("LIBUSB_ERROR_NO_DEVICE"), std::string::npos);
}

TEST(UsbErrorTest, StallSaysStalled) {
  EXPECT_NE(UsbError(kPipe, "bulk read from", "usb").message().find("stalled"), std::string::npos);
}

TEST(UsbErrorTest, SuccessPassedAsErrorIsInternal) {
  base::Status s = UsbError(0, "claiming", "usb");
  EXPECT_FALSE(s.ok());
  EXPECT_EQ(s.code(), base::Code::kInternal);
}

}  // namespace
}  // namespace gb::usb
