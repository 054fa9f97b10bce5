#include "tests/support/qr_scan.h"

#include <zbar.h>

namespace gb::virtual_printer {

std::vector<std::string> ScanQrCodes(const GrayImage& image) {
  using namespace zbar;  // zbar.h puts its C API in namespace zbar for C++
  std::vector<std::string> out;
  zbar_image_scanner_t* scanner = zbar_image_scanner_create();
  zbar_image_scanner_set_config(scanner, ZBAR_NONE, ZBAR_CFG_ENABLE, 0);
  zbar_image_scanner_set_config(scanner, ZBAR_QRCODE, ZBAR_CFG_ENABLE, 1);
  zbar_image_t* z = zbar_image_create();
  // 'Y800': 8-bit grey, written out because zbar_fourcc() uses C casts.
  const unsigned long y800 =
      'Y' | ('8' << 8) | ('0' << 16) | (static_cast<unsigned long>('0') << 24);
  zbar_image_set_format(z, y800);
  zbar_image_set_size(z, static_cast<unsigned>(image.width), static_cast<unsigned>(image.height));
  zbar_image_set_data(z, image.pixels.data(), image.pixels.size(), nullptr);
  if (zbar_scan_image(scanner, z) > 0) {
    for (const zbar_symbol_t* s = zbar_image_first_symbol(z); s != nullptr;
         s = zbar_symbol_next(s)) {
      out.emplace_back(zbar_symbol_get_data(s), zbar_symbol_get_data_length(s));
    }
  }
  zbar_image_destroy(z);
  zbar_image_scanner_destroy(scanner);
  return out;
}

}  // namespace gb::virtual_printer
