#include "drivers/usb/usb_error.h"

#include <libusb.h>

#include <string>

namespace gb::usb {

base::Status UsbError(int code, std::string_view operation, std::string_view device) {
  std::string where = std::string(operation) + " (" + std::string(device) + "): ";
  // libusb_error_name() is stable text, unlike libusb_strerror(), which
  // follows the locale set with libusb_setlocale().
  std::string tail = std::string(" (") + libusb_error_name(code) + ")";
  switch (code) {
    case LIBUSB_ERROR_NO_DEVICE:
      return base::Status::Error(base::Code::kUnavailable, "unplugged",
                                 where + "device unplugged" + tail);
    case LIBUSB_ERROR_NOT_FOUND:
      return base::Status::NotFound("no_device", where + "no such device or interface" + tail);
    case LIBUSB_ERROR_BUSY:
      return base::Status::FailedPrecondition(
          "busy", where + "held by another program or kernel driver" + tail);
    case LIBUSB_ERROR_ACCESS:
      return base::Status::Error(base::Code::kPermissionDenied, "no_permission",
                                 where + "permission denied; is the udev rule installed?" + tail);
    case LIBUSB_ERROR_TIMEOUT:
      return base::Status::Error(base::Code::kDeadlineExceeded, "timeout",
                                 where + "timed out" + tail);
    case LIBUSB_ERROR_PIPE:
      return base::Status::IoError("io_error", where + "endpoint stalled" + tail);
    default:
      break;
  }
  if (code >= 0) {
    return base::Status::Internal(
        "internal", where + "libusb reported success as an error (" + std::to_string(code) + ")");
  }
  return base::Status::IoError("io_error", where + "I/O error" + tail);
}

}  // namespace gb::usb
