// Internal to drivers/usb: walking libusb's device list and reading what a
// device offers (interfaces, endpoints, strings, HID report descriptor).
// UsbContext, UsbPrinter, UsbHidScanner and HotplugWatcher share these so
// that "is this a printer?" has one answer.
//
// Nothing here blocks for long: descriptors come from libusb's cache, except
// ReadStrings and ReadHidReportDescriptor, which do control transfers with a
// short timeout and must not be called from inside a libusb callback.
// Thread-safety: free functions; libusb's own locking applies.
#pragma once

#include <libusb.h>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <vector>

#include "core/base/status.h"
#include "drivers/usb/usb_device_info.h"

namespace gb::usb::internal {

inline constexpr std::uint8_t kClassPrinter = 0x07;
inline constexpr std::uint8_t kClassHid = 0x03;
inline constexpr unsigned kControlTimeoutMs = 250;

// One interface (alternate setting 0) of the active configuration.
struct InterfaceEndpoints {
  std::uint8_t interface_number = 0;
  std::uint8_t interface_class = 0;
  std::uint8_t bulk_out = 0;  // endpoint addresses; 0 means none
  std::uint8_t bulk_in = 0;
  std::uint8_t interrupt_in = 0;
  std::uint16_t bulk_in_max_packet = 0;
  std::uint16_t interrupt_in_max_packet = 0;
};

struct DeviceUnref {
  void operator()(libusb_device* d) const { libusb_unref_device(d); }
};
using DevicePtr = std::unique_ptr<libusb_device, DeviceUnref>;

// The device at bus/address, referenced; null if it is not (or no longer) there.
DevicePtr FindByAddress(libusb_context* ctx, std::uint8_t bus, std::uint8_t address);

// Calls `fn` for every device libusb knows, with the list held (devices stay
// valid during the call). Fails only if libusb cannot build the list.
base::Status ForEachDevice(libusb_context* ctx, const std::function<void(libusb_device*)>& fn);

// Interfaces of the active configuration; empty if it cannot be read
// (unconfigured, or gone).
std::vector<InterfaceEndpoints> ListInterfaces(libusb_device* device);

// Bus, address and vid:pid from the cached device descriptor.
UsbDeviceInfo BasicInfo(libusb_device* device);

// A printer is a class-7 interface, or any device whose vid:pid is a row of
// the escpos profile table (then its first interface with a bulk OUT
// endpoint). Sets profile to the row's name or "generic".
std::optional<std::pair<UsbDeviceInfo, InterfaceEndpoints>> MatchPrinter(libusb_device* device);

// A scanner is a class-3 interface with an interrupt IN endpoint whose report
// descriptor uses usage page 0x8C, or any such interface on a device whose
// vid:pid is in `configured`. Reads the report descriptor (see below).
std::optional<std::pair<UsbDeviceInfo, InterfaceEndpoints>> MatchScanner(
    libusb_device* device, std::span<const UsbId> configured);

// Fills manufacturer and product from the string descriptors. Opens the
// device briefly; leaves them empty if it cannot (permissions, gone), and
// clears `accessible` when the OS refused (LIBUSB_ERROR_ACCESS).
void ReadStrings(libusb_device* device, UsbDeviceInfo* info);

// The HID report descriptor of `interface_number`. Tries the kernel's copy in
// sysfs first (it is there while usbhid holds the interface, which then also
// refuses usbfs control requests from anyone else), then asks the device with
// GET_DESCRIPTOR through `handle`, or through a handle opened for the purpose
// when `handle` is null. Pass the handle that claimed the interface, if any:
// the kernel refuses interface requests on other handles then.
std::optional<std::vector<std::uint8_t>> ReadHidReportDescriptor(libusb_device* device,
                                                                 libusb_device_handle* handle,
                                                                 std::uint8_t interface_number);

}  // namespace gb::usb::internal
