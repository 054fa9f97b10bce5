// Plain values that describe USB devices, and the printer/scanner selector
// syntax. No libusb here: these are what the rest of the kiosk sees.
//
// Selectors (the kiosk config's "printer" and "scanner" keys):
//   "usb"            the first matching device
//   "usb:VID:PID"    the first matching device with this id (hex, 1-4 digits)
// Thread-safety: values and pure functions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace gb::usb {

struct UsbId {
  std::uint16_t vid = 0;
  std::uint16_t pid = 0;

  bool operator==(const UsbId&) const = default;
};

// "04b8:0e15".
std::string ToString(UsbId id);

struct UsbDeviceInfo {
  std::uint8_t bus = 0;
  std::uint8_t address = 0;
  UsbId id;
  std::string manufacturer;  // string descriptors; empty when unreadable
  std::string product;
  // Printers: the escpos profile name ("epson-tm-t20") or "generic".
  // Scanners: "hid-pos" (report descriptor uses usage page 0x8C) or
  // "configured" (matched by a configured vid:pid).
  std::string profile;
  std::uint8_t interface_number = 0;  // the printer or HID interface
  // False when the OS refused to open the device (libusb's
  // LIBUSB_ERROR_ACCESS): present, but this user lacks the udev rule's
  // permission (packaging/udev/70-groupbuy.rules).
  bool accessible = true;
};

// "usb 04b8:0e15 EPSON TM-T20", or "usb 04b8:0e15" without strings.
std::string Describe(const UsbDeviceInfo& device);

struct UsbSelector {
  std::optional<UsbId> id;  // empty: any device of the kind
};

// Fails with "bad_selector" (kInvalidArgument) naming the accepted forms.
base::Result<UsbSelector> ParseSelector(std::string_view text);

bool Matches(const UsbSelector& selector, const UsbDeviceInfo& device);

}  // namespace gb::usb
