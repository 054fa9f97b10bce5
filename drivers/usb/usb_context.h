// UsbContext: owns one libusb context and answers "which printers and
// scanners are plugged in?".
//
// Ownership: created once per process (or per test) with Create() and shared
// by every UsbPrinter, UsbHidScanner and HotplugWatcher made from it; they
// hold a shared_ptr, so the context lives until the last of them is gone.
// Thread-safety: all methods may be called from any thread (libusb contexts
// are thread-safe).
#pragma once

#include <memory>
#include <span>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "drivers/usb/usb_device_info.h"

struct libusb_context;  // from libusb.h, kept out of this header

namespace gb::usb {

class UsbContext {
 public:
  // Fails with "io_error" if libusb cannot start (no usbfs, no memory).
  static base::Result<std::shared_ptr<UsbContext>> Create();
  ~UsbContext();
  UsbContext(const UsbContext&) = delete;
  UsbContext& operator=(const UsbContext&) = delete;

  // Receipt printers: devices with a printer-class interface (7) that has a
  // bulk OUT endpoint, and devices whose vid:pid is a row of the escpos
  // profile table. profile is the row name or "generic". Strings are read
  // from the device and left empty when it cannot be opened. Order: libusb's.
  // An empty list is not an error.
  std::vector<UsbDeviceInfo> ListPrinters() const;

  // HID POS barcode scanners: HID interfaces (class 3) with an interrupt IN
  // endpoint whose report descriptor uses usage page 0x8C, plus HID
  // interfaces of devices whose vid:pid is in `configured` (scanners that
  // pose as keyboards).
  std::vector<UsbDeviceInfo> ListScanners(std::span<const UsbId> configured = {}) const;

  // The first printer the selector ("usb", "usb:VID:PID") matches. Fails with
  // "bad_selector" or "no_device" (the message lists what was found).
  base::Result<UsbDeviceInfo> FindPrinter(std::string_view selector) const;
  base::Result<UsbDeviceInfo> FindScanner(std::string_view selector,
                                          std::span<const UsbId> configured = {}) const;

  // For drivers/usb only.
  libusb_context* raw() const { return ctx_; }

 private:
  explicit UsbContext(libusb_context* ctx) : ctx_(ctx) {}

  libusb_context* ctx_;
};

}  // namespace gb::usb
