// QrSymbolStore: the printer-side state of GS ( k QR Code (cn = 49): model,
// module size, error correction level and the stored data, with the
// power-on defaults of Epson printers (module size 3, level L). Print draws
// the stored data through the same escpos::qr code the raster path uses,
// so both paths can be compared dot for dot. Pure; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "drivers/escpos/bitmap.h"
#include "drivers/escpos/qr.h"

namespace gb::virtual_printer {

class QrSymbolStore {
 public:
  struct Outcome {
    std::optional<escpos::Bitmap> image;  // set by a successful print (fn 181)
    std::string problem;                  // non-empty: what to report
  };

  // Applies one GS ( k function; params are the pL pH bytes that follow
  // (cn, fn, arguments). Bad parameters leave the state unchanged.
  Outcome Apply(std::span<const std::uint8_t> params);

 private:
  std::vector<std::uint8_t> data_;
  int module_dots_ = 3;
  escpos::QrEcLevel level_ = escpos::QrEcLevel::kL;
};

}  // namespace gb::virtual_printer
