#include "kiosk/receipts/layout.h"

#include <algorithm>

#include "drivers/escpos/commands.h"

namespace gb::receipts::layout {
namespace {

bool IsAscii(std::string_view s) {
  return std::all_of(s.begin(), s.end(), [](char c) { return c >= 0x20 && c < 0x7f; });
}

// True for the code points of CJK scripts, which break between characters.
bool IsCjk(char32_t c) {
  return (c >= 0x2E80 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF) ||
         (c >= 0xF900 && c <= 0xFAFF) || (c >= 0xFF00 && c <= 0xFFEF);
}

bool HasCjk(std::string_view s) {
  for (std::size_t i = 0; i < s.size();) {
    const auto lead = static_cast<unsigned char>(s[i]);
    const int len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t c = len == 1 ? lead : lead & (0x7F >> len);
    for (int k = 1; k < len && i + static_cast<std::size_t>(k) < s.size(); ++k) {
      c = (c << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    }
    if (IsCjk(c)) return true;
    i += static_cast<std::size_t>(len);
  }
  return false;
}

// Whether every word of text fits the paper's width at this size, so that
// wrapping never has to cut one.
bool WordsFit(const Context& ctx, std::string_view text, bool double_width, bool double_height) {
  const int width = ctx.builder.profile().width_dots;
  const int scale = double_width ? 2 : 1;
  std::size_t i = 0;
  while (i <= text.size()) {
    std::size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(i, end - i);
    i = end + 1;
    if (word.empty() || HasCjk(word)) continue;
    if (IsAscii(word)) {
      if (static_cast<int>(word.size()) * escpos::cmd::kFontAWidth * scale > width) return false;
      continue;
    }
    const int px = escpos::cmd::kDefaultLinePitch * (double_height ? 2 : 1);
    base::Result<escpos::Bitmap> drawn = ctx.rasterizer.Render(word, px, true, 1 << 16);
    if (!drawn.ok() || drawn->width() * scale > width) return false;
  }
  return true;
}

// Whether the whole text fits one line at this size.
bool LineFits(const Context& ctx, std::string_view text, bool double_width, bool double_height) {
  const int scale = double_width ? 2 : 1;
  const int px = escpos::cmd::kDefaultLinePitch * (double_height ? 2 : 1);
  base::Result<escpos::Bitmap> drawn = ctx.rasterizer.Render(text, px, true, 1 << 16);
  return drawn.ok() && drawn->width() * scale <= ctx.builder.profile().width_dots;
}

}  // namespace

base::Status Heading(const Context& ctx, std::string_view text) {
  escpos::Builder& b = ctx.builder;
  b.SetBold(true);
  base::Status s;
  // CJK may break between any two characters: a short heading ("您是第 7 位")
  // would leave its last character alone, so it steps down until it is one
  // line instead.
  if (HasCjk(text) && !LineFits(ctx, text, true, true)) {
    b.SetSize(false, LineFits(ctx, text, false, true));
    s = Paragraph(ctx, text);
  } else if (WordsFit(ctx, text, true, true)) {
    b.SetSize(true, true);
    s = Paragraph(ctx, text, true);
  } else {
    // Tall but not wide: "ПОВТОРНАЯ" at double width would break inside the word.
    b.SetSize(false, WordsFit(ctx, text, false, true));
    s = Paragraph(ctx, text);
  }
  b.SetSize(false, false).SetBold(false);
  return s;
}

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
    GB_RETURN_IF_ERROR(Heading(ctx, "*** " + ctx.words.Text("receipt.reprint") + " ***"));
  }
  GB_RETURN_IF_ERROR(Heading(ctx, ctx.store.name));
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
