#include "drivers/usb/usb_device_info.h"

#include <charconv>
#include <cstdio>

namespace gb::usb {
namespace {

std::optional<std::uint16_t> ParseHex16(std::string_view text) {
  if (text.empty() || text.size() > 4) return std::nullopt;
  unsigned value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value, 16);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return static_cast<std::uint16_t>(value);
}

base::Status BadSelector(std::string_view text) {
  return base::Status::InvalidArgument(
      "bad_selector", "USB selector '" + std::string(text) +
                          "' is not 'usb' or 'usb:VID:PID' (hex, e.g. usb:04b8:0e15)");
}

}  // namespace

std::string ToString(UsbId id) {
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04x:%04x", id.vid, id.pid);
  return buf;
}

std::string Describe(const UsbDeviceInfo& device) {
  std::string out = "usb " + ToString(device.id);
  if (!device.manufacturer.empty()) out += " " + device.manufacturer;
  if (!device.product.empty()) out += " " + device.product;
  return out;
}

base::Result<UsbSelector> ParseSelector(std::string_view text) {
  if (text == "usb") return UsbSelector{};
  constexpr std::string_view kPrefix = "usb:";
  if (!text.starts_with(kPrefix)) return BadSelector(text);
  std::string_view rest = text.substr(kPrefix.size());
  size_t colon = rest.find(':');
  if (colon == std::string_view::npos) return BadSelector(text);
  auto vid = ParseHex16(rest.substr(0, colon));
  auto pid = ParseHex16(rest.substr(colon + 1));
  if (!vid || !pid) return BadSelector(text);
  return UsbSelector{UsbId{*vid, *pid}};
}

bool Matches(const UsbSelector& selector, const UsbDeviceInfo& device) {
  return !selector.id || *selector.id == device.id;
}

}  // namespace gb::usb
