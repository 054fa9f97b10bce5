// The printer test page: one job that exercises every command the kiosk uses
// (alignment, bold, double size, resident-font text, host-rasterised Cyrillic
// and Chinese lines, a raster QR code, the cut). Service staff print it to
// check a printer; the golden-image tests pin its pixels.
#pragma once

#include <string_view>

#include "core/base/status.h"
#include "drivers/escpos/builder.h"
#include "drivers/escpos/text_rasterizer.h"

namespace gb::escpos {

// Appends the whole page, from ESC @ to the cut, to builder. qr_text is the
// QR payload (a voucher-shaped string in tests). Fails if the rasterizer or
// the QR encoder fails.
base::Status AppendTestPage(Builder& builder, const TextRasterizer& rasterizer,
                            std::string_view qr_text);

}  // namespace gb::escpos
