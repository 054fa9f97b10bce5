#include "drivers/printer/printer_spec.h"

#include <charconv>
#include <cstdio>

namespace gb::printer {
namespace {

base::Status Bad(std::string_view text, const std::string& why) {
  return base::Status::InvalidArgument(
      "bad_printer_spec", "printer '" + std::string(text) + "': " + why +
                              " (use png:DIR, usb, usb:VID:PID or file:PATH)");
}

bool ParseHex16(std::string_view s, uint16_t& out) {
  if (s.size() != 4) return false;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), out, 16);
  return ec == std::errc() && ptr == s.data() + s.size();
}

}  // namespace

std::string PrinterSpec::ToString() const {
  switch (kind) {
    case Kind::kPng: return "png:" + path;
    case Kind::kFile: return "file:" + path;
    case Kind::kUsb: {
      if (vid == 0 && pid == 0) return "usb";
      char buf[16];
      std::snprintf(buf, sizeof buf, "usb:%04x:%04x", vid, pid);
      return buf;
    }
  }
  return "usb";
}

base::Result<PrinterSpec> ParsePrinterSpec(std::string_view text) {
  PrinterSpec spec;
  if (text == "usb") {
    spec.kind = PrinterSpec::Kind::kUsb;
    return spec;
  }
  if (text.starts_with("usb:")) {
    std::string_view ids = text.substr(4);
    size_t colon = ids.find(':');
    if (colon == std::string_view::npos ||
        !ParseHex16(ids.substr(0, colon), spec.vid) || !ParseHex16(ids.substr(colon + 1), spec.pid)) {
      return Bad(text, "USB ids are two groups of 4 hex digits");
    }
    spec.kind = PrinterSpec::Kind::kUsb;
    return spec;
  }
  for (auto [prefix, kind] : {std::pair{std::string_view("png:"), PrinterSpec::Kind::kPng},
                              std::pair{std::string_view("file:"), PrinterSpec::Kind::kFile}}) {
    if (text.starts_with(prefix)) {
      spec.kind = kind;
      spec.path = std::string(text.substr(prefix.size()));
      if (spec.path.empty()) return Bad(text, "the path is empty");
      return spec;
    }
  }
  return Bad(text, "unknown kind");
}

}  // namespace gb::printer
