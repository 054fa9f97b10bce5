#include "drivers/usb/usb_context.h"

#include <libusb.h>

#include <string>

#include "drivers/usb/device_scan.h"
#include "drivers/usb/usb_error.h"

namespace gb::usb {
namespace {

base::Result<UsbDeviceInfo> FindFirst(std::string_view selector, std::string_view kind,
                                      const std::vector<UsbDeviceInfo>& found) {
  GB_ASSIGN_OR_RETURN(UsbSelector sel, ParseSelector(selector));
  for (const UsbDeviceInfo& d : found) {
    if (Matches(sel, d)) return d;
  }
  // Name what is there, so a wrong vid:pid in the config is obvious.
  std::string seen;
  for (const UsbDeviceInfo& d : found) seen += (seen.empty() ? "" : ", ") + Describe(d);
  return base::Status::NotFound("no_device", "no USB " + std::string(kind) + " matches '" +
                                                 std::string(selector) +
                                                 "'; found: " + (seen.empty() ? "none" : seen));
}

}  // namespace

base::Result<std::shared_ptr<UsbContext>> UsbContext::Create() {
  libusb_context* ctx = nullptr;
  int r = libusb_init(&ctx);
  if (r != LIBUSB_SUCCESS) return UsbError(r, "starting libusb", "usb");
  return std::shared_ptr<UsbContext>(new UsbContext(ctx));
}

UsbContext::~UsbContext() { libusb_exit(ctx_); }

std::vector<UsbDeviceInfo> UsbContext::ListPrinters() const {
  std::vector<UsbDeviceInfo> out;
  // A failed list is reported as "nothing plugged in": callers poll, and the
  // next poll will tell.
  (void)internal::ForEachDevice(ctx_, [&](libusb_device* device) {
    if (auto match = internal::MatchPrinter(device)) {
      internal::ReadStrings(device, &match->first);
      out.push_back(std::move(match->first));
    }
  });
  return out;
}

std::vector<UsbDeviceInfo> UsbContext::ListScanners(std::span<const UsbId> configured) const {
  std::vector<UsbDeviceInfo> out;
  (void)internal::ForEachDevice(ctx_, [&](libusb_device* device) {
    if (auto match = internal::MatchScanner(device, configured)) {
      internal::ReadStrings(device, &match->first);
      out.push_back(std::move(match->first));
    }
  });
  return out;
}

base::Result<UsbDeviceInfo> UsbContext::FindPrinter(std::string_view selector) const {
  return FindFirst(selector, "printer", ListPrinters());
}

base::Result<UsbDeviceInfo> UsbContext::FindScanner(std::string_view selector,
                                                    std::span<const UsbId> configured) const {
  return FindFirst(selector, "scanner", ListScanners(configured));
}

}  // namespace gb::usb
