#include "tests/drivers/usb/mock_interface.h"

#include <linux/usbdevice_fs.h>
#include <sys/ioctl.h>
#include <umockdev.h>

#include <cerrno>
#include <cstdio>

namespace gb::usb::testing {
namespace {

// Reads a copy of the argument struct; the kernel side only writes GETDRIVER's.
template <typename T>
T Read(UMockdevIoctlData* arg) {
  UMockdevIoctlData* d = umockdev_ioctl_data_resolve(arg, 0, sizeof(T), nullptr);
  T value{};
  if (d != nullptr) {
    value = *reinterpret_cast<const T*>(d->data);
    g_object_unref(d);
  }
  return value;
}

}  // namespace

MockInterface::MockInterface(std::string kernel_driver)
    : kernel_driver_(std::move(kernel_driver)) {}

void MockInterface::Plug() {
  claimed_ = false;
  driver_bound_ = !kernel_driver_.empty();
}

std::optional<MockInterface::Reply> MockInterface::Handle(unsigned long request,
                                                          UMockdevIoctlData* arg) {
  switch (request) {
    case USBDEVFS_GETDRIVER: {
      // A claimed interface is bound to "usbfs", as in the kernel.
      std::string driver = claimed_ ? "usbfs" : (driver_bound_ ? kernel_driver_ : "");
      if (driver.empty()) return Reply{-1, ENODATA};
      UMockdevIoctlData* d =
          umockdev_ioctl_data_resolve(arg, 0, sizeof(usbdevfs_getdriver), nullptr);
      auto* out = reinterpret_cast<usbdevfs_getdriver*>(d->data);
      std::snprintf(out->driver, sizeof out->driver, "%s", driver.c_str());
      g_object_unref(d);  // the argument keeps it until it is written back
      return Reply{};
    }
    case USBDEVFS_IOCTL: {
      int code = Read<usbdevfs_ioctl>(arg).ioctl_code;
      if (code == static_cast<int>(USBDEVFS_DISCONNECT)) {
        if (!driver_bound_) return Reply{-1, ENODATA};
        driver_bound_ = false;
        ++driver_detaches_;
        return Reply{};
      }
      if (code == static_cast<int>(USBDEVFS_CONNECT)) {
        if (claimed_ || kernel_driver_.empty()) return Reply{0, 0};  // nothing bound
        driver_bound_ = true;
        return Reply{1, 0};
      }
      return Reply{-1, ENOTTY};
    }
    case USBDEVFS_DISCONNECT_CLAIM:
      // libusb asks for "any driver except usbfs", which is all this models.
      if (claim_error_ != 0) return Reply{-1, claim_error_};
      if (driver_bound_) {
        driver_bound_ = false;
        ++driver_detaches_;
      }
      claimed_ = true;
      return Reply{};
    case USBDEVFS_CLAIMINTERFACE:
      if (claim_error_ != 0) return Reply{-1, claim_error_};
      if (driver_bound_) return Reply{-1, EBUSY};
      claimed_ = true;
      return Reply{};
    case USBDEVFS_RELEASEINTERFACE:
      claimed_ = false;
      return Reply{};
    default:
      return std::nullopt;
  }
}

}  // namespace gb::usb::testing
