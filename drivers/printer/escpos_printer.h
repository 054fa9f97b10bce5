// EscposPrinter: a Printer over a Transport, speaking ESC/POS.
//
// Status comes from DLE EOT 1, 2 and 4 (escpos/realtime_status.h). Jobs go
// out in chunks, each written only when the previous one was taken, with a
// timeout per chunk: the USB bulk pipe's flow control paces us to the
// printer's buffer, and a stalled printer becomes a timeout, never a hang.
// When the wire fails, the transport is dropped and opened again through the
// factory on the next Check, so an unplugged printer comes back by itself.
// Thread-compatible: the print queue's worker is its only user.
#pragma once

#include <functional>
#include <memory>

#include "drivers/printer/printer.h"
#include "drivers/printer/transport.h"

namespace gb::printer {

using TransportFactory = std::function<base::Result<std::unique_ptr<Transport>>()>;

struct EscposPrinterOptions {
  size_t chunk_bytes = 1024;
  int write_timeout_ms = 3000;
  int status_timeout_ms = 300;
};

class EscposPrinter final : public Printer {
 public:
  EscposPrinter(TransportFactory factory, const escpos::PrinterProfile& profile,
                EscposPrinterOptions options = {});

  base::Result<Readiness> Check() override;
  base::Status Print(std::span<const uint8_t> job) override;
  base::Status Reset() override;
  const escpos::PrinterProfile& profile() const override { return profile_; }
  std::string Describe() const override;

 private:
  base::Status EnsureOpen();
  // Drops the transport after a wire failure so the next call reopens it.
  base::Status Fail(base::Status s);

  TransportFactory factory_;
  escpos::PrinterProfile profile_;
  EscposPrinterOptions options_;
  std::unique_ptr<Transport> transport_;
  std::string last_name_;
};

}  // namespace gb::printer
