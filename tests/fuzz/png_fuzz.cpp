// libFuzzer harness for the virtual printer's PNG codec
// (drivers/virtual/png_codec.h): DecodePng reads any PNG it is given (a
// printer folder is just files). SDL2_image and libpng do the parsing and are
// not instrumented; what is fuzzed is our side: the surface conversion and
// the copy into a GrayImage. Properties besides crashes and sanitizer
// findings: a decoded image has pixels for exactly width * height; a refusal
// is "png_failed" with a message; and a decoded image encodes and decodes
// back to the same pixels (the codec the printer writes its pages with).
//
// Built with clang only (tests/fuzz/CMakeLists.txt); C++20.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "drivers/virtual/png_codec.h"

namespace {

using namespace gb::virtual_printer;

void Check(bool property) {
  if (!property) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view png(reinterpret_cast<const char*>(data), size);
  auto image = DecodePng(png);
  if (!image.ok()) {
    Check(image.status().reason() == "png_failed" && !image.status().message().empty());
    return 0;
  }
  Check(image->width > 0 && image->height > 0);
  Check(image->pixels.size() ==
        static_cast<size_t>(image->width) * static_cast<size_t>(image->height));
  auto encoded = EncodePng(*image);
  Check(encoded.ok());
  auto again = DecodePng(*encoded);
  Check(again.ok() && again->width == image->width && again->height == image->height &&
        again->pixels == image->pixels);
  return 0;
}
