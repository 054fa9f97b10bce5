#include "drivers/escpos/test_page.h"

#include <string>

namespace gb::escpos {

base::Status AppendTestPage(Builder& b, const TextRasterizer& rasterizer,
                            std::string_view qr_text) {
  const PrinterProfile& p = b.profile();
  b.Initialize().SetAlign(Align::kCenter).SetBold(true).SetSize(true, true);
  GB_RETURN_IF_ERROR(b.TextLine("GROUP BUY", rasterizer));
  b.SetSize(false, false).SetBold(false);
  GB_RETURN_IF_ERROR(b.TextLine("Printer test page", rasterizer));
  GB_RETURN_IF_ERROR(b.TextLine(std::string(p.name) + " " + std::to_string(p.width_dots) +
                                    " dots " + std::to_string(p.dpi) + " dpi",
                                rasterizer));
  b.Feed(1).SetAlign(Align::kLeft);
  GB_RETURN_IF_ERROR(b.TextLine("Deal: Rice 5 kg x 12", rasterizer));
  GB_RETURN_IF_ERROR(b.TextLine("Pledged: 3    Price: 12.50", rasterizer));
  b.SetBold(true);
  GB_RETURN_IF_ERROR(b.TextLine("Bold: TOTAL 37.50", rasterizer));
  b.SetBold(false);
  GB_RETURN_IF_ERROR(b.TextLine("Привет, мир", rasterizer));
  GB_RETURN_IF_ERROR(b.TextLine("团购成功", rasterizer));
  b.SetSize(false, true);
  GB_RETURN_IF_ERROR(b.TextLine("Tall: 0123456789", rasterizer));
  b.SetSize(false, false).Feed(1).SetAlign(Align::kCenter);
  GB_RETURN_IF_ERROR(b.RasterQr(qr_text));
  GB_RETURN_IF_ERROR(b.TextLine("Scan at the kiosk", rasterizer));
  b.Feed(2).Cut();
  return base::Status::Ok();
}

}  // namespace gb::escpos
