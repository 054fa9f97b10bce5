// Test support: what an emulated USB device looks like, and its umockdev
// description (the text umockdev_testbed_add_from_string() reads).
//
// One device, one configuration, one interface. The sysfs "descriptors"
// attribute carries the device, configuration, interface, HID class (for
// class 3) and endpoint descriptors, bus-endian, as the kernel writes them.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "drivers/usb/usb_device_info.h"

namespace gb::usb::testing {

struct EndpointSpec {
  std::uint8_t address = 0;     // bit 7 set: IN
  std::uint8_t attributes = 2;  // 2 bulk, 3 interrupt
  std::uint16_t max_packet = 64;
  std::uint8_t interval = 0;
};

struct UsbDeviceSpec {
  UsbId id;
  std::string manufacturer;
  std::string product;
  std::string serial = "0001";
  std::uint8_t interface_class = 0;
  std::uint8_t interface_subclass = 0;
  std::uint8_t interface_protocol = 0;
  std::vector<EndpointSpec> endpoints;
  std::vector<std::uint8_t> hid_report_descriptor;  // class 3 only
  // Put the report descriptor in sysfs under a hid child node, as the kernel
  // does while usbhid is bound, instead of answering GET_DESCRIPTOR for it.
  bool report_descriptor_in_sysfs = false;
  std::string kernel_driver;  // bound when plugged: "usblp", "usbhid", or none
  int port = 2;               // sysfs name "1-<port>"

  // Class 7/1/2 (bidirectional printer), bulk OUT 0x01, bulk IN 0x82, usblp.
  static UsbDeviceSpec Printer(UsbId id, std::string manufacturer, std::string product, int port);
  // Class 3, interrupt IN 0x81 (8-byte reports), usbhid, a report descriptor
  // with usage page 0x8C when hid_pos, a boot keyboard's otherwise.
  static UsbDeviceSpec HidScanner(UsbId id, std::string product, bool hid_pos, int port);
};

// How the device answers a control transfer, given its 8-byte setup
// packet: host-to-device requests are accepted without data; GET_DESCRIPTOR
// (bmRequestType 0x80 device, 0x81 interface) returns the device
// descriptor, string descriptors 0 (languages), 1 manufacturer, 2 product,
// 3 serial, or the HID report descriptor, cut to wLength; anything else
// stalls (status -EPIPE).
struct ControlAnswer {
  int status = 0;
  std::vector<std::uint8_t> data;
};
ControlAnswer AnswerControl(const UsbDeviceSpec& spec, std::span<const std::uint8_t, 8> setup);

// The descriptors attribute: device, configuration and the rest.
std::vector<std::uint8_t> SysfsDescriptors(const UsbDeviceSpec& spec);

// umockdev text for the usb_device node, its usb_interface child and, with
// report_descriptor_in_sysfs, the hid node below it. Bus 1.
std::string UmockdevText(const UsbDeviceSpec& spec, int devnum);

// Sysfs paths (as umockdev names them) of the device and interface nodes.
std::string DeviceSyspath(const UsbDeviceSpec& spec);
std::string InterfaceSyspath(const UsbDeviceSpec& spec);

// "/dev/bus/usb/001/NNN".
std::string DevNode(int devnum);

}  // namespace gb::usb::testing
