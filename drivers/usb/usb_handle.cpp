#include "drivers/usb/usb_handle.h"

#include <libusb.h>

#include "drivers/usb/usb_error.h"

namespace gb::usb::internal {

base::Result<std::unique_ptr<UsbHandle>> UsbHandle::Open(libusb_device* device,
                                                         std::uint8_t interface_number,
                                                         std::string description) {
  libusb_device_handle* handle = nullptr;
  int r = libusb_open(device, &handle);
  if (r != LIBUSB_SUCCESS) return UsbError(r, "opening", description);
  // NOT_SUPPORTED only on platforms without kernel drivers to detach; the
  // claim below then tells whether the interface is free.
  r = libusb_set_auto_detach_kernel_driver(handle, 1);
  if (r != LIBUSB_SUCCESS && r != LIBUSB_ERROR_NOT_SUPPORTED) {
    libusb_close(handle);
    return UsbError(r, "detaching the kernel driver of", description);
  }
  r = libusb_claim_interface(handle, interface_number);
  if (r != LIBUSB_SUCCESS) {
    libusb_close(handle);
    return UsbError(r, "claiming interface " + std::to_string(interface_number) + " of",
                    description);
  }
  return std::unique_ptr<UsbHandle>(
      new UsbHandle(handle, interface_number, std::move(description)));
}

UsbHandle::~UsbHandle() {
  // Fails with NO_DEVICE after an unplug; nothing is left to release then.
  libusb_release_interface(handle_, interface_number_);
  libusb_close(handle_);
}

}  // namespace gb::usb::internal
