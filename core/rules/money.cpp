#include "core/rules/money.h"

#include <array>
#include <utility>

namespace gb::rules {

std::optional<int> CurrencyExponent(std::string_view iso) {
  // The currencies of the markets we sell in; a new market adds a row.
  static constexpr std::array<std::pair<std::string_view, int>, 20> kTable{{
      {"EUR", 2}, {"USD", 2}, {"GBP", 2}, {"CHF", 2}, {"PLN", 2}, {"CZK", 2}, {"SEK", 2},
      {"NOK", 2}, {"DKK", 2}, {"RUB", 2}, {"KZT", 2}, {"UAH", 2}, {"CNY", 2}, {"HKD", 2},
      {"TWD", 2}, {"SGD", 2}, {"CAD", 2}, {"AUD", 2}, {"JPY", 0}, {"KRW", 0},
  }};
  for (const auto& [code, exp] : kTable) {
    if (code == iso) return exp;
  }
  return std::nullopt;
}

int64_t ApplyBasisPoints(int64_t value, int64_t bp) {
  // Prices are far below 2^63 / 10^4, so the product cannot overflow.
  return (value * bp + 5000) / 10000;
}

}  // namespace gb::rules
