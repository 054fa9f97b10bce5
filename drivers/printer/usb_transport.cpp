#include "drivers/printer/usb_transport.h"

#include <utility>

namespace gb::printer {

base::Result<std::unique_ptr<UsbTransport>> UsbTransport::Open(std::shared_ptr<usb::UsbContext> ctx,
                                                               std::string_view selector) {
  GB_ASSIGN_OR_RETURN(std::unique_ptr<usb::UsbPrinter> device,
                      usb::UsbPrinter::Open(std::move(ctx), selector));
  return std::unique_ptr<UsbTransport>(new UsbTransport(std::move(device)));
}

base::Status UsbTransport::Write(std::span<const uint8_t> bytes, int timeout_ms) {
  return device_->Write(bytes, timeout_ms);
}

base::Result<size_t> UsbTransport::Read(std::span<uint8_t> buf, int timeout_ms) {
  return device_->Read(buf, timeout_ms);
}

std::string UsbTransport::Describe() const { return device_->Describe(); }

}  // namespace gb::printer
