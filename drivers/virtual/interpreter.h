// Interpreter: the virtual printer's brain. It reads the very bytes a USB
// receipt printer would receive and draws what the printer would print, page
// by page, at the profile's width. Pure: no I/O, no SDL.
//
// Emulated: ESC @, ESC a, ESC E, ESC d, GS !, GS V (0/1/48/49/65/66),
// GS v 0, GS ( k QR (model, module size, EC level, store, print, size info),
// DLE EOT n (a status request: no ink), LF, CR (ignored, as in USB mode) and
// printable ASCII in the built-in font (drivers/virtual/bitmap_font.h).
//
// Everything else is REPORTED as a Diagnostic with its byte offset and bytes:
// unknown commands (skipped as ESC/GS/DLE plus one byte, since their length
// is unknown), bad parameters, truncated commands (the rest of the job is
// dropped), bytes above 0x7E (drawn as '?', code pages are not emulated),
// commands a printer only accepts at the start of a line, raster blocks
// taller than the profile's band limit, QR without native support, text
// left unprinted in the line buffer at the end, and paper beyond the
// length cap. No input makes it crash, loop or allocate without bound.
// Thread-safety: Run is const and keeps no state between calls.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "drivers/escpos/printer_profile.h"
#include "drivers/virtual/page_canvas.h"

namespace gb::virtual_printer {

struct Diagnostic {
  std::size_t offset = 0;  // of the first byte of the offending command
  std::string hex;         // its first bytes, e.g. "1B 5A 01"
  std::string message;
  // "@12 [1B 5A 01] unsupported command ESC Z"
  std::string ToString() const;
};

struct Rendering {
  std::vector<Page> pages;
  std::vector<Diagnostic> diagnostics;
};

class Interpreter {
 public:
  // At most this many diagnostics are kept; one more says how many were dropped.
  static constexpr std::size_t kMaxDiagnostics = 200;

  explicit Interpreter(const escpos::PrinterProfile& profile) : profile_(profile) {}

  // Interprets one job from the power-on state (each call is independent).
  Rendering Run(std::span<const std::uint8_t> job) const;

 private:
  escpos::PrinterProfile profile_;
};

}  // namespace gb::virtual_printer
