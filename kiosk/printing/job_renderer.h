// JobRenderer: turns a print job from the ledger into the ESC/POS bytes of
// its receipt, at print time, so a reprint shows today's tally and says
// REPRINT. Owns the font rasterizer, which is not thread-safe: a renderer
// belongs to the print worker's thread.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "drivers/escpos/printer_profile.h"
#include "drivers/escpos/text_rasterizer.h"
#include "kiosk/ledger/ledger.h"
#include "kiosk/receipts/receipts.h"

namespace gb::printing {

class JobRenderer {
 public:
  // Uses the given rasterizer (tests) or, when null, creates the TTF one.
  static base::Result<std::unique_ptr<JobRenderer>> Create(
      receipts::Store store, std::unique_ptr<escpos::TextRasterizer> rasterizer = nullptr);

  // Kinds: "voucher" (pledge_id), "test" (payload {"qr": text}),
  // "cancellation", "redemption", "shelf", "deposit", "refund" (payloads in
  // docs/printing.md and kiosk/ledger/till_ops.cpp).
  // Reason "bad_print_job" for an unknown kind or a payload that lacks a field.
  base::Result<std::vector<uint8_t>> Render(ledger::Ledger& ledger, const ledger::PrintJob& job,
                                            const escpos::PrinterProfile& profile, int64_t now);

 private:
  JobRenderer(receipts::Store store, std::unique_ptr<escpos::TextRasterizer> rasterizer)
      : store_(std::move(store)), rasterizer_(std::move(rasterizer)) {}
  receipts::Store store_;
  std::unique_ptr<escpos::TextRasterizer> rasterizer_;
};

}  // namespace gb::printing
