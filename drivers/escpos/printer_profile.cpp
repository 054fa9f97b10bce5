#include "drivers/escpos/printer_profile.h"

#include <array>
#include <cstdio>
#include <string>

namespace gb::escpos {
namespace {

// GS V 66 0: feed to the cutting position, then cut (partial / full).
constexpr std::array<std::uint8_t, 4> kPartialCutFeed = {0x1D, 0x56, 0x42, 0x00};
constexpr std::array<std::uint8_t, 4> kFullCutFeed = {0x1D, 0x56, 0x41, 0x00};
// ESC d 4: printers without a cutter get the paper fed past the tear bar.
constexpr std::array<std::uint8_t, 3> kFeedToTearBar = {0x1B, 0x64, 0x04};

constexpr PrinterQuirks kGenericQuirks{
    .native_qr = false, .max_raster_band_rows = 255, .ascii_only_text = true, .has_cutter = true};

// Assumptions, row by row (checked against public manuals and driver tables,
// not against hardware we own):
// - Generic rows: 203 dpi heads with 48 mm (384 dots) and 72 mm (576 dots)
//   print width, the usual figures for 58 and 80 mm paper. Native QR is off
//   because clone firmware varies; a 255-row band keeps yH at 0, which every
//   clone we have read about accepts.
// - Epson TM-T20: 203 dpi, 576 dots on 80 mm paper, GS ( k QR supported.
//   0x04b8:0x0e15 is the id the python-escpos device list gives for the
//   TM-T20II; the first TM-T20 reportedly reports 0x0e03 (not in this table).
//   Epson allows up to 2303 rows per GS v 0; 1024 is a margin, not a limit.
// - Epson TM-T88V: 180 dpi (not 203), 512 dots (72 mm) on 80 mm paper, GS ( k
//   QR supported. 0x04b8:0x0202 is NOT unique: the TM-T88IV and TM-T70 (UB-U05
//   interface) report it too, and the TM-T88IV has no native QR. A vid:pid
//   match therefore means "an Epson of this family"; raster QR is the safe path.
// - Chinese 58 mm "POS58" printers behind 0x0416:0x5011 (a Winbond id many
//   clones share): 203 dpi, 384 dots, usually no cutter. Some have small
//   receive buffers and garble tall raster blocks, hence 128-row bands.
constexpr std::array<PrinterProfile, 5> kProfiles = {{
    {.name = "generic-58mm",
     .vid = 0,
     .pid = 0,
     .width_dots = 384,
     .dpi = 203,
     .partial_cut = kPartialCutFeed,
     .full_cut = kFullCutFeed,
     .quirks = kGenericQuirks},
    {.name = "generic-80mm",
     .vid = 0,
     .pid = 0,
     .width_dots = 576,
     .dpi = 203,
     .partial_cut = kPartialCutFeed,
     .full_cut = kFullCutFeed,
     .quirks = kGenericQuirks},
    {.name = "epson-tm-t20",
     .vid = 0x04b8,
     .pid = 0x0e15,
     .width_dots = 576,
     .dpi = 203,
     .partial_cut = kPartialCutFeed,
     .full_cut = kFullCutFeed,
     .quirks = {.native_qr = true,
                .max_raster_band_rows = 1024,
                .ascii_only_text = true,
                .has_cutter = true}},
    {.name = "epson-tm-t88v",
     .vid = 0x04b8,
     .pid = 0x0202,
     .width_dots = 512,
     .dpi = 180,
     .partial_cut = kPartialCutFeed,
     .full_cut = kFullCutFeed,
     .quirks = {.native_qr = true,
                .max_raster_band_rows = 1024,
                .ascii_only_text = true,
                .has_cutter = true}},
    {.name = "generic-cn-58mm",
     .vid = 0x0416,
     .pid = 0x5011,
     .width_dots = 384,
     .dpi = 203,
     .partial_cut = kFeedToTearBar,
     .full_cut = kFeedToTearBar,
     .quirks = {.native_qr = false,
                .max_raster_band_rows = 128,
                .ascii_only_text = true,
                .has_cutter = false}},
}};

std::string KnownNames() {
  std::string out;
  for (const PrinterProfile& p : kProfiles) {
    if (!out.empty()) out += ", ";
    out += p.name;
  }
  return out;
}

}  // namespace

std::span<const PrinterProfile> AllProfiles() { return kProfiles; }

base::Result<PrinterProfile> FindProfileByName(std::string_view name) {
  for (const PrinterProfile& p : kProfiles) {
    if (p.name == name) return p;
  }
  return base::Status::NotFound(
      "unknown_printer",
      "no printer profile named '" + std::string(name) + "'; known: " + KnownNames());
}

base::Result<PrinterProfile> FindProfileByUsbId(std::uint16_t vid, std::uint16_t pid) {
  for (const PrinterProfile& p : kProfiles) {
    if (p.vid != 0 && p.vid == vid && p.pid == pid) return p;
  }
  char id[16];
  std::snprintf(id, sizeof id, "%04x:%04x", vid, pid);
  return base::Status::NotFound("unknown_printer",
                                std::string("no printer profile for USB id ") + id);
}

}  // namespace gb::escpos
