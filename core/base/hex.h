// Lower-case hexadecimal text for bytes, and back.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/base/result.h"

namespace gb::base {

std::string ToHex(std::span<const uint8_t> bytes);

// Accepts upper or lower case. Reason "bad_hex" for an odd length or a
// character that is not a hex digit.
Result<std::vector<uint8_t>> FromHex(std::string_view text);

}  // namespace gb::base
