#include "kiosk/receipts/layout.h"

#include <algorithm>

#include "drivers/escpos/commands.h"

namespace gb::receipts::layout {
namespace {

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

}  // namespace

std::string Title(const rules::Deal& deal, i18n::Lang lang) {
  for (std::string_view code : {i18n::LangCode(lang), std::string_view("en")}) {
    auto it = deal.title.find(std::string(code));
    if (it != deal.title.end()) return it->second;
  }
  return deal.title.empty() ? std::string() : deal.title.begin()->second;
}

base::Status Paragraph(const Context& ctx, std::string_view text, bool double_width) {
  escpos::Builder& b = ctx.builder;
  if (!IsAscii(text)) return b.TextLine(text, ctx.rasterizer);
  const size_t per_line = static_cast<size_t>(b.profile().width_dots /
                                              (escpos::cmd::kFontAWidth * (double_width ? 2 : 1)));
  std::string line;
  size_t i = 0;
  while (i < text.size()) {
    size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    std::string_view word = text.substr(i, end - i);
    i = end + 1;
    // A word longer than a line is cut: the printer would do the same.
    while (word.size() > per_line) {
      if (!line.empty()) GB_RETURN_IF_ERROR(b.TextLine(line, ctx.rasterizer));
      line.clear();
      GB_RETURN_IF_ERROR(b.TextLine(word.substr(0, per_line), ctx.rasterizer));
      word.remove_prefix(per_line);
    }
    if (!line.empty() && line.size() + 1 + word.size() > per_line) {
      GB_RETURN_IF_ERROR(b.TextLine(line, ctx.rasterizer));
      line.clear();
    }
    if (!line.empty()) line += ' ';
    line += word;
  }
  if (!line.empty()) GB_RETURN_IF_ERROR(b.TextLine(line, ctx.rasterizer));
  return base::Status::Ok();
}

base::Status Header(const Context& ctx, bool reprint) {
  escpos::Builder& b = ctx.builder;
  b.Initialize().SetAlign(escpos::Align::kCenter);
  if (reprint) {
    // Said first and large, so a reprint can never pass for a second voucher.
    b.SetBold(true).SetSize(true, true);
    GB_RETURN_IF_ERROR(b.TextLine("*** " + ctx.words.Text("receipt.reprint") + " ***",
                                  ctx.rasterizer));
    b.SetSize(false, false).SetBold(false);
  }
  b.SetBold(true).SetSize(true, true);
  GB_RETURN_IF_ERROR(Paragraph(ctx, ctx.store.name, true));
  b.SetSize(false, false).SetBold(false);
  Rule(ctx);
  return base::Status::Ok();
}

void Rule(const Context& ctx) {
  const int w = ctx.builder.profile().width_dots;
  escpos::Bitmap line(w, 6);
  line.FillRect(0, 2, w, 2, true);
  ctx.builder.Raster(line);
}

void ProgressBar(const Context& ctx, int64_t done, int64_t needed, int height_dots) {
  const int w = ctx.builder.profile().width_dots - 16;
  escpos::Bitmap bar(w, height_dots);
  const int border = 3;
  bar.FillRect(0, 0, w, border, true);
  bar.FillRect(0, height_dots - border, w, border, true);
  bar.FillRect(0, 0, border, height_dots, true);
  bar.FillRect(w - border, 0, border, height_dots, true);
  int64_t shown = std::clamp<int64_t>(done, 0, std::max<int64_t>(needed, 1));
  const int inner = w - 2 * (border + 2);
  const int fill = static_cast<int>(inner * shown / std::max<int64_t>(needed, 1));
  bar.FillRect(border + 2, border + 2, fill, height_dots - 2 * (border + 2), true);
  ctx.builder.SetAlign(escpos::Align::kCenter);
  ctx.builder.Raster(bar);
}

}  // namespace gb::receipts::layout
