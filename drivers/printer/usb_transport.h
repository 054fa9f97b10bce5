// UsbTransport: a USB receipt printer (usb::UsbPrinter, libusb's bulk pipes)
// as a Transport, beside the file: and png: transports.
//
// The usb library knows nothing of printer::Transport: this adapter is the
// only place the two meet, so printer links usb and usb never links printer.
// Write, Read and Describe are UsbPrinter's, with its reasons ("unplugged",
// "timeout", "busy", "no_permission", "no_device", "io_error"); EndJob has
// nothing to do on a wire. Thread-compatible: one thread at a time.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

#include "drivers/printer/transport.h"
#include "drivers/usb/usb_context.h"
#include "drivers/usb/usb_printer.h"

namespace gb::printer {

class UsbTransport final : public Transport {
 public:
  // usb::UsbPrinter::Open's selector and errors ("bad_selector", "no_device",
  // "unplugged", "busy", "no_permission", "io_error").
  static base::Result<std::unique_ptr<UsbTransport>> Open(std::shared_ptr<usb::UsbContext> ctx,
                                                          std::string_view selector);

  base::Status Write(std::span<const uint8_t> bytes, int timeout_ms) override;
  base::Result<size_t> Read(std::span<uint8_t> buf, int timeout_ms) override;
  std::string Describe() const override;

 private:
  explicit UsbTransport(std::unique_ptr<usb::UsbPrinter> device) : device_(std::move(device)) {}

  std::unique_ptr<usb::UsbPrinter> device_;  // never null
};

}  // namespace gb::printer
