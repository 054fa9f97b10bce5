// Printer models as table rows (shared/style.md, point 3): what the ESC/POS
// builder and the virtual printer need to know about a receipt printer.
//
// Every row states its assumptions in printer_profile.cpp. Profiles are plain
// values that point into static tables, so copies are cheap and never dangle.
// Thread-safety: everything here is immutable after static initialisation.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "core/base/result.h"

namespace gb::escpos {

// Behaviour that differs between models and firmware.
struct PrinterQuirks {
  // The printer implements GS ( k QR Code (functions 165, 167, 169, 180, 181).
  // When false, QR codes must be sent as raster images.
  bool native_qr = false;
  // The tallest GS v 0 block sent in one command; taller images are split
  // into bands. Cheap printers with small receive buffers need small bands.
  int max_raster_band_rows = 255;
  // Only 0x20..0x7E is trusted to the resident font; anything else (code
  // pages, Cyrillic, CJK) is rasterised on the host. No profile here sets a
  // code page, so this is true for every row today.
  bool ascii_only_text = true;
  // Whether the model has an auto cutter. Without one, Cut() only feeds the
  // paper to the tear bar.
  bool has_cutter = true;
};

struct PrinterProfile {
  std::string_view name;                      // stable key, e.g. "epson-tm-t20"
  std::uint16_t vid = 0;                      // USB vendor id; 0 for generic rows (no USB match)
  std::uint16_t pid = 0;                      // USB product id
  int width_dots = 384;                       // printable width in dots
  int dpi = 203;                              // dots per inch, horizontal and vertical
  std::span<const std::uint8_t> partial_cut;  // bytes for a partial cut
  std::span<const std::uint8_t> full_cut;     // bytes for a full cut
  PrinterQuirks quirks;
};

// All known rows, in table order.
std::span<const PrinterProfile> AllProfiles();

// Fails with reason "unknown_printer" (kNotFound) naming the known names.
base::Result<PrinterProfile> FindProfileByName(std::string_view name);

// First row with this USB id. Fails with reason "unknown_printer" (kNotFound).
// Note: some vendors reuse a product id across models (see the .cpp).
base::Result<PrinterProfile> FindProfileByUsbId(std::uint16_t vid, std::uint16_t pid);

}  // namespace gb::escpos
