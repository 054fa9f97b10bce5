// OpenPrinter: from a PrinterSpec to a working Printer, choosing the transport
// (png:, file:, usb) and the printer profile (named, found by USB id, or the
// generic 80 mm row).
#pragma once

#include <memory>
#include <string>

#include "drivers/printer/escpos_printer.h"
#include "drivers/printer/printer_spec.h"

namespace gb::printer {

struct OpenOptions {
  std::string profile;  // a profile row name; empty: by USB id, else generic-80mm
};

// Resolves the profile and returns a printer whose transport opens on first
// use (and again after an unplug). Fails only for a bad profile name or, for
// usb, when libusb cannot start; a missing device shows on the first Check.
base::Result<std::unique_ptr<EscposPrinter>> OpenPrinter(const PrinterSpec& spec,
                                                         const OpenOptions& options = {});

}  // namespace gb::printer
