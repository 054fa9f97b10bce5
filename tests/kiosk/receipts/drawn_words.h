// Finding words in a print job that sends none as text.
//
// Receipts draw every word (kiosk/receipts/layout.h), so a job's bytes hold
// images, not "Code 7-7-12345". Drawing is deterministic: the same text,
// size, weight, alignment and paper give the same GS v 0 bytes. These
// helpers draw a line exactly as the layouts do, with the default fonts, and
// return its image bytes, for tests to look for in a job (in process, or in
// the .escpos files of a groupbuy-kiosk process on this machine).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "drivers/escpos/builder.h"
#include "drivers/escpos/printer_profile.h"
#include "drivers/text/ttf_rasterizer.h"
#include "kiosk/i18n/catalog.h"
#include "kiosk/receipts/layout.h"

namespace gb::receipts::drawn {

inline const escpos::TextRasterizer& DefaultFonts() {
  static const std::unique_ptr<text::TtfRasterizer> fonts =
      std::move(text::TtfRasterizer::Create()).value();
  return *fonts;
}

struct Style {
  escpos::Align align = escpos::Align::kCenter;
  bool bold = false;
  int max_px = layout::kBody;  // sized as layout::Fitted would, from here down
};

// The image bytes of text drawn as the layouts draw it in this style.
inline std::string Line(std::string_view profile_name, std::string_view text, Style style = {}) {
  escpos::Builder b(*escpos::FindProfileByName(profile_name));
  const Store store{"", 0};
  Context ctx{b, DefaultFonts(), i18n::Catalog::For(i18n::Lang::kEn), store};
  b.SetAlign(style.align).SetBold(style.bold);
  const size_t from = b.bytes().size();
  if (!layout::Fitted(ctx, text, style.max_px).ok()) return "<not drawn: " + std::string(text) + ">";
  return std::string(b.bytes().begin() + static_cast<std::ptrdiff_t>(from), b.bytes().end());
}

// The REPRINT mark at the top of a reprinted receipt (a centred heading).
inline std::string ReprintMark(std::string_view profile_name, i18n::Lang lang = i18n::Lang::kEn) {
  return Line(profile_name, layout::ReprintMark(i18n::Catalog::For(lang)),
              {escpos::Align::kCenter, true, layout::kHuge});
}

// The voucher receipt's "Code 7-7-12345" line (centred, bold, large).
inline std::string CodeLine(std::string_view profile_name, std::string_view short_code,
                            i18n::Lang lang = i18n::Lang::kEn) {
  return Line(profile_name,
              i18n::Catalog::For(lang).Text("receipt.code", {{"code", std::string(short_code)}}),
              {escpos::Align::kCenter, true, layout::kLarge});
}

// A heading of a slip ("DEPOSIT PAID", the store's name).
inline std::string Heading(std::string_view profile_name, std::string_view text) {
  return Line(profile_name, text, {escpos::Align::kCenter, true, layout::kHuge});
}

inline bool Contains(std::string_view job, std::string_view drawn) {
  return !drawn.empty() && job.find(drawn) != std::string_view::npos;
}
inline bool Contains(const std::vector<uint8_t>& job, std::string_view drawn) {
  return Contains(std::string_view(reinterpret_cast<const char*>(job.data()), job.size()), drawn);
}

}  // namespace gb::receipts::drawn
