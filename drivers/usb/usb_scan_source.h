// UsbScanSource: a USB barcode scanner as a source of scanned text, the same
// "scanned" event a keyboard-wedge scanner gives through WedgeDecoder.
//
// Opens the scanner (UsbHidScanner) and picks the decoder from its report
// descriptor: a HID POS Scanned Data Report (scanner::ParseHidPosLayout) is
// decoded by HidPosDecoder; anything else is read as a boot keyboard (a
// scanner in keyboard mode, opened by a configured vid:pid). Long codes that
// span several reports are joined.
//
// on_scan(text) is called once per complete scan; on_error(status) for a
// malformed report (reading goes on, the partial scan is dropped) and, as the
// last call, when the scanner goes away ("unplugged") or the bus fails.
// Both run on the scanner's own thread, one call at a time.
// Thread-safety: Open and the destructor belong to one owning thread.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "drivers/usb/usb_hid_scanner.h"

namespace gb::usb {

class UsbScanSource {
 public:
  using ScanCallback = std::function<void(const std::string& text)>;
  using ErrorCallback = std::function<void(const base::Status& status)>;

  // Fails as UsbHidScanner::Open.
  static base::Result<std::unique_ptr<UsbScanSource>> Open(std::shared_ptr<UsbContext> ctx,
                                                           std::string_view selector,
                                                           ScanCallback on_scan,
                                                           ErrorCallback on_error,
                                                           std::span<const UsbId> configured = {});
  ~UsbScanSource();

  const UsbDeviceInfo& info() const;
  // "hid-pos" or "keyboard": which decoder the descriptor chose.
  const std::string& mode() const;

 private:
  struct State;
  UsbScanSource(std::shared_ptr<State> state, std::unique_ptr<UsbHidScanner> scanner);
  std::shared_ptr<State> state_;
  std::unique_ptr<UsbHidScanner> scanner_;
};

}  // namespace gb::usb
