// Test support: decodes QR codes in a grey image with libzbar, in process.
#pragma once

#include <string>
#include <vector>

#include "drivers/virtual/gray_image.h"

namespace gb::virtual_printer {

// The data of every QR code zbar finds, in scan order.
std::vector<std::string> ScanQrCodes(const GrayImage& image);

}  // namespace gb::virtual_printer
