// QR codes for receipts: libqrencode in, escpos::Bitmap out.
//
// Pure (no I/O). libqrencode failures become a Status in exactly one place
// (qr.cpp). Text made only of the QR alphanumeric set (0-9, A-Z, space and
// $%*+-./:, which is also the Base45 alphabet of vouchers) is encoded in
// alphanumeric mode, which needs about 30% fewer modules than byte mode;
// anything else is encoded as 8-bit bytes.
// Thread-safety: libqrencode 4 is reentrant for these calls; so is this file.
#pragma once

#include <string_view>

#include "core/base/result.h"
#include "drivers/escpos/bitmap.h"
#include "drivers/escpos/printer_profile.h"

namespace gb::escpos {

enum class QrEcLevel { kL, kM, kQ, kH };

// Modules of white border that scanners need around the symbol (ISO 18004).
inline constexpr int kQrQuietZoneModules = 4;

// True if every byte is in the QR alphanumeric set.
bool IsQrAlphanumeric(std::string_view text);

// The symbol as one pixel per module, without quiet zone. Fails with reason
// "qr_empty" (empty text), "qr_too_long" (over the capacity of version 40 at
// this level) or "qr_failed" (any other libqrencode error).
base::Result<Bitmap> EncodeQrModules(std::string_view text, QrEcLevel level);

// Scales a module image by module_dots and adds the quiet zone.
// REQUIRES: module_dots >= 1.
Bitmap RasterizeQr(const Bitmap& modules, int module_dots);

// Module size in dots for about 0.5 mm modules at the profile's dpi
// (4 dots at 203 dpi, 4 at 180 dpi).
int PreferredQrModuleDots(const PrinterProfile& profile);

// The module size for a symbol of symbol_modules (without quiet zone):
// PreferredQrModuleDots, made smaller when needed so that symbol and quiet
// zone are never wider than the paper. Fails with reason "qr_too_wide" when
// even kMinQrModuleDots does not fit (1-dot modules do not scan reliably).
inline constexpr int kMinQrModuleDots = 2;
base::Result<int> FitQrModuleDots(int symbol_modules, const PrinterProfile& profile);

// Level M symbol with quiet zone at the FitQrModuleDots size.
base::Result<Bitmap> RenderQrForProfile(std::string_view text, const PrinterProfile& profile);

}  // namespace gb::escpos
