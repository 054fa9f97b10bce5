#include "drivers/printer/open_printer.h"

#include "drivers/printer/file_transport.h"
#include "drivers/printer/png_transport.h"
#include "drivers/printer/usb_transport.h"
#include "drivers/usb/usb_context.h"

namespace gb::printer {

base::Result<std::unique_ptr<EscposPrinter>> OpenPrinter(const PrinterSpec& spec,
                                                         const OpenOptions& options) {
  escpos::PrinterProfile profile;
  if (!options.profile.empty()) {
    GB_ASSIGN_OR_RETURN(profile, escpos::FindProfileByName(options.profile));
  } else if (spec.kind == PrinterSpec::Kind::kUsb && spec.vid != 0) {
    auto known = escpos::FindProfileByUsbId(spec.vid, spec.pid);
    profile = known.ok() ? *known : *escpos::FindProfileByName("generic-80mm");
  } else {
    GB_ASSIGN_OR_RETURN(profile, escpos::FindProfileByName("generic-80mm"));
  }

  TransportFactory factory;
  switch (spec.kind) {
    case PrinterSpec::Kind::kPng:
      factory = [dir = spec.path, profile]() -> base::Result<std::unique_ptr<Transport>> {
        GB_ASSIGN_OR_RETURN(auto t, PngTransport::Create(dir, profile));
        return std::unique_ptr<Transport>(std::move(t));
      };
      break;
    case PrinterSpec::Kind::kFile:
      factory = [path = spec.path]() -> base::Result<std::unique_ptr<Transport>> {
        GB_ASSIGN_OR_RETURN(auto t, FileTransport::Open(path));
        return std::unique_ptr<Transport>(std::move(t));
      };
      break;
    case PrinterSpec::Kind::kUsb: {
      GB_ASSIGN_OR_RETURN(std::shared_ptr<usb::UsbContext> ctx, usb::UsbContext::Create());
      factory = [ctx, selector = spec.ToString()]() -> base::Result<std::unique_ptr<Transport>> {
        GB_ASSIGN_OR_RETURN(auto t, UsbTransport::Open(ctx, selector));
        return std::unique_ptr<Transport>(std::move(t));
      };
      break;
    }
  }
  return std::make_unique<EscposPrinter>(std::move(factory), profile);
}

}  // namespace gb::printer
