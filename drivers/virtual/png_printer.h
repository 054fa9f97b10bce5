// PngPrinter: a printer that writes paper as PNG files. The adapter that
// joins the pure interpreter to the file system.
//
// Each Print() is one job: DIR/NNNN.escpos keeps the raw bytes as received
// and DIR/NNNN.png shows every page of the job (grey dashed lines mark cuts).
// NNNN is one more than the highest number already in DIR, so numbering
// continues across restarts and never reuses a number. Files are written
// atomically (temporary file, fsync, link) and never overwritten.
// Thread-compatible: one PngPrinter per directory.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <vector>

#include "core/base/result.h"
#include "drivers/escpos/printer_profile.h"
#include "drivers/virtual/interpreter.h"

namespace gb::virtual_printer {

struct JobReport {
  int number = 0;  // NNNN
  std::string png_path;
  std::string escpos_path;
  int pages = 0;
  // Unknown or malformed commands; empty for a clean job.
  std::vector<Diagnostic> diagnostics;
};

class PngPrinter {
 public:
  // Creates dir (mode 0755) if needed. Fails with the MakeDirs reasons.
  static base::Result<PngPrinter> Create(std::string dir, const escpos::PrinterProfile& profile);

  // Renders and stores one job. The diagnostics do not fail the job (a real
  // printer prints what it understood); I/O and PNG errors do. Fails with
  // reason "job_numbers_exhausted" after job 9999.
  base::Result<JobReport> Print(std::span<const std::uint8_t> job);

  const std::string& dir() const { return dir_; }
  const escpos::PrinterProfile& profile() const { return profile_; }

 private:
  PngPrinter(std::string dir, const escpos::PrinterProfile& profile)
      : dir_(std::move(dir)), profile_(profile) {}
  base::Result<int> NextNumber() const;

  std::string dir_;
  escpos::PrinterProfile profile_;
};

}  // namespace gb::virtual_printer
