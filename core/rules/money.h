// ISO 4217 currencies and integer money arithmetic.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

namespace gb::rules {

// Minor-unit exponent of a known ISO 4217 code (EUR -> 2, JPY -> 0), or nullopt.
std::optional<int> CurrencyExponent(std::string_view iso);

// value * bp / 10000, rounded half up. REQUIRES: value >= 0, 0 <= bp <= 10000.
int64_t ApplyBasisPoints(int64_t value, int64_t bp);

}  // namespace gb::rules
