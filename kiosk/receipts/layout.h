// Small drawing helpers shared by the receipt layouts (internal to receipts/).
#pragma once

#include <string>
#include <string_view>

#include "kiosk/receipts/receipts.h"

namespace gb::receipts::layout {

// The deal's title in the catalog's language, else English, else any.
std::string Title(const rules::Deal& deal, i18n::Lang lang);

// Prints text as lines that break between words. ASCII is wrapped here at the
// resident font's characters per line (the printer would break inside words);
// other scripts are wrapped by the rasterizer.
base::Status Paragraph(const Context& ctx, std::string_view text, bool double_width = false);

// A heading in bold at the largest size at which no word is split across
// lines: double size, else double height, else normal (CJK may still break
// between characters, as its rules allow). Leaves size normal, bold off.
base::Status Heading(const Context& ctx, std::string_view text);

// Store name, centred and large, then a rule.
base::Status Header(const Context& ctx, bool reprint);

// A horizontal rule across the paper.
void Rule(const Context& ctx);

// A progress bar of committed / needed, the paper's width, drawn as a raster.
void ProgressBar(const Context& ctx, int64_t done, int64_t needed, int height_dots);

}  // namespace gb::receipts::layout
