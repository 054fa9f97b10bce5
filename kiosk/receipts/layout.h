// Small drawing helpers shared by the receipt layouts (internal to receipts/).
//
// Every word of a receipt is drawn by the TextRasterizer, in one typeface
// (DejaVu Sans, with Noto Sans CJK for Chinese), and sent as raster lines:
// the printer's resident font is never mixed in, so English looks like
// Russian and Chinese, and sizes are real font sizes rather than the
// printer's stretched double width.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "kiosk/receipts/receipts.h"

namespace gb::receipts::layout {

// Line heights in dots. Body text keeps the resident font's pitch (30 dots),
// so a receipt is as long as it was; headings are one and a half and twice it.
inline constexpr int kBody = 30;
inline constexpr int kLarge = 45;
inline constexpr int kHuge = 60;

// The deal's title in the catalog's language, else English, else any.
std::string Title(const rules::Deal& deal, i18n::Lang lang);

// Money and percentages whose spaces do not break ("499,00 €" keeps its
// sign on the line of its figure).
std::string Money(const Context& ctx, int64_t minor, std::string_view currency);
std::string Percent(const Context& ctx, int64_t bp);

// Prints text px_height dots a line, bold as the builder is set, wrapped
// between words (and between CJK characters) to the paper width. Each line
// follows the builder's alignment.
base::Status Paragraph(const Context& ctx, std::string_view text, int px_height = kBody);

// Large text takes at most this many lines: a longer title steps down.
inline constexpr int kMaxLargeLines = 4;

// The largest of kHuge, kLarge, kBody, no larger than max_px, at which text
// fits the paper: every word of it on one line (a word is never split), and
// text with CJK characters (which may break anywhere) on one line, or on
// several of which the last is at least a third of the paper wide (never a
// lone character); and at most kMaxLargeLines lines. kBody when nothing
// larger fits.
int FittedSize(const Context& ctx, std::string_view text, int max_px);

// Paragraph at FittedSize(ctx, text, max_px).
base::Status Fitted(const Context& ctx, std::string_view text, int max_px);

// A heading: bold, Fitted from kHuge. Leaves bold off.
base::Status Heading(const Context& ctx, std::string_view text);

// "*** REPRINT ***" in the catalog's words, with no-break spaces so that the
// stars never stand alone on a line.
std::string ReprintMark(const i18n::Catalog& words);

// Store name, centred and large, then a rule.
base::Status Header(const Context& ctx, bool reprint);

// A horizontal rule across the paper.
void Rule(const Context& ctx);

// A progress bar of committed / needed, the paper's width, drawn as a raster.
void ProgressBar(const Context& ctx, int64_t done, int64_t needed, int height_dots);

}  // namespace gb::receipts::layout
