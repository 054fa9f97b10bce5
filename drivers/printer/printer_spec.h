// PrinterSpec: how an installer names a printer on the command line and in
// the kiosk's config.
//
//   png:DIR        the virtual printer: each job becomes DIR/NNNN.png (+ .escpos)
//   usb            the first USB printer found (interface class 7 or a known model)
//   usb:VID:PID    a USB printer by hex ids, e.g. usb:04b8:0e15
//   file:PATH      raw bytes to a device node the kernel driver already owns
//                  (e.g. /dev/usb/lp0); no status can be read back
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "core/base/result.h"

namespace gb::printer {

struct PrinterSpec {
  enum class Kind { kPng, kUsb, kFile };
  Kind kind = Kind::kPng;
  std::string path;     // kPng: folder; kFile: device node
  uint16_t vid = 0;     // kUsb with ids; 0 = any printer
  uint16_t pid = 0;
  // Round-trips through ParsePrinterSpec.
  std::string ToString() const;
};

// Reason "bad_printer_spec" naming what is wrong and the accepted forms.
base::Result<PrinterSpec> ParsePrinterSpec(std::string_view text);

}  // namespace gb::printer
