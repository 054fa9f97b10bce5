// Printer: one receipt printer as the print queue sees it — can it print
// now, print this job, start clean. EscposPrinter is the real one (ESC/POS
// over a Transport); FakePrinter (tests/support/fake_printer.h) is the
// in-memory one for tests.
#pragma once

#include <cstdint>
#include <span>
#include <string>

#include "core/base/result.h"
#include "drivers/escpos/printer_profile.h"

namespace gb::printer {

struct Readiness {
  bool ready = true;
  bool known = true;   // false when the wire has no way back (file:)
  std::string reason;  // when not ready: "paper_out", "cover_open", "offline", "error"
  std::string detail;  // for the staff screen, e.g. "offline: cover open, paper low"
};

class Printer {
 public:
  virtual ~Printer() = default;
  // Asks the printer. Fails only when the wire does ("unplugged", "timeout", ...).
  virtual base::Result<Readiness> Check() = 0;
  // Sends one whole job. A failure may leave part of it on paper.
  virtual base::Status Print(std::span<const uint8_t> job) = 0;
  // Clears the printer's buffers and errors and restores its defaults, so
  // that nothing half-sent before comes out after a reconnect.
  virtual base::Status Reset() = 0;
  virtual const escpos::PrinterProfile& profile() const = 0;
  virtual std::string Describe() const = 0;
};

}  // namespace gb::printer
