#include "tests/drivers/usb/usb_device_spec.h"

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <optional>

namespace gb::usb::testing {
namespace {

void Put16(std::vector<std::uint8_t>* out, std::uint16_t v) {
  out->push_back(static_cast<std::uint8_t>(v & 0xFF));
  out->push_back(static_cast<std::uint8_t>(v >> 8));
}

std::string Hex(const std::vector<std::uint8_t>& bytes) {
  std::string out;
  char buf[3];
  for (std::uint8_t b : bytes) {
    std::snprintf(buf, sizeof buf, "%02x", b);
    out += buf;
  }
  return out;
}

std::string Hex2(unsigned v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%02x", v);
  return buf;
}

std::string Hex4(unsigned v) {
  char buf[8];
  std::snprintf(buf, sizeof buf, "%04x", v);
  return buf;
}

// A boot keyboard: usage page 1 (Generic Desktop), usage 6 (Keyboard).
const std::vector<std::uint8_t> kKeyboardReport = {0x05, 0x01, 0x09, 0x06, 0xA1, 0x01, 0x05, 0x07,
                                                   0x19, 0xE0, 0x29, 0xE7, 0x15, 0x00, 0x25, 0x01,
                                                   0x75, 0x01, 0x95, 0x08, 0x81, 0x02, 0xC0};
// A HID POS scanner: usage page 0x8C (Bar Code Scanner), usage 2 (Bar Code
// Scanner), then an 8-byte input report of Decoded Data (0xFE).
const std::vector<std::uint8_t> kHidPosReport = {0x06, 0x8C, 0x00, 0x09, 0x02, 0xA1, 0x01,
                                                 0x09, 0xFE, 0x15, 0x00, 0x26, 0xFF, 0x00,
                                                 0x75, 0x08, 0x95, 0x08, 0x81, 0x02, 0xC0};

std::vector<std::uint8_t> StringDescriptor(const std::string& text) {
  std::vector<std::uint8_t> d = {static_cast<std::uint8_t>(2 + 2 * text.size()), 3};
  for (char c : text) d.insert(d.end(), {static_cast<std::uint8_t>(c), 0});  // UTF-16LE, ASCII only
  return d;
}

std::optional<std::vector<std::uint8_t>> DescriptorAnswer(const UsbDeviceSpec& spec,
                                                          std::uint8_t request_type,
                                                          unsigned value) {
  unsigned type = value >> 8;
  unsigned index = value & 0xFF;
  if (request_type == 0x80 && type == 1) {
    std::vector<std::uint8_t> d = SysfsDescriptors(spec);
    d.resize(18);
    return d;
  }
  if (request_type == 0x80 && type == 3) {
    switch (index) {
      case 0:
        return std::vector<std::uint8_t>{4, 3, 0x09, 0x04};  // US English
      case 1:
        return StringDescriptor(spec.manufacturer);
      case 2:
        return StringDescriptor(spec.product);
      case 3:
        return StringDescriptor(spec.serial);
      default:
        return std::nullopt;
    }
  }
  if (request_type == 0x81 && type == 0x22 && !spec.hid_report_descriptor.empty()) {
    return spec.hid_report_descriptor;
  }
  return std::nullopt;
}

}  // namespace

UsbDeviceSpec UsbDeviceSpec::Printer(UsbId id, std::string manufacturer, std::string product,
                                     int port) {
  UsbDeviceSpec s;
  s.id = id;
  s.manufacturer = std::move(manufacturer);
  s.product = std::move(product);
  s.interface_class = 7;
  s.interface_subclass = 1;
  s.interface_protocol = 2;
  s.endpoints = {{0x01, 2, 64, 0}, {0x82, 2, 64, 0}};
  s.kernel_driver = "usblp";
  s.port = port;
  return s;
}

UsbDeviceSpec UsbDeviceSpec::HidScanner(UsbId id, std::string product, bool hid_pos, int port) {
  UsbDeviceSpec s;
  s.id = id;
  s.manufacturer = "Honeywell";
  s.product = std::move(product);
  s.interface_class = 3;
  s.endpoints = {{0x81, 3, 8, 1}};
  s.hid_report_descriptor = hid_pos ? kHidPosReport : kKeyboardReport;
  s.kernel_driver = "usbhid";
  s.port = port;
  return s;
}

std::vector<std::uint8_t> SysfsDescriptors(const UsbDeviceSpec& spec) {
  std::vector<std::uint8_t> d = {18, 1};
  Put16(&d, 0x0200);                 // bcdUSB
  d.insert(d.end(), {0, 0, 0, 64});  // class, subclass, protocol, bMaxPacketSize0
  Put16(&d, spec.id.vid);
  Put16(&d, spec.id.pid);
  Put16(&d, 0x0100);                // bcdDevice
  d.insert(d.end(), {1, 2, 3, 1});  // iManufacturer, iProduct, iSerial, bNumConfigurations

  std::vector<std::uint8_t> rest;
  rest.insert(rest.end(),
              {9, 4, 0, 0, static_cast<std::uint8_t>(spec.endpoints.size()), spec.interface_class,
               spec.interface_subclass, spec.interface_protocol, 0});
  if (spec.interface_class == 3) {
    rest.insert(rest.end(), {9, 0x21, 0x11, 0x01, 0, 1, 0x22});
    Put16(&rest, static_cast<std::uint16_t>(spec.hid_report_descriptor.size()));
  }
  for (const EndpointSpec& e : spec.endpoints) {
    rest.insert(rest.end(), {7, 5, e.address, e.attributes});
    Put16(&rest, e.max_packet);
    rest.push_back(e.interval);
  }
  d.insert(d.end(), {9, 2});
  Put16(&d, static_cast<std::uint16_t>(9 + rest.size()));
  d.insert(d.end(), {1, 1, 0, 0xC0, 50});  // 1 interface, config 1, self-powered, 100 mA
  d.insert(d.end(), rest.begin(), rest.end());
  return d;
}

ControlAnswer AnswerControl(const UsbDeviceSpec& spec, std::span<const std::uint8_t, 8> setup) {
  std::uint8_t request_type = setup[0];
  unsigned value = unsigned{setup[2]} | (unsigned{setup[3]} << 8);
  size_t length = static_cast<size_t>(setup[6] | (setup[7] << 8));
  if ((request_type & 0x80) == 0) return {};  // host-to-device: accepted, no data
  std::optional<std::vector<std::uint8_t>> answer;
  if (setup[1] == 6) answer = DescriptorAnswer(spec, request_type, value);  // GET_DESCRIPTOR
  if (!answer) return ControlAnswer{-EPIPE, {}};  // a device stalls what it does not support
  answer->resize(std::min(answer->size(), length));
  return ControlAnswer{0, std::move(*answer)};
}

std::string DeviceSyspath(const UsbDeviceSpec& spec) {
  return "/sys/devices/pci0000:00/0000:00:14.0/usb1/1-" + std::to_string(spec.port);
}

std::string InterfaceSyspath(const UsbDeviceSpec& spec) {
  return DeviceSyspath(spec) + "/1-" + std::to_string(spec.port) + ":1.0";
}

std::string DevNode(int devnum) {
  char buf[32];
  std::snprintf(buf, sizeof buf, "/dev/bus/usb/001/%03d", devnum);
  return buf;
}

std::string UmockdevText(const UsbDeviceSpec& spec, int devnum) {
  std::string dev_path = DeviceSyspath(spec).substr(4);  // without "/sys"
  std::string intf_path = InterfaceSyspath(spec).substr(4);
  std::string node = DevNode(devnum).substr(5);  // without "/dev/"
  char devnum3[8];
  std::snprintf(devnum3, sizeof devnum3, "%03d", devnum);
  // Attribute values end in a newline (written "\\n" in this format), as in
  // the kernel's sysfs; libusb warns about and mis-parses values without one.
  std::string t;
  t += "P: " + dev_path + "\n";
  t += "N: " + node + "\n";
  t += "E: SUBSYSTEM=usb\nE: DEVTYPE=usb_device\nE: DRIVER=usb\n";
  t += "E: BUSNUM=001\nE: DEVNUM=" + std::string(devnum3) + "\n";
  t += "E: DEVNAME=/dev/" + node + "\n";
  t += "E: PRODUCT=" + Hex4(spec.id.vid) + "/" + Hex4(spec.id.pid) + "/100\n";
  t += "A: busnum=1\\n\nA: devnum=" + std::to_string(devnum) + "\\n\n";
  t += "A: speed=12\\n\nA: bConfigurationValue=1\\n\nA: bNumInterfaces= 1\\n\n";
  t += "A: idVendor=" + Hex4(spec.id.vid) + "\\n\nA: idProduct=" + Hex4(spec.id.pid) + "\\n\n";
  t += "A: manufacturer=" + spec.manufacturer + "\\n\nA: product=" + spec.product + "\\n\n";
  t += "H: descriptors=" + Hex(SysfsDescriptors(spec)) + "\n\n";

  t += "P: " + intf_path + "\n";
  t += "E: SUBSYSTEM=usb\nE: DEVTYPE=usb_interface\n";
  if (!spec.kernel_driver.empty()) t += "E: DRIVER=" + spec.kernel_driver + "\n";
  t += "E: INTERFACE=" + std::to_string(spec.interface_class) + "/" +
       std::to_string(spec.interface_subclass) + "/" + std::to_string(spec.interface_protocol) +
       "\n";
  t += "A: bInterfaceNumber=00\\n\nA: bAlternateSetting= 0\\n\n";
  t += "A: bInterfaceClass=" + Hex2(spec.interface_class) + "\\n\n";
  t += "A: bInterfaceSubClass=" + Hex2(spec.interface_subclass) + "\\n\n";
  t += "A: bInterfaceProtocol=" + Hex2(spec.interface_protocol) + "\\n\n";
  t += "A: bNumEndpoints=" + Hex2(static_cast<unsigned>(spec.endpoints.size())) + "\\n\n\n";

  if (spec.report_descriptor_in_sysfs) {
    t += "P: " + intf_path + "/0003:" + Hex4(spec.id.vid) + ":" + Hex4(spec.id.pid) + ".0001\n";
    t += "E: SUBSYSTEM=hid\nE: DRIVER=hid-generic\n";
    t += "H: report_descriptor=" + Hex(spec.hid_report_descriptor) + "\n\n";
  }
  return t;
}

}  // namespace gb::usb::testing
