// PNG encoding and decoding of GrayImage through SDL2_image, in memory, so
// that files can be written atomically by base::WriteFileAtomic. The only
// file of the virtual printer that includes SDL headers. No SDL subsystem is
// initialised. Thread-safe as far as SDL2_image is (surfaces are per call).
#pragma once

#include <string>
#include <string_view>

#include "core/base/result.h"
#include "drivers/virtual/gray_image.h"

namespace gb::virtual_printer {

// An 8-bit greyscale-palette PNG. Fails with reason "png_failed".
base::Result<std::string> EncodePng(const GrayImage& image);

// Any PNG SDL2_image reads, converted to grey (the green channel, which is
// exact for grey images). Fails with reason "png_failed".
base::Result<GrayImage> DecodePng(std::string_view png);

}  // namespace gb::virtual_printer
