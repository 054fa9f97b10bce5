#include "kiosk/receipts/layout.h"

#include <algorithm>

namespace gb::receipts::layout {
namespace {

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

// The width of the ink of rows [top, top + rows) of image.
int InkWidth(const escpos::Bitmap& image, int top, int rows) {
  const auto [left, end] = image.InkColumns(top, top + rows);
  return end - left;
}

// Whether text fits the paper at this size (see FittedSize).
bool Fits(const Context& ctx, std::string_view text, int px) {
  const int width = ctx.builder.profile().width_dots;
  const bool bold = ctx.builder.bold();
  const bool cjk = HasCjk(text);
  // Words first, measured unwrapped: wider than the paper means the wrapper
  // would cut one. (CJK may break between any two characters.)
  for (std::size_t i = 0; !cjk && i <= text.size();) {
    std::size_t end = text.find(' ', i);
    if (end == std::string_view::npos) end = text.size();
    const std::string_view word = text.substr(i, end - i);
    i = end + 1;
    if (word.empty()) continue;
    base::Result<escpos::Bitmap> alone = ctx.rasterizer.Render(word, px, bold, 1 << 16);
    if (!alone.ok() || alone->width() > width) return false;
  }
  base::Result<escpos::Bitmap> drawn = ctx.rasterizer.Render(text, px, bold, width);
  if (!drawn.ok()) return false;
  const int lines = drawn->height() / px;
  if (lines > kMaxLargeLines) return false;
  return !cjk || lines <= 1 || InkWidth(*drawn, (lines - 1) * px, px) * 3 >= width;
}

// Spaces that must not break a figure from its unit.
std::string NoBreak(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ') {
      out += "\u00A0";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace

std::string Title(const rules::Deal& deal, i18n::Lang lang) {
  for (std::string_view code : {i18n::LangCode(lang), std::string_view("en")}) {
    auto it = deal.title.find(std::string(code));
    if (it != deal.title.end()) return it->second;
  }
  return deal.title.empty() ? std::string() : deal.title.begin()->second;
}

std::string Money(const Context& ctx, int64_t minor, std::string_view currency) {
  return NoBreak(ctx.words.Money(minor, currency));
}

std::string Percent(const Context& ctx, int64_t bp) { return NoBreak(ctx.words.Percent(bp)); }

base::Status Paragraph(const Context& ctx, std::string_view text, int px_height) {
  return ctx.builder.RasterText(text, ctx.rasterizer, px_height);
}

int FittedSize(const Context& ctx, std::string_view text, int max_px) {
  for (int px : {kHuge, kLarge}) {
    if (px <= max_px && Fits(ctx, text, px)) return px;
  }
  return kBody;
}

base::Status Fitted(const Context& ctx, std::string_view text, int max_px) {
  return Paragraph(ctx, text, FittedSize(ctx, text, max_px));
}

base::Status Heading(const Context& ctx, std::string_view text) {
  ctx.builder.SetBold(true);
  base::Status s = Fitted(ctx, text, kHuge);
  ctx.builder.SetBold(false);
  return s;
}

std::string ReprintMark(const i18n::Catalog& words) {
  return "***\u00A0" + words.Text("receipt.reprint") + "\u00A0***";
}

base::Status Header(const Context& ctx, bool reprint) {
  escpos::Builder& b = ctx.builder;
  b.Initialize().SetAlign(escpos::Align::kCenter);
  if (reprint) {
    // Said first and large, so a reprint can never pass for a second voucher.
    GB_RETURN_IF_ERROR(Heading(ctx, ReprintMark(ctx.words)));
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
