// ParseSizeOption: groupbuy-kiosk's --size WxH (the window in pixels).
#pragma once

#include <string_view>

#include "core/base/result.h"
#include "ui/geometry.h"

namespace gb::shell {

inline constexpr int kMinScreenSide = 320;
inline constexpr int kMaxScreenSide = 7680;

// "1080x1920": two whole decimal numbers joined by a lower-case 'x', each
// between kMinScreenSide and kMaxScreenSide, and nothing else (no sign, no
// spaces, no trailing text). Fails with "bad_size" (InvalidArgument) naming
// --size, the text and what is wrong with it. Never throws.
base::Result<ui::Size> ParseSizeOption(std::string_view text);

}  // namespace gb::shell
