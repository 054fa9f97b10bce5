// Test data shared by the virtual printer tests.
#pragma once

#include <string>

namespace gb::virtual_printer {

// 151 characters: "GB1:" and 147 from the Base45 alphabet, shaped like a
// signed voucher (the real codec lives in core/voucher).
inline std::string VoucherText() {
  const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
  std::string s = "GB1:";
  for (std::size_t i = 0; s.size() < 151; ++i) s += alphabet[(i * 11 + i / 45) % alphabet.size()];
  return s;
}

}  // namespace gb::virtual_printer
