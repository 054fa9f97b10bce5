// PngTransport: the virtual printer (png:DIR) as a Transport, so the demo
// and the tests run the very code path a USB printer gets.
//
// A job's bytes are buffered and EndJob renders them through
// virtual_printer::PngPrinter into DIR/NNNN.png and DIR/NNNN.escpos; commands
// the interpreter does not know are listed in DIR/NNNN.log (never ignored
// silently). A DLE EOT n request written between jobs is answered like a
// printer would, from files a person or a test creates in DIR:
//   DIR/paper-out, DIR/cover-open, DIR/offline, DIR/paper-low
// (create the file to raise the condition, remove it to clear it). While
// paper is out, the cover open or the printer offline, a job is refused with
// reason "offline" and nothing is rendered, as a real printer keeps it.
// Reset bytes (DLE ENQ 2, ESC @) between jobs are consumed.
// Thread-compatible.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "drivers/escpos/printer_profile.h"
#include "drivers/escpos/realtime_status.h"
#include "drivers/printer/transport.h"
#include "drivers/virtual/png_printer.h"

namespace gb::printer {

class PngTransport final : public Transport {
 public:
  static base::Result<std::unique_ptr<PngTransport>> Create(const std::string& dir,
                                                            const escpos::PrinterProfile& profile);

  base::Status Write(std::span<const uint8_t> bytes, int timeout_ms) override;
  base::Result<size_t> Read(std::span<uint8_t> buf, int timeout_ms) override;
  base::Status EndJob() override;
  std::string Describe() const override { return "virtual printer " + printer_.dir(); }

  // The simulated condition, read from the files in DIR.
  escpos::PrinterStatus SimulatedStatus() const;
  // The report of the last rendered job (number, paths, diagnostics).
  const virtual_printer::JobReport& last_report() const { return last_; }

 private:
  explicit PngTransport(virtual_printer::PngPrinter printer) : printer_(std::move(printer)) {}

  virtual_printer::PngPrinter printer_;
  std::vector<uint8_t> job_;
  std::vector<uint8_t> replies_;
  virtual_printer::JobReport last_;
};

}  // namespace gb::printer
