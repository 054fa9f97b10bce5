// Internal to drivers/usb: an open device with one claimed interface.
//
// Open() asks libusb to detach the kernel driver while the interface is
// claimed (libusb_set_auto_detach_kernel_driver): usblp holds receipt
// printers and usbhid holds scanners, and both would make the claim fail
// with "busy". The destructor releases the interface, which lets the kernel
// driver re-attach, and closes the device. Both tolerate an unplugged device.
// Thread-safety: the handle may be used from several threads (libusb handles
// are thread-safe); construction and destruction are single-threaded.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "core/base/result.h"

struct libusb_device;
struct libusb_device_handle;

namespace gb::usb::internal {

class UsbHandle {
 public:
  // `description` ("usb 04b8:0e15 EPSON TM-T20") is used in error messages.
  // Errors: "unplugged", "no_permission", "busy", "io_error".
  static base::Result<std::unique_ptr<UsbHandle>> Open(libusb_device* device,
                                                       std::uint8_t interface_number,
                                                       std::string description);
  ~UsbHandle();
  UsbHandle(const UsbHandle&) = delete;
  UsbHandle& operator=(const UsbHandle&) = delete;

  libusb_device_handle* get() const { return handle_; }
  const std::string& description() const { return description_; }

 private:
  UsbHandle(libusb_device_handle* handle, std::uint8_t interface_number, std::string description)
      : handle_(handle),
        interface_number_(interface_number),
        description_(std::move(description)) {}

  libusb_device_handle* handle_;
  std::uint8_t interface_number_;
  std::string description_;
};

}  // namespace gb::usb::internal
