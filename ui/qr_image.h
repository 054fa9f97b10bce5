// QrImage: a QR symbol drawn from its modules (the voucher on screen when
// the printer cannot print it).
//
// Pure: the modules come from whoever encoded the text (libqrencode through
// drivers/escpos/qr.h); this widget only paints them: a white square with a
// four-module quiet zone and whole-pixel modules as large as the rect
// allows, centred, so a phone camera or the till's scanner reads it off the
// screen. Dark modules of a row are painted as runs, not one rect each.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "ui/widget.h"

namespace gb::ui {

class QrImage final : public Widget {
 public:
  // `modules` is size x size, row-major, non-zero = dark. A size of 0 (or
  // a vector of the wrong length) paints nothing but the white square.
  QrImage(std::vector<std::uint8_t> modules, int size, int side, std::string automation_id = {});

  // The module size in pixels for the current rect (0 when it does not fit).
  int ModulePixels() const;

 protected:
  Size OnMeasure(const Constraints& constraints, const LayoutContext& ctx) override;
  void OnPaint(Painter& painter, const Theme& theme) const override;

 private:
  std::vector<std::uint8_t> modules_;
  int size_;
  int side_;
};

}  // namespace gb::ui
