// UsbHidScanner: raw input reports from a USB HID barcode scanner.
//
// Open() finds the scanner by selector ("usb", "usb:VID:PID"; see
// UsbContext::ListScanners for what counts as a scanner), detaches usbhid
// for as long as the object lives, claims the HID interface and keeps one
// interrupt IN transfer in flight. Each completed transfer is one report,
// handed to the callback as the device sent it; decoding is the HID report
// decoder's job (drivers/scanner), not this class's.
//
// The callback gets (ok, report) for every report, in order. A failure
// ("unplugged" when the scanner is pulled out, "io_error" for a stall or a
// bus error) is its last call: reading has stopped, and a new scanner must
// be opened once the device is back.
//
// Thread-safety: the object owns one thread that pumps libusb events and
// calls the callback, one call at a time and outside any libusb callback.
// Open() and Stop()/the destructor are called from one owning thread.
// REQUIRES: the callback does not call Stop() or destroy the scanner.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <span>
#include <string_view>
#include <thread>
#include <vector>

#include "core/base/result.h"
#include "drivers/usb/usb_context.h"
#include "drivers/usb/usb_device_info.h"

struct libusb_transfer;

namespace gb::usb {

namespace internal {
class UsbHandle;
}

class UsbHidScanner {
 public:
  using ReportCallback =
      std::function<void(const base::Status& status, std::span<const std::uint8_t> report)>;

  // Errors: "bad_selector", "no_device", "unplugged", "busy", "no_permission",
  // "io_error".
  static base::Result<std::unique_ptr<UsbHidScanner>> Open(std::shared_ptr<UsbContext> ctx,
                                                           std::string_view selector,
                                                           ReportCallback callback,
                                                           std::span<const UsbId> configured = {});
  ~UsbHidScanner();  // Stop()
  UsbHidScanner(const UsbHidScanner&) = delete;
  UsbHidScanner& operator=(const UsbHidScanner&) = delete;

  // Cancels the transfer and ends the thread. Idempotent. When it returns,
  // no callback runs. Reports that completed before Stop() are delivered.
  void Stop();

  const UsbDeviceInfo& info() const { return info_; }
  // The HID report descriptor, read once at Open() for the report decoder
  // (scanner::ParseHidPosLayout); empty if the device would not give it.
  const std::vector<std::uint8_t>& report_descriptor() const { return report_descriptor_; }

 private:
  struct Item {
    base::Status status;
    std::vector<std::uint8_t> report;
  };

  UsbHidScanner(std::shared_ptr<UsbContext> ctx, std::unique_ptr<internal::UsbHandle> handle,
                UsbDeviceInfo info, ReportCallback callback);
  base::Status Submit(std::uint8_t endpoint, std::uint16_t packet);
  static void OnTransfer(libusb_transfer* transfer);
  void Run();

  std::shared_ptr<UsbContext> ctx_;
  std::unique_ptr<internal::UsbHandle> handle_;
  UsbDeviceInfo info_;
  ReportCallback callback_;
  std::vector<std::uint8_t> report_descriptor_;
  std::vector<std::uint8_t> buffer_;
  libusb_transfer* transfer_ = nullptr;

  std::mutex mu_;
  bool stopping_ = false;
  bool in_flight_ = false;  // the transfer is submitted and not yet back
  std::deque<Item> queue_;
  std::thread thread_;
};

}  // namespace gb::usb
