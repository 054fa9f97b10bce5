#include "drivers/usb/device_scan.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <system_error>

#include "drivers/escpos/printer_profile.h"
#include "drivers/usb/hid_descriptor.h"
#include "drivers/usb/usb_error.h"

namespace gb::usb::internal {
namespace {

constexpr std::uint8_t kDescriptorTypeHid = 0x21;
constexpr std::uint8_t kDescriptorTypeReport = 0x22;
constexpr std::uint16_t kDefaultReportLength = 1024;
constexpr std::uint8_t kGetInterfaceDescriptor =  // bmRequestType 0x81
    static_cast<std::uint8_t>(LIBUSB_ENDPOINT_IN) |
    static_cast<std::uint8_t>(LIBUSB_REQUEST_TYPE_STANDARD) |
    static_cast<std::uint8_t>(LIBUSB_RECIPIENT_INTERFACE);

struct ConfigDeleter {
  void operator()(libusb_config_descriptor* c) const { libusb_free_config_descriptor(c); }
};
using ConfigPtr = std::unique_ptr<libusb_config_descriptor, ConfigDeleter>;

struct HandleCloser {
  void operator()(libusb_device_handle* h) const { libusb_close(h); }
};
using HandlePtr = std::unique_ptr<libusb_device_handle, HandleCloser>;

ConfigPtr ActiveConfig(libusb_device* device) {
  libusb_config_descriptor* config = nullptr;
  if (libusb_get_active_config_descriptor(device, &config) != LIBUSB_SUCCESS) return nullptr;
  return ConfigPtr(config);
}

// wDescriptorLength of the report descriptor, from the HID class descriptor
// that follows the interface descriptor (HID 1.11, section 6.2.1).
std::uint16_t ReportLengthFromHidDescriptor(const libusb_interface_descriptor& alt) {
  std::span<const unsigned char> extra(alt.extra,
                                       static_cast<size_t>(std::max(alt.extra_length, 0)));
  size_t i = 0;
  while (i + 2 <= extra.size() && extra[i] >= 2) {
    size_t len = extra[i];
    if (extra[i + 1] == kDescriptorTypeHid && len >= 9 && i + len <= extra.size() &&
        extra[i + 6] == kDescriptorTypeReport) {
      return static_cast<std::uint16_t>(extra[i + 7] | (extra[i + 8] << 8));
    }
    i += len;
  }
  return kDefaultReportLength;
}

std::optional<std::vector<std::uint8_t>> ReadSysfsReportDescriptor(libusb_device* device,
                                                                   std::uint8_t interface_number) {
  std::uint8_t ports[8];
  int n = libusb_get_port_numbers(device, ports, sizeof ports);
  ConfigPtr config = ActiveConfig(device);
  if (n <= 0 || !config) return std::nullopt;
  // The kernel names an interface "<bus>-<port>.<port>...:<config>.<interface>".
  std::string name = std::to_string(libusb_get_bus_number(device)) + "-";
  for (int i = 0; i < n; ++i) {
    if (i > 0) name += ".";
    name += std::to_string(ports[i]);
  }
  name +=
      ":" + std::to_string(config->bConfigurationValue) + "." + std::to_string(interface_number);
  std::error_code ec;
  std::filesystem::directory_iterator it("/sys/bus/usb/devices/" + name, ec);
  if (ec) return std::nullopt;
  for (const auto& entry : it) {
    std::ifstream in(entry.path() / "report_descriptor", std::ios::binary);
    if (!in) continue;
    std::vector<std::uint8_t> bytes((std::istreambuf_iterator<char>(in)),
                                    std::istreambuf_iterator<char>());
    if (!bytes.empty()) return bytes;
  }
  return std::nullopt;
}

}  // namespace

base::Status ForEachDevice(libusb_context* ctx, const std::function<void(libusb_device*)>& fn) {
  libusb_device** list = nullptr;
  ssize_t count = libusb_get_device_list(ctx, &list);
  if (count < 0) return UsbError(static_cast<int>(count), "listing USB devices", "usb");
  for (ssize_t i = 0; i < count; ++i) fn(list[i]);
  libusb_free_device_list(list, 1);
  return base::Status::Ok();
}

DevicePtr FindByAddress(libusb_context* ctx, std::uint8_t bus, std::uint8_t address) {
  DevicePtr found;
  base::Status st = ForEachDevice(ctx, [&](libusb_device* device) {
    if (!found && libusb_get_bus_number(device) == bus &&
        libusb_get_device_address(device) == address) {
      found.reset(libusb_ref_device(device));
    }
  });
  if (!st.ok()) return nullptr;
  return found;
}

std::vector<InterfaceEndpoints> ListInterfaces(libusb_device* device) {
  std::vector<InterfaceEndpoints> out;
  ConfigPtr config = ActiveConfig(device);
  if (!config) return out;
  for (int i = 0; i < config->bNumInterfaces; ++i) {
    const libusb_interface& intf = config->interface[i];
    if (intf.num_altsetting < 1) continue;
    const libusb_interface_descriptor& alt = intf.altsetting[0];
    InterfaceEndpoints e;
    e.interface_number = alt.bInterfaceNumber;
    e.interface_class = alt.bInterfaceClass;
    for (int k = 0; k < alt.bNumEndpoints; ++k) {
      const libusb_endpoint_descriptor& ep = alt.endpoint[k];
      bool in = (ep.bEndpointAddress & LIBUSB_ENDPOINT_DIR_MASK) == LIBUSB_ENDPOINT_IN;
      auto type = ep.bmAttributes & LIBUSB_TRANSFER_TYPE_MASK;
      if (type == LIBUSB_TRANSFER_TYPE_BULK && !in && e.bulk_out == 0) {
        e.bulk_out = ep.bEndpointAddress;
      } else if (type == LIBUSB_TRANSFER_TYPE_BULK && in && e.bulk_in == 0) {
        e.bulk_in = ep.bEndpointAddress;
        e.bulk_in_max_packet = ep.wMaxPacketSize;
      } else if (type == LIBUSB_TRANSFER_TYPE_INTERRUPT && in && e.interrupt_in == 0) {
        e.interrupt_in = ep.bEndpointAddress;
        e.interrupt_in_max_packet = ep.wMaxPacketSize;
      }
    }
    out.push_back(e);
  }
  return out;
}

UsbDeviceInfo BasicInfo(libusb_device* device) {
  UsbDeviceInfo info;
  info.bus = libusb_get_bus_number(device);
  info.address = libusb_get_device_address(device);
  libusb_device_descriptor desc{};
  // Always succeeds since libusb 1.0.16: the descriptor is cached.
  if (libusb_get_device_descriptor(device, &desc) == LIBUSB_SUCCESS) {
    info.id = UsbId{desc.idVendor, desc.idProduct};
  }
  return info;
}

std::optional<std::pair<UsbDeviceInfo, InterfaceEndpoints>> MatchPrinter(libusb_device* device) {
  UsbDeviceInfo info = BasicInfo(device);
  auto profile = escpos::FindProfileByUsbId(info.id.vid, info.id.pid);
  info.profile = profile.ok() ? std::string(profile->name) : "generic";
  std::vector<InterfaceEndpoints> interfaces = ListInterfaces(device);
  for (const InterfaceEndpoints& e : interfaces) {
    if (e.interface_class == kClassPrinter && e.bulk_out != 0) {
      info.interface_number = e.interface_number;
      return std::pair{info, e};
    }
  }
  // A known model that hides behind a vendor-specific class.
  if (profile.ok()) {
    for (const InterfaceEndpoints& e : interfaces) {
      if (e.bulk_out != 0) {
        info.interface_number = e.interface_number;
        return std::pair{info, e};
      }
    }
  }
  return std::nullopt;
}

std::optional<std::pair<UsbDeviceInfo, InterfaceEndpoints>> MatchScanner(
    libusb_device* device, std::span<const UsbId> configured) {
  UsbDeviceInfo info = BasicInfo(device);
  bool is_configured = std::find(configured.begin(), configured.end(), info.id) != configured.end();
  for (const InterfaceEndpoints& e : ListInterfaces(device)) {
    if (e.interface_class != kClassHid || e.interrupt_in == 0) continue;
    info.interface_number = e.interface_number;
    if (is_configured) {
      info.profile = "configured";
      return std::pair{info, e};
    }
    auto report = ReadHidReportDescriptor(device, nullptr, e.interface_number);
    if (report && ReportDescriptorUsesPage(*report, kHidUsagePageBarCodeScanner)) {
      info.profile = "hid-pos";
      return std::pair{info, e};
    }
  }
  return std::nullopt;
}

void ReadStrings(libusb_device* device, UsbDeviceInfo* info) {
  libusb_device_descriptor desc{};
  if (libusb_get_device_descriptor(device, &desc) != LIBUSB_SUCCESS) return;
  // Opened even without strings: whether it opens at all is what an
  // installer needs to know (accessible).
  libusb_device_handle* raw = nullptr;
  const int rc = libusb_open(device, &raw);
  if (rc == LIBUSB_ERROR_ACCESS) info->accessible = false;
  if (rc != LIBUSB_SUCCESS) return;
  HandlePtr handle(raw);
  if (desc.iManufacturer == 0 && desc.iProduct == 0) return;
  unsigned char buf[256];
  auto read = [&](std::uint8_t index, std::string* out) {
    if (index == 0) return;
    int n = libusb_get_string_descriptor_ascii(handle.get(), index, buf, sizeof buf);
    if (n > 0) out->assign(reinterpret_cast<const char*>(buf), static_cast<size_t>(n));
  };
  read(desc.iManufacturer, &info->manufacturer);
  read(desc.iProduct, &info->product);
}

std::optional<std::vector<std::uint8_t>> ReadHidReportDescriptor(libusb_device* device,
                                                                 libusb_device_handle* handle,
                                                                 std::uint8_t interface_number) {
  if (auto sysfs = ReadSysfsReportDescriptor(device, interface_number)) return sysfs;

  std::uint16_t length = kDefaultReportLength;
  if (ConfigPtr config = ActiveConfig(device)) {
    for (int i = 0; i < config->bNumInterfaces; ++i) {
      const libusb_interface& intf = config->interface[i];
      if (intf.num_altsetting > 0 && intf.altsetting[0].bInterfaceNumber == interface_number) {
        length = ReportLengthFromHidDescriptor(intf.altsetting[0]);
      }
    }
  }
  HandlePtr opened;
  if (handle == nullptr) {
    libusb_device_handle* raw = nullptr;
    if (libusb_open(device, &raw) != LIBUSB_SUCCESS) return std::nullopt;
    opened.reset(raw);
    handle = raw;
  }
  std::vector<std::uint8_t> bytes(length);
  int n = libusb_control_transfer(handle, kGetInterfaceDescriptor, LIBUSB_REQUEST_GET_DESCRIPTOR,
                                  static_cast<std::uint16_t>(kDescriptorTypeReport << 8),
                                  interface_number, bytes.data(), length, kControlTimeoutMs);
  if (n <= 0) return std::nullopt;
  bytes.resize(static_cast<size_t>(n));
  return bytes;
}

}  // namespace gb::usb::internal
