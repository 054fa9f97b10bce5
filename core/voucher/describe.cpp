#include "core/voucher/describe.h"

namespace gb::voucher {
namespace {

bool IsPrintableAscii(char c) {
  auto u = static_cast<unsigned char>(c);
  return u >= 0x20 && u < 0x7f;
}

std::string HexByte(char c) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  auto u = static_cast<unsigned char>(c);
  return {kHex[u >> 4], kHex[u & 0xF]};
}

}  // namespace

std::string DescribeChar(char c) {
  if (IsPrintableAscii(c)) return std::string("character '") + c + "'";
  return "byte 0x" + HexByte(c);
}

std::string Quote(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (IsPrintableAscii(c) && c != '"' && c != '\\') {
      out += c;
    } else {
      out += "\\x" + HexByte(c);
    }
  }
  return out + "\"";
}

}  // namespace gb::voucher
