// libFuzzer harness for the virtual printer's ESC/POS interpreter
// (drivers/virtual/interpreter.h): it reads whatever bytes a print job holds.
// The first byte picks the printer profile (its width, band limit and native
// QR support change the paths taken); the rest is the job. Properties
// besides crashes, hangs and sanitizer findings, as interpreter.h promises:
// pages are the profile's width and within the paper cap, diagnostics are
// capped, each names an offset inside the job and says what went wrong.
//
// Built with clang only (tests/fuzz/CMakeLists.txt); C++20.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <span>

#include "drivers/escpos/printer_profile.h"
#include "drivers/virtual/interpreter.h"

namespace {

using namespace gb;

void Check(bool property) {
  if (!property) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const auto profiles = escpos::AllProfiles();
  const escpos::PrinterProfile& profile = profiles[data[0] % profiles.size()];
  std::span<const uint8_t> job(data + 1, size - 1);

  const virtual_printer::Rendering r = virtual_printer::Interpreter(profile).Run(job);
  long rows = 0;
  for (const virtual_printer::Page& p : r.pages) {
    Check(p.image.width() == profile.width_dots);
    rows += p.image.height();
  }
  Check(rows <= virtual_printer::PageCanvas::kMaxRows);
  Check(r.diagnostics.size() <= virtual_printer::Interpreter::kMaxDiagnostics + 1);
  for (const virtual_printer::Diagnostic& d : r.diagnostics) {
    Check(d.offset <= job.size() && !d.message.empty());
  }
  return 0;
}
