// UsbPrinter: a USB receipt printer's bulk pipes, with the contract of
// printer::Transport (transport.h) without depending on it: the printer
// library wraps it as printer::UsbTransport (drivers/printer/usb_transport.h),
// so the link graph runs printer -> usb and never back.
//
// Open() finds the printer by selector ("usb", "usb:04b8:0e15"), detaches the
// kernel's usblp for as long as the object lives, claims the printer
// interface and picks its bulk OUT and (optional) bulk IN endpoints.
//
// Write sends the job in chunks of kChunkBytes, each with its own timeout:
// "timeout" means one chunk did not move within timeout_ms. Anything short
// of the whole job is a failure whose message says how many bytes went out.
// A stalled endpoint is cleared before the failure ("io_error") is returned,
// so the next job can go.
//
// Read returns what the printer sent back on bulk IN (DLE EOT replies):
// at least one byte, or "timeout" if nothing came within timeout_ms. A status
// poll that times out is a failure, not an empty answer, so the caller can
// tell "printer silent" from "printer said nothing is wrong". A printer with
// no bulk IN endpoint returns 0 at once (Transport's "no way back"). Extra
// bytes of a USB packet larger than the caller's buffer are kept for the
// next Read.
//
// After an unplug every call fails with "unplugged"; make a new UsbPrinter
// once the printer is back (HotplugWatcher says when).
// Thread-compatible: one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"
#include "drivers/usb/usb_context.h"
#include "drivers/usb/usb_device_info.h"

namespace gb::usb {

namespace internal {
class UsbHandle;
}

class UsbPrinter final {
 public:
  static constexpr size_t kChunkBytes = 4096;

  // Errors: "bad_selector", "no_device", "unplugged", "busy", "no_permission",
  // "io_error".
  static base::Result<std::unique_ptr<UsbPrinter>> Open(std::shared_ptr<UsbContext> ctx,
                                                        std::string_view selector);
  ~UsbPrinter();
  UsbPrinter(const UsbPrinter&) = delete;
  UsbPrinter& operator=(const UsbPrinter&) = delete;

  base::Status Write(std::span<const uint8_t> bytes, int timeout_ms);
  base::Result<size_t> Read(std::span<uint8_t> buf, int timeout_ms);
  // "usb 04b8:0e15 EPSON TM-T20".
  std::string Describe() const;

  const UsbDeviceInfo& info() const { return info_; }

 private:
  UsbPrinter(std::shared_ptr<UsbContext> ctx, std::unique_ptr<internal::UsbHandle> handle,
             UsbDeviceInfo info, std::uint8_t out_ep, std::uint8_t in_ep, std::uint16_t in_packet);

  std::shared_ptr<UsbContext> ctx_;
  std::unique_ptr<internal::UsbHandle> handle_;
  UsbDeviceInfo info_;
  std::uint8_t out_ep_;
  std::uint8_t in_ep_;  // 0: no way back
  std::uint16_t in_packet_;
  std::vector<uint8_t> pending_in_;  // bytes read but not yet returned
};

}  // namespace gb::usb
